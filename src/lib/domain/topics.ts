/**
 * The topic lifecycle (议题闭环): collected → screened → consulted at the right level → outcome →
 * public notice → handed over and implemented → evaluated → closed.
 *
 * - `topicRuleError(state, type, payload, ctx)` says whether a transition is legal, with a code
 *   (for the screen's message) and a reason (English, for the record). The UI checks it before
 *   recording (bad input records nothing); the fold checks it again for every event, so an illegal
 *   event that arrives anyway (another tablet, an old app) is flagged and not applied.
 * - `TopicFold` folds one topic stream in canonical order (`inCanonicalOrder`): any delivery order
 *   and duplicates give the same state. Merge rules per fact: the first legal event of a
 *   transition wins (a second screening, a second evaluation … is flagged); a repeated notice is a
 *   correction (last wins); progress is last-reported per task; nothing is deleted.
 * - The level: the topic's venue is fixed at submission (access), its current level is the
 *   region in `state.region`, moved by `topic.escalated` (to the parent) and `topic.delegated`
 *   (to a child). See pocketbase/protocol.md, "Topics".
 * - Dashboards (`topicDashboard`) are pure functions of projected states (CSV: `toCsv` in csv.ts).
 */
import type { EventEnvelope } from './envelope';
import type { ScreeningDecision, ScreeningRuleKind, TopicSource } from './events/topics';
import { TOPIC_SOURCES } from './events/topics';
import { isKnownVersion } from './events/registry';
import { inCanonicalOrder } from './order';
import type { MeetingSummary } from './meeting';

export const TOPIC_STATUSES = [
	'submitted',
	'accepted',
	'not_accepted',
	'scheduled',
	'consulted',
	'noticed',
	'implementing',
	'evaluated',
	'closed'
] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export interface AppliedRule {
	readonly rule?: string;
	readonly kind: ScreeningRuleKind;
	readonly text: string;
}

export interface TopicMove {
	readonly event: string;
	readonly kind: 'escalated' | 'delegated';
	readonly from: string;
	readonly to: string;
	readonly reason: string;
	readonly at: string;
	readonly actor: string;
}

export interface TopicObjection {
	readonly id: string;
	readonly byName: string;
	readonly text: string;
	readonly at: string;
	readonly answer: string | null;
	readonly answeredAt: string | null;
}

export interface ProgressUpdate {
	readonly percent: number;
	readonly note: string;
	readonly at: string;
	readonly actor: string;
	/** Ids of the photos taken with this update (`photo.added` events of the topic). */
	readonly photos: readonly string[];
}

/** A photo of the topic (`photo.added` on the topic stream): at collection, on the way, with a progress update. */
export interface TopicPhoto {
	readonly photo: string;
	readonly sha256: string;
	readonly width: number;
	readonly height: number;
	readonly at: string;
	readonly actor: string;
}

export interface TopicTask {
	readonly id: string;
	readonly title: string;
	readonly owner: string;
	readonly dueOn: string;
	readonly percent: number;
	readonly updates: readonly ProgressUpdate[];
}

export interface TopicState {
	readonly stream: string;
	readonly venue: string;
	readonly opened: boolean;
	readonly title: string;
	readonly source: TopicSource;
	readonly submitterName: string;
	readonly description: string;
	readonly placeNote: string;
	/** The `kiosk.visit_noted` event it was made from, when a request at the members' home became this topic. */
	readonly kioskVisit: string | null;
	/** The level it was raised at. */
	readonly originRegion: string;
	/** The level it is consulted at now. */
	readonly region: string;
	readonly status: TopicStatus;
	readonly submittedAt: string | null;
	readonly submittedBy: string;
	readonly screening: {
		readonly decision: ScreeningDecision;
		readonly rules: readonly AppliedRule[];
		readonly reason: string;
		readonly at: string;
		readonly actor: string;
	} | null;
	readonly moves: readonly TopicMove[];
	readonly meetings: readonly { meeting: string | null; title: string; scheduledAt: string | null; at: string }[];
	readonly outcome: { meeting: string | null; text: string; consensusHash: string | null; at: string } | null;
	readonly notice: { text: string; startsOn: string; endsOn: string; at: string } | null;
	readonly objections: readonly TopicObjection[];
	readonly handedOver: { unit: string; note: string; at: string } | null;
	readonly tasks: readonly TopicTask[];
	readonly evaluation: {
		satisfied: number;
		basicallySatisfied: number;
		dissatisfied: number;
		assessment: string;
		at: string;
	} | null;
	readonly closedAt: string | null;
	readonly closeNote: string;
	/** Every photo of the topic, in canonical order (one per photo id). */
	readonly photos: readonly TopicPhoto[];
	/** Events that broke a rule when they were folded: kept, shown, not applied. */
	readonly flagged: readonly { id: string; type: string; code: TopicRuleCode; reason: string }[];
	readonly unreadable: readonly { id: string; type: string; v: number }[];
	readonly lastAt: string | null;
	readonly eventCount: number;
}

