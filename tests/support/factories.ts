/**
 * Test data from factories: a simulated tablet that seals real events on its own chain.
 */
import {
	newChain,
	observe,
	seal,
	uuidv7,
	type DeviceChain,
	type EventDraft,
	type EventEnvelope
} from '../../src/lib/domain';

let counter = 0;
/** Deterministic-looking but unique random bytes for ids in tests. */
export function testRandom(): Uint8Array {
	counter++;
	const bytes = new Uint8Array(10);
	for (let i = 0; i < 10; i++) bytes[i] = Math.floor(Math.random() * 256);
	bytes[9] = counter & 0xff;
	return bytes;
}

export function newId(nowMs = Date.now()): string {
	return uuidv7(nowMs, testRandom());
}

export const VENUE = 'kairongvenue001';
export const ACTOR = 'modkairong00001';

export class FakeTablet {
	chain: DeviceChain;
	events: EventEnvelope[] = [];
	clock: number;

	constructor(
		device: string,
		readonly venue = VENUE,
		readonly actor = ACTOR,
		start = Date.UTC(2026, 10, 26, 8)
	) {
		this.chain = newChain(device);
		this.clock = start;
	}

	record(stream: string, type: string, payload: Record<string, unknown>, v = 1): EventEnvelope {
		this.clock += 1000;
		const draft: EventDraft = { stream, venue: this.venue, actor: this.actor, type, v, payload };
		const { event, chain } = seal(this.chain, draft, newId(this.clock), this.clock);
		this.chain = chain;
		this.events.push(event);
		return event;
	}

	openMeeting(title = '凯荣小区电力设施改造协商会'): string {
		const stream = newId(this.clock);
		this.record(stream, 'meeting.opened', { title, form: 'in_person' });
		return stream;
	}

	checkIn(stream: string, person: string, role = 'resident_rep'): EventEnvelope {
		return this.record(stream, 'attendance.checked_in', { person, role, method: 'tap' });
	}

	revoke(stream: string, person: string, checkIns: readonly string[], reason?: string): EventEnvelope {
		const payload: Record<string, unknown> = { person, check_ins: [...checkIns] };
		if (reason !== undefined) payload.reason = reason;
		return this.record(stream, 'attendance.check_in_revoked', payload);
	}

	/** Registers a walk-in and returns the event; the walk-in's id is `payload.participant`. */
	registerWalkIn(stream: string, name: string, role = 'other', organisation?: string): EventEnvelope {
		const payload: Record<string, unknown> = { participant: newId(this.clock), name, role };
		if (organisation !== undefined) payload.organisation = organisation;
		return this.record(stream, 'participant.registered', payload);
	}

	changeDetails(stream: string, details: Record<string, unknown>): EventEnvelope {
		return this.record(stream, 'meeting.details_changed', details);
	}

	start(stream: string): EventEnvelope {
		return this.record(stream, 'meeting.started', {});
	}

	close(stream: string, note?: string): EventEnvelope {
		return this.record(stream, 'meeting.closed', note === undefined ? {} : { note });
	}

	/** Sees events made elsewhere (as a pull would): the next local event orders after them. */
	observe(events: readonly EventEnvelope[]): void {
		for (const e of events) this.chain = observe(this.chain, e.hlc, this.clock);
	}
}

/** A PocketBase-style record id (15 characters a-z, 0-9) for person number `n`. */
export function personId(n: number): string {
	return 'person' + String(n).padStart(9, '0');
}

/** A draft for `EventStore.append` in the test venue. */
export function draft(stream: string, type: string, payload: Record<string, unknown>, v = 1): EventDraft {
	return { stream, venue: VENUE, actor: ACTOR, type, v, payload };
}

/** A controllable clock for `EventStore` (same shape as its `Clock`). */
export class TestClock {
	constructor(public ms = Date.UTC(2026, 10, 26, 8)) {}
	now(): number {
		return this.ms;
	}
	random(bytes: number): Uint8Array {
		const out = new Uint8Array(bytes);
		out.set(testRandom().subarray(0, bytes));
		return out;
	}
}

/** A check-in by signature (`attendance.checked_in` v2) on a FakeTablet. */
export function signedCheckIn(
	t: FakeTablet,
	stream: string,
	person: string,
	signature: Record<string, unknown>,
	role = 'resident_rep'
): EventEnvelope {
	return t.record(stream, 'attendance.checked_in', { person, role, method: 'signature', signature }, 2);
}

export function checkOut(t: FakeTablet, stream: string, person: string): EventEnvelope {
	return t.record(stream, 'attendance.checked_out', { person });
}
