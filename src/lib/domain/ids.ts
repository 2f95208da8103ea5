/**
 * Identifiers made on the device: UUID v7 written as 32 lowercase hex characters (no dashes).
 * Time and randomness are arguments, so the function stays pure and testable.
 */
export const EVENT_ID_PATTERN = /^[0-9a-f]{32}$/;
/** PocketBase record ids: 15 characters of [a-z0-9] by default. */
export const RECORD_ID_PATTERN = /^[a-z0-9]{15}$/;
export const DEVICE_PATTERN = /^[a-z0-9-]{1,64}$/;

function hex(bytes: ArrayLike<number>): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) out += (bytes[i]! & 0xff).toString(16).padStart(2, '0');
	return out;
}

/** A UUID v7 as 32 hex characters: 48 bits of milliseconds, version 7, variant 10, random bits. */
export function uuidv7(nowMs: number, random: Uint8Array): string {
	if (random.length < 10) throw new Error('uuidv7 needs at least 10 random bytes');
	const bytes = new Uint8Array(16);
	let ms = Math.max(0, Math.floor(nowMs));
	for (let i = 5; i >= 0; i--) {
		bytes[i] = ms % 256;
		ms = Math.floor(ms / 256);
	}
	for (let i = 6; i < 16; i++) bytes[i] = random[i - 6]!;
	bytes[6] = (bytes[6]! & 0x0f) | 0x70;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	return hex(bytes);
}

/** A device name for one installation: "tab-" and 12 hex characters. */
export function deviceName(random: Uint8Array): string {
	return 'tab-' + hex(random.subarray(0, 6));
}
