/**
 * Photos of topics on the server, and the township consulting an escalated topic in a real
 * meeting: a photo of a topic stream is accepted from whoever may write the topic's events
 * (its venue, office staff of the subtree, the levels it has been at) and refused to everyone
 * else; office staff still add no photo to a meeting. The township room's moderator
 * (mod.albas) opens a meeting there and schedules the escalated topic into it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';

let pb: PocketBaseHandle;
const tokens: Record<string, string> = {};
let photoIds = 0;

beforeAll(async () => {
	pb = await startPocketBase();
	for (const who of ['wulantuke', 'officeAlbas', 'officeWulan', 'albas', 'kairong'] as const) {
		tokens[who] = await signIn(pb.url, who);
	}
});
afterAll(async () => {
	await pb?.stop();
});

function jpeg(): Blob {
	// A minimal valid JPEG (1×1), enough for PocketBase's mime sniffing.
	const b64 =
		'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
	return new Blob([Buffer.from(b64, 'base64')], { type: 'image/jpeg' });
}

async function upload(who: string, stream: string, venue: string) {
	const id = 'a'.repeat(28) + String(++photoIds).padStart(4, '0');
	const form = new FormData();
	form.append('id', id);
	form.append('stream', stream);
	form.append('venue', venue);
	form.append('sha256', 'c'.repeat(64));
	form.append('file', jpeg(), `${id}.jpg`);
	const res = await fetch(`${pb.url}/api/collections/photos/records`, { method: 'POST', headers: { Authorization: tokens[who]! }, body: form });
	return { id, status: res.status, body: (await res.json()) as any };
}

async function view(who: string, id: string): Promise<number> {
	return (await fetch(`${pb.url}/api/collections/photos/records/${id}`, { headers: { Authorization: tokens[who]! } })).status;
}

const statuses = (res: { body: { results: { status: string; reason?: string }[] } }) => res.body.results.map((r) => r.reason ?? r.status);

describe('photos of topics', () => {
	let escalated = '';
	let local = '';
	let villagePhoto = '';

	it('the village adds a photo when the topic is collected, then escalates it', async () => {
		const village = new FakeTablet('tab-tp-village', demo.venues.wulantuke, demo.userIds.wulantuke);
		escalated = newId(village.clock);
		village.record(escalated, 'topic.submitted', { title: '草场流转纠纷', source: 'residents', submitter_name: '敖其尔', region: demo.regions.wulantuke });
		village.record(escalated, 'photo.added', { photo: newId(village.clock), sha256: 'c'.repeat(64), bytes: 100, width: 1, height: 1 });
		village.record(escalated, 'topic.screened', { decision: 'accepted', rules: [] });
		village.record(escalated, 'topic.escalated', { from_region: demo.regions.wulantuke, to_region: demo.regions.albas, reason: '村级多年未能解决' });
		local = newId(village.clock + 5);
		village.record(local, 'topic.submitted', { title: '嘎查道路维修', source: 'residents', submitter_name: '朝鲁', region: demo.regions.wulantuke });
		expect(statuses(await push(pb.url, tokens.wulantuke!, village.chain.device, village.events))).toEqual(Array(5).fill('accepted'));
		const up = await upload('wulantuke', escalated, demo.venues.wulantuke);
		expect(up.status).toBe(200);
		villagePhoto = up.id;
	});

	it('the township office adds a photo to the escalated topic and reads the village photo', async () => {
		const up = await upload('officeAlbas', escalated, demo.venues.wulantuke);
		expect(up.status).toBe(200);
		expect(await view('officeAlbas', villagePhoto)).toBe(200);
		expect(await view('wulantuke', up.id)).toBe(200);
	});

	it("the township room's moderator reaches the escalated topic through its level, not the village's own topic", async () => {
		const up = await upload('albas', escalated, demo.venues.wulantuke);
		expect(up.status).toBe(200);
		expect(await view('albas', villagePhoto)).toBe(200);
		const other = await upload('albas', local, demo.venues.wulantuke);
		expect(other.status).toBe(400);
		expect(JSON.stringify(other.body)).toContain('may not write');
		const villageOnly = await upload('wulantuke', local, demo.venues.wulantuke);
		expect(villageOnly.status).toBe(200);
		expect(await view('albas', villageOnly.id)).toBe(404);
		expect(await view('officeAlbas', villageOnly.id)).toBe(200); // its subtree holds the venue
	});

	it("another township's office and a moderator elsewhere may neither add nor see one", async () => {
		const wulan = await upload('officeWulan', escalated, demo.venues.wulantuke);
		expect(wulan.status).toBe(400);
		expect(await view('officeWulan', villagePhoto)).toBe(404);
		expect((await upload('kairong', escalated, demo.venues.wulantuke)).status).toBe(400);
		expect(await view('kairong', villagePhoto)).toBe(404);
	});

	it('office staff still add no photo to a meeting, and the venue must be the stream’s', async () => {
		const t = new FakeTablet('tab-tp-meeting', demo.venues.wulantuke, demo.userIds.wulantuke);
		const meeting = t.openMeeting('乌兰图克嘎查议事会');
		expect(statuses(await push(pb.url, tokens.wulantuke!, t.chain.device, t.events))).toEqual(['accepted']);
		expect((await upload('officeAlbas', meeting, demo.venues.wulantuke)).status).toBe(400);
		expect((await upload('wulantuke', meeting, demo.venues.wulantuke)).status).toBe(200);
		const wrongVenue = await upload('officeAlbas', escalated, demo.venues.kairong);
		expect(wrongVenue.status).toBe(400);
		expect(JSON.stringify(wrongVenue.body)).toContain('another venue');
	});

	it('a progress update may list its photos; a malformed list is rejected', async () => {
		const t = new FakeTablet('tab-tp-progress', demo.venues.wulantuke, demo.userIds.officeAlbas);
		t.observe(await pullAll(pb.url, tokens.officeAlbas!, escalated));
		const task = newId(t.clock);
		const photo = newId(t.clock + 1);
		t.record(escalated, 'photo.added', { photo, sha256: 'c'.repeat(64), bytes: 100, width: 1, height: 1 });
		t.record(escalated, 'topic.progress_reported', { task, percent: 50, note: '合同已起草', photos: [photo] });
		t.record(escalated, 'topic.progress_reported', { task, percent: 60, photos: [] });
		t.record(escalated, 'topic.progress_reported', { task, percent: 70, photos: ['not-an-id'] });
		const res = await push(pb.url, tokens.officeAlbas!, t.chain.device, t.events);
		expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
	});
});

describe('the township consults in a real meeting', () => {
	it('the township room’s moderator opens a meeting there and schedules the escalated topic into it', async () => {
		const village = new FakeTablet('tab-tw-village', demo.venues.wulantuke, demo.userIds.wulantuke);
		const topic = newId(village.clock);
		village.record(topic, 'topic.submitted', { title: '草场边界', source: 'residents', submitter_name: '敖其尔', region: demo.regions.wulantuke });
		village.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		village.record(topic, 'topic.escalated', { from_region: demo.regions.wulantuke, to_region: demo.regions.albas, reason: '跨嘎查' });
		expect(statuses(await push(pb.url, tokens.wulantuke!, village.chain.device, village.events))).toEqual(Array(3).fill('accepted'));

		const room = new FakeTablet('tab-tw-room', demo.venues.albas, demo.userIds.albas);
		room.observe(await pullAll(pb.url, tokens.albas!));
		const meeting = room.openMeeting('阿尔巴斯苏木草场边界协商会');
		room.checkIn(meeting, 'pplalbas0000001', 'dept_official');
		const res = await push(pb.url, tokens.albas!, room.chain.device, room.events);
		expect(statuses(res)).toEqual(['accepted', 'accepted']);
		// the topic's events are written on the topic's own stream (venue: the village)
		const onTopic = new FakeTablet('tab-tw-room-topic', demo.venues.wulantuke, demo.userIds.albas);
		onTopic.observe(room.events);
		onTopic.record(topic, 'topic.scheduled', { title: '阿尔巴斯苏木草场边界协商会', meeting });
		onTopic.record(topic, 'topic.outcome_recorded', { text: '以旗草原局勘界为准', meeting });
		expect(statuses(await push(pb.url, tokens.albas!, onTopic.chain.device, onTopic.events))).toEqual(['accepted', 'accepted']);
		// the village sees the outcome; the village moderator does not read the township meeting
		const seen = await pullAll(pb.url, tokens.wulantuke!);
		expect(seen.filter((e) => e.stream === topic).map((e) => e.type)).toContain('topic.outcome_recorded');
		expect(seen.some((e) => e.stream === meeting)).toBe(false);
		// a moderator of the township room cannot write a village meeting
		const intruder = new FakeTablet('tab-tw-intrude', demo.venues.wulantuke, demo.userIds.albas);
		intruder.openMeeting('不能开的会');
		expect((await push(pb.url, tokens.albas!, intruder.chain.device, intruder.events)).body.results[0].status).toBe('rejected');
	});
});
