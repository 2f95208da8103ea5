/**
 * The links between features: a kiosk visit made a topic (`kiosk_visit` on `topic.submitted`),
 * and the meeting's signed consensus as a topic's outcome (`consensusOutcome`).
 */
import { describe, expect, it } from 'vitest';
import {
	consensusOutcome,
	draftPayload,
	inCanonicalOrder,
	projectConsensus,
	projectMeeting,
	projectTopic,
	topicRuleError,
	topicsOfVisits,
	validateEvent,
	visitTopicProblem,
	type TopicState
} from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const HOME = 'vnuzhujiang0000';
const REGION = 'rgnzhujiang0000';

function submit(t: FakeTablet, extra: Record<string, unknown> = {}) {
	const topic = newId(t.clock);
	const e = t.record(topic, 'topic.submitted', {
		title: '楼下有人遛狗不拴绳',
		source: 'residents',
		submitter_name: '赵桂芝',
		description: '楼下有人遛狗不拴绳，希望加强宠物管理',
		region: REGION,
		...extra
	});
	return { topic, e };
}

describe('a kiosk visit made a topic', () => {
	it('topic.submitted may name the visit (an event id); the projection keeps it', () => {
		const t = new FakeTablet('tab-kiosk', HOME);
		const visit = newId(t.clock);
		const { topic, e } = submit(t, { kiosk_visit: visit });
		expect(validateEvent(e)).toMatchObject({ ok: true });
		expect(projectTopic(topic, t.events).kioskVisit).toBe(visit);
		const plain = submit(t);
		expect(validateEvent(plain.e)).toMatchObject({ ok: true });
		expect(projectTopic(plain.topic, t.events).kioskVisit).toBeNull();
		const bad = submit(t, { kiosk_visit: 'not-an-event-id' });
		expect(validateEvent(bad.e)).toMatchObject({ ok: false, reason: expect.stringContaining('payload.kiosk_visit') });
	});

	it('knows which visits became topics, refuses a second one, and shows the first of two made offline', () => {
		const a = new FakeTablet('tab-a', HOME);
		const b = new FakeTablet('tab-b', HOME, undefined, a.clock + 5000);
		const visit = newId(a.clock);
		const other = newId(a.clock + 1);
		const first = submit(a, { kiosk_visit: visit });
		const second = submit(b, { kiosk_visit: visit });
		const unrelated = submit(a);
		const topics: TopicState[] = [second, first, unrelated].map((x) => projectTopic(x.topic, [...a.events, ...b.events]));
		const made = topicsOfVisits(topics);
		expect([...made.keys()]).toEqual([visit]);
		expect(made.get(visit)!.stream).toBe(first.topic);
		expect(topicsOfVisits([...topics].reverse()).get(visit)!.stream).toBe(first.topic);
		expect(visitTopicProblem({ event: visit, request: '宠物管理' }, made)).toBe('already_topic');
		expect(visitTopicProblem({ event: other, request: '楼道杂物' }, made)).toBeNull();
		expect(visitTopicProblem({ event: other, request: '  ' }, made)).toBe('no_request');
	});
});

