/**
 * Payload schemas of the members' home (委员之家) kiosk, version 1.
 *
 * Two kinds of stream, both at a venue of kind `members_home`:
 * - `kiosk_day`: one day at the door, opened by `kiosk.day_opened` (its local date, the kind of
 *   day, the members on duty); then check-ins, check-outs, revocations and residents' visits.
 * - `member_card`: one printed QR member card, opened by `card.issued`; `card.revoked` ends it.
 *   The card's id is its stream id. The QR holds an opaque random token that never appears in
 *   any event: only its SHA-256 does (a 128-bit random token cannot be guessed from its hash,
 *   unlike a phone number).
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { optionalText, personRef, signature, text } from './common';

export const KIOSK_DAY_KINDS = ['duty', 'activity', 'open_day'] as const;
export type KioskDayKind = (typeof KIOSK_DAY_KINDS)[number];

export const KIOSK_CHECK_IN_METHODS = ['signature', 'card'] as const;
export type KioskCheckInMethod = (typeof KIOSK_CHECK_IN_METHODS)[number];

/** At most this many members on duty in one day. */
export const MAX_ON_DUTY = 50;

/** `kiosk.day_opened` opens a day stream; `card.issued` opens a card's stream. */
export const KIOSK_STREAM_STARTS = { 'kiosk.day_opened': 'kiosk_day', 'card.issued': 'member_card' } as const;

export const KIOSK_VERSIONS = {
	'kiosk.day_opened': [1],
	'kiosk.checked_in': [1],
	'kiosk.checked_out': [1],
	'kiosk.check_in_revoked': [1],
	'kiosk.visit_noted': [1],
	'card.issued': [1],
	'card.revoked': [1]
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function isRealDate(s: string): boolean {
	if (!DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00.000Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function buildKioskSchemas() {
	const { eventId } = envelopeSchemas();
	const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');

	const dayOpenedV1 = z.strictObject({
		date: z.string().refine(isRealDate, 'expected a date like 2026-11-26'),
		kind: z.enum(KIOSK_DAY_KINDS),
		on_duty: z
			.array(personRef())
			.max(MAX_ON_DUTY)
			.refine((list) => new Set(list).size === list.length, 'a person is listed twice')
	});

	/** Signed on the screen, or shown a card (the card's id, i.e. its stream; never the token). */
	const checkedInV1 = z.discriminatedUnion('method', [
		z.strictObject({ person: personRef(), method: z.literal('signature'), signature: signature() }),
		z.strictObject({ person: personRef(), method: z.literal('card'), card: eventId })
	]);

	const checkedOutV1 = z.strictObject({ person: personRef() });

	const checkInRevokedV1 = z.strictObject({
		person: personRef(),
		check_ins: z.array(eventId).min(1).max(50),
		reason: optionalText(200)
	});

	/** A resident's visit and request, noted by the member on duty (a topic, once topics exist). */
	const visitNotedV1 = z.strictObject({
		visitor: optionalText(50),
		request: text(1000),
		noted_by: personRef()
	});

	const cardIssuedV1 = z.strictObject({ person: personRef(), token_sha256: sha256 });
	const cardRevokedV1 = z.strictObject({ reason: optionalText(200) });

	return {
		'kiosk.day_opened': { 1: dayOpenedV1 },
		'kiosk.checked_in': { 1: checkedInV1 },
		'kiosk.checked_out': { 1: checkedOutV1 },
		'kiosk.check_in_revoked': { 1: checkInRevokedV1 },
		'kiosk.visit_noted': { 1: visitNotedV1 },
		'card.issued': { 1: cardIssuedV1 },
		'card.revoked': { 1: cardRevokedV1 }
	} as const;
}

export const kioskSchemas = once(buildKioskSchemas);
