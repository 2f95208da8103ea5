import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DEVICE_PATTERN,
	EVENT_ID_PATTERN,
	PARTICIPANT_ROLES,
	deviceName,
	eventHash,
	uuidv7,
	validateEnvelope,
	validateEvent,
	type EventEnvelope
} from '../../src/lib/domain';
import { FakeTablet, newId, personId, testRandom } from '../support/factories';

/** A valid check-in event sealed by a tablet, to be spoiled one field at a time. */
function checkInEvent(): EventEnvelope {
	const t = new FakeTablet('tab-valid');
	const m = t.openMeeting();
	return t.checkIn(m, personId(1));
}

/** A sealed, valid event of `type` with `payload` (for payload cases). */
function eventOf(type: string, payload: Record<string, unknown>, v = 1): EventEnvelope {
	const t = new FakeTablet('tab-payload');
	return t.record(newId(), type, payload, v);
}

function reasonOf(raw: unknown): string {
	const result = validateEvent(raw);
	if (result.ok) throw new Error(`expected a rejection, but it was accepted: ${JSON.stringify(raw).slice(0, 200)}`);
	expect(result.reason).not.toMatch(/\n/);
	expect(result.reason.length).toBeGreaterThan(0);
	return result.reason;
}

function expectValid(raw: unknown): void {
	const result = validateEvent(raw);
	expect(result).toEqual({ ok: true, event: raw });
}

const HAN = '议';

