/**
 * A secret ballot whose voters sign when they identify (`vote.opened` v2 `voters_sign`,
 * `vote.ballot_cast` v2 `signature`): the schemas, the projection, the checks before recording, and
 * unlinkability — a signed ballot stores who voted and their signature, never what they chose.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
	DEFAULT_RULE,
	checkBallot,
	checkOpenVote,
	projectMeeting,
	projectVotes,
	signatureHash,
	validateEvent,
	type BallotChoice,
	type EventEnvelope,
	type Signature
} from '../../src/lib/domain';
import { EventStore } from '../../src/lib/storage';
import { draft, FakeTablet, newId, personId, TestClock } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const T0 = Date.UTC(2026, 10, 26, 8);
const MOTION = '楼道改造费用共同承担';
const voters = Array.from({ length: 5 }, (_, i) => personId(i + 1));

const rehash = (sig: Omit<Signature, 'sha256'>): Signature => ({ ...sig, sha256: signatureHash(sig) });
const EMPTY = rehash({ w: 1000, h: 333, strokes: '' });
const DOT = rehash({ w: 1000, h: 333, strokes: '500,200' });

function opened(vote: string, extra: Record<string, unknown> = {}, method = 'secret_ballot') {
	return { vote, motion: MOTION, method, electorate: 'present', entitled: voters, present: voters, rule: DEFAULT_RULE, ...extra };
}

/** A meeting on tablet `t` with everyone present, and a secret ballot (signed or not). */
function signedMeeting(t: FakeTablet, sign = true): { stream: string; vote: string } {
	const stream = t.openMeeting();
	t.start(stream);
	for (const p of voters) t.checkIn(stream, p);
	const vote = newId(t.clock);
	t.record(stream, 'vote.opened', opened(vote, sign ? { voters_sign: true } : {}), sign ? 2 : 1);
	return { stream, vote };
}

describe('signed secret ballot: schemas', () => {
	it('vote.opened v2 carries voters_sign, only for a secret ballot; v1 refuses it (strict)', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const stream = t.openMeeting();
		const vote = newId(T0);
		expect(validateEvent(t.record(stream, 'vote.opened', opened(vote, { voters_sign: true }), 2))).toMatchObject({ ok: true });
		expect(validateEvent(t.record(stream, 'vote.opened', opened(vote), 2))).toMatchObject({ ok: true });
		expect(validateEvent(t.record(stream, 'vote.opened', opened(vote, { voters_sign: true }), 1))).toMatchObject({ ok: false });
		expect(validateEvent(t.record(stream, 'vote.opened', opened(vote, { voters_sign: true }, 'roll_call'), 2))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('voters_sign')
		});
		expect(validateEvent(t.record(stream, 'vote.opened', opened(vote, { voters_sign: 'yes' }), 2))).toMatchObject({ ok: false });
	});

	it('vote.ballot_cast v2 carries a valid signature and nothing about the choice', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const stream = t.openMeeting();
		const vote = newId(T0);
		const sig = handwrittenSignature(3);
		expect(validateEvent(t.record(stream, 'vote.ballot_cast', { vote, voter: voters[0]!, signature: sig }, 2))).toMatchObject({ ok: true });
		expect(validateEvent(t.record(stream, 'vote.ballot_cast', { vote, voter: voters[0]! }, 2))).toMatchObject({ ok: true });
		// v1 is strict: a signature there is refused (an older server refuses it; the tablet writes v2).
		expect(validateEvent(t.record(stream, 'vote.ballot_cast', { vote, voter: voters[0]!, signature: sig }, 1))).toMatchObject({ ok: false });
		for (const bad of [EMPTY, DOT, { ...sig, sha256: '0'.repeat(64) }]) {
			expect(validateEvent(t.record(stream, 'vote.ballot_cast', { vote, voter: voters[0]!, signature: bad }, 2))).toMatchObject({
				ok: false,
				reason: expect.stringContaining('signature')
			});
		}
		expect(validateEvent(t.record(stream, 'vote.ballot_cast', { vote, voter: voters[0]!, signature: sig, choice: 'for' }, 2))).toMatchObject({ ok: false });
	});
});

