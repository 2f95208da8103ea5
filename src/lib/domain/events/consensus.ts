/**
 * Payload schemas of the consensus and photos of a meeting stream, version 1
 * (pocketbase/protocol.md, "Consensus, signatures, photos").
 * - `consensus.drafted`: a version of the agreed text; `text_sha256` must be the hash of the
 *   normalised text (see `../text-diff.ts`), so the tablet and the server agree on it.
 * - `consensus.signed`: a signature bound to a version's hash, a person and a capacity.
 * - `consensus.refused`: a recorded refusal with its reason (dissent stays on record).
 * - `photo.added`: a photo's hash and size; the JPEG itself is a PocketBase file with the same id.
 */
import * as z from 'zod';
import { envelopeSchemas } from '../envelope';
import { once } from '../once';
import { textSha256 } from '../text-diff';
import { personRef, signature, text } from './common';

export const CONSENSUS_CAPACITIES = ['participant', 'witness'] as const;
export type ConsensusCapacity = (typeof CONSENSUS_CAPACITIES)[number];

/** Longest consensus text, in UTF-16 code units. */
export const MAX_CONSENSUS_CHARS = 20_000;
export const MAX_REFUSAL_CHARS = 500;
/** Largest photo the tablet accepts from the camera (before it is scaled down). */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** Longest side of a stored photo. */
export const PHOTO_MAX_SIDE = 1600;

export const CONSENSUS_VERSIONS = {
	'consensus.drafted': [1],
	'consensus.signed': [1],
	'consensus.refused': [1],
	'photo.added': [1]
} as const;

function buildConsensusSchemas() {
	const { eventId } = envelopeSchemas();
	const sha = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');

	const draftedV1 = z
		.strictObject({
			text: text(MAX_CONSENSUS_CHARS),
			text_sha256: sha,
			previous: sha.optional()
		})
		.refine((p) => textSha256(p.text) === p.text_sha256, {
			message: 'does not match the SHA-256 of the normalised text',
			path: ['text_sha256']
		});

	const signedV1 = z.strictObject({
		version_sha256: sha,
		person: personRef(),
		capacity: z.enum(CONSENSUS_CAPACITIES),
		signature: signature()
	});

	const refusedV1 = z.strictObject({
		version_sha256: sha,
		person: personRef(),
		reason: text(MAX_REFUSAL_CHARS)
	});

	const photoAddedV1 = z.strictObject({
		photo: eventId,
		sha256: sha,
		bytes: z.number().int().min(1).max(MAX_PHOTO_BYTES),
		width: z.number().int().min(1).max(PHOTO_MAX_SIDE),
		height: z.number().int().min(1).max(PHOTO_MAX_SIDE)
	});

	return {
		'consensus.drafted': { 1: draftedV1 },
		'consensus.signed': { 1: signedV1 },
		'consensus.refused': { 1: refusedV1 },
		'photo.added': { 1: photoAddedV1 }
	} as const;
}

export const consensusSchemas = once(buildConsensusSchemas);
