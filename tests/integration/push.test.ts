import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, type EventEnvelope } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pull, pullAll, push, pushRaw, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';

let pb: PocketBaseHandle;
let kairong: string;
let linyuan: string;
let admin: string;
let devices = 0;

function kairongTablet(): FakeTablet {
	return new FakeTablet(`tab-push-${++devices}`, demo.venues.kairong, demo.userIds.kairong);
}
function linyuanTablet(): FakeTablet {
	return new FakeTablet(`tab-push-${++devices}`, demo.venues.linyuan, demo.userIds.linyuan);
}
/** Re-seals an event after editing it, so only the intended defect remains. */
function resealed(event: EventEnvelope, change: Partial<EventEnvelope>): EventEnvelope {
	const body = { ...event, ...change };
	return { ...body, hash: eventHash(body) };
}
async function storedIds(): Promise<string[]> {
	return (await pullAll(pb.url, admin)).map((e) => e.id);
}
async function quarantined(device: string): Promise<any[]> {
	const token = await pb.superuserToken();
	const res = await fetch(`${pb.url}/api/collections/quarantine/records?perPage=500&filter=${encodeURIComponent(`device="${device}"`)}`, {
		headers: { Authorization: token }
	});
	return ((await res.json()) as { items: any[] }).items;
}

beforeAll(async () => {
	pb = await startPocketBase();
	[kairong, linyuan, admin] = await Promise.all([signIn(pb.url, 'kairong'), signIn(pb.url, 'linyuan'), signIn(pb.url, 'admin')]);
});
afterAll(async () => {
	await pb?.stop();
});

describe('push: the good path', () => {
	it('accepts a meeting and pull gives every event back exactly as pushed', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.record(m, 'participant.registered', { participant: newId(), name: '张三', role: 'resident_rep', organisation: '3号楼' });
		t.checkIn(m, demo.people.kairongResident);
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ results: t.events.map((e) => ({ id: e.id, status: 'accepted' })), high: 3 });
		expect(await pullAll(pb.url, kairong, m)).toEqual(t.events);
	});

	it('the same push twice stores each event once and answers duplicate', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.checkIn(m, demo.people.kairongResident);
		await push(pb.url, kairong, t.chain.device, t.events);
		const again = await push(pb.url, kairong, t.chain.device, t.events);
		expect(again.body.results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate']);
		expect(again.body.high).toBe(2);
		expect(await pullAll(pb.url, kairong, m)).toHaveLength(2);
	});

	it('concurrent pushes of the same events store one copy', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		for (let i = 0; i < 30; i++) t.checkIn(m, demo.people.kairongResident);
		const answers = await Promise.all(Array.from({ length: 6 }, () => push(pb.url, kairong, t.chain.device, t.events)));
		for (const a of answers) {
			expect(a.status).toBe(200);
			expect(a.body.high).toBe(31);
			for (const r of a.body.results) expect(['accepted', 'duplicate']).toContain(r.status);
		}
		const accepted = answers.flatMap((a) => a.body.results).filter((r: any) => r.status === 'accepted');
		expect(accepted).toHaveLength(31);
		expect(await pullAll(pb.url, kairong, m)).toHaveLength(31);
	});

	it('a response lost after commit: the retry gets duplicate, then the rest flows', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		await push(pb.url, kairong, t.chain.device, t.events); // answer "lost"
		t.checkIn(m, demo.people.kairongResident);
		const retry = await push(pb.url, kairong, t.chain.device, t.events);
		expect(retry.body.results.map((r: any) => r.status)).toEqual(['duplicate', 'accepted']);
	});

	it('a gap is not kept; sending again from high + 1 fills it', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.checkIn(m, demo.people.kairongResident);
		t.checkIn(m, demo.people.kairongGridWorker);
		const gap = await push(pb.url, kairong, t.chain.device, t.events.slice(2));
		expect(gap.body).toMatchObject({ results: [{ id: t.events[2]!.id, status: 'gap' }], high: 0 });
		expect(await storedIds()).not.toContain(t.events[2]!.id);
		const fill = await push(pb.url, kairong, t.chain.device, t.events);
		expect(fill.body.results.map((r: any) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
	});

	it('after a rejected event later events still flow, chained to what was sent', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.record(m, 'attendance.checked_in', { person: demo.people.kairongResident, role: 'nobody', method: 'tap' });
		t.checkIn(m, demo.people.kairongGridWorker);
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected', 'accepted']);
		expect(res.body.results[1].reason).toMatch(/^payload\.role: /);
		expect(res.body.high).toBe(3);
		const again = await push(pb.url, kairong, t.chain.device, [t.events[1]!]);
		expect(again.body.results[0]).toEqual(res.body.results[1]); // rejected again, same reason
		expect(await quarantined(t.chain.device)).toHaveLength(1); // kept once
	});
});

