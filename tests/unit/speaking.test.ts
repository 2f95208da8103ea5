import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkEnd,
	checkExtend,
	checkNote,
	checkQueue,
	checkSides,
	checkStart,
	dragTarget,
	fairness,
	formatClock,
	moveTarget,
	placementFor,
	projectMeeting,
	projectSpeaking,
	turnClock,
	validateEvent,
	type SpeakingState
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);

function tablets(n: number): FakeTablet[] {
	return Array.from({ length: n }, (_, i) => new FakeTablet(`tab-${String.fromCharCode(97 + i)}`, undefined, undefined, T0));
}

/** A tablet whose next event is at `ms` (FakeTablet adds one second per event). */
function at(t: FakeTablet, ms: number): FakeTablet {
	t.clock = ms - 1000;
	return t;
}

function meeting(t: FakeTablet, people: number[], role = 'villager_rep'): string {
	const m = t.openMeeting('林原村土地纠纷协商会');
	t.start(m);
	for (const n of people) t.checkIn(m, personId(n), role);
	return m;
}

const queue = (t: FakeTablet, m: string, n: number, kind = 'statement', role = 'villager_rep', before?: string) =>
	t.record(m, 'speaker.queued', { person: personId(n), role, kind, ...(before ? { before } : {}) }).id;

function ids(s: SpeakingState): string[] {
	return s.queue.map((t) => t.person);
}

describe('speaking events: schemas', () => {
	it('accepts every event type the tablet records, and rejects bad payloads with the field named', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		a!.record(m, 'turn.started', { turn, limit_s: 180 });
		a!.record(m, 'turn.extended', { turn, seconds: 60 });
		a!.record(m, 'turn.ended', { turn });
		a!.record(m, 'turn.noted', { turn, note: '同意按合同边界重新丈量。' });
		a!.record(m, 'speaking.sides_set', { sides: [{ name: '王家', persons: [personId(1)] }, { name: '李家', persons: [] }] });
		a!.record(m, 'speaking.settings_set', { default_s: 180, role_limits: { dept_official: 300 }, equal_time: true });
		for (const e of a!.events) expect(validateEvent(e)).toEqual({ ok: true, event: e });

		const bad = (type: string, payload: Record<string, unknown>) => {
			const r = validateEvent(a!.record(m, type, payload));
			return r.ok ? 'ok' : r.reason;
		};
		expect(bad('turn.extended', { turn, seconds: -60 })).toMatch(/^payload\.seconds/);
		expect(bad('turn.extended', { turn, seconds: 100000 })).toMatch(/^payload\.seconds/);
		expect(bad('turn.started', { turn, limit_s: 0 })).toMatch(/^payload\.limit_s/);
		expect(bad('speaker.queued', { person: personId(1), role: 'villager_rep', kind: 'shouting' })).toMatch(/^payload\.kind/);
		expect(bad('turn.noted', { turn, note: '   ' })).toMatch(/^payload\.note/);
		expect(bad('speaking.settings_set', { role_limits: { mayor: 300 } })).toMatch(/^payload\.role_limits/);
		expect(bad('speaking.settings_set', {})).toMatch(/at least one/);
	});
});

