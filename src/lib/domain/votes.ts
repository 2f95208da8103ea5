/**
 * The votes projection: folds the vote events of a meeting stream into each motion's record —
 * who could vote (frozen at the opening), how each method counted, the corrections, the tally
 * and the outcome by its rule (`vote-rules.ts`). Events come in canonical order; `apply` only
 * sorts them by vote, `snapshot` computes each vote from its events, so any delivery order and any
 * duplicates (dropped by id) give the same state. Merge rules, per fact:
 * - opening, closing, a show-of-hands count, a tablet's urn count: the first in canonical order
 *   stands; a differing second show-of-hands count is flagged;
 * - roll call and consensus: one choice per voter. The first stands; the same choice again (a second
 *   tablet) counts once; a different one is flagged for the moderator, never silently replacing,
 *   until a correction names the voter's choice;
 * - secret ballot: `vote.ballot_cast` says that a voter voted (v2: with the signature they gave when
 *   identifying, if the vote asked voters to sign); the tally is the sum of the tablets'
 *   `vote.urn_counted` aggregates. A tablet that holds ballots but has not counted its urn, or whose
 *   urn count differs from its ballots, is flagged;
 * - casts, ballots and counts recorded after the vote closed are not counted (and are flagged; a
 *   late secret ballot's choice is inside its tablet's urn aggregate and cannot be taken out);
 *   a person who was not entitled is not counted (and is flagged);
 * - corrections (`vote.corrected`, with a reason) apply in canonical order, the last one wins;
 *   the record keeps the original tally and every correction.
 */
import type { EventEnvelope } from './envelope';
import {
	BALLOT_CHOICES,
	CONSENSUS_CHOICES,
	type Electorate,
	type VoteChoice,
	type VoteMethod
} from './events/votes';
import type { MeetingState } from './meeting';
import { isKnownVersion } from './events/registry';
import { inCanonicalOrder } from './order';
import { signatureProblem, type Signature } from './signature';
import { evaluateVote, type Counts, type Outcome, type VoteRule } from './vote-rules';

export interface VoteCorrection {
	readonly event: string;
	readonly at: string;
	readonly reason: string;
	readonly counts: Counts | null;
	readonly voter: string | null;
	readonly choice: VoteChoice | null;
	/** The tally just before this correction. */
	readonly before: Counts;
}

export interface DoubleVote {
	readonly voter: string;
	/** The differing choices recorded for the voter, in canonical order (the first is counted). */
	readonly choices: readonly VoteChoice[];
}

export interface VoteFlags {
	readonly doubleVotes: readonly DoubleVote[];
	/** Casts or ballots by someone who was not entitled when the vote opened (not counted). */
	readonly notEntitled: readonly string[];
	/** Secret ballot: voters with more than one ballot (on different tablets). */
	readonly duplicateBallots: readonly string[];
	/** Show of hands: further counts that differ from the one that stands. */
	readonly handsConflicts: number;
	/** Secret ballot, closed: tablets holding ballots that have not counted their urn. */
	readonly urnsMissing: readonly string[];
	/** Secret ballot: tablets whose urn count differs from the ballots they recorded. */
	readonly urnMismatch: readonly string[];
	/**
	 * Casts, ballots or counts recorded after the vote closed: not counted, except that a secret
	 * ballot's choice is already in its tablet's urn aggregate (it cannot be taken out: flagged).
	 */
	readonly late: number;
}

