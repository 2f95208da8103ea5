/**
 * Attendance (issue 4): check-in / check-out / revoke projected the same whatever the delivery
 * order and however many tablets recorded the same facts; the rules that refuse bad input before
 * anything is recorded; the schemas that refuse it on both sides; phone masking; CSV.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	attendanceTable,
	checkInProblem,
	checkOutProblem,
	currentCheckIns,
	makeSignature,
	maskPhone,
	projectMeeting,
	sha256Hex,
	toCsv,
	validateEvent,
	type EventEnvelope,
	type MeetingState
} from '../../src/lib/domain';
import { FakeTablet, checkOut, newId, personId, signedCheckIn } from '../support/factories';
import { PAD, handwrittenSignature } from '../support/signatures';

const T0 = Date.UTC(2026, 10, 26, 8);
const P1 = personId(1);
const P2 = personId(2);

function tablets(n: number): FakeTablet[] {
	return Array.from({ length: n }, (_, i) => new FakeTablet(`tab-${String.fromCharCode(97 + i)}`, undefined, undefined, T0));
}

/** Projects in the given order, reversed, and with every event delivered twice: all must agree. */
function projectEveryWay(stream: string, events: readonly EventEnvelope[]): MeetingState {
	const forward = projectMeeting(stream, events);
	expect(projectMeeting(stream, [...events].reverse())).toEqual(forward);
	expect(projectMeeting(stream, [...events, ...events.map((e) => structuredClone(e))])).toEqual(forward);
	return forward;
}

