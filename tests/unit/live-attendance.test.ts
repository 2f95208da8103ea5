/**
 * The attendance intents of LiveMeeting on a real EventStore (fake-indexeddb): bad input records
 * nothing (a second check-in, two taps at once, a check-out with no check-in, a tap when a
 * signature is required), good input records the right event version.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { attendanceTable } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/storage';
import { LiveMeeting } from '../../src/lib/state/live-meeting.svelte';
import { REFERENCE_USER_KEY } from '../../src/lib/state/session.svelte';
import { TestClock, newId, personId } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const VENUE = 'kairongvenue001';
const USER = { id: 'modkairong00001', email: 'mod@example.org', name: '娜仁', role: 'moderator' as const, venues: [VENUE], region: '' };
const open: EventStore[] = [];
const lives: LiveMeeting[] = [];
afterEach(() => {
	for (const l of lives.splice(0)) l.stop();
	for (const s of open.splice(0)) s.close();
});

async function meeting(extra: Record<string, unknown> = {}) {
	const clock = new TestClock();
	const store = new EventStore(`yishi-live-att-${newId()}`, clock);
	open.push(store);
	await store.setMeta(REFERENCE_USER_KEY, USER.id);
	await store.replaceReference(
		[{ id: VENUE, name: '凯荣小区协商议事室', kind: 'consultation_room', region: 'r', regionName: '凯荣小区' }],
		[1, 2, 3].map((n) => ({ id: personId(n), venue: VENUE, name: `居民${n}`, kind: 'resident', role: 'resident_rep', sector: '', organisation: '', phoneMasked: '' }))
	);
	const stream = newId();
	await store.append({ stream, venue: VENUE, actor: USER.id, type: 'meeting.opened', v: 1, payload: { title: '议事', form: 'in_person', ...extra } });
	const live = new LiveMeeting(store, stream, USER);
	lives.push(live);
	await live.start();
	const tick = () => (clock.ms += 1000);
	return { live, store, stream, tick, count: async () => (await store.streamEvents(stream)).length };
}

describe('LiveMeeting attendance intents', () => {
	it('records one check-in for a second tap, and for two taps at once', async () => {
		const { live, count } = await meeting();
		expect(await live.checkIn(personId(1), 'resident_rep')).toMatchObject({ type: 'attendance.checked_in', v: 1, payload: { method: 'tap' } });
		expect(await live.checkIn(personId(1), 'resident_rep')).toBeUndefined();
		const both = await Promise.all([live.checkIn(personId(2), 'resident_rep'), live.checkIn(personId(2), 'resident_rep')]);
		expect(both.filter(Boolean)).toHaveLength(1);
		expect(await count()).toBe(3);
		expect(live.state!.present).toBe(2);
	});

	it('refuses a check-out with no check-in; checks out once; lets the person come back', async () => {
		const { live, count, tick } = await meeting();
		expect(await live.checkOut(personId(1))).toBeUndefined();
		expect(await count()).toBe(1);
		await live.checkIn(personId(1), 'resident_rep');
		tick();
		expect(await live.checkOut(personId(1))).toMatchObject({ type: 'attendance.checked_out', payload: { person: personId(1) } });
		expect(await live.checkOut(personId(1))).toBeUndefined();
		expect(live.roster.find((r) => r.id === personId(1))).toMatchObject({ present: false, departedAt: expect.any(String) });
		tick();
		await live.checkIn(personId(1), 'resident_rep');
		expect(live.state!.attendance[personId(1)]!.stays).toHaveLength(2);
		// revoking the return keeps the first stay
		await live.revoke(personId(1), '点错了');
		expect(live.state!.attendance[personId(1)]!.stays).toHaveLength(1);
		expect(await count()).toBe(5);
	});

	it("shows the current stay's arrival after leaving and coming back; the table keeps every stay", async () => {
		const { live, tick } = await meeting();
		const first = (await live.checkIn(personId(1), 'resident_rep'))!;
		tick();
		const out = (await live.checkOut(personId(1)))!;
		expect(live.roster.find((r) => r.id === personId(1))).toMatchObject({ present: false, arrivedAt: first.at, departedAt: out.at });
		tick();
		const back = (await live.checkIn(personId(1), 'resident_rep'))!;
		expect(back.at > first.at).toBe(true);
		expect(live.roster.find((r) => r.id === personId(1))).toMatchObject({ present: true, arrivedAt: back.at, firstArrivedAt: first.at, departedAt: null });
		const rows = attendanceTable(live.state!, [{ id: personId(1), name: '居民1', role: '居民代表', organisation: '' }], {
			header: [],
			yes: '是',
			no: '否',
			method: (m) => m,
			role: (_a, line) => line.role,
			time: (iso) => iso ?? ''
		});
		expect(rows.map((r) => [r[3], r[4]])).toEqual([
			[first.at, out.at],
			[back.at, '']
		]);
	});

	it('when a signature is required: a tap records nothing, a signature records v2 with the strokes', async () => {
		const { live, count } = await meeting({ signature_required: true });
		expect(await live.checkIn(personId(1), 'resident_rep')).toBeUndefined();
		expect(await count()).toBe(1);
		const sig = handwrittenSignature(9);
		const e = await live.checkIn(personId(1), 'resident_rep', sig);
		expect(e).toMatchObject({ v: 2, payload: { method: 'signature', signature: sig } });
		expect(live.roster.find((r) => r.id === personId(1))!.signature).toEqual(sig);
		// a walk-in is registered but not checked in until they sign; the phone only masked
		const id = await live.registerWalkIn('刘大爷', 'villager_rep', '', '138****5678');
		expect(live.state!.walkIns[id]).toMatchObject({ name: '刘大爷', phoneMasked: '138****5678' });
		expect(live.state!.attendance[id]).toBeUndefined();
		expect(await count()).toBe(3);
	});

	it('refuses a one-dot signature', async () => {
		const { live, count } = await meeting();
		const dot = { w: 1000, h: 333, strokes: '100,100', sha256: 'a'.repeat(64) };
		expect(await live.checkIn(personId(1), 'resident_rep', dot)).toBeUndefined();
		expect(await count()).toBe(1);
	});
});
