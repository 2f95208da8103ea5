/**
 * Kiosk mode as a state of the tablet, not of one page: set when the kiosk screen opens (with an
 * exit PIN set), cleared only after the right PIN. Kept in localStorage so the root layout can read
 * it synchronously on a reload or a typed URL and show nothing but `/kiosk` while it is set.
 */
const KEY = 'yishi.kioskLocked';

function read(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1';
	} catch {
		return false;
	}
}

export class KioskLock {
	#locked = $state(read());

	get locked(): boolean {
		return this.#locked;
	}

	lock(): void {
		localStorage.setItem(KEY, '1');
		this.#locked = true;
	}

	/** Only after the PIN was verified (or when no PIN exists, so kiosk mode could never be left). */
	unlock(): void {
		localStorage.removeItem(KEY);
		this.#locked = false;
	}
}

/** Paths a locked tablet may show: the kiosk screen only. */
export function allowedWhileLocked(pathname: string): boolean {
	return pathname === '/kiosk' || pathname === '/kiosk/';
}
