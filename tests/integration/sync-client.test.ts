import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectMeeting, uuidv7 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { pullAll, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { tablet, type Tablet } from '../support/tablet';

let pb: PocketBaseHandle;
const open: Tablet[] = [];

async function kairongTablet(): Promise<Tablet> {
	const t = await tablet(pb.url, 'kairong');
	open.push(t);
	return t;
}
function newStream(): string {
	return uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}
const draft = (stream: string, type: string, payload: Record<string, unknown>) => ({
	stream,
	venue: demo.venues.kairong,
	actor: demo.userIds.kairong,
	type,
	v: 1,
	payload
});

beforeAll(async () => {
	pb = await startPocketBase();
});
afterAll(async () => {
	for (const t of open) t.close();
	await pb?.stop();
});

describe('the tablet sync engine against a real PocketBase', () => {
	it('caches the venues and people the user may read at sign-in', async () => {
		const t = await kairongTablet();
		expect((await t.store.venues()).map((v) => v.id)).toEqual([demo.venues.kairong]);
		const people = await t.store.people(demo.venues.kairong);
		expect(people).toHaveLength(demo.peopleCount.kairong);
		expect(people.find((p) => p.id === demo.people.kairongResident)?.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
	});

	it('records offline, keeps everything, and syncs when the network returns', async () => {
		const t = await kairongTablet();
		const m = newStream();
		t.net.online = false;
		await t.store.append(draft(m, 'meeting.opened', { title: '离线会议', form: 'in_person' }));
		await t.store.append(draft(m, 'attendance.checked_in', { person: demo.people.kairongResident, role: 'resident_rep', method: 'tap' }));
		const offline = await t.sync.syncNow();
		expect(offline.status).toBe('offline');
		expect(await t.store.pendingCount()).toBe(2);
		t.net.online = true;
		const online = await t.sync.syncNow();
		expect(online).toMatchObject({ status: 'ok', pushed: 2, problems: 0 });
		expect(await t.store.pendingCount()).toBe(0);
		const server = await pullAll(pb.url, await signIn(pb.url, 'kairong'), m);
		expect(server).toEqual(await t.store.streamEvents(m));
	});

	it('the server stopped: offline, then everything once the server is back', async () => {
		const t = await kairongTablet();
		const m = newStream();
		await t.store.append(draft(m, 'meeting.opened', { title: '停电也要开会', form: 'in_person' }));
		await pb.kill('SIGTERM');
		expect((await t.sync.syncNow()).status).toBe('offline');
		await pb.restart();
		expect(await t.sync.syncNow()).toMatchObject({ status: 'ok', pushed: 1 });
	});

	it('shows a rejected event with its reason and keeps it; later events still flow', async () => {
		const t = await kairongTablet();
		const m = newStream();
		await t.store.append(draft(m, 'meeting.opened', { title: '别的议事室', form: 'in_person' }));
		// a check-in into a stream the server never saw opened
		await t.store.append(draft(newStream(), 'attendance.checked_in', { person: demo.people.kairongResident, role: 'resident_rep', method: 'tap' }));
		await t.store.append(draft(m, 'meeting.closed', {}));
		const result = await t.sync.syncNow();
		expect(result).toMatchObject({ status: 'ok', pushed: 2, problems: 1 });
		const problems = await t.store.problems();
		expect(problems).toEqual([expect.objectContaining({ status: 'rejected', seq: 2, reason: expect.stringMatching(/^stream: /) })]);
		expect(await t.store.pendingCount()).toBe(0);
	});

	it('without a valid token: auth_required, and nothing is lost', async () => {
		const t = await kairongTablet();
		await t.store.append(draft(newStream(), 'meeting.opened', { title: '先记下来', form: 'written' }));
		t.sync.signOut();
		expect((await t.sync.syncNow()).status).toBe('auth_required');
		expect(await t.store.pendingCount()).toBe(1);
		await t.sync.signIn(demo.users.kairong, demo.password);
		expect(await t.sync.syncNow()).toMatchObject({ status: 'ok', pushed: 1 });
	});

	it('two tablets check in offline, sync, and show the same roster; one person counts once', async () => {
		const a = await kairongTablet();
		const b = await kairongTablet();
		const m = newStream();
		await a.store.append(draft(m, 'meeting.opened', { title: '两台平板', form: 'in_person' }));
		await a.sync.syncNow();
		await b.sync.syncNow();
		a.net.online = b.net.online = false;
		const people = (await a.store.people(demo.venues.kairong)).map((p) => p.id);
		for (const p of people.slice(0, 4)) await a.store.append(draft(m, 'attendance.checked_in', { person: p, role: 'resident_rep', method: 'tap' }));
		for (const p of people.slice(3, 7)) await b.store.append(draft(m, 'attendance.checked_in', { person: p, role: 'resident_rep', method: 'tap' }));
		a.net.online = b.net.online = true;
		await a.sync.syncNow();
		await b.sync.syncNow();
		await a.sync.syncNow();
		const sa = projectMeeting(m, await a.store.streamEvents(m));
		const sb = projectMeeting(m, await b.store.streamEvents(m));
		expect(sa).toEqual(sb);
		expect(sa.present).toBe(7);
	});

	it('a single flight: concurrent syncNow calls share one run', async () => {
		const t = await kairongTablet();
		await t.store.append(draft(newStream(), 'meeting.opened', { title: '并发同步', form: 'in_person' }));
		const [x, y] = await Promise.all([t.sync.syncNow(), t.sync.syncNow()]);
		expect(x).toBe(y);
		expect(x.pushed).toBe(1);
	});
});