describe('the queue', () => {
	it('places a point of order at the front and others before waiting officials', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1, 2, 3, 4]);
		queue(a!, m, 1, 'statement', 'dept_official');
		let s = projectSpeaking(m, a!.events);
		queue(a!, m, 2, 'statement', 'villager_rep', placementFor(s, 'villager_rep', 'statement'));
		s = projectSpeaking(m, a!.events);
		queue(a!, m, 3, 'point_of_order', 'party_member', placementFor(s, 'party_member', 'point_of_order'));
		s = projectSpeaking(m, a!.events);
		queue(a!, m, 4, 'statement', 'dept_official', placementFor(s, 'dept_official', 'statement'));
		s = projectSpeaking(m, a!.events);
		expect(ids(s)).toEqual([personId(3), personId(2), personId(1), personId(4)]);
	});

	it('moves up, down, to the front, and by drag; removes and puts back in line', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1, 2, 3, 4]);
		const t = [1, 2, 3, 4].map((n) => queue(a!, m, n));
		const move = (turn: string, before: string | null | undefined) => {
			expect(before).not.toBeUndefined();
			a!.record(m, 'speaker.moved', { turn, before: before ?? null });
			return projectSpeaking(m, a!.events);
		};
		let s = projectSpeaking(m, a!.events);
		s = move(t[2]!, moveTarget(s, t[2]!, 'up'));
		expect(ids(s)).toEqual([1, 3, 2, 4].map(personId));
		s = move(t[0]!, moveTarget(s, t[0]!, 'down'));
		expect(ids(s)).toEqual([3, 1, 2, 4].map(personId));
		expect(moveTarget(s, t[3]!, 'down')).toBeUndefined();
		expect(moveTarget(s, t[2]!, 'up')).toBeUndefined();
		s = move(t[3]!, moveTarget(s, t[3]!, 'front'));
		expect(ids(s)).toEqual([4, 3, 1, 2].map(personId));
		s = move(t[3]!, dragTarget(s, 0, 3));
		expect(ids(s)).toEqual([3, 1, 2, 4].map(personId));
		s = move(t[1]!, dragTarget(s, 2, 0));
		expect(ids(s)).toEqual([2, 3, 1, 4].map(personId));
		s = move(t[1]!, moveTarget(s, t[1]!, 'down'));
		expect(ids(s)).toEqual([3, 2, 1, 4].map(personId));

		a!.record(m, 'speaker.removed', { turn: t[0]!, reason: '临时离开' });
		s = projectSpeaking(m, a!.events);
		expect(ids(s)).toEqual([3, 2, 4].map(personId));
		expect(s.removed.map((r) => [r.person, r.removedReason])).toEqual([[personId(1), '临时离开']]);
		a!.record(m, 'speaker.requeued', { turn: t[0]! });
		s = projectSpeaking(m, a!.events);
		expect(ids(s)).toEqual([3, 2, 4, 1].map(personId));
		expect(s.removed).toEqual([]);
	});

	it('two tablets reordering at once agree, whatever order the events arrive in', () => {
		const [a, b] = tablets(2);
		const m = meeting(a!, [1, 2, 3]);
		const t = [1, 2, 3].map((n) => queue(a!, m, n));
		b!.observe(a!.events);
		b!.clock = a!.clock;
		a!.record(m, 'speaker.moved', { turn: t[2]!, before: t[0]! }); // a: 3 to the front
		b!.record(m, 'speaker.moved', { turn: t[1]!, before: null }); // b: 2 to the end
		const all = [...a!.events, ...b!.events];
		const s = projectSpeaking(m, all);
		expect(ids(s)).toEqual([3, 1, 2].map(personId));
		expect(projectSpeaking(m, [...all].reverse())).toEqual(s);
	});

	it('a move before a turn that meanwhile started elsewhere lands before the turn that followed it', () => {
		const [a, b] = tablets(2);
		const m = meeting(a!, [1, 2, 3]);
		const t = [1, 2, 3].map((n) => queue(a!, m, n));
		b!.observe(a!.events);
		b!.clock = a!.clock;
		a!.record(m, 'turn.started', { turn: t[0]!, limit_s: 180 }); // a: person 1 speaks
		b!.record(m, 'speaker.moved', { turn: t[2]!, before: t[0]! }); // b: person 3 to the front
		b!.record(m, 'speaker.removed', { turn: t[1]! }); // b: person 2 out
		b!.record(m, 'speaker.moved', { turn: t[2]!, before: t[1]! }); // b: before person 2, who left: at the end
		const all = [...a!.events, ...b!.events];
		const s = projectSpeaking(m, all);
		expect(s.current?.person).toBe(personId(1));
		expect(ids(s)).toEqual([personId(3)]);
		const twoOnly = projectSpeaking(m, [...a!.events, ...b!.events.slice(-3, -2)]);
		expect(ids(twoOnly)).toEqual([personId(3), personId(2)]);
	});

	it('any delivery order and duplicates of random operations from three tablets give one state', () => {
		const op = fc.record({
			tablet: fc.integer({ min: 0, max: 2 }),
			kind: fc.constantFrom('queue', 'move', 'remove', 'requeue', 'start', 'pause', 'resume', 'extend', 'end', 'note'),
			a: fc.nat(20),
			b: fc.nat(20),
			dt: fc.integer({ min: 0, max: 90_000 })
		});
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), fc.nat(), (ops, seed) => {
				const ts = tablets(3);
				const m = meeting(ts[0]!, [1, 2, 3, 4, 5]);
				for (const t of ts.slice(1)) t.observe(ts[0]!.events);
				const turns: string[] = [];
				for (const o of ops) {
					const t = ts[o.tablet]!;
					t.clock += o.dt;
					const turn = turns[o.a % Math.max(1, turns.length)];
					const other = turns[o.b % Math.max(1, turns.length)];
					if (o.kind === 'queue' || !turn) turns.push(queue(t, m, (o.a % 5) + 1, o.b % 3 === 0 ? 'point_of_order' : 'statement', 'villager_rep', other));
					else if (o.kind === 'move') t.record(m, 'speaker.moved', { turn, before: o.b % 4 === 0 ? null : other! });
					else if (o.kind === 'remove') t.record(m, 'speaker.removed', { turn });
					else if (o.kind === 'requeue') t.record(m, 'speaker.requeued', { turn });
					else if (o.kind === 'start') t.record(m, 'turn.started', { turn, limit_s: 180 });
					else if (o.kind === 'pause') t.record(m, 'turn.paused', { turn });
					else if (o.kind === 'resume') t.record(m, 'turn.resumed', { turn });
					else if (o.kind === 'extend') t.record(m, 'turn.extended', { turn, seconds: 60 });
					else if (o.kind === 'end') t.record(m, 'turn.ended', { turn });
					else t.record(m, 'turn.noted', { turn, note: `记录${o.b}` });
					if (o.b % 3 === 0) ts[(o.tablet + 1) % 3]!.observe(t.events);
				}
				const all = ts.flatMap((t) => t.events);
				const expected = projectSpeaking(m, all);
				// A shuffled copy with some duplicates gives the same state.
				const shuffled = [...all, ...all.filter((_, i) => i % 3 === seed % 3)];
				let r = seed;
				for (let i = shuffled.length - 1; i > 0; i--) {
					r = (r * 1103515245 + 12345) % 2147483648;
					const j = r % (i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
				}
				const got = projectSpeaking(m, shuffled);
				expect(got).toEqual(expected);
				// Invariants: one current turn at most, not in the queue; queue has no duplicates.
				expect(new Set(got.queue.map((t) => t.id)).size).toBe(got.queue.length);
				if (got.current) expect(got.queue.some((t) => t.id === got.current!.id)).toBe(false);
				expect(got.turns.filter((t) => t.status === 'running' || t.status === 'paused').length).toBe(got.current ? 1 : 0);
			}),
			{ numRuns: 150 }
		);
	});
});

