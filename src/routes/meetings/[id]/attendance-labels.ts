/** Messages for the attendance page's refusals, in the UI language. */
import type { AttendanceProblem, CheckInMethod, SignatureProblem } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';
import { signatureProblemLabel } from '$lib/ui/labels';

const PROBLEMS: Record<Exclude<AttendanceProblem, SignatureProblem>, (name: string) => string> = {
	closed: () => m.att_problem_closed(),
	already_present: (name) => m.att_problem_already_present({ name }),
	signature_required: (name) => m.att_problem_signature_required({ name }),
	not_present: (name) => m.att_problem_not_present({ name }),
	not_loaded: () => m.loading()
};

export function attendanceProblemLabel(problem: AttendanceProblem, name: string): string {
	return problem in PROBLEMS ? PROBLEMS[problem as keyof typeof PROBLEMS](name) : signatureProblemLabel(problem as SignatureProblem);
}

const METHODS: Record<CheckInMethod, () => string> = {
	tap: m.att_method_tap,
	signature: m.att_method_signature,
	card: m.att_method_card
};

export const methodLabel = (method: CheckInMethod): string => METHODS[method]();