describe('push: rejected events, each with a clear reason', () => {
	async function pushOne(make: (t: FakeTablet, meeting: string) => EventEnvelope, token = kairong) {
		const t = kairongTablet();
		const m = t.openMeeting();
		const bad = make(t, m);
		const res = await push(pb.url, token, t.chain.device, [...t.events.slice(0, -1), bad]);
		expect(res.status).toBe(200);
		return { res, result: res.body.results.at(-1), t, bad };
	}

	it.each([
		['a forged hash', (e: EventEnvelope) => ({ ...e, payload: { ...e.payload, person: demo.people.kairongGridWorker } }), /^hash: /],
		['a broken chain', (e: EventEnvelope) => resealed(e, { prev: 'f'.repeat(64) }), /^prev: does not match the hash of seq 1/],
		['an unknown event type', (e: EventEnvelope) => resealed(e, { type: 'attendance.teleported' }), /^type: unknown event type/],
		['an unknown version', (e: EventEnvelope) => resealed(e, { v: 9 }), /^v: unknown version 9/],
		['a missing payload field', (e: EventEnvelope) => resealed(e, { payload: { role: 'resident_rep', method: 'tap' } }), /^payload\.person: required/],
		['a wrong JSON type', (e: EventEnvelope) => resealed(e, { hlc: 17 as unknown as string }), /^hlc: /],
		['a non-integer v', (e: EventEnvelope) => resealed(e, { v: 1.5 }), /^v: /],
		['an extra top-level field', (e: EventEnvelope) => ({ ...e, extra: 1 }) as EventEnvelope, /unrecognized key/i],
		['an upper-case id', (e: EventEnvelope) => resealed(e, { id: e.id.toUpperCase() }), /^id: /],
		['an over-long device-made string', (e: EventEnvelope) => resealed(e, { type: 'x'.repeat(65) }), /^type: /]
	])('%s', async (_name, spoil, reason) => {
		const { result, t } = await pushOne((t, m) => spoil(t.checkIn(m, demo.people.kairongResident)));
		expect(result.status).toBe('rejected');
		expect(result.reason).toMatch(reason);
		expect(await quarantined(t.chain.device)).toHaveLength(1);
	});

	it('a title of 200 Chinese characters is accepted, 201 rejected', async () => {
		const ok = kairongTablet();
		ok.openMeeting('议'.repeat(200));
		expect((await push(pb.url, kairong, ok.chain.device, ok.events)).body.results[0].status).toBe('accepted');
		const long = kairongTablet();
		long.openMeeting('议'.repeat(201));
		const res = await push(pb.url, kairong, long.chain.device, long.events);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^payload\.title: /) });
	});

	it('a venue the user may not write, even when an event with that id exists', async () => {
		const own = linyuanTablet();
		own.openMeeting('林原村土地纠纷协商会');
		expect((await push(pb.url, linyuan, own.chain.device, own.events)).body.results[0].status).toBe('accepted');
		// mod.kairong pushes the very same event id (copied from linyuan) from another device
		const thief = kairongTablet();
		const copy = resealed(own.events[0]!, { device: thief.chain.device });
		const res = await push(pb.url, kairong, thief.chain.device, [copy]);
		expect(res.body.results[0]).toEqual({ id: copy.id, status: 'rejected', reason: expect.stringMatching(/^venue: you may not write/) });
		expect(res.body.high).toBe(1); // kept apart and counted as received
	});

	it('an actor who may not write the venue', async () => {
		const t = new FakeTablet(`tab-push-${++devices}`, demo.venues.kairong, demo.userIds.linyuan);
		t.openMeeting();
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^actor: /) });
	});

	it('an event in a stream that was never opened, and a second opening of a stream', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.checkIn(newId(), demo.people.kairongResident);
		t.record(m, 'meeting.opened', { title: '又一次', form: 'in_person' });
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
		expect(res.body.results[1].reason).toMatch(/^stream: unknown stream/);
		expect(res.body.results[2].reason).toMatch(/^stream: this stream already exists/);
	});

	it('an event for a stream of another venue (both writable by the admin)', async () => {
		const adminUser = (await (await fetch(`${pb.url}/api/collections/users/auth-refresh`, { method: 'POST', headers: { Authorization: admin } })).json()) as any;
		const t = new FakeTablet(`tab-push-${++devices}`, demo.venues.kairong, adminUser.record.id);
		const m = t.openMeeting();
		const moved = new FakeTablet(t.chain.device, demo.venues.linyuan, adminUser.record.id);
		moved.chain = t.chain;
		moved.checkIn(m, demo.people.linyuanPartyA, 'dispute_party');
		const res = await push(pb.url, admin, t.chain.device, [...t.events, ...moved.events]);
		expect(res.body.results[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^venue: the stream belongs to another venue/) });
	});
});