describe('turns and the clock', () => {
	it('counts elapsed time across pause, resume, extend and a restart, from the recorded times', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		const start = T0 + 600_000;
		at(a!, start).record(m, 'turn.started', { turn, limit_s: 180 });
		// A reload 50 s in: the state is folded again from the events, and the clock reads 2:10 left.
		let s = projectSpeaking(m, a!.events);
		let c = turnClock(s.current!, start + 50_000, 30);
		expect(c).toMatchObject({ elapsedMs: 50_000, remainingMs: 130_000, phase: 'normal', running: true });
		expect(formatClock(c.remainingMs)).toBe('2:10');

		at(a!, start + 60_000).record(m, 'turn.paused', { turn });
		s = projectSpeaking(m, a!.events);
		expect(turnClock(s.current!, start + 500_000, 30).elapsedMs).toBe(60_000); // paused: no time passes
		at(a!, start + 120_000).record(m, 'turn.resumed', { turn });
		at(a!, start + 121_000).record(m, 'turn.extended', { turn, seconds: 60 });
		s = projectSpeaking(m, a!.events);
		c = turnClock(s.current!, start + 120_000 + 150_000, 30); // 60 + 150 = 210 s of 240
		expect(c).toMatchObject({ elapsedMs: 210_000, limitMs: 240_000, remainingMs: 30_000, phase: 'warning' });
		c = turnClock(s.current!, start + 120_000 + 200_000, 30); // 260 s of 240
		expect(c).toMatchObject({ remainingMs: -20_000, overrunMs: 20_000, phase: 'over' });
		expect(formatClock(c.remainingMs)).toBe('-0:20');

		at(a!, start + 120_000 + 200_400).record(m, 'turn.ended', { turn });
		s = projectSpeaking(m, a!.events);
		expect(s.current).toBeNull();
		expect(s.turns[0]).toMatchObject({ status: 'ended', durationS: 260, overrunS: 20, extendedS: 60, limitS: 180, pauses: 1 });
		expect(turnClock(s.turns[0]!, start + 9_999_999, 30).elapsedMs).toBe(260_400);
		expect(s.turnsByPerson).toEqual({ [personId(1)]: 1 });
	});

	it('a clock behind the start (another tablet) counts 0, not negative', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		at(a!, T0 + 100_000).record(m, 'turn.started', { turn, limit_s: 60 });
		const s = projectSpeaking(m, a!.events);
		expect(turnClock(s.current!, T0 + 50_000, 10).elapsedMs).toBe(0);
		expect(formatClock(60_000)).toBe('1:00');
		expect(formatClock(59_001)).toBe('1:00');
	});

	it('two turns started at once on two tablets: the earlier in canonical order runs, the other is flagged and stays waiting', () => {
		const [a, b] = tablets(2);
		const m = meeting(a!, [1, 2]);
		const t1 = queue(a!, m, 1);
		const t2 = queue(a!, m, 2);
		b!.observe(a!.events);
		b!.clock = a!.clock;
		a!.record(m, 'turn.started', { turn: t1, limit_s: 180 });
		b!.record(m, 'turn.started', { turn: t2, limit_s: 180 });
		const all = [...b!.events, ...a!.events];
		const s = projectSpeaking(m, all);
		expect(s.current?.id).toBe(t1); // same hlc: device tab-a sorts first
		expect(ids(s)).toEqual([personId(2)]);
		expect(s.flagged).toEqual([{ event: b!.events.at(-1)!.id, type: 'turn.started', turn: t2, reason: 'turn_running' }]);
	});

	it('flags ending a turn that never started, and events about unknown turns', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		a!.record(m, 'turn.ended', { turn });
		a!.record(m, 'turn.paused', { turn: newId() });
		a!.record(m, 'turn.noted', { turn, note: '还没发言' });
		const s = projectSpeaking(m, a!.events);
		expect(s.flagged.map((f) => f.reason)).toEqual(['not_current', 'unknown_turn', 'not_started']);
		expect(ids(s)).toEqual([personId(1)]);
		expect(s.turns).toEqual([]);
	});

	it('a turn still running when the meeting closes ends at the close', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		const start = T0 + 600_000;
		at(a!, start).record(m, 'turn.started', { turn, limit_s: 60 });
		at(a!, start + 90_000).close(m);
		at(a!, start + 95_000).record(m, 'turn.ended', { turn });
		const s = projectSpeaking(m, a!.events);
		expect(s.current).toBeNull();
		expect(s.turns[0]).toMatchObject({ status: 'ended', durationS: 90, overrunS: 30 });
		expect(s.flagged.map((f) => f.reason)).toEqual(['not_current']);
	});

	it('keeps the original note and shows the correction', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const turn = queue(a!, m, 1);
		a!.record(m, 'turn.started', { turn, limit_s: 180 });
		a!.record(m, 'turn.ended', { turn });
		const first = a!.record(m, 'turn.noted', { turn, note: '要求按1998年合同划界' });
		a!.record(m, 'turn.note_corrected', { turn, note: '要求按1999年合同划界', corrects: first.id, reason: '年份记错' });
		const t = projectSpeaking(m, a!.events).turns[0]!;
		expect(t.note).toBe('要求按1999年合同划界');
		expect(t.originalNote).toBe('要求按1998年合同划界');
		expect(t.notes.map((n) => n.corrects)).toEqual([null, first.id]);
	});
});

