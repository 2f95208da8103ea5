import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inCanonicalOrder, insertOrdered, MeetingFold, projectMeeting, projectOrderedMeeting, type EventEnvelope } from '../../src/lib/domain';
import { FakeTablet, personId } from '../support/factories';

function twoTabletsMeeting(): EventEnvelope[] {
	const a = new FakeTablet('tab-order-a');
	const b = new FakeTablet('tab-order-b', undefined, undefined, a.clock);
	const m = a.openMeeting();
	for (let i = 0; i < 12; i++) (i % 3 ? a : b).checkIn(m, personId(i % 5));
	return [...a.events, ...b.events];
}

describe('insertOrdered', () => {
	it('builds the canonical order whatever order events are inserted in', () => {
		const events = twoTabletsMeeting();
		fc.assert(
			fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
				const list: EventEnvelope[] = [];
				for (const e of shuffled) insertOrdered(list, e);
				expect(list).toEqual(inCanonicalOrder(events));
				expect(projectOrderedMeeting(events[0]!.stream, list)).toEqual(projectMeeting(events[0]!.stream, shuffled));
			})
		);
	});
});

describe('MeetingFold', () => {
	it('folding one event at a time gives the full projection after every event', () => {
		const events = inCanonicalOrder(twoTabletsMeeting());
		const stream = events[0]!.stream;
		const fold = new MeetingFold(stream);
		events.forEach((e, i) => {
			fold.apply(e);
			expect(fold.snapshot()).toEqual(projectMeeting(stream, events.slice(0, i + 1)));
		});
	});
});
