import type { EventEnvelope } from './envelope';

/** Total order of sync protocol v1: `hlc`, then `device`, then `seq`. */
export function compareEvents(a: EventEnvelope, b: EventEnvelope): number {
	if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
	if (a.device !== b.device) return a.device < b.device ? -1 : 1;
	return a.seq - b.seq;
}

/** The same set of events in one order whatever order they arrived in, each id once. */
export function inCanonicalOrder(events: Iterable<EventEnvelope>): EventEnvelope[] {
	const byId = new Map<string, EventEnvelope>();
	for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
	return [...byId.values()].sort(compareEvents);
}

/**
 * Inserts an event into a list kept in canonical order (no duplicate ids: the caller checks).
 * A device's new event sorts after everything it has seen, so this is usually an append.
 */
export function insertOrdered(list: EventEnvelope[], event: EventEnvelope): void {
	let lo = 0;
	let hi = list.length;
	if (hi === 0 || compareEvents(list[hi - 1]!, event) < 0) {
		list.push(event);
		return;
	}
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compareEvents(list[mid]!, event) < 0) lo = mid + 1;
		else hi = mid;
	}
	list.splice(lo, 0, event);
}