describe('validateEvent: the envelope', () => {
	it('accepts events sealed by a tablet, unchanged', () => {
		const t = new FakeTablet('tab-a');
		const m = t.openMeeting();
		t.checkIn(m, personId(1));
		for (const e of t.events) expectValid(e);
	});

	type Case = [field: keyof EventEnvelope, value: unknown, reason: RegExp];
	const cases: Case[] = [
		['id', 'ABCDEF0123456789ABCDEF0123456789', /^id: expected 32 lowercase hex characters$/],
		['id', '0193a5e4-c2b8-7e3f-a1d2-c3b4a5968778', /^id: expected 32 lowercase hex/],
		['id', '0193a5e4c2b87e3fa1d2c3b4a596877', /^id: expected 32 lowercase hex/],
		['id', '0193a5e4c2b87e3fa1d2c3b4a59687788', /^id: expected 32 lowercase hex/],
		['id', 42, /^id: .*expected string/],
		['stream', 'not-a-stream', /^stream: expected 32 lowercase hex/],
		['stream', '', /^stream: expected 32 lowercase hex/],
		['venue', 'KAIRONGVENUE001', /^venue: expected a record id/],
		['venue', 'kairongvenue01', /^venue: expected a record id/],
		['venue', 'kairongvenue0001', /^venue: expected a record id/],
		['device', '', /^device: expected 1-64 characters/],
		['device', 'Tab-A', /^device: expected 1-64 characters/],
		['device', 'tab_a', /^device: expected 1-64 characters/],
		['device', 'a'.repeat(65), /^device: expected 1-64 characters/],
		['seq', 0, /^seq: .*>=1/],
		['seq', -3, /^seq: .*>=1/],
		['seq', 1.5, /^seq: .*int/],
		['seq', '17', /^seq: .*expected number, received string/],
		['seq', Number.MAX_SAFE_INTEGER + 2, /^seq: /],
		['seq', Number.NaN, /^seq: /],
		['hlc', '1764144000000:00003', /^hlc: expected 15 digits, a colon and 5 digits$/],
		['hlc', '001764144000000:00003Z', /^hlc: expected 15 digits/],
		['hlc', 1764144000000, /^hlc: .*expected string/],
		['at', '2026-11-26 08:00:00.000Z', /^at: expected an ISO 8601 UTC time/],
		['at', '2026-11-26T16:00:00.000+08:00', /^at: expected an ISO 8601 UTC time/],
		['at', '', /^at: expected an ISO 8601 UTC time/],
		['actor', 'Mod-kairong-001', /^actor: expected a record id/],
		['actor', null, /^actor: .*expected string, received null/],
		['type', '', /^type: .*>=1/],
		['type', 'x'.repeat(65), /^type: .*<=64/],
		['type', 7, /^type: .*expected string/],
		['v', 0, /^v: .*>=1/],
		['v', 1000, /^v: .*<=999/],
		['v', 1.5, /^v: .*int/],
		['v', '1', /^v: .*expected number/],
		['payload', null, /^payload: .*received null/],
		['payload', [], /^payload: .*received array/],
		['payload', 'x', /^payload: .*received string/],
		['prev', 'abc', /^prev: /],
		['prev', 'A'.repeat(64), /^prev: /],
		['prev', 'a'.repeat(63), /^prev: /],
		['prev', null, /^prev: /],
		['hash', '', /^hash: expected 64 lowercase hex characters$/],
		['hash', 'F'.repeat(64), /^hash: expected 64 lowercase hex characters$/],
		['hash', 'f'.repeat(65), /^hash: expected 64 lowercase hex characters$/]
	];

	it.each(cases)('rejects %s = %j with a reason naming the field', (field, value, reason) => {
		const event = { ...checkInEvent(), [field]: value };
		expect(reasonOf(event)).toMatch(reason);
		expect(validateEnvelope(event)).toMatchObject({ ok: false });
	});

	it.each(['id', 'stream', 'venue', 'device', 'seq', 'hlc', 'at', 'actor', 'type', 'v', 'payload', 'prev', 'hash'] as const)(
		'rejects an event without %s, naming it as required',
		(field) => {
			const event: Record<string, unknown> = { ...checkInEvent() };
			delete event[field];
			expect(reasonOf(event)).toBe(`${field}: required`);
		}
	);

	it('accepts the edges of each field', () => {
		const e = checkInEvent();
		expectValid({ ...e, device: 'a' });
		expectValid({ ...e, device: 'a-0'.repeat(21) + 'z' });
		expectValid({ ...e, seq: Number.MAX_SAFE_INTEGER });
		expectValid({ ...e, prev: '' });
		expectValid({ ...e, at: '2026-11-26T08:00:00Z' });
		expectValid({ ...e, at: '2026-11-26T08:00:00.123456789Z' });
		expectValid({ ...e, hlc: '000000000000000:00000' });
	});

	it('rejects any other top-level field, naming it', () => {
		const reason = reasonOf({ ...checkInEvent(), extra: 1 });
		expect(reason).toMatch(/unrecognized key/i);
		expect(reason).toContain('"extra"');
		expect(reasonOf({ ...checkInEvent(), server_time: 'x', owner: 'y' })).toMatch(/server_time.*owner|owner.*server_time/);
	});

	it.each([null, 'event', 42, [], [checkInEvent()]])('rejects the non-object %j in one line', (raw) => {
		expect(reasonOf(raw)).toMatch(/expected object/);
	});

	it('rejects no event at all as "required"', () => {
		expect(reasonOf(undefined)).toBe('required');
	});

	it('keeps a reason to one line of at most three problems', () => {
		const e = checkInEvent();
		const reason = reasonOf({ ...e, id: 'x', stream: 'y', venue: 'z', device: '', seq: 0 });
		expect(reason.split('; ')).toHaveLength(3);
		expect(reason).toMatch(/^id: .*; stream: .*; venue: /);
	});

	it('names an unknown type with "type:" (the envelope alone accepts it)', () => {
		const e = { ...checkInEvent(), type: 'vote.tallied' };
		expect(reasonOf(e)).toBe('type: unknown event type "vote.tallied"');
		expect(reasonOf({ ...e, type: 'constructor' })).toBe('type: unknown event type "constructor"');
		expect(reasonOf({ ...e, type: '__proto__' })).toMatch(/^type: unknown event type/);
		expect(validateEnvelope(e)).toEqual({ ok: true, event: e });
	});

	it('names an unknown version with "v:"', () => {
		const e = checkInEvent();
		expect(reasonOf({ ...e, v: 3 })).toBe('v: unknown version 3 of attendance.checked_in');
		expect(reasonOf({ ...e, v: 999 })).toBe('v: unknown version 999 of attendance.checked_in');
		expect(validateEnvelope({ ...e, v: 3 })).toMatchObject({ ok: true });
	});

	it('does not check the hash or chain (that needs state and lives with the callers)', () => {
		const e = checkInEvent();
		expectValid({ ...e, hash: 'a'.repeat(64) });
		expect(eventHash(e)).toBe(e.hash);
	});
});

