import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, HLC_PATTERN, HLC_ZERO, parseHlc, receive, tick, type Hlc } from '../../src/lib/domain';

const MAX_MS = 10 ** 15 - 1;
const MAX_COUNTER = 99_999;
const T0 = Date.UTC(2026, 10, 26, 8);

/** Below the last millisecond of 15 digits (year 33658), where a bump would need a 16th digit. */
const hlcArb: fc.Arbitrary<Hlc> = fc.record({
	ms: fc.integer({ min: 0, max: MAX_MS - 1 }),
	counter: fc.integer({ min: 0, max: MAX_COUNTER })
});
/** Clocks near one instant, so that ties of ms and counter actually happen. */
const nearHlcArb: fc.Arbitrary<Hlc> = fc.record({
	ms: fc.integer({ min: T0 - 3, max: T0 + 3 }),
	counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(MAX_COUNTER))
});
const nearNow = fc.integer({ min: T0 - 5, max: T0 + 5 });

describe('formatHlc / parseHlc', () => {
	it('formats 15-digit milliseconds, a colon and a 5-digit counter', () => {
		expect(formatHlc({ ms: 1764144000000, counter: 3 })).toBe('001764144000000:00003');
		expect(formatHlc(HLC_ZERO)).toBe('000000000000000:00000');
		expect(formatHlc({ ms: MAX_MS, counter: MAX_COUNTER })).toBe('999999999999999:99999');
	});

	it('round-trips every clock in range and matches the pattern', () => {
		fc.assert(
			fc.property(hlcArb, (clock) => {
				const text = formatHlc(clock);
				expect(text).toMatch(HLC_PATTERN);
				expect(parseHlc(text)).toEqual(clock);
			})
		);
	});

	it.each([
		'',
		'1764144000000:00003',
		'001764144000000:0003',
		'001764144000000-00003',
		'001764144000000:00003 ',
		' 001764144000000:00003',
		'001764144000000:00003\n',
		'00176414400000a:00003',
		'-01764144000000:00003',
		'001764144000000:000003'
	])('rejects %j', (text) => {
		expect(HLC_PATTERN.test(text)).toBe(false);
		expect(() => parseHlc(text)).toThrow(/not a hybrid logical clock/);
	});
});

describe('tick', () => {
	it('takes the wall clock when it is ahead, with counter 0', () => {
		expect(tick({ ms: T0, counter: 7 }, T0 + 1)).toEqual({ ms: T0 + 1, counter: 0 });
		expect(tick(HLC_ZERO, T0)).toEqual({ ms: T0, counter: 0 });
	});

	it('floors a fractional wall clock', () => {
		expect(tick(HLC_ZERO, T0 + 0.9)).toEqual({ ms: T0, counter: 0 });
	});

	it('counts up when the wall clock stands still', () => {
		const a = tick(HLC_ZERO, T0);
		const b = tick(a, T0);
		const c = tick(b, T0);
		expect([a, b, c]).toEqual([
			{ ms: T0, counter: 0 },
			{ ms: T0, counter: 1 },
			{ ms: T0, counter: 2 }
		]);
	});

	it('keeps its milliseconds and counts up when the wall clock goes backwards', () => {
		const a = tick(HLC_ZERO, T0);
		const b = tick(a, T0 - 60_000);
		expect(b).toEqual({ ms: T0, counter: 1 });
		expect(compareHlc(b, a)).toBeGreaterThan(0);
	});

	it('bumps the milliseconds when the counter would pass 99999', () => {
		const full = { ms: T0, counter: MAX_COUNTER };
		const next = tick(full, T0);
		expect(next).toEqual({ ms: T0 + 1, counter: 0 });
		expect(formatHlc(next) > formatHlc(full)).toBe(true);
		// and the wall clock catching up to the borrowed millisecond does not go back
		expect(tick(next, T0 + 1)).toEqual({ ms: T0 + 1, counter: 1 });
	});

	it('is strictly monotonic for any sequence of wall-clock readings (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: T0 - 10_000, max: T0 + 10_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
				let last: Hlc = HLC_ZERO;
				for (const now of walls) {
					const next = tick(last, now);
					expect(compareHlc(next, last)).toBeGreaterThan(0);
					expect(next.ms).toBeGreaterThanOrEqual(now);
					expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
					last = next;
				}
			})
		);
	});
});

describe('receive', () => {
	it('takes the wall clock when it is ahead of both', () => {
		expect(receive({ ms: T0, counter: 4 }, { ms: T0 + 1, counter: 9 }, T0 + 5)).toEqual({ ms: T0 + 5, counter: 0 });
	});

	it('orders after a remote clock that is ahead of the local and the wall clock', () => {
		expect(receive({ ms: T0, counter: 4 }, { ms: T0 + 1000, counter: 9 }, T0)).toEqual({ ms: T0 + 1000, counter: 10 });
	});

	it('orders after the local clock when the remote is behind', () => {
		expect(receive({ ms: T0 + 1000, counter: 4 }, { ms: T0, counter: 9 }, T0)).toEqual({ ms: T0 + 1000, counter: 5 });
	});

	it('takes the larger counter when local and remote share the milliseconds', () => {
		expect(receive({ ms: T0, counter: 4 }, { ms: T0, counter: 9 }, T0 - 1)).toEqual({ ms: T0, counter: 10 });
		expect(receive({ ms: T0, counter: 9 }, { ms: T0, counter: 4 }, T0)).toEqual({ ms: T0, counter: 10 });
	});

	it('bumps the milliseconds when the remote counter is full', () => {
		expect(receive({ ms: T0, counter: 0 }, { ms: T0, counter: MAX_COUNTER }, T0)).toEqual({ ms: T0 + 1, counter: 0 });
	});

	it('orders strictly after both local and remote, and never before the wall clock (property)', () => {
		fc.assert(
			fc.property(fc.oneof(hlcArb, nearHlcArb), fc.oneof(hlcArb, nearHlcArb), fc.oneof(nearNow, fc.integer({ min: 0, max: MAX_MS - 1 })), (local, remote, now) => {
				const next = receive(local, remote, now);
				expect(compareHlc(next, local)).toBeGreaterThan(0);
				expect(compareHlc(next, remote)).toBeGreaterThan(0);
				expect(next.ms).toBeGreaterThanOrEqual(now);
				expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
				expect(formatHlc(next) > formatHlc(local) && formatHlc(next) > formatHlc(remote)).toBe(true);
			})
		);
	});
});

describe('compareHlc', () => {
	it('orders by milliseconds, then counter', () => {
		expect(compareHlc({ ms: 1, counter: 99_999 }, { ms: 2, counter: 0 })).toBeLessThan(0);
		expect(compareHlc({ ms: 2, counter: 1 }, { ms: 2, counter: 0 })).toBeGreaterThan(0);
		expect(compareHlc({ ms: 2, counter: 1 }, { ms: 2, counter: 1 })).toBe(0);
	});

	it('agrees with the plain string order of the formatted clocks (property)', () => {
		fc.assert(
			fc.property(fc.oneof(hlcArb, nearHlcArb), fc.oneof(hlcArb, nearHlcArb), (a, b) => {
				const byString = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0;
				expect(Math.sign(compareHlc(a, b))).toBe(byString);
			})
		);
	});
});
