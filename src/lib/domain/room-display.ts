/**
 * What the one room display (`/display/[id]`) shows, from the votes and the speaking turns of the
 * meeting at `nowMs`:
 * - a vote is open: that vote (its motion and "voting in progress", never a running tally);
 * - a vote closed less than `RESULT_SHOWN_MS` ago and no turn started since: its result;
 * - otherwise the speaker view (current speaker, countdown, next three).
 * Pure: the page passes a clock that ticks, so the result gives way to the speaker by itself.
 */
import type { Turn } from './speaking';
import type { VoteRecord } from './votes';

/** How long a vote's result stays on the room display after it closed. */
export const RESULT_SHOWN_MS = 60_000;

export type RoomDisplayMode =
	| { readonly kind: 'vote_open'; readonly vote: VoteRecord }
	| { readonly kind: 'vote_result'; readonly vote: VoteRecord; /** Epoch ms the result gives way. */ readonly untilMs: number }
	| { readonly kind: 'speaker' };

export interface RoomDisplayInput {
	readonly votes: { readonly votes: readonly VoteRecord[]; readonly open: VoteRecord | null };
	readonly speaking: { readonly turns: readonly Pick<Turn, 'startedAt'>[]; readonly current: Pick<Turn, 'startedAt'> | null };
}

const time = (iso: string | null): number => (iso === null ? NaN : Date.parse(iso));

export function roomDisplayMode(input: RoomDisplayInput, nowMs: number): RoomDisplayMode {
	const { votes, speaking } = input;
	if (votes.open) return { kind: 'vote_open', vote: votes.open };

	// The vote closed last (by its closing time; the later opened on a tie).
	let last: VoteRecord | null = null;
	for (const v of votes.votes) {
		if (v.status !== 'closed' || v.closedAt === null) continue;
		if (!last || time(v.closedAt) >= time(last.closedAt)) last = v;
	}
	if (!last) return { kind: 'speaker' };
	const closedMs = time(last.closedAt);
	const untilMs = closedMs + RESULT_SHOWN_MS;
	if (!(nowMs < untilMs)) return { kind: 'speaker' };

	const starts = [...speaking.turns, ...(speaking.current ? [speaking.current] : [])].map((t) => time(t.startedAt));
	if (starts.some((s) => s > closedMs)) return { kind: 'speaker' };
	return { kind: 'vote_result', vote: last, untilMs };
}
