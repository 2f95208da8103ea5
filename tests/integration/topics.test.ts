/**
 * Topics on the server: office staff write topic streams (not meetings) of their subtree; a topic
 * is open to every level it has been at; one township cannot read another's topics; the
 * screening checklist is edited by office staff of its region only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';

let pb: PocketBaseHandle;
const tokens: Record<string, string> = {};

beforeAll(async () => {
	pb = await startPocketBase();
	for (const who of ['wulantuke', 'officeAlbas', 'officeWulan', 'office', 'kairong', 'linyuan', 'admin'] as const) {
		tokens[who] = await signIn(pb.url, who);
	}
});
afterAll(async () => {
	await pb?.stop();
});

function submit(t: FakeTablet, title: string, region: string): string {
	const topic = newId(t.clock);
	t.record(topic, 'topic.submitted', { title, source: 'residents', submitter_name: '敖其尔', region });
	return topic;
}

const statuses = (res: { body: { results: { status: string; reason?: string }[] } }) => res.body.results.map((r) => r.status);

describe('topics: access follows the region tree', () => {
	let escalated = '';
	let kairongTopic = '';

	it('a village moderator submits and escalates; the township office then writes the topic', async () => {
		const village = new FakeTablet('tab-topic-village', demo.venues.wulantuke, demo.userIds.wulantuke);
		escalated = submit(village, '草场流转纠纷', demo.regions.wulantuke);
		village.record(escalated, 'topic.screened', { decision: 'accepted', rules: [] });
		village.record(escalated, 'topic.escalated', {
			from_region: demo.regions.wulantuke,
			to_region: demo.regions.albas,
			reason: '村级多年未能解决'
		});
		const res = await push(pb.url, tokens.wulantuke!, village.chain.device, village.events);
		expect(statuses(res)).toEqual(['accepted', 'accepted', 'accepted']);

		const township = new FakeTablet('tab-topic-township', demo.venues.wulantuke, demo.userIds.officeAlbas);
		const seen = await pullAll(pb.url, tokens.officeAlbas!);
		expect(seen.map((e) => e.id)).toEqual(village.events.map((e) => e.id));
		township.observe(seen);
		township.record(escalated, 'topic.scheduled', { title: '阿尔巴斯苏木草场流转协商会' });
		const res2 = await push(pb.url, tokens.officeAlbas!, township.chain.device, township.events);
		expect(statuses(res2)).toEqual(['accepted']);
		// the village still reads what the township recorded
		expect((await pullAll(pb.url, tokens.wulantuke!)).map((e) => e.type)).toContain('topic.scheduled');
	});

	it('office staff still write no meeting, not even of their own subtree', async () => {
		const t = new FakeTablet('tab-topic-office-mtg', demo.venues.wulantuke, demo.userIds.officeAlbas);
		t.openMeeting('苏木办公室不能开的会');
		const res = await push(pb.url, tokens.officeAlbas!, t.chain.device, t.events);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^venue: you may not write/) });
	});

	it("a township cannot read or write another township's topics", async () => {
		const t = new FakeTablet('tab-topic-kairong', demo.venues.kairong, demo.userIds.kairong);
		kairongTopic = submit(t, '小区停车难', demo.regions.kairong);
		expect(statuses(await push(pb.url, tokens.kairong!, t.chain.device, t.events))).toEqual(['accepted']);

		const albasReads = (await pullAll(pb.url, tokens.officeAlbas!)).map((e) => e.stream);
		expect(albasReads).toContain(escalated);
		expect(albasReads).not.toContain(kairongTopic);
		const wulanReads = (await pullAll(pb.url, tokens.officeWulan!)).map((e) => e.stream);
		expect(wulanReads).toContain(kairongTopic);
		expect(wulanReads).not.toContain(escalated);
		expect(await pullAll(pb.url, tokens.officeWulan!, escalated)).toEqual([]);
		// the banner's office sees both of its townships
		const banner = (await pullAll(pb.url, tokens.office!)).map((e) => e.stream);
		expect(banner).toEqual(expect.arrayContaining([escalated, kairongTopic]));

		const w = new FakeTablet('tab-topic-wulan', demo.venues.wulantuke, demo.userIds.officeWulan);
		w.record(escalated, 'topic.scheduled', { title: '乌兰镇想插手' });
		const res = await push(pb.url, tokens.officeWulan!, w.chain.device, w.events);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^venue: /) });
	});

	it('a topic delegated down stays open to the child level it was handed to', async () => {
		const banner = new FakeTablet('tab-topic-banner', demo.venues.kairong, demo.userIds.office);
		const topic = submit(banner, '旗级道路养护', demo.regions.otog);
		banner.record(topic, 'topic.delegated', { from_region: demo.regions.otog, to_region: demo.regions.albas, reason: '属苏木事务' });
		banner.record(topic, 'topic.delegated', { from_region: demo.regions.albas, to_region: demo.regions.wulantuke, reason: '嘎查协商' });
		expect(statuses(await push(pb.url, tokens.office!, banner.chain.device, banner.events))).toEqual(['accepted', 'accepted', 'accepted']);
		// 乌兰图克's moderator has no right to the 凯荣 venue, yet reads and writes this topic
		expect((await pullAll(pb.url, tokens.wulantuke!, topic)).map((e) => e.id)).toEqual(banner.events.map((e) => e.id));
		const v = new FakeTablet('tab-topic-village-2', demo.venues.kairong, demo.userIds.wulantuke);
		v.observe(banner.events);
		v.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		expect(statuses(await push(pb.url, tokens.wulantuke!, v.chain.device, v.events))).toEqual(['accepted']);
		// but not another topic of that venue, nor a meeting there
		const w = new FakeTablet('tab-topic-village-3', demo.venues.kairong, demo.userIds.wulantuke);
		w.record(kairongTopic, 'topic.screened', { decision: 'accepted', rules: [] });
		expect(statuses(await push(pb.url, tokens.wulantuke!, w.chain.device, w.events))).toEqual(['rejected']);
		expect(await pullAll(pb.url, tokens.wulantuke!, kairongTopic)).toEqual([]);
		// 林原 (another banner) sees none of it
		expect(await pullAll(pb.url, tokens.linyuan!, topic)).toEqual([]);
	});
});

describe('screening checklist', () => {
	async function create(who: string, region: string): Promise<number> {
		const res = await fetch(`${pb.url}/api/collections/screening_rules/records`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: tokens[who]! },
			body: JSON.stringify({ region, kind: 'consult', text: '本地补充条目', order: 20 })
		});
		return res.status;
	}

	it('every signed-in user reads it; the demo banner has its 五议五不议', async () => {
		const res = await fetch(`${pb.url}/api/collections/screening_rules/records?perPage=100`, {
			headers: { Authorization: tokens.wulantuke! }
		});
		const body = (await res.json()) as { items: { region: string; kind: string }[] };
		expect(body.items.filter((r) => r.region === demo.regions.otog)).toHaveLength(10);
	});

	it('office staff edit it for their region and below, not for a neighbour; moderators not at all', async () => {
		expect(await create('officeAlbas', demo.regions.albas)).toBe(200);
		expect(await create('officeAlbas', demo.regions.wulantuke)).toBe(200);
		expect(await create('officeAlbas', demo.regions.wulan)).toBe(400);
		expect(await create('officeAlbas', demo.regions.otog)).toBe(400);
		expect(await create('wulantuke', demo.regions.wulantuke)).toBe(400);
		expect(await create('admin', demo.regions.linyuan)).toBe(200);
	});
});
