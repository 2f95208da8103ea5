import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	chinaDay,
	meetingActivity,
	overdueTasks,
	projectMeeting,
	projectTopic,
	screeningChecklist,
	summarizeMeeting,
	toCsv,
	topicDashboard,
	topicRuleError,
	validateEvent,
	type EventEnvelope,
	type RegionInfo,
	type TopicState
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';

const VILLAGE = 'rgnwulantuke000';
const TOWNSHIP = 'rgnalbas0000000';
const BANNER = 'rgnotog00000000';
const OTHER_VILLAGE = 'rgnkairong00000';
const regions = new Map<string, RegionInfo>(
	[
		{ id: 'rgnordos0000000', name: '鄂尔多斯市', level: 'city', parent: '' },
		{ id: BANNER, name: '鄂托克旗', level: 'banner', parent: 'rgnordos0000000' },
		{ id: TOWNSHIP, name: '阿尔巴斯苏木', level: 'township', parent: BANNER },
		{ id: 'rgnwulan0000000', name: '乌兰镇', level: 'township', parent: BANNER },
		{ id: VILLAGE, name: '乌兰图克嘎查', level: 'village', parent: TOWNSHIP },
		{ id: OTHER_VILLAGE, name: '凯荣小区', level: 'village', parent: 'rgnwulan0000000' }
	].map((r) => [r.id, r])
);

/** The whole loop of scenario 4 on one tablet; returns the stream and the events. */
function scenario4(t = new FakeTablet('tab-topics-a', 'vnuwulantuke000', 'usrmodwulantuke')) {
	const topic = newId(t.clock);
	const task = newId(t.clock + 1);
	t.record(topic, 'topic.submitted', {
		title: '草场流转纠纷',
		source: 'residents',
		submitter_name: '敖其尔',
		description: '多年未解决的草场流转合同纠纷',
		region: VILLAGE
	});
	t.record(topic, 'topic.screened', { decision: 'accepted', rules: [{ kind: 'consult', text: '涉及群众切身利益的事' }] });
	t.record(topic, 'topic.escalated', { from_region: VILLAGE, to_region: TOWNSHIP, reason: '村级多年未能解决' });
	t.record(topic, 'topic.scheduled', { title: '阿尔巴斯苏木草场流转协商会' });
	t.record(topic, 'topic.outcome_recorded', { text: '按原合同续签三年，租金每亩上调5元' });
	t.record(topic, 'topic.notice_published', { text: '协商结果公示', starts_on: '2026-11-27', ends_on: '2026-12-03' });
	const objection = newId(t.clock + 2);
	t.record(topic, 'topic.objection_recorded', { objection, by_name: '朝鲁', text: '租金上调过少' });
	t.record(topic, 'topic.objection_answered', { objection, answer: '按市场价评估，维持协商结果' });
	t.record(topic, 'topic.handed_over', { unit: '阿尔巴斯苏木人民政府' });
	t.record(topic, 'topic.task_added', { task, title: '重新签订流转合同', owner: '斯琴', due_on: '2026-12-20' });
	t.record(topic, 'topic.progress_reported', { task, percent: 50, note: '双方已同意条款' });
	t.record(topic, 'topic.progress_reported', { task, percent: 100, note: '合同已签订' });
	t.record(topic, 'topic.evaluated', { satisfied: 5, basically_satisfied: 1, dissatisfied: 0, assessment: '纠纷化解' });
	t.record(topic, 'topic.closed', {});
	return { topic, task, tablet: t };
}

