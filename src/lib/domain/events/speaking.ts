/**
 * Payload schemas of speaking turns (issue 5), version 1, in the meeting stream. A queue entry is
 * named by the id of its `speaker.queued` event (its "turn" id); every later event about it names
 * that id. Times of a turn are the `at` of its events (see `../speaking.ts`).
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { PARTICIPANT_ROLES, optionalText, participantRole, personRef, text } from './common';

export const TURN_KINDS = ['statement', 'addition', 'point_of_order', 'explanation'] as const;
export type TurnKind = (typeof TURN_KINDS)[number];

/** Bounds of a time limit and of one extension, in seconds. */
export const LIMIT_MIN_S = 10;
export const LIMIT_MAX_S = 3600;
export const EXTEND_MAX_S = 600;
export const MAX_SIDES = 4;
export const NOTE_MAX = 1000;

export const SPEAKING_VERSIONS = {
	'speaking.settings_set': [1],
	'speaking.sides_set': [1],
	'speaker.queued': [1],
	'speaker.moved': [1],
	'speaker.removed': [1],
	'speaker.requeued': [1],
	'turn.started': [1],
	'turn.paused': [1],
	'turn.resumed': [1],
	'turn.extended': [1],
	'turn.ended': [1],
	'turn.noted': [1],
	'turn.note_corrected': [1]
} as const;

function buildSpeakingSchemas() {
	const { eventId } = envelopeSchemas();
	const seconds = (min: number, max: number) => z.number().int().min(min).max(max);
	const limit = seconds(LIMIT_MIN_S, LIMIT_MAX_S);
	const roleLimits = z
		.record(z.string(), limit)
		.refine((r) => Object.keys(r).every((k) => (PARTICIPANT_ROLES as readonly string[]).includes(k)), 'unknown role');

	const settingsSetV1 = z
		.strictObject({
			default_s: limit.optional(),
			warning_s: seconds(0, 600).optional(),
			point_of_order_s: limit.optional(),
			role_limits: roleLimits.optional(),
			officials_last: z.boolean().optional(),
			equal_time: z.boolean().optional()
		})
		.refine((p) => Object.keys(p).length > 0, 'at least one setting must change');

	const sidesSetV1 = z.strictObject({
		sides: z
			.array(z.strictObject({ name: text(50), persons: z.array(personRef()).max(200) }))
			.max(MAX_SIDES)
	});

	const turn = eventId;
	const queuedV1 = z.strictObject({
		person: personRef(),
		role: participantRole(),
		kind: z.enum(TURN_KINDS),
		/** Placed right before this waiting turn; at the end when absent or no longer waiting. */
		before: eventId.optional()
	});
	const movedV1 = z.strictObject({ turn, before: eventId.nullable() });
	const removedV1 = z.strictObject({ turn, reason: optionalText(200) });
	const requeuedV1 = z.strictObject({ turn });
	const startedV1 = z.strictObject({ turn, limit_s: limit });
	const pausedV1 = z.strictObject({ turn });
	const resumedV1 = z.strictObject({ turn });
	const extendedV1 = z.strictObject({ turn, seconds: seconds(1, EXTEND_MAX_S) });
	const endedV1 = z.strictObject({ turn });
	const notedV1 = z.strictObject({ turn, note: text(NOTE_MAX) });
	const noteCorrectedV1 = z.strictObject({ turn, note: text(NOTE_MAX), corrects: eventId, reason: optionalText(200) });

	return {
		'speaking.settings_set': { 1: settingsSetV1 },
		'speaking.sides_set': { 1: sidesSetV1 },
		'speaker.queued': { 1: queuedV1 },
		'speaker.moved': { 1: movedV1 },
		'speaker.removed': { 1: removedV1 },
		'speaker.requeued': { 1: requeuedV1 },
		'turn.started': { 1: startedV1 },
		'turn.paused': { 1: pausedV1 },
		'turn.resumed': { 1: resumedV1 },
		'turn.extended': { 1: extendedV1 },
		'turn.ended': { 1: endedV1 },
		'turn.noted': { 1: notedV1 },
		'turn.note_corrected': { 1: noteCorrectedV1 }
	} as const;
}

export const speakingSchemas = once(buildSpeakingSchemas);
