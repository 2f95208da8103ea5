import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	BALLOT_CHOICES,
	CONSENSUS_CHOICES,
	DEFAULT_RULE,
	checkBallot,
	checkCast,
	checkClose,
	checkCorrection,
	checkHands,
	checkOpenVote,
	entitledVoters,
	handsAbovePresent,
	projectMeeting,
	projectVotes,
	validateEvent,
	type EventEnvelope,
	type VoteChoice,
	type VoteMethod,
	type VoteRule
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);
const MOTION = '楼道电力改造费用由物业和相关部门共同承担，每户出资数百元';

function tablets(n: number): FakeTablet[] {
	return Array.from({ length: n }, (_, i) => new FakeTablet(`tab-${String.fromCharCode(97 + i)}`, undefined, undefined, T0));
}

const people = (n: number) => Array.from({ length: n }, (_, i) => personId(i + 1));

/** A meeting with `n` people checked in on tablet `t`. */
function meeting(t: FakeTablet, n: number): string {
	const stream = t.openMeeting();
	t.start(stream);
	for (const p of people(n)) t.checkIn(stream, p);
	return stream;
}

function openVote(t: FakeTablet, stream: string, method: VoteMethod, entitled: readonly string[], rule: VoteRule = DEFAULT_RULE, present = entitled): string {
	const vote = newId(t.clock);
	t.record(stream, 'vote.opened', { vote, motion: MOTION, method, electorate: 'present', entitled: [...entitled], present: [...present], rule });
	return vote;
}

/** A seeded Fisher–Yates shuffle, plus some events delivered twice. */
function redeliver<T>(list: readonly T[], seed: number): T[] {
	let r = seed >>> 0 || 1;
	const next = () => (r = (Math.imul(r, 1103515245) + 12345) >>> 0);
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = next() % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return [...out, ...out.filter(() => next() % 3 === 0)];
}

function bothWays(stream: string, events: readonly EventEnvelope[]) {
	const forward = projectVotes(stream, events);
	expect(projectVotes(stream, [...events].reverse())).toEqual(forward);
	expect(projectVotes(stream, [...events, ...events.slice(0, 5)])).toEqual(forward);
	return forward;
}

describe('vote event schemas', () => {
	it('accepts what the tablet records', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 3);
		const vote = openVote(a!, stream, 'roll_call', people(3));
		a!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' });
		a!.record(stream, 'vote.ballot_cast', { vote, voter: personId(2) });
		a!.record(stream, 'vote.urn_counted', { vote, counts: { for: 1, against: 0, abstain: 0 }, ballots: 1 });
		a!.record(stream, 'vote.hands_counted', { vote, counts: { for: 2, against: 1, abstain: 0 } });
		a!.record(stream, 'vote.corrected', { vote, reason: '数错了', counts: { for: 3, against: 0, abstain: 0 } });
		a!.record(stream, 'vote.corrected', { vote, reason: '点错了', voter: personId(1), choice: 'against' });
		a!.record(stream, 'vote.closed', { vote });
		for (const e of a!.events) expect(validateEvent(e)).toMatchObject({ ok: true });
	});

	it('rejects a secret ballot that carries a choice, and other bad payloads', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 2);
		const vote = newId(T0);
		const bad = [
			a!.record(stream, 'vote.ballot_cast', { vote, voter: personId(1), choice: 'for' }),
			a!.record(stream, 'vote.opened', { vote, motion: MOTION, method: 'roll_call', electorate: 'present', entitled: [], present: [], rule: DEFAULT_RULE }),
			a!.record(stream, 'vote.opened', { vote, motion: MOTION, method: 'roll_call', electorate: 'present', entitled: [personId(1), personId(1)], present: [], rule: DEFAULT_RULE }),
			a!.record(stream, 'vote.opened', { vote, motion: MOTION, method: 'roll_call', electorate: 'present', entitled: [personId(1)], present: [personId(2)], rule: DEFAULT_RULE }),
			a!.record(stream, 'vote.opened', { vote, motion: '  ', method: 'roll_call', electorate: 'present', entitled: [personId(1)], present: [], rule: DEFAULT_RULE }),
			a!.record(stream, 'vote.hands_counted', { vote, counts: { for: -1, against: 0, abstain: 0 } }),
			a!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'maybe' }),
			a!.record(stream, 'vote.corrected', { vote, reason: '', counts: { for: 1, against: 0, abstain: 0 } }),
			a!.record(stream, 'vote.corrected', { vote, reason: '原因', counts: { for: 1, against: 0, abstain: 0 }, voter: personId(1), choice: 'for' }),
			a!.record(stream, 'vote.corrected', { vote, reason: '原因', voter: personId(1) })
		];
		for (const e of bad) expect(validateEvent(e)).toMatchObject({ ok: false });
		expect(validateEvent(bad[0]!)).toMatchObject({ ok: false, reason: expect.stringContaining('choice') });
	});
});

