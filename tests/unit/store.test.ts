import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { eventHash, formatHlc, parseHlc, validateEvent, type DeviceChain, type EventEnvelope } from '../../src/lib/domain';
import { EventStore, InvalidEventError, type PushResult } from '../../src/lib/storage';
import { draft, FakeTablet, newId, personId, TestClock, VENUE } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);
let dbCounter = 0;
const open: EventStore[] = [];

/** A store on a fresh database (or on `name`, to simulate a restart). */
function makeStore(name = `yishi-test-${++dbCounter}-${newId()}`, clock = new TestClock(T0)): { store: EventStore; name: string; clock: TestClock } {
	const store = new EventStore(name, clock);
	open.push(store);
	return { store, name, clock };
}

afterEach(() => {
	for (const s of open.splice(0)) s.close();
});

const opened = (stream: string, title = '凯荣小区议事会') => draft(stream, 'meeting.opened', { title, form: 'in_person' });
const checkedIn = (stream: string, n: number) =>
	draft(stream, 'attendance.checked_in', { person: personId(n), role: 'resident_rep', method: 'tap' });

async function appendMany(store: EventStore, clock: TestClock, stream: string, n: number): Promise<EventEnvelope[]> {
	const out = [await store.append(opened(stream))];
	for (let i = 1; i < n; i++) {
		clock.ms += 1000;
		out.push(await store.append(checkedIn(stream, i)));
	}
	return out;
}

async function statuses(store: EventStore): Promise<Record<number, string>> {
	const rows = (await store.db.events.toArray()).filter((r) => r.mine === 1);
	return Object.fromEntries(rows.map((r) => [r.seq, r.status]));
}

describe('EventStore.append', () => {
	it('commits a sealed, valid event as pending', async () => {
		const { store } = makeStore();
		const m = newId(T0);
		const e = await store.append(opened(m));
		expect(validateEvent(e)).toEqual({ ok: true, event: e });
		expect(e).toMatchObject({ stream: m, seq: 1, prev: '', at: new Date(T0).toISOString(), hlc: formatHlc({ ms: T0, counter: 0 }) });
		expect(e.hash).toBe(eventHash(e));
		expect(e.device).toBe(await store.device());

		const row = await store.db.events.get(e.id);
		expect(row).toEqual({ id: e.id, stream: m, venue: e.venue, seq: 1, mine: 1, status: 'pending', reason: '', event: e });
		expect(await store.pendingCount()).toBe(1);
		const chain = await store.getMeta<DeviceChain>('chain');
		expect(chain).toEqual({ device: e.device, seq: 1, lastHash: e.hash, clock: parseHlc(e.hlc) });
	});

	it('continues seq, prev and the clock on a new EventStore over the same database (restart)', async () => {
		const first = makeStore();
		const m = newId(T0);
		const before = await appendMany(first.store, first.clock, m, 2);
		first.store.close();

		// the wall clock went back an hour meanwhile
		const { store } = makeStore(first.name, new TestClock(T0 - 3_600_000));
		const next = await store.append(checkedIn(m, 9));
		expect(next.device).toBe(before[0]!.device);
		expect(next.seq).toBe(3);
		expect(next.prev).toBe(before[1]!.hash);
		expect(next.hlc > before[1]!.hlc).toBe(true);
		expect((await store.pending()).map((e) => e.seq)).toEqual([1, 2, 3]);
	});

	it('keeps its device name from the first use on', async () => {
		const first = makeStore();
		const device = await first.store.device();
		expect(device).toMatch(/^tab-[0-9a-f]{12}$/);
		expect(await first.store.device()).toBe(device);
		first.store.close();
		const { store } = makeStore(first.name);
		expect(await store.device()).toBe(device);
		expect((await store.append(opened(newId()))).device).toBe(device);
	});

	it('numbers events across streams with no gaps', async () => {
		const { store, clock } = makeStore();
		const a = newId();
		const b = newId();
		const e1 = await store.append(opened(a));
		clock.ms += 1;
		const e2 = await store.append(opened(b));
		const e3 = await store.append(checkedIn(a, 1));
		expect([e1, e2, e3].map((e) => e.seq)).toEqual([1, 2, 3]);
		expect(e2.prev).toBe(e1.hash);
		expect(e3.prev).toBe(e2.hash);
		expect(e3.hlc > e2.hlc).toBe(true);
	});

	it.each([
		['an empty title', opened(newId(), ''), 'payload.title: must not be empty'],
		['an unknown type', draft(newId(), 'vote.tallied', { yes: 1 }), 'type: unknown event type "vote.tallied"'],
		['an unknown version', draft(newId(), 'meeting.started', {}, 2), 'v: unknown version 2 of meeting.started'],
		['a missing person', draft(newId(), 'attendance.checked_in', { role: 'resident_rep', method: 'tap' }), 'payload.person: required'],
		['a bad venue', { ...opened(newId()), venue: 'Venue 1' }, 'venue: expected a record id (15 characters a-z, 0-9)'],
		['a bad stream', { ...opened(newId()), stream: 'meeting-1' }, 'stream: expected 32 lowercase hex characters']
	])('refuses a draft with %s, stores nothing and leaves the chain as it was', async (_, bad, reason) => {
		const { store, clock } = makeStore();
		const m = newId();
		const good = await store.append(opened(m));
		const chainBefore = await store.getMeta<DeviceChain>('chain');
		clock.ms += 1000;

		const error = await store.append(bad).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidEventError);
		expect((error as InvalidEventError).reason).toBe(reason);
		expect((error as InvalidEventError).message).toBe(reason);
		expect((error as InvalidEventError).name).toBe('InvalidEventError');

		expect(await store.db.events.count()).toBe(1);
		expect(await store.getMeta<DeviceChain>('chain')).toEqual(chainBefore);
		// the next good event follows the last good one: no gap where the refused one was
		const next = await store.append(checkedIn(m, 1));
		expect(next.seq).toBe(2);
		expect(next.prev).toBe(good.hash);
	});

	it('refuses an invalid first draft on a fresh database without storing anything', async () => {
		const { store } = makeStore();
		await expect(store.append(opened(newId(), '   '))).rejects.toThrow(InvalidEventError);
		expect(await store.db.events.count()).toBe(0);
		expect(await store.getMeta('chain')).toBeUndefined();
		expect((await store.append(opened(newId()))).seq).toBe(1);
	});
});