export interface VoteRecord {
	readonly id: string;
	readonly openedAt: string;
	readonly motion: string;
	readonly topic: string | null;
	readonly method: VoteMethod;
	readonly electorate: Electorate;
	readonly groupName: string;
	readonly entitled: readonly string[];
	readonly present: readonly string[];
	readonly rule: VoteRule;
	readonly status: 'open' | 'closed';
	readonly closedAt: string | null;
	/** The choices this method offers, in display order. */
	readonly options: readonly VoteChoice[];
	/** Roll call and consensus: each voter's counted choice. Never filled for a secret ballot. */
	readonly choices: Readonly<Record<string, VoteChoice>>;
	/** Secret ballot: who voted (not what). */
	readonly ballots: readonly string[];
	/** Secret ballot: whether each voter signs when identifying (`vote.opened` v2 `voters_sign`). */
	readonly votersSign: boolean;
	/** Secret ballot: the counted ballots that carry a signature, by voter: the ballot event's id. */
	readonly signatures: Readonly<Record<string, string>>;
	/** Entitled voters with no vote yet (roll call, consensus, secret ballot). */
	readonly notVoted: readonly string[];
	/** Whether a tally exists yet (hands counted, a vote cast, an urn counted, or a correction). */
	readonly counted: boolean;
	/** The tally before any correction. */
	readonly original: Counts;
	/** The tally that counts. */
	readonly counts: Counts;
	readonly corrections: readonly VoteCorrection[];
	readonly flags: VoteFlags;
	readonly outcome: Outcome;
	/** Tablets that counted their urn (secret ballot). */
	readonly urns: Readonly<Record<string, { counts: Counts; ballots: number }>>;
	/** Secret ballot: ballots recorded per tablet. */
	readonly ballotsByDevice: Readonly<Record<string, number>>;
}

export interface VotesState {
	/** In the order they were opened. */
	readonly votes: readonly VoteRecord[];
	readonly byId: Readonly<Record<string, VoteRecord>>;
	/** The vote now open, if any (the latest opened). */
	readonly open: VoteRecord | null;
}

export function optionsOf(method: VoteMethod): readonly VoteChoice[] {
	return method === 'consensus' ? CONSENSUS_CHOICES : BALLOT_CHOICES;
}

function zeros(method: VoteMethod): Record<string, number> {
	return Object.fromEntries(optionsOf(method).map((o) => [o, 0]));
}

const VOTE_TYPES = new Set([
	'vote.opened',
	'vote.hands_counted',
	'vote.cast',
	'vote.ballot_cast',
	'vote.urn_counted',
	'vote.closed',
	'vote.corrected'
]);

type P = Record<string, unknown>;

/** Folds the votes of one meeting stream; events must come in canonical order. */
export class VoteFold {
	readonly #byVote = new Map<string, EventEnvelope[]>();
	readonly #order: string[] = [];
	readonly #seen = new Set<string>();

	constructor(readonly stream: string) {}

