/** Words for votes in the UI language: choices, methods, and the sentence that says why. */
import type {
	Counts,
	Electorate,
	OutcomeReason,
	ThresholdBasis,
	ThresholdFraction,
	VoteChoice,
	VoteCorrection,
	VoteMethod,
	VoteProblem,
	VoteRecord
} from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';

const choices: Record<VoteChoice, () => string> = {
	for: m.vote_choice_for,
	against: m.vote_choice_against,
	abstain: m.vote_choice_abstain,
	agree: m.vote_choice_agree,
	reservations: m.vote_choice_reservations,
	disagree: m.vote_choice_disagree,
	block: m.vote_choice_block
};
const methods: Record<VoteMethod, () => string> = {
	show_of_hands: m.vote_method_show_of_hands,
	roll_call: m.vote_method_roll_call,
	secret_ballot: m.vote_method_secret_ballot,
	consensus: m.vote_method_consensus
};
const methodHints: Record<VoteMethod, () => string> = {
	show_of_hands: m.vote_method_show_of_hands_hint,
	roll_call: m.vote_method_roll_call_hint,
	secret_ballot: m.vote_method_secret_ballot_hint,
	consensus: m.vote_method_consensus_hint
};
const electorates: Record<Electorate, () => string> = {
	present: m.vote_electorate_present,
	cppcc_members: m.vote_electorate_cppcc_members,
	group: m.vote_electorate_group
};
const bases: Record<ThresholdBasis, (p: { base: string }) => string> = {
	cast: m.vote_basis_cast,
	present: m.vote_basis_present,
	entitled: m.vote_basis_entitled
};
const thresholds: Record<ThresholdFraction, (p: { basis: string }) => string> = {
	half: m.vote_threshold_half,
	two_thirds: m.vote_threshold_two_thirds,
	unanimous: m.vote_threshold_unanimous
};

export const choiceLabel = (c: VoteChoice): string => choices[c]();
export const methodLabel = (x: VoteMethod): string => methods[x]();
export const methodHint = (x: VoteMethod): string => methodHints[x]();
export const electorateLabel = (e: Electorate): string => electorates[e]();

export function problemText(problem: VoteProblem): string {
	const key = `vote_error_${problem}` as const;
	return (m as unknown as Record<string, () => string>)[key]?.() ?? problem;
}

export function thresholdText(basis: ThresholdBasis, fraction: ThresholdFraction, base: number): string {
	return thresholds[fraction]({ basis: bases[basis]({ base: String(base) }) });
}

/** "通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。" */
export function outcomeSentence(method: VoteMethod, r: OutcomeReason): string {
	const threshold = thresholdText(r.basis, r.fraction, r.base);
	const n = { for: String(r.for), threshold, needed: String(r.needed) };
	switch (r.code) {
		case 'no_quorum':
			return m.vote_reason_no_quorum({ present: String(r.present), quorum: String(r.quorum ?? 0) });
		case 'no_votes':
			return m.vote_reason_no_votes();
		case 'blocked':
			return m.vote_reason_blocked({ blocks: String(r.blocks) });
		case 'passed':
			return method === 'consensus' ? m.vote_reason_consensus_passed(n) : m.vote_reason_passed(n);
		case 'not_enough':
			return method === 'consensus' ? m.vote_reason_consensus_not_enough(n) : m.vote_reason_not_enough(n);
	}
}

export function verdictLabel(vote: Pick<VoteRecord, 'method' | 'outcome'>): string {
	if (vote.method === 'consensus') return vote.outcome.passed ? m.vote_consensus_reached() : m.vote_consensus_not_reached();
	return vote.outcome.passed ? m.vote_passed() : m.vote_not_passed();
}

/** "赞成 10 · 反对 0 · 弃权 1" */
export function countsText(options: readonly VoteChoice[], counts: Counts): string {
	return options.map((o) => `${choiceLabel(o)} ${counts[o] ?? 0}`).join(' · ');
}

/**
 * "规则：超过实到 11 人的半数；弃权算作投票 · 最少到会 6 人"; without the "规则：" lead-in where a
 * label already says it (`labelled: false`).
 */
export function ruleSentence(vote: Pick<VoteRecord, 'rule' | 'outcome'>, labelled = true): string {
	const threshold = thresholdText(vote.rule.basis, vote.rule.fraction, vote.outcome.reason.base);
	const abstentions = vote.rule.abstentions === 'count_as_cast' ? m.vote_abstentions_count_as_cast() : m.vote_abstentions_not_cast();
	const summary = labelled ? m.vote_rule_summary({ threshold, abstentions }) : m.vote_rule_body({ threshold, abstentions });
	return vote.rule.quorum ? `${summary} · ${m.vote_rule_quorum({ quorum: String(vote.rule.quorum) })}` : summary;
}

/** Who could vote: "到会人员，可表决 11 人，到会 11 人". */
export function entitledSentence(vote: Pick<VoteRecord, 'groupName' | 'electorate' | 'entitled' | 'present'>): string {
	return m.vote_entitled_summary({
		electorate: vote.groupName || electorateLabel(vote.electorate),
		entitled: String(vote.entitled.length),
		present: String(vote.present.length)
	});
}

/**
 * One correction with its reason: "10:42 更正为 赞成 9 · …（原为 …）：数错了". `timeOf` shows the
 * correction's ISO UTC time as a local clock time (`formatTime(iso, locale)`).
 */
export function correctionSentence(
	vote: Pick<VoteRecord, 'options'>,
	c: VoteCorrection,
	nameOf: (person: string) => string,
	timeOf: (iso: string) => string
): string {
	if (c.counts) {
		return m.vote_correction_counts({
			time: timeOf(c.at),
			counts: countsText(vote.options, c.counts),
			before: countsText(vote.options, c.before),
			reason: c.reason
		});
	}
	if (c.voter && c.choice) return m.vote_correction_voter({ time: timeOf(c.at), name: nameOf(c.voter), choice: choiceLabel(c.choice), reason: c.reason });
	return c.reason;
}
