/** Labels of topic values and rule refusals in the UI language. */
import type { TopicRuleCode, TopicSource, TopicStatus } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';
import type { Refusal } from '$lib/state/topics.svelte';

const statuses: Record<TopicStatus, () => string> = {
	submitted: m.topic_status_submitted,
	accepted: m.topic_status_accepted,
	not_accepted: m.topic_status_not_accepted,
	scheduled: m.topic_status_scheduled,
	consulted: m.topic_status_consulted,
	noticed: m.topic_status_noticed,
	implementing: m.topic_status_implementing,
	evaluated: m.topic_status_evaluated,
	closed: m.topic_status_closed
};

const sources: Record<TopicSource, () => string> = {
	government: m.topic_source_government,
	residents: m.topic_source_residents,
	members: m.topic_source_members,
	society: m.topic_source_society
};

const rules: Record<TopicRuleCode, () => string> = {
	not_submitted: m.topic_rule_not_submitted,
	already_submitted: m.topic_rule_already_submitted,
	closed: m.topic_rule_closed,
	screened_twice: m.topic_rule_screened_twice,
	move_after_consultation: m.topic_rule_move_after_consultation,
	move_wrong_level: m.topic_rule_move_wrong_level,
	move_same_level: m.topic_rule_move_same_level,
	escalate_not_parent: m.topic_rule_escalate_not_parent,
	delegate_not_child: m.topic_rule_delegate_not_child,
	schedule_before_acceptance: m.topic_rule_schedule_before_acceptance,
	outcome_before_meeting: m.topic_rule_outcome_before_meeting,
	outcome_twice: m.topic_rule_outcome_twice,
	notice_before_outcome: m.topic_rule_notice_before_outcome,
	notice_ends_before_start: m.topic_rule_notice_ends_before_start,
	objection_without_notice: m.topic_rule_objection_without_notice,
	objection_unknown: m.topic_rule_objection_unknown,
	objection_answered_twice: m.topic_rule_objection_answered_twice,
	objection_twice: m.topic_rule_objection_twice,
	hand_over_before_notice: m.topic_rule_hand_over_before_notice,
	hand_over_open_objections: m.topic_rule_hand_over_open_objections,
	task_before_hand_over: m.topic_rule_task_before_hand_over,
	task_twice: m.topic_rule_task_twice,
	progress_unknown_task: m.topic_rule_progress_unknown_task,
	progress_before_hand_over: m.topic_rule_progress_before_hand_over,
	evaluate_before_implementation: m.topic_rule_evaluate_before_implementation,
	close_before_evaluation: m.topic_rule_close_before_evaluation,
	unknown_type: m.topic_rule_unknown_type
};

export const topicStatusLabel = (s: TopicStatus): string => statuses[s]();
export const topicSourceLabel = (s: TopicSource): string => sources[s]();
const photoProblems: Record<string, () => string> = {
	photo_not_image: m.photo_problem_not_image,
	photo_too_large: m.photo_problem_too_large,
	photo_unreadable: m.photo_problem_unreadable,
	photo_closed: m.topic_photo_closed
};

export const refusalMessage = (r: Refusal): string => {
	if (r.code !== 'invalid') return rules[r.code]();
	return (photoProblems[r.reason] ?? m.topic_invalid)();
};