	apply(e: EventEnvelope): void {
		if (e.stream !== this.stream || !VOTE_TYPES.has(e.type) || !isKnownVersion(e.type, e.v)) return;
		if (this.#seen.has(e.id)) return;
		this.#seen.add(e.id);
		const vote = (e.payload as P).vote as string;
		let list = this.#byVote.get(vote);
		if (!list) {
			list = [];
			this.#byVote.set(vote, list);
		}
		list.push(e);
		if (e.type === 'vote.opened' && !this.#order.includes(vote)) this.#order.push(vote);
	}

	snapshot(): VotesState {
		const votes: VoteRecord[] = [];
		for (const id of this.#order) {
			const record = projectVote(id, this.#byVote.get(id) ?? []);
			if (record) votes.push(record);
		}
		const byId = Object.fromEntries(votes.map((v) => [v.id, v]));
		const open = [...votes].reverse().find((v) => v.status === 'open') ?? null;
		return { votes, byId, open };
	}
}

/** Projects the votes of a meeting stream from its events in any order. */
export function projectVotes(stream: string, events: Iterable<EventEnvelope>): VotesState {
	const fold = new VoteFold(stream);
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

function sum(method: VoteMethod, parts: Iterable<Counts>): Record<string, number> {
	const out = zeros(method);
	for (const c of parts) for (const o of optionsOf(method)) out[o] = (out[o] ?? 0) + (c[o] ?? 0);
	return out;
}

/** One vote from its events in canonical order (null until its opening is known). */
function projectVote(id: string, events: readonly EventEnvelope[]): VoteRecord | null {
	const opening = events.find((e) => e.type === 'vote.opened');
	if (!opening) return null;
	const o = opening.payload as P;
	const method = o.method as VoteMethod;
	const entitled = o.entitled as string[];
	const entitledSet = new Set(entitled);
	const options = optionsOf(method);
	const perVoter = method === 'roll_call' || method === 'consensus';

	let closedAt: string | null = null;
	let hands: Counts | null = null;
	let handsConflicts = 0;
	const choices = new Map<string, VoteChoice>();
	const doubles = new Map<string, VoteChoice[]>();
	const notEntitled = new Set<string>();
	const ballots = new Set<string>();
	const signatures: Record<string, string> = {};
	const duplicateBallots = new Set<string>();
	const ballotsByDevice: Record<string, number> = {};
	const urns: Record<string, { counts: Counts; ballots: number }> = {};
	let late = 0;
	let override: Counts | null = null;
	let counted = false;
	const corrections: VoteCorrection[] = [];

	const tallyNow = (): Counts => {
		if (override) return override;
		if (method === 'show_of_hands') return hands ?? zeros(method);
		if (method === 'secret_ballot') return sum(method, Object.values(urns).map((u) => u.counts));
		const out = zeros(method);
		for (const c of choices.values()) out[c] = (out[c] ?? 0) + 1;
		return out;
	};
	let original: Counts | null = null;

	for (const e of events) {
		const p = e.payload as P;
		const closed = closedAt !== null;
		switch (e.type) {
			case 'vote.closed':
				if (!closed) closedAt = e.at;
				break;
			case 'vote.hands_counted': {
				if (method !== 'show_of_hands') break;
				if (closed) {
					late++;
					break;
				}
				const c = p.counts as Counts;
				if (!hands) {
					hands = c;
					counted = true;
				} else if (options.some((k) => (hands![k] ?? 0) !== (c[k] ?? 0))) handsConflicts++;
				break;
			}
			case 'vote.cast': {
				if (!perVoter) break;
				const voter = p.voter as string;
				const choice = p.choice as VoteChoice;
				if (!options.includes(choice)) break;
				if (closed) {
					late++;
					break;
				}
				if (!entitledSet.has(voter)) {
					notEntitled.add(voter);
					break;
				}
				counted = true;
				const first = choices.get(voter);
				if (first === undefined) choices.set(voter, choice);
				else if (first !== choice || doubles.has(voter)) {
					const list = doubles.get(voter) ?? [first];
					if (!list.includes(choice)) list.push(choice);
					if (list.length > 1) doubles.set(voter, list);
				}
				break;
			}
			case 'vote.ballot_cast': {
				if (method !== 'secret_ballot') break;
				ballotsByDevice[e.device] = (ballotsByDevice[e.device] ?? 0) + 1;
				const voter = p.voter as string;
				if (closed) {
					late++;
					break;
				}
				if (!entitledSet.has(voter)) notEntitled.add(voter);
				else if (ballots.has(voter)) duplicateBallots.add(voter);
				else {
					ballots.add(voter);
					if (p.signature) signatures[voter] = e.id;
				}
				break;
			}
			case 'vote.urn_counted': {
				if (method !== 'secret_ballot' || urns[e.device]) break;
				urns[e.device] = { counts: p.counts as Counts, ballots: p.ballots as number };
				counted = true;
				break;
			}
			case 'vote.corrected': {
				const before = tallyNow();
				original ??= before;
				const c = p.counts as Counts | undefined;
				const voter = (p.voter as string | undefined) ?? null;
				const choice = (p.choice as VoteChoice | undefined) ?? null;
				if (c) {
					if (perVoter || !options.every((k) => typeof c[k] === 'number')) break;
					override = c;
				} else if (voter && choice) {
					if (!perVoter || !entitledSet.has(voter) || !options.includes(choice)) break;
					choices.set(voter, choice);
					doubles.delete(voter);
				} else break;
				counted = true;
				corrections.push({ event: e.id, at: e.at, reason: p.reason as string, counts: c ?? null, voter, choice, before });
				break;
			}
		}
	}

	const counts = tallyNow();
	const voted = perVoter ? new Set(choices.keys()) : ballots;
	const devicesWithBallots = Object.keys(ballotsByDevice).sort();
	const rule = o.rule as VoteRule;
	const present = o.present as string[];
	return {
		id,
		openedAt: opening.at,
		motion: o.motion as string,
		topic: (o.topic as string | undefined) ?? null,
		method,
		electorate: o.electorate as Electorate,
		groupName: (o.group_name as string | undefined) ?? '',
		entitled,
		present,
		rule,
		status: closedAt !== null ? 'closed' : 'open',
		closedAt,
		options,
		choices: Object.fromEntries(choices),
		ballots: [...ballots],
		votersSign: method === 'secret_ballot' && o.voters_sign === true,
		signatures,
		notVoted: method === 'show_of_hands' ? [] : entitled.filter((v) => !voted.has(v)),
		counted,
		original: original ?? counts,
		counts,
		corrections,
		flags: {
			doubleVotes: [...doubles].map(([voter, list]) => ({ voter, choices: list })),
			notEntitled: [...notEntitled],
			duplicateBallots: [...duplicateBallots],
			handsConflicts,
			urnsMissing: closedAt !== null ? devicesWithBallots.filter((d) => !urns[d]) : [],
			urnMismatch: devicesWithBallots.filter((d) => urns[d] && urns[d].ballots !== ballotsByDevice[d]),
			late
		},
		outcome: evaluateVote(rule, method, counts, { present: present.length, entitled: entitled.length }),
		urns,
		ballotsByDevice
	};
}

// ─── Checks before recording: each returns why an intent is refused, or null ───

export type VoteProblem =
	| 'meeting_closed'
	| 'another_open'
	| 'motion_empty'
	| 'no_entitled'
	| 'too_many_voters'
	| 'bad_quorum'
	| 'unknown_vote'
	| 'vote_closed'
	| 'wrong_method'
	| 'bad_count'
	| 'above_entitled'
	| 'already_counted'
	| 'not_entitled'
	| 'bad_choice'
	| 'same_choice'
	| 'already_voted'
	| 'signature_required'
	| 'signature_not_asked'
	| 'already_closed'
	| 'reason_required'
	| 'nothing_to_correct';

export interface OpenVoteInput {
	readonly motion: string;
	readonly method: VoteMethod;
	readonly entitled: readonly string[];
	readonly rule: VoteRule;
	/** Secret ballot: each voter signs when identifying. */
	readonly votersSign?: boolean;
}

export function checkOpenVote(meeting: MeetingState | null, votes: VotesState, input: OpenVoteInput): VoteProblem | null {
	if (!meeting || meeting.status === 'closed') return 'meeting_closed';
	if (votes.open) return 'another_open';
	if (!input.motion.trim()) return 'motion_empty';
	if (input.motion.length > 2000) return 'motion_empty';
	if (input.entitled.length === 0) return 'no_entitled';
	if (input.entitled.length > 500) return 'too_many_voters';
	const q = input.rule.quorum;
	if (q !== undefined && (!Number.isInteger(q) || q < 1 || q > 10_000)) return 'bad_quorum';
	if (input.votersSign && input.method !== 'secret_ballot') return 'wrong_method';
	return null;
}

function checkRecording(meeting: MeetingState | null, vote: VoteRecord | undefined, method: (m: VoteMethod) => boolean): VoteProblem | null {
	if (!vote) return 'unknown_vote';
	if (!meeting || meeting.status === 'closed') return 'meeting_closed';
	if (vote.status === 'closed') return 'vote_closed';
	if (!method(vote.method)) return 'wrong_method';
	return null;
}

function checkCounts(vote: VoteRecord, counts: Counts): VoteProblem | null {
	let total = 0;
	for (const o of vote.options) {
		const n = counts[o];
		if (n === undefined || !Number.isInteger(n) || n < 0 || n > 100_000) return 'bad_count';
		total += n;
	}
	if (total > vote.entitled.length) return 'above_entitled';
	return null;
}

/** Show of hands: the counts the moderator entered. */
export function checkHands(meeting: MeetingState | null, vote: VoteRecord | undefined, counts: Counts): VoteProblem | null {
	const problem = checkRecording(meeting, vote, (m) => m === 'show_of_hands');
	if (problem) return problem;
	if (vote!.counted) return 'already_counted';
	return checkCounts(vote!, counts);
}

/** More hands than entitled voters present: allowed, with a warning. */
export function handsAbovePresent(vote: VoteRecord, counts: Counts): boolean {
	const total = vote.options.reduce((s, o) => s + (counts[o] ?? 0), 0);
	return total > vote.present.length;
}

/** Roll call or consensus: one voter's choice. A different second choice is allowed and flagged. */
export function checkCast(meeting: MeetingState | null, vote: VoteRecord | undefined, voter: string, choice: VoteChoice): VoteProblem | null {
	const problem = checkRecording(meeting, vote, (m) => m === 'roll_call' || m === 'consensus');
	if (problem) return problem;
	if (!vote!.entitled.includes(voter)) return 'not_entitled';
	if (!vote!.options.includes(choice)) return 'bad_choice';
	const doubles = vote!.flags.doubleVotes.find((d) => d.voter === voter);
	if (vote!.choices[voter] === choice || doubles?.choices.includes(choice)) return 'same_choice';
	return null;
}

/**
 * Secret ballot: one ballot per voter; when the vote asks voters to sign, a valid signature (not
 * empty, not a dot — `signatureProblem`), and none otherwise.
 */
export function checkBallot(meeting: MeetingState | null, vote: VoteRecord | undefined, voter: string, signature?: Signature): VoteProblem | null {
	const problem = checkRecording(meeting, vote, (m) => m === 'secret_ballot');
	if (problem) return problem;
	if (!vote!.entitled.includes(voter)) return 'not_entitled';
	if (vote!.ballots.includes(voter) || vote!.flags.duplicateBallots.includes(voter)) return 'already_voted';
	if (vote!.votersSign && (!signature || signatureProblem(signature))) return 'signature_required';
	if (!vote!.votersSign && signature) return 'signature_not_asked';
	return null;
}

/** Closing is allowed after the meeting closed (it only seals what was recorded). */
export function checkClose(vote: VoteRecord | undefined): VoteProblem | null {
	if (!vote) return 'unknown_vote';
	if (vote.status === 'closed') return 'already_closed';
	return null;
}

export type CorrectionInput = { reason: string } & ({ counts: Counts } | { voter: string; choice: VoteChoice });

/** A correction after the fact (also allowed after the meeting closed: it is a record of a mistake). */
export function checkCorrection(vote: VoteRecord | undefined, input: CorrectionInput): VoteProblem | null {
	if (!vote) return 'unknown_vote';
	if (!input.reason.trim() || input.reason.length > 200) return 'reason_required';
	const perVoter = vote.method === 'roll_call' || vote.method === 'consensus';
	if ('counts' in input) {
		if (perVoter) return 'wrong_method';
		const problem = checkCounts(vote, input.counts);
		if (problem) return problem;
		if (vote.options.every((o) => (vote.counts[o] ?? 0) === (input.counts[o] ?? 0))) return 'nothing_to_correct';
		return null;
	}
	if (!perVoter) return 'wrong_method';
	if (!vote.entitled.includes(input.voter)) return 'not_entitled';
	if (!vote.options.includes(input.choice)) return 'bad_choice';
	const flagged = vote.flags.doubleVotes.some((d) => d.voter === input.voter);
	if (!flagged && vote.choices[input.voter] === input.choice) return 'nothing_to_correct';
	return null;
}

/** Who may vote, frozen at the opening: the present people, filtered by the electorate. */
export function entitledVoters(
	meeting: MeetingState,
	electorate: Electorate,
	group: readonly string[] = []
): { entitled: string[]; present: string[] } {
	const present = Object.values(meeting.attendance)
		.filter((a) => a.present)
		.map((a) => a.person);
	if (electorate === 'present') return { entitled: present, present };
	if (electorate === 'cppcc_members') {
		const members = Object.values(meeting.attendance)
			.filter((a) => a.present && a.role === 'cppcc_member')
			.map((a) => a.person);
		return { entitled: members, present: members };
	}
	const unique = [...new Set(group)];
	return { entitled: unique, present: unique.filter((p) => meeting.attendance[p]?.present) };
}
