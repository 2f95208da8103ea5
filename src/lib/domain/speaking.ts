/**
 * Speaking turns: the queue, the running turn's clock, the record of who spoke how long and what,
 * and fair time per person, role and side. Pure: times are the events' `at` and a `now` argument.
 * Events: `events/speaking.ts`; protocol: pocketbase/protocol.md ("Speaking turns").
 *
 * The fold applies a meeting stream's events in canonical order (hlc, device, seq), so any
 * delivery order and any duplicates give the same state. Merge rules, per fact:
 * - A queue entry (a "turn") is named by the id of its `speaker.queued` event.
 * - Queue order is the replay of list operations in canonical order: `speaker.queued` and
 *   `speaker.moved` place the turn right before `before` when that turn is still waiting; when it
 *   left the line meanwhile (started or removed, e.g. on another tablet), before the turn that
 *   followed it when it left (followed again while that one left too), else at the end.
 *   `speaker.removed` takes a waiting turn out (it stays on record), `speaker.requeued` puts a
 *   removed turn back at the end. An operation on a turn that is not waiting (already
 *   started, removed, unknown) is ignored and listed in `flagged`. Two tablets that reorder at
 *   once therefore agree: both moves apply, the later one in canonical order last.
 * - One turn runs at a time. A `turn.started` while another turn is running or paused (e.g. two
 *   tablets started two turns offline) is ignored and flagged `turn_running`: the turn that is
 *   earlier in canonical order is the one that ran; the flagged one stays waiting in the queue.
 * - Pause, resume, extend and end apply only to the running (or paused) turn; anything else is
 *   flagged. A turn's spoken time is the sum of its running intervals, each from the `at` of
 *   `turn.started`/`turn.resumed` to the `at` of `turn.paused`/`turn.ended` (a negative interval,
 *   from two tablets' clocks disagreeing, counts 0). So a reload mid-turn resumes the countdown
 *   from the recorded start, not from zero. The limit is `limit_s` of `turn.started` (fixed when
 *   the turn starts) plus every extension.
 * - A turn still running or paused when the meeting closes (`meeting.closed`) ends at the close.
 * - Notes: the first note event of a turn is its original note, the last in canonical order its
 *   current note; all stay in `notes`.
 * - Settings are last-writer-wins field by field (`role_limits` as a whole); sides are
 *   last-writer-wins as a whole.
 * - Events of an unknown type or version are ignored here (the meeting fold lists them).
 */
import type { EventEnvelope } from './envelope';
import type { ParticipantRole } from './events/common';
import { EXTEND_MAX_S, LIMIT_MAX_S, LIMIT_MIN_S, MAX_SIDES, NOTE_MAX, SPEAKING_VERSIONS, type TurnKind } from './events/speaking';
import { isKnownVersion } from './events/registry';
import type { MeetingState } from './meeting';
import { inCanonicalOrder } from './order';

export interface SpeakingSettings {
	/** Seconds a turn may last unless the role has its own limit. */
	readonly defaultS: number;
	/** Seconds before the end when the countdown turns to a warning. */
	readonly warningS: number;
	readonly pointOfOrderS: number;
	readonly roleLimits: Readonly<Partial<Record<ParticipantRole, number>>>;
	/** New speakers are placed before waiting officials (officials speak last). */
	readonly officialsLast: boolean;
	/** Equal-time mode: the screen shows who is owed time. */
	readonly equalTime: boolean;
}

export const DEFAULT_SPEAKING_SETTINGS: SpeakingSettings = Object.freeze({
	defaultS: 180,
	warningS: 30,
	pointOfOrderS: 60,
	roleLimits: Object.freeze({ dept_official: 300 }),
	officialsLast: true,
	equalTime: false
});

export interface Side {
	readonly name: string;
	readonly persons: readonly string[];
}

export type TurnStatus = 'waiting' | 'running' | 'paused' | 'ended' | 'removed';

export interface TurnNote {
	readonly event: string;
	readonly note: string;
	readonly at: string;
	/** The note event this one corrects (null for the first note). */
	readonly corrects: string | null;
}

