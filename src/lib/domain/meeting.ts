/**
 * The meeting projection: folds a meeting stream's events into what the screens show.
 * Any delivery order of the same set of events gives the same state (events are put in the
 * canonical order first, duplicates dropped). Merge rules, per fact:
 * - details: the last change in canonical order wins, field by field;
 * - attendance: each person's check-ins and check-outs are replayed in canonical order as stays
 *   (arrival → departure). A check-in while already in joins the open stay (two tablets checking in
 *   the same person, or a double tap, count once); a check-in after a departure opens a new stay
 *   (leaving and coming back). A check-out closes the open stay; a check-out with no standing
 *   check-in (nobody in, e.g. recorded by a tablet that had not seen the revocation) is ignored,
 *   kept on record and marked `ignored`. A revocation names the check-in events it revokes: a
 *   revoked check-in counts for nothing (its stay goes if no other check-in holds it), and both stay
 *   on record. Present = the last stay is open.
 * - `attendance.checked_in` v1 and v2 are read alike; v2 may carry the signer's strokes.
 * - events of an unknown type or version are kept and listed, never dropped.
 */
import type { EventEnvelope } from './envelope';
import type { ParticipantRole } from './events/common';
import type { CheckInMethod, MeetingForm } from './events/meeting';
import type { Signature } from './signature';
import { isKnownVersion } from './events/registry';
import { inCanonicalOrder } from './order';

export type MeetingStatus = 'upcoming' | 'live' | 'closed';

export interface WalkIn {
	readonly id: string;
	readonly name: string;
	readonly role: ParticipantRole;
	readonly organisation: string;
	/** The walk-in's phone as 138****5678, or ''; the full number is never recorded. */
	readonly phoneMasked: string;
	readonly registeredAt: string;
}

export interface CheckIn {
	readonly event: string;
	readonly person: string;
	readonly role: ParticipantRole;
	readonly method: CheckInMethod;
	readonly at: string;
	readonly device: string;
	/** The strokes the person signed with (a check-in by signature), else null. */
	readonly signature: Signature | null;
	readonly revokedBy: string | null;
	readonly revokedAt: string | null;
	readonly revokeReason: string;
}

export interface CheckOut {
	readonly event: string;
	readonly person: string;
	readonly at: string;
	readonly device: string;
	/** True when it came with no standing check-in (nobody to check out): on record, not applied. */
	readonly ignored: boolean;
}

/** One stay: from an arrival to a departure (or still open). */
export interface Stay {
	readonly arrivedAt: string;
	readonly departedAt: string | null;
	/** The standing check-ins that hold this stay (more than one when two tablets checked in). */
	readonly checkIns: readonly string[];
	readonly method: CheckInMethod;
	readonly signature: Signature | null;
}

export interface Attendee {
	readonly person: string;
	readonly role: ParticipantRole;
	readonly present: boolean;
	/** Device time of the first check-in that still stands, else null. */
	readonly arrivedAt: string | null;
	/** Device time of the last departure when the person has left (is not present), else null. */
	readonly departedAt: string | null;
	/** The latest signature among the standing check-ins, else null. */
	readonly signature: Signature | null;
	readonly stays: readonly Stay[];
	readonly checkIns: readonly CheckIn[];
	readonly checkOuts: readonly CheckOut[];
}

