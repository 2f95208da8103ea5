/**
 * Payload schemas of the meeting stream, version 1. The first event of a meeting stream is
 * `meeting.opened` (sync protocol v1 fixes `title` and `form`; the rest is optional).
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { optionalText, participantRole, personRef, text } from './common';

export const MEETING_FORMS = ['in_person', 'written', 'online'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];

export const CHECK_IN_METHODS = ['tap', 'signature', 'card'] as const;

/** `meeting.opened` opens a meeting stream. */
export const MEETING_STREAM_STARTS = { 'meeting.opened': 'meeting' } as const;

/** The meeting stream's event types and the payload versions this build reads. */
export const MEETING_VERSIONS = {
	'meeting.opened': [1],
	'meeting.details_changed': [1],
	'meeting.started': [1],
	'meeting.closed': [1],
	'participant.registered': [1],
	'attendance.checked_in': [1],
	'attendance.check_in_revoked': [1]
} as const;

function buildMeetingSchemas() {
	const { eventId, isoUtc } = envelopeSchemas();
	const details = {
		title: text(200),
		form: z.enum(MEETING_FORMS),
		description: optionalText(4000),
		scheduled_at: isoUtc.optional(),
		place_note: optionalText(200),
		quorum: z.number().int().min(1).max(10_000).optional()
	};

	const meetingOpenedV1 = z.object(details);

	const meetingDetailsChangedV1 = z
		.strictObject({
			title: details.title.optional(),
			form: details.form.optional(),
			description: details.description,
			scheduled_at: details.scheduled_at,
			place_note: details.place_note,
			quorum: details.quorum
		})
		.refine((p) => Object.keys(p).length > 0, 'at least one detail must change');

	const meetingStartedV1 = z.strictObject({});
	const meetingClosedV1 = z.strictObject({ note: optionalText(500) });

	/** A walk-in registered on the spot: no account, no phone in the event. */
	const participantRegisteredV1 = z.strictObject({
		participant: eventId,
		name: text(50),
		role: participantRole(),
		organisation: optionalText(100)
	});

	const checkedInV1 = z.strictObject({
		person: personRef(),
		role: participantRole(),
		method: z.enum(CHECK_IN_METHODS)
	});

	/** Revokes the given check-in events of one person (a mistaken tap); both stay on record. */
	const checkInRevokedV1 = z.strictObject({
		person: personRef(),
		check_ins: z.array(eventId).min(1).max(50),
		reason: optionalText(200)
	});

	return {
		'meeting.opened': { 1: meetingOpenedV1 },
		'meeting.details_changed': { 1: meetingDetailsChangedV1 },
		'meeting.started': { 1: meetingStartedV1 },
		'meeting.closed': { 1: meetingClosedV1 },
		'participant.registered': { 1: participantRegisteredV1 },
		'attendance.checked_in': { 1: checkedInV1 },
		'attendance.check_in_revoked': { 1: checkInRevokedV1 }
	} as const;
}

/** Payload schemas by type and version, built on first use. */
export const meetingSchemas = once(buildMeetingSchemas);
