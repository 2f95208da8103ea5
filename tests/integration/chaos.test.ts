/**
 * The promise of sync protocol v1 as a property: N tablets record one meeting through a network
 * that loses requests and answers, delivers requests twice (the copy late) and delays them, with
 * syncs interleaved at random. In the end every event is on the server exactly once, and every
 * tablet's projection of the meeting is identical, whatever the delivery order was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectMeeting, standingCheckIns, uuidv7 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { pullAll, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { tablet, type Tablet } from '../support/tablet';
import { seededRandom } from '../support/random';

let pb: PocketBaseHandle;
const faults = { lost: 0, duplicated: 0, answerLost: 0 };

beforeAll(async () => {
	pb = await startPocketBase();
});
afterAll(async () => {
	await pb?.stop();
});

const op = fc.oneof(
	fc.record({ kind: fc.constant('check_in' as const), who: fc.nat(11) }),
	fc.record({ kind: fc.constant('revoke' as const), who: fc.nat(11) }),
	fc.record({ kind: fc.constant('walk_in' as const), name: fc.constantFrom('张三', '李四', '王五', '赵六') }),
	fc.record({ kind: fc.constant('rename' as const), title: fc.string({ minLength: 1, maxLength: 20 }) }),
	fc.record({ kind: fc.constant('sync' as const) })
);

it('every event reaches the server exactly once and all tablets converge', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.integer({ min: 2, max: 3 }),
			fc.array(fc.tuple(fc.nat(2), op), { minLength: 10, maxLength: 40 }),
			fc.integer(),
			async (count, steps, seed) => {
				const random = seededRandom(seed);
				const tablets: Tablet[] = [];
				for (let i = 0; i < count; i++) tablets.push(await tablet(pb.url, 'kairong', random));
				try {
					const people = (await tablets[0]!.store.people(demo.venues.kairong)).map((p) => p.id);
					const m = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
					const draft = (type: string, payload: Record<string, unknown>) => ({
						stream: m,
						venue: demo.venues.kairong,
						actor: demo.userIds.kairong,
						type,
						v: 1,
						payload
					});
					await tablets[0]!.store.append(draft('meeting.opened', { title: '混沌测试', form: 'in_person' }));
					expect((await tablets[0]!.sync.syncNow()).status).toBe('ok');
					for (const t of tablets) {
						expect((await t.sync.syncNow()).status).toBe('ok');
						t.net.chaos = 0.6;
					}

					const pending: Promise<unknown>[] = [];
					for (const [index, step] of steps) {
						const t = tablets[index % count]!;
						const state = projectMeeting(m, await t.store.streamEvents(m));
						if (step.kind === 'sync') pending.push(t.sync.syncNow());
						else if (step.kind === 'check_in') {
							await t.store.append(draft('attendance.checked_in', { person: people[step.who % people.length], role: 'resident_rep', method: 'tap' }));
						} else if (step.kind === 'revoke') {
							const person = people[step.who % people.length]!;
							const standing = standingCheckIns(state, person);
							if (standing.length > 0) await t.store.append(draft('attendance.check_in_revoked', { person, check_ins: standing }));
						} else if (step.kind === 'walk_in') {
							const id = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
							await t.store.append(draft('participant.registered', { participant: id, name: step.name, role: 'other' }));
						} else if (step.title.trim()) {
							await t.store.append(draft('meeting.details_changed', { title: step.title }));
						}
					}
					await Promise.all(pending);

					// The network heals; late duplicates land; everyone syncs until nothing is left.
					for (const t of tablets) await Promise.all([...t.net.inFlight]);
					for (const t of tablets) t.net.chaos = 0;
					for (let round = 0; round < 2; round++) {
						for (const t of tablets) expect((await t.sync.syncNow()).status).toBe('ok');
					}

					const mine = (await Promise.all(tablets.map((t) => t.store.streamEvents(m)))).map((list) => list.map((e) => e.id).sort());
					for (const t of tablets) {
						expect(await t.store.pendingCount()).toBe(0);
						expect(await t.store.problems()).toEqual([]);
					}
					const server = await pullAll(pb.url, await signIn(pb.url, 'admin'), m);
					const serverIds = server.map((e) => e.id);
					expect(new Set(serverIds).size).toBe(serverIds.length); // exactly once
					for (const ids of mine) expect(ids).toEqual([...serverIds].sort());
					const projections = await Promise.all(tablets.map(async (t) => projectMeeting(m, await t.store.streamEvents(m))));
					for (const p of projections) expect(p).toEqual(projectMeeting(m, server));
				} finally {
					for (const t of tablets) {
						faults.lost += t.net.faults.lost;
						faults.duplicated += t.net.faults.duplicated;
						faults.answerLost += t.net.faults.answerLost;
						t.close();
					}
				}
			}
		),
		{ numRuns: 25 }
	);
	// The property saw every kind of fault, not a quiet network.
	expect(faults.lost).toBeGreaterThan(0);
	expect(faults.duplicated).toBeGreaterThan(0);
	expect(faults.answerLost).toBeGreaterThan(0);
	console.log(`chaos faults injected: ${JSON.stringify(faults)}`);
});
