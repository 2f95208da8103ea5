/**
 * The speaking and votes projections turned into the minutes' plain rows, in the UI language.
 * Pure apart from the words (Paraglide): no events, no stores; `nowMs` only for a turn still
 * running when the minutes are drawn.
 */
import { elapsedMs, type MeetingState, type SpeakingState, type Turn, type VotesState } from '$lib/domain';
import type { RosterEntry } from '$lib/state/live-meeting.svelte';
import { roleLabel } from '$lib/ui/labels';
import { kindLabel } from '$lib/ui/speak-labels';
import { choiceLabel, correctionSentence, countsText, entitledSentence, methodLabel, outcomeSentence, ruleSentence, verdictLabel } from '$lib/ui/vote-labels';
import type { AttendanceRow, SpeakingRow, VoteRow } from './rows';

type NameOf = (person: string) => string;

/** Everyone present, in the order they arrived, with the check-in signature when they signed. */
export function attendanceRows(roster: readonly RosterEntry[], meeting: MeetingState | null, unknownName: string): AttendanceRow[] {
	return roster
		.filter((r) => r.present)
		.sort((a, b) => (a.firstArrivedAt ?? '').localeCompare(b.firstArrivedAt ?? ''))
		.map((r) => {
			const signature = meeting?.attendance[r.id]?.signature;
			return {
				person: r.id,
				name: r.name || unknownName,
				role: r.role,
				organisation: r.organisation,
				arrivedAt: r.firstArrivedAt,
				walkIn: r.walkIn,
				...(signature ? { signature } : {})
			};
		});
}

function timing(turn: Turn, nowMs: number): { durationSeconds: number; overrunSeconds: number; running: boolean } {
	if (turn.durationS !== null) return { durationSeconds: turn.durationS, overrunSeconds: turn.overrunS ?? 0, running: false };
	const spent = Math.floor(elapsedMs(turn, nowMs) / 1000);
	return { durationSeconds: spent, overrunSeconds: Math.max(0, spent - turn.limitS - turn.extendedS), running: true };
}

/** Every turn that started, in the order they started. */
export function speakingRows(state: SpeakingState, nameOf: NameOf, nowMs: number): SpeakingRow[] {
	return state.turns.map((turn, i) => ({
		turn: turn.id,
		order: i + 1,
		person: turn.person,
		name: nameOf(turn.person),
		role: roleLabel(turn.role),
		kind: kindLabel(turn.kind),
		...timing(turn, nowMs),
		note: turn.note,
		originalNote: turn.notes.length > 1 ? turn.originalNote : null
	}));
}

/** Every vote, in the order they were opened; `timeOf` shows a correction's time in local time. */
export function voteRows(state: VotesState, nameOf: NameOf, timeOf: (iso: string) => string): VoteRow[] {
	return state.votes.map((vote) => ({
		vote: vote.id,
		motion: vote.motion,
		method: methodLabel(vote.method),
		voters: entitledSentence(vote),
		entitled: vote.entitled.length,
		rule: ruleSentence(vote, false),
		tally: vote.options.map((choice) => ({ choice, label: choiceLabel(choice), count: vote.counts[choice] ?? 0 })),
		passed: vote.outcome.passed,
		verdict: verdictLabel(vote),
		reason: outcomeSentence(vote.method, vote.outcome.reason),
		open: vote.status === 'open',
		original: vote.corrections.length > 0 ? countsText(vote.options, vote.original) : null,
		corrections: vote.corrections.map((c) => correctionSentence(vote, c, nameOf, timeOf))
	}));
}