describe('attendance fold: check-in, check-out, revoke', () => {
	it('reads a v2 check-in by signature with its strokes, and v1 alike', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const sig = handwrittenSignature(1);
		const c1 = signedCheckIn(a!, m, P1, { ...sig });
		const c2 = a!.checkIn(m, P2);
		const s = projectEveryWay(m, a!.events);
		expect(s.present).toBe(2);
		expect(s.attendance[P1]).toMatchObject({ present: true, arrivedAt: c1.at, signature: sig, stays: [{ method: 'signature', signature: sig }] });
		expect(s.attendance[P1]!.checkIns[0]).toMatchObject({ method: 'signature', signature: sig });
		expect(s.attendance[P2]).toMatchObject({ present: true, arrivedAt: c2.at, signature: null, stays: [{ method: 'tap' }] });
	});

	it('counts the same person checked in on two tablets once, and both check-ins stay on record', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		const ca = a!.checkIn(m, P1);
		const cb = b!.checkIn(m, P1);
		const s = projectEveryWay(m, [...a!.events, ...b!.events]);
		expect(s.present).toBe(1);
		expect(s.presentByRole).toEqual({ resident_rep: 1 });
		expect(s.attendance[P1]!.stays).toHaveLength(1);
		expect(new Set(s.attendance[P1]!.stays[0]!.checkIns)).toEqual(new Set([ca.id, cb.id]));
		expect(s.attendance[P1]!.checkIns).toHaveLength(2);
	});

	it('records a departure: not present, arrival and departure kept, not counted by role', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const c = a!.checkIn(m, P1, 'grid_worker');
		a!.checkIn(m, P2, 'grid_worker');
		const o = checkOut(a!, m, P1);
		const s = projectEveryWay(m, a!.events);
		expect(s.present).toBe(1);
		expect(s.presentByRole).toEqual({ grid_worker: 1 });
		expect(s.attendance[P1]).toMatchObject({ present: false, arrivedAt: c.at, departedAt: o.at, checkOuts: [{ event: o.id, ignored: false }] });
		expect(s.attendance[P1]!.stays).toEqual([{ arrivedAt: c.at, departedAt: o.at, checkIns: [c.id], method: 'tap', signature: null }]);
	});

	it('merges the same check-out made on two tablets: one departure, the later copy ignored but kept', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		a!.checkIn(m, P1);
		b!.observe(a!.events);
		const oa = checkOut(a!, m, P1);
		const ob = checkOut(b!, m, P1);
		const s = projectEveryWay(m, [...a!.events, ...b!.events]);
		expect(s.present).toBe(0);
		const outs = s.attendance[P1]!.checkOuts;
		expect(outs.map((o) => o.event).sort()).toEqual([oa.id, ob.id].sort());
		expect(outs.filter((o) => !o.ignored)).toHaveLength(1);
		expect(s.attendance[P1]!.departedAt).toBe(outs.find((o) => !o.ignored)!.at);
	});

	it('ignores a check-out with no check-in (from another tablet): nobody shown, nobody present', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		checkOut(b!, m, P1);
		const s = projectEveryWay(m, [...a!.events, ...b!.events]);
		expect(s.present).toBe(0);
		expect(s.attendance[P1]).toBeUndefined();
		expect(s.eventCount).toBe(2);
	});

	it('lets a person leave and come back: two stays, present again, the first arrival kept', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const c1 = a!.checkIn(m, P1);
		const o = checkOut(a!, m, P1);
		const c2 = a!.checkIn(m, P1);
		const s = projectEveryWay(m, a!.events);
		expect(s.present).toBe(1);
		expect(s.attendance[P1]).toMatchObject({ present: true, arrivedAt: c1.at, departedAt: null });
		expect(s.attendance[P1]!.stays.map((x) => [x.arrivedAt, x.departedAt])).toEqual([
			[c1.at, o.at],
			[c2.at, null]
		]);
		expect(currentCheckIns(s, P1)).toEqual([c2.id]);
	});

	it('revoking the current stay after a return keeps the earlier stay', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const c1 = a!.checkIn(m, P1);
		const o = checkOut(a!, m, P1);
		const c2 = a!.checkIn(m, P1);
		a!.revoke(m, P1, [c2.id], '点错了人');
		const s = projectEveryWay(m, a!.events);
		expect(s.present).toBe(0);
		expect(s.attendance[P1]!.stays).toEqual([{ arrivedAt: c1.at, departedAt: o.at, checkIns: [c1.id], method: 'tap', signature: null }]);
		expect(s.attendance[P1]!.departedAt).toBe(o.at);
		expect(s.attendance[P1]!.checkIns.find((c) => c.event === c2.id)).toMatchObject({ revokeReason: '点错了人' });
	});

	it('a revoke from one tablet and a check-out from another: the check-out finds nobody and is ignored', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		const c = a!.checkIn(m, P1);
		b!.observe(a!.events);
		a!.revoke(m, P1, [c.id]);
		checkOut(b!, m, P1);
		const s = projectEveryWay(m, [...a!.events, ...b!.events]);
		expect(s.present).toBe(0);
		expect(s.attendance[P1]!.stays).toEqual([]);
		expect(s.attendance[P1]!.checkOuts).toMatchObject([{ ignored: true }]);
		expect(s.attendance[P1]!.departedAt).toBeNull();
	});

	it('gives the same state for any delivery order with duplicates (property, three tablets)', () => {
		const action = fc.record({
			tablet: fc.nat({ max: 2 }),
			kind: fc.constantFrom('in', 'sign', 'out', 'revoke', 'sync'),
			person: fc.nat({ max: 3 }),
			from: fc.nat({ max: 2 })
		});
		fc.assert(
			fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), fc.integer(), (actions, seed) => {
				const ts = tablets(3);
				const m = ts[0]!.openMeeting();
				for (const t of ts.slice(1)) t.observe(ts[0]!.events);
				const sig = handwrittenSignature(3);
				for (const x of actions) {
					const t = ts[x.tablet]!;
					const p = personId(x.person);
					if (x.kind === 'in') t.checkIn(m, p);
					else if (x.kind === 'sign') signedCheckIn(t, m, p, { ...sig });
					else if (x.kind === 'out') checkOut(t, m, p);
					else if (x.kind === 'sync') t.observe(ts[x.from]!.events);
					else {
						const s = projectMeeting(m, ts.flatMap((u) => u.events));
						const ids = currentCheckIns(s, p);
						if (ids.length > 0) t.revoke(m, p, ids);
					}
				}
				const events = ts.flatMap((t) => t.events);
				const expected = projectMeeting(m, events);
				const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed })[0]!;
				expect(projectMeeting(m, [...shuffled, ...shuffled.slice(0, 5)])).toEqual(expected);
				for (const a of Object.values(expected.attendance)) {
					// present exactly when the last stay is open; stays never overlap
					expect(a.present).toBe(a.stays.length > 0 && a.stays.at(-1)!.departedAt === null);
					for (const stay of a.stays.slice(0, -1)) expect(stay.departedAt).not.toBeNull();
					expect(a.checkOuts.filter((o) => !o.ignored).length).toBe(a.stays.filter((st) => st.departedAt !== null).length);
				}
				expect(Object.values(expected.attendance).filter((a) => a.present)).toHaveLength(expected.present);
			}),
			{ numRuns: 200 }
		);
	});

	it('reads signature_required from meeting.opened and details_changed', () => {
		const [a] = tablets(1);
		const m = newId();
		a!.record(m, 'meeting.opened', { title: '土地纠纷协商会', form: 'in_person', signature_required: true });
		expect(projectMeeting(m, a!.events).signatureRequired).toBe(true);
		a!.changeDetails(m, { signature_required: false });
		expect(projectMeeting(m, a!.events).signatureRequired).toBe(false);
	});
});

