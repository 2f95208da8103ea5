import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	PARTICIPANT_ROLES,
	compareEvents,
	project,
	projectMeeting,
	standingCheckIns,
	type EventEnvelope,
	type MeetingState
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);

/** Tablets that start at the same wall clock, so that their hlc values tie and `device` decides. */
function tablets(n: number, start = T0): FakeTablet[] {
	return Array.from({ length: n }, (_, i) => new FakeTablet(`tab-${String.fromCharCode(97 + i)}`, undefined, undefined, start));
}

function all(...ts: FakeTablet[]): EventEnvelope[] {
	return ts.flatMap((t) => t.events);
}

function reversed<T>(list: readonly T[]): T[] {
	return [...list].reverse();
}

/** The projection must not depend on delivery order: check both orders, return one. */
function projectBothWays(stream: string, events: readonly EventEnvelope[]): MeetingState {
	const forward = projectMeeting(stream, events);
	expect(projectMeeting(stream, reversed(events))).toEqual(forward);
	return forward;
}

describe('projectMeeting: details', () => {
	it('starts empty for a stream with no events', () => {
		const stream = newId();
		expect(projectMeeting(stream, [])).toEqual({
			stream,
			venue: '',
			opened: false,
			title: '',
			form: 'in_person',
			description: '',
			scheduledAt: null,
			placeNote: '',
			quorum: null,
			signatureRequired: false,
			status: 'upcoming',
			openedAt: null,
			startedAt: null,
			closedAt: null,
			walkIns: {},
			attendance: {},
			present: 0,
			presentByRole: {},
			unreadable: [],
			afterClose: 0,
			eventCount: 0
		});
	});

	it('takes the details of meeting.opened, the optional ones included', () => {
		const [a] = tablets(1);
		const m = newId();
		const opened = a!.record(m, 'meeting.opened', {
			title: '凯荣小区加装电梯协商会',
			form: 'written',
			description: '议题：二号楼加装电梯的费用分摊',
			scheduled_at: '2026-12-01T01:30:00.000Z',
			place_note: '社区二楼活动室',
			quorum: 15
		});
		const s = projectMeeting(m, a!.events);
		expect(s).toMatchObject({
			stream: m,
			venue: opened.venue,
			opened: true,
			title: '凯荣小区加装电梯协商会',
			form: 'written',
			description: '议题：二号楼加装电梯的费用分摊',
			scheduledAt: '2026-12-01T01:30:00.000Z',
			placeNote: '社区二楼活动室',
			quorum: 15,
			status: 'upcoming',
			openedAt: opened.at,
			eventCount: 1
		});
	});

	it('lets the last change in canonical order win, field by field, whatever the delivery order', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting('旧标题');
		b!.observe(a!.events);
		a!.changeDetails(m, { title: 'A 的标题', quorum: 10 });
		b!.changeDetails(m, { title: 'B 的标题', place_note: '会议室' });
		a!.changeDetails(m, { description: 'A 的说明' });
		const events = all(a!, b!);
		const last = [...events].sort(compareEvents).filter((e) => typeof e.payload.title === 'string').at(-1)!;
		const s = projectBothWays(m, events);
		expect(s.title).toBe(last.payload.title);
		expect(s.quorum).toBe(10);
		expect(s.placeNote).toBe('会议室');
		expect(s.description).toBe('A 的说明');
	});

	it('breaks an hlc tie by device: the same clock on tab-b beats tab-a', () => {
		const [a, b] = tablets(2);
		const m = newId();
		const ea = a!.record(m, 'meeting.opened', { title: '同时', form: 'in_person' });
		const eb = b!.record(m, 'meeting.details_changed', { title: 'B 赢' });
		const ea2 = a!.record(m, 'meeting.details_changed', { title: 'A 输' });
		const eb2 = b!.record(m, 'meeting.details_changed', { quorum: 3 });
		expect(ea.hlc).toBe(eb.hlc);
		expect(ea2.hlc).toBe(eb2.hlc);
		const s = projectBothWays(m, [ea2, eb, ea, eb2]);
		// order: ea, eb, ea2, eb2 (tab-a before tab-b at equal hlc)
		expect(s.title).toBe('A 输');
		expect(s.quorum).toBe(3);
	});

	it('opens a stream once: a later meeting.opened is not applied', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting('第一个');
		b!.observe(a!.events);
		b!.record(m, 'meeting.opened', { title: '第二个', form: 'online', quorum: 99 });
		const s = projectBothWays(m, all(a!, b!));
		expect(s.title).toBe('第一个');
		expect(s.form).toBe('in_person');
		expect(s.quorum).toBeNull();
		expect(s.openedAt).toBe(a!.events[0]!.at);
		expect(s.eventCount).toBe(2);
	});

	it('clears an optional text with an empty string', () => {
		const [a] = tablets(1);
		const m = newId();
		a!.record(m, 'meeting.opened', { title: '议事', form: 'in_person', description: '旧说明' });
		a!.changeDetails(m, { description: '' });
		expect(projectMeeting(m, a!.events).description).toBe('');
	});
});