function shuffle<T>(list: readonly T[], seed: number): T[] {
	const out = [...list];
	let x = seed || 1;
	for (let i = out.length - 1; i > 0; i--) {
		x = (x * 1103515245 + 12345) & 0x7fffffff;
		const j = x % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('topic events', () => {
	it('are valid for the shared schemas, and a not-accepted screening needs its reason', () => {
		const { tablet } = scenario4();
		for (const e of tablet.events) expect(validateEvent(e)).toMatchObject({ ok: true });
		const t = new FakeTablet('tab-topics-b');
		const s = newId();
		const bad = t.record(s, 'topic.screened', { decision: 'not_accepted', rules: [] });
		expect(validateEvent(bad)).toEqual({ ok: false, reason: 'payload.reason: required' });
		const badDay = t.record(s, 'topic.notice_published', { text: 'x', starts_on: '2026-02-30', ends_on: '2026-03-01' });
		expect(validateEvent(badDay)).toMatchObject({ ok: false, reason: expect.stringContaining('payload.starts_on') });
	});
});

describe('topic lifecycle projection', () => {
	it('follows scenario 4 from submission to closing', () => {
		const { topic, task, tablet } = scenario4();
		const s = projectTopic(topic, tablet.events);
		expect(s.flagged).toEqual([]);
		expect(s).toMatchObject({
			opened: true,
			title: '草场流转纠纷',
			source: 'residents',
			originRegion: VILLAGE,
			region: TOWNSHIP,
			status: 'closed',
			venue: 'vnuwulantuke000'
		});
		expect(s.screening?.rules).toEqual([{ kind: 'consult', text: '涉及群众切身利益的事' }]);
		expect(s.moves).toMatchObject([{ kind: 'escalated', from: VILLAGE, to: TOWNSHIP }]);
		expect(s.outcome?.text).toBe('按原合同续签三年，租金每亩上调5元');
		expect(s.objections[0]).toMatchObject({ byName: '朝鲁', answer: '按市场价评估，维持协商结果' });
		expect(s.tasks).toMatchObject([{ id: task, percent: 100 }]);
		expect(s.tasks[0]!.updates.map((u) => u.percent)).toEqual([50, 100]);
		expect(s.evaluation).toMatchObject({ satisfied: 5, basicallySatisfied: 1, dissatisfied: 0 });
	});

	it('gives the same state for any delivery order and duplicates (property)', () => {
		const { topic, tablet } = scenario4();
		const b = new FakeTablet('tab-topics-b', 'vnuwulantuke000', 'usrofficealbas0');
		b.observe(tablet.events.slice(0, 3));
		// a second tablet screens again and evaluates too early, concurrently
		b.record(topic, 'topic.screened', { decision: 'not_accepted', rules: [], reason: '不属于协商范围' });
		b.record(topic, 'topic.evaluated', { satisfied: 1, basically_satisfied: 0, dissatisfied: 0, assessment: '早' });
		const all = [...tablet.events, ...b.events];
		const expected = projectTopic(topic, all);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: all.length }), (seed, dup) => {
				const events = shuffle([...all, ...all.slice(0, dup)], seed);
				expect(projectTopic(topic, events)).toEqual(expected);
			}),
			{ numRuns: 200 }
		);
		expect(expected.flagged.map((f) => f.code).sort()).toEqual(['evaluate_before_implementation', 'screened_twice']);
	});

	it('flags an illegal event and does not apply it', () => {
		const t = new FakeTablet('tab-topics-c');
		const topic = newId();
		t.record(topic, 'topic.submitted', { title: '宠物管理', source: 'residents', submitter_name: '赵桂芝', region: VILLAGE });
		const early = t.record(topic, 'topic.evaluated', { satisfied: 1, basically_satisfied: 0, dissatisfied: 0, assessment: '好' });
		const s = projectTopic(topic, t.events);
		expect(s.status).toBe('submitted');
		expect(s.evaluation).toBeNull();
		expect(s.flagged).toEqual([
			{ id: early.id, type: 'topic.evaluated', code: 'evaluate_before_implementation', reason: expect.stringMatching(/^evaluate before implementation/) }
		]);
	});

	it('ignores events before the topic is submitted (flagged), of unknown versions (kept), of other streams', () => {
		const t = new FakeTablet('tab-topics-d');
		const topic = newId();
		t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] }, 9);
		t.record(newId(), 'topic.submitted', { title: '别的议题', source: 'society', submitter_name: '某人', region: VILLAGE });
		const s = projectTopic(topic, t.events);
		expect(s.opened).toBe(false);
		expect(s.flagged.map((f) => f.code)).toEqual(['not_submitted']);
		expect(s.unreadable).toHaveLength(1);
		expect(s.eventCount).toBe(2);
	});
});

