/**
 * The server validates attendance events with the tablet's own schemas (issue 4): a check-in by
 * signature, a check-out, a walk-in with a masked phone are accepted; a bad signature or an
 * unmasked phone is rejected with the same reason as on the tablet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../support/demo';
import { FakeTablet, checkOut, newId, signedCheckIn } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { handwrittenSignature } from '../support/signatures';

let pb: PocketBaseHandle;
let kairong: string;
let devices = 0;
const tablet = () => new FakeTablet(`tab-att-${++devices}`, demo.venues.kairong, demo.userIds.kairong);

beforeAll(async () => {
	pb = await startPocketBase();
	kairong = await signIn(pb.url, 'kairong');
});
afterAll(async () => {
	await pb?.stop();
});

describe('attendance events on the server', () => {
	it('accepts a signature check-in, a check-out and a masked phone, and gives them back exactly', async () => {
		const t = tablet();
		const m = t.openMeeting();
		t.record(m, 'meeting.details_changed', { signature_required: true });
		t.record(m, 'participant.registered', { participant: newId(), name: '刘大爷', role: 'villager_rep', phone_masked: '138****5678' }, 2);
		signedCheckIn(t, m, demo.people.kairongResident, { ...handwrittenSignature(7) });
		checkOut(t, m, demo.people.kairongResident);
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body).toEqual({ results: t.events.map((e) => ({ id: e.id, status: 'accepted' })), high: t.events.length });
		expect(await pullAll(pb.url, kairong, m)).toEqual(t.events);
	});

	it('rejects a one-dot signature and an unmasked phone with the tablet\'s reasons', async () => {
		const t = tablet();
		const m = t.openMeeting();
		const dot = { w: 1000, h: 333, strokes: '100,100', sha256: 'a'.repeat(64) };
		t.record(m, 'attendance.checked_in', { person: demo.people.kairongResident, role: 'resident_rep', method: 'signature', signature: dot }, 2);
		t.record(m, 'participant.registered', { participant: newId(), name: '刘大爷', role: 'other', phone_masked: '13812345678' }, 2);
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		const results = (res.body as { results: { status: string; reason?: string }[] }).results;
		expect(results[0]!.status).toBe('accepted');
		expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^payload\.signature: signature: too little ink/) });
		expect(results[2]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^payload\.phone_masked: expected a masked/) });
	});
});