export type TopicRuleCode =
	| 'not_submitted'
	| 'already_submitted'
	| 'closed'
	| 'screened_twice'
	| 'move_after_consultation'
	| 'move_wrong_level'
	| 'move_same_level'
	| 'escalate_not_parent'
	| 'delegate_not_child'
	| 'schedule_before_acceptance'
	| 'outcome_before_meeting'
	| 'outcome_twice'
	| 'notice_before_outcome'
	| 'notice_ends_before_start'
	| 'objection_without_notice'
	| 'objection_unknown'
	| 'objection_answered_twice'
	| 'objection_twice'
	| 'hand_over_before_notice'
	| 'hand_over_open_objections'
	| 'task_before_hand_over'
	| 'task_twice'
	| 'progress_unknown_task'
	| 'progress_before_hand_over'
	| 'evaluate_before_implementation'
	| 'close_before_evaluation'
	| 'unknown_type';

export interface TopicRuleError {
	readonly code: TopicRuleCode;
	readonly reason: string;
}

/** A region of the tree (cached reference data): enough to check up and down moves. */
export interface RegionInfo {
	readonly id: string;
	readonly name: string;
	readonly level: 'city' | 'banner' | 'township' | 'village' | string;
	readonly parent: string;
}

export interface RuleContext {
	/** When known (the tablet's cache), escalation must go to the parent, delegation to a child. */
	readonly regions?: ReadonlyMap<string, RegionInfo>;
}

const err = (code: TopicRuleCode, reason: string): TopicRuleError => ({ code, reason });

const BEFORE_CONSULTATION: readonly TopicStatus[] = ['submitted', 'accepted', 'scheduled'];

/**
 * Whether `type` with `payload` may be recorded on a topic in `state`; null when it may.
 * The payload is assumed valid for its schema (validated before, on both sides).
 */