export interface Turn {
	/** The id of the `speaker.queued` event. */
	readonly id: string;
	readonly person: string;
	readonly role: ParticipantRole;
	readonly kind: TurnKind;
	readonly queuedAt: string;
	readonly status: TurnStatus;
	readonly startedAt: string | null;
	readonly endedAt: string | null;
	/** Limit fixed at the start (0 before), without extensions. */
	readonly limitS: number;
	readonly extendedS: number;
	readonly pauses: number;
	/** Milliseconds spoken before `runningSince` (all of it once ended). */
	readonly spokenMs: number;
	/** Epoch ms the current running interval began; null when not running. */
	readonly runningSince: number | null;
	/** Once ended: whole seconds spoken, and seconds over the limit (extensions included). */
	readonly durationS: number | null;
	readonly overrunS: number | null;
	/** Current note (the last in canonical order) and the original (the first); '' if none. */
	readonly note: string;
	readonly originalNote: string;
	readonly notes: readonly TurnNote[];
	readonly removedReason: string;
}

export type FlagReason = 'unknown_turn' | 'not_waiting' | 'not_removed' | 'turn_running' | 'not_current' | 'not_running' | 'not_paused' | 'not_started';

export interface SpeakingFlag {
	readonly event: string;
	readonly type: string;
	readonly turn: string;
	readonly reason: FlagReason;
}

export interface SpeakingState {
	readonly settings: SpeakingSettings;
	readonly sides: readonly Side[];
	/** Waiting turns in speaking order. */
	readonly queue: readonly Turn[];
	/** The running or paused turn. */
	readonly current: Turn | null;
	/** Every turn that started, in the order they started (the record for the minutes). */
	readonly turns: readonly Turn[];
	readonly removed: readonly Turn[];
	/** Events that could not apply (see the merge rules above). */
	readonly flagged: readonly SpeakingFlag[];
	/** Turns started per person (the members' duty record). */
	readonly turnsByPerson: Readonly<Record<string, number>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MTurn = Mutable<Turn> & { notes: TurnNote[] };

const ms = (iso: string) => Date.parse(iso);

/** The event types that name a turn (`payload.turn`). */
const TURN_TYPES: ReadonlySet<string> = new Set(
	Object.keys(SPEAKING_VERSIONS).filter((t) => t.startsWith('turn.') || (t.startsWith('speaker.') && t !== 'speaker.queued'))
);

export class SpeakingFold {
	#settings: Mutable<SpeakingSettings> = { ...DEFAULT_SPEAKING_SETTINGS };
	#sides: Side[] = [];
	readonly #all = new Map<string, MTurn>();
	#queue: MTurn[] = [];
	#current: MTurn | null = null;
	readonly #started: MTurn[] = [];
	readonly #flagged: SpeakingFlag[] = [];
	readonly #seen = new Set<string>();
	/** For a turn that left the line: the turn that followed it then (see `#place`). */
	readonly #successor = new Map<string, string | null>();

	constructor(readonly stream: string) {}