describe('projectMeeting: status', () => {
	it('goes upcoming → live → closed with the device times', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		expect(projectMeeting(m, a!.events).status).toBe('upcoming');
		const started = a!.start(m);
		expect(projectMeeting(m, a!.events)).toMatchObject({ status: 'live', startedAt: started.at, closedAt: null });
		const closed = a!.close(m, '散会');
		expect(projectMeeting(m, a!.events)).toMatchObject({ status: 'closed', startedAt: started.at, closedAt: closed.at, afterClose: 0 });
	});

	it('keeps the first start and the first close when two tablets both did it', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		const sa = a!.start(m);
		const sb = b!.start(m);
		const ca = a!.close(m);
		const cb = b!.close(m);
		const first = (x: EventEnvelope, y: EventEnvelope) => (compareEvents(x, y) < 0 ? x : y);
		const s = projectBothWays(m, all(a!, b!));
		expect(s.startedAt).toBe(first(sa, sb).at);
		expect(s.closedAt).toBe(first(ca, cb).at);
		expect(s.afterClose).toBe(0);
	});

	it('can close a meeting that never started, and does not reopen it', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		a!.close(m);
		a!.start(m);
		expect(projectMeeting(m, a!.events)).toMatchObject({ status: 'closed', startedAt: null, afterClose: 1 });
	});

	it('counts events recorded after the close in `afterClose`, and still applies them', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		a!.start(m);
		a!.close(m);
		b!.observe(a!.events);
		b!.checkIn(m, personId(1));
		b!.changeDetails(m, { title: '会后改名' });
		const s = projectBothWays(m, all(a!, b!));
		expect(s.afterClose).toBe(2);
		expect(s.present).toBe(1);
		expect(s.title).toBe('会后改名');
	});
});

