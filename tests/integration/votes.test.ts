/**
 * The server validates vote events with the tablet's schemas: a secret ballot that carries a
 * choice is rejected (and kept in quarantine, not among the stored events), the rest is stored and
 * pulled back exactly as pushed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE, projectVotes, signatureHash } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { handwrittenSignature } from '../support/signatures';

let pb: PocketBaseHandle;
let kairong: string;

beforeAll(async () => {
	pb = await startPocketBase();
	kairong = await signIn(pb.url, 'kairong');
});
afterAll(async () => {
	await pb?.stop();
});

const people = Array.from({ length: 11 }, (_, i) => `pplkairong${String(i + 1).padStart(5, '0')}`);

describe('push: votes', () => {
	it('stores a secret ballot (who voted, and each tablet’s aggregate) and rejects a ballot with a choice', async () => {
		const t = new FakeTablet('tab-votes-1', demo.venues.kairong, demo.userIds.kairong);
		const m = t.openMeeting();
		t.start(m);
		for (const p of people) t.checkIn(m, p);
		const vote = newId(t.clock);
		t.record(m, 'vote.opened', { vote, motion: '楼道改造费用共同承担', method: 'secret_ballot', electorate: 'present', entitled: people, present: people, rule: DEFAULT_RULE });
		for (const p of people) t.record(m, 'vote.ballot_cast', { vote, voter: p });
		t.record(m, 'vote.urn_counted', { vote, counts: { for: 10, against: 0, abstain: 1 }, ballots: 11 });
		t.record(m, 'vote.closed', { vote });
		const bad = t.record(m, 'vote.ballot_cast', { vote, voter: people[0], choice: 'for' });
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.status).toBe(200);
		const statuses = res.body.results.map((r: { status: string }) => r.status);
		expect(statuses.slice(0, -1).every((s: string) => s === 'accepted')).toBe(true);
		expect(res.body.results.at(-1)).toMatchObject({ id: bad.id, status: 'rejected', reason: expect.stringContaining('choice') });

		const stored = await pullAll(pb.url, kairong, m);
		expect(stored).toEqual(t.events.slice(0, -1));
		for (const e of stored) {
			const p = e.payload as Record<string, unknown>;
			expect('voter' in p && ('choice' in p || 'counts' in p)).toBe(false);
		}
		const v = projectVotes(m, stored).byId[vote]!;
		expect(v).toMatchObject({ counts: { for: 10, against: 0, abstain: 1 }, outcome: { passed: true } });
	});

	it('stores a secret ballot whose voters signed (v2 events) and rejects a one-dot signature', async () => {
		const t = new FakeTablet('tab-votes-3', demo.venues.kairong, demo.userIds.kairong);
		const m = t.openMeeting();
		t.start(m);
		const voters = people.slice(0, 3);
		for (const p of voters) t.checkIn(m, p);
		const vote = newId(t.clock);
		t.record(m, 'vote.opened', { vote, motion: '楼道改造费用共同承担', method: 'secret_ballot', electorate: 'present', entitled: voters, present: voters, rule: DEFAULT_RULE, voters_sign: true }, 2);
		voters.forEach((p, i) => t.record(m, 'vote.ballot_cast', { vote, voter: p, signature: handwrittenSignature(i + 1) }, 2));
		t.record(m, 'vote.urn_counted', { vote, counts: { for: 2, against: 1, abstain: 0 }, ballots: 3 });
		t.record(m, 'vote.closed', { vote });
		const dot = { w: 1000, h: 333, strokes: '500,200' };
		const bad = t.record(m, 'vote.ballot_cast', { vote, voter: people[5], signature: { ...dot, sha256: signatureHash(dot) } }, 2);
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.status).toBe(200);
		expect(res.body.results.slice(0, -1).every((r: { status: string }) => r.status === 'accepted')).toBe(true);
		expect(res.body.results.at(-1)).toMatchObject({ id: bad.id, status: 'rejected', reason: expect.stringContaining('signature') });
		const stored = await pullAll(pb.url, kairong, m);
		expect(stored).toEqual(t.events.slice(0, -1));
		const v = projectVotes(m, stored).byId[vote]!;
		expect(v.votersSign).toBe(true);
		expect(Object.keys(v.signatures).sort()).toEqual([...voters].sort());
		expect(v.counts).toEqual({ for: 2, against: 1, abstain: 0 });
	});

	it('rejects a vote whose present voters are not entitled, and a correction without a reason', async () => {
		const t = new FakeTablet('tab-votes-2', demo.venues.kairong, demo.userIds.kairong);
		const m = t.openMeeting();
		const vote = newId(t.clock);
		t.record(m, 'vote.opened', { vote, motion: '议题', method: 'roll_call', electorate: 'group', entitled: [people[0]], present: [people[1]], rule: DEFAULT_RULE });
		t.record(m, 'vote.corrected', { vote, reason: '', voter: people[0], choice: 'for' });
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
		expect(res.body.results[1].reason).toContain('payload.present');
		expect(res.body.results[2].reason).toContain('payload.reason');
	});
});
