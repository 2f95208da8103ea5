/** Labels of speaking values in the UI language (shared by the speaking tab and the room display). */
import type { SpeakingRefusal, TurnKind } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';

const kinds: Record<TurnKind, () => string> = {
	statement: m.speak_kind_statement,
	addition: m.speak_kind_addition,
	point_of_order: m.speak_kind_point_of_order,
	explanation: m.speak_kind_explanation
};

export const kindLabel = (kind: TurnKind): string => kinds[kind]();

const refusals: Record<SpeakingRefusal, () => string> = {
	meeting_closed: m.speak_err_meeting_closed,
	not_present: m.speak_err_not_present,
	already_waiting: m.speak_err_already_waiting,
	not_waiting: m.speak_err_not_waiting,
	not_removed: m.speak_err_not_removed,
	turn_running: m.speak_err_turn_running,
	no_turn: m.speak_err_no_turn,
	not_running: m.speak_err_not_running,
	not_paused: m.speak_err_not_paused,
	bad_extension: m.speak_err_bad_extension,
	extension_too_long: m.speak_err_extension_too_long,
	note_empty: m.speak_err_note_empty,
	note_too_long: m.speak_err_note_too_long,
	unknown_turn: m.speak_err_unknown_turn,
	bad_limit: m.speak_err_bad_limit,
	side_name: m.speak_err_side_name,
	side_names_repeat: m.speak_err_side_names_repeat,
	too_many_sides: m.speak_err_too_many_sides,
	person_in_two_sides: m.speak_err_person_in_two_sides
};

export const refusalText = (r: SpeakingRefusal): string => refusals[r]();

/** "2:05" for a duration in milliseconds (whole seconds, rounded down). */
export function durationText(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
