/**
 * The members' home kiosk of one venue: its days at the door and its member cards, folded from
 * the events on this tablet and kept up to date (what this tablet records, what another window or
 * sync stores). Every intent checks the domain's rules first: bad input gets a reason and records
 * nothing. Today is the tablet's local date.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- local maps and sets, or replaced whole in $state.raw */
import {
	CARD_TOKEN_BYTES,
	CardFold,
	KioskDayFold,
	cardQrText,
	cardTokenHash,
	kioskCheckInProblem,
	kioskCheckOutProblem,
	findCard,
	newCardToken,
	primaryStream,
	signatureProblem,
	standingKioskCheckIns,
	uuidv7,
	visitProblem,
	compareEvents,
	insertOrdered,
	type CardProblem,
	type EventEnvelope,
	type KioskDayKind,
	type KioskDayState,
	type KioskProblem,
	type MemberCard,
	type Signature,
	type SignatureProblem,
	type VisitProblem
} from '$lib/domain';
import { watch, type EventStore, type PersonRow, type VenueRow } from '$lib/storage';
import type { SessionUser } from '$lib/sync';
import { loadVisibleVenues } from './meetings.svelte';

/** YYYY-MM-DD on the tablet's own calendar. */
export function localDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type KioskResult<P extends string = string> = { ok: true; person?: string } | { ok: false; problem: P; person?: string };
export type CheckInProblem = KioskProblem | SignatureProblem | CardProblem | 'busy';

/**
 * The venues of kind members_home this user may record at (a member or moderator of the venue, or
 * the city office): office staff read their region's venues but write nothing, so they get no kiosk.
 */
export async function membersHomes(store: EventStore, user: SessionUser): Promise<VenueRow[]> {
	const writable = (v: VenueRow) => user.role === 'admin' || user.venues.includes(v.id);
	return (await loadVisibleVenues(store, user)).filter((v) => v.kind === 'members_home' && writable(v));
}

export class Kiosk {
	#events: EventEnvelope[] = [];
	#ids = new Set<string>();
	#dayFold: KioskDayFold | null = null;
	#cardFold: CardFold | null = null;
	#todayState = $state.raw<KioskDayState | null>(null);
	#cards = $state.raw<Record<string, MemberCard>>({});
	#people = $state.raw<PersonRow[]>([]);
	#today = $state(localDate(Date.now()));
	#loaded = $state(false);
	readonly #busy = new Set<string>();
	#unsubscribe: (() => void) | null = null;

	constructor(
		private readonly store: EventStore,
		private readonly user: SessionUser,
		readonly venue: VenueRow
	) {}

