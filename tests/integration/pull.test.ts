import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../support/demo';
import { FakeTablet } from '../support/factories';
import { pull, pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';

let pb: PocketBaseHandle;
const tokens: Record<string, string> = {};
const meetings: Record<string, string> = {};
const pushed: Record<string, string[]> = { kairong: [], linyuan: [], zhujiang: [] };

beforeAll(async () => {
	pb = await startPocketBase();
	for (const who of ['kairong', 'linyuan', 'admin', 'office', 'zhujiang'] as const) tokens[who] = await signIn(pb.url, who);
	const plan = [
		['kairong', demo.venues.kairong, demo.userIds.kairong, demo.people.kairongResident],
		['linyuan', demo.venues.linyuan, demo.userIds.linyuan, demo.people.linyuanPartyA],
		['zhujiang', demo.venues.zhujiang, demo.userIds.zhujiang, demo.people.zhujiangMember]
	] as const;
	for (const [who, venue, actor, person] of plan) {
		const t = new FakeTablet(`tab-pull-${who}`, venue, actor);
		const m = t.openMeeting(`${who} 协商会`);
		for (let i = 0; i < 4; i++) t.checkIn(m, person, 'other');
		meetings[who] = m;
		const res = await push(pb.url, tokens[who]!, t.chain.device, t.events);
		expect(res.body.high).toBe(5);
		pushed[who] = t.events.map((e) => e.id);
	}
});
afterAll(async () => {
	await pb?.stop();
});

describe('pull: who reads what', () => {
	it.each([
		['kairong', ['kairong']],
		['linyuan', ['linyuan']],
		['zhujiang', ['zhujiang']],
		['office', ['kairong']], // 鄂托克旗's office: 凯荣 is in its subtree, 林原 and 珠江 are not
		['admin', ['kairong', 'linyuan', 'zhujiang']]
	])('%s reads the events of %j only', async (who, venues) => {
		const ids = (await pullAll(pb.url, tokens[who]!)).map((e) => e.id);
		expect(ids).toEqual(venues.flatMap((v) => pushed[v]!));
	});

	it('anonymous reads nothing: 401 with {code, message}', async () => {
		const res = await pull(pb.url, null);
		expect(res).toEqual({ status: 401, body: { code: 401, message: expect.any(String) } });
	});

	it('a stream filter of another venue gives nothing', async () => {
		const res = await pull(pb.url, tokens.linyuan!, { stream: meetings.kairong! });
		expect(res.body.events).toEqual([]);
	});
});

describe('pull: the cursor', () => {
	it('pages one by one in server order, never skipping or repeating', async () => {
		const seen: string[] = [];
		let after = '';
		let pages = 0;
		for (;;) {
			const page = await pull(pb.url, tokens.admin!, { after, limit: 1 });
			expect(page.status).toBe(200);
			seen.push(...page.body.events.map((e: any) => e.id));
			after = page.body.cursor;
			pages++;
			if (!page.body.more) break;
		}
		expect(seen).toEqual([...pushed.kairong!, ...pushed.linyuan!, ...pushed.zhujiang!]);
		expect(pages).toBe(15);
		const end = await pull(pb.url, tokens.admin!, { after });
		expect(end.body).toEqual({ events: [], cursor: after, more: false });
	});

	it('narrowed to one stream', async () => {
		const events = await pullAll(pb.url, tokens.admin!, meetings.linyuan!);
		expect(events.map((e) => e.id)).toEqual(pushed.linyuan);
	});

	it('belongs to the user and the stream filter it was given for', async () => {
		const first = await pull(pb.url, tokens.kairong!, { limit: 1 });
		const stolen = await pull(pb.url, tokens.linyuan!, { after: first.body.cursor });
		expect(stolen).toEqual({ status: 400, body: { code: 400, message: expect.stringMatching(/another user/) } });
		const refiltered = await pull(pb.url, tokens.kairong!, { after: first.body.cursor, stream: meetings.kairong! });
		expect(refiltered.status).toBe(400);
	});

	it.each([
		[{ after: 'not-a-cursor!' }, /after: /],
		[{ after: 'eyJwIjotMX0' }, /after: /],
		[{ limit: 0 }, /limit: /],
		[{ limit: 1001 }, /limit: /],
		[{ limit: 'ten' }, /limit: /],
		[{ limit: '2.5' }, /limit: /],
		[{ stream: 'ABC' }, /stream: /]
	])('refuses %j with 400', async (query, message) => {
		const res = await pull(pb.url, tokens.admin!, query);
		expect(res).toEqual({ status: 400, body: { code: 400, message: expect.stringMatching(message) } });
	});

	it('stays valid across a server restart', async () => {
		const before = await pull(pb.url, tokens.kairong!, { limit: 1000 });
		await pb.restart();
		const token = await signIn(pb.url, 'kairong');
		const t = new FakeTablet('tab-pull-after-restart', demo.venues.kairong, demo.userIds.kairong);
		t.openMeeting('重启之后');
		await push(pb.url, token, t.chain.device, t.events);
		const after = await pull(pb.url, tokens.kairong!, { after: before.body.cursor });
		expect(after.status).toBe(200); // the old token is still valid after the restart
		expect(after.body.events.map((e: any) => e.id)).toEqual([t.events[0]!.id]);
	});
});