describe('projectMeeting: walk-ins and attendance', () => {
	it('registers a walk-in once, with organisation defaulting to empty', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		const reg = a!.registerWalkIn(m, '王五', 'dispute_party');
		const withOrg = a!.registerWalkIn(m, '赵六', 'dept_official', '街道城建科');
		// the same participant registered again later by another tablet: the first in canonical order stays
		b!.observe(a!.events);
		b!.record(m, 'participant.registered', { ...reg.payload, name: '王五（重复）' });
		const s = projectBothWays(m, all(a!, b!));
		const id = reg.payload.participant as string;
		expect(Object.keys(s.walkIns).sort()).toEqual([id, withOrg.payload.participant as string].sort());
		expect(s.walkIns[id]).toEqual({ id, name: '王五', role: 'dispute_party', organisation: '', phoneMasked: '', registeredAt: reg.at });
		expect(s.walkIns[withOrg.payload.participant as string]!.organisation).toBe('街道城建科');
		// registering is not checking in
		expect(s.present).toBe(0);
	});

	it('checks in a roster person and a walk-in', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const walkIn = a!.registerWalkIn(m, '王五').payload.participant as string;
		const c1 = a!.checkIn(m, personId(1), 'resident_rep');
		const c2 = a!.checkIn(m, walkIn, 'other');
		const s = projectMeeting(m, a!.events);
		expect(s.present).toBe(2);
		expect(s.attendance[personId(1)]).toEqual({
			person: personId(1),
			role: 'resident_rep',
			present: true,
			arrivedAt: c1.at,
			departedAt: null,
			signature: null,
			stays: [{ arrivedAt: c1.at, departedAt: null, checkIns: [c1.id], method: 'tap', signature: null }],
			checkIns: [
				{ event: c1.id, person: personId(1), role: 'resident_rep', method: 'tap', at: c1.at, device: 'tab-a', signature: null, revokedBy: null, revokedAt: null, revokeReason: '' }
			],
			checkOuts: []
		});
		expect(s.attendance[walkIn]).toMatchObject({ present: true, role: 'other', arrivedAt: c2.at });
	});

	it('revokes a check-in, keeping both on record', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const c = a!.checkIn(m, personId(1));
		const r = a!.revoke(m, personId(1), [c.id], '点错了');
		const s = projectMeeting(m, a!.events);
		expect(s.present).toBe(0);
		expect(s.presentByRole).toEqual({});
		expect(s.attendance[personId(1)]).toMatchObject({ present: false, arrivedAt: null });
		expect(s.attendance[personId(1)]!.checkIns).toEqual([
			expect.objectContaining({ event: c.id, revokedBy: r.id, revokedAt: r.at, revokeReason: '点错了' })
		]);
		expect(standingCheckIns(s, personId(1))).toEqual([]);
		expect(s.eventCount).toBe(3);
	});

	it('counts a person checked in on two tablets once', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		const ca = a!.checkIn(m, personId(1), 'party_member');
		const cb = b!.checkIn(m, personId(1), 'party_member');
		const s = projectBothWays(m, all(a!, b!));
		expect(s.present).toBe(1);
		expect(s.presentByRole).toEqual({ party_member: 1 });
		expect(Object.keys(s.attendance)).toEqual([personId(1)]);
		expect(s.attendance[personId(1)]!.checkIns.map((c) => c.event)).toEqual([ca, cb].sort(compareEvents).map((e) => e.id));
		expect(standingCheckIns(s, personId(1)).sort()).toEqual([ca.id, cb.id].sort());
	});

	it("leaves a person present when one tablet's check-in is revoked and the other's stands", () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		const ca = a!.checkIn(m, personId(1));
		const cb = b!.checkIn(m, personId(1));
		a!.observe(b!.events);
		const r = a!.revoke(m, personId(1), [ca.id], '重复签到');
		const s = projectBothWays(m, all(a!, b!));
		const person = s.attendance[personId(1)]!;
		expect(s.present).toBe(1);
		expect(person.present).toBe(true);
		expect(person.arrivedAt).toBe(cb.at);
		expect(person.checkIns).toHaveLength(2);
		expect(person.checkIns.find((c) => c.event === ca.id)).toMatchObject({ revokedBy: r.id, revokeReason: '重复签到' });
		expect(person.checkIns.find((c) => c.event === cb.id)).toMatchObject({ revokedBy: null, revokedAt: null });
		expect(standingCheckIns(s, personId(1))).toEqual([cb.id]);

		// revoking the other one too: absent, both revocations on record
		const r2 = b!.revoke(m, personId(1), [cb.id]);
		const s2 = projectBothWays(m, all(a!, b!));
		expect(s2.present).toBe(0);
		expect(s2.attendance[personId(1)]!.checkIns.map((c) => c.revokedBy).sort()).toEqual([r.id, r2.id].sort());
	});

	it('keeps the first revocation in canonical order when two tablets revoke the same check-in', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		const c = a!.checkIn(m, personId(1));
		b!.observe(a!.events);
		const ra = a!.revoke(m, personId(1), [c.id], 'A');
		const rb = b!.revoke(m, personId(1), [c.id], 'B');
		const first = compareEvents(ra, rb) < 0 ? ra : rb;
		const s = projectBothWays(m, all(a!, b!));
		expect(s.attendance[personId(1)]!.checkIns[0]).toMatchObject({ revokedBy: first.id, revokeReason: first.payload.reason });
	});

	it('applies a revocation that sorts before its check-in (a tablet whose clock was behind)', () => {
		const a = new FakeTablet('tab-a', undefined, undefined, T0 + 3_600_000);
		const b = new FakeTablet('tab-b', undefined, undefined, T0);
		const m = a.openMeeting();
		const c = a.checkIn(m, personId(1));
		const r = b.revoke(m, personId(1), [c.id]); // b never observed a's clock
		expect(r.hlc < c.hlc).toBe(true);
		const s = projectBothWays(m, all(a, b));
		expect(s.present).toBe(0);
	});

	it('ignores a revocation naming no known check-in', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		a!.checkIn(m, personId(1));
		a!.revoke(m, personId(1), [newId()]);
		const s = projectMeeting(m, a!.events);
		expect(s.present).toBe(1);
		expect(s.attendance[personId(1)]!.checkIns[0]!.revokedBy).toBeNull();
	});

	it('counts the present by role, once per person, by the role of their standing check-in', () => {
		const [a, b] = tablets(2);
		const m = a!.openMeeting();
		b!.observe(a!.events);
		a!.checkIn(m, personId(1), 'resident_rep');
		a!.checkIn(m, personId(2), 'resident_rep');
		b!.checkIn(m, personId(2), 'resident_rep');
		a!.checkIn(m, personId(3), 'party_member');
		const wrong = a!.checkIn(m, personId(4), 'village_cadre');
		a!.revoke(m, personId(4), [wrong.id], '角色选错');
		a!.checkIn(m, personId(4), 'grid_worker');
		const gone = b!.checkIn(m, personId(5), 'cppcc_member');
		b!.revoke(m, personId(5), [gone.id]);
		const s = projectBothWays(m, all(a!, b!));
		expect(s.presentByRole).toEqual({ resident_rep: 2, party_member: 1, grid_worker: 1 });
		expect(s.present).toBe(4);
		expect(s.attendance[personId(4)]!.role).toBe('grid_worker');
		expect(s.attendance[personId(5)]).toMatchObject({ present: false, role: 'cppcc_member' });
		expect(Object.values(s.attendance).filter((p) => p.present)).toHaveLength(s.present);
	});
});

