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

/**
 * UTF-8 bytes of a string without TextEncoder, which PocketBase's JS runtime (goja) lacks: the
 * bundled schemas hash texts and signatures there too. Lone surrogates become U+FFFD, as in
 * TextEncoder.
 */
export function utf8Encode(text: string): Uint8Array {
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i++;
			}
		}
		if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
		if (c < 0x80) out.push(c);
		else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
		else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
		else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
	}
	return Uint8Array.from(out);
}

export function sha256Hex(text: string): string {
	return bytesToHex(sha256(typeof TextEncoder === 'undefined' ? utf8Encode(text) : utf8ToBytes(text)));
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