describe('push: conflicts', () => {
	it('the same seq with another id, and the same id with other content, are kept and shown', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		t.checkIn(m, demo.people.kairongResident);
		await push(pb.url, kairong, t.chain.device, t.events);
		const otherId = resealed(t.events[1]!, { id: newId() });
		const otherContent = resealed(t.events[1]!, { payload: { ...t.events[1]!.payload, method: 'signature' } });
		const res = await push(pb.url, kairong, t.chain.device, [otherId]);
		expect(res.body.results[0]).toMatchObject({ status: 'conflict', reason: expect.stringMatching(/^seq: /) });
		const res2 = await push(pb.url, kairong, t.chain.device, [otherContent]);
		expect(res2.body.results[0]).toMatchObject({ status: 'conflict', reason: expect.stringMatching(/^id: .*different hash/) });
		expect((await quarantined(t.chain.device)).map((q) => q.status)).toEqual(['conflict', 'conflict']);
		expect(await pullAll(pb.url, kairong, m)).toEqual(t.events); // the stored ones are untouched
	});
});

describe('push: request-level failures write nothing', () => {
	async function unchanged(run: () => Promise<{ status: number; body: any }>, status: number, message: RegExp) {
		const before = await storedIds();
		const res = await run();
		expect(res.status).toBe(status);
		expect(res.body).toEqual({ code: status, message: expect.stringMatching(message) });
		expect(await storedIds()).toEqual(before);
	}
	const fresh = () => {
		const t = kairongTablet();
		t.openMeeting();
		return t;
	};

	it('401 without a token or with a forged one', async () => {
		const t = fresh();
		await unchanged(() => push(pb.url, null, t.chain.device, t.events), 401, /token/);
		await unchanged(() => push(pb.url, kairong.slice(0, -4) + 'AAAA', t.chain.device, t.events), 401, /token/);
	});

	it('401 with an expired token, and nothing recorded is lost: the same events go through after sign-in', async () => {
		const su = await pb.superuserToken();
		const setDuration = (duration: number) =>
			fetch(`${pb.url}/api/collections/users`, {
				method: 'PATCH',
				headers: { Authorization: su, 'Content-Type': 'application/json' },
				body: JSON.stringify({ authToken: { duration } })
			});
		const set = await setDuration(10); // the shortest PocketBase allows
		expect(set.status, await set.text()).toBe(200);
		const shortLived = await signIn(pb.url, 'kairong');
		expect((await setDuration(604800)).ok).toBe(true);
		await new Promise((r) => setTimeout(r, 10_500));
		const t = fresh();
		await unchanged(() => push(pb.url, shortLived, t.chain.device, t.events), 401, /token/);
		const after = await push(pb.url, await signIn(pb.url, 'kairong'), t.chain.device, t.events);
		expect(after.body.results[0].status).toBe('accepted');
	});

	it('413 over 500 events, and over 8 MiB', async () => {
		const t = kairongTablet();
		const m = t.openMeeting();
		for (let i = 0; i < 500; i++) t.checkIn(m, demo.people.kairongResident);
		await unchanged(() => push(pb.url, kairong, t.chain.device, t.events), 413, /500 events/);
		const big = JSON.stringify({ device: t.chain.device, events: t.events.slice(0, 1), pad: 'x'.repeat(8 * 1024 * 1024) });
		await unchanged(() => pushRaw(pb.url, kairong, big), 413, /8 MiB/);
	});

	it('400 for a body that is not JSON or not of the shape', async () => {
		const t = fresh();
		const d = t.chain.device;
		await unchanged(() => pushRaw(pb.url, kairong, '{"device": "tab-x", "events": ['), 400, /not JSON/);
		await unchanged(() => pushRaw(pb.url, kairong, '[]'), 400, /body must be/);
		await unchanged(() => pushRaw(pb.url, kairong, JSON.stringify({ device: d, events: {} })), 400, /body must be/);
		await unchanged(() => pushRaw(pb.url, kairong, JSON.stringify({ device: d, events: [] })), 400, /1 to 500/);
		await unchanged(() => pushRaw(pb.url, kairong, JSON.stringify({ device: 'TAB X', events: t.events })), 400, /device/);
		await unchanged(() => push(pb.url, kairong, 'tab-someone-else', t.events), 400, /device/);
		await unchanged(() => push(pb.url, kairong, d, [...t.events, 'not an event']), 400, /expected an object/);
	});

	it('400 when the events are not in seq order', async () => {
		const t = fresh();
		t.checkIn(t.events[0]!.stream, demo.people.kairongResident);
		await unchanged(() => push(pb.url, kairong, t.chain.device, [t.events[1]!, t.events[0]!]), 400, /seq order/);
	});

	it('a non-integer seq is rejected, kept, and not counted as received', async () => {
		const t = fresh();
		const res = await push(pb.url, kairong, t.chain.device, [{ ...t.events[0]!, seq: '1' as unknown as number }]);
		expect(res.body).toMatchObject({ results: [{ status: 'rejected', reason: expect.stringMatching(/^seq: /) }], high: 0 });
		expect(await quarantined(t.chain.device)).toHaveLength(1);
	});
});

describe('the events collection through the REST API', () => {
	it('cannot be listed, created, changed or deleted by any user role', async () => {
		const t = kairongTablet();
		t.openMeeting();
		await push(pb.url, kairong, t.chain.device, t.events);
		const id = t.events[0]!.id;
		for (const token of [kairong, linyuan, admin]) {
			const list = await fetch(`${pb.url}/api/collections/events/records`, { headers: { Authorization: token } });
			expect(list.status).toBe(403);
			const patch = await fetch(`${pb.url}/api/collections/events/records/${id}`, {
				method: 'PATCH',
				headers: { Authorization: token, 'Content-Type': 'application/json' },
				body: '{"type":"meeting.closed"}'
			});
			expect([403, 404]).toContain(patch.status);
			const del = await fetch(`${pb.url}/api/collections/events/records/${id}`, { method: 'DELETE', headers: { Authorization: token } });
			expect([403, 404]).toContain(del.status);
		}
		expect(await pullAll(pb.url, kairong, t.events[0]!.stream)).toEqual(t.events);
		const afterPull = await pull(pb.url, kairong, { stream: t.events[0]!.stream });
		expect(afterPull.body.events[0].type).toBe('meeting.opened');
	});
});