	apply(e: EventEnvelope): void {
		if (e.stream !== this.stream || this.#seen.has(e.id)) return;
		this.#seen.add(e.id);
		if (!isKnownVersion(e.type, e.v)) return;
		const p = e.payload as Record<string, unknown>;
		const turnId = p.turn as string;
		const flag = (reason: FlagReason, turn = turnId): void => void this.#flagged.push({ event: e.id, type: e.type, turn, reason });
		switch (e.type) {
			case 'meeting.closed':
				if (this.#current) this.#end(this.#current, e.at);
				return;
			case 'speaking.settings_set':
				this.#applySettings(p);
				return;
			case 'speaking.sides_set':
				this.#sides = (p.sides as { name: string; persons: string[] }[]).map((s) => ({ name: s.name, persons: [...s.persons] }));
				return;
			case 'speaker.queued': {
				const turn: MTurn = {
					id: e.id,
					person: p.person as string,
					role: p.role as ParticipantRole,
					kind: p.kind as TurnKind,
					queuedAt: e.at,
					status: 'waiting',
					startedAt: null,
					endedAt: null,
					limitS: 0,
					extendedS: 0,
					pauses: 0,
					spokenMs: 0,
					runningSince: null,
					durationS: null,
					overrunS: null,
					note: '',
					originalNote: '',
					notes: [],
					removedReason: ''
				};
				this.#all.set(e.id, turn);
				this.#place(turn, p.before as string | undefined);
				return;
			}
		}
		if (!TURN_TYPES.has(e.type)) return;
		const turn = this.#all.get(turnId);
		if (!turn) return flag('unknown_turn');
		switch (e.type) {
			case 'speaker.moved':
				if (turn.status !== 'waiting') return flag('not_waiting');
				this.#queue = this.#queue.filter((t) => t !== turn);
				this.#place(turn, (p.before as string | null) ?? undefined);
				return;
			case 'speaker.removed':
				if (turn.status !== 'waiting') return flag('not_waiting');
				this.#leave(turn);
				turn.status = 'removed';
				turn.removedReason = (p.reason as string | undefined) ?? '';
				return;
			case 'speaker.requeued':
				if (turn.status !== 'removed') return flag('not_removed');
				turn.status = 'waiting';
				turn.removedReason = '';
				this.#queue.push(turn);
				return;
			case 'turn.started':
				if (turn.status !== 'waiting') return flag('not_waiting');
				if (this.#current) return flag('turn_running');
				this.#leave(turn);
				turn.status = 'running';
				turn.startedAt = e.at;
				turn.runningSince = ms(e.at);
				turn.limitS = p.limit_s as number;
				this.#current = turn;
				this.#started.push(turn);
				return;
			case 'turn.paused':
				if (turn !== this.#current) return flag('not_current');
				if (turn.status !== 'running') return flag('not_running');
				turn.spokenMs += Math.max(0, ms(e.at) - (turn.runningSince ?? ms(e.at)));
				turn.runningSince = null;
				turn.status = 'paused';
				turn.pauses++;
				return;
			case 'turn.resumed':
				if (turn !== this.#current) return flag('not_current');
				if (turn.status !== 'paused') return flag('not_paused');
				turn.runningSince = ms(e.at);
				turn.status = 'running';
				return;
			case 'turn.extended':
				if (turn !== this.#current) return flag('not_current');
				turn.extendedS += p.seconds as number;
				return;
			case 'turn.ended':
				if (turn !== this.#current) return flag('not_current');
				this.#end(turn, e.at);
				return;
			case 'turn.noted':
			case 'turn.note_corrected': {
				if (turn.startedAt === null) return flag('not_started');
				const note = p.note as string;
				turn.notes.push({ event: e.id, note, at: e.at, corrects: (p.corrects as string | undefined) ?? null });
				if (turn.notes.length === 1) turn.originalNote = note;
				turn.note = note;
				return;
			}
		}
	}

	/** Places a turn before `before`, or before whoever followed `before` when it left the line. */
	#place(turn: MTurn, before: string | undefined): void {
		let target: string | null | undefined = before;
		const visited = new Set<string>();
		while (target) {
			const at = this.#queue.findIndex((t) => t.id === target);
			if (at >= 0) {
				this.#queue.splice(at, 0, turn);
				return;
			}
			if (visited.has(target)) break;
			visited.add(target);
			target = this.#successor.get(target);
		}
		this.#queue.push(turn);
	}

	#end(turn: MTurn, at: string): void {
		if (turn.runningSince !== null) turn.spokenMs += Math.max(0, ms(at) - turn.runningSince);
		turn.runningSince = null;
		turn.status = 'ended';
		turn.endedAt = at;
		turn.durationS = Math.round(turn.spokenMs / 1000);
		turn.overrunS = Math.max(0, turn.durationS - turn.limitS - turn.extendedS);
		this.#current = null;
	}

	#leave(turn: MTurn): void {
		const at = this.#queue.indexOf(turn);
		this.#successor.set(turn.id, this.#queue[at + 1]?.id ?? null);
		this.#queue.splice(at, 1);
	}

	#applySettings(p: Record<string, unknown>): void {
		const s = this.#settings;
		if (typeof p.default_s === 'number') s.defaultS = p.default_s;
		if (typeof p.warning_s === 'number') s.warningS = p.warning_s;
		if (typeof p.point_of_order_s === 'number') s.pointOfOrderS = p.point_of_order_s;
		if (p.role_limits && typeof p.role_limits === 'object') s.roleLimits = { ...(p.role_limits as Record<string, number>) };
		if (typeof p.officials_last === 'boolean') s.officialsLast = p.officials_last;
		if (typeof p.equal_time === 'boolean') s.equalTime = p.equal_time;
	}

	snapshot(): SpeakingState {
		const copy = new Map<MTurn, Turn>();
		const c = (t: MTurn): Turn => {
			let out = copy.get(t);
			if (!out) {
				out = { ...t, notes: [...t.notes] };
				copy.set(t, out);
			}
			return out;
		};
		const turnsByPerson: Record<string, number> = {};
		for (const t of this.#started) turnsByPerson[t.person] = (turnsByPerson[t.person] ?? 0) + 1;
		return {
			settings: { ...this.#settings, roleLimits: { ...this.#settings.roleLimits } },
			sides: this.#sides.map((s) => ({ name: s.name, persons: [...s.persons] })),
			queue: this.#queue.map(c),
			current: this.#current ? c(this.#current) : null,
			turns: this.#started.map(c),
			removed: [...this.#all.values()].filter((t) => t.status === 'removed').map(c),
			flagged: [...this.#flagged],
			turnsByPerson
		};
	}
}

/** Projects the speaking state of one meeting stream from events in any order, duplicates allowed. */
export function projectSpeaking(stream: string, events: Iterable<EventEnvelope>): SpeakingState {
	const fold = new SpeakingFold(stream);
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

// ---------------------------------------------------------------------------------------------
// Timer arithmetic

export type ClockPhase = 'normal' | 'warning' | 'over';

export interface TurnClock {
	readonly elapsedMs: number;
	/** The limit with every extension. */
	readonly limitMs: number;
	/** Time left (negative once over). */
	readonly remainingMs: number;
	readonly overrunMs: number;
	readonly running: boolean;
	readonly phase: ClockPhase;
}

/** Milliseconds a turn has been spoken at `nowMs` (a clock behind the start counts 0). */
export function elapsedMs(turn: Turn, nowMs: number): number {
	return turn.spokenMs + (turn.runningSince === null ? 0 : Math.max(0, nowMs - turn.runningSince));
}

export function turnClock(turn: Turn, nowMs: number, warningS: number): TurnClock {
	const elapsed = elapsedMs(turn, nowMs);
	const limitMs = (turn.limitS + turn.extendedS) * 1000;
	const remainingMs = limitMs - elapsed;
	const phase: ClockPhase = remainingMs < 0 ? 'over' : remainingMs <= warningS * 1000 ? 'warning' : 'normal';
	return { elapsedMs: elapsed, limitMs, remainingMs, overrunMs: Math.max(0, -remainingMs), running: turn.status === 'running', phase };
}

/** "3:05", or "-0:12" once over; whole seconds, rounded up while counting down. */
export function formatClock(remainingMs: number): string {
	const over = remainingMs < 0;
	const s = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
	const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
	return over ? `-${text}` : text;
}

// ---------------------------------------------------------------------------------------------
// Limits and placement

export function limitFor(settings: SpeakingSettings, role: ParticipantRole, kind: TurnKind): number {
	if (kind === 'point_of_order') return settings.pointOfOrderS;
	return settings.roleLimits[role] ?? settings.defaultS;
}

/**
 * Where a new turn goes (`before` of `speaker.queued`): a point of order before the first waiting
 * turn that is not one; with "officials last", anyone else before the first waiting department
 * official; otherwise at the end (undefined).
 */
export function placementFor(state: SpeakingState, role: ParticipantRole, kind: TurnKind): string | undefined {
	if (kind === 'point_of_order') return state.queue.find((t) => t.kind !== 'point_of_order')?.id;
	if (state.settings.officialsLast && role !== 'dept_official') {
		return state.queue.find((t) => t.role === 'dept_official' && t.kind !== 'point_of_order')?.id;
	}
	return undefined;
}

/** `before` for moving a waiting turn one up, one down, or to the front; undefined = no move. */
export function moveTarget(state: SpeakingState, turn: string, to: 'up' | 'down' | 'front'): string | null | undefined {
	const q = state.queue;
	const i = q.findIndex((t) => t.id === turn);
	if (i < 0) return undefined;
	if (to === 'front') return i === 0 ? undefined : q[0]!.id;
	if (to === 'up') return i === 0 ? undefined : q[i - 1]!.id;
	if (i === q.length - 1) return undefined;
	return q[i + 2]?.id ?? null;
}

/** `before` for dragging the turn at index `from` to index `to` of the queue. */
export function dragTarget(state: SpeakingState, from: number, to: number): string | null | undefined {
	const q = state.queue;
	if (from === to || !q[from] || to < 0 || to >= q.length) return undefined;
	if (to < from) return q[to]!.id;
	return q[to + 1]?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Checks before recording: a reason, or null when the intent may be recorded.

export type SpeakingRefusal =
	| 'meeting_closed'
	| 'not_present'
	| 'already_waiting'
	| 'not_waiting'
	| 'not_removed'
	| 'turn_running'
	| 'no_turn'
	| 'not_running'
	| 'not_paused'
	| 'bad_extension'
	| 'extension_too_long'
	| 'note_empty'
	| 'note_too_long'
	| 'unknown_turn'
	| 'bad_limit'
	| 'side_name'
	| 'side_names_repeat'
	| 'too_many_sides'
	| 'person_in_two_sides';

export function checkQueue(s: SpeakingState, meeting: MeetingState | null, person: string): SpeakingRefusal | null {
	if (meeting?.status === 'closed') return 'meeting_closed';
	if (!meeting?.attendance[person]?.present) return 'not_present';
	if (s.queue.some((t) => t.person === person)) return 'already_waiting';
	return null;
}

function waiting(s: SpeakingState, turn: string): SpeakingRefusal | null {
	return s.queue.some((t) => t.id === turn) ? null : 'not_waiting';
}

export function checkMove(s: SpeakingState, turn: string): SpeakingRefusal | null {
	return waiting(s, turn);
}

export function checkRemove(s: SpeakingState, turn: string): SpeakingRefusal | null {
	return waiting(s, turn);
}

export function checkRequeue(s: SpeakingState, meeting: MeetingState | null, turn: string): SpeakingRefusal | null {
	const t = s.removed.find((r) => r.id === turn);
	if (!t) return 'not_removed';
	return checkQueue(s, meeting, t.person);
}

export function checkStart(s: SpeakingState, meeting: MeetingState | null, turn: string): SpeakingRefusal | null {
	if (meeting?.status === 'closed') return 'meeting_closed';
	if (s.current) return 'turn_running';
	const t = s.queue.find((q) => q.id === turn);
	if (!t) return 'not_waiting';
	if (!meeting?.attendance[t.person]?.present) return 'not_present';
	return null;
}

export function checkPause(s: SpeakingState): SpeakingRefusal | null {
	if (!s.current) return 'no_turn';
	return s.current.status === 'running' ? null : 'not_running';
}

export function checkResume(s: SpeakingState): SpeakingRefusal | null {
	if (!s.current) return 'no_turn';
	return s.current.status === 'paused' ? null : 'not_paused';
}

export function checkExtend(s: SpeakingState, seconds: number): SpeakingRefusal | null {
	if (!s.current) return 'no_turn';
	if (!Number.isInteger(seconds) || seconds < 1) return 'bad_extension';
	if (seconds > EXTEND_MAX_S || s.current.extendedS + seconds > LIMIT_MAX_S) return 'extension_too_long';
	return null;
}

export function checkEnd(s: SpeakingState): SpeakingRefusal | null {
	return s.current ? null : 'no_turn';
}

export function checkNote(s: SpeakingState, turn: string, note: string): SpeakingRefusal | null {
	const t = s.turns.find((x) => x.id === turn);
	if (!t) return 'unknown_turn';
	if (note.trim().length === 0) return 'note_empty';
	if (note.length > NOTE_MAX) return 'note_too_long';
	return null;
}

export function checkLimit(seconds: number): SpeakingRefusal | null {
	return Number.isInteger(seconds) && seconds >= LIMIT_MIN_S && seconds <= LIMIT_MAX_S ? null : 'bad_limit';
}

export function checkSides(sides: readonly Side[]): SpeakingRefusal | null {
	if (sides.length > MAX_SIDES) return 'too_many_sides';
	const names = new Set<string>();
	const persons = new Set<string>();
	for (const side of sides) {
		const name = side.name.trim();
		if (!name || name.length > 50) return 'side_name';
		if (names.has(name)) return 'side_names_repeat';
		names.add(name);
		for (const p of side.persons) {
			if (persons.has(p)) return 'person_in_two_sides';
			persons.add(p);
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Fair time

export interface Tally {
	readonly turns: number;
	readonly ms: number;
	/** Time spoken beyond the limits (extensions included), and how many turns ran over. */
	readonly overrunMs: number;
	readonly overruns: number;
}

export interface SideTally extends Tally {
	readonly name: string;
	readonly persons: readonly string[];
	/** Time this side is owed to equal the side that spoke longest. */
	readonly owedMs: number;
}

export interface Fairness {
	readonly byPerson: Readonly<Record<string, Tally>>;
	readonly byRole: Readonly<Partial<Record<ParticipantRole, Tally>>>;
	readonly bySide: readonly SideTally[];
	/** People owed time to equal the person who spoke longest (on a side, when sides are set), most owed first. */
	readonly owed: readonly { person: string; owedMs: number }[];
	readonly totalMs: number;
}

const emptyTally = (): Mutable<Tally> => ({ turns: 0, ms: 0, overrunMs: 0, overruns: 0 });

/** Time and turns per person, role and side at `nowMs` (the running turn counts up to now). */
export function fairness(s: SpeakingState, nowMs: number): Fairness {
	const byPerson: Record<string, Mutable<Tally>> = {};
	const byRole: Partial<Record<ParticipantRole, Mutable<Tally>>> = {};
	let totalMs = 0;
	for (const t of s.turns) {
		const spoken = elapsedMs(t, nowMs);
		const over = Math.max(0, spoken - (t.limitS + t.extendedS) * 1000);
		totalMs += spoken;
		for (const tally of [(byPerson[t.person] ??= emptyTally()), (byRole[t.role] ??= emptyTally())]) {
			tally.turns++;
			tally.ms += spoken;
			tally.overrunMs += over;
			if (over >= 1000) tally.overruns++;
		}
	}
	const sides = s.sides.map((side) => {
		const sum = emptyTally();
		for (const person of side.persons) {
			const p = byPerson[person];
			if (!p) continue;
			sum.turns += p.turns;
			sum.ms += p.ms;
			sum.overrunMs += p.overrunMs;
			sum.overruns += p.overruns;
		}
		return { name: side.name, persons: side.persons, ...sum };
	});
	const maxSide = Math.max(0, ...sides.map((x) => x.ms));
	const bySide = sides.map((x) => ({ ...x, owedMs: maxSide - x.ms }));
	const people = s.sides.length > 0 ? s.sides.flatMap((x) => x.persons) : [...new Set([...s.turns, ...s.queue].map((t) => t.person))];
	const maxPerson = Math.max(0, ...people.map((p) => byPerson[p]?.ms ?? 0));
	const owed = people
		.map((person) => ({ person, owedMs: maxPerson - (byPerson[person]?.ms ?? 0) }))
		.filter((x) => x.owedMs > 0)
		.sort((a, b) => b.owedMs - a.owedMs || (a.person < b.person ? -1 : 1));
	return { byPerson, byRole, bySide, owed, totalMs };
}
