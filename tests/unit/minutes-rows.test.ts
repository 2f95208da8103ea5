/**
 * The minutes' speaking and votes rows (issue 7 wiring): the real projections of a meeting's
 * events mapped to plain rows in Chinese — order, names, kind, durations, overrun, corrected
 * notes; motion, method, rule sentence, tally, verdict, the reason sentence, corrections.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE, projectMeeting, projectSpeaking, projectVotes } from '../../src/lib/domain';
import type { RosterEntry } from '../../src/lib/state/live-meeting.svelte';
import { attendanceRows, speakingRows, voteRows } from '../../src/routes/meetings/[id]/minutes/minutes-rows';
import { FakeTablet, newId, personId, signedCheckIn } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const T0 = Date.UTC(2026, 10, 26, 8);
const NAMES: Record<string, string> = { [personId(1)]: '王建国', [personId(2)]: '李秀英', [personId(3)]: '张志强' };
const nameOf = (p: string) => NAMES[p] ?? '未知';
/** The app's clock time as a tablet in Asia/Shanghai shows it (the tests' time zone). */
const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeStyle: 'short', timeZone: 'Asia/Shanghai' });
const shanghaiTime = (iso: string) => SHANGHAI.format(new Date(iso));

/** A tablet whose next event is at `ms` (FakeTablet adds one second per event). */
function at(t: FakeTablet, ms: number): FakeTablet {
	t.clock = ms - 1000;
	return t;
}

function meeting(t: FakeTablet, n: number): string {
	const m = t.openMeeting();
	t.start(m);
	for (let i = 1; i <= n; i++) t.checkIn(m, personId(i), i === 3 ? 'dept_official' : 'resident_rep');
	return m;
}

describe('attendance rows', () => {
	it('lists who is present in arrival order, with the check-in signature of those who signed', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = t.openMeeting();
		const sig = handwrittenSignature(3);
		t.checkIn(m, personId(2));
		signedCheckIn(t, m, personId(1), { ...sig });
		const state = projectMeeting(m, t.events);
		const entry = (n: number, name: string): RosterEntry => {
			const a = state.attendance[personId(n)];
			return { id: personId(n), name, role: 'resident_rep', organisation: '', walkIn: false, present: !!a?.present, arrivedAt: a?.arrivedAt ?? null, firstArrivedAt: a?.arrivedAt ?? null, departedAt: null, signature: null, phoneMasked: '' };
		};
		const rows = attendanceRows([entry(1, '王建国'), entry(2, ''), entry(3, '张志强')], state, '未知');
		expect(rows.map((r) => [r.name, r.signature ?? null])).toEqual([
			['未知', null],
			['王建国', sig]
		]);
		expect(rows[0]).not.toHaveProperty('signature');
	});
});

describe('speaking rows', () => {
	it('lists the turns that started, in order, with name, role, kind, duration, overrun and the current note', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 3);
		const first = t.record(m, 'speaker.queued', { person: personId(2), role: 'resident_rep', kind: 'statement' }).id;
		const second = t.record(m, 'speaker.queued', { person: personId(3), role: 'dept_official', kind: 'explanation' }).id;
		const never = t.record(m, 'speaker.queued', { person: personId(1), role: 'resident_rep', kind: 'addition' }).id;
		// 李秀英 speaks 2:30 of 3:00; the note is corrected afterwards.
		at(t, T0 + 100_000).record(m, 'turn.started', { turn: first, limit_s: 180 });
		at(t, T0 + 250_000).record(m, 'turn.ended', { turn: first });
		const noted = t.record(m, 'turn.noted', { turn: first, note: '要求按1998年合同' });
		t.record(m, 'turn.note_corrected', { turn: first, note: '要求按1999年合同', corrects: noted.id, reason: '年份记错' });
		// The official speaks 5:20 of 5:00: 20 s over.
		at(t, T0 + 300_000).record(m, 'turn.started', { turn: second, limit_s: 300 });
		at(t, T0 + 620_000).record(m, 'turn.ended', { turn: second });
		t.record(m, 'turn.noted', { turn: second, note: '供电公司下月施工' });

		const rows = speakingRows(projectSpeaking(m, t.events), nameOf, T0 + 9_999_000);
		expect(rows).toEqual([
			{
				turn: first,
				order: 1,
				person: personId(2),
				name: '李秀英',
				role: '居民代表',
				kind: '发言',
				durationSeconds: 150,
				overrunSeconds: 0,
				running: false,
				note: '要求按1999年合同',
				originalNote: '要求按1998年合同'
			},
			{
				turn: second,
				order: 2,
				person: personId(3),
				name: '张志强',
				role: '部门负责人',
				kind: '说明',
				durationSeconds: 320,
				overrunSeconds: 20,
				running: false,
				note: '供电公司下月施工',
				originalNote: null
			}
		]);
		expect(rows.some((r) => r.turn === never)).toBe(false);
	});

	it('shows a turn still running with its time so far and any overrun', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 1);
		const turn = t.record(m, 'speaker.queued', { person: personId(1), role: 'resident_rep', kind: 'point_of_order' }).id;
		at(t, T0 + 100_000).record(m, 'turn.started', { turn, limit_s: 60 });
		const s = projectSpeaking(m, t.events);
		expect(speakingRows(s, nameOf, T0 + 130_000)[0]).toMatchObject({ durationSeconds: 30, overrunSeconds: 0, running: true, kind: '程序性发言', note: '' });
		expect(speakingRows(s, nameOf, T0 + 175_000)[0]).toMatchObject({ durationSeconds: 75, overrunSeconds: 15, running: true });
	});

	it('is empty when nobody spoke', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 1);
		t.record(m, 'speaker.queued', { person: personId(1), role: 'resident_rep', kind: 'statement' });
		expect(speakingRows(projectSpeaking(m, t.events), nameOf, T0)).toEqual([]);
	});
});

