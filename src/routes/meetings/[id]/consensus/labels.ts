/** Messages for the consensus rules' answers. */
import type { AnswerProblem, DraftProblem } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';
import type { SignOutcome } from '$lib/state/consensus.svelte';
import { signatureProblemLabel } from '$lib/ui/labels';

const DRAFT: Record<DraftProblem, () => string> = {
	closed: m.consensus_problem_closed,
	empty: m.consensus_problem_empty,
	too_long: m.consensus_problem_too_long,
	unchanged: m.consensus_problem_unchanged
};

const ANSWER: Record<AnswerProblem, () => string> = {
	closed: m.consensus_problem_closed,
	no_version: m.consensus_problem_no_version,
	outdated: m.consensus_problem_outdated,
	already_signed: m.consensus_problem_already_signed,
	no_reason: m.consensus_problem_no_reason,
	reason_too_long: m.consensus_problem_reason_too_long
};

export const draftProblemLabel = (p: DraftProblem): string => DRAFT[p]();

export function signOutcomeLabel(p: Exclude<SignOutcome, null>): string {
	if (p.startsWith('signature_')) return signatureProblemLabel(p.slice('signature_'.length) as Parameters<typeof signatureProblemLabel>[0]);
	return ANSWER[p as AnswerProblem]();
}
