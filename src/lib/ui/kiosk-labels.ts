/** Labels of the kiosk's domain values and problems in the UI language. */
import type { KioskDayKind, VisitProblem } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';
import type { CheckInProblem } from '$lib/state/kiosk.svelte';
import { signatureProblemLabel } from './labels';

const kinds: Record<KioskDayKind, () => string> = {
	duty: m.kiosk_kind_duty,
	activity: m.kiosk_kind_activity,
	open_day: m.kiosk_kind_open_day
};
export const dayKindLabel = (kind: KioskDayKind): string => kinds[kind]();

/** What to tell the member at the door when a check-in or check-out is refused. */
export function kioskProblemLabel(problem: CheckInProblem, name: string): string {
	switch (problem) {
		case 'no_day':
			return m.kiosk_problem_no_day();
		case 'already_in':
			return m.kiosk_problem_already_in({ name });
		case 'not_in':
			return m.kiosk_problem_not_in({ name });
		case 'not_member':
			return m.kiosk_problem_not_member();
		case 'busy':
			return m.kiosk_problem_busy();
		case 'forged':
			return m.kiosk_card_forged();
		case 'unknown':
			return m.kiosk_card_unknown();
		case 'revoked':
			return m.kiosk_card_revoked();
		default:
			return signatureProblemLabel(problem);
	}
}

export function visitProblemLabel(problem: VisitProblem | 'no_day'): string {
	switch (problem) {
		case 'no_day':
			return m.kiosk_problem_no_day();
		case 'no_request':
			return m.kiosk_visit_no_request();
		case 'request_too_long':
			return m.kiosk_visit_request_too_long();
		case 'visitor_too_long':
			return m.kiosk_visit_visitor_too_long();
		case 'no_member':
			return m.kiosk_visit_no_member();
	}
}
