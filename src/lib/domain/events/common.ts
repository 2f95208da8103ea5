import * as z from 'zod';
import { envelopeSchemas } from '../envelope';

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
