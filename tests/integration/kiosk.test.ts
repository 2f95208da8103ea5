/**
 * The kiosk's events against a real PocketBase: a day with check-ins by signature and by card, a
 * visit, a check-out and a revocation; cards issued and revoked; the same facts from two tablets;
 * the server refuses what the tablet refuses (a one-dot signature, a token in a card event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTokenHash, newCardToken, projectKioskDays, dayKey } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { handwrittenSignature } from '../support/signatures';

let pb: PocketBaseHandle;
let member: string;
let kairong: string;
let devices = 0;
const [A, B] = ['pplzhujiang0001', 'pplzhujiang0002'];

function tablet(): FakeTablet {
	return new FakeTablet(`tab-kiosk-${++devices}`, demo.venues.zhujiang, demo.userIds.zhujiang);
}

beforeAll(async () => {
	pb = await startPocketBase();
	[member, kairong] = await Promise.all([signIn(pb.url, 'zhujiang'), signIn(pb.url, 'kairong')]);
});
afterAll(async () => {
	await pb?.stop();
});

describe('kiosk events on the server', () => {
	it('stores a day and cards from two tablets, and pull gives back the same day', async () => {
		const a = tablet();
		const b = tablet();
		const day = newId(a.clock);
		a.record(day, 'kiosk.day_opened', { date: '2026-11-26', kind: 'duty', on_duty: [A, B] });
		b.observe(a.events);
		a.record(day, 'kiosk.checked_in', { person: A, method: 'signature', signature: handwrittenSignature(1) });
		b.record(day, 'kiosk.checked_in', { person: A, method: 'signature', signature: handwrittenSignature(2) });
		const card = newId(a.clock);
		a.record(card, 'card.issued', { person: B, token_sha256: cardTokenHash(newCardToken(new Uint8Array(16).fill(3))) });
		a.record(day, 'kiosk.checked_in', { person: B, method: 'card', card });
		a.record(day, 'kiosk.visit_noted', { visitor: '赵桂芝', request: '宠物管理', noted_by: A });
		a.record(day, 'kiosk.checked_out', { person: A });
		a.record(card, 'card.revoked', { reason: '丢失' });
		for (const t of [a, b]) {
			const res = await push(pb.url, member, t.chain.device, t.events);
			expect(res.body).toMatchObject({ results: expect.any(Array) });
			expect(res.status).toBe(200);
			expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(t.events.map(() => 'accepted'));
		}
		const pulled = await pullAll(pb.url, member, day);
		expect(pulled).toHaveLength(6);
		const state = projectKioskDays(pulled)[dayKey(demo.venues.zhujiang, '2026-11-26')]!;
		expect(state.inNow).toEqual([B]);
		expect(state.people[A]!.visits).toHaveLength(1);
		// another venue's moderator sees none of it
		expect(await pullAll(pb.url, kairong, day)).toEqual([]);
	});

	it('rejects a one-dot signature, a card event holding a token, and a check-in before its day', async () => {
		const t = tablet();
		const day = newId(t.clock);
		t.record(day, 'kiosk.day_opened', { date: '2026-11-27', kind: 'activity', on_duty: [] });
		t.record(day, 'kiosk.checked_in', { person: A, method: 'signature', signature: { w: 1000, h: 333, strokes: '500,150', sha256: '0'.repeat(64) } });
		const card = newId(t.clock);
		t.record(card, 'card.issued', { person: A, token_sha256: cardTokenHash('X'), token: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
		t.record(newId(t.clock), 'kiosk.checked_out', { person: A });
		t.record(day, 'kiosk.checked_in', { person: A, method: 'signature', signature: { ...handwrittenSignature(4), sha256: 'f'.repeat(64) } });
		t.record(day, 'kiosk.checked_in', { person: A, method: 'signature', signature: handwrittenSignature(4) });
		const res = await push(pb.url, member, t.chain.device, t.events);
		expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
		expect(res.body.results[1].reason).toMatch(/signature/);
		expect(res.body.results[2].reason).toMatch(/token/);
		expect(res.body.results[3].reason).toMatch(/stream/);
		expect(res.body.results[4].reason).toMatch(/sha256 does not match/);
	});
});