describe('EventStore.pending', () => {
	it('lists only this device’s pending events, in seq order, up to the limit', async () => {
		const { store, clock } = makeStore();
		const m = newId();
		const mine = await appendMany(store, clock, m, 5);
		const remote = new FakeTablet('tab-remote');
		remote.openMeeting();
		await store.ingest(remote.events);
		await store.applyPush(
			[
				{ id: mine[0]!.id, status: 'accepted' },
				{ id: mine[1]!.id, status: 'accepted' }
			],
			2
		);

		expect((await store.pending()).map((e) => e.seq)).toEqual([3, 4, 5]);
		expect((await store.pending(2)).map((e) => e.seq)).toEqual([3, 4]);
		expect(await store.pendingCount()).toBe(3);
		expect((await store.pending()).map((e) => e.id)).toEqual(mine.slice(2).map((e) => e.id));
	});

	it('is empty on a fresh database', async () => {
		const { store } = makeStore();
		expect(await store.pending()).toEqual([]);
		expect(await store.pendingCount()).toBe(0);
		expect(await store.pendingByStream()).toEqual({});
		expect(await store.problems()).toEqual([]);
	});
});

describe('EventStore.applyPush', () => {
	it('marks accepted and duplicate as synced, keeps rejected and conflict with their reasons, and leaves the rest pending', async () => {
		const { store, clock } = makeStore();
		const m = newId();
		const [e1, e2, e3, e4, e5, e6] = await appendMany(store, clock, m, 6);
		const results: PushResult[] = [
			{ id: e1!.id, status: 'accepted' },
			{ id: e2!.id, status: 'duplicate' },
			{ id: e3!.id, status: 'rejected', reason: 'payload.person: required' },
			{ id: e4!.id, status: 'conflict', reason: 'an event with this id but another hash is stored' },
			{ id: e5!.id, status: 'accepted' },
			{ id: e6!.id, status: 'gap' }
		];
		await store.applyPush(results, 5);

		expect(await statuses(store)).toEqual({ 1: 'synced', 2: 'synced', 3: 'rejected', 4: 'conflict', 5: 'synced', 6: 'pending' });
		expect((await store.pending()).map((e) => e.id)).toEqual([e6!.id]);
		expect(await store.problems()).toEqual([
			{ id: e3!.id, stream: m, type: 'attendance.checked_in', seq: 3, status: 'rejected', reason: 'payload.person: required', at: e3!.at },
			{ id: e4!.id, stream: m, type: 'attendance.checked_in', seq: 4, status: 'conflict', reason: 'an event with this id but another hash is stored', at: e4!.at }
		]);
	});

	it('keeps a problem with an empty reason when the server gave none', async () => {
		const { store, clock } = makeStore();
		const [e1] = await appendMany(store, clock, newId(), 1);
		await store.applyPush([{ id: e1!.id, status: 'rejected' }], 1);
		expect(await store.problems()).toEqual([expect.objectContaining({ id: e1!.id, status: 'rejected', reason: '' })]);
	});

	it('puts every event above `high` back to pending (a server restored from an older backup)', async () => {
		const { store, clock } = makeStore();
		const events = await appendMany(store, clock, newId(), 5);
		await store.applyPush(
			events.map((e, i) => (i === 3 ? { id: e.id, status: 'rejected', reason: 'bad' } : { id: e.id, status: 'accepted' })),
			5
		);
		expect(await store.pendingCount()).toBe(0);

		await store.applyPush([], 2);
		expect(await statuses(store)).toEqual({ 1: 'synced', 2: 'synced', 3: 'pending', 4: 'pending', 5: 'pending' });
		expect((await store.pending()).map((e) => e.seq)).toEqual([3, 4, 5]);
		expect(await store.problems()).toEqual([]);
	});

	it('puts accepted results above `high` back to pending in the same call', async () => {
		const { store, clock } = makeStore();
		const [e1, e2, e3] = await appendMany(store, clock, newId(), 3);
		await store.applyPush(
			[
				{ id: e1!.id, status: 'accepted' },
				{ id: e2!.id, status: 'gap' },
				{ id: e3!.id, status: 'gap' }
			],
			1
		);
		expect(await statuses(store)).toEqual({ 1: 'synced', 2: 'pending', 3: 'pending' });
	});

	it('ignores results for unknown ids and for events pulled from other devices', async () => {
		const { store, clock } = makeStore();
		const [e1] = await appendMany(store, clock, newId(), 1);
		const remote = new FakeTablet('tab-remote');
		remote.openMeeting();
		await store.ingest(remote.events);
		await store.applyPush(
			[
				{ id: newId(), status: 'accepted' },
				{ id: remote.events[0]!.id, status: 'rejected', reason: 'not yours' }
			],
			0
		);
		expect((await store.db.events.get(remote.events[0]!.id))!.status).toBe('remote');
		expect((await store.db.events.get(e1!.id))!.status).toBe('pending');
		expect(await store.problems()).toEqual([]);
	});
});