describe('checks before recording (bad input records nothing)', () => {
	it('refuses a turn for someone not present, a second start, bad extensions, and ending with no turn', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1, 2]);
		const t1 = queue(a!, m, 1);
		let ms = projectMeeting(m, a!.events);
		let s = projectSpeaking(m, a!.events);
		expect(checkQueue(s, ms, personId(9))).toBe('not_present');
		expect(checkQueue(s, ms, personId(1))).toBe('already_waiting');
		expect(checkQueue(s, ms, personId(2))).toBeNull();
		expect(checkEnd(s)).toBe('no_turn');
		expect(checkExtend(s, 60)).toBe('no_turn');
		expect(checkStart(s, ms, newId())).toBe('not_waiting');
		const t2 = queue(a!, m, 2);
		// Person 2 leaves before their turn.
		const checkIn = ms.attendance[personId(2)]!.checkIns[0]!.event;
		a!.revoke(m, personId(2), [checkIn]);
		ms = projectMeeting(m, a!.events);
		s = projectSpeaking(m, a!.events);
		expect(checkStart(s, ms, t2)).toBe('not_present');
		expect(checkStart(s, ms, t1)).toBeNull();
		a!.record(m, 'turn.started', { turn: t1, limit_s: 180 });
		s = projectSpeaking(m, a!.events);
		expect(checkStart(s, ms, t2)).toBe('turn_running');
		expect(checkExtend(s, -60)).toBe('bad_extension');
		expect(checkExtend(s, 0)).toBe('bad_extension');
		expect(checkExtend(s, 1.5)).toBe('bad_extension');
		expect(checkExtend(s, 100_000)).toBe('extension_too_long');
		expect(checkExtend(s, 60)).toBeNull();
		expect(checkEnd(s)).toBeNull();
		expect(checkNote(s, t1, '  ')).toBe('note_empty');
		expect(checkNote(s, t1, '字'.repeat(1001))).toBe('note_too_long');
		expect(checkNote(s, t2, '未发言')).toBe('unknown_turn');
	});

	it('refuses sides that share a person or repeat a name', () => {
		expect(checkSides([{ name: '王家', persons: ['a'] }, { name: '李家', persons: ['a'] }])).toBe('person_in_two_sides');
		expect(checkSides([{ name: '王家', persons: [] }, { name: '王家', persons: [] }])).toBe('side_names_repeat');
		expect(checkSides([{ name: ' ', persons: [] }])).toBe('side_name');
		expect(checkSides([{ name: '王家', persons: ['a'] }, { name: '李家', persons: ['b'] }])).toBeNull();
	});
});

