import { describe, expect, it } from 'vitest';
import { eventHash, projectMeeting, validateEvent } from '../../src/lib/domain';
import { FakeTablet } from '../support/factories';

describe('domain smoke', () => {
	it('seals, validates and projects a meeting', () => {
		const t = new FakeTablet('tab-a');
		const m = t.openMeeting();
		const c = t.checkIn(m, 'person000000001');
		expect(validateEvent(c)).toMatchObject({ ok: true });
		expect(eventHash(c)).toBe(c.hash);
		const s = projectMeeting(m, t.events);
		expect(s.present).toBe(1);
		expect(s.title).toBe('凯荣小区电力设施改造协商会');
	});
});