describe('vote rows', () => {
	const eleven = Array.from({ length: 11 }, (_, i) => personId(i + 1));

	it('scenario 1: show of hands 10 / 0 / 1 → passed, with the rule and the reason sentence', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 11);
		const vote = newId(t.clock);
		t.record(m, 'vote.opened', { vote, motion: '楼道电力设施改造费用共同承担', method: 'show_of_hands', electorate: 'present', entitled: eleven, present: eleven, rule: DEFAULT_RULE });
		t.record(m, 'vote.hands_counted', { vote, counts: { for: 10, against: 0, abstain: 1 } });
		t.record(m, 'vote.closed', { vote });
		expect(voteRows(projectVotes(m, t.events), nameOf, shanghaiTime)).toEqual([
			{
				vote,
				motion: '楼道电力设施改造费用共同承担',
				method: '举手表决',
				voters: expect.stringContaining('可表决 11 人，到会 11 人'),
				entitled: 11,
				rule: '超过实到 11 人的半数；弃权算作投票',
				tally: [
					{ choice: 'for', label: '赞成', count: 10 },
					{ choice: 'against', label: '反对', count: 0 },
					{ choice: 'abstain', label: '弃权', count: 1 }
				],
				passed: true,
				verdict: '通过',
				reason: '通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。',
				open: false,
				original: null,
				corrections: []
			}
		]);
	});

	it('keeps the original tally and every correction with its reason; an open vote is marked; a quorum is in the rule', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 3);
		const three = eleven.slice(0, 3);
		const hands = newId(t.clock);
		t.record(m, 'vote.opened', { vote: hands, motion: '甲', method: 'show_of_hands', electorate: 'present', entitled: three, present: three, rule: DEFAULT_RULE });
		t.record(m, 'vote.hands_counted', { vote: hands, counts: { for: 1, against: 2, abstain: 0 } });
		t.record(m, 'vote.corrected', { vote: hands, reason: '数错了', counts: { for: 2, against: 1, abstain: 0 } });
		t.record(m, 'vote.closed', { vote: hands });
		const roll = newId(t.clock);
		const rule = { basis: 'entitled', fraction: 'two_thirds', abstentions: 'not_cast', quorum: 3 } as const;
		t.record(m, 'vote.opened', { vote: roll, motion: '乙', method: 'roll_call', electorate: 'present', entitled: three, present: three, rule });
		t.record(m, 'vote.cast', { vote: roll, voter: personId(1), choice: 'for' });
		t.record(m, 'vote.corrected', { vote: roll, reason: '点错了', voter: personId(1), choice: 'against' });

		const [a, b] = voteRows(projectVotes(m, t.events), nameOf, shanghaiTime);
		expect(a).toMatchObject({ passed: true, verdict: '通过', open: false, original: '赞成 1 · 反对 2 · 弃权 0' });
		expect(a!.tally.map((x) => x.count)).toEqual([2, 1, 0]);
		expect(a!.corrections).toHaveLength(1);
		expect(a!.corrections[0]).toContain('更正为 赞成 2 · 反对 1 · 弃权 0（原为 赞成 1 · 反对 2 · 弃权 0）：数错了');
		// Recorded at 08:00 UTC: shown as the local 16:00 of a tablet in Shanghai, not the raw UTC time.
		const correctedAt = t.events.find((e) => e.type === 'vote.corrected')!.at;
		expect(correctedAt.slice(11, 13)).toBe('08');
		expect(a!.corrections[0]).toMatch(/^16:00 更正为/);
		expect(b).toMatchObject({ method: '逐一表决', passed: false, verdict: '未通过', open: true, rule: '达到应到 3 人的三分之二；弃权不算作投票 · 最少到会 3 人' });
		expect(b!.corrections[0]).toContain('王建国 的表态更正为「反对」：点错了');
		expect(b!.reason).toBe('未通过：赞成 0 票，需达到应到 3 人的三分之二，即至少 2 票。');
	});

	it('words a consensus check with its own verdict', () => {
		const t = new FakeTablet('tab-a', undefined, undefined, T0);
		const m = meeting(t, 2);
		const two = eleven.slice(0, 2);
		const vote = newId(t.clock);
		t.record(m, 'vote.opened', { vote, motion: '丙', method: 'consensus', electorate: 'present', entitled: two, present: two, rule: DEFAULT_RULE });
		t.record(m, 'vote.cast', { vote, voter: personId(1), choice: 'agree' });
		t.record(m, 'vote.cast', { vote, voter: personId(2), choice: 'block' });
		t.record(m, 'vote.closed', { vote });
		const [row] = voteRows(projectVotes(m, t.events), nameOf, shanghaiTime);
		expect(row).toMatchObject({ method: '共识征询', passed: false, verdict: '未达成共识', reason: '未达成共识：1 人反对到底。' });
		expect(row!.tally.map((x) => x.label)).toEqual(['同意', '保留意见', '不同意', '反对到底']);
	});
});