describe('EventStore.ingest', () => {
	function remoteMeeting(start = T0): { tablet: FakeTablet; stream: string } {
		const tablet = new FakeTablet('tab-remote', undefined, undefined, start);
		const stream = tablet.openMeeting('远端会议');
		tablet.checkIn(stream, personId(1));
		tablet.checkIn(stream, personId(2));
		return { tablet, stream };
	}

	it('adds pulled events once, as remote; ingesting them again adds nothing', async () => {
		const { store } = makeStore();
		const { tablet, stream } = remoteMeeting();
		expect(await store.ingest(tablet.events)).toEqual({ added: 3, invalid: 0 });
		expect(await store.ingest(tablet.events)).toEqual({ added: 0, invalid: 0 });
		expect(await store.ingest([tablet.events[1]!])).toEqual({ added: 0, invalid: 0 });

		const rows = await store.db.events.toArray();
		expect(rows).toHaveLength(3);
		for (const r of rows) expect(r).toMatchObject({ mine: 0, status: 'remote', reason: '' });
		expect((await store.streamEvents(stream)).map((e) => e.id).sort()).toEqual(tablet.events.map((e) => e.id).sort());
		expect(await store.pending()).toEqual([]);
	});

	it('adds an event once when a batch holds it twice', async () => {
		const { store } = makeStore();
		const { tablet } = remoteMeeting();
		const batch = [...tablet.events, tablet.events[0]!];
		expect(await store.ingest(batch)).toEqual({ added: 3, invalid: 0 });
		expect(await store.db.events.count()).toBe(3);
	});

	it('skips and counts invalid events, keeping the valid ones of the batch', async () => {
		const { store } = makeStore();
		const { tablet } = remoteMeeting();
		const [e1, e2, e3] = tablet.events;
		const bad: unknown[] = [
			{ ...e2!, id: e2!.id.toUpperCase() },
			{ ...e2!, id: newId(), payload: { role: 'resident_rep', method: 'tap' } },
			{ ...e3!, id: newId(), extra: true },
			null,
			'not an event'
		];
		expect(await store.ingest([e1, ...bad, e2])).toEqual({ added: 2, invalid: 5 });
		expect((await store.db.events.toArray()).map((r) => r.id).sort()).toEqual([e1!.id, e2!.id].sort());
	});

	it('changes nothing when every event is invalid', async () => {
		const { store } = makeStore();
		expect(await store.ingest([{ hello: 'world' }, 42])).toEqual({ added: 0, invalid: 2 });
		expect(await store.ingest([])).toEqual({ added: 0, invalid: 0 });
		expect(await store.db.events.count()).toBe(0);
		expect(await store.getMeta('chain')).toBeUndefined();
	});

	it('keeps events of an unknown version or type (a newer app made them)', async () => {
		const { store } = makeStore();
		const { tablet, stream } = remoteMeeting();
		const newer = tablet.record(stream, 'attendance.checked_in', { person: personId(3), method: 'face' }, 99);
		const unknown = tablet.record(stream, 'vote.tallied', { motion: 'm1', yes: 12 });
		expect(await store.ingest([newer, unknown])).toEqual({ added: 2, invalid: 0 });
		expect((await store.db.events.get(newer.id))!.event).toEqual(newer);
		expect((await store.db.events.get(unknown.id))!.event).toEqual(unknown);
	});

	it('advances the chain clock past the latest pulled hlc', async () => {
		const { store, clock } = makeStore();
		const m = newId();
		const mine = await store.append(opened(m));
		const { tablet } = remoteMeeting(T0 + 86_400_000); // a tablet a day ahead
		await store.ingest([...tablet.events].reverse());
		const latest = tablet.events.at(-1)!.hlc;

		const chain = await store.getMeta<DeviceChain>('chain');
		expect(formatHlc(chain!.clock) > latest).toBe(true);
		expect(chain!.seq).toBe(1);
		expect(chain!.lastHash).toBe(mine.hash);

		clock.ms += 1000;
		const next = await store.append(checkedIn(m, 1));
		expect(next.hlc > latest).toBe(true);
		expect(next.seq).toBe(2);
		expect(next.prev).toBe(mine.hash);
	});

	it('does not overwrite this device’s own event pulled back from the server', async () => {
		const { store, clock } = makeStore();
		const [e1, e2] = await appendMany(store, clock, newId(), 2);
		await store.applyPush([{ id: e1!.id, status: 'accepted' }], 1);
		expect(await store.ingest([e1, e2])).toEqual({ added: 0, invalid: 0 });
		expect((await store.db.events.get(e1!.id))!).toMatchObject({ mine: 1, status: 'synced' });
		expect((await store.db.events.get(e2!.id))!).toMatchObject({ mine: 1, status: 'pending' });
	});
});