export interface MeetingState {
	readonly stream: string;
	readonly venue: string;
	readonly opened: boolean;
	readonly title: string;
	readonly form: MeetingForm;
	readonly description: string;
	readonly scheduledAt: string | null;
	readonly placeNote: string;
	readonly quorum: number | null;
	/** A check-in needs the person's handwritten signature. */
	readonly signatureRequired: boolean;
	readonly status: MeetingStatus;
	readonly openedAt: string | null;
	readonly startedAt: string | null;
	readonly closedAt: string | null;
	readonly walkIns: Readonly<Record<string, WalkIn>>;
	readonly attendance: Readonly<Record<string, Attendee>>;
	readonly present: number;
	readonly presentByRole: Readonly<Partial<Record<ParticipantRole, number>>>;
	/** Events this build cannot read (a newer app recorded them): kept, shown, not applied. */
	readonly unreadable: readonly { id: string; type: string; v: number }[];
	/** Events recorded after the meeting was closed (e.g. by a tablet that was offline). */
	readonly afterClose: number;
	readonly eventCount: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Details {
	title?: string;
	form?: MeetingForm;
	description?: string;
	scheduled_at?: string;
	place_note?: string;
	quorum?: number;
	signature_required?: boolean;
}

function emptyMeeting(stream: string, venue: string): Mutable<MeetingState> {
	return {
		stream,
		venue,
		opened: false,
		title: '',
		form: 'in_person',
		description: '',
		scheduledAt: null,
		placeNote: '',
		quorum: null,
		signatureRequired: false,
		status: 'upcoming',
		openedAt: null,
		startedAt: null,
		closedAt: null,
		walkIns: {},
		attendance: {},
		present: 0,
		presentByRole: {},
		unreadable: [],
		afterClose: 0,
		eventCount: 0
	};
}

function applyDetails(state: Mutable<MeetingState>, d: Details): void {
	if (d.title !== undefined) state.title = d.title;
	if (d.form !== undefined) state.form = d.form;
	if (d.description !== undefined) state.description = d.description;
	if (d.scheduled_at !== undefined) state.scheduledAt = d.scheduled_at;
	if (d.place_note !== undefined) state.placeNote = d.place_note;
	if (d.quorum !== undefined) state.quorum = d.quorum;
	if (d.signature_required !== undefined) state.signatureRequired = d.signature_required;
}

interface Revocation {
	by: string;
	at: string;
	/** A revocation only counts for the person it names (a mistaken id revokes nothing). */
	person: string;
	reason: string;
}

/** Projects one meeting stream, in any order, duplicates allowed. Events of other streams are ignored. */
export function projectMeeting(stream: string, events: Iterable<EventEnvelope>): MeetingState {
	return projectOrderedMeeting(stream, inCanonicalOrder(events));
}

/**
 * The same fold over events already in canonical order without duplicates (see `insertOrdered`).
 */
export function projectOrderedMeeting(stream: string, canonical: readonly EventEnvelope[]): MeetingState {
	const fold = new MeetingFold(stream);
	for (const e of canonical) fold.apply(e);
	return fold.snapshot();
}

/**
 * The meeting fold, one event at a time: `projectOrderedMeeting` applies all events, a screen that
 * keeps a meeting open applies each new event that sorts last (the usual case for what the tablet
 * itself records) instead of folding the whole stream again. Events must come in canonical order.
 */
export class MeetingFold {
	readonly #state: Mutable<MeetingState>;
	readonly #unreadable: { id: string; type: string; v: number }[] = [];
	readonly #walkIns: Record<string, WalkIn> = {};
	/** Check-ins and check-outs in canonical order. */
	readonly #timeline: ({ kind: 'in'; c: CheckIn } | { kind: 'out'; event: string; person: string; at: string; device: string })[] = [];
	readonly #revocations = new Map<string, Revocation>();

	constructor(readonly stream: string) {
		this.#state = emptyMeeting(stream, '');
	}

