/**
 * The kiosk's intents against a real event store (fake-indexeddb): bad input gets its reason and
 * records nothing; two tablets sharing events keep one day.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cardQrText, newCardToken, type EventEnvelope } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/storage';
import { Kiosk } from '../../src/lib/state/kiosk.svelte';
import type { SessionUser } from '../../src/lib/sync';
import { handwrittenSignature } from '../support/signatures';

const VENUE = { id: 'vnuzhujiang0000', name: '珠江社区委员之家', kind: 'members_home', region: 'rgnzhujiang0000', regionName: '珠江社区' };
const person = (n: number, name: string, kind = 'cppcc_member') => ({
	id: `pplzhujiang000${n}`,
	venue: VENUE.id,
	name,
	kind,
	role: kind === 'cppcc_member' ? 'cppcc_member' : 'resident_rep',
	sector: '',
	organisation: '',
	phoneMasked: ''
});
const PEOPLE = [person(1, '其其格'), person(2, '张文博'), person(3, '何丽娟'), person(4, '赵桂芝', 'resident')];
const [A, B, C, RESIDENT] = PEOPLE.map((p) => p.id) as [string, string, string, string];
const USER: SessionUser = { id: 'usrmemzhujiang0', email: 'member.zhujiang@yishi.demo', name: '其其格', role: 'member', venues: [VENUE.id], region: '' };

const stores: EventStore[] = [];
afterEach(() => {
	for (const s of stores.splice(0)) s.close();
});

async function kiosk(): Promise<{ store: EventStore; kiosk: Kiosk }> {
	const store = new EventStore(`kiosk-state-${Math.random()}`);
	stores.push(store);
	await store.replaceReference([VENUE], PEOPLE);
	const k = new Kiosk(store, USER, VENUE);
	await k.start();
	return { store, kiosk: k };
}

describe('kiosk intents', () => {
	it('refuses every bad input with its reason and records nothing', async () => {
		const { store, kiosk: k } = await kiosk();
		expect(k.members.map((p) => p.id)).toEqual([A, B, C]);
		expect(await k.checkInBySignature(A, handwrittenSignature(1))).toEqual({ ok: false, problem: 'no_day' });
		await k.openDay('duty', [A, B, C]);
		const base = await store.pendingCount();
		expect(base).toBe(1);

		const dot = { w: 1000, h: 333, strokes: '500,150', sha256: '0'.repeat(64) };
		expect(await k.checkInBySignature(A, null)).toEqual({ ok: false, problem: 'empty' });
		expect(await k.checkInBySignature(A, dot)).toEqual({ ok: false, problem: 'too_short' });
		expect(await k.checkInBySignature(RESIDENT, handwrittenSignature(1))).toEqual({ ok: false, problem: 'not_member' });
		expect(await k.checkOut(A)).toEqual({ ok: false, problem: 'not_in' });
		expect(await k.checkInByCard('yishi:card:' + 'A'.repeat(26))).toEqual({ ok: false, problem: 'unknown' });
		expect(await k.checkInByCard('13604771122')).toEqual({ ok: false, problem: 'forged' });
		expect(await k.noteVisit('', '  ', A)).toEqual({ ok: false, problem: 'no_request' });
		expect(await store.pendingCount()).toBe(base);

		expect(await k.checkInBySignature(A, handwrittenSignature(1))).toEqual({ ok: true, person: A });
		expect(await k.checkInBySignature(A, handwrittenSignature(2))).toEqual({ ok: false, problem: 'already_in' });
		const card = await k.issueCard(B);
		const revoked = await k.issueCard(C);
		await k.revokeCard(revoked.card, '丢失');
		expect(await k.checkInByCard(revoked.qr)).toEqual({ ok: false, problem: 'revoked' });
		expect(await k.checkInByCard(card.qr)).toEqual({ ok: true, person: B });
		expect(await k.checkInByCard(card.qr)).toEqual({ ok: false, problem: 'already_in', person: B });
		expect(await store.pendingCount()).toBe(base + 5);
		expect(k.today!.inNow).toEqual([A, B]);

		// the token is in the QR text only, never in an event
		const events = await store.pending(100);
		expect(JSON.stringify(events)).not.toContain(card.qr.slice('yishi:card:'.length));
		expect(JSON.stringify(events)).not.toContain(revoked.qr.slice('yishi:card:'.length));
		expect(cardQrText(newCardToken(new Uint8Array(16)))).toMatch(/^yishi:card:A{26}$/);

		expect(await k.checkOut(A)).toEqual({ ok: true, person: A });
		expect(await k.revokeCheckIn(B, '点错了')).toEqual({ ok: true, person: B });
		expect(k.today!.inNow).toEqual([]);
		expect(await k.revokeCheckIn(B, '')).toEqual({ ok: false, problem: 'not_in' });
		k.stop();
	});

	it('opens today once; a second tablet that opened the same date offline joins the same day', async () => {
		const one = await kiosk();
		const two = await kiosk();
		const d1 = await one.kiosk.openDay('duty', [A]);
		expect(await one.kiosk.openDay('activity', [B])).toEqual(d1); // already open: nothing new
		expect(await one.store.pendingCount()).toBe(1);
		await two.kiosk.openDay('activity', [B]);
		await one.kiosk.checkInBySignature(A, handwrittenSignature(1));
		await two.kiosk.checkInBySignature(A, handwrittenSignature(2));
		await two.kiosk.checkInBySignature(B, handwrittenSignature(3));
		// the tablets sync: each takes in the other's events
		const mine = async (s: EventStore) => (await s.pending(100)) as EventEnvelope[];
		const [e1, e2] = [await mine(one.store), await mine(two.store)];
		await one.store.ingest(e2);
		await two.store.ingest(e1);
		const [t1, t2] = [one.kiosk.today!, two.kiosk.today!];
		expect(t1).toEqual(t2);
		expect(t1.streams).toHaveLength(2);
		expect([...t1.onDuty].sort()).toEqual([A, B]);
		expect([...t1.inNow].sort()).toEqual([A, B]);
		expect(t1.people[A]!.visits).toHaveLength(1);
		expect(t1.people[A]!.checkIns).toHaveLength(2);
		one.kiosk.stop();
		two.kiosk.stop();
	});
});
