import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cardQrText,
	cardTokenHash,
	kioskCheckInProblem,
	kioskCheckOutProblem,
	dayKey,
	dutyRecord,
	findCard,
	makeSignature,
	newCardToken,
	parseCardText,
	projectCards,
	projectKioskDays,
	projectMeeting,
	SpeakingFold,
	turnsSpoken,
	inCanonicalOrder,
	standingKioskCheckIns,
	validateEvent,
	visitProblem,
	type EventEnvelope
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const HOME = 'vnuzhujiang0000';
const ACTOR = 'usrmemzhujiang0';
const T0 = Date.UTC(2026, 10, 26, 1);
const DATE = '2026-11-26';
const [A, B, C] = [personId(1), personId(2), personId(3)];
const MEMBERS = [A, B, C];

function tablets(n: number): FakeTablet[] {
	return Array.from({ length: n }, (_, i) => new FakeTablet(`tab-${String.fromCharCode(97 + i)}`, HOME, ACTOR, T0));
}

function openDay(t: FakeTablet, date = DATE, onDuty: string[] = [A, B, C], kind = 'duty'): string {
	const stream = newId(t.clock);
	t.record(stream, 'kiosk.day_opened', { date, kind, on_duty: onDuty });
	return stream;
}

const signIn = (t: FakeTablet, stream: string, person: string, seed = 1) =>
	t.record(stream, 'kiosk.checked_in', { person, method: 'signature', signature: handwrittenSignature(seed) });
const cardIn = (t: FakeTablet, stream: string, person: string, card: string) =>
	t.record(stream, 'kiosk.checked_in', { person, method: 'card', card });
const out = (t: FakeTablet, stream: string, person: string) => t.record(stream, 'kiosk.checked_out', { person });

function day(events: readonly EventEnvelope[], date = DATE) {
	const days = projectKioskDays(events);
	const reversed = projectKioskDays([...events].reverse());
	expect(reversed).toEqual(days);
	return days[dayKey(HOME, date)]!;
}

describe('kiosk event schemas', () => {
	it('accepts the events a kiosk records', () => {
		const [t] = tablets(1);
		const s = openDay(t!);
		signIn(t!, s, A);
		cardIn(t!, s, B, newId());
		out(t!, s, A);
		t!.record(s, 'kiosk.check_in_revoked', { person: B, check_ins: [newId()], reason: '点错了' });
		t!.record(s, 'kiosk.visit_noted', { visitor: '赵桂芝', request: '小区里遛狗不拴绳，希望加强宠物管理', noted_by: A });
		const card = newId(t!.clock);
		t!.record(card, 'card.issued', { person: A, token_sha256: cardTokenHash(newCardToken(new Uint8Array(16).fill(7))) });
		t!.record(card, 'card.revoked', {});
		for (const e of t!.events) expect(validateEvent(e)).toMatchObject({ ok: true });
	});

	it.each([
		['kiosk.day_opened', { date: '2026-02-30', kind: 'duty', on_duty: [] }, 'payload.date'],
		['kiosk.day_opened', { date: DATE, kind: 'holiday', on_duty: [] }, 'payload.kind'],
		['kiosk.day_opened', { date: DATE, kind: 'duty', on_duty: [A, A] }, 'listed twice'],
		['kiosk.checked_in', { person: A, method: 'signature' }, 'payload.signature: required'],
		['kiosk.checked_in', { person: A, method: 'card' }, 'payload.card: required'],
		['kiosk.checked_in', { person: A, method: 'card', card: newId(), token: 'ABC' }, 'token'],
		['kiosk.checked_in', { person: A, method: 'tap' }, 'payload.method'],
		['kiosk.visit_noted', { request: '  ', noted_by: A }, 'must not be empty'],
		['card.issued', { person: A, token_sha256: 'abc' }, 'payload.token_sha256'],
		['card.issued', { person: A, token_sha256: cardTokenHash('X'), token: 'X' }, 'token']
	])('rejects %s %j', (type, payload, reason) => {
		const [t] = tablets(1);
		const e = t!.record(newId(), type, payload);
		const v = validateEvent(e);
		expect(v.ok).toBe(false);
		if (!v.ok) expect(v.reason).toContain(reason);
	});

	it('rejects an empty or one-dot signature, as the server does', () => {
		const dot = { w: 1000, h: 333, strokes: '500,150', sha256: '' };
		const made = makeSignature([[{ x: 10, y: 10 }]], { width: 900, height: 300 });
		expect(made.ok).toBe(false);
		const [t] = tablets(1);
		for (const signature of [dot, { w: 1000, h: 333, strokes: '', sha256: '' }]) {
			const v = validateEvent(t!.record(newId(), 'kiosk.checked_in', { person: A, method: 'signature', signature }));
			expect(v.ok).toBe(false);
			if (!v.ok) expect(v.reason).toMatch(/signature/);
		}
	});
});