	apply(e: EventEnvelope): void {
		if (e.stream !== this.stream) return;
		const state = this.#state;
		if (state.eventCount++ === 0) state.venue = e.venue;
		if (!isKnownVersion(e.type, e.v)) {
			this.#unreadable.push({ id: e.id, type: e.type, v: e.v });
			return;
		}
		if (state.status === 'closed' && e.type !== 'meeting.closed') state.afterClose++;
		const p = e.payload as Record<string, unknown>;
		switch (e.type) {
			case 'meeting.opened':
				if (state.opened) break; // a stream is opened once; later copies are ignored
				state.opened = true;
				state.venue = e.venue;
				state.openedAt = e.at;
				applyDetails(state, p as Details);
				break;
			case 'meeting.details_changed':
				applyDetails(state, p as Details);
				break;
			case 'meeting.started':
				if (state.status === 'upcoming') {
					state.status = 'live';
					state.startedAt = e.at;
				}
				break;
			case 'meeting.closed':
				if (state.status !== 'closed') {
					state.status = 'closed';
					state.closedAt = e.at;
				}
				break;
			case 'participant.registered': {
				const id = p.participant as string;
				if (!this.#walkIns[id]) {
					this.#walkIns[id] = {
						id,
						name: p.name as string,
						role: p.role as ParticipantRole,
						organisation: (p.organisation as string | undefined) ?? '',
						phoneMasked: (p.phone_masked as string | undefined) ?? '',
						registeredAt: e.at
					};
				}
				break;
			}
			case 'attendance.checked_in':
				this.#timeline.push({
					kind: 'in',
					c: {
						event: e.id,
						person: p.person as string,
						role: p.role as ParticipantRole,
						method: p.method as CheckInMethod,
						at: e.at,
						device: e.device,
						signature: (p.signature as Signature | undefined) ?? null,
						revokedBy: null,
						revokedAt: null,
						revokeReason: ''
					}
				});
				break;
			case 'attendance.checked_out':
				this.#timeline.push({ kind: 'out', event: e.id, person: p.person as string, at: e.at, device: e.device });
				break;
			case 'attendance.check_in_revoked':
				for (const id of p.check_ins as string[]) {
					if (!this.#revocations.has(id)) {
						this.#revocations.set(id, { by: e.id, at: e.at, person: p.person as string, reason: (p.reason as string | undefined) ?? '' });
					}
				}
				break;
		}
	}

	/** The state after the events applied so far (a new object each time). */
	snapshot(): MeetingState {
		const attendance: Record<string, Attendee> = {};
		const presentByRole: Partial<Record<ParticipantRole, number>> = {};
		const byPerson = new Map<string, PersonReplay>();
		for (const item of this.#timeline) {
			const person = item.kind === 'in' ? item.c.person : item.person;
			let r = byPerson.get(person);
			if (!r) byPerson.set(person, (r = { checkIns: [], checkOuts: [], stays: [], open: null, role: null }));
			if (item.kind === 'in') {
				const c = item.c;
				const rev = this.#revocations.get(c.event);
				const record = rev && rev.person === c.person ? { ...c, revokedBy: rev.by, revokedAt: rev.at, revokeReason: rev.reason } : c;
				r.checkIns.push(record);
				if (record.revokedBy !== null) continue;
				if (r.open) {
					r.open.checkIns.push(c.event);
					if (!r.open.signature && c.signature) r.open.signature = c.signature;
				} else {
					r.open = { arrivedAt: c.at, departedAt: null, checkIns: [c.event], method: c.method, signature: c.signature, role: c.role };
					r.stays.push(r.open);
				}
			} else {
				const ignored = r.open === null;
				r.checkOuts.push({ event: item.event, person, at: item.at, device: item.device, ignored });
				if (r.open) {
					r.open.departedAt = item.at;
					r.open = null;
				}
			}
		}
		let present = 0;
		for (const [person, r] of byPerson) {
			if (r.checkIns.length === 0) continue; // only stray check-outs: nothing to show
			const last = r.stays.at(-1);
			const role = (r.open ?? last)?.role ?? r.checkIns[0]!.role;
			const signed = [...r.stays].reverse().find((s) => s.signature);
			attendance[person] = {
				person,
				role,
				present: r.open !== null,
				arrivedAt: r.stays[0]?.arrivedAt ?? null,
				departedAt: r.open ? null : (last?.departedAt ?? null),
				signature: signed?.signature ?? null,
				stays: r.stays.map(({ role: _role, ...stay }) => ({ ...stay, checkIns: [...stay.checkIns] })),
				checkIns: r.checkIns,
				checkOuts: r.checkOuts
			};
			if (r.open) {
				present++;
				presentByRole[role] = (presentByRole[role] ?? 0) + 1;
			}
		}
		return {
			...this.#state,
			walkIns: { ...this.#walkIns },
			attendance,
			present,
			presentByRole,
			unreadable: [...this.#unreadable]
		};
	}
}

type OpenStay = { -readonly [K in keyof Stay]: Stay[K] } & { checkIns: string[]; role: ParticipantRole };
interface PersonReplay {
	checkIns: CheckIn[];
	checkOuts: CheckOut[];
	stays: OpenStay[];
	open: OpenStay | null;
	role: ParticipantRole | null;
}

/** The check-in events that currently stand for a person: what a revoke must name. */
export function standingCheckIns(state: MeetingState, person: string): string[] {
	return (state.attendance[person]?.checkIns ?? []).filter((c) => c.revokedBy === null).map((c) => c.event);
}

/** The standing check-ins of a person's open stay (what "revoke this check-in" names), else []. */
export function currentCheckIns(state: MeetingState, person: string): string[] {
	const a = state.attendance[person];
	if (!a?.present) return [];
	return [...(a.stays.at(-1)?.checkIns ?? [])];
}

/**
 * What lists and dashboards show of one meeting: small enough to cache per meeting (the home list
 * and the office dashboard share the one cached summary).
 */
export type MeetingSummary = Pick<
	MeetingState,
	'stream' | 'venue' | 'opened' | 'title' | 'form' | 'status' | 'scheduledAt' | 'openedAt' | 'placeNote' | 'present' | 'quorum' | 'eventCount'
> & {
	/** People present in the role of CPPCC member, sorted (members' participation). */
	readonly cppccPresent: readonly string[];
};

/** Bump when `summarizeMeeting` or the projection changes, so cached summaries are made again. */
export const MEETING_SUMMARY_VERSION = 'meeting-summary-3';

export function summarizeMeeting(state: MeetingState): MeetingSummary {
	const { stream, venue, opened, title, form, status, scheduledAt, openedAt, placeNote, present, quorum, eventCount } = state;
	const cppccPresent = Object.values(state.attendance)
		.filter((a) => a.present && a.role === 'cppcc_member')
		.map((a) => a.person)
		.sort();
	return { stream, venue, opened, title, form, status, scheduledAt, openedAt, placeNote, present, quorum, eventCount, cppccPresent };
}
