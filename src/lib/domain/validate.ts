/**
 * Validation of one event as received, shared by the tablet and the server hooks (bundled by
 * esbuild into pocketbase/pb_hooks/lib/domain.cjs): envelope, known type and version, payload.
 * Hash, chain, access and stream checks need state and live with the callers.
 */
import { describeIssues, envelopeSchemas, type EventEnvelope } from './envelope';
import { isKnownType, payloadSchema } from './events/registry';

export type Validation = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

export function validateEnvelope(raw: unknown): Validation {
	const parsed = envelopeSchemas().envelope.safeParse(raw);
	if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, raw) };
	return { ok: true, event: parsed.data };
}

export function validateEvent(raw: unknown): Validation {
	const envelope = validateEnvelope(raw);
	if (!envelope.ok) return envelope;
	const { type, v, payload } = envelope.event;
	if (!isKnownType(type)) return { ok: false, reason: `type: unknown event type "${type}"` };
	const schema = payloadSchema(type, v);
	if (!schema) return { ok: false, reason: `v: unknown version ${v} of ${type}` };
	const parsed = schema.safeParse(payload);
	if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, payload, 'payload') };
	return envelope;
}