describe('a kiosk day: check-in, check-out, revoke', () => {
	it('checks in, out and in again; a check-out while out is stray and changes nothing', () => {
		const [t] = tablets(1);
		const s = openDay(t!);
		const in1 = signIn(t!, s, A);
		const o1 = out(t!, s, A);
		const stray = out(t!, s, B);
		const in2 = signIn(t!, s, A, 2);
		const d = day(t!.events);
		expect(d.kind).toBe('duty');
		expect(d.people[A]!.visits).toEqual([
			{ checkIn: in1.id, method: 'signature', inAt: in1.at, outAt: o1.at, checkOut: o1.id, duplicates: [] },
			{ checkIn: in2.id, method: 'signature', inAt: in2.at, outAt: null, checkOut: null, duplicates: [] }
		]);
		expect(d.inNow).toEqual([A]);
		expect(d.people[B]).toMatchObject({ in: false, visits: [], strayCheckOuts: [stray.id] });
	});

	it('counts the same person checked in on two tablets once, and one check-out ends the stay', () => {
		const [a, b] = tablets(2);
		const s = openDay(a!);
		b!.observe(a!.events);
		const ina = signIn(a!, s, A);
		const inb = signIn(b!, s, A, 3);
		const events = [...a!.events, ...b!.events];
		let d = day(events);
		expect(d.inNow).toEqual([A]);
		expect(d.people[A]!.visits).toHaveLength(1);
		expect(d.people[A]!.checkIns).toHaveLength(2);
		const first = ina.hlc < inb.hlc || (ina.hlc === inb.hlc && ina.device < inb.device) ? ina : inb;
		expect(d.people[A]!.visits[0]!.checkIn).toBe(first.id);
		expect(standingKioskCheckIns(d, A).sort()).toEqual([ina.id, inb.id].sort());

		b!.observe(a!.events);
		out(b!, s, A);
		d = day([...a!.events, ...b!.events, ...a!.events]);
		expect(d.inNow).toEqual([]);
		expect(d.people[A]!.visits).toHaveLength(1);
	});

	it('a revocation of the stay\'s check-ins leaves the person out; one naming another person revokes nothing', () => {
		const [a, b] = tablets(2);
		const s = openDay(a!);
		b!.observe(a!.events);
		const ina = signIn(a!, s, A);
		const inb = signIn(b!, s, A, 2);
		a!.observe(b!.events);
		const wrong = a!.record(s, 'kiosk.check_in_revoked', { person: B, check_ins: [ina.id] });
		let d = day([...a!.events, ...b!.events]);
		expect(d.people[A]!.in).toBe(true);
		expect(d.people[A]!.checkIns.every((c) => c.revokedBy === null)).toBe(true);
		const rev = a!.record(s, 'kiosk.check_in_revoked', { person: A, check_ins: [ina.id] });
		d = day([...a!.events, ...b!.events]);
		// the other tablet's check-in still stands: still in, one stay
		expect(d.people[A]!.in).toBe(true);
		expect(d.people[A]!.visits[0]!.checkIn).toBe(inb.id);
		const rev2 = a!.record(s, 'kiosk.check_in_revoked', { person: A, check_ins: [inb.id], reason: '误签' });
		d = day([...a!.events, ...b!.events]);
		expect(d.people[A]).toMatchObject({ in: false, visits: [] });
		expect(d.people[A]!.checkIns.map((c) => c.revokedBy).sort()).toEqual([rev.id, rev2.id].sort());
		expect(wrong.id).not.toBe(rev.id);
	});

	it('two tablets that open the same date make one day: first kind, union of duty, both streams', () => {
		const [a, b] = tablets(2);
		const sa = openDay(a!, DATE, [A], 'duty');
		const sb = openDay(b!, DATE, [B], 'activity');
		signIn(a!, sa, A);
		signIn(b!, sb, B);
		const d = day([...b!.events, ...a!.events]);
		const firstIsA = a!.events[0]!.hlc < b!.events[0]!.hlc || (a!.events[0]!.hlc === b!.events[0]!.hlc && a!.events[0]!.device < b!.events[0]!.device);
		expect(d.streams).toEqual(firstIsA ? [sa, sb] : [sb, sa]);
		expect(d.kind).toBe(firstIsA ? 'duty' : 'activity');
		expect([...d.onDuty].sort()).toEqual([A, B].sort());
		expect([...d.inNow].sort()).toEqual([A, B].sort());
	});

	it('property: any delivery order with duplicates from three tablets gives the same day', () => {
		const [a, b, c] = tablets(3);
		const s = openDay(a!);
		b!.observe(a!.events);
		c!.observe(a!.events);
		const all = [a!, b!, c!];
		// a day of taps on three tablets, some of them the same fact twice
		for (let i = 0; i < 24; i++) {
			const t = all[i % 3]!;
			const person = MEMBERS[(i * 7) % 3]!;
			if (i % 5 === 4) out(t, s, person);
			else if (i % 7 === 6) {
				const mine = t.events.filter((e) => e.type === 'kiosk.checked_in' && (e.payload as { person: string }).person === person);
				if (mine.length > 0) t.record(s, 'kiosk.check_in_revoked', { person, check_ins: [mine.at(-1)!.id] });
			} else signIn(t, s, person, i + 1);
			if (i % 4 === 3) for (const other of all) if (other !== t) other.observe(t.events);
		}
		const events = all.flatMap((t) => t.events);
		const expected = projectKioskDays(events);
		fc.assert(
			fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.nat(events.length - 1), { maxLength: 10 }), (order, dups) => {
				const delivered = [...order, ...dups.map((i) => events[i]!)];
				expect(projectKioskDays(delivered)).toEqual(expected);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('kiosk rules: bad input gets a reason', () => {
	it('refuses a check-in with no day, of a non-member, or of someone already in; a check-out of someone not in', () => {
		const [t] = tablets(1);
		const s = openDay(t!);
		signIn(t!, s, A);
		const d = day(t!.events);
		expect(kioskCheckInProblem(null, A, MEMBERS)).toBe('no_day');
		expect(kioskCheckInProblem(d, personId(9), MEMBERS)).toBe('not_member');
		expect(kioskCheckInProblem(d, A, MEMBERS)).toBe('already_in');
		expect(kioskCheckInProblem(d, B, MEMBERS)).toBeNull();
		expect(kioskCheckOutProblem(d, B)).toBe('not_in');
		expect(kioskCheckOutProblem(d, A)).toBeNull();
		expect(kioskCheckOutProblem(null, A)).toBe('no_day');
	});

	it('notes a visit only with a request and a member', () => {
		expect(visitProblem('', '   ', A)).toBe('no_request');
		expect(visitProblem('', 'x'.repeat(1001), A)).toBe('request_too_long');
		expect(visitProblem('名'.repeat(51), '宠物管理', A)).toBe('visitor_too_long');
		expect(visitProblem('', '宠物管理', '')).toBe('no_member');
		expect(visitProblem('', '宠物管理', A)).toBeNull();
	});
});

describe('member cards', () => {
	const token = newCardToken(Uint8Array.from({ length: 16 }, (_, i) => i * 13 + 5));

	it('makes 128-bit base32 tokens and reads back only well-formed card texts', () => {
		expect(token).toMatch(/^[A-Z2-7]{26}$/);
		expect(parseCardText(cardQrText(token))).toBe(token);
		expect(parseCardText(' ' + cardQrText(token).toUpperCase() + '\n')).toBe(token);
		expect(parseCardText(cardQrText(token).toLowerCase())).toBe(token);
		for (const forged of ['', 'yishi:card:', 'yishi:card:ABC', `yishi:card:${token}1`, `http://x/${token}`, '13800001234', `yishi:card:${token.slice(0, 25)}0`]) {
			expect(parseCardText(forged)).toBeNull();
		}
		expect(() => newCardToken(new Uint8Array(8))).toThrow();
	});

	it('finds a valid card by the hash of its token; unknown, revoked, forged and other venues are refused', () => {
		const [t] = tablets(1);
		const card = newId(t!.clock);
		t!.record(card, 'card.issued', { person: A, token_sha256: cardTokenHash(token) });
		const other = newCardToken(new Uint8Array(16).fill(1));
		const card2 = newId(t!.clock);
		t!.record(card2, 'card.issued', { person: B, token_sha256: cardTokenHash(other) });
		t!.record(card2, 'card.revoked', { reason: '丢失' });
		t!.record(card2, 'card.revoked', { reason: '又一次' });
		const cards = projectCards([...t!.events].reverse());
		expect(cards).toEqual(projectCards(t!.events));
		expect(JSON.stringify(t!.events)).not.toContain(token);
		expect(findCard(cards, HOME, cardQrText(token))).toMatchObject({ ok: true, card: { card, person: A, revoked: false } });
		expect(findCard(cards, HOME, cardQrText(other))).toEqual({ ok: false, problem: 'revoked' });
		expect(cards[card2]!.revokeReason).toBe('丢失');
		expect(findCard(cards, HOME, cardQrText(newCardToken(new Uint8Array(16).fill(2))))).toEqual({ ok: false, problem: 'unknown' });
		expect(findCard(cards, 'vnukairong00000', cardQrText(token))).toEqual({ ok: false, problem: 'unknown' });
		expect(findCard(cards, HOME, 'yishi:card:FORGED')).toEqual({ ok: false, problem: 'forged' });
	});
});

describe('duty record', () => {
	it('counts check-ins, duty days kept and meetings attended per member and month', () => {
		const [t] = tablets(1);
		const d1 = openDay(t!, '2026-11-25', [A, B]);
		signIn(t!, d1, A);
		out(t!, d1, A);
		signIn(t!, d1, A, 2);
		signIn(t!, d1, C);
		const d2 = openDay(t!, '2026-11-26', [A]);
		signIn(t!, d2, A);
		const d3 = openDay(t!, '2026-12-01', [B]);
		signIn(t!, d3, B);
		const meetingTablet = new FakeTablet('tab-m', HOME, ACTOR, T0);
		const mt = meetingTablet.openMeeting('珠江社区宠物管理协商会');
		meetingTablet.start(mt);
		meetingTablet.checkIn(mt, A, 'cppcc_member');
		const cb = meetingTablet.checkIn(mt, B, 'cppcc_member');
		meetingTablet.revoke(mt, B, [cb.id]);
		const days = Object.values(projectKioskDays(t!.events));
		const rows = dutyRecord(days, [projectMeeting(mt, meetingTablet.events)], MEMBERS, (iso) => iso.slice(0, 10));
		expect(rows).toEqual([
			{ person: A, month: '2026-11', checkIns: 3, daysIn: 2, dutyDays: 2, dutyDaysListed: 2, meetings: 1, turns: 0 },
			{ person: B, month: '2026-11', checkIns: 0, daysIn: 0, dutyDays: 0, dutyDaysListed: 1, meetings: 0, turns: 0 },
			{ person: C, month: '2026-11', checkIns: 1, daysIn: 1, dutyDays: 0, dutyDaysListed: 0, meetings: 0, turns: 0 },
			{ person: A, month: '2026-12', checkIns: 0, daysIn: 0, dutyDays: 0, dutyDaysListed: 0, meetings: 0, turns: 0 },
			{ person: B, month: '2026-12', checkIns: 1, daysIn: 1, dutyDays: 1, dutyDaysListed: 1, meetings: 0, turns: 0 },
			{ person: C, month: '2026-12', checkIns: 0, daysIn: 0, dutyDays: 0, dutyDaysListed: 0, meetings: 0, turns: 0 }
		]);
	});

	it('counts the speaking turns each member took, per month of the meeting; queued or removed turns do not count', () => {
		const t = new FakeTablet('tab-m', HOME, ACTOR, T0);
		const speak = (mt: string, person: string, start = true) => {
			const q = t.record(mt, 'speaker.queued', { person, role: 'cppcc_member', kind: 'statement' });
			if (start) {
				t.record(mt, 'turn.started', { turn: q.id, limit_s: 180 });
				t.record(mt, 'turn.ended', { turn: q.id });
			}
			return q;
		};
		const nov = t.openMeeting('珠江社区宠物管理协商会');
		t.start(nov);
		t.checkIn(nov, A, 'cppcc_member');
		speak(nov, A);
		speak(nov, A);
		speak(nov, B); // spoke without a recorded check-in: still a turn taken
		speak(nov, C, false); // queued, never started
		const removed = speak(nov, C, false);
		t.record(nov, 'speaker.removed', { turn: removed.id, reason: '不说了' });
		speak(nov, personId(9)); // a resident, not a member
		t.close(nov);
		t.clock = Date.UTC(2026, 11, 3, 1);
		const dec = t.openMeeting('珠江社区公共座椅协商会');
		t.start(dec);
		speak(dec, C);
		const unspoken = t.openMeeting('没有发言的会');

		const streams = [nov, dec, unspoken];
		const speaking = new Map(
			streams.map((mt) => {
				const fold = new SpeakingFold(mt);
				// any delivery order: the fold is given the events in canonical order, duplicates included
				for (const e of inCanonicalOrder([...t.events, ...t.events].reverse())) fold.apply(e);
				return [mt, fold.snapshot()] as const;
			})
		);
		expect(turnsSpoken(speaking.get(nov)!)).toEqual({ [A]: 2, [B]: 1, [personId(9)]: 1 });
		const meetings = streams.map((mt) => projectMeeting(mt, t.events));
		const rows = dutyRecord([], meetings, MEMBERS, (iso) => iso.slice(0, 10), speaking);
		expect(rows.map((r) => `${r.month} ${r.person} ${r.meetings} ${r.turns}`)).toEqual([
			`2026-11 ${A} 1 2`,
			`2026-11 ${B} 0 1`,
			`2026-11 ${C} 0 0`,
			`2026-12 ${A} 0 0`,
			`2026-12 ${B} 0 0`,
			`2026-12 ${C} 0 1`
		]);
		// Without the speaking snapshots (the old call), every turn count is zero.
		expect(dutyRecord([], meetings, MEMBERS, (iso) => iso.slice(0, 10)).every((r) => r.turns === 0)).toBe(true);
	});
});
