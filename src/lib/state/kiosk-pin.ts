/**
 * The moderator's PIN that leaves kiosk mode. Set on this tablet only, stored in its IndexedDB
 * as a salted PBKDF2-SHA-256 hash (WebCrypto), never in an event and never sent anywhere.
 */
import type { EventStore } from '$lib/storage';

const KEY = 'kioskPin';
const ITERATIONS = 150_000;
export const PIN_PATTERN = /^\d{4,8}$/;

interface StoredPin {
	salt: string;
	hash: string;
	iterations: number;
}

const hex = (bytes: ArrayBuffer | Uint8Array) =>
	Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
		key,
		256
	);
	return hex(bits);
}

export type PinProblem = 'pin_format' | 'pin_mismatch';

export class KioskPin {
	constructor(private readonly store: EventStore) {}

	async isSet(): Promise<boolean> {
		return !!(await this.store.getMeta<StoredPin>(KEY));
	}

	/** Sets the PIN (4–8 digits, typed twice). */
	async set(pin: string, again: string): Promise<PinProblem | null> {
		if (!PIN_PATTERN.test(pin)) return 'pin_format';
		if (pin !== again) return 'pin_mismatch';
		const salt = crypto.getRandomValues(new Uint8Array(16));
		const stored: StoredPin = { salt: hex(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS };
		await this.store.setMeta(KEY, stored);
		return null;
	}

	/** Whether this is the PIN. With no PIN set, nothing unlocks (the setup page sets one first). */
	async verify(pin: string): Promise<boolean> {
		const stored = await this.store.getMeta<StoredPin>(KEY);
		if (!stored || !PIN_PATTERN.test(pin)) return false;
		const hash = await derive(pin, unhex(stored.salt), stored.iterations);
		let diff = 0;
		for (let i = 0; i < hash.length; i++) diff |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
		return diff === 0 && hash.length === stored.hash.length;
	}
}