describe("the meeting's signed consensus as a topic's outcome", () => {
	const TEXT_1 = '楼道杂物由各楼栋长组织清理，每月检查一次。';
	const TEXT_2 = '楼道杂物由各楼栋长组织清理，每两周检查一次。';

	function setup() {
		const t = new FakeTablet('tab-m', HOME);
		const meeting = t.openMeeting('珠江社区楼道杂物协商会');
		t.start(meeting);
		const [A, B, C] = [personId(1), personId(2), personId(3)];
		t.checkIn(meeting, A);
		t.checkIn(meeting, B);
		const { topic } = submit(t);
		t.record(topic, 'topic.screened', { decision: 'accepted', rules: [] });
		t.record(topic, 'topic.scheduled', { title: '珠江社区楼道杂物协商会', meeting });
		const sign = (sha: string, person: string) =>
			t.record(meeting, 'consensus.signed', { version_sha256: sha, person, capacity: 'participant', signature: handwrittenSignature(person.length) });
		const draft = (text: string) =>
			t.record(meeting, 'consensus.drafted', draftPayload(projectConsensus(meeting, inCanonicalOrder(t.events)), text)).payload.text_sha256 as string;
		const check = () => {
			const present = Object.values(projectMeeting(meeting, t.events).attendance)
				.filter((x) => x.present)
				.map((x) => x.person);
			return consensusOutcome(projectTopic(topic, t.events), meeting, projectConsensus(meeting, inCanonicalOrder(t.events)), present);
		};
		return { t, meeting, topic, A, B, C, sign, draft, check };
	}

	it('is offered only when everyone present signed the current version', () => {
		const { t, meeting, topic, A, B, C, sign, draft, check } = setup();
		expect(check()).toEqual({ ok: false, problem: 'no_consensus', unsigned: [] });
		const v1 = draft(TEXT_1);
		expect(check()).toMatchObject({ ok: false, problem: 'not_all_signed', unsigned: [A, B] });
		sign(v1, A);
		t.record(meeting, 'consensus.refused', { version_sha256: v1, person: B, reason: '检查太少' });
		expect(check()).toMatchObject({ ok: false, problem: 'not_all_signed', unsigned: [B] });
		sign(v1, B);
		expect(check()).toEqual({ ok: true, payload: { text: TEXT_1, meeting, consensus_hash: v1 } });

		// A new version replaces the signed one: everyone signs again.
		const v2 = draft(TEXT_2);
		expect(check()).toMatchObject({ ok: false, problem: 'not_all_signed', unsigned: [A, B] });
		sign(v2, A);
		sign(v2, B);
		// Someone arrives late: they must sign too.
		t.checkIn(meeting, C);
		expect(check()).toMatchObject({ ok: false, problem: 'not_all_signed', unsigned: [C] });
		sign(v2, C);
		const ok = check();
		expect(ok).toEqual({ ok: true, payload: { text: TEXT_2, meeting, consensus_hash: v2 } });

		// The payload is a valid outcome for a scheduled topic, and the projection keeps the hash.
		if (!ok.ok) throw new Error('unreachable');
		expect(topicRuleError(projectTopic(topic, t.events), 'topic.outcome_recorded', ok.payload)).toBeNull();
		const e = t.record(topic, 'topic.outcome_recorded', { ...ok.payload });
		expect(validateEvent(e)).toMatchObject({ ok: true });
		const state = projectTopic(topic, t.events);
		expect(state.outcome).toMatchObject({ text: TEXT_2, meeting, consensusHash: v2 });
		expect(state.status).toBe('consulted');
		// A second outcome is refused by the topic's rules.
		expect(topicRuleError(state, 'topic.outcome_recorded', ok.payload)).toMatchObject({ code: 'outcome_twice' });
	});

	it('needs someone present, the topic scheduled for this meeting, and a text that fits an outcome', () => {
		const { t, meeting, topic, A, B, sign, draft } = setup();
		const v1 = draft(TEXT_1);
		sign(v1, A);
		sign(v1, B);
		const state = projectTopic(topic, t.events);
		const consensus = projectConsensus(meeting, inCanonicalOrder(t.events));
		expect(consensusOutcome(state, meeting, consensus, [])).toMatchObject({ ok: false, problem: 'nobody_present' });
		expect(consensusOutcome(state, newId(), consensus, [A, B])).toMatchObject({ ok: false, problem: 'not_scheduled_here' });
		const long = { current: { text: '议'.repeat(4001), sha256: v1 }, signedCurrent: { [A]: true } };
		expect(consensusOutcome(state, meeting, long, [A])).toMatchObject({ ok: false, problem: 'too_long' });
		expect(consensusOutcome(state, meeting, consensus, [A, B])).toMatchObject({ ok: true });
	});
});
