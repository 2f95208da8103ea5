/**
 * Hybrid logical clock (Kulkarni et al., 2014) as used by sync protocol v1:
 * "<15-digit milliseconds>:<5-digit counter>", so that plain string order is causal order.
 * `tick` stamps a local event; `receive` merges a clock seen on a pulled event so that the
 * next local event orders after everything this device has seen, even if its wall clock is behind.
 */
export interface Hlc {
	readonly ms: number;
	readonly counter: number;
}

export const HLC_PATTERN = /^\d{15}:\d{5}$/;
const MAX_COUNTER = 99_999;
export const HLC_ZERO: Hlc = { ms: 0, counter: 0 };

export function formatHlc(clock: Hlc): string {
	return `${String(clock.ms).padStart(15, '0')}:${String(clock.counter).padStart(5, '0')}`;
}

export function parseHlc(text: string): Hlc {
	if (!HLC_PATTERN.test(text)) throw new Error(`not a hybrid logical clock: ${text}`);
	return { ms: Number(text.slice(0, 15)), counter: Number(text.slice(16)) };
}

function bump(ms: number, counter: number): Hlc {
	return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/** The clock for a new local event, given the last clock and the wall clock now. */
export function tick(last: Hlc, nowMs: number): Hlc {
	const now = Math.floor(nowMs);
	if (now > last.ms) return { ms: now, counter: 0 };
	return bump(last.ms, last.counter + 1);
}

/** The local clock after seeing a remote clock (e.g. on a pulled event). */
export function receive(local: Hlc, remote: Hlc, nowMs: number): Hlc {
	const now = Math.floor(nowMs);
	const ms = Math.max(local.ms, remote.ms, now);
	if (ms === now && ms > local.ms && ms > remote.ms) return { ms, counter: 0 };
	const counter =
		ms === local.ms && ms === remote.ms
			? Math.max(local.counter, remote.counter)
			: ms === local.ms
				? local.counter
				: ms === remote.ms
					? remote.counter
					: -1;
	return bump(ms, counter + 1);
}

export function compareHlc(a: Hlc, b: Hlc): number {
	return a.ms - b.ms || a.counter - b.counter;
}