describe('validateEvent: meeting payloads, version 1', () => {
	const record = personId(7);
	const walkIn = newId();

	type Good = [type: string, payload: Record<string, unknown>];
	const good: Good[] = [
		['meeting.opened', { title: '凯荣小区加装电梯协商会', form: 'in_person' }],
		['meeting.opened', { title: 'x', form: 'written' }],
		[
			'meeting.opened',
			{
				title: HAN.repeat(200),
				form: 'online',
				description: HAN.repeat(4000),
				scheduled_at: '2026-11-26T08:00:00.000Z',
				place_note: HAN.repeat(200),
				quorum: 10_000
			}
		],
		['meeting.opened', { title: '议事', form: 'in_person', quorum: 1, description: '', place_note: '' }],
		['meeting.details_changed', { title: '新标题' }],
		['meeting.details_changed', { quorum: 15 }],
		['meeting.details_changed', { description: '' }],
		['meeting.details_changed', { form: 'written', place_note: '社区活动室', scheduled_at: '2026-12-01T01:30:00Z' }],
		['meeting.started', {}],
		['meeting.closed', {}],
		['meeting.closed', { note: HAN.repeat(500) }],
		['participant.registered', { participant: walkIn, name: '张三', role: 'other' }],
		['participant.registered', { participant: walkIn, name: HAN.repeat(50), role: 'dispute_party', organisation: HAN.repeat(100) }],
		['attendance.checked_in', { person: record, role: 'resident_rep', method: 'tap' }],
		['attendance.checked_in', { person: walkIn, role: 'other', method: 'signature' }],
		['attendance.checked_in', { person: record, role: 'cppcc_member', method: 'card' }],
		['attendance.check_in_revoked', { person: record, check_ins: [newId()] }],
		['attendance.check_in_revoked', { person: walkIn, check_ins: Array.from({ length: 50 }, () => newId()), reason: HAN.repeat(200) }]
	];

	it.each(good)('accepts %s %j', (type, payload) => {
		expectValid(eventOf(type, payload));
	});

	it.each(PARTICIPANT_ROLES)('accepts the role %s', (role) => {
		expectValid(eventOf('attendance.checked_in', { person: record, role, method: 'tap' }));
		expectValid(eventOf('participant.registered', { participant: walkIn, name: '李四', role }));
	});

	type Bad = [type: string, payload: Record<string, unknown>, reason: RegExp];
	const bad: Bad[] = [
		['meeting.opened', { form: 'in_person' }, /^payload\.title: required$/],
		['meeting.opened', { title: '议事' }, /^payload\.form: /],
		['meeting.opened', { title: '议事', form: 'hybrid' }, /^payload\.form: Invalid option/],
		['meeting.opened', { title: '', form: 'in_person' }, /^payload\.title: must not be empty$/],
		['meeting.opened', { title: ' \t\u3000 ', form: 'in_person' }, /^payload\.title: must not be empty$/],
		['meeting.opened', { title: HAN.repeat(201), form: 'in_person' }, /^payload\.title: .*<=200/],
		['meeting.opened', { title: 42, form: 'in_person' }, /^payload\.title: .*expected string/],
		['meeting.opened', { title: '议事', form: 'in_person', quorum: 0 }, /^payload\.quorum: /],
		['meeting.opened', { title: '议事', form: 'in_person', quorum: 10_001 }, /^payload\.quorum: /],
		['meeting.opened', { title: '议事', form: 'in_person', quorum: 2.5 }, /^payload\.quorum: /],
		['meeting.opened', { title: '议事', form: 'in_person', scheduled_at: '明天上午' }, /^payload\.scheduled_at: expected an ISO 8601/],
		['meeting.opened', { title: '议事', form: 'in_person', description: HAN.repeat(4001) }, /^payload\.description: /],
		['meeting.opened', { title: '议事', form: 'in_person', place_note: HAN.repeat(201) }, /^payload\.place_note: /],
		['meeting.details_changed', {}, /^payload: at least one detail must change$/],
		['meeting.details_changed', { colour: 'red' }, /^payload: .*[Uu]nrecognized key.*"colour"/],
		['meeting.details_changed', { title: '' }, /^payload\.title: must not be empty$/],
		['meeting.details_changed', { title: HAN.repeat(201) }, /^payload\.title: /],
		['meeting.details_changed', { form: 'hybrid' }, /^payload\.form: /],
		['meeting.details_changed', { quorum: -1 }, /^payload\.quorum: /],
		['meeting.started', { at: 'now' }, /^payload: .*"at"/],
		['meeting.closed', { note: HAN.repeat(501) }, /^payload\.note: /],
		['meeting.closed', { note: 5 }, /^payload\.note: /],
		['meeting.closed', { reason: 'x' }, /^payload: .*"reason"/],
		['participant.registered', { participant: personId(1), name: '张三', role: 'other' }, /^payload\.participant: expected 32 lowercase hex/],
		['participant.registered', { participant: walkIn, role: 'other' }, /^payload\.name: required$/],
		['participant.registered', { participant: walkIn, name: '  ', role: 'other' }, /^payload\.name: must not be empty$/],
		['participant.registered', { participant: walkIn, name: HAN.repeat(51), role: 'other' }, /^payload\.name: /],
		['participant.registered', { participant: walkIn, name: '张三', role: 'mayor' }, /^payload\.role: Invalid option/],
		['participant.registered', { participant: walkIn, name: '张三', role: 'other', organisation: HAN.repeat(101) }, /^payload\.organisation: /],
		['participant.registered', { participant: walkIn, name: '张三', role: 'other', phone: '13800000000' }, /^payload: .*"phone"/],
		['attendance.checked_in', { person: 'X', role: 'resident_rep', method: 'tap' }, /^payload\.person: expected a people record id or a walk-in participant id$/],
		['attendance.checked_in', { person: personId(1), role: 'mayor', method: 'tap' }, /^payload\.role: Invalid option/],
		['attendance.checked_in', { person: personId(1), role: 'Resident_Rep', method: 'tap' }, /^payload\.role: /],
		['attendance.checked_in', { person: personId(1), role: 'resident_rep', method: 'face' }, /^payload\.method: /],
		['attendance.checked_in', { person: personId(1), role: 'resident_rep' }, /^payload\.method: /],
		['attendance.checked_in', { person: personId(1), role: 'resident_rep', method: 'tap', seat: 3 }, /^payload: .*"seat"/],
		['attendance.check_in_revoked', { person: personId(1), check_ins: [] }, /^payload\.check_ins: .*>=1/],
		['attendance.check_in_revoked', { person: personId(1), check_ins: Array.from({ length: 51 }, () => newId()) }, /^payload\.check_ins: .*<=50/],
		['attendance.check_in_revoked', { person: personId(1), check_ins: ['nope'] }, /^payload\.check_ins\.0: expected 32 lowercase hex/],
		['attendance.check_in_revoked', { person: personId(1) }, /^payload\.check_ins: required$/],
		['attendance.check_in_revoked', { person: personId(1), check_ins: [newId()], reason: HAN.repeat(201) }, /^payload\.reason: /]
	];

	it.each(bad)('rejects %s %j', (type, payload, reason) => {
		expect(reasonOf(eventOf(type, payload))).toMatch(reason);
	});

	it('counts length as JavaScript does: 200 Chinese characters are 200', () => {
		expect(HAN.repeat(200)).toHaveLength(200);
		expectValid(eventOf('meeting.opened', { title: HAN.repeat(200), form: 'in_person' }));
		expect(reasonOf(eventOf('meeting.opened', { title: HAN.repeat(201), form: 'in_person' }))).toMatch(/^payload\.title: /);
		expectValid(eventOf('participant.registered', { participant: walkIn, name: HAN.repeat(50), role: 'other' }));
		expect(reasonOf(eventOf('participant.registered', { participant: walkIn, name: HAN.repeat(51), role: 'other' }))).toMatch(/^payload\.name: /);
	});

	// sync-protocol.md: "Lengths are counted as JavaScript counts a string's length (UTF-16 code
	// units)". A CJK Extension B character (common in names, e.g. 𠮷) is 2 units.
	it('counts a character outside the BMP as two UTF-16 code units', () => {
		const ext = '𠮷';
		expect(ext).toHaveLength(2);
		expectValid(eventOf('meeting.opened', { title: ext.repeat(100), form: 'in_person' }));
		expect(reasonOf(eventOf('meeting.opened', { title: ext.repeat(100) + HAN, form: 'in_person' }))).toMatch(/^payload\.title: /);
		expect(reasonOf(eventOf('participant.registered', { participant: walkIn, name: ext.repeat(26), role: 'other' }))).toMatch(/^payload\.name: /);
		expect(reasonOf({ ...checkInEvent(), type: ext.repeat(33) })).toMatch(/^type: /);
	});

	it('accepts meeting.opened with only title and form, and with the optional fields, returning it unchanged', () => {
		const bare = eventOf('meeting.opened', { title: '议事', form: 'in_person' });
		expectValid(bare);
		const full = eventOf('meeting.opened', { title: '议事', form: 'in_person', description: '说明', quorum: 9, place_note: '二楼' });
		const result = validateEvent(full);
		expect(result.ok && result.event.payload).toEqual(full.payload);
	});

	// sync-protocol.md shows this very reason; envelope.ts promises it ("payload.person: required").
	it('names a missing person as "payload.person: required"', () => {
		expect(reasonOf(eventOf('attendance.checked_in', { role: 'resident_rep', method: 'tap' }))).toBe('payload.person: required');
		expect(reasonOf(eventOf('attendance.check_in_revoked', { check_ins: [newId()] }))).toBe('payload.person: required');
	});
});

