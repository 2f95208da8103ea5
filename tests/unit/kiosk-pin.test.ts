import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../src/lib/storage';
import { KioskPin } from '../../src/lib/state/kiosk-pin';

const stores: EventStore[] = [];
afterEach(() => {
	for (const s of stores.splice(0)) s.close();
});
function store(): EventStore {
	const s = new EventStore(`kiosk-pin-${Math.random()}`);
	stores.push(s);
	return s;
}

describe('the kiosk exit PIN', () => {
	it('is 4–8 digits typed twice, kept as a salted hash, and only that PIN unlocks', async () => {
		const s = store();
		const pin = new KioskPin(s);
		expect(await pin.isSet()).toBe(false);
		expect(await pin.verify('2468')).toBe(false); // nothing unlocks before a PIN is set
		expect(await pin.set('12', '12')).toBe('pin_format');
		expect(await pin.set('12345678a', '12345678a')).toBe('pin_format');
		expect(await pin.set('2468', '2469')).toBe('pin_mismatch');
		expect(await pin.isSet()).toBe(false);
		expect(await pin.set('2468', '2468')).toBeNull();
		expect(await pin.isSet()).toBe(true);
		expect(await pin.verify('2468')).toBe(true);
		for (const wrong of ['0000', '24680', '', '2468 ', '8642']) expect(await pin.verify(wrong)).toBe(false);
		const stored = JSON.stringify(await s.getMeta('kioskPin'));
		expect(stored).not.toContain('2468');
		expect(stored).toMatch(/"salt":"[0-9a-f]{32}"/);
		// the same PIN set again gets a new salt and hash
		await pin.set('2468', '2468');
		expect(JSON.stringify(await s.getMeta('kioskPin'))).not.toBe(stored);
		// nothing of it is an event
		expect(await s.pendingCount()).toBe(0);
	});
});
