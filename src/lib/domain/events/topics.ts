/**
 * Payload schemas of the topic stream (议题), version 1. A topic is its own stream, opened by
 * `topic.submitted`; its venue is fixed there (access), its current level (region) is in the
 * projection (`domain/topics.ts`). Which transitions are legal is decided by the pure rules in
 * `domain/topics.ts`, not here: the server checks shapes only.
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { optionalText, text } from './common';

export const TOPIC_SOURCES = ['government', 'residents', 'members', 'society'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

export const SCREENING_DECISIONS = ['accepted', 'not_accepted'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

export const SCREENING_RULE_KINDS = ['consult', 'not_consult'] as const;
export type ScreeningRuleKind = (typeof SCREENING_RULE_KINDS)[number];

/** `topic.submitted` opens a topic stream. */
/** Most photos one progress update lists. */
export const MAX_PROGRESS_PHOTOS = 10;

export const TOPIC_STREAM_STARTS = { 'topic.submitted': 'topic' } as const;

export const TOPIC_VERSIONS = {
	'topic.submitted': [1],
	'topic.screened': [1],
	'topic.escalated': [1],
	'topic.delegated': [1],
	'topic.scheduled': [1],
	'topic.outcome_recorded': [1],
	'topic.notice_published': [1],
	'topic.objection_recorded': [1],
	'topic.objection_answered': [1],
	'topic.handed_over': [1],
	'topic.task_added': [1],
	'topic.progress_reported': [1],
	'topic.evaluated': [1],
	'topic.closed': [1]
} as const;

export type TopicEventType = keyof typeof TOPIC_VERSIONS;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day `YYYY-MM-DD` that exists. */
export function isDay(s: string): boolean {
	if (!DAY.test(s)) return false;
	const d = new Date(`${s}T00:00:00.000Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function buildTopicSchemas() {
	const { eventId, recordId, isoUtc } = envelopeSchemas();
	const day = z.string().refine(isDay, 'expected a day like 2026-11-26');
	const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');

	const submittedV1 = z.strictObject({
		title: text(200),
		source: z.enum(TOPIC_SOURCES),
		submitter_name: text(50),
		description: optionalText(4000),
		/** The level the topic is raised at: a region id (usually the venue's region). */
		region: recordId,
		place_note: optionalText(200),
		/** The `kiosk.visit_noted` event this topic was made from (a resident's request at the members' home). */
		kiosk_visit: eventId.optional()
	});

	/** A checklist item as it read when applied: the record stands if the checklist changes. */
	const appliedRule = z.strictObject({
		rule: optionalText(64),
		kind: z.enum(SCREENING_RULE_KINDS),
		text: text(300)
	});
	const screenedV1 = z
		.strictObject({
			decision: z.enum(SCREENING_DECISIONS),
			rules: z.array(appliedRule).max(30),
			reason: optionalText(1000)
		})
		.refine((p) => p.decision === 'accepted' || (p.reason ?? '').trim().length > 0, {
			message: 'a topic not accepted needs the reason told to the submitter',
			path: ['reason']
		});

	const move = z.strictObject({ from_region: recordId, to_region: recordId, reason: text(1000) });

	const scheduledV1 = z.strictObject({
		/** The meeting stream, when the meeting is on record; else just its title. */
		meeting: eventId.optional(),
		title: text(200),
		scheduled_at: isoUtc.optional()
	});

	const outcomeV1 = z.strictObject({
		meeting: eventId.optional(),
		text: text(4000),
		/** The hash of the signed consensus version, once consensus is recorded in meetings. */
		consensus_hash: hash.optional()
	});

	const noticeV1 = z.strictObject({ text: text(4000), starts_on: day, ends_on: day });
	const objectionV1 = z.strictObject({ objection: eventId, by_name: optionalText(50), text: text(1000) });
	const answerV1 = z.strictObject({ objection: eventId, answer: text(1000) });
	const handedOverV1 = z.strictObject({ unit: text(100), note: optionalText(1000) });
	const taskV1 = z.strictObject({ task: eventId, title: text(200), owner: text(100), due_on: day });
	const progressV1 = z.strictObject({
		task: eventId,
		percent: z.number().int().min(0).max(100),
		note: optionalText(1000),
		/** Photos taken with this update: ids of `photo.added` events of the same topic stream. */
		photos: z.array(eventId).min(1).max(MAX_PROGRESS_PHOTOS).optional()
	});
	const evaluatedV1 = z.strictObject({
		satisfied: z.number().int().min(0).max(100_000),
		basically_satisfied: z.number().int().min(0).max(100_000),
		dissatisfied: z.number().int().min(0).max(100_000),
		assessment: text(2000)
	});
	const closedV1 = z.strictObject({ note: optionalText(1000) });

	return {
		'topic.submitted': { 1: submittedV1 },
		'topic.screened': { 1: screenedV1 },
		'topic.escalated': { 1: move },
		'topic.delegated': { 1: move },
		'topic.scheduled': { 1: scheduledV1 },
		'topic.outcome_recorded': { 1: outcomeV1 },
		'topic.notice_published': { 1: noticeV1 },
		'topic.objection_recorded': { 1: objectionV1 },
		'topic.objection_answered': { 1: answerV1 },
		'topic.handed_over': { 1: handedOverV1 },
		'topic.task_added': { 1: taskV1 },
		'topic.progress_reported': { 1: progressV1 },
		'topic.evaluated': { 1: evaluatedV1 },
		'topic.closed': { 1: closedV1 }
	} as const;
}

export const topicSchemas = once(buildTopicSchemas);