describe('uuidv7', () => {
	const T = Date.UTC(2026, 10, 26, 8);

	it('gives 32 lowercase hex characters with version 7 and variant 10', () => {
		for (let i = 0; i < 50; i++) {
			const id = uuidv7(T + i, testRandom());
			expect(id).toMatch(EVENT_ID_PATTERN);
			expect(id[12]).toBe('7');
			expect('89ab').toContain(id[16]);
		}
	});

	it('puts the milliseconds in the first 48 bits', () => {
		const id = uuidv7(T, new Uint8Array(10).fill(0xff));
		expect(parseInt(id.slice(0, 12), 16)).toBe(T);
		expect(id).toBe(T.toString(16).padStart(12, '0') + '7fff' + 'bfff' + 'ffffffffffff');
		expect(uuidv7(T, new Uint8Array(10))).toBe(T.toString(16).padStart(12, '0') + '7000' + '8000' + '000000000000');
	});

	it('sorts by time whatever the random bits (property)', () => {
		const bytes = fc.uint8Array({ minLength: 10, maxLength: 16 });
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 10 ** 9 }), bytes, bytes, (ms, later, a, b) => {
				const first = uuidv7(ms, a);
				const second = uuidv7(Math.min(ms + later, 2 ** 48 - 1), b);
				expect(first).toMatch(EVENT_ID_PATTERN);
				expect(first < second).toBe(true);
			})
		);
	});

	it('clamps a negative or fractional time and refuses too few random bytes', () => {
		expect(uuidv7(-5, new Uint8Array(10)).slice(0, 12)).toBe('000000000000');
		expect(uuidv7(T + 0.7, new Uint8Array(10)).slice(0, 12)).toBe(T.toString(16).padStart(12, '0'));
		expect(() => uuidv7(T, new Uint8Array(9))).toThrow(/10 random bytes/);
	});

	it('makes device names of "tab-" and 12 hex characters', () => {
		const name = deviceName(Uint8Array.from([0, 1, 0xab, 0xff, 0x10, 0x7f, 9, 9]));
		expect(name).toBe('tab-0001abff107f');
		expect(name).toMatch(DEVICE_PATTERN);
	});
});
