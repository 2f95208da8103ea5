/**
 * The secret ballot in the tablet's store: the event that says who voted and the urn that holds
 * what was chosen are written in one transaction, and nothing stored links a choice to a voter.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BALLOT_CHOICES, DEFAULT_RULE, projectVotes, validateEvent, type BallotChoice, type EventEnvelope } from '../../src/lib/domain';
import { EventStore, InvalidEventError } from '../../src/lib/storage';
import { draft, newId, personId, TestClock } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);
const open: EventStore[] = [];
afterEach(() => {
	for (const s of open.splice(0)) s.close();
});

function makeStore(name = `yishi-vote-${newId()}`): { store: EventStore; clock: TestClock; name: string } {
	const clock = new TestClock(T0);
	const store = new EventStore(name, clock);
	open.push(store);
	return { store, clock, name };
}

const voters = Array.from({ length: 11 }, (_, i) => personId(i + 1));

/** A meeting with a secret ballot, and a ballot per voter with the given choices. */
async function secretBallot(store: EventStore, clock: TestClock, choices: readonly BallotChoice[], vote = newId(T0), stream = newId(T0)) {
	await store.append(draft(stream, 'meeting.opened', { title: '凯荣小区电力设施改造协商会', form: 'in_person' }));
	for (const p of voters) await store.append(draft(stream, 'attendance.checked_in', { person: p, role: 'resident_rep', method: 'tap' }));
	await store.append(
		draft(stream, 'vote.opened', { vote, motion: '楼道改造费用共同承担', method: 'secret_ballot', electorate: 'present', entitled: voters, present: voters, rule: DEFAULT_RULE })
	);
	for (let i = 0; i < choices.length; i++) {
		clock.ms += 1000;
		await store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[i]! }), vote, choices[i]!);
	}
	return { vote, stream };
}

/** Everything stored in every table, as JSON. */
async function dump(store: EventStore): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of store.db.tables) out[table.name] = await table.toArray();
	return out;
}

