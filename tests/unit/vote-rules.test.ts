import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ABSTENTION_RULES,
	THRESHOLD_BASES,
	THRESHOLD_FRACTIONS,
	evaluateVote,
	neededFor,
	type AbstentionRule,
	type ThresholdBasis,
	type ThresholdFraction
} from '../../src/lib/domain';

describe('neededFor', () => {
	it('more than half, at least two thirds, all', () => {
		expect([1, 2, 3, 10, 11, 12].map((b) => neededFor('half', b))).toEqual([1, 2, 2, 6, 6, 7]);
		expect([1, 2, 3, 9, 10, 11, 12].map((b) => neededFor('two_thirds', b))).toEqual([1, 2, 2, 6, 7, 8, 8]);
		expect([1, 11].map((b) => neededFor('unanimous', b))).toEqual([1, 11]);
	});
});

describe('evaluateVote: every threshold × basis × abstention rule', () => {
	// 6 for, 3 against, 2 abstain; 11 entitled present of 12 entitled.
	// Votes cast: 11 when abstentions count as cast, 9 when they do not.
	const counts = { for: 6, against: 3, abstain: 2 };
	const electorate = { present: 11, entitled: 12 };
	type Row = [ThresholdBasis, ThresholdFraction, AbstentionRule, number, number, boolean];
	const table: Row[] = [
		// basis, fraction, abstentions, base, needed, passed
		['cast', 'half', 'count_as_cast', 11, 6, true],
		['cast', 'half', 'not_cast', 9, 5, true],
		['cast', 'two_thirds', 'count_as_cast', 11, 8, false],
		['cast', 'two_thirds', 'not_cast', 9, 6, true],
		['cast', 'unanimous', 'count_as_cast', 11, 11, false],
		['cast', 'unanimous', 'not_cast', 9, 9, false],
		['present', 'half', 'count_as_cast', 11, 6, true],
		['present', 'half', 'not_cast', 11, 6, true],
		['present', 'two_thirds', 'count_as_cast', 11, 8, false],
		['present', 'two_thirds', 'not_cast', 11, 8, false],
		['present', 'unanimous', 'count_as_cast', 11, 11, false],
		['present', 'unanimous', 'not_cast', 11, 11, false],
		['entitled', 'half', 'count_as_cast', 12, 7, false],
		['entitled', 'half', 'not_cast', 12, 7, false],
		['entitled', 'two_thirds', 'count_as_cast', 12, 8, false],
		['entitled', 'two_thirds', 'not_cast', 12, 8, false],
		['entitled', 'unanimous', 'count_as_cast', 12, 12, false],
		['entitled', 'unanimous', 'not_cast', 12, 12, false]
	];
	it('covers all combinations', () => {
		expect(table.length).toBe(THRESHOLD_BASES.length * THRESHOLD_FRACTIONS.length * ABSTENTION_RULES.length);
	});
	for (const [basis, fraction, abstentions, base, needed, passed] of table) {
		it(`${fraction} of ${basis}, abstentions ${abstentions}: ${passed ? 'passed' : 'not passed'}`, () => {
			const o = evaluateVote({ basis, fraction, abstentions }, 'show_of_hands', counts, electorate);
			expect(o.passed).toBe(passed);
			expect(o.reason).toMatchObject({ code: passed ? 'passed' : 'not_enough', base, needed, for: 6, against: 3, abstain: 2, basis, fraction });
			expect(o.reason.cast).toBe(abstentions === 'count_as_cast' ? 11 : 9);
		});
		it(`${fraction} of ${basis}, abstentions ${abstentions}: quorum decides first`, () => {
			const met = evaluateVote({ basis, fraction, abstentions, quorum: 11 }, 'show_of_hands', counts, electorate);
			expect(met.passed).toBe(passed);
			const short = evaluateVote({ basis, fraction, abstentions, quorum: 12 }, 'show_of_hands', counts, electorate);
			expect(short).toMatchObject({ passed: false, reason: { code: 'no_quorum', quorum: 12, present: 11 } });
		});
	}
});