describe('projectVotes', () => {
	it('freezes the entitled voters at the opening, and counts a show of hands', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 11);
		const vote = openVote(a!, stream, 'show_of_hands', people(11));
		a!.checkIn(stream, personId(12)); // arrives after the vote opened: not entitled
		a!.record(stream, 'vote.hands_counted', { vote, counts: { for: 10, against: 0, abstain: 1 } });
		a!.record(stream, 'vote.closed', { vote });
		const s = bothWays(stream, a!.events);
		const v = s.byId[vote]!;
		expect(v.entitled).toEqual(people(11));
		expect(v).toMatchObject({ status: 'closed', counts: { for: 10, against: 0, abstain: 1 }, outcome: { passed: true } });
		expect(s.open).toBeNull();
	});

	it('roll call: a differing second vote is flagged and the first counts; a correction resolves it', () => {
		const [a, b] = tablets(2);
		const stream = meeting(a!, 3);
		const vote = openVote(a!, stream, 'roll_call', people(3));
		b!.observe(a!.events);
		a!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' });
		b!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' }); // same choice again: counts once
		b!.record(stream, 'vote.cast', { vote, voter: personId(2), choice: 'for' });
		a!.record(stream, 'vote.cast', { vote, voter: personId(2), choice: 'against' }); // differing: flagged
		a!.record(stream, 'vote.cast', { vote, voter: personId(9), choice: 'for' }); // not entitled
		let s = bothWays(stream, [...a!.events, ...b!.events]);
		let v = s.byId[vote]!;
		expect(v.counts).toEqual({ for: 2, against: 0, abstain: 0 });
		expect(v.flags.doubleVotes).toEqual([{ voter: personId(2), choices: ['for', 'against'] }]);
		expect(v.flags.notEntitled).toEqual([personId(9)]);
		expect(v.notVoted).toEqual([personId(3)]);

		a!.observe(b!.events);
		a!.record(stream, 'vote.corrected', { vote, reason: '本人确认投反对', voter: personId(2), choice: 'against' });
		s = bothWays(stream, [...a!.events, ...b!.events]);
		v = s.byId[vote]!;
		expect(v.counts).toEqual({ for: 1, against: 1, abstain: 0 });
		expect(v.original).toEqual({ for: 2, against: 0, abstain: 0 });
		expect(v.flags.doubleVotes).toEqual([]);
		expect(v.corrections).toMatchObject([{ reason: '本人确认投反对', voter: personId(2), choice: 'against', before: { for: 2, against: 0, abstain: 0 } }]);
	});

	it('show of hands: a correction keeps the original and recomputes the outcome', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 11);
		const vote = openVote(a!, stream, 'show_of_hands', people(11));
		a!.record(stream, 'vote.hands_counted', { vote, counts: { for: 5, against: 5, abstain: 1 } });
		a!.record(stream, 'vote.closed', { vote });
		expect(projectVotes(stream, a!.events).byId[vote]!.outcome.passed).toBe(false);
		a!.record(stream, 'vote.corrected', { vote, reason: '反对票重数为 0，录入时填错', counts: { for: 10, against: 0, abstain: 1 } });
		const v = bothWays(stream, a!.events).byId[vote]!;
		expect(v).toMatchObject({ original: { for: 5, against: 5, abstain: 1 }, counts: { for: 10, against: 0, abstain: 1 }, outcome: { passed: true } });
		expect(v.corrections).toHaveLength(1);
	});

	it('show of hands: a second, differing count from another tablet is flagged, the first stands', () => {
		const [a, b] = tablets(2);
		const stream = meeting(a!, 11);
		const vote = openVote(a!, stream, 'show_of_hands', people(11));
		b!.observe(a!.events);
		a!.record(stream, 'vote.hands_counted', { vote, counts: { for: 10, against: 0, abstain: 1 } });
		b!.record(stream, 'vote.hands_counted', { vote, counts: { for: 9, against: 1, abstain: 1 } });
		const v = bothWays(stream, [...a!.events, ...b!.events]).byId[vote]!;
		expect(v.flags.handsConflicts).toBe(1);
	});

	it('secret ballot: the tally is the sum of the tablets’ urns; an uncounted urn and a duplicate are flagged', () => {
		const [a, b] = tablets(2);
		const stream = meeting(a!, 5);
		const vote = openVote(a!, stream, 'secret_ballot', people(5));
		b!.observe(a!.events);
		for (const p of people(3)) a!.record(stream, 'vote.ballot_cast', { vote, voter: p });
		b!.record(stream, 'vote.ballot_cast', { vote, voter: personId(4) });
		b!.record(stream, 'vote.ballot_cast', { vote, voter: personId(1) }); // voted again on the other tablet
		a!.record(stream, 'vote.urn_counted', { vote, counts: { for: 2, against: 0, abstain: 1 }, ballots: 3 });
		a!.record(stream, 'vote.closed', { vote });
		let v = bothWays(stream, [...a!.events, ...b!.events]).byId[vote]!;
		expect(v.counts).toEqual({ for: 2, against: 0, abstain: 1 });
		expect(v.flags.urnsMissing).toEqual(['tab-b']);
		expect(v.flags.duplicateBallots).toEqual([personId(1)]);
		expect([...v.ballots].sort()).toEqual(people(4).sort());
		expect(v.notVoted).toEqual([personId(5)]);
		expect(v.choices).toEqual({});

		b!.observe(a!.events);
		b!.record(stream, 'vote.urn_counted', { vote, counts: { for: 1, against: 1, abstain: 0 }, ballots: 2 });
		v = bothWays(stream, [...a!.events, ...b!.events]).byId[vote]!;
		expect(v.counts).toEqual({ for: 3, against: 1, abstain: 1 });
		expect(v.flags.urnsMissing).toEqual([]);
	});

	it('consensus: one block, no consensus', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 4);
		const vote = openVote(a!, stream, 'consensus', people(4));
		const choices: VoteChoice[] = ['agree', 'agree', 'reservations', 'block'];
		people(4).forEach((p, i) => a!.record(stream, 'vote.cast', { vote, voter: p, choice: choices[i] }));
		const v = projectVotes(stream, a!.events).byId[vote]!;
		expect(v.counts).toEqual({ agree: 2, reservations: 1, disagree: 0, block: 1 });
		expect(v.outcome).toMatchObject({ passed: false, reason: { code: 'blocked', blocks: 1 } });
	});

	it('does not count casts recorded after the vote closed', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 3);
		const vote = openVote(a!, stream, 'roll_call', people(3));
		a!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' });
		a!.record(stream, 'vote.closed', { vote });
		a!.record(stream, 'vote.cast', { vote, voter: personId(2), choice: 'against' });
		a!.record(stream, 'vote.closed', { vote });
		const v = projectVotes(stream, a!.events).byId[vote]!;
		expect(v.counts).toEqual({ for: 1, against: 0, abstain: 0 });
		expect(v.flags.late).toBe(1);
	});

	it('ignores events of other streams and of unknown versions', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 2);
		const vote = openVote(a!, stream, 'roll_call', people(2));
		a!.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' }, 2);
		a!.record(newId(), 'vote.cast', { vote, voter: personId(2), choice: 'for' });
		expect(projectVotes(stream, a!.events).byId[vote]!.counts).toEqual({ for: 0, against: 0, abstain: 0 });
	});
});