describe('projectMeeting: what it does not apply', () => {
	it('lists an unknown type or a newer version as unreadable: kept, counted, never applied', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting('原标题');
		const newerClose = a!.record(m, 'meeting.closed', { note: 'v2', signed_by: ['x'] }, 2);
		const newerDetails = a!.record(m, 'meeting.details_changed', { title: '新版本的标题' }, 2);
		const unknown = a!.record(m, 'vote.tallied', { motion: 'm1', yes: 12 });
		const s = projectBothWays(m, a!.events);
		expect(s.unreadable).toEqual([
			{ id: newerClose.id, type: 'meeting.closed', v: 2 },
			{ id: newerDetails.id, type: 'meeting.details_changed', v: 2 },
			{ id: unknown.id, type: 'vote.tallied', v: 1 }
		]);
		expect(s.status).toBe('upcoming');
		expect(s.title).toBe('原标题');
		expect(s.eventCount).toBe(4);
		expect(project(a!.events).meetings[m]!.unreadable).toHaveLength(3);
	});

	it('does not count unreadable events after the close in afterClose', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		a!.close(m);
		a!.record(m, 'attendance.checked_in', { person: personId(1), role: 'resident_rep', method: 'face' }, 99);
		const s = projectMeeting(m, a!.events);
		expect(s.afterClose).toBe(0);
		expect(s.unreadable).toHaveLength(1);
		expect(s.present).toBe(0);
	});

	it('ignores the events of another stream', () => {
		const [a] = tablets(1);
		const m1 = a!.openMeeting('会议一');
		const m2 = a!.openMeeting('会议二');
		a!.checkIn(m2, personId(1));
		a!.changeDetails(m2, { title: '会议二改名' });
		a!.start(m2);
		const s = projectMeeting(m1, a!.events);
		expect(s).toMatchObject({ stream: m1, title: '会议一', present: 0, status: 'upcoming', eventCount: 1 });
	});

	it('ignores duplicates of the same event', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		const c = a!.checkIn(m, personId(1));
		a!.revoke(m, personId(1), [c.id]);
		const once = projectMeeting(m, a!.events);
		const thrice = projectMeeting(m, [...a!.events, ...a!.events, ...reversed(a!.events)]);
		expect(thrice).toEqual(once);
		expect(thrice.eventCount).toBe(3);
		expect(thrice.attendance[personId(1)]!.checkIns).toHaveLength(1);
	});
});