export function topicRuleError(
	state: TopicState,
	type: string,
	payload: Readonly<Record<string, unknown>>,
	ctx: RuleContext = {}
): TopicRuleError | null {
	if (type === 'topic.submitted') return state.opened ? err('already_submitted', 'the topic was already submitted') : null;
	if (!state.opened) return err('not_submitted', 'the topic has not been submitted');
	if (state.status === 'closed') return err('closed', 'the topic is closed');
	const p = payload;
	switch (type) {
		case 'topic.screened':
			return state.screening ? err('screened_twice', 'the topic was already screened') : null;
		case 'topic.escalated':
		case 'topic.delegated': {
			if (!BEFORE_CONSULTATION.includes(state.status)) {
				return err('move_after_consultation', 'a topic moves to another level only before it is consulted');
			}
			if (p.from_region !== state.region) {
				return err('move_wrong_level', 'the topic is no longer at the level it is moved from');
			}
			if (p.to_region === state.region) return err('move_same_level', 'the topic is already at that level');
			const regions = ctx.regions;
			if (regions) {
				const to = regions.get(p.to_region as string);
				if (type === 'topic.escalated' && regions.get(state.region)?.parent !== p.to_region) {
					return err('escalate_not_parent', 'a topic is escalated to the parent of its level');
				}
				if (type === 'topic.delegated' && to?.parent !== state.region) {
					return err('delegate_not_child', 'a topic is delegated to a region directly below its level');
				}
			}
			return null;
		}
		case 'topic.scheduled':
			return state.status === 'accepted' || state.status === 'scheduled'
				? null
				: err('schedule_before_acceptance', 'schedule before acceptance: the topic must be screened and accepted first');
		case 'topic.outcome_recorded':
			if (state.outcome) return err('outcome_twice', 'the outcome is already recorded');
			return state.status === 'scheduled'
				? null
				: err('outcome_before_meeting', 'outcome before a meeting: schedule the topic for a meeting first');
		case 'topic.notice_published':
			if (state.status !== 'consulted' && state.status !== 'noticed') {
				return err('notice_before_outcome', 'notice before the outcome: record the outcome of the consultation first');
			}
			if ((p.ends_on as string) < (p.starts_on as string)) {
				return err('notice_ends_before_start', 'notice ends before it starts');
			}
			return null;
		case 'topic.objection_recorded':
			if (state.status !== 'noticed') return err('objection_without_notice', 'objections are recorded during the public notice');
			return state.objections.some((o) => o.id === p.objection) ? err('objection_twice', 'this objection is already recorded') : null;
		case 'topic.objection_answered': {
			const o = state.objections.find((x) => x.id === p.objection);
			if (!o) return err('objection_unknown', 'no such objection on this topic');
			return o.answer !== null ? err('objection_answered_twice', 'the objection was already answered') : null;
		}
		case 'topic.handed_over':
			if (state.status !== 'noticed') {
				return err('hand_over_before_notice', 'hand over before the notice: publish the outcome first');
			}
			return state.objections.some((o) => o.answer === null)
				? err('hand_over_open_objections', 'answer every objection before handing over')
				: null;
		case 'topic.task_added':
			if (state.status !== 'implementing') return err('task_before_hand_over', 'tasks come after the outcome is handed over');
			return state.tasks.some((t) => t.id === p.task) ? err('task_twice', 'this task is already recorded') : null;
		case 'topic.progress_reported':
			if (state.status !== 'implementing') return err('progress_before_hand_over', 'progress is reported during implementation');
			return state.tasks.some((t) => t.id === p.task) ? null : err('progress_unknown_task', 'no such task on this topic');
		case 'topic.evaluated':
			return state.status === 'implementing' && state.tasks.length > 0
				? null
				: err(
						'evaluate_before_implementation',
						'evaluate before implementation: hand the outcome over and record its tasks first'
					);
		case 'topic.closed':
			return state.status === 'evaluated' || state.status === 'not_accepted'
				? null
				: err('close_before_evaluation', 'close before evaluation: evaluate the outcome first');
		default:
			return err('unknown_type', `not a topic event: ${type}`);
	}
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptyTopic(stream: string): Mutable<TopicState> {
	return {
		stream,
		venue: '',
		opened: false,
		title: '',
		source: 'residents',
		submitterName: '',
		description: '',
		placeNote: '',
		kioskVisit: null,
		originRegion: '',
		region: '',
		status: 'submitted',
		submittedAt: null,
		submittedBy: '',
		screening: null,
		moves: [],
		meetings: [],
		outcome: null,
		notice: null,
		objections: [],
		handedOver: null,
		tasks: [],
		evaluation: null,
		closedAt: null,
		closeNote: '',
		flagged: [],
		photos: [],
		unreadable: [],
		lastAt: null,
		eventCount: 0
	};
}

/** Folds one topic stream's events, given in canonical order (see `projectTopic`). */
export class TopicFold {
	readonly #s: Mutable<TopicState>;
	readonly #moves: TopicMove[] = [];
	readonly #meetings: { meeting: string | null; title: string; scheduledAt: string | null; at: string }[] = [];
	readonly #objections: TopicObjection[] = [];
	readonly #tasks: TopicTask[] = [];
	readonly #flagged: { id: string; type: string; code: TopicRuleCode; reason: string }[] = [];
	readonly #unreadable: { id: string; type: string; v: number }[] = [];
	readonly #photos = new Map<string, TopicPhoto>();

	constructor(readonly stream: string) {
		this.#s = emptyTopic(stream);
	}

	apply(e: EventEnvelope): void {
		if (e.stream !== this.stream) return;
		const s = this.#s;
		if (s.eventCount++ === 0) s.venue = e.venue;
		if (!isKnownVersion(e.type, e.v)) {
			this.#unreadable.push({ id: e.id, type: e.type, v: e.v });
			return;
		}
		const p = e.payload as Record<string, unknown>;
		if (e.type === 'photo.added') {
			// A photo is a fact of its own: kept whatever the topic's status (the first event of an id wins).
			const photo = p.photo as string;
			if (!this.#photos.has(photo)) {
				this.#photos.set(photo, {
					photo,
					sha256: p.sha256 as string,
					width: p.width as number,
					height: p.height as number,
					at: e.at,
					actor: e.actor
				});
			}
			return;
		}
		if (!e.type.startsWith('topic.')) return;
		const problem = topicRuleError(this.#view(), e.type, p);
		if (problem) {
			this.#flagged.push({ id: e.id, type: e.type, code: problem.code, reason: problem.reason });
			return;
		}
		if (s.lastAt === null || e.at > s.lastAt) s.lastAt = e.at;
		const str = (k: string) => (p[k] as string | undefined) ?? '';
		switch (e.type) {
			case 'topic.submitted':
				s.opened = true;
				s.venue = e.venue;
				s.title = str('title');
				s.source = p.source as TopicSource;
				s.submitterName = str('submitter_name');
				s.description = str('description');
				s.placeNote = str('place_note');
				s.kioskVisit = (p.kiosk_visit as string | undefined) ?? null;
				s.originRegion = s.region = str('region');
				s.submittedAt = e.at;
				s.submittedBy = e.actor;
				break;
			case 'topic.screened':
				s.screening = {
					decision: p.decision as ScreeningDecision,
					rules: (p.rules as AppliedRule[]).map((r) => ({ ...r })),
					reason: str('reason'),
					at: e.at,
					actor: e.actor
				};
				s.status = p.decision === 'accepted' ? 'accepted' : 'not_accepted';
				break;
			case 'topic.escalated':
			case 'topic.delegated':
				this.#moves.push({
					event: e.id,
					kind: e.type === 'topic.escalated' ? 'escalated' : 'delegated',
					from: str('from_region'),
					to: str('to_region'),
					reason: str('reason'),
					at: e.at,
					actor: e.actor
				});
				s.region = str('to_region');
				break;
			case 'topic.scheduled':
				this.#meetings.push({
					meeting: (p.meeting as string | undefined) ?? null,
					title: str('title'),
					scheduledAt: (p.scheduled_at as string | undefined) ?? null,
					at: e.at
				});
				s.status = 'scheduled';
				break;
			case 'topic.outcome_recorded':
				s.outcome = {
					meeting: (p.meeting as string | undefined) ?? null,
					text: str('text'),
					consensusHash: (p.consensus_hash as string | undefined) ?? null,
					at: e.at
				};
				s.status = 'consulted';
				break;
			case 'topic.notice_published':
				s.notice = { text: str('text'), startsOn: str('starts_on'), endsOn: str('ends_on'), at: e.at };
				s.status = 'noticed';
				break;
			case 'topic.objection_recorded':
				this.#objections.push({ id: str('objection'), byName: str('by_name'), text: str('text'), at: e.at, answer: null, answeredAt: null });
				break;
			case 'topic.objection_answered': {
				const i = this.#objections.findIndex((o) => o.id === p.objection);
				this.#objections[i] = { ...this.#objections[i]!, answer: str('answer'), answeredAt: e.at };
				break;
			}
			case 'topic.handed_over':
				s.handedOver = { unit: str('unit'), note: str('note'), at: e.at };
				s.status = 'implementing';
				break;
			case 'topic.task_added':
				this.#tasks.push({ id: str('task'), title: str('title'), owner: str('owner'), dueOn: str('due_on'), percent: 0, updates: [] });
				break;
			case 'topic.progress_reported': {
				const i = this.#tasks.findIndex((t) => t.id === p.task);
				const t = this.#tasks[i]!;
				const update = { percent: p.percent as number, note: str('note'), at: e.at, actor: e.actor, photos: [...((p.photos as string[] | undefined) ?? [])] };
				this.#tasks[i] = { ...t, percent: update.percent, updates: [...t.updates, update] };
				break;
			}
			case 'topic.evaluated':
				s.evaluation = {
					satisfied: p.satisfied as number,
					basicallySatisfied: p.basically_satisfied as number,
					dissatisfied: p.dissatisfied as number,
					assessment: str('assessment'),
					at: e.at
				};
				s.status = 'evaluated';
				break;
			case 'topic.closed':
				s.closedAt = e.at;
				s.closeNote = str('note');
				s.status = 'closed';
				break;
		}
	}

	/** The state the rules look at (lists shared, not copied: rules only read). */
	#view(): TopicState {
		return {
			...this.#s,
			moves: this.#moves,
			meetings: this.#meetings,
			objections: this.#objections,
			tasks: this.#tasks
		};
	}

	snapshot(): TopicState {
		return {
			...this.#s,
			moves: [...this.#moves],
			meetings: [...this.#meetings],
			objections: [...this.#objections],
			tasks: [...this.#tasks],
			flagged: [...this.#flagged],
			unreadable: [...this.#unreadable],
			photos: [...this.#photos.values()]
		};
	}
}

/** Projects one topic stream from its events in any order, duplicates allowed. */
export function projectTopic(stream: string, events: Iterable<EventEnvelope>): TopicState {
	const fold = new TopicFold(stream);
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

// ————————————————————————————————————————————— links to the members' home and to meetings

/**
 * The topic made from each resident's request noted at the members' home (`kiosk.visit_noted`
 * event id → topic). If one request became two topics (two tablets offline), the one submitted
 * first (then by stream id) is the one shown; the other stays a topic of its own.
 */
export function topicsOfVisits(topics: Iterable<TopicState>): Map<string, TopicState> {
	const out = new Map<string, TopicState>();
	for (const t of topics) {
		if (!t.opened || !t.kioskVisit) continue;
		const had = out.get(t.kioskVisit);
		const key = (x: TopicState) => `${x.submittedAt ?? ''}|${x.stream}`;
		if (!had || key(t) < key(had)) out.set(t.kioskVisit, t);
	}
	return out;
}

export type VisitTopicProblem = 'already_topic' | 'no_request';

/** Why a noted request cannot be turned into a topic now, or null. */
export function visitTopicProblem(
	visit: { readonly event: string; readonly request: string },
	made: ReadonlyMap<string, TopicState>
): VisitTopicProblem | null {
	if (made.has(visit.event)) return 'already_topic';
	if (!visit.request.trim()) return 'no_request';
	return null;
}

export const OUTCOME_MAX_CHARS = 4000;

export type ConsensusOutcomeProblem = 'no_consensus' | 'nobody_present' | 'not_all_signed' | 'too_long' | 'not_scheduled_here';

/** What the consensus check needs of the consensus fold's snapshot (`ConsensusState`). */
export interface SignedText {
	readonly current: { readonly text: string; readonly sha256: string } | null;
	readonly signedCurrent: Readonly<Record<string, unknown>>;
}

/**
 * Whether the meeting's consensus may stand as this topic's outcome: the topic is scheduled for
 * this meeting, the meeting has a consensus version, and everyone present has signed the current
 * version (a refusal, or a signature of an earlier version only, is not a signature of it). Only
 * the current version can be eligible: an earlier one, even fully signed, was replaced. On success
 * gives the `topic.outcome_recorded` payload (text, meeting, the version's `text_sha256`); whether
 * the topic may take an outcome now is `topicRuleError`'s to say.
 */
export function consensusOutcome(
	topic: TopicState,
	meeting: string,
	consensus: SignedText,
	present: readonly string[]
):
	| { ok: true; payload: { text: string; meeting: string; consensus_hash: string } }
	| { ok: false; problem: ConsensusOutcomeProblem; unsigned: string[] } {
	const no = (problem: ConsensusOutcomeProblem, unsigned: string[] = []) => ({ ok: false as const, problem, unsigned });
	if (!topic.meetings.some((m) => m.meeting === meeting)) return no('not_scheduled_here');
	const version = consensus.current;
	if (!version) return no('no_consensus');
	if (present.length === 0) return no('nobody_present');
	const unsigned = present.filter((p) => !consensus.signedCurrent[p]);
	if (unsigned.length > 0) return no('not_all_signed', unsigned);
	if (version.text.length > OUTCOME_MAX_CHARS) return no('too_long');
	return { ok: true, payload: { text: version.text, meeting, consensus_hash: version.sha256 } };
}

/** Tasks not done (below 100 %) whose due day is before `today` (YYYY-MM-DD). */
export function overdueTasks(state: TopicState, today: string): TopicTask[] {
	if (state.status !== 'implementing') return [];
	return state.tasks.filter((t) => t.percent < 100 && t.dueOn < today);
}

/** Overall progress: the mean of the tasks' percentages (0 with no task). */
export function topicProgress(state: TopicState): number {
	if (state.tasks.length === 0) return 0;
	return Math.round(state.tasks.reduce((n, t) => n + t.percent, 0) / state.tasks.length);
}

/** Whether the notice period covers `today`. */
export function noticeRunning(state: TopicState, today: string): boolean {
	return !!state.notice && state.notice.startsOn <= today && today <= state.notice.endsOn;
}

/** The regions from `region` up to the root, nearest first (a cycle stops the walk). */
export function ancestry(regions: ReadonlyMap<string, RegionInfo>, region: string): RegionInfo[] {
	const out: RegionInfo[] = [];
	const seen = new Set<string>();
	let r = regions.get(region);
	while (r && !seen.has(r.id)) {
		out.push(r);
		seen.add(r.id);
		r = r.parent ? regions.get(r.parent) : undefined;
	}
	return out;
}

/** Every region at or below `root`. */
export function subtree(regions: ReadonlyMap<string, RegionInfo>, root: string): Set<string> {
	const out = new Set<string>([root]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const r of regions.values()) {
			if (r.parent && out.has(r.parent) && !out.has(r.id)) {
				out.add(r.id);
				grew = true;
			}
		}
	}
	return out;
}

/** A checklist item of 五议五不议 as cached from the server. */
export interface ScreeningRule {
	readonly id: string;
	readonly region: string;
	readonly kind: ScreeningRuleKind;
	readonly text: string;
	readonly order: number;
}

/**
 * The checklist that applies at a level: the rules of its region and of every region above it
 * (a banner's 五议五不议 plus what a township adds), 可议 before 不议, upper levels first.
 */
export function screeningChecklist(
	rules: readonly ScreeningRule[],
	regions: ReadonlyMap<string, RegionInfo>,
	level: string
): ScreeningRule[] {
	const path = ancestry(regions, level).reverse();
	const depth = new Map(path.map((r, i) => [r.id, i]));
	return rules
		.filter((r) => depth.has(r.region))
		.sort(
			(a, b) =>
				(a.kind === b.kind ? 0 : a.kind === 'consult' ? -1 : 1) ||
				depth.get(a.region)! - depth.get(b.region)! ||
				a.order - b.order ||
				a.id.localeCompare(b.id)
		);
}

/** What a dashboard needs of one meeting. */
export interface MeetingActivity {
	readonly stream: string;
	readonly venue: string;
	/** YYYY-MM of the meeting (scheduled, else opened), '' when unknown. */
	readonly month: string;
	/** People present as CPPCC members. */
	readonly members: readonly string[];
}

export function meetingActivity(meeting: MeetingSummary): MeetingActivity {
	const when = meeting.scheduledAt ?? meeting.openedAt ?? '';
	return { stream: meeting.stream, venue: meeting.venue, month: when.slice(0, 7), members: meeting.cppccPresent };
}

export interface OverdueRow {
	readonly topic: string;
	readonly title: string;
	readonly task: string;
	readonly owner: string;
	readonly dueOn: string;
	readonly percent: number;
}

export interface TopicDashboard {
	readonly total: number;
	readonly byStatus: Readonly<Record<TopicStatus, number>>;
	readonly bySource: Readonly<Record<TopicSource, number>>;
	readonly overdue: readonly OverdueRow[];
	readonly meetingsByVenueMonth: readonly { venue: string; month: string; count: number }[];
	readonly participation: readonly { person: string; meetings: number }[];
}

/** The office's figures, from the topics and meetings on the tablet (works offline). */
export function topicDashboard(
	topics: readonly TopicState[],
	meetings: readonly MeetingActivity[],
	today: string
): TopicDashboard {
	const byStatus = Object.fromEntries(TOPIC_STATUSES.map((s) => [s, 0])) as Record<TopicStatus, number>;
	const bySource = Object.fromEntries(TOPIC_SOURCES.map((s) => [s, 0])) as Record<TopicSource, number>;
	const overdue: OverdueRow[] = [];
	let total = 0;
	for (const t of topics) {
		if (!t.opened) continue;
		total++;
		byStatus[t.status]++;
		bySource[t.source]++;
		for (const task of overdueTasks(t, today)) {
			overdue.push({ topic: t.stream, title: t.title, task: task.title, owner: task.owner, dueOn: task.dueOn, percent: task.percent });
		}
	}
	overdue.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.topic.localeCompare(b.topic));
	const perVenueMonth = new Map<string, { venue: string; month: string; count: number }>();
	const perPerson = new Map<string, number>();
	for (const m of meetings) {
		const key = `${m.venue}|${m.month}`;
		const row = perVenueMonth.get(key) ?? { venue: m.venue, month: m.month, count: 0 };
		row.count++;
		perVenueMonth.set(key, row);
		for (const p of new Set(m.members)) perPerson.set(p, (perPerson.get(p) ?? 0) + 1);
	}
	return {
		total,
		byStatus,
		bySource,
		overdue,
		meetingsByVenueMonth: [...perVenueMonth.values()].sort((a, b) => a.month.localeCompare(b.month) || a.venue.localeCompare(b.venue)),
		participation: [...perPerson.entries()]
			.map(([person, n]) => ({ person, meetings: n }))
			.sort((a, b) => b.meetings - a.meetings || a.person.localeCompare(b.person))
	};
}

/** Today's day in UTC+8 (China Standard Time, no daylight saving) for a wall-clock instant. */
export function chinaDay(ms: number): string {
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