describe('transition rules', () => {
	const base = (): { topic: string; t: FakeTablet; state: () => TopicState } => {
		const t = new FakeTablet('tab-topics-r');
		const topic = newId();
		t.record(topic, 'topic.submitted', { title: '楼道杂物', source: 'members', submitter_name: '其其格', region: VILLAGE });
		return { topic, t, state: () => projectTopic(topic, t.events) };
	};

	it('rejects evaluating before implementation, with a reason', () => {
		const { state } = base();
		const e = topicRuleError(state(), 'topic.evaluated', { satisfied: 1, basically_satisfied: 0, dissatisfied: 0, assessment: 'x' });
		expect(e?.code).toBe('evaluate_before_implementation');
		expect(e?.reason).toMatch(/^evaluate before implementation/);
	});

	it('rejects a notice that ends before it starts', () => {
		const { topic, t, state } = base();
		t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		t.record(topic, 'topic.scheduled', { title: '协商会' });
		t.record(topic, 'topic.outcome_recorded', { text: '清理楼道' });
		expect(topicRuleError(state(), 'topic.notice_published', { text: 'x', starts_on: '2026-12-05', ends_on: '2026-12-01' })).toEqual({
			code: 'notice_ends_before_start',
			reason: 'notice ends before it starts'
		});
		expect(topicRuleError(state(), 'topic.notice_published', { text: 'x', starts_on: '2026-12-01', ends_on: '2026-12-01' })).toBeNull();
	});

	it('orders the loop: schedule after acceptance, outcome after scheduling, hand-over after notice and answered objections', () => {
		const { topic, t, state } = base();
		expect(topicRuleError(state(), 'topic.scheduled', { title: 'x' })?.code).toBe('schedule_before_acceptance');
		t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		expect(topicRuleError(state(), 'topic.screened', { decision: 'accepted', rules: [] })?.code).toBe('screened_twice');
		expect(topicRuleError(state(), 'topic.outcome_recorded', { text: 'x' })?.code).toBe('outcome_before_meeting');
		t.record(topic, 'topic.scheduled', { title: '协商会' });
		t.record(topic, 'topic.outcome_recorded', { text: '清理楼道' });
		expect(topicRuleError(state(), 'topic.handed_over', { unit: 'x' })?.code).toBe('hand_over_before_notice');
		t.record(topic, 'topic.notice_published', { text: '公示', starts_on: '2026-12-01', ends_on: '2026-12-07' });
		const objection = newId();
		t.record(topic, 'topic.objection_recorded', { objection, text: '有异议' });
		expect(topicRuleError(state(), 'topic.handed_over', { unit: 'x' })?.code).toBe('hand_over_open_objections');
		expect(topicRuleError(state(), 'topic.objection_answered', { objection: newId(), answer: 'x' })?.code).toBe('objection_unknown');
		t.record(topic, 'topic.objection_answered', { objection, answer: '已解释' });
		expect(topicRuleError(state(), 'topic.handed_over', { unit: '社区居委会' })).toBeNull();
		t.record(topic, 'topic.handed_over', { unit: '社区居委会' });
		expect(topicRuleError(state(), 'topic.evaluated', { satisfied: 1, basically_satisfied: 0, dissatisfied: 0, assessment: 'x' })?.code).toBe(
			'evaluate_before_implementation'
		);
		expect(topicRuleError(state(), 'topic.progress_reported', { task: newId(), percent: 10 })?.code).toBe('progress_unknown_task');
		expect(topicRuleError(state(), 'topic.closed', {})?.code).toBe('close_before_evaluation');
	});

	it('moves up to the parent and down to a child only, before consultation, from the current level', () => {
		const { topic, t, state } = base();
		const ctx = { regions };
		expect(topicRuleError(state(), 'topic.escalated', { from_region: VILLAGE, to_region: BANNER, reason: 'x' }, ctx)?.code).toBe(
			'escalate_not_parent'
		);
		expect(topicRuleError(state(), 'topic.escalated', { from_region: VILLAGE, to_region: TOWNSHIP, reason: 'x' }, ctx)).toBeNull();
		t.record(topic, 'topic.escalated', { from_region: VILLAGE, to_region: TOWNSHIP, reason: '村级解决不了' });
		expect(state().region).toBe(TOWNSHIP);
		expect(topicRuleError(state(), 'topic.escalated', { from_region: VILLAGE, to_region: TOWNSHIP, reason: 'x' })?.code).toBe(
			'move_wrong_level'
		);
		expect(topicRuleError(state(), 'topic.delegated', { from_region: TOWNSHIP, to_region: OTHER_VILLAGE, reason: 'x' }, ctx)?.code).toBe(
			'delegate_not_child'
		);
		expect(topicRuleError(state(), 'topic.delegated', { from_region: TOWNSHIP, to_region: VILLAGE, reason: 'x' }, ctx)).toBeNull();
		t.record(topic, 'topic.delegated', { from_region: TOWNSHIP, to_region: VILLAGE, reason: '下放村级协商' });
		expect(state().region).toBe(VILLAGE);
		expect(state().moves.map((m) => m.kind)).toEqual(['escalated', 'delegated']);
	});

	it('lets a not-accepted topic be closed, and nothing after closing', () => {
		const { topic, t, state } = base();
		t.record(topic, 'topic.screened', { decision: 'not_accepted', rules: [{ kind: 'not_consult', text: '涉密事项' }], reason: '属于不议事项' });
		expect(state()).toMatchObject({ status: 'not_accepted', screening: { reason: '属于不议事项' } });
		t.record(topic, 'topic.closed', {});
		expect(topicRuleError(state(), 'topic.scheduled', { title: 'x' })?.code).toBe('closed');
	});
});

