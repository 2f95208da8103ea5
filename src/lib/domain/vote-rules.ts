/**
 * The rules that decide a vote: a threshold (more than half, two thirds, or all; of votes cast,
 * of the entitled present, or of all entitled), a quorum (minimum of entitled voters present),
 * and whether abstentions are votes cast. Pure: `evaluateVote` returns whether the motion passed
 * and the numbers of the sentence that says why (the UI words it, in zh-CN or en).
 *
 * - cast = for + against (+ abstain when abstentions count as cast);
 * - base = cast, present or entitled, per `basis`;
 * - needed: more than half = floor(base / 2) + 1; two thirds = ceil(2 · base / 3); unanimous = base;
 * - passed when the quorum is met, base > 0 and for ≥ needed. A consensus check is read as
 *   for = agree + reservations, against = disagree + block, and one block means no consensus.
 */
import type {
	AbstentionRule,
	BallotChoice,
	ConsensusChoice,
	ThresholdBasis,
	ThresholdFraction,
	VoteMethod
} from './events/votes';

export interface VoteRule {
	readonly basis: ThresholdBasis;
	readonly fraction: ThresholdFraction;
	readonly abstentions: AbstentionRule;
	readonly quorum?: number;
}

export type BallotCounts = Readonly<Record<BallotChoice, number>>;
export type ConsensusCounts = Readonly<Record<ConsensusChoice, number>>;
export type Counts = Readonly<Partial<Record<BallotChoice | ConsensusChoice, number>>>;

export type OutcomeCode = 'passed' | 'not_enough' | 'no_quorum' | 'no_votes' | 'blocked';

/** The numbers a sentence needs: "Passed: 10 for, more than half of the 11 present (6 needed)." */
export interface OutcomeReason {
	readonly code: OutcomeCode;
	readonly basis: ThresholdBasis;
	readonly fraction: ThresholdFraction;
	readonly for: number;
	readonly against: number;
	readonly abstain: number;
	readonly cast: number;
	/** What the threshold is a fraction of. */
	readonly base: number;
	/** Votes for that the motion needed. */
	readonly needed: number;
	readonly present: number;
	readonly entitled: number;
	readonly quorum: number | null;
	readonly blocks: number;
}

export interface Outcome {
	readonly passed: boolean;
	readonly reason: OutcomeReason;
}

export function neededFor(fraction: ThresholdFraction, base: number): number {
	switch (fraction) {
		case 'half':
			return Math.floor(base / 2) + 1;
		case 'two_thirds':
			return Math.ceil((2 * base) / 3);
		case 'unanimous':
			return base;
	}
}

/** For / against / abstain / blocks of any method's counts. */
export function asBallot(method: VoteMethod, counts: Counts): BallotCounts & { block: number } {
	if (method === 'consensus') {
		const block = counts.block ?? 0;
		return {
			for: (counts.agree ?? 0) + (counts.reservations ?? 0),
			against: (counts.disagree ?? 0) + block,
			abstain: 0,
			block
		};
	}
	return { for: counts.for ?? 0, against: counts.against ?? 0, abstain: counts.abstain ?? 0, block: 0 };
}

export function evaluateVote(
	rule: VoteRule,
	method: VoteMethod,
	counts: Counts,
	electorate: { present: number; entitled: number }
): Outcome {
	const c = asBallot(method, counts);
	const cast = c.for + c.against + (rule.abstentions === 'count_as_cast' ? c.abstain : 0);
	const base = rule.basis === 'cast' ? cast : rule.basis === 'present' ? electorate.present : electorate.entitled;
	const needed = base > 0 ? neededFor(rule.fraction, base) : 0;
	const quorum = rule.quorum ?? null;
	const reason = (code: OutcomeCode): OutcomeReason => ({
		code,
		basis: rule.basis,
		fraction: rule.fraction,
		for: c.for,
		against: c.against,
		abstain: c.abstain,
		cast,
		base,
		needed,
		present: electorate.present,
		entitled: electorate.entitled,
		quorum,
		blocks: c.block
	});
	if (quorum !== null && electorate.present < quorum) return { passed: false, reason: reason('no_quorum') };
	if (base === 0 || (rule.basis === 'cast' && cast === 0)) return { passed: false, reason: reason('no_votes') };
	if (c.block > 0) return { passed: false, reason: reason('blocked') };
	if (c.for >= needed) return { passed: true, reason: reason('passed') };
	return { passed: false, reason: reason('not_enough') };
}

/** The rule most meetings use: more than half of the entitled present, abstentions are votes cast. */
export const DEFAULT_RULE: VoteRule = { basis: 'present', fraction: 'half', abstentions: 'count_as_cast' };