describe('checks before recording (bad input records nothing)', () => {
	function setup(method: VoteMethod, n = 11) {
		const [a] = tablets(1);
		const stream = meeting(a!, n);
		const vote = openVote(a!, stream, method, people(n));
		const state = () => ({ m: projectMeeting(stream, a!.events), v: projectVotes(stream, a!.events).byId[vote] });
		return { a: a!, stream, vote, state };
	}

	it('refuses a vote by someone not entitled', () => {
		const { state } = setup('roll_call');
		expect(checkCast(state().m, state().v, personId(99), 'for')).toBe('not_entitled');
		const s = setup('secret_ballot');
		expect(checkBallot(s.state().m, s.state().v, personId(99))).toBe('not_entitled');
	});

	it('roll call: the same choice twice is refused, a different one is allowed (and then flagged)', () => {
		const { a, stream, vote, state } = setup('roll_call');
		expect(checkCast(state().m, state().v, personId(1), 'for')).toBeNull();
		a.record(stream, 'vote.cast', { vote, voter: personId(1), choice: 'for' });
		expect(checkCast(state().m, state().v, personId(1), 'for')).toBe('same_choice');
		expect(checkCast(state().m, state().v, personId(1), 'against')).toBeNull();
		expect(checkCast(state().m, state().v, personId(1), 'block')).toBe('bad_choice');
	});

	it('secret ballot: a second ballot by the same voter is refused', () => {
		const { a, stream, vote, state } = setup('secret_ballot');
		a.record(stream, 'vote.ballot_cast', { vote, voter: personId(1) });
		expect(checkBallot(state().m, state().v, personId(1))).toBe('already_voted');
		expect(checkBallot(state().m, state().v, personId(2))).toBeNull();
	});

	it('show of hands: refuses counts above the entitled, warns above those present', () => {
		const [a] = tablets(1);
		const stream = meeting(a!, 10);
		const vote = openVote(a!, stream, 'show_of_hands', [...people(10), personId(50)], DEFAULT_RULE, people(10));
		const m = projectMeeting(stream, a!.events);
		const v = projectVotes(stream, a!.events).byId[vote]!;
		expect(checkHands(m, v, { for: 11, against: 1, abstain: 0 })).toBe('above_entitled');
		expect(checkHands(m, v, { for: 10, against: 0, abstain: 1 })).toBeNull();
		expect(handsAbovePresent(v, { for: 10, against: 0, abstain: 1 })).toBe(true);
		expect(handsAbovePresent(v, { for: 10, against: 0, abstain: 0 })).toBe(false);
		expect(checkHands(m, v, { for: 1.5, against: 0, abstain: 0 })).toBe('bad_count');
		expect(checkHands(m, v, { for: -1, against: 0, abstain: 0 })).toBe('bad_count');
		a!.record(stream, 'vote.hands_counted', { vote, counts: { for: 10, against: 0, abstain: 0 } });
		expect(checkHands(m, projectVotes(stream, a!.events).byId[vote], { for: 9, against: 0, abstain: 0 })).toBe('already_counted');
	});

	it('refuses closing a vote twice, and voting on a closed vote', () => {
		const { a, stream, vote, state } = setup('roll_call');
		expect(checkClose(state().v)).toBeNull();
		a.record(stream, 'vote.closed', { vote });
		expect(checkClose(state().v)).toBe('already_closed');
		expect(checkCast(state().m, state().v, personId(1), 'for')).toBe('vote_closed');
	});

	it('refuses votes on a closed meeting', () => {
		const { a, stream, state } = setup('roll_call');
		a.close(stream);
		expect(checkCast(state().m, state().v, personId(1), 'for')).toBe('meeting_closed');
		expect(checkOpenVote(state().m, projectVotes(stream, []), { motion: MOTION, method: 'show_of_hands', entitled: people(2), rule: DEFAULT_RULE })).toBe('meeting_closed');
	});

	it('refuses opening a second vote while one is open, an empty motion, nobody entitled, a bad quorum', () => {
		const { state, a, stream } = setup('roll_call');
		const votes = projectVotes(stream, a.events);
		const input = { motion: MOTION, method: 'show_of_hands' as const, entitled: people(2), rule: DEFAULT_RULE };
		expect(checkOpenVote(state().m, votes, input)).toBe('another_open');
		const none = projectVotes(stream, []);
		expect(checkOpenVote(state().m, none, input)).toBeNull();
		expect(checkOpenVote(state().m, none, { ...input, motion: ' ' })).toBe('motion_empty');
		expect(checkOpenVote(state().m, none, { ...input, entitled: [] })).toBe('no_entitled');
		expect(checkOpenVote(state().m, none, { ...input, rule: { ...DEFAULT_RULE, quorum: 0 } })).toBe('bad_quorum');
	});

	it('corrections need a reason and fit the method', () => {
		const { a, stream, vote, state } = setup('show_of_hands');
		a.record(stream, 'vote.hands_counted', { vote, counts: { for: 5, against: 5, abstain: 1 } });
		const v = state().v;
		expect(checkCorrection(v, { reason: ' ', counts: { for: 10, against: 0, abstain: 1 } })).toBe('reason_required');
		expect(checkCorrection(v, { reason: '重数', counts: { for: 12, against: 0, abstain: 0 } })).toBe('above_entitled');
		expect(checkCorrection(v, { reason: '重数', counts: { for: 5, against: 5, abstain: 1 } })).toBe('nothing_to_correct');
		expect(checkCorrection(v, { reason: '重数', voter: personId(1), choice: 'for' })).toBe('wrong_method');
		expect(checkCorrection(v, { reason: '重数', counts: { for: 10, against: 0, abstain: 1 } })).toBeNull();
	});

	it('entitledVoters: everyone present, CPPCC members only, or a named group', () => {
		const [a] = tablets(1);
		const stream = a!.openMeeting();
		a!.checkIn(stream, personId(1));
		a!.checkIn(stream, personId(2), 'cppcc_member');
		a!.checkIn(stream, personId(3), 'cppcc_member');
		const c = a!.checkIn(stream, personId(4));
		a!.revoke(stream, personId(4), [c.id]);
		const m = projectMeeting(stream, a!.events);
		expect(entitledVoters(m, 'present').entitled.sort()).toEqual(people(3));
		expect(entitledVoters(m, 'cppcc_members')).toEqual({ entitled: [personId(2), personId(3)], present: [personId(2), personId(3)] });
		expect(entitledVoters(m, 'group', [personId(1), personId(4), personId(1)])).toEqual({ entitled: [personId(1), personId(4)], present: [personId(1)] });
	});
});