describe('dashboards and checklists', () => {
	it('counts topics by status and source, lists overdue tasks, meetings per venue and month, member participation', () => {
		const { topic, tablet } = scenario4();
		const done = projectTopic(topic, tablet.events);
		const t = new FakeTablet('tab-topics-e');
		const late = newId();
		const task = newId();
		t.record(late, 'topic.submitted', { title: '公共座椅', source: 'members', submitter_name: '张文博', region: VILLAGE });
		for (const [type, p] of [
			['topic.screened', { decision: 'accepted', rules: [] }],
			['topic.scheduled', { title: '会' }],
			['topic.outcome_recorded', { text: '增设座椅' }],
			['topic.notice_published', { text: '公示', starts_on: '2026-11-01', ends_on: '2026-11-07' }],
			['topic.handed_over', { unit: '社区' }],
			['topic.task_added', { task, title: '采购座椅', owner: '社区居委会', due_on: '2026-11-20' }],
			['topic.progress_reported', { task, percent: 30 }]
		] as const) {
			t.record(late, type, p);
		}
		const open = projectTopic(late, t.events);
		expect(overdueTasks(open, '2026-11-20')).toEqual([]);
		expect(overdueTasks(open, '2026-11-21')).toHaveLength(1);

		const m = new FakeTablet('tab-topics-m');
		const meeting = m.openMeeting();
		m.checkIn(meeting, personId(1), 'cppcc_member');
		m.checkIn(meeting, personId(2), 'resident_rep');
		const activity = meetingActivity(summarizeMeeting(projectMeeting(meeting, m.events)));
		const d = topicDashboard([done, open], [activity, { ...activity, stream: newId() }], '2026-11-26');
		expect(d.total).toBe(2);
		expect(d.byStatus.closed).toBe(1);
		expect(d.byStatus.implementing).toBe(1);
		expect(d.bySource).toEqual({ government: 0, residents: 1, members: 1, society: 0 });
		expect(d.overdue).toEqual([{ topic: late, title: '公共座椅', task: '采购座椅', owner: '社区居委会', dueOn: '2026-11-20', percent: 30 }]);
		expect(d.meetingsByVenueMonth).toEqual([{ venue: m.venue, month: '2026-11', count: 2 }]);
		expect(d.participation).toEqual([{ person: personId(1), meetings: 2 }]);
	});

	it('writes CSV with a BOM, CRLF and quoting', () => {
		expect(toCsv(['议题', '状态'], [['a,"b"', 3]])).toBe('\uFEFF议题,状态\r\n"a,""b""",3\r\n');
	});

	it("takes the checklist of the level and every level above it, not a neighbour's", () => {
		const rules = [
			{ id: 'r2', region: BANNER, kind: 'not_consult' as const, text: '涉密', order: 1 },
			{ id: 'r1', region: BANNER, kind: 'consult' as const, text: '群众利益', order: 2 },
			{ id: 'r3', region: 'rgnwulan0000000', kind: 'consult' as const, text: '乌兰镇的', order: 1 },
			{ id: 'r4', region: TOWNSHIP, kind: 'not_consult' as const, text: '阿尔巴斯的', order: 1 }
		];
		expect(screeningChecklist(rules, regions, VILLAGE).map((r) => r.id)).toEqual(['r1', 'r2', 'r4']);
		expect(screeningChecklist(rules, regions, OTHER_VILLAGE).map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
		expect(screeningChecklist(rules, regions, 'rgnordos0000000')).toEqual([]);
	});

	it("tells China's day from an instant", () => {
		expect(chinaDay(Date.UTC(2026, 10, 26, 16, 30))).toBe('2026-11-27');
		expect(chinaDay(Date.UTC(2026, 10, 26, 15, 59))).toBe('2026-11-26');
	});
});

export type { EventEnvelope };
