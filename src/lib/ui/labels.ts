/** Labels of domain values in the UI language. */
import type { MeetingForm, ParticipantRole, SignatureProblem } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';

const roles: Record<ParticipantRole, () => string> = {
	resident_rep: m.role_resident_rep,
	villager_rep: m.role_villager_rep,
	party_member: m.role_party_member,
	village_cadre: m.role_village_cadre,
	grid_worker: m.role_grid_worker,
	dept_official: m.role_dept_official,
	dispute_party: m.role_dispute_party,
	cppcc_member: m.role_cppcc_member,
	other: m.role_other
};

const forms: Record<MeetingForm, () => string> = {
	in_person: m.form_in_person,
	written: m.form_written,
	online: m.form_online
};

export const roleLabel = (role: ParticipantRole): string => roles[role]();
export const formLabel = (form: MeetingForm): string => forms[form]();

const SIGNATURE_PROBLEMS: Record<SignatureProblem, () => string> = {
	empty: m.signature_problem_empty,
	too_short: m.signature_problem_too_short,
	too_large: m.signature_problem_too_large,
	out_of_box: m.signature_problem_out_of_box,
	malformed: m.signature_problem_malformed,
	hash_mismatch: m.signature_problem_hash_mismatch
};

/** What to tell the signer when the pad does not hold a signature yet. */
export function signatureProblemLabel(problem: SignatureProblem): string {
	return SIGNATURE_PROBLEMS[problem]();
}
