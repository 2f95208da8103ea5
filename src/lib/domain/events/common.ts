import * as z from 'zod';
import { eventId, recordId } from '../envelope';

/** Trimmed text of 1..max characters (JavaScript length: 200 Chinese characters are 200). */
export const text = (max: number) =>
	z
		.string()
		.max(max)
		.refine((s) => s.trim().length > 0, 'must not be empty');
export const optionalText = (max: number) => z.string().max(max).optional();

/** A person on a roster: a PocketBase `people` record, or a walk-in registered in the meeting. */
export const personRef = z.union([recordId, eventId], {
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
export const participantRole = z.enum(PARTICIPANT_ROLES);
