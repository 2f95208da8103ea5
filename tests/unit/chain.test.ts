import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	eventHash,
	formatHlc,
	newChain,
	observe,
	parseHlc,
	seal,
	validateEvent,
	type DeviceChain,
	type EventEnvelope
} from '../../src/lib/domain';
import { draft, FakeTablet, newId, personId } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);

/** Seals drafts on one chain at the given wall-clock readings. */
function sealAll(chain: DeviceChain, walls: readonly number[]): { events: EventEnvelope[]; chain: DeviceChain } {
	const stream = newId(T0);
	const events: EventEnvelope[] = [];
	let c = chain;
	walls.forEach((now, i) => {
		const d =
			i === 0
				? draft(stream, 'meeting.opened', { title: '议事', form: 'in_person' })
				: draft(stream, 'attendance.checked_in', { person: personId(i), role: 'resident_rep', method: 'tap' });
		const sealed = seal(c, d, newId(now), now);
		events.push(sealed.event);
		c = sealed.chain;
	});
	return { events, chain: c };
}

function expectWellChained(events: readonly EventEnvelope[], device: string): void {
	events.forEach((e, i) => {
		expect(e.device).toBe(device);
		expect(e.seq).toBe(i + 1);
		expect(e.prev).toBe(i === 0 ? '' : events[i - 1]!.hash);
		expect(e.hash).toBe(eventHash(e));
		expect(validateEvent(e)).toMatchObject({ ok: true });
		if (i > 0) expect(e.hlc > events[i - 1]!.hlc).toBe(true);
	});
}

describe('newChain', () => {
	it('starts before the first event', () => {
		expect(newChain('tab-a')).toEqual({ device: 'tab-a', seq: 0, lastHash: '', clock: { ms: 0, counter: 0 } });
	});
});

describe('seal', () => {
	it('numbers events 1..n without gaps, links each to the previous hash and hashes it', () => {
		const { events, chain } = sealAll(newChain('tab-a'), [T0, T0 + 10, T0 + 20, T0 + 30]);
		expectWellChained(events, 'tab-a');
		expect(chain).toEqual({ device: 'tab-a', seq: 4, lastHash: events[3]!.hash, clock: parseHlc(events[3]!.hlc) });
	});

	it('copies the draft and stamps the wall clock as `at`', () => {
		const stream = newId(T0);
		const d = draft(stream, 'meeting.opened', { title: '凯荣小区议事会', form: 'written' });
		const id = newId(T0);
		const { event } = seal(newChain('tab-a'), d, id, T0 + 1234);
		expect(event).toMatchObject({ id, ...d, device: 'tab-a', seq: 1, prev: '', at: '2026-11-26T08:00:01.234Z' });
		expect(event.hlc).toBe(formatHlc({ ms: T0 + 1234, counter: 0 }));
		expect(Object.keys(event).sort()).toEqual(
			['id', 'stream', 'venue', 'device', 'seq', 'hlc', 'at', 'actor', 'type', 'v', 'payload', 'prev', 'hash'].sort()
		);
	});

	it('leaves the chain it was given unchanged (pure)', () => {
		const chain = newChain('tab-a');
		const before = structuredClone(chain);
		seal(chain, draft(newId(), 'meeting.started', {}), newId(), T0);
		expect(chain).toEqual(before);
	});

	it('keeps hlc strictly increasing when the wall clock goes back or stands still', () => {
		const walls = [T0, T0, T0 - 60_000, T0 - 3_600_000, T0 + 1, T0 + 1, T0 - 1];
		const { events } = sealAll(newChain('tab-a'), walls);
		expectWellChained(events, 'tab-a');
		// `at` keeps the wall clock as evidence, even when it went back
		expect(events[3]!.at).toBe(new Date(T0 - 3_600_000).toISOString());
		expect(events.map((e) => e.hlc)).toEqual([
			'001795680000000:00000',
			'001795680000000:00001',
			'001795680000000:00002',
			'001795680000000:00003',
			'001795680000001:00000',
			'001795680000001:00001',
			'001795680000001:00002'
		]);
	});

	it('keeps the chain well formed for any wall-clock readings (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: T0 - 100_000, max: T0 + 100_000 }), { minLength: 1, maxLength: 40 }), (walls) => {
				const { events, chain } = sealAll(newChain('tab-p'), walls);
				expectWellChained(events, 'tab-p');
				expect(chain.seq).toBe(walls.length);
			}),
			{ numRuns: 50 }
		);
	});

	it('numbers across streams: seq is per device, not per stream', () => {
		const t = new FakeTablet('tab-a');
		const m1 = t.openMeeting('第一次会议');
		const m2 = t.openMeeting('第二次会议');
		t.checkIn(m1, personId(1));
		t.checkIn(m2, personId(1));
		expectWellChained(t.events, 'tab-a');
		expect(t.events.map((e) => e.stream)).toEqual([m1, m2, m1, m2]);
	});

	it('gives a different hash to events that differ only in `prev`', () => {
		const d = draft(newId(), 'meeting.started', {});
		const id = newId();
		const a = seal(newChain('tab-a'), d, id, T0).event;
		const b = seal({ ...newChain('tab-a'), lastHash: 'a'.repeat(64) }, d, id, T0).event;
		expect(b.prev).toBe('a'.repeat(64));
		expect(a.hash).not.toBe(b.hash);
	});
});