describe('project', () => {
	it('projects every meeting stream, by the stream its meeting.opened created', () => {
		const [a, b] = tablets(2);
		const m1 = a!.openMeeting('会议一');
		const m2 = b!.openMeeting('会议二');
		a!.checkIn(m1, personId(1));
		b!.checkIn(m2, personId(2));
		b!.checkIn(m2, personId(3));
		const p = project(all(a!, b!));
		expect(Object.keys(p.meetings).sort()).toEqual([m1, m2].sort());
		expect(p.meetings[m1]).toEqual(projectMeeting(m1, a!.events));
		expect(p.meetings[m2]!.present).toBe(2);
		expect(project(reversed(all(a!, b!)))).toEqual(p);
	});

	it('leaves out a stream whose opening event has not arrived', () => {
		const [a] = tablets(1);
		const m = a!.openMeeting();
		a!.checkIn(m, personId(1));
		expect(project(a!.events.slice(1))).toEqual({ meetings: {} });
		expect(project([])).toEqual({ meetings: {} });
	});

	it('projects a meeting opened by a newer version as a meeting with its opening unreadable', () => {
		const [a] = tablets(1);
		const m = newId();
		const opened = a!.record(m, 'meeting.opened', { title: '新版', form: 'hybrid' }, 2);
		const s = project(a!.events).meetings[m]!;
		expect(s.opened).toBe(false);
		expect(s.unreadable).toEqual([{ id: opened.id, type: 'meeting.opened', v: 2 }]);
	});
});

// ---------------------------------------------------------------------------------------------
// Property: any delivery order of the same set of events, with any duplicates, gives the same
// projection. Scenarios are made by 1–4 FakeTablets recording one meeting together.

type Action =
	| { kind: 'checkIn'; tablet: number; person: number; role: number }
	| { kind: 'checkInWalkIn'; tablet: number; pick: number }
	| { kind: 'revoke'; tablet: number; pick: number; both: boolean }
	| { kind: 'walkIn'; tablet: number; name: string }
	| { kind: 'details'; tablet: number; title: string | null; quorum: number | null; place: string | null }
	| { kind: 'start' | 'close'; tablet: number }
	| { kind: 'unreadable'; tablet: number; newer: boolean }
	| { kind: 'sync'; tablet: number; from: number }
	| { kind: 'skew'; tablet: number; ms: number }
	| { kind: 'otherStream'; tablet: number };

const tabletIx = fc.nat({ max: 3 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('checkIn' as const), tablet: tabletIx, person: fc.nat({ max: 5 }), role: fc.nat({ max: PARTICIPANT_ROLES.length - 1 }) }), weight: 5 },
	{ arbitrary: fc.record({ kind: fc.constant('checkInWalkIn' as const), tablet: tabletIx, pick: fc.nat() }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('revoke' as const), tablet: tabletIx, pick: fc.nat(), both: fc.boolean() }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('walkIn' as const), tablet: tabletIx, name: fc.constantFrom('王五', '赵六', '钱七', 'Li') }), weight: 2 },
	{
		arbitrary: fc.record({
			kind: fc.constant('details' as const),
			tablet: tabletIx,
			title: fc.option(fc.constantFrom('改名一', '改名二', '改名三'), { nil: null }),
			quorum: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
			place: fc.option(fc.constantFrom('', '活动室', '党群服务中心'), { nil: null })
		}),
		weight: 2
	},
	{ arbitrary: fc.record({ kind: fc.constantFrom('start' as const, 'close' as const), tablet: tabletIx }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('unreadable' as const), tablet: tabletIx, newer: fc.boolean() }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('sync' as const), tablet: tabletIx, from: tabletIx }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('skew' as const), tablet: tabletIx, ms: fc.integer({ min: -5000, max: 5000 }) }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('otherStream' as const), tablet: tabletIx }), weight: 1 }
);

interface Scenario {
	stream: string;
	events: EventEnvelope[];
}

