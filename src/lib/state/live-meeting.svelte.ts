/**
 * One open meeting. The events of its stream are held in memory and projected again after each
 * committed append, so a tap shows at once (no round trip through a query); events stored by other
 * windows or pulled by sync arrive through `store.onEvents` and are merged by id. Only events of
 * venues the signed-in user may see are ever taken in.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the sets here are local, or replaced whole in $state.raw */
import {
	PARTICIPANT_ROLES,
	checkInProblem,
	checkOutProblem,
	compareEvents,
	currentCheckIns,
	insertOrdered,
	MeetingFold,
	uuidv7,
	type EventEnvelope,
	type MeetingState,
	type ParticipantRole,
	type Signature
} from '$lib/domain';
import { watch, type EventStore, type PersonRow, type UrnChoice, type VenueRow } from '$lib/storage';
import type { SessionUser } from '$lib/sync';
import { loadVisibleVenues } from './meetings.svelte';

export interface RosterEntry {
	id: string;
	name: string;
	role: ParticipantRole;
	organisation: string;
	walkIn: boolean;
	present: boolean;
	/** When the current (or, once left, the last) stay began: a person who left and came back shows the return. */
	arrivedAt: string | null;
	/** The first arrival that still stands (the minutes list people in this order). */
	firstArrivedAt: string | null;
	/** When the person left (not present any more), else null. */
	departedAt: string | null;
	/** The latest standing signature, for the small redraw beside the name. */
	signature: Signature | null;
	/** A walk-in's phone, masked (138****5678), or ''. */
	phoneMasked: string;
}

/** The protocol's limit on `check_ins` in one `attendance.check_in_revoked` event. */
const MAX_REVOKED_PER_EVENT = 50;

export function asRole(role: string): ParticipantRole {
	return (PARTICIPANT_ROLES as readonly string[]).includes(role) ? (role as ParticipantRole) : 'other';
}

/** A pure fold over a meeting stream's events in canonical order (see `MeetingFold`). */
export interface StreamFold<S> {
	apply(e: EventEnvelope): void;
	snapshot(): S;
}

/**
 * What one feature (speaking, votes, consensus…) projects from the same meeting stream, kept up to
 * date by the LiveMeeting that made it: folded one event at a time, or again from the start when
 * an event arrives out of order. `state` is reactive.
 */
export class FoldView<S> {
	#fold: StreamFold<S> | null = null;
	#state = $state.raw<S>() as S;

	constructor(readonly make: () => StreamFold<S>) {}

	get state(): S {
		return this.#state;
	}

	/** @internal LiveMeeting feeds the view. */
	rebuild(events: readonly EventEnvelope[]): void {
		this.#fold = this.make();
		for (const e of events) this.#fold.apply(e);
	}
	/** @internal */
	apply(e: EventEnvelope): void {
		this.#fold?.apply(e);
	}
	/** @internal */
	publish(): void {
		if (this.#fold) this.#state = this.#fold.snapshot();
	}
}

export class LiveMeeting {
	#events: EventEnvelope[] = [];
	#views: FoldView<unknown>[] = [];
	#fold: MeetingFold | null = null;
	#ids = new Set<string>();
	#state = $state.raw<MeetingState | null>(null);
	#people = $state.raw<PersonRow[]>([]);
	#venue = $state.raw<VenueRow | null>(null);
	#loaded = $state(false);
	/** People with a tap in flight: a second tap on them is ignored (not reactive: nothing to redraw). */
	readonly #busy = new Set<string>();
	#subscriptions: { unsubscribe(): void }[] = [];

	constructor(
		private readonly store: EventStore,
		readonly stream: string,
		private readonly user: SessionUser
	) {}

	get #actor(): string {
		return this.user.id;
	}