	async start(): Promise<void> {
		const pending: EventEnvelope[] = [];
		let reading = true;
		this.#unsubscribe = this.store.onEvents((events) => {
			const mine = events.filter((e) => e.venue === this.venue.id && (e.type.startsWith('kiosk.') || e.type.startsWith('card.')));
			if (mine.length === 0) return;
			if (reading) pending.push(...mine);
			else this.#merge(mine);
		});
		const streams = [
			...(await this.store.streamsOfKind('kiosk_day', [this.venue.id])).map((s) => s.id),
			...(await this.store.streamsOfKind('member_card', [this.venue.id])).map((s) => s.id)
		];
		const events = await this.store.eventsOf(streams);
		this.#people = await this.store.people(this.venue.id);
		reading = false;
		this.#merge([...events, ...pending]);
		this.#loaded = true;
	}

	stop(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = null;
	}

	/**
	 * Takes in new events: one that sorts after all others (what this tablet records) is folded
	 * onto the folds; one that sorts earlier (pulled from another tablet) makes them start again.
	 * Only today is snapshotted: a year of days stays folded, not copied on every tap.
	 */
	#merge(events: readonly EventEnvelope[]): void {
		let added = false;
		for (const e of events) {
			if (this.#ids.has(e.id)) continue;
			this.#ids.add(e.id);
			const last = this.#events.at(-1);
			insertOrdered(this.#events, e);
			if (this.#dayFold && this.#cardFold && (!last || compareEvents(last, e) < 0)) {
				this.#dayFold.apply(e);
				this.#cardFold.apply(e);
			} else this.#dayFold = this.#cardFold = null;
			added = true;
		}
		if (!added && this.#loaded) return;
		if (!this.#dayFold || !this.#cardFold) {
			this.#dayFold = new KioskDayFold();
			this.#cardFold = new CardFold();
			for (const e of this.#events) {
				this.#dayFold.apply(e);
				this.#cardFold.apply(e);
			}
		}
		this.#publish();
	}

	#publish(): void {
		this.#todayState = this.#dayFold?.day(this.venue.id, this.#today) ?? null;
		this.#cards = this.#cardFold?.snapshot() ?? {};
	}

	/** Looks at the clock again (the kiosk runs all day; a new date is a new day). */
	tick(now = Date.now()): void {
		const today = localDate(now);
		if (today !== this.#today) {
			this.#today = today;
			this.#publish();
		}
	}

	get loaded(): boolean {
		return this.#loaded;
	}
	get todayDate(): string {
		return this.#today;
	}
	get today(): KioskDayState | null {
		return this.#todayState;
	}
	get people(): readonly PersonRow[] {
		return this.#people;
	}
	/** The CPPCC members of the venue (everyone on its list when none is marked a member). */
	get members(): PersonRow[] {
		const members = this.#people.filter((p) => p.kind === 'cppcc_member' || p.role === 'cppcc_member');
		return (members.length > 0 ? members : [...this.#people]).sort((a, b) => a.id.localeCompare(b.id));
	}
	name(person: string): string {
		return this.#people.find((p) => p.id === person)?.name ?? '';
	}
	get cards(): MemberCard[] {
		return Object.values(this.#cards).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
	}

	async #record(stream: string, type: string, payload: Record<string, unknown>): Promise<EventEnvelope> {
		const event = await this.store.append({ stream, venue: this.venue.id, actor: this.user.id, type, v: 1, payload });
		this.#merge([event]);
		return event;
	}

	async #guard<P extends string>(person: string, fn: () => Promise<KioskResult<P>>): Promise<KioskResult<P | 'busy'>> {
		if (this.#busy.has(person)) return { ok: false, problem: 'busy' };
		this.#busy.add(person);
		try {
			return await fn();
		} finally {
			this.#busy.delete(person);
		}
	}

	/**
	 * Opens today at the door. If this tablet already holds today (opened here or synced from
	 * another tablet) nothing new is recorded: there is one day per venue and date.
	 */
	async openDay(kind: KioskDayKind, onDuty: readonly string[]): Promise<KioskDayState> {
		const existing = this.today;
		if (existing) return existing;
		const stream = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		await this.#record(stream, 'kiosk.day_opened', { date: this.#today, kind, on_duty: [...new Set(onDuty)] });
		return this.today!;
	}

	#members(): string[] {
		return this.members.map((p) => p.id);
	}

	/** Why this person cannot check in now (asked before the pad opens), or null. */
	checkInProblemFor(person: string): KioskProblem | null {
		return kioskCheckInProblem(this.today, person, this.#members());
	}

	checkOutProblemFor(person: string): KioskProblem | null {
		return kioskCheckOutProblem(this.today, person);
	}

	checkInBySignature(person: string, signature: Signature | null): Promise<KioskResult<CheckInProblem>> {
		return this.#guard<CheckInProblem>(person, async () => {
			const day = this.today;
			const problem = kioskCheckInProblem(day, person, this.#members());
			if (problem) return { ok: false, problem };
			if (!signature) return { ok: false, problem: 'empty' };
			const sigProblem = signatureProblem(signature);
			if (sigProblem) return { ok: false, problem: sigProblem };
			await this.#record(primaryStream(day!), 'kiosk.checked_in', { person, method: 'signature', signature: { ...signature } });
			return { ok: true, person };
		});
	}

	/** Checks in the member whose card was scanned; unknown, revoked or forged cards record nothing. */
	async checkInByCard(scanned: string): Promise<KioskResult<CheckInProblem>> {
		const found = findCard(this.#cards, this.venue.id, scanned);
		if (!found.ok) return found;
		const person = found.card.person;
		return this.#guard<CheckInProblem>(person, async () => {
			const day = this.today;
			const problem = kioskCheckInProblem(day, person, this.#members());
			if (problem) return { ok: false, problem, person };
			await this.#record(primaryStream(day!), 'kiosk.checked_in', { person, method: 'card', card: found.card.card });
			return { ok: true, person };
		});
	}

	checkOut(person: string): Promise<KioskResult<KioskProblem | 'busy'>> {
		return this.#guard<KioskProblem>(person, async () => {
			const day = this.today;
			const problem = kioskCheckOutProblem(day, person);
			if (problem) return { ok: false, problem };
			await this.#record(primaryStream(day!), 'kiosk.checked_out', { person });
			return { ok: true, person };
		});
	}

	/** Revokes a mistaken check-in (the person's open stay); both stay on record. */
	revokeCheckIn(person: string, reason: string): Promise<KioskResult<KioskProblem | 'busy'>> {
		return this.#guard<KioskProblem>(person, async () => {
			const day = this.today;
			const problem = kioskCheckOutProblem(day, person);
			if (problem) return { ok: false, problem };
			const checkIns = standingKioskCheckIns(day!, person).slice(0, 50);
			const payload: Record<string, unknown> = { person, check_ins: checkIns };
			if (reason.trim()) payload.reason = reason.trim().slice(0, 200);
			await this.#record(primaryStream(day!), 'kiosk.check_in_revoked', payload);
			return { ok: true, person };
		});
	}

	async noteVisit(visitor: string, request: string, notedBy: string): Promise<KioskResult<VisitProblem | 'no_day'>> {
		const day = this.today;
		if (!day) return { ok: false, problem: 'no_day' };
		const problem = visitProblem(visitor, request, notedBy);
		if (problem) return { ok: false, problem };
		const payload: Record<string, unknown> = { request: request.trim(), noted_by: notedBy };
		if (visitor.trim()) payload.visitor = visitor.trim();
		await this.#record(primaryStream(day), 'kiosk.visit_noted', payload);
		return { ok: true };
	}

	/**
	 * Issues a new card: returns the text to print in its QR. The token is shown once, for
	 * printing; only its SHA-256 is recorded.
	 */
	async issueCard(person: string): Promise<{ card: string; qr: string }> {
		const token = newCardToken(crypto.getRandomValues(new Uint8Array(CARD_TOKEN_BYTES)));
		const card = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		await this.#record(card, 'card.issued', { person, token_sha256: cardTokenHash(token) });
		return { card, qr: cardQrText(token) };
	}

	async revokeCard(card: string, reason: string): Promise<void> {
		const c = this.#cards[card];
		if (!c || c.revoked) return;
		const payload: Record<string, unknown> = {};
		if (reason.trim()) payload.reason = reason.trim().slice(0, 200);
		await this.#record(card, 'card.revoked', payload);
	}
}

/** The kiosk of the wanted members' home, or of the first one this user has; null when none. */
export async function openKiosk(store: EventStore, user: SessionUser, wanted: string | null): Promise<Kiosk | null> {
	const homes = await membersHomes(store, user);
	const venue = homes.find((v) => v.id === wanted) ?? homes[0];
	if (!venue) return null;
	const kiosk = new Kiosk(store, user, venue);
	await kiosk.start();
	return kiosk;
}

/** Calls `next` with whether this user has a members' home on this tablet, now and on changes. */
export function watchMembersHomes(store: EventStore, user: SessionUser, next: (has: boolean) => void): () => void {
	const subscription = watch(
		() => membersHomes(store, user),
		(homes) => next(homes.length > 0)
	);
	return () => subscription.unsubscribe();
}
