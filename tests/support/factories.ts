/**
 * Test data from factories: a simulated tablet that seals real events on its own chain.
 */
import { newChain, seal, uuidv7, type DeviceChain, type EventDraft, type EventEnvelope } from '../../src/lib/domain';

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
}
