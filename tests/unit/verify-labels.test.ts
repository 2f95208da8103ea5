/**
 * The verify page's reasons: the server's structured `differs` worded in Chinese (the base
 * locale), with the event, device and seq; an unknown code from a newer server shows its message.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyDiff } from '../../src/lib/domain';
import { verifyDiffText } from '../../src/lib/ui/verify-labels';

const base = { event: null, type: null, device: null, seq: null, prevSeq: null, message: 'english' } as const;

describe('verifyDiffText', () => {
	it('words each code in Chinese with where it happened', () => {
		const at = { ...base, event: 'e1', type: 'consensus.drafted', device: 'tab-a', seq: 14 };
		expect(verifyDiffText({ ...at, code: 'hash_mismatch' }, 31)).toBe('记录 e1（consensus.drafted，设备 tab-a 的第 14 条）：内容被改动过，与当初记下的不一致');
		expect(verifyDiffText({ ...at, code: 'prev_mismatch', prevSeq: 13 }, 31)).toBe(
			'记录 e1（consensus.drafted，设备 tab-a 的第 14 条）：与设备 tab-a 的前一条记录（第 13 条）接不上，可能有记录被替换过'
		);
		expect(verifyDiffText({ ...base, event: 'e2', code: 'not_json' }, 31)).toBe('记录 e2：服务器上保存的内容已损坏，读不出来');
		expect(verifyDiffText({ ...base, code: 'fingerprint_mismatch' }, 31)).toContain('服务器上的 31 条记录算出的指纹与纸上的不同');
		expect(verifyDiffText({ ...base, code: 'no_events' }, 0)).toBe('服务器上没有这场会议的记录');
		for (const d of [{ ...at, code: 'hash_mismatch' }, { ...base, code: 'no_events' }] as VerifyDiff[]) expect(verifyDiffText(d, 1)).not.toContain('english');
	});

	it("shows an unknown code's English message", () => {
		expect(verifyDiffText({ ...base, code: 'something_new' } as unknown as VerifyDiff, 1)).toBe('english');
	});
});
