/**
 * Photos of a topic in the topic fold: `photo.added` on a topic stream (at collection, on the way)
 * and photo ids listed by a progress update; same state for any delivery order and duplicates;
 * the optional `photos` field of `topic.progress_reported` is checked by the shared schema.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PROGRESS_PHOTOS, projectTopic, validateEvent, type EventEnvelope } from '../../src/lib/domain';
import { FakeTablet, newId } from '../support/factories';

const VILLAGE = 'rgnwulantuke000';
const TOWNSHIP = 'rgnalbas0000000';

function photo(t: FakeTablet, topic: string, n: number): { id: string; event: EventEnvelope } {
	const id = newId(t.clock + n);
	const event = t.record(topic, 'photo.added', { photo: id, sha256: String(n % 10).repeat(64), bytes: 1000 + n, width: 1600, height: 1200 });
	return { id, event };
}

/** A topic photographed when collected, then implemented with two progress updates (one with photos). */
function photographed() {
	const t = new FakeTablet('tab-tphoto-a', 'vnuwulantuke000', 'usrmodwulantuke');
	const topic = newId(t.clock);
	const task = newId(t.clock + 1);
	t.record(topic, 'topic.submitted', { title: '草场流转纠纷', source: 'residents', submitter_name: '敖其尔', region: VILLAGE });
	const atCollection = photo(t, topic, 1);
	t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
	t.record(topic, 'topic.escalated', { from_region: VILLAGE, to_region: TOWNSHIP, reason: '村级多年未能解决' });
	t.record(topic, 'topic.scheduled', { title: '阿尔巴斯苏木草场流转协商会' });
	t.record(topic, 'topic.outcome_recorded', { text: '续签三年' });
	t.record(topic, 'topic.notice_published', { text: '公示', starts_on: '2026-11-27', ends_on: '2026-12-03' });
	t.record(topic, 'topic.handed_over', { unit: '阿尔巴斯苏木人民政府' });
	t.record(topic, 'topic.task_added', { task, title: '重新签订流转合同', owner: '斯琴', due_on: '2026-12-20' });
	t.record(topic, 'topic.progress_reported', { task, percent: 30 });
	const a = photo(t, topic, 2);
	const b = photo(t, topic, 3);
	t.record(topic, 'topic.progress_reported', { task, percent: 100, note: '合同已签订', photos: [a.id, b.id] });
	return { t, topic, task, atCollection, withProgress: [a, b] };
}

function shuffle<T>(list: readonly T[], seed: number): T[] {
	const out = [...list];
	let x = seed || 1;
	for (let i = out.length - 1; i > 0; i--) {
		x = (x * 1103515245 + 12345) & 0x7fffffff;
		const j = x % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('topic photos in the fold', () => {
	it('keeps every photo of the topic and the ids each progress update lists', () => {
		const { t, topic, atCollection, withProgress } = photographed();
		const s = projectTopic(topic, t.events);
		expect(s.status).toBe('implementing');
		expect(s.flagged).toEqual([]);
		expect(s.photos.map((p) => p.photo)).toEqual([atCollection.id, ...withProgress.map((p) => p.id)]);
		expect(s.photos[0]).toMatchObject({ sha256: '1'.repeat(64), width: 1600, height: 1200, at: atCollection.event.at, actor: 'usrmodwulantuke' });
		const updates = s.tasks[0]!.updates;
		expect(updates.map((u) => [u.percent, u.photos])).toEqual([
			[30, []],
			[100, withProgress.map((p) => p.id)]
		]);
	});

	it('a photo is not a step: it changes no status and is kept on a closed topic too', () => {
		const t = new FakeTablet('tab-tphoto-b');
		const topic = newId(t.clock);
		t.record(topic, 'topic.submitted', { title: '宠物管理', source: 'residents', submitter_name: '赵桂芝', region: VILLAGE });
		t.record(topic, 'topic.screened', { decision: 'not_accepted', rules: [], reason: '不属于协商范围' });
		t.record(topic, 'topic.closed', {});
		const late = photo(t, topic, 4);
		const s = projectTopic(topic, t.events);
		expect(s.status).toBe('closed');
		expect(s.photos.map((p) => p.photo)).toEqual([late.id]);
		expect(s.flagged).toEqual([]);
	});

	it('the first photo.added of an id wins; another stream’s photo is ignored', () => {
		const t = new FakeTablet('tab-tphoto-c');
		const topic = newId(t.clock);
		t.record(topic, 'topic.submitted', { title: '路灯', source: 'residents', submitter_name: '刘洋', region: VILLAGE });
		const first = photo(t, topic, 5);
		t.record(topic, 'photo.added', { photo: first.id, sha256: 'f'.repeat(64), bytes: 9, width: 1, height: 1 });
		t.record(newId(t.clock + 9), 'photo.added', { photo: newId(t.clock + 10), sha256: 'e'.repeat(64), bytes: 9, width: 1, height: 1 });
		const s = projectTopic(topic, t.events);
		expect(s.photos).toHaveLength(1);
		expect(s.photos[0]!.sha256).toBe('5'.repeat(64));
	});

	it('gives the same photos for any delivery order and duplicates (property)', () => {
		const { t, topic } = photographed();
		const b = new FakeTablet('tab-tphoto-d', 'vnuwulantuke000', 'usrofficealbas0');
		b.observe(t.events.slice(0, 4));
		photo(b, topic, 6); // the township adds one concurrently
		const all = [...t.events, ...b.events];
		const expected = projectTopic(topic, all);
		expect(expected.photos).toHaveLength(4);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: all.length }), (seed, dup) => {
				expect(projectTopic(topic, shuffle([...all, ...all.slice(0, dup)], seed))).toEqual(expected);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('topic.progress_reported photos (schema)', () => {
	const t = new FakeTablet('tab-tphoto-e');
	const topic = newId();
	const task = newId();
	const progress = (payload: Record<string, unknown>) => validateEvent(t.record(topic, 'topic.progress_reported', { task, percent: 50, ...payload }));

	it('is optional, lists 1 to 10 photo ids', () => {
		expect(progress({})).toMatchObject({ ok: true });
		expect(progress({ photos: [newId()] })).toMatchObject({ ok: true });
		expect(progress({ photos: Array.from({ length: MAX_PROGRESS_PHOTOS }, (_, i) => newId(Date.now() + i)) })).toMatchObject({ ok: true });
	});

	it('refuses an empty list, too many, and ids that are not ids', () => {
		expect(progress({ photos: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('payload.photos') });
		expect(progress({ photos: Array.from({ length: MAX_PROGRESS_PHOTOS + 1 }, (_, i) => newId(Date.now() + i)) })).toMatchObject({ ok: false });
		expect(progress({ photos: ['photo-1'] })).toMatchObject({ ok: false, reason: expect.stringContaining('payload.photos') });
	});
});
