/**
 * The one room display's rule (`roomDisplayMode`): an open vote, else the latest result for a
 * minute after it closed (until a turn starts), else the speaker view. Built from real events
 * through the votes and speaking projections.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE, RESULT_SHOWN_MS, projectVotes, roomDisplayMode, SpeakingFold, inCanonicalOrder, type EventEnvelope } from '../../src/lib/domain';
import { FakeTablet, newId, personId } from '../support/factories';

const T0 = Date.UTC(2026, 10, 26, 8);
const voters = [personId(1), personId(2), personId(3)];

function speaking(stream: string, events: readonly EventEnvelope[]) {
	const fold = new SpeakingFold(stream);
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

function setup() {
	const t = new FakeTablet('tab-a', undefined, undefined, T0);
	const stream = t.openMeeting();
	t.start(stream);
	for (const p of voters) t.checkIn(stream, p);
	const mode = (nowMs: number) => roomDisplayMode({ votes: projectVotes(stream, t.events), speaking: speaking(stream, t.events) }, nowMs);
	const openVote = (method = 'show_of_hands') => {
		const vote = newId(t.clock);
		t.record(stream, 'vote.opened', { vote, motion: '楼道改造', method, electorate: 'present', entitled: voters, present: voters, rule: DEFAULT_RULE });
		return vote;
	};
	const startTurn = (person: string) => {
		const turn = t.record(stream, 'speaker.queued', { person, role: 'resident_rep', kind: 'statement' });
		return t.record(stream, 'turn.started', { turn: turn.id, limit_s: 180 });
	};
	return { t, stream, mode, openVote, startTurn };
}

describe('roomDisplayMode', () => {
	it('shows the speaker view when there is no vote', () => {
		const { t, mode, startTurn } = setup();
		expect(mode(t.clock)).toEqual({ kind: 'speaker' });
		startTurn(voters[0]!);
		expect(mode(t.clock)).toEqual({ kind: 'speaker' });
	});

	it('shows an open vote, even over a running turn, then its result for a minute, then the speaker', () => {
		const { t, stream, mode, openVote, startTurn } = setup();
		startTurn(voters[0]!);
		t.clock += 5_000;
		const vote = openVote('secret_ballot');
		const open = mode(t.clock);
		expect(open).toMatchObject({ kind: 'vote_open', vote: { id: vote, status: 'open' } });
		t.clock += 30_000;
		const closed = t.record(stream, 'vote.closed', { vote });
		const closedMs = Date.parse(closed.at);
		expect(mode(closedMs)).toMatchObject({ kind: 'vote_result', vote: { id: vote, status: 'closed' }, untilMs: closedMs + RESULT_SHOWN_MS });
		expect(mode(closedMs + RESULT_SHOWN_MS - 1)).toMatchObject({ kind: 'vote_result' });
		expect(mode(closedMs + RESULT_SHOWN_MS)).toEqual({ kind: 'speaker' });
	});

	it('gives the result way as soon as the next turn starts', () => {
		const { t, stream, mode, openVote, startTurn } = setup();
		const vote = openVote();
		t.clock += 10_000;
		t.record(stream, 'vote.closed', { vote });
		t.clock += 5_000;
		expect(mode(t.clock)).toMatchObject({ kind: 'vote_result' });
		const started = startTurn(voters[1]!);
		expect(speaking(stream, t.events).current?.startedAt).toBe(started.at);
		expect(mode(t.clock)).toEqual({ kind: 'speaker' });
	});

	it('shows the vote closed last, and a newly opened vote over an earlier result', () => {
		const { t, stream, mode, openVote } = setup();
		const first = openVote();
		t.record(stream, 'vote.closed', { vote: first });
		t.clock += 1_000;
		const second = openVote();
		expect(mode(t.clock)).toMatchObject({ kind: 'vote_open', vote: { id: second } });
		t.clock += 1_000;
		t.record(stream, 'vote.closed', { vote: second });
		expect(mode(t.clock)).toMatchObject({ kind: 'vote_result', vote: { id: second } });
	});
});