describe('EventStore.pendingByStream', () => {
	it('counts this device’s unsynced events per stream', async () => {
		const { store, clock } = makeStore();
		const a = newId();
		const b = newId();
		const inA = await appendMany(store, clock, a, 3);
		await appendMany(store, clock, b, 2);
		const remote = new FakeTablet('tab-remote');
		const r = remote.openMeeting();
		remote.checkIn(r, personId(1));
		await store.ingest(remote.events);

		expect(await store.pendingByStream()).toEqual({ [a]: 3, [b]: 2 });
		await store.applyPush([{ id: inA[0]!.id, status: 'accepted' }, { id: inA[1]!.id, status: 'rejected', reason: 'x' }], 2);
		expect(await store.pendingByStream()).toEqual({ [a]: 1, [b]: 2 });
	});
});

describe('EventStore reads', () => {
	it('reads the events of a stream', async () => {
		const { store, clock } = makeStore();
		const m = newId();
		const mine = await appendMany(store, clock, m, 2);
		const elsewhere = new FakeTablet('tab-remote', 'othervenue00001');
		elsewhere.openMeeting();
		await store.ingest(elsewhere.events);

		expect((await store.streamEvents(m)).map((e) => e.id).sort()).toEqual(mine.map((e) => e.id).sort());
		expect(await store.streamEvents(newId())).toEqual([]);
		expect(await store.streamEvents(elsewhere.events[0]!.stream)).toEqual(elsewhere.events);
	});
});

