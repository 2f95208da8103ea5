/**
 * Vote benchmarks (issue 6), in Node. Prints `bench <name> <value> <unit>` lines.
 * - vote_project_ms: project the votes of a meeting of 40 people with 20 roll calls (800 casts,
 *   ~900 events), median of 20 — what a tablet does when an out-of-order event makes it fold again.
 * - vote_snapshot_ms: one VoteFold snapshot of that meeting (made after each new event), median of 200.
 * - ballot_commit_p50_ms / ballot_commit_p95_ms: a secret ballot (event + urn in one transaction)
 *   in fake-indexeddb, over 200 ballots; ballot_vs_append_ratio: its median over a plain append's.
 *   fake-indexeddb is not a browser's IndexedDB: the ratio is the figure to read.
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { DEFAULT_RULE, VoteFold, inCanonicalOrder, projectVotes, type EventEnvelope } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/storage';
import { draft, FakeTablet, newId, personId, TestClock } from '../support/factories';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

function meetingWithVotes(): { stream: string; events: EventEnvelope[] } {
	const t = new FakeTablet('tab-bench');
	const stream = t.openMeeting();
	t.start(stream);
	const people = Array.from({ length: 40 }, (_, i) => personId(i + 1));
	for (const p of people) t.checkIn(stream, p);
	const choices = ['for', 'against', 'abstain'] as const;
	for (let v = 0; v < 20; v++) {
		const vote = newId(t.clock);
		t.record(stream, 'vote.opened', { vote, motion: `第 ${v + 1} 项表决`, method: 'roll_call', electorate: 'present', entitled: people, present: people, rule: DEFAULT_RULE });
		people.forEach((p, i) => t.record(stream, 'vote.cast', { vote, voter: p, choice: choices[(i + v) % 3] }));
		t.record(stream, 'vote.closed', { vote });
	}
	return { stream, events: t.events };
}

const { stream, events } = meetingWithVotes();
const times: number[] = [];
for (let i = 0; i < 20; i++) {
	const t0 = performance.now();
	projectVotes(stream, events);
	times.push(performance.now() - t0);
}
print('vote_project_ms', round(quantile(times, 0.5)), 'ms');

const fold = new VoteFold(stream);
for (const e of inCanonicalOrder(events)) fold.apply(e);
const snaps: number[] = [];
for (let i = 0; i < 200; i++) {
	const t0 = performance.now();
	fold.snapshot();
	snaps.push(performance.now() - t0);
}
print('vote_snapshot_ms', round(quantile(snaps, 0.5), 3), 'ms');

const clock = new TestClock();
const store = new EventStore(`bench-votes-${newId()}`, clock);
const m = newId();
await store.append(draft(m, 'meeting.opened', { title: '基准', form: 'in_person' }));
const voters = Array.from({ length: 400 }, (_, i) => personId(i + 1));
const vote = newId();
await store.append(draft(m, 'vote.opened', { vote, motion: '基准表决', method: 'secret_ballot', electorate: 'present', entitled: voters, present: voters, rule: DEFAULT_RULE }));
const ballots: number[] = [];
const appends: number[] = [];
for (let i = 0; i < 200; i++) {
	clock.ms += 1000;
	let t0 = performance.now();
	await store.appendWithUrn(draft(m, 'vote.ballot_cast', { vote, voter: voters[i]! }), vote, i % 3 === 0 ? 'against' : 'for');
	ballots.push(performance.now() - t0);
	t0 = performance.now();
	await store.append(draft(m, 'attendance.checked_in', { person: voters[i + 200]!, role: 'resident_rep', method: 'tap' }));
	appends.push(performance.now() - t0);
}
print('ballot_commit_p50_ms', round(quantile(ballots, 0.5)), 'ms');
print('ballot_commit_p95_ms', round(quantile(ballots, 0.95)), 'ms');
print('ballot_vs_append_ratio', round(quantile(ballots, 0.5) / quantile(appends, 0.5)), 'x');
store.close();