describe('signed secret ballot: projection and checks', () => {
	it('projects voters_sign and the signed ballots, in any order', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const { stream, vote } = signedMeeting(t);
		const ballots = voters.slice(0, 3).map((v, i) => t.record(stream, 'vote.ballot_cast', { vote, voter: v, signature: handwrittenSignature(i + 1) }, 2));
		// An unsigned ballot from another tablet is still counted (it is a record), just not signed.
		t.record(stream, 'vote.ballot_cast', { vote, voter: voters[3]! });
		const state = projectVotes(stream, t.events);
		expect(projectVotes(stream, [...t.events].reverse())).toEqual(state);
		const v = state.byId[vote]!;
		expect(v.votersSign).toBe(true);
		expect(v.ballots).toEqual(voters.slice(0, 4));
		expect(v.signatures).toEqual(Object.fromEntries(voters.slice(0, 3).map((p, i) => [p, ballots[i]!.id])));
		expect(v.notVoted).toEqual([voters[4]]);

		const u = new FakeTablet('tab-b', undefined, undefined, T0);
		const plain = signedMeeting(u, false);
		expect(projectVotes(plain.stream, u.events).byId[plain.vote]!.votersSign).toBe(false);
	});

	it('a signed vote needs a real signature: none, empty or a dot is refused; an unsigned vote takes none', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const { stream, vote } = signedMeeting(t);
		const meeting = projectMeeting(stream, t.events);
		const record = projectVotes(stream, t.events).byId[vote];
		expect(checkBallot(meeting, record, voters[0]!)).toBe('signature_required');
		expect(checkBallot(meeting, record, voters[0]!, EMPTY)).toBe('signature_required');
		expect(checkBallot(meeting, record, voters[0]!, DOT)).toBe('signature_required');
		expect(checkBallot(meeting, record, voters[0]!, handwrittenSignature(1))).toBeNull();
		expect(checkBallot(meeting, record, personId(99), handwrittenSignature(1))).toBe('not_entitled');

		const u = new FakeTablet('tab-b', undefined, undefined, T0);
		const plain = signedMeeting(u, false);
		const plainRecord = projectVotes(plain.stream, u.events).byId[plain.vote];
		const plainMeeting = projectMeeting(plain.stream, u.events);
		expect(checkBallot(plainMeeting, plainRecord, voters[0]!)).toBeNull();
		expect(checkBallot(plainMeeting, plainRecord, voters[0]!, handwrittenSignature(1))).toBe('signature_not_asked');

		expect(checkOpenVote(meeting, { votes: [], byId: {}, open: null }, { motion: MOTION, method: 'roll_call', entitled: voters, rule: DEFAULT_RULE, votersSign: true })).toBe(
			'wrong_method'
		);
		expect(checkOpenVote(meeting, { votes: [], byId: {}, open: null }, { motion: MOTION, method: 'secret_ballot', entitled: voters, rule: DEFAULT_RULE, votersSign: true })).toBeNull();
	});
});

describe('signed secret ballot: unlinkability in the tablet store', () => {
	const open: EventStore[] = [];
	afterEach(() => {
		for (const s of open.splice(0)) s.close();
	});

	/** One tablet: a signed secret ballot, each voter signing (the same signature per voter) and choosing. */
	async function run(choices: readonly BallotChoice[], vote: string, stream: string) {
		const clock = new TestClock(T0);
		const store = new EventStore(`yishi-signed-${newId()}`, clock);
		open.push(store);
		await store.append(draft(stream, 'meeting.opened', { title: '凯荣小区电力设施改造协商会', form: 'in_person' }));
		for (const p of voters) await store.append(draft(stream, 'attendance.checked_in', { person: p, role: 'resident_rep', method: 'tap' }));
		await store.append(draft(stream, 'vote.opened', opened(vote, { voters_sign: true }), 2));
		for (let i = 0; i < choices.length; i++) {
			clock.ms += 1000;
			const payload = { vote, voter: voters[i]!, signature: handwrittenSignature(i + 1) };
			await store.appendWithUrn(draft(stream, 'vote.ballot_cast', payload, 2), vote, choices[i]!);
		}
		return store;
	}

	it('stores who voted with their signature, the choice only in the urn; permuting choices stores the same events', async () => {
		const vote = newId(T0);
		const stream = newId(T0);
		const choicesA: BallotChoice[] = ['for', 'against', 'abstain', 'for', 'against'];
		const choicesB: BallotChoice[] = ['against', 'for', 'for', 'against', 'abstain'];
		const a = await run(choicesA, vote, stream);
		const b = await run(choicesB, vote, stream);

		const strip = (e: EventEnvelope) => ({ type: e.type, v: e.v, seq: e.seq, hlc: e.hlc, at: e.at, payload: e.payload });
		const ea = (await a.streamEvents(stream)).sort((x, y) => x.seq - y.seq);
		const eb = (await b.streamEvents(stream)).sort((x, y) => x.seq - y.seq);
		expect(ea.map(strip)).toEqual(eb.map(strip));
		expect(await a.db.urns.toArray()).toEqual(await b.db.urns.toArray());
		expect(await a.urn(vote)).toEqual({ vote, for: 2, against: 2, abstain: 1, ballots: 5 });

		const ballots = ea.filter((e) => e.type === 'vote.ballot_cast');
		expect(ballots).toHaveLength(5);
		for (const e of ballots) {
			expect(validateEvent(e)).toMatchObject({ ok: true });
			expect(e.v).toBe(2);
			expect(Object.keys(e.payload).sort()).toEqual(['signature', 'vote', 'voter']);
			expect(JSON.stringify(e.payload)).not.toMatch(/for|against|abstain/);
		}
		for (const e of ea) {
			const p = e.payload as Record<string, unknown>;
			expect('voter' in p && ('choice' in p || 'counts' in p)).toBe(false);
		}
		// The projection knows who signed, and the tally only once the urn is counted.
		const state = projectVotes(stream, ea).byId[vote]!;
		expect(Object.keys(state.signatures).sort()).toEqual([...voters].sort());
		expect(state.counts).toEqual({ for: 0, against: 0, abstain: 0 });
	});
});
