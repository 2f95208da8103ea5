/**
 * Topic benchmarks. Prints `bench <name> <value> <unit>` lines.
 * - topic_project_1k_ms: project 1,000 topic streams of 14 events each (the whole loop) and
 *   compute the office dashboard from them, as the dashboard screen does (median of 5).
 * - topic_pull_office_12k_ms: a township office pulls 12,000 topic events from a real PocketBase,
 *   pages of 1,000 (median of 3): 500 topics of its village's venue (7,000 events) and 500 topics
 *   of a venue outside its subtree that reach it only through `topic_levels` (delegated down from
 *   the banner; 5,000 events).
 */
import { chinaDay, meetingActivity, projectMeeting, projectTopic, summarizeMeeting, topicDashboard, type EventEnvelope } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase } from '../support/pocketbase';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function loop(t: FakeTablet, region: string): string {
	const topic = newId(t.clock);
	const task = newId(t.clock + 1);
	const objection = newId(t.clock + 2);
	t.record(topic, 'topic.submitted', { title: '草场流转纠纷', source: 'residents', submitter_name: '敖其尔', region });
	t.record(topic, 'topic.screened', { decision: 'accepted', rules: [{ kind: 'consult', text: '涉及群众切身利益的事' }] });
	t.record(topic, 'topic.scheduled', { title: '协商会' });
	t.record(topic, 'topic.outcome_recorded', { text: '续签三年' });
	t.record(topic, 'topic.notice_published', { text: '公示', starts_on: '2026-11-27', ends_on: '2026-12-03' });
	t.record(topic, 'topic.objection_recorded', { objection, text: '有异议' });
	t.record(topic, 'topic.objection_answered', { objection, answer: '已答复' });
	t.record(topic, 'topic.handed_over', { unit: '苏木政府' });
	t.record(topic, 'topic.task_added', { task, title: '签合同', owner: '斯琴', due_on: '2026-12-20' });
	t.record(topic, 'topic.progress_reported', { task, percent: 50 });
	t.record(topic, 'topic.progress_reported', { task, percent: 100 });
	t.record(topic, 'topic.evaluated', { satisfied: 5, basically_satisfied: 1, dissatisfied: 0, assessment: '好' });
	t.record(topic, 'topic.closed', {});
	t.record(topic, 'topic.closed', {}); // flagged
	return topic;
}

// --- projection and dashboard
{
	const t = new FakeTablet('tab-bench-topics', demo.venues.wulantuke, demo.userIds.wulantuke);
	const streams: string[] = [];
	for (let i = 0; i < 1000; i++) streams.push(loop(t, demo.regions.wulantuke));
	const byStream = new Map<string, EventEnvelope[]>();
	for (const e of t.events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
	const m = new FakeTablet('tab-bench-meetings');
	const meeting = m.openMeeting();
	const activity = meetingActivity(summarizeMeeting(projectMeeting(meeting, m.events)));
	const runs: number[] = [];
	for (let r = 0; r < 5; r++) {
		const start = performance.now();
		const topics = streams.map((s) => projectTopic(s, byStream.get(s)!));
		const d = topicDashboard(topics, Array.from({ length: 200 }, () => activity), chinaDay(Date.now()));
		if (d.total !== 1000) throw new Error('bad dashboard');
		runs.push(performance.now() - start);
	}
	print('topic_project_1k_ms', Number(median(runs).toFixed(1)), 'ms');
}

// --- pull through topic_levels
{
	const pb = await startPocketBase();
	try {
		const village = await signIn(pb.url, 'wulantuke');
		const banner = await signIn(pb.url, 'office');
		const office = await signIn(pb.url, 'officeAlbas');
		const v = new FakeTablet('tab-bench-village', demo.venues.wulantuke, demo.userIds.wulantuke);
		for (let i = 0; i < 500; i++) loop(v, demo.regions.wulantuke);
		const b = new FakeTablet('tab-bench-banner', demo.venues.kairong, demo.userIds.office);
		for (let i = 0; i < 500; i++) {
			const topic = newId(b.clock);
			b.record(topic, 'topic.submitted', { title: '旗级议题', source: 'government', submitter_name: '旗办', region: demo.regions.otog });
			b.record(topic, 'topic.delegated', { from_region: demo.regions.otog, to_region: demo.regions.albas, reason: '下放' });
			for (let k = 0; k < 8; k++) b.record(topic, 'topic.scheduled', { title: `会${k}` });
		}
		for (const [t, token] of [[v, village], [b, banner]] as const) {
			for (let i = 0; i < t.events.length; i += 500) {
				const res = await push(pb.url, token, t.chain.device, t.events.slice(i, i + 500));
				if (res.status !== 200) throw new Error(`push ${res.status}`);
			}
		}
		const runs: number[] = [];
		let count = 0;
		for (let r = 0; r < 3; r++) {
			const start = performance.now();
			count = (await pullAll(pb.url, office)).length;
			runs.push(performance.now() - start);
		}
		if (count !== 12_000) throw new Error(`office pulled ${count} events`);
		print('topic_pull_office_12k_ms', Math.round(median(runs)), 'ms');
	} finally {
		await pb.stop();
	}
}