describe('EventStore: two windows of the app on one device', () => {
	it('interleaved and concurrent appends keep one gapless chain, and each window hears the other', async () => {
		const a = makeStore();
		const b = makeStore(a.name, a.clock);
		const heardByA: string[] = [];
		a.store.onEvents((events) => heardByA.push(...events.map((e) => e.id)));
		const stream = newId();
		await a.store.append(opened(stream));
		const fromB = await b.store.append(checkedIn(stream, 1));
		await a.store.append(checkedIn(stream, 2));
		await Promise.all([1, 2, 3, 4, 5, 6].map((n) => (n % 2 ? a.store : b.store).append(checkedIn(stream, n + 2))));
		const events = (await a.store.streamEvents(stream)).sort((x, y) => x.seq - y.seq);
		expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		events.forEach((e, i) => {
			expect(e.prev).toBe(i === 0 ? '' : events[i - 1]!.hash);
			expect(eventHash(e)).toBe(e.hash);
			expect(new Set(events.map((x) => x.device)).size).toBe(1);
		});
		await expect.poll(() => heardByA.includes(fromB.id)).toBe(true);
	});
});

describe('EventStore.streamSummaries', () => {
	it('summarises each stream of the venues once, then from the cache until the stream changes', async () => {
		const { store, clock } = makeStore();
		const stream = newId();
		await appendMany(store, clock, stream, 3);
		const calls: string[] = [];
		const summarize = (s: string, events: EventEnvelope[]) => {
			calls.push(s);
			return { stream: s, count: events.length };
		};
		expect(await store.streamSummaries([VENUE], 'meeting', 'v1', summarize)).toEqual([{ stream, count: 3 }]);
		await expect.poll(() => store.db.summaries.count()).toBe(1);
		expect(await store.streamSummaries([VENUE], 'meeting', 'v1', summarize)).toEqual([{ stream, count: 3 }]);
		expect(calls).toEqual([stream]); // the second time from the cache
		await store.append(checkedIn(stream, 9));
		expect(await store.streamSummaries([VENUE], 'meeting', 'v1', summarize)).toEqual([{ stream, count: 4 }]);
		expect(await store.streamSummaries([VENUE], 'meeting', 'v2', summarize)).toEqual([{ stream, count: 4 }]);
		expect(calls).toEqual([stream, stream, stream]); // changed stream, then a new summary version
		expect(await store.streamSummaries(['othervenue00001'], 'meeting', 'v2', summarize)).toEqual([]);
	});

	it('knows streams opened by pulled events too', async () => {
		const { store } = makeStore();
		const remote = new FakeTablet('tab-remote-summaries');
		const stream = remote.openMeeting();
		remote.checkIn(stream, personId(1));
		await store.ingest(remote.events);
		const summaries = await store.streamSummaries([VENUE], 'meeting', 'v1', (s, events) => ({ s, n: events.length }));
		expect(summaries).toEqual([{ s: stream, n: 2 }]);
	});
});