describe('EventStore.appendWithUrn (secret ballot)', () => {
	it('stores who voted as an event and what was chosen only as counts in the urn', async () => {
		const { store, clock } = makeStore();
		const choices: BallotChoice[] = [...Array<BallotChoice>(10).fill('for'), 'abstain'];
		const { vote, stream } = await secretBallot(store, clock, choices);
		expect(await store.urn(vote)).toEqual({ vote, for: 10, against: 0, abstain: 1, ballots: 11 });

		const events = await store.streamEvents(stream);
		const ballots = events.filter((e) => e.type === 'vote.ballot_cast');
		expect(ballots).toHaveLength(11);
		for (const e of ballots) {
			expect(validateEvent(e)).toMatchObject({ ok: true });
			expect(Object.keys(e.payload).sort()).toEqual(['vote', 'voter']);
		}
		// No stored event has a voter and a choice together, and no value of a choice appears next to a voter.
		for (const e of events) {
			const p = e.payload as Record<string, unknown>;
			expect('voter' in p && ('choice' in p || 'counts' in p)).toBe(false);
		}
		// The urn holds counts only: no person, no event id, no order.
		const urns = await store.db.urns.toArray();
		expect(urns).toEqual([{ vote, for: 10, against: 0, abstain: 1, ballots: 11 }]);
		const urnJson = JSON.stringify(urns);
		for (const p of voters) expect(urnJson).not.toContain(p);
	});

	it('no stored row depends on who chose what: permuting the choices among voters stores the same events', async () => {
		const a = makeStore();
		const b = makeStore();
		const vote = newId(T0);
		const stream = newId(T0);
		const choicesA: BallotChoice[] = ['for', 'against', 'abstain', 'for', 'for', 'against', 'for', 'for', 'for', 'abstain', 'for'];
		const choicesB: BallotChoice[] = [...choicesA].reverse(); // the same multiset, other voters
		await secretBallot(a.store, a.clock, choicesA, vote, stream);
		await secretBallot(b.store, b.clock, choicesB, vote, stream);
		// Ids, hashes, device names and chains are random per tablet; everything else must be equal.
		const strip = (e: EventEnvelope) => ({ type: e.type, v: e.v, seq: e.seq, hlc: e.hlc, at: e.at, payload: e.payload });
		const ea = (await a.store.streamEvents(stream)).sort((x, y) => x.seq - y.seq).map(strip);
		const eb = (await b.store.streamEvents(stream)).sort((x, y) => x.seq - y.seq).map(strip);
		expect(ea).toEqual(eb);
		expect((await dump(a.store)).urns).toEqual((await dump(b.store)).urns);
		// …whereas a different tally does show in the urn (the test can tell choices apart).
		const c = makeStore();
		await secretBallot(c.store, c.clock, Array<BallotChoice>(11).fill('for'), vote, stream);
		expect((await dump(c.store)).urns).not.toEqual((await dump(a.store)).urns);
	});

	it('the urn and the ballot event commit together: a refused event leaves the urn unchanged', async () => {
		const { store, clock } = makeStore();
		const { vote, stream } = await secretBallot(store, clock, ['for', 'against']);
		// An invalid ballot event (a choice in the payload) is refused before anything is written.
		await expect(store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[2]!, choice: 'for' }), vote, 'for')).rejects.toBeInstanceOf(InvalidEventError);
		await expect(store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[2]! }), vote, 'maybe' as BallotChoice)).rejects.toBeInstanceOf(
			InvalidEventError
		);
		expect(await store.urn(vote)).toEqual({ vote, for: 1, against: 1, abstain: 0, ballots: 2 });
		expect((await store.streamEvents(stream)).filter((e) => e.type === 'vote.ballot_cast')).toHaveLength(2);
	});

	it('survives a restart (the urn is in IndexedDB), and is never part of the outbox', async () => {
		const { store, clock, name } = makeStore();
		const { vote } = await secretBallot(store, clock, ['for', 'for', 'abstain']);
		store.close();
		const again = new EventStore(name, new TestClock(T0 + 60_000));
		open.push(again);
		expect(await again.urn(vote)).toEqual({ vote, for: 2, against: 0, abstain: 1, ballots: 3 });
		const pending = await again.pending();
		expect(pending.some((e) => JSON.stringify(e.payload).includes('"for"'))).toBe(false);
	});

	it('a tally from the urn_counted event: 10 for, 1 abstain → passed', async () => {
		const { store, clock } = makeStore();
		const { vote, stream } = await secretBallot(store, clock, [...Array<BallotChoice>(10).fill('for'), 'abstain']);
		const urn = await store.urn(vote);
		await store.append(draft(stream, 'vote.urn_counted', { vote, counts: { for: urn.for, against: urn.against, abstain: urn.abstain }, ballots: urn.ballots }));
		await store.append(draft(stream, 'vote.closed', { vote }));
		const v = projectVotes(stream, await store.streamEvents(stream)).byId[vote]!;
		expect(v).toMatchObject({ status: 'closed', counts: { for: 10, against: 0, abstain: 1 }, outcome: { passed: true }, flags: { urnsMissing: [], urnMismatch: [] } });
		expect(BALLOT_CHOICES.every((c) => typeof v.counts[c] === 'number')).toBe(true);
	});

	it('keeps the ordinary append pipeline: appends and ballots interleave in order', async () => {
		const { store, clock } = makeStore();
		const { vote, stream } = await secretBallot(store, clock, []);
		const results = await Promise.all([
			store.append(draft(stream, 'meeting.started', {})),
			store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[0]! }), vote, 'for'),
			store.append(draft(stream, 'meeting.details_changed', { place_note: '院内' })),
			store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[1]! }), vote, 'against')
		]);
		const seqs = results.map((e) => e.seq);
		expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
		expect(new Set(seqs).size).toBe(4);
		expect(await store.urn(vote)).toEqual({ vote, for: 1, against: 1, abstain: 0, ballots: 2 });
	});

	it('counts a ballot once when another window moved the device chain meanwhile (the append is retried)', async () => {
		const first = makeStore();
		const { vote, stream } = await secretBallot(first.store, first.clock, ['for']);
		// A second window of the app on the same database records an event: the first window's cached chain is stale.
		const other = new EventStore(first.name, new TestClock(T0 + 5000));
		open.push(other);
		await other.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[1]! }), vote, 'against');
		first.clock.ms += 10_000;
		const e = await first.store.appendWithUrn(draft(stream, 'vote.ballot_cast', { vote, voter: voters[2]! }), vote, 'abstain');
		expect(await first.store.urn(vote)).toEqual({ vote, for: 1, against: 1, abstain: 1, ballots: 3 });
		const ballots = (await first.store.streamEvents(stream)).filter((x) => x.type === 'vote.ballot_cast');
		expect(ballots).toHaveLength(3);
		expect(e.seq).toBe(Math.max(...ballots.map((b) => b.seq)));
	});
});
