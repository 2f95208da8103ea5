/** The verify page's reasons, worded in the UI language from the server's structured `differs`. */
import type { VerifyDiff } from '$lib/domain';
import { m } from '$lib/paraglide/messages.js';

function where(d: VerifyDiff): string {
	const event = d.event ?? '';
	if (d.type !== null && d.device !== null && d.seq !== null) return m.verify_diff_event_at({ event, type: d.type, device: d.device, seq: String(d.seq) });
	return m.verify_diff_event({ event });
}

/** One reason in plain words; an unknown code (a newer server) falls back to its English message. */
export function verifyDiffText(d: VerifyDiff, events: number): string {
	const chain = { where: where(d), device: d.device ?? '', seq: String(d.prevSeq ?? '') };
	switch (d.code) {
		case 'not_json':
			return m.verify_diff_not_json({ where: where(d) });
		case 'not_event':
			return m.verify_diff_not_event({ where: where(d) });
		case 'id_mismatch':
			return m.verify_diff_id_mismatch({ where: where(d) });
		case 'other_stream':
			return m.verify_diff_other_stream({ where: where(d) });
		case 'hash_mismatch':
			return m.verify_diff_hash_mismatch({ where: where(d) });
		case 'first_has_prev':
			return m.verify_diff_first_has_prev({ where: where(d) });
		case 'prev_missing':
			return m.verify_diff_prev_missing(chain);
		case 'prev_mismatch':
			return m.verify_diff_prev_mismatch(chain);
		case 'no_events':
			return m.verify_diff_no_events();
		case 'fingerprint_mismatch':
			return m.verify_diff_fingerprint({ events: String(events) });
		default:
			return (d as { message?: string }).message ?? '';
	}
}
