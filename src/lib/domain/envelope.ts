/**
 * The event envelope of sync protocol v1 (../shared/docs/sync-protocol.md and pocketbase/protocol.md):
 * exactly these fields, no others. Payloads are checked per type and version in `events/`.
 */
import * as z from 'zod';
import { DEVICE_PATTERN, EVENT_ID_PATTERN, RECORD_ID_PATTERN } from './ids';
import { HLC_PATTERN } from './hlc';
import { once } from './once';

export const HASH_PATTERN = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function buildEnvelope() {
	const eventId = z.string().regex(EVENT_ID_PATTERN, 'expected 32 lowercase hex characters');
	const recordId = z.string().regex(RECORD_ID_PATTERN, 'expected a record id (15 characters a-z, 0-9)');
	const isoUtc = z
		.string()
		.regex(ISO_UTC, 'expected an ISO 8601 UTC time like 2026-11-26T08:00:00.000Z')
		.refine(
			(s) => !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().slice(0, 19) === s.slice(0, 19),
			'not a real date and time'
		);
	const envelope = z.strictObject({
		id: eventId,
		stream: eventId,
		venue: recordId,
		device: z.string().regex(DEVICE_PATTERN, 'expected 1-64 characters of a-z, 0-9 and -'),
		seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
		hlc: z.string().regex(HLC_PATTERN, 'expected 15 digits, a colon and 5 digits'),
		at: isoUtc,
		actor: recordId,
		type: z
			.string()
			.min(1)
			.refine((s) => s.length <= 64, 'Too big: expected string to have <=64 characters'),
		v: z.number().int().min(1).max(999),
		payload: z.record(z.string(), z.unknown()),
		prev: z.union([z.literal(''), z.string().regex(HASH_PATTERN, 'expected 64 lowercase hex characters')]),
		hash: z.string().regex(HASH_PATTERN, 'expected 64 lowercase hex characters')
	});
	return { eventId, recordId, isoUtc, envelope };
}

/** The envelope schema and the field schemas payloads reuse, built on first use. */
export const envelopeSchemas = once(buildEnvelope);

/** An event as it travels and is stored; `payload` is typed per event type in `events/`. */
export type EventEnvelope = z.infer<ReturnType<typeof buildEnvelope>['envelope']>;

/** One-line reasons like "payload.person: required", the same in the browser and in the hooks. */
export function describeIssues(error: z.ZodError, input: unknown, prefix = ''): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => {
			const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
			const missing = issue.code !== 'unrecognized_keys' && valueAt(input, issue.path) === undefined;
			const message = missing ? 'required' : issue.message;
			return path ? `${path}: ${message}` : message;
		})
		.join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}
