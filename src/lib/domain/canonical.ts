/**
 * Event hashing: SHA-256 (lowercase hex) of the RFC 8785 (JCS) canonical JSON of the event
 * without its `hash` field. `canonicalize` is the implementation listed by the RFC; SHA-256 is
 * @noble/hashes, synchronous and identical in the browser and Node.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function canonicalJson(value: unknown): string {
	const text = canonicalize(value);
	if (text === undefined) throw new Error('value has no JSON form');
	return text;
}

export function sha256Hex(text: string): string {
	return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The exact text that an event's `hash` is computed over. */
export function hashInput(event: Readonly<Record<string, unknown>>): string {
	const rest: Record<string, unknown> = { ...event };
	delete rest.hash;
	return canonicalJson(rest);
}

export function eventHash(event: Readonly<Record<string, unknown>>): string {
	return sha256Hex(hashInput(event));
}