describe('attendance rules: bad input gets a reason and records nothing', () => {
	function meeting(opts: { signatureRequired?: boolean } = {}) {
		const [a] = tablets(1);
		const m = newId();
		a!.record(m, 'meeting.opened', { title: '议事', form: 'in_person', ...(opts.signatureRequired ? { signature_required: true } : {}) });
		return { a: a!, m, state: () => projectMeeting(m, a!.events) };
	}

	it('refuses a second check-in of someone present (already_present)', () => {
		const { a, m, state } = meeting();
		expect(checkInProblem(state(), P1, 'tap')).toBeNull();
		a.checkIn(m, P1);
		expect(checkInProblem(state(), P1, 'tap')).toBe('already_present');
		expect(checkInProblem(state(), P1, 'signature', handwrittenSignature(2))).toBe('already_present');
	});

	it('refuses a check-out with no check-in, and after a check-out (not_present)', () => {
		const { a, m, state } = meeting();
		expect(checkOutProblem(state(), P1)).toBe('not_present');
		a.checkIn(m, P1);
		expect(checkOutProblem(state(), P1)).toBeNull();
		checkOut(a, m, P1);
		expect(checkOutProblem(state(), P1)).toBe('not_present');
		expect(checkInProblem(state(), P1, 'tap')).toBeNull(); // coming back is allowed
	});

	it('refuses an empty or one-dot signature, and a tap when the meeting requires a signature', () => {
		const { state } = meeting({ signatureRequired: true });
		expect(checkInProblem(state(), P1, 'tap')).toBe('signature_required');
		expect(checkInProblem(state(), P1, 'signature', null)).toBe('empty');
		const dot = makeSignature([[{ x: 100, y: 100 }]], PAD);
		expect(dot).toEqual({ ok: false, problem: 'too_short' });
		const empty = makeSignature([], PAD);
		expect(empty).toEqual({ ok: false, problem: 'empty' });
		// a forged one-dot signature with a correct hash is refused too
		const forged = { w: 1000, h: 333, strokes: '100,100', sha256: '' };
		expect(checkInProblem(state(), P1, 'signature', forged)).toBe('too_short');
		expect(checkInProblem(state(), P1, 'signature', handwrittenSignature(4))).toBeNull();
	});

	it('refuses everything once the meeting is closed', () => {
		const { a, m, state } = meeting();
		a.checkIn(m, P1);
		a.close(m);
		expect(checkInProblem(state(), P2, 'tap')).toBe('closed');
		expect(checkOutProblem(state(), P1)).toBe('closed');
	});
});

describe('attendance schemas (tablet and server alike)', () => {
	const t = new FakeTablet('tab-schema');
	const m = newId();
	const sig = handwrittenSignature(5);
	const reason = (type: string, payload: Record<string, unknown>, v = 1) => {
		const r = validateEvent(t.record(m, type, payload, v));
		return r.ok ? null : r.reason;
	};

	it('accepts v2 check-ins by signature and by tap, and v1 as before', () => {
		expect(reason('attendance.checked_in', { person: P1, role: 'resident_rep', method: 'signature', signature: sig }, 2)).toBeNull();
		expect(reason('attendance.checked_in', { person: P1, role: 'resident_rep', method: 'tap' }, 2)).toBeNull();
		expect(reason('attendance.checked_in', { person: P1, role: 'resident_rep', method: 'tap' }, 1)).toBeNull();
		expect(reason('attendance.checked_out', { person: P1 })).toBeNull();
	});

	it('requires a signature exactly when the method is signature', () => {
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'signature' }, 2)).toBe('payload.signature: required');
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'tap', signature: sig }, 2)).toBe(
			'payload.signature: only a check-in by signature carries one'
		);
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'signature', signature: sig }, 1)).toMatch(/^payload: .*"signature"/);
	});

	it('refuses an empty, a one-dot and a tampered signature', () => {
		const dot = { w: 1000, h: 333, strokes: '100,100' };
		const empty = { w: 1000, h: 333, strokes: '' };
		const withHash = (s: { w: number; h: number; strokes: string }) => ({ ...s, sha256: 'a'.repeat(64) });
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'signature', signature: withHash(empty) }, 2)).toBe('payload.signature: signature: no strokes');
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'signature', signature: withHash(dot) }, 2)).toMatch(/too little ink/);
		expect(reason('attendance.checked_in', { person: P1, role: 'other', method: 'signature', signature: { ...sig, strokes: sig.strokes.replace(/^\d/, '9') } }, 2)).toMatch(
			/signature: /
		);
	});

	it('refuses a check-out without a person, and extra fields', () => {
		expect(reason('attendance.checked_out', {})).toBe('payload.person: required');
		expect(reason('attendance.checked_out', { person: P1, at: 'now' })).toMatch(/^payload: .*"at"/);
	});

	it('takes a walk-in phone only masked (participant.registered v2)', () => {
		const base = { participant: newId(), name: '刘大爷', role: 'villager_rep' };
		expect(reason('participant.registered', { ...base, phone_masked: '138****5678' }, 2)).toBeNull();
		expect(reason('participant.registered', base, 2)).toBeNull();
		expect(reason('participant.registered', { ...base, phone_masked: '13812345678' }, 2)).toMatch(/^payload\.phone_masked: expected a masked/);
		expect(reason('participant.registered', { ...base, phone_masked: '138****5678' }, 1)).toMatch(/^payload: .*"phone_masked"/);
		expect(reason('participant.registered', { ...base, phone: '13812345678' }, 2)).toMatch(/^payload: .*"phone"/);
	});

	it('takes signature_required as a boolean in meeting.opened and details_changed', () => {
		expect(reason('meeting.opened', { title: '议事', form: 'in_person', signature_required: true })).toBeNull();
		expect(reason('meeting.details_changed', { signature_required: false })).toBeNull();
		expect(reason('meeting.details_changed', { signature_required: 'yes' })).toMatch(/^payload\.signature_required: /);
	});
});

