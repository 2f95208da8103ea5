import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { MAX_STROKES_CHARS, signatureProblem, type SignatureProblem } from '../signature';

/**
 * At most `max` UTF-16 code units, as JavaScript counts `length` (sync protocol v1): 200 Chinese
 * characters are 200, and a character outside the BMP such as 𠮷 counts 2. (zod's `.max()` counts
 * code points, so it is not used for lengths.)
 */
export const maxLength = (max: number) =>
	z.string().refine((s) => s.length <= max, `Too big: expected string to have <=${max} characters`);
/** Text of 1..max code units that is not only spaces. */
export const text = (max: number) => maxLength(max).refine((s) => s.trim().length > 0, 'must not be empty');
export const optionalText = (max: number) => maxLength(max).optional();

/** A person on a roster: a PocketBase `people` record, or a walk-in registered in the meeting. */
export const personRef = () =>
	z.union([envelopeSchemas().recordId, envelopeSchemas().eventId], {
		error: 'expected a people record id or a walk-in participant id'
	});

export const PARTICIPANT_ROLES = [
	'resident_rep',
	'villager_rep',
	'party_member',
	'village_cadre',
	'grid_worker',
	'dept_official',
	'dispute_party',
	'cppcc_member',
	'other'
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const participantRole = () => z.enum(PARTICIPANT_ROLES);

/**
 * A handwritten signature as compact strokes with their hash (see `../signature.ts`): the tablet
 * and the server refuse the same empty, one-dot, oversized or tampered signatures.
 */
export const signature = () =>
	z
		.strictObject({
			w: z.number().int().min(100).max(4000),
			h: z.number().int().min(20).max(4000),
			strokes: maxLength(MAX_STROKES_CHARS),
			sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters')
		})
		.superRefine((sig, ctx) => {
			const problem = signatureProblem(sig);
			if (problem) ctx.addIssue({ code: 'custom', message: `signature: ${SIGNATURE_PROBLEM_TEXT[problem]}` });
		});

const SIGNATURE_PROBLEM_TEXT: Record<SignatureProblem, string> = {
	empty: 'no strokes',
	too_short: 'too little ink (a dot or a tap is not a signature)',
	too_large: 'too many strokes or points',
	out_of_box: 'a point lies outside the signature box',
	malformed: 'strokes are not well-formed',
	hash_mismatch: 'sha256 does not match the strokes'
};
