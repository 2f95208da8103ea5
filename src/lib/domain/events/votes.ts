/**
 * Payload schemas of votes (表决) in a meeting stream. A vote has its own id (`vote`,
 * 32 hex, made on the device) and lives in the meeting's stream. The entitled voters are frozen in
 * `vote.opened`. Secret ballots never store a choice next to a voter: `vote.ballot_cast` says who
 * voted, and each tablet's aggregate `vote.urn_counted` says what its urn holds.
 *
 * Version 2 of `vote.opened` adds `voters_sign` (a secret ballot whose voters sign when they
 * identify); version 2 of `vote.ballot_cast` carries that voter's signature (identity only, never the
 * choice). A tablet writes v2 only when there is something to carry, so a server that knows only
 * v1 still takes every unsigned vote.
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { optionalText, personRef, signature, text } from './common';

export const VOTE_METHODS = ['show_of_hands', 'roll_call', 'secret_ballot', 'consensus'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

export const ELECTORATES = ['present', 'cppcc_members', 'group'] as const;
export type Electorate = (typeof ELECTORATES)[number];

/** For / against / abstain (show of hands, roll call, secret ballot). */
export const BALLOT_CHOICES = ['for', 'against', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
/** 同意 / 保留意见 / 不同意 / 反对到底 (consensus check; one block means no consensus). */
export const CONSENSUS_CHOICES = ['agree', 'reservations', 'disagree', 'block'] as const;
export type ConsensusChoice = (typeof CONSENSUS_CHOICES)[number];
export type VoteChoice = BallotChoice | ConsensusChoice;

/** What the threshold is counted of: votes cast, entitled voters present at the opening, or all entitled. */
export const THRESHOLD_BASES = ['cast', 'present', 'entitled'] as const;
export type ThresholdBasis = (typeof THRESHOLD_BASES)[number];
/** More than half, at least two thirds, or all. */
export const THRESHOLD_FRACTIONS = ['half', 'two_thirds', 'unanimous'] as const;
export type ThresholdFraction = (typeof THRESHOLD_FRACTIONS)[number];
/** Whether an abstention is a vote cast (it then weighs like "against" when counting of votes cast). */
export const ABSTENTION_RULES = ['count_as_cast', 'not_cast'] as const;
export type AbstentionRule = (typeof ABSTENTION_RULES)[number];

export const MAX_VOTERS = 500;

export const VOTE_VERSIONS = {
	'vote.opened': [1, 2],
	'vote.hands_counted': [1],
	'vote.cast': [1],
	'vote.ballot_cast': [1, 2],
	'vote.urn_counted': [1],
	'vote.closed': [1],
	'vote.corrected': [1]
} as const;

function buildVoteSchemas() {
	const { eventId } = envelopeSchemas();
	const count = z.number().int().min(0).max(100_000);
	const ballotCounts = z.strictObject({ for: count, against: count, abstain: count });
	const consensusCounts = z.strictObject({ agree: count, reservations: count, disagree: count, block: count });
	const voters = z
		.array(personRef())
		.max(MAX_VOTERS)
		.refine((list) => new Set(list).size === list.length, 'must not name a person twice');

	const rule = z.strictObject({
		basis: z.enum(THRESHOLD_BASES),
		fraction: z.enum(THRESHOLD_FRACTIONS),
		abstentions: z.enum(ABSTENTION_RULES),
		/** Minimum number of entitled voters present. */
		quorum: z.number().int().min(1).max(10_000).optional()
	});

	const openedFields = {
		vote: eventId,
		motion: text(2000),
		/** The topic (议题) the motion belongs to, when topics exist. */
		topic: eventId.optional(),
		method: z.enum(VOTE_METHODS),
		electorate: z.enum(ELECTORATES),
		group_name: optionalText(100),
		/** Who may vote, frozen at the opening. */
		entitled: voters.refine((list) => list.length >= 1, 'at least one entitled voter'),
		/** The entitled who were present at the opening (a subset of `entitled`). */
		present: voters,
		rule
	};
	const presentEntitled = { message: 'present voters must be entitled', path: ['present'] };
	const openedV1 = z.strictObject(openedFields).refine((p) => p.present.every((id) => p.entitled.includes(id)), presentEntitled);
	/** Version 2: `voters_sign` — each voter of a secret ballot signs when identifying. */
	const openedV2 = z
		.strictObject({ ...openedFields, voters_sign: z.boolean().optional() })
		.refine((p) => p.present.every((id) => p.entitled.includes(id)), presentEntitled)
		.refine((p) => !p.voters_sign || p.method === 'secret_ballot', { message: 'only a secret ballot has voters sign', path: ['voters_sign'] });

	const handsCountedV1 = z.strictObject({ vote: eventId, counts: ballotCounts });
	const castV1 = z.strictObject({
		vote: eventId,
		voter: personRef(),
		choice: z.enum([...BALLOT_CHOICES, ...CONSENSUS_CHOICES])
	});
	/** Secret ballot: that this person voted, never what. */
	const ballotCastV1 = z.strictObject({ vote: eventId, voter: personRef() });
	/** Version 2: the voter's signature, captured when they identified, before choosing. */
	const ballotCastV2 = z.strictObject({ vote: eventId, voter: personRef(), signature: signature().optional() });
	/** Secret ballot: what one tablet's urn holds, in aggregate, and how many ballots went in. */
	const urnCountedV1 = z.strictObject({ vote: eventId, counts: ballotCounts, ballots: count });
	const closedV1 = z.strictObject({ vote: eventId });
	/** A correction after the fact: new totals, or one voter's choice (roll call, consensus). */
	const correctedV1 = z
		.strictObject({
			vote: eventId,
			reason: text(200),
			counts: z.union([ballotCounts, consensusCounts]).optional(),
			voter: personRef().optional(),
			choice: z.enum([...BALLOT_CHOICES, ...CONSENSUS_CHOICES]).optional()
		})
		.refine((p) => (p.counts !== undefined) !== (p.voter !== undefined), 'either counts or a voter')
		.refine((p) => (p.voter === undefined) === (p.choice === undefined), 'a voter needs a choice');

	return {
		'vote.opened': { 1: openedV1, 2: openedV2 },
		'vote.hands_counted': { 1: handsCountedV1 },
		'vote.cast': { 1: castV1 },
		'vote.ballot_cast': { 1: ballotCastV1, 2: ballotCastV2 },
		'vote.urn_counted': { 1: urnCountedV1 },
		'vote.closed': { 1: closedV1 },
		'vote.corrected': { 1: correctedV1 }
	} as const;
}

/** Payload schemas by type and version, built on first use. */
export const voteSchemas = once(buildVoteSchemas);