describe('fair time', () => {
	it('sums time and turns per person, role and side, and shows who is owed time', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1, 2, 3]);
		a!.record(m, 'speaking.sides_set', { sides: [{ name: '王家', persons: [personId(1)] }, { name: '李家', persons: [personId(2)] }] });
		const speak = (n: number, role: string, seconds: number) => {
			const turn = queue(a!, m, n, 'statement', role);
			const start = a!.clock + 1000;
			a!.record(m, 'turn.started', { turn, limit_s: 180 });
			at(a!, start + seconds * 1000).record(m, 'turn.ended', { turn });
		};
		speak(1, 'dispute_party', 150);
		speak(2, 'dispute_party', 90);
		speak(3, 'village_cadre', 60);
		speak(1, 'dispute_party', 30);
		const running = queue(a!, m, 2, 'addition', 'dispute_party');
		const start = a!.clock + 1000;
		a!.record(m, 'turn.started', { turn: running, limit_s: 180 });
		const s = projectSpeaking(m, a!.events);
		const f = fairness(s, start + 40_000);
		expect(f.byPerson[personId(1)]).toEqual({ turns: 2, ms: 180_000, overrunMs: 0, overruns: 0 });
		expect(f.byPerson[personId(2)]).toEqual({ turns: 2, ms: 130_000, overrunMs: 0, overruns: 0 });
		expect(f.byRole.dispute_party).toEqual({ turns: 4, ms: 310_000, overrunMs: 0, overruns: 0 });
		expect(f.byRole.village_cadre).toEqual({ turns: 1, ms: 60_000, overrunMs: 0, overruns: 0 });
		expect(f.bySide.map((x) => [x.name, x.turns, x.ms, x.owedMs])).toEqual([
			['王家', 2, 180_000, 0],
			['李家', 2, 130_000, 50_000]
		]);
		expect(f.owed).toEqual([{ person: personId(2), owedMs: 50_000 }]);
		expect(f.totalMs).toBe(370_000);
		expect(s.turnsByPerson).toEqual({ [personId(1)]: 2, [personId(2)]: 2, [personId(3)]: 1 });
	});

	it('counts overrun time and turns that ran over, the running turn up to now', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1]);
		const t1 = queue(a!, m, 1);
		let start = a!.clock + 1000;
		a!.record(m, 'turn.started', { turn: t1, limit_s: 60 });
		at(a!, start + 75_000).record(m, 'turn.ended', { turn: t1 });
		const t2 = queue(a!, m, 1, 'addition');
		start = a!.clock + 1000;
		a!.record(m, 'turn.started', { turn: t2, limit_s: 60 });
		a!.record(m, 'turn.extended', { turn: t2, seconds: 60 });
		const f = fairness(projectSpeaking(m, a!.events), start + 130_000);
		expect(f.byPerson[personId(1)]).toEqual({ turns: 2, ms: 205_000, overrunMs: 25_000, overruns: 2 });
	});

	it('without sides, everyone who spoke or waits is compared', () => {
		const [a] = tablets(1);
		const m = meeting(a!, [1, 2]);
		const turn = queue(a!, m, 1);
		queue(a!, m, 2);
		const start = a!.clock + 1000;
		a!.record(m, 'turn.started', { turn, limit_s: 180 });
		at(a!, start + 100_000).record(m, 'turn.ended', { turn });
		const f = fairness(projectSpeaking(m, a!.events), start + 999_999);
		expect(f.owed).toEqual([{ person: personId(2), owedMs: 100_000 }]);
	});
});

