/**
 * The speaking desk over a real event store (fake-indexeddb) and a live meeting: each bad input is
 * refused with a reason and records nothing; good input records one event and the view follows.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../src/lib/storage';
import { LiveMeeting } from '../../src/lib/state/live-meeting.svelte';
import { REFERENCE_USER_KEY } from '../../src/lib/state/session.svelte';
import { SpeakingDesk } from '../../src/lib/state/speaking.svelte';
import { draft, newId, personId, TestClock, VENUE, ACTOR } from '../support/factories';

const open: EventStore[] = [];
const lives: LiveMeeting[] = [];
afterEach(() => {
	for (const l of lives.splice(0)) l.stop();
	for (const s of open.splice(0)) s.close();
});

async function setup() {
	const clock = new TestClock();
	const store = new EventStore(`yishi-speak-${newId()}`, clock);
	open.push(store);
	const user = { id: ACTOR, email: 'mod@yishi.demo', name: '主持人', role: 'moderator' as const, venues: [VENUE], region: '' };
	await store.replaceReference([{ id: VENUE, name: '林原村协商议事室', kind: 'consultation_room', region: '', regionName: '' }], []);
	await store.setMeta(REFERENCE_USER_KEY, user.id);
	const stream = newId();
	await store.append(draft(stream, 'meeting.opened', { title: '林原村土地纠纷协商会', form: 'in_person' }));
	await store.append(draft(stream, 'meeting.started', {}));
	for (const n of [1, 2]) await store.append(draft(stream, 'attendance.checked_in', { person: personId(n), role: 'dispute_party', method: 'tap' }));
	const live = new LiveMeeting(store, stream, user);
	await live.start();
	lives.push(live);
	const desk = new SpeakingDesk(live);
	const count = async () => (await store.streamEvents(stream)).length;
	return { store, clock, live, desk, count, stream };
}

describe('SpeakingDesk', () => {
	it('refuses bad input with a reason and records nothing', async () => {
		const { desk, count, clock } = await setup();
		const n0 = await count();
		expect(await desk.queue(personId(9), 'statement')).toBe('not_present');
		expect(await desk.end()).toBe('no_turn');
		expect(await desk.pause()).toBe('no_turn');
		expect(await desk.extend(60)).toBe('no_turn');
		expect(await desk.start()).toBe('not_waiting');
		expect(await count()).toBe(n0);

		expect(await desk.queue(personId(1), 'statement')).toBeNull();
		expect(await desk.queue(personId(1), 'addition')).toBe('already_waiting');
		expect(await desk.queue(personId(2), 'statement')).toBeNull();
		expect(await count()).toBe(n0 + 2);
		const [first, second] = desk.state.queue;
		expect(await desk.start(first!.id)).toBeNull();
		clock.ms += 30_000;
		const n1 = await count();
		expect(await desk.start(second!.id)).toBe('turn_running');
		expect(await desk.extend(-60)).toBe('bad_extension');
		expect(await desk.extend(100_000)).toBe('extension_too_long');
		expect(await desk.resume()).toBe('not_paused');
		expect(await desk.end('字'.repeat(1001))).toBe('note_too_long');
		expect(await desk.setSides([{ name: '王家', persons: [personId(1)] }, { name: '李家', persons: [personId(1)] }])).toBe('person_in_two_sides');
		expect(await desk.setSettings({ defaultS: 0, officialS: 300, warningS: 30, equalTime: true })).toBe('bad_limit');
		expect(await count()).toBe(n1);
		expect(desk.state.current?.id).toBe(first!.id);
	});

	it('records a whole turn: start, extend, end with a note, correct the note', async () => {
		const { desk, count, clock } = await setup();
		await desk.queue(personId(1), 'statement');
		const n0 = await count();
		expect(await desk.start()).toBeNull();
		expect(desk.state.current?.limitS).toBe(180);
		clock.ms += 100_000;
		expect(await desk.extend(60)).toBeNull();
		clock.ms += 150_000;
		expect(await desk.end('要求重新丈量')).toBeNull();
		expect(await count()).toBe(n0 + 4); // started, extended, ended, noted
		const turn = desk.state.turns[0]!;
		expect(turn).toMatchObject({ status: 'ended', durationS: 250, overrunS: 10, extendedS: 60, note: '要求重新丈量' });
		expect(await desk.note(turn.id, '要求按合同重新丈量')).toBeNull();
		expect(desk.state.turns[0]).toMatchObject({ note: '要求按合同重新丈量', originalNote: '要求重新丈量' });
		expect(desk.state.turns[0]!.notes[1]!.corrects).toBe(desk.state.turns[0]!.notes[0]!.event);
		expect(await desk.end()).toBe('no_turn');
	});
});