	async start(): Promise<void> {
		// Listen first, then read: an event stored in between is merged either way (by id).
		const pendingNew: EventEnvelope[] = [];
		let reading = true;
		let visible: ReadonlySet<string> = new Set();
		this.#subscriptions.push({
			unsubscribe: this.store.onEvents((events) => {
				const mine = events.filter((e) => e.stream === this.stream && (reading || visible.has(e.venue)));
				if (mine.length === 0) return;
				if (reading) pendingNew.push(...mine);
				else this.#merge(mine);
			})
		});
		const events = await this.store.streamEvents(this.stream);
		// A meeting of a venue this user may not see is not shown, even if this tablet holds it.
		visible = new Set((await loadVisibleVenues(this.store, this.user)).map((v) => v.id));
		reading = false;
		this.#merge([...events, ...pendingNew].filter((e) => visible.has(e.venue)));
		await this.#loadVenue();
		this.#loaded = true;
	}

	/** The venue's people from the cache, kept up to date (the reference data changes rarely). */
	async #loadVenue(): Promise<void> {
		const venue = this.#state?.venue ?? '';
		if (!venue || this.#venue) return;
		this.#people = await this.store.people(venue);
		this.#venue = (await this.store.venues()).find((v) => v.id === venue) ?? null;
		this.#subscriptions.push(
			watch(
				() => this.store.people(venue),
				(people) => (this.#people = people)
			)
		);
	}

	stop(): void {
		for (const s of this.#subscriptions) s.unsubscribe();
		this.#subscriptions = [];
	}

	/**
	 * Takes in new events. One that sorts after all others (what this tablet records: its clock is
	 * past everything it has seen) is folded onto the state; one that sorts earlier (pulled from
	 * another tablet) makes the fold start again over the whole stream.
	 */
	#merge(events: readonly EventEnvelope[]): void {
		let added = false;
		for (const e of events) {
			if (this.#ids.has(e.id)) continue;
			this.#ids.add(e.id);
			const last = this.#events.at(-1);
			insertOrdered(this.#events, e);
			if (this.#fold && (!last || compareEvents(last, e) < 0)) {
				this.#fold.apply(e);
				for (const v of this.#views) v.apply(e);
			} else this.#fold = null;
			added = true;
		}
		if (!added && this.#state !== null) return;
		if (!this.#fold) {
			this.#fold = new MeetingFold(this.stream);
			for (const e of this.#events) this.#fold.apply(e);
			for (const v of this.#views) v.rebuild(this.#events);
		}
		this.#state = this.#fold.snapshot();
		for (const v of this.#views) v.publish();
		// A meeting pulled after the screen opened: its venue's roster is known only now.
		if (added && this.#loaded && !this.#venue) void this.#loadVenue();
	}

	/**
	 * A feature's projection of this meeting, kept up to date from now on. Make views once per
	 * screen (in a component's setup), not in a `$derived`.
	 */
	view<S>(make: () => StreamFold<S>): FoldView<S> {
		const view = new FoldView(make);
		view.rebuild(this.#events);
		view.publish();
		this.#views.push(view as FoldView<unknown>);
		return view;
	}

	/** Stops updating a view (when its screen closes). */
	dropView(view: FoldView<unknown>): void {
		this.#views = this.#views.filter((v) => v !== view);
	}

	/** The stream's events in canonical order (read-only: for exports and fingerprints). */
	get events(): readonly EventEnvelope[] {
		return this.#events;
	}

	/**
	 * Records one event of this meeting: resolves once IndexedDB committed it, and every view has
	 * folded it. Feature state classes call this; the domain checks come first, in the caller.
	 */
	record(type: string, payload: Record<string, unknown>, v = 1): Promise<EventEnvelope> {
		return this.#record(type, payload, v);
	}

	async #record(type: string, payload: Record<string, unknown>, v = 1): Promise<EventEnvelope> {
		const venue = this.#state?.venue;
		if (!venue) throw new Error('meeting not loaded');
		const event = await this.store.append({ stream: this.stream, venue, actor: this.#actor, type, v, payload });
		this.#merge([event]);
		return event;
	}

	/**
	 * A secret ballot: `vote.ballot_cast` (who voted, v2 with the signature they gave when
	 * identifying) and this tablet's urn (what, in aggregate only) in one IndexedDB transaction. The
	 * choice is never part of an event.
	 */
	async recordBallot(vote: string, voter: string, choice: UrnChoice, signature?: Signature): Promise<EventEnvelope> {
		const venue = this.#state?.venue;
		if (!venue) throw new Error('meeting not loaded');
		const payload = signature ? { vote, voter, signature: { ...signature } } : { vote, voter };
		const draft = { stream: this.stream, venue, actor: this.#actor, type: 'vote.ballot_cast', v: signature ? 2 : 1, payload };
		const event = await this.store.appendWithUrn(draft, vote, choice);
		this.#merge([event]);
		return event;
	}

	async #guard<T>(person: string, fn: () => Promise<T>): Promise<T | undefined> {
		if (this.#busy.has(person)) return undefined;
		this.#busy.add(person);
		try {
			return await fn();
		} finally {
			this.#busy.delete(person);
		}
	}

	/**
	 * Checks a person in by a tap, or by their signature (`attendance.checked_in` v2). Records
	 * nothing when `checkInProblem` objects (already present, a signature required or not valid, the
	 * meeting closed): callers show that problem first.
	 */
	checkIn(person: string, role: ParticipantRole, signature?: Signature): Promise<EventEnvelope | undefined> {
		return this.#guard(person, async () => {
			const method = signature ? 'signature' : 'tap';
			if (checkInProblem(this.#state, person, method, signature)) return undefined;
			if (signature) return this.#record('attendance.checked_in', { person, role, method, signature: { ...signature } }, 2);
			return this.#record('attendance.checked_in', { person, role, method });
		});
	}

	/** Records a departure; nothing when the person is not checked in (`checkOutProblem`). */
	checkOut(person: string): Promise<EventEnvelope | undefined> {
		return this.#guard(person, async () => {
			if (checkOutProblem(this.#state, person)) return undefined;
			return this.#record('attendance.checked_out', { person });
		});
	}

	/**
	 * Revokes a mistaken check-in: the standing check-ins of the person's current stay (earlier
	 * stays, before they left and came back, stand), in events of at most 50 check-ins each.
	 */
	revoke(person: string, reason = ''): Promise<EventEnvelope | undefined> {
		return this.#guard(person, async () => {
			if (!this.#state) return undefined;
			const checkIns = currentCheckIns(this.#state, person);
			let last: EventEnvelope | undefined;
			for (let i = 0; i < checkIns.length; i += MAX_REVOKED_PER_EVENT) {
				const payload: Record<string, unknown> = { person, check_ins: checkIns.slice(i, i + MAX_REVOKED_PER_EVENT) };
				if (reason.trim()) payload.reason = reason.trim();
				last = await this.#record('attendance.check_in_revoked', payload);
			}
			return last;
		});
	}

	/**
	 * Registers a walk-in and, unless the meeting requires a signature (then the caller asks for
	 * it), checks them in by tap: each event stored before it is shown. `phoneMasked` must already
	 * be masked (`maskPhone`): the full number never reaches this class.
	 */
	async registerWalkIn(name: string, role: ParticipantRole, organisation: string, phoneMasked = ''): Promise<string> {
		const participant = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		const payload: Record<string, unknown> = { participant, name: name.trim(), role };
		if (organisation.trim()) payload.organisation = organisation.trim();
		if (phoneMasked) payload.phone_masked = phoneMasked;
		await this.#record('participant.registered', payload, phoneMasked ? 2 : 1);
		if (!this.#state?.signatureRequired) await this.#record('attendance.checked_in', { person: participant, role, method: 'tap' });
		return participant;
	}

	async startMeeting(): Promise<void> {
		if (this.#state?.status === 'upcoming') await this.#record('meeting.started', {});
	}

	async closeMeeting(): Promise<void> {
		if (this.#state?.status !== 'closed') await this.#record('meeting.closed', {});
	}

	get loaded(): boolean {
		return this.#loaded;
	}
	get state(): MeetingState | null {
		return this.#state;
	}
	get venue(): VenueRow | null {
		return this.#venue;
	}

	/** The venue's people from the cache, then walk-ins, then anyone checked in but unknown here. */
	get roster(): RosterEntry[] {
		const s = this.#state;
		if (!s) return [];
		const entry = (id: string, name: string, role: ParticipantRole, organisation: string, walkIn: boolean, phoneMasked = ''): RosterEntry => {
			const a = s.attendance[id];
			return {
				id,
				name,
				role: a?.role ?? role,
				organisation,
				walkIn,
				present: !!a?.present,
				arrivedAt: a?.stays.at(-1)?.arrivedAt ?? null,
				firstArrivedAt: a?.arrivedAt ?? null,
				departedAt: a?.departedAt ?? null,
				signature: a?.signature ?? null,
				phoneMasked
			};
		};
		const out: RosterEntry[] = this.#people.map((p) => entry(p.id, p.name, asRole(p.role), p.organisation, false, p.phoneMasked));
		const seen = new Set(out.map((e) => e.id));
		const walkIns = Object.values(s.walkIns).sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
		for (const w of walkIns) {
			out.push(entry(w.id, w.name, w.role, w.organisation, true, w.phoneMasked));
			seen.add(w.id);
		}
		for (const a of Object.values(s.attendance)) {
			if (!seen.has(a.person)) out.push(entry(a.person, '', a.role, '', false));
		}
		return out;
	}
}