function play(count: number, actions: readonly Action[]): Scenario {
	const ts = tablets(count);
	const at = (i: number) => ts[i % count]!;
	const stream = ts[0]!.openMeeting();
	const other = ts[0]!.openMeeting('另一个会议');
	const checkIns: EventEnvelope[] = [];
	const walkIns: string[] = [];
	for (const action of actions) {
		const t = at(action.tablet);
		switch (action.kind) {
			case 'checkIn':
				checkIns.push(t.checkIn(stream, personId(action.person), PARTICIPANT_ROLES[action.role]));
				break;
			case 'checkInWalkIn':
				if (walkIns.length > 0) checkIns.push(t.checkIn(stream, walkIns[action.pick % walkIns.length]!, 'other'));
				break;
			case 'revoke': {
				if (checkIns.length === 0) break;
				const target = checkIns[action.pick % checkIns.length]!;
				const person = target.payload.person as string;
				const ids = action.both ? checkIns.filter((c) => c.payload.person === person).map((c) => c.id) : [target.id];
				t.revoke(stream, person, ids.slice(0, 50));
				break;
			}
			case 'walkIn':
				walkIns.push(t.registerWalkIn(stream, action.name).payload.participant as string);
				break;
			case 'details': {
				const d: Record<string, unknown> = {};
				if (action.title !== null) d.title = action.title;
				if (action.quorum !== null) d.quorum = action.quorum;
				if (action.place !== null) d.place_note = action.place;
				if (Object.keys(d).length > 0) t.changeDetails(stream, d);
				break;
			}
			case 'start':
				t.start(stream);
				break;
			case 'close':
				t.close(stream);
				break;
			case 'unreadable':
				if (action.newer) t.record(stream, 'attendance.checked_in', { person: personId(9), role: 'other', method: 'face' }, 99);
				else t.record(stream, 'vote.tallied', { yes: 3 });
				break;
			case 'sync':
				t.observe(at(action.from).events);
				break;
			case 'skew':
				t.clock += action.ms;
				break;
			case 'otherStream':
				t.checkIn(other, personId(1));
				break;
		}
	}
	return { stream, events: all(...ts) };
}

const scenarioArb = fc
	.record({ count: fc.integer({ min: 1, max: 4 }), actions: fc.array(actionArb, { minLength: 3, maxLength: 50, size: 'max' }) })
	.map(({ count, actions }) => play(count, actions))
	.chain((scenario) =>
		fc.record({
			scenario: fc.constant(scenario),
			order: fc.shuffledSubarray(scenario.events, { minLength: scenario.events.length, maxLength: scenario.events.length }),
			dups: fc.array(fc.tuple(fc.nat({ max: scenario.events.length - 1 }), fc.nat()), { maxLength: 10 })
		})
	);

function withDuplicates(order: readonly EventEnvelope[], all: readonly EventEnvelope[], dups: readonly [number, number][]): EventEnvelope[] {
	const out = [...order];
	for (const [which, where] of dups) out.splice(where % (out.length + 1), 0, structuredClone(all[which]!));
	return out;
}

describe('projection is independent of delivery order (property)', () => {
	it('gives a deep-equal projectMeeting and project for any permutation with duplicates', () => {
		fc.assert(
			fc.property(scenarioArb, ({ scenario, order, dups }) => {
				const delivered = withDuplicates(order, scenario.events, dups);
				const expected = projectMeeting(scenario.stream, scenario.events);
				expect(projectMeeting(scenario.stream, delivered)).toEqual(expected);
				expect(project(delivered)).toEqual(project(scenario.events));

				// and the state is consistent with itself
				const attendees = Object.values(expected.attendance);
				expect(attendees.filter((p) => p.present)).toHaveLength(expected.present);
				expect(Object.values(expected.presentByRole).reduce((x, y) => x + (y ?? 0), 0)).toBe(expected.present);
				expect(expected.eventCount).toBe(scenario.events.filter((e) => e.stream === scenario.stream).length);
				for (const p of attendees) expect(p.present).toBe(p.checkIns.some((c) => c.revokedBy === null));
			}),
			{ numRuns: 300 }
		);
	});
});