describe('observe', () => {
	it('moves the clock past a remote event ahead of this device', () => {
		const remote = new FakeTablet('tab-b', undefined, undefined, T0 + 3_600_000);
		const m = remote.openMeeting();
		const seen = remote.events[0]!;

		const before = newChain('tab-a');
		const after = observe(before, seen.hlc, T0);
		expect(after.seq).toBe(0);
		expect(after.lastHash).toBe('');
		expect(after.device).toBe('tab-a');
		expect(formatHlc(after.clock) > seen.hlc).toBe(true);

		const { event } = seal(after, draft(m, 'attendance.checked_in', { person: personId(1), role: 'resident_rep', method: 'tap' }), newId(T0), T0);
		expect(event.hlc > seen.hlc).toBe(true);
		expect(event.at).toBe(new Date(T0).toISOString());
		expect(event.seq).toBe(1);
	});

	it('keeps the seq and prev of the chain, only the clock moves', () => {
		const { chain } = sealAll(newChain('tab-a'), [T0, T0 + 1]);
		const after = observe(chain, formatHlc({ ms: T0 + 50_000, counter: 7 }), T0 + 2);
		expect(after).toEqual({ ...chain, clock: { ms: T0 + 50_000, counter: 8 } });
	});

	it('does not move the clock back for a remote event behind this device', () => {
		const { chain } = sealAll(newChain('tab-a'), [T0 + 10_000]);
		const after = observe(chain, formatHlc({ ms: T0, counter: 0 }), T0);
		expect(formatHlc(after.clock) > formatHlc(chain.clock)).toBe(true);
	});

	it('throws on a malformed hlc', () => {
		expect(() => observe(newChain('tab-a'), '1764144000000:3', T0)).toThrow(/not a hybrid logical clock/);
	});

	it('orders every next local event after everything observed (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ ms: fc.integer({ min: T0 - 10_000, max: T0 + 10_000 }), counter: fc.integer({ min: 0, max: 99_999 }) }), { maxLength: 10 }),
				fc.integer({ min: T0 - 20_000, max: T0 + 20_000 }),
				(remotes, now) => {
					let chain = newChain('tab-a');
					for (const r of remotes) chain = observe(chain, formatHlc(r), now);
					const { event } = seal(chain, draft(newId(), 'meeting.started', {}), newId(), now);
					for (const r of remotes) expect(event.hlc > formatHlc(r)).toBe(true);
				}
			)
		);
	});
});