describe('property: the tally equals the sum of the choices, in any order, with duplicates', () => {
	it('roll call and consensus, over several tablets', () => {
		const castArb = fc.record({ tablet: fc.nat({ max: 2 }), voter: fc.nat({ max: 8 }), choice: fc.nat({ max: 3 }), sync: fc.boolean() });
		fc.assert(
			fc.property(
				fc.constantFrom<VoteMethod>('roll_call', 'consensus'),
				fc.array(castArb, { minLength: 1, maxLength: 30 }),
				fc.integer(),
				(method, casts, seed) => {
					const ts = tablets(3);
					const stream = meeting(ts[0]!, 6);
					const vote = openVote(ts[0]!, stream, method, people(6));
					for (const t of ts.slice(1)) t.observe(ts[0]!.events);
					const options = method === 'consensus' ? CONSENSUS_CHOICES : BALLOT_CHOICES;
					for (const c of casts) {
						const t = ts[c.tablet]!;
						if (c.sync) t.observe(ts.flatMap((x) => x.events));
						t.record(stream, 'vote.cast', { vote, voter: personId(c.voter + 1), choice: options[c.choice % options.length] });
					}
					const all = ts.flatMap((t) => t.events);
					const reference = projectVotes(stream, all);
					const s = projectVotes(stream, redeliver(all, seed));
					expect(s).toEqual(reference);
					const v = s.byId[vote]!;
					const total = options.reduce((n, o) => n + (v.counts[o] ?? 0), 0);
					expect(total).toBe(Object.keys(v.choices).length);
					for (const o of options) expect(v.counts[o]).toBe(Object.values(v.choices).filter((c) => c === o).length);
					expect(v.notVoted.length + Object.keys(v.choices).length).toBe(6);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('secret ballot: the sum over tablets of the urns, whatever the delivery', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.constantFrom(...BALLOT_CHOICES), { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
				fc.integer(),
				(perTablet, seed) => {
					const ts = tablets(perTablet.length);
					const stream = meeting(ts[0]!, 20);
					const vote = openVote(ts[0]!, stream, 'secret_ballot', people(20));
					for (const t of ts.slice(1)) t.observe(ts[0]!.events);
					let voter = 0;
					perTablet.forEach((choices, i) => {
						const t = ts[i]!;
						for (let k = 0; k < choices.length; k++) t.record(stream, 'vote.ballot_cast', { vote, voter: personId(++voter) });
						if (choices.length > 0) {
							const counts = { for: 0, against: 0, abstain: 0 };
							for (const c of choices) counts[c]++;
							t.record(stream, 'vote.urn_counted', { vote, counts, ballots: choices.length });
						}
					});
					const all = ts.flatMap((t) => t.events);
					const s = projectVotes(stream, redeliver(all, seed));
					expect(s).toEqual(projectVotes(stream, all));
					const v = s.byId[vote]!;
					for (const o of BALLOT_CHOICES) expect(v.counts[o]).toBe(perTablet.flat().filter((c) => c === o).length);
					expect(v.ballots.length).toBe(perTablet.flat().length);
					expect(v.flags.urnMismatch).toEqual([]);
				}
			),
			{ numRuns: 150 }
		);
	});

});