describe('maskPhone', () => {
	it('masks a mainland mobile number, with spaces, dashes or +86', () => {
		expect(maskPhone('13812345678')).toBe('138****5678');
		expect(maskPhone('138 1234 5678')).toBe('138****5678');
		expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
		expect(maskPhone('138****5678')).toBe('138****5678');
	});
	it('refuses what is not one', () => {
		for (const bad of ['', '1381234567', '23812345678', '12812345678', '0471-1234567', 'abc', '138123456789']) expect(maskPhone(bad)).toBeNull();
	});
});

describe('CSV', () => {
	it('quotes commas, quotes and line breaks; starts with a BOM; ends lines with CRLF', () => {
		const csv = toCsv(['姓名', '单位'], [['王建国', '供电公司, 鄂托克旗'], ['李"小"明', '一\n二'], ['张三', null]]);
		expect(csv.startsWith('\uFEFF姓名,单位\r\n')).toBe(true);
		expect(csv).toBe('\uFEFF姓名,单位\r\n王建国,"供电公司, 鄂托克旗"\r\n"李""小""明","一\n二"\r\n张三,\r\n');
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});
	it('defuses spreadsheet formulas', () => {
		expect(toCsv(['a'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@x'], [-3]], { bom: false })).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'-2\r\n\'@x\r\n-3\r\n');
	});
	it('lists each stay, each revoked check-in with its reason, and the absent', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const sig = handwrittenSignature(6);
		signedCheckIn(a!, m, P1, { ...sig });
		checkOut(a!, m, P1);
		const c = a!.checkIn(m, P2);
		a!.revoke(m, P2, [c.id], '点错');
		const s = projectMeeting(m, a!.events);
		const rows = attendanceTable(
			s,
			[
				{ id: P1, name: '王建国', role: '居民代表', organisation: '' },
				{ id: P2, name: '周晓燕', role: '网格员', organisation: '社区' },
				{ id: personId(3), name: '吴海军', role: '部门负责人', organisation: '供电公司' }
			],
			{ header: [], yes: '是', no: '否', method: (x) => x, role: (_a, line) => line.role, time: (iso) => (iso ? 'T' : '') }
		);
		expect(rows).toEqual([
			['王建国', '居民代表', '', 'T', 'T', 'signature', `是 ${sig.sha256.slice(0, 12)}`, ''],
			['周晓燕', '网格员', '社区', 'T', '', 'tap', '否', '是: 点错'],
			['吴海军', '部门负责人', '供电公司', '', '', '', '否', '']
		]);
	});
});

describe('hashing where there is no TextEncoder (PocketBase hooks)', () => {
	it('gives the same SHA-256 for Chinese, astral and lone-surrogate text', () => {
		const texts = ['王建国', '𠮷野家 abc', 'x\ud800y', handwrittenSignature(8).strokes];
		const expected = texts.map(sha256Hex);
		const saved = globalThis.TextEncoder;
		Reflect.deleteProperty(globalThis, 'TextEncoder');
		try {
			expect(texts.map(sha256Hex)).toEqual(expected);
		} finally {
			globalThis.TextEncoder = saved;
		}
	});
});
