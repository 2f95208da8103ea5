/**
 * The meeting projection: folds a meeting stream's events into what the screens show.
 * Any delivery order of the same set of events gives the same state (events are put in the
 * canonical order first, duplicates dropped). Merge rules, per fact:
 * - details: the last change in canonical order wins, field by field;
 * - attendance: a person is present when at least one of their check-ins is not revoked, however
 *   many tablets checked them in; a revocation names the check-in events it revokes, and both stay
 *   on record;
 * - events of an unknown type or version are kept and listed, never dropped.
 */
import type { EventEnvelope } from './envelope';
import type { ParticipantRole } from './events/common';
import type { MeetingForm } from './events/meeting';
import { isKnownVersion } from './events/registry';
import { inCanonicalOrder } from './order';

export type MeetingStatus = 'upcoming' | 'live' | 'closed';

export interface WalkIn {
	readonly id: string;
	readonly name: string;
	readonly role: ParticipantRole;
	readonly organisation: string;
	readonly registeredAt: string;
}

export interface CheckIn {
	readonly event: string;
	readonly person: string;
	readonly role: ParticipantRole;
	readonly method: string;
	readonly at: string;
	readonly device: string;
	readonly revokedBy: string | null;
	readonly revokedAt: string | null;
	readonly revokeReason: string;
}

export interface Attendee {
	readonly person: string;
	readonly role: ParticipantRole;
	readonly present: boolean;
	/** Device time of the first check-in that still stands, else null. */
	readonly arrivedAt: string | null;
	readonly checkIns: readonly CheckIn[];
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
	readonly #checkIns: CheckIn[] = [];
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
						registeredAt: e.at
					};
				}
				break;
			}
			case 'attendance.checked_in':
				this.#checkIns.push({
					event: e.id,
					person: p.person as string,
					role: p.role as ParticipantRole,
					method: p.method as string,
					at: e.at,
					device: e.device,
					revokedBy: null,
					revokedAt: null,
					revokeReason: ''
				});
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
		const byPerson = new Map<string, CheckIn[]>();
		for (const c of this.#checkIns) {
			const r = this.#revocations.get(c.event);
			const record = r && r.person === c.person ? { ...c, revokedBy: r.by, revokedAt: r.at, revokeReason: r.reason } : c;
			const list = byPerson.get(c.person);
			if (list) list.push(record);
			else byPerson.set(c.person, [record]);
		}
		let present = 0;
		for (const [person, list] of byPerson) {
			const standing = list.find((c) => c.revokedBy === null);
			const role = (standing ?? list[0]!).role;
			attendance[person] = { person, role, present: !!standing, arrivedAt: standing?.at ?? null, checkIns: list };
			if (standing) {
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

/** The check-in events that currently stand for a person: what a revoke must name. */
export function standingCheckIns(state: MeetingState, person: string): string[] {
	return (state.attendance[person]?.checkIns ?? []).filter((c) => c.revokedBy === null).map((c) => c.event);
}

/** What a list of meetings shows of one meeting: small enough to cache per meeting. */
export type MeetingSummary = Pick<
	MeetingState,
	'stream' | 'venue' | 'opened' | 'title' | 'form' | 'status' | 'scheduledAt' | 'openedAt' | 'placeNote' | 'present' | 'quorum' | 'eventCount'
>;

/** Bump when `summarizeMeeting` or the projection changes, so cached summaries are made again. */
export const MEETING_SUMMARY_VERSION = 'meeting-summary-1';

export function summarizeMeeting(state: MeetingState): MeetingSummary {
	const { stream, venue, opened, title, form, status, scheduledAt, openedAt, placeNote, present, quorum, eventCount } = state;
	return { stream, venue, opened, title, form, status, scheduledAt, openedAt, placeNote, present, quorum, eventCount };
}