describe('evaluateVote: the cases people argue about', () => {
	const rule = { basis: 'present', fraction: 'half', abstentions: 'count_as_cast' } as const;
	it('scenario 1: 11 entitled, 10 for, 0 against, 1 abstain → passed', () => {
		const o = evaluateVote(rule, 'show_of_hands', { for: 10, against: 0, abstain: 1 }, { present: 11, entitled: 11 });
		expect(o).toMatchObject({ passed: true, reason: { code: 'passed', for: 10, base: 11, needed: 6 } });
	});
	it('a tie is not more than half', () => {
		const o = evaluateVote({ ...rule, basis: 'cast' }, 'roll_call', { for: 5, against: 5, abstain: 0 }, { present: 10, entitled: 10 });
		expect(o).toMatchObject({ passed: false, reason: { code: 'not_enough', needed: 6 } });
	});
	it('exactly two thirds passes', () => {
		const o = evaluateVote({ ...rule, basis: 'cast', fraction: 'two_thirds' }, 'roll_call', { for: 6, against: 3, abstain: 0 }, { present: 9, entitled: 9 });
		expect(o.passed).toBe(true);
	});
	it('unanimous of votes cast: an abstention breaks it only when it counts as cast', () => {
		const c = { for: 10, against: 0, abstain: 1 };
		const e = { present: 11, entitled: 11 };
		expect(evaluateVote({ basis: 'cast', fraction: 'unanimous', abstentions: 'not_cast' }, 'secret_ballot', c, e).passed).toBe(true);
		expect(evaluateVote({ basis: 'cast', fraction: 'unanimous', abstentions: 'count_as_cast' }, 'secret_ballot', c, e).passed).toBe(false);
	});
	it('no votes cast is not passed, whatever the basis', () => {
		for (const basis of THRESHOLD_BASES) {
			const o = evaluateVote({ ...rule, basis }, 'show_of_hands', { for: 0, against: 0, abstain: 0 }, { present: 5, entitled: 5 });
			expect(o.passed).toBe(false);
		}
		const onlyAbstain = evaluateVote({ basis: 'cast', fraction: 'half', abstentions: 'not_cast' }, 'show_of_hands', { for: 0, against: 0, abstain: 4 }, { present: 4, entitled: 4 });
		expect(onlyAbstain).toMatchObject({ passed: false, reason: { code: 'no_votes', cast: 0 } });
	});
	it('consensus: one block means no consensus, however many agree', () => {
		const o = evaluateVote(rule, 'consensus', { agree: 9, reservations: 1, disagree: 0, block: 1 }, { present: 11, entitled: 11 });
		expect(o).toMatchObject({ passed: false, reason: { code: 'blocked', blocks: 1, for: 10, against: 1 } });
	});
	it('consensus: reservations count with agree', () => {
		const o = evaluateVote(rule, 'consensus', { agree: 3, reservations: 4, disagree: 4, block: 0 }, { present: 11, entitled: 11 });
		expect(o).toMatchObject({ passed: true, reason: { code: 'passed', for: 7, needed: 6 } });
	});
	it('the quorum is checked against the entitled present', () => {
		const o = evaluateVote({ ...rule, quorum: 12 }, 'show_of_hands', { for: 11, against: 0, abstain: 0 }, { present: 11, entitled: 13 });
		expect(o).toMatchObject({ passed: false, reason: { code: 'no_quorum' } });
	});
	it('property: passed exactly when the quorum is met, something counts, no block, and for ≥ needed', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...THRESHOLD_BASES),
				fc.constantFrom(...THRESHOLD_FRACTIONS),
				fc.constantFrom(...ABSTENTION_RULES),
				fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
				fc.nat({ max: 20 }),
				fc.nat({ max: 20 }),
				fc.nat({ max: 20 }),
				fc.nat({ max: 10 }),
				(basis, fraction, abstentions, quorum, f, a, ab, extra) => {
					const present = f + a + ab + extra;
					const electorate = { present, entitled: present + extra };
					const o = evaluateVote({ basis, fraction, abstentions, ...(quorum ? { quorum } : {}) }, 'show_of_hands', { for: f, against: a, abstain: ab }, electorate);
					const cast = f + a + (abstentions === 'count_as_cast' ? ab : 0);
					const base = basis === 'cast' ? cast : basis === 'present' ? present : present + extra;
					const expected = (quorum === undefined || present >= quorum) && base > 0 && cast > 0 && f >= neededFor(fraction, base);
					expect(o.passed).toBe(expected);
					if (o.passed) expect(o.reason.for).toBeGreaterThan(fraction === 'half' ? base / 2 : fraction === 'two_thirds' ? (2 * base) / 3 - 1e-9 : base - 1);
				}
			),
			{ numRuns: 500 }
		);
	});
});
