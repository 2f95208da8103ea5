/**
 * Payload schemas of the meeting stream. The first event of a meeting stream is `meeting.opened`
 * (sync protocol v1 fixes `title` and `form`; the rest is optional).
 * Attendance (issue 4): `attendance.checked_in` v2 may carry a handwritten signature (required
 * exactly when `method` is 'signature'; v1 stays readable and valid), `attendance.checked_out`
 * records a departure, `participant.registered` v2 may carry a walk-in's phone, masked only.
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { optionalText, participantRole, personRef, signature, text } from './common';

export const MEETING_FORMS = ['in_person', 'written', 'online'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];

export const CHECK_IN_METHODS = ['tap', 'signature', 'card'] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];

/** A mainland mobile number masked as 138****5678: the only form a phone is ever recorded in. */
export const MASKED_PHONE_PATTERN = /^1\d{2}\*{4}\d{4}$/;

/** `meeting.opened` opens a meeting stream. */
export const MEETING_STREAM_STARTS = { 'meeting.opened': 'meeting' } as const;

/** The meeting stream's event types and the payload versions this build reads. */
export const MEETING_VERSIONS = {
	'meeting.opened': [1],
	'meeting.details_changed': [1],
	'meeting.started': [1],
	'meeting.closed': [1],
	'participant.registered': [1, 2],
	'attendance.checked_in': [1, 2],
	'attendance.check_in_revoked': [1],
	'attendance.checked_out': [1]
} as const;

function buildMeetingSchemas() {
	const { eventId, isoUtc } = envelopeSchemas();
	const details = {
		title: text(200),
		form: z.enum(MEETING_FORMS),
		description: optionalText(4000),
		scheduled_at: isoUtc.optional(),
		place_note: optionalText(200),
		quorum: z.number().int().min(1).max(10_000).optional(),
		/** Whether a check-in needs the person's handwritten signature. */
		signature_required: z.boolean().optional()
	};

	const meetingOpenedV1 = z.object(details);

	const meetingDetailsChangedV1 = z
		.strictObject({
			title: details.title.optional(),
			form: details.form.optional(),
			description: details.description,
			scheduled_at: details.scheduled_at,
			place_note: details.place_note,
			quorum: details.quorum,
			signature_required: details.signature_required
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

	/** Version 2 adds the walk-in's phone, masked (138****5678): the full number is never recorded. */
	const participantRegisteredV2 = z.strictObject({
		participant: eventId,
		name: text(50),
		role: participantRole(),
		organisation: optionalText(100),
		phone_masked: z.string().regex(MASKED_PHONE_PATTERN, 'expected a masked mobile number such as 138****5678').optional()
	});

	const checkedInV1 = z.strictObject({
		person: personRef(),
		role: participantRole(),
		method: z.enum(CHECK_IN_METHODS)
	});

	/** Version 2: a check-in by signature carries the strokes and their hash; no other method does. */
	const checkedInV2 = z
		.strictObject({
			person: personRef(),
			role: participantRole(),
			method: z.enum(CHECK_IN_METHODS),
			signature: signature().optional()
		})
		.superRefine((p, ctx) => {
			if (p.method === 'signature' && !p.signature) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'required when method is signature' });
			if (p.method !== 'signature' && p.signature) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'only a check-in by signature carries one' });
		});

	/** The person left (a departure). A check-out without a standing check-in is ignored by the fold. */
	const checkedOutV1 = z.strictObject({ person: personRef() });

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
		'participant.registered': { 1: participantRegisteredV1, 2: participantRegisteredV2 },
		'attendance.checked_in': { 1: checkedInV1, 2: checkedInV2 },
		'attendance.check_in_revoked': { 1: checkInRevokedV1 },
		'attendance.checked_out': { 1: checkedOutV1 }
	} as const;
}

/** Payload schemas by type and version, built on first use. */
export const meetingSchemas = once(buildMeetingSchemas);
