/**
 * Attendance rules checked before anything is recorded (the fold in `meeting.ts` is the record):
 * each returns the reason an intent must not be recorded, or null. Plus the walk-in phone mask and
 * the attendance table for the CSV export.
 *
 * Phones (PIPL, domain.md "The law"): a walk-in's phone is masked on the tablet as it is typed in
 * and only the mask (138****5678) is recorded; the full number is not kept anywhere by the app.
 * A hash would not protect it (11 digits are guessed in seconds), so none is stored.
 */
import type { MeetingState, Attendee } from './meeting';
import type { CheckInMethod } from './events/meeting';
import { signatureProblem, type Signature, type SignatureProblem } from './signature';

export type AttendanceProblem =
	| 'closed'
	| 'already_present'
	| 'signature_required'
	| 'not_present'
	| 'not_loaded'
	| SignatureProblem;

/** Why this check-in must not be recorded, or null. */
export function checkInProblem(
	state: MeetingState | null,
	person: string,
	method: CheckInMethod,
	signature?: Signature | null
): AttendanceProblem | null {
	if (!state) return 'not_loaded';
	if (state.status === 'closed') return 'closed';
	if (state.attendance[person]?.present) return 'already_present';
	if (method === 'signature') {
		if (!signature) return 'empty';
		return signatureProblem(signature);
	}
	if (state.signatureRequired) return 'signature_required';
	return null;
}

/** Why this check-out must not be recorded (nobody to check out), or null. */
export function checkOutProblem(state: MeetingState | null, person: string): AttendanceProblem | null {
	if (!state) return 'not_loaded';
	if (state.status === 'closed') return 'closed';
	if (!state.attendance[person]?.present) return 'not_present';
	return null;
}

/**
 * A mainland mobile number (spaces, dashes and a +86 prefix allowed) as 138****5678, or null when
 * it is not one. Already masked input passes through.
 */
export function maskPhone(input: string): string | null {
	const s = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
	if (/^1\d{2}\*{4}\d{4}$/.test(s)) return s;
	if (!/^1[3-9]\d{9}$/.test(s)) return null;
	return `${s.slice(0, 3)}****${s.slice(7)}`;
}

/** One roster line for the export: who, as the screen names them. */
export interface AttendanceRosterLine {
	readonly id: string;
	readonly name: string;
	readonly role: string;
	readonly organisation: string;
}

export interface AttendanceTableLabels {
	readonly header: readonly string[];
	readonly yes: string;
	readonly no: string;
	readonly method: (method: CheckInMethod) => string;
	readonly role: (attendee: Attendee | undefined, line: AttendanceRosterLine) => string;
	readonly time: (iso: string | null) => string;
}

/**
 * The attendance as a table (header first in `labels.header`): one row per stay of each person
 * who came, a row per revoked check-in (with the reason) so both stay on record, and absent people
 * last with empty times. Columns: name, role, organisation, arrival, departure, method, signed
 * (yes + the first 12 hex of the signature's sha256), revoked (reason).
 */
export function attendanceTable(state: MeetingState, roster: readonly AttendanceRosterLine[], labels: AttendanceTableLabels): string[][] {
	const rows: string[][] = [];
	const absent: string[][] = [];
	for (const line of roster) {
		const a = state.attendance[line.id];
		const role = labels.role(a, line);
		const signed = (sig: Signature | null) => (sig ? `${labels.yes} ${sig.sha256.slice(0, 12)}` : labels.no);
		if (!a) {
			absent.push([line.name, role, line.organisation, '', '', '', labels.no, '']);
			continue;
		}
		for (const stay of a.stays) {
			rows.push([line.name, role, line.organisation, labels.time(stay.arrivedAt), labels.time(stay.departedAt), labels.method(stay.method), signed(stay.signature), '']);
		}
		for (const c of a.checkIns) {
			if (c.revokedBy === null) continue;
			const revoked = c.revokeReason ? `${labels.yes}: ${c.revokeReason}` : labels.yes;
			rows.push([line.name, role, line.organisation, labels.time(c.at), '', labels.method(c.method), signed(c.signature), revoked]);
		}
	}
	return [...rows, ...absent];
}
