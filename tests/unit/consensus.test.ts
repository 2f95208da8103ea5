import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	answerProblem,
	canonicalJson,
	diffChars,
	diffLines,
	draftPayload,
	draftProblem,
	eventHash,
	groupHex,
	inCanonicalOrder,
	meetingFingerprint,
	normaliseText,
	parseFingerprint,
	projectConsensus,
	sha256Hex,
	stillToSign,
	textSha256,
	utf8Encode,
	validateEvent,
	verifyRecord,
	type EventEnvelope
} from '../../src/lib/domain';
import { FakeTablet, personId } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('normaliseText and textSha256', () => {
	it.each([
		['line ends: CRLF and lone CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
		['trailing spaces and tabs on each line go', '甲 \t\n乙\t \n丙', '甲\n乙\n丙'],
		['trailing blank lines go, leading and inner ones stay', '\n第一条\n\n第二条\n\n \n\t\n', '\n第一条\n\n第二条'],
		['NFC: e + combining acute becomes é', 'cafe\u0301', 'caf\u00e9'],
		['NFC: Hangul jamo compose', '\u1100\u1161', '\uac00'],
		['full-width spaces are content, not trailing space', '共识　\n', '共识　'],
		['leading spaces stay', '  一、费用分担', '  一、费用分担']
	])('%s', (_, input, expected) => {
		expect(normaliseText(input)).toBe(expected);
	});

	it('hashes known vectors (SHA-256 of the UTF-8 of the normalised text)', () => {
		expect(textSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(textSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(textSha256('abc \r\n\r\n')).toBe(textSha256('abc'));
		expect(textSha256('楼道改造费用由住房管理部门与相关部门共同承担。\r\n')).toBe(nodeSha('楼道改造费用由住房管理部门与相关部门共同承担。'));
		expect(textSha256('cafe\u0301')).toBe(nodeSha('caf\u00e9'));
		expect(textSha256('𠮷野家')).toBe(nodeSha('𠮷野家'));
	});

	it('equals Node crypto on the normalised text for any string, and is idempotent', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (s) => {
				const n = normaliseText(s);
				expect(normaliseText(n)).toBe(n);
				expect(textSha256(s)).toBe(nodeSha(n));
			}),
			{ numRuns: 300 }
		);
	});
});

describe('diff', () => {
	it('marks removed and added lines and keeps the rest', () => {
		expect(diffLines('一\n二\n三', '一\n二改\n三\n四')).toEqual([
			{ op: 'same', text: '一' },
			{ op: 'removed', text: '二' },
			{ op: 'added', text: '二改' },
			{ op: 'same', text: '三' },
			{ op: 'added', text: '四' }
		]);
	});
	it('groups characters inside a changed line', () => {
		expect(diffChars('每户几百元', '每户三百元')).toEqual([
			{ op: 'same', text: '每户' },
			{ op: 'removed', text: '几' },
			{ op: 'added', text: '三' },
			{ op: 'same', text: '百元' }
		]);
	});
});

const TEXT_1 = '一、楼道电力改造费用由住房管理部门和相关部门共同承担。\n二、每户分担几百元。';
const TEXT_2 = '一、楼道电力改造费用由住房管理部门和相关部门共同承担。\n二、每户分担不超过三百元。';

/** A meeting with 4 present people, a draft, two signatures, an edit, more answers. */
function scenario() {
	const t = new FakeTablet('tab-a');
	const stream = t.openMeeting();
	t.start(stream);
	const people = [1, 2, 3, 4].map(personId);
	for (const p of people) t.checkIn(stream, p);
	const state0 = projectConsensus(stream, t.events);
	const v1 = t.record(stream, 'consensus.drafted', draftPayload(state0, TEXT_1));
	const sha1 = v1.payload.text_sha256 as string;
	t.record(stream, 'consensus.signed', { version_sha256: sha1, person: people[0], capacity: 'participant', signature: handwrittenSignature(1) });
	t.record(stream, 'consensus.signed', { version_sha256: sha1, person: people[1], capacity: 'participant', signature: handwrittenSignature(2) });
	const v2 = t.record(stream, 'consensus.drafted', draftPayload(projectConsensus(stream, inCanonicalOrder(t.events)), TEXT_2));
	const sha2 = v2.payload.text_sha256 as string;
	return { t, stream, people, sha1, sha2 };
}

describe('ConsensusFold: versions and who must still sign', () => {
	it('an edit after two signatures makes a new version: those two must sign again, their old signatures stay', () => {
		const { t, stream, people, sha1, sha2 } = scenario();
		for (const e of t.events) expect(validateEvent(e).ok, e.type).toBe(true);
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(s.versions.map((v) => [v.number, v.sha256])).toEqual([
			[1, sha1],
			[2, sha2]
		]);
		expect(s.versions[1]!.previous).toBe(sha1);
		expect(s.current?.sha256).toBe(sha2);
		expect(s.versions[0]!.signatures.map((x) => x.person)).toEqual([people[0], people[1]]);
		expect(s.signedCurrent).toEqual({});
		expect([...s.mustSignAgain].sort()).toEqual([people[0], people[1]].sort());
		expect(stillToSign(s, people)).toEqual(people);
	});

	it('signatures and a refusal on the current version; a late signature of the old version stays under it', () => {
		const { t, stream, people, sha1, sha2 } = scenario();
		t.record(stream, 'consensus.signed', { version_sha256: sha2, person: people[0], capacity: 'participant', signature: handwrittenSignature(3) });
		t.record(stream, 'consensus.refused', { version_sha256: sha2, person: people[2], reason: '费用分担比例不合理' });
		// another tablet that had not seen the edit: its signature names version 1
		t.record(stream, 'consensus.signed', { version_sha256: sha1, person: people[3], capacity: 'participant', signature: handwrittenSignature(4) });
		t.record(stream, 'consensus.signed', { version_sha256: sha2, person: personId(9), capacity: 'witness', signature: handwrittenSignature(9) });
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(Object.keys(s.signedCurrent).sort()).toEqual([people[0], personId(9)].sort());
		expect(s.signedCurrent[personId(9)]!.capacity).toBe('witness');
		expect(s.refusedCurrent[people[2]!]!.reason).toBe('费用分担比例不合理');
		expect(s.versions[0]!.signatures.map((x) => x.person)).toEqual([people[0], people[1], people[3]]);
		expect([...s.mustSignAgain].sort()).toEqual([people[1], people[3]].sort());
		expect(stillToSign(s, people)).toEqual([people[1], people[3]]);
	});

	it('the latest answer of a person on a version stands; a refusal can be followed by a signature', () => {
		const { t, stream, people, sha2 } = scenario();
		t.record(stream, 'consensus.refused', { version_sha256: sha2, person: people[2], reason: '再想想' });
		t.record(stream, 'consensus.signed', { version_sha256: sha2, person: people[2], capacity: 'participant', signature: handwrittenSignature(5) });
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(s.signedCurrent[people[2]!]).toBeDefined();
		expect(s.refusedCurrent[people[2]!]).toBeUndefined();
		expect(s.versions[1]!.refusals).toHaveLength(1);
	});

	it('marks what comes after the close, and records photos once', () => {
		const { t, stream, people, sha2 } = scenario();
		const photo = { photo: 'a'.repeat(32), sha256: 'b'.repeat(64), bytes: 1000, width: 1600, height: 1200 };
		t.record(stream, 'photo.added', photo);
		t.record(stream, 'photo.added', photo);
		t.close(stream);
		t.record(stream, 'consensus.signed', { version_sha256: sha2, person: people[3], capacity: 'participant', signature: handwrittenSignature(6) });
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(s.closed).toBe(true);
		expect(s.signedCurrent[people[3]!]!.afterClose).toBe(true);
		expect(s.photos).toHaveLength(1);
		expect(s.photos[0]!.afterClose).toBe(false);
	});

	it('gives the same state for any delivery order of the same events, duplicates included', () => {
		const { t, stream, people, sha2 } = scenario();
		const other = new FakeTablet('tab-b');
		other.observe(t.events);
		other.record(stream, 'consensus.signed', { version_sha256: sha2, person: people[1], capacity: 'participant', signature: handwrittenSignature(7) });
		t.record(stream, 'consensus.refused', { version_sha256: sha2, person: people[3], reason: '不同意' });
		const events = [...t.events, ...other.events];
		const expected = projectConsensus(stream, inCanonicalOrder(events));
		fc.assert(
			fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.nat(events.length - 1), { maxLength: 5 }), (order, dups) => {
				const delivered = [...order, ...dups.map((i) => events[i]!)];
				expect(projectConsensus(stream, inCanonicalOrder(delivered))).toEqual(expected);
			}),
			{ numRuns: 100 }
		);
	});
});

describe('rules', () => {
	it('refuses drafts that are empty, unchanged, too long, or after close', () => {
		const { t, stream } = scenario();
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(draftProblem(s, ' \n\t\n')).toBe('empty');
		expect(draftProblem(s, TEXT_2 + '  \r\n')).toBe('unchanged');
		expect(draftProblem(s, '字'.repeat(20_001))).toBe('too_long');
		expect(draftProblem(s, TEXT_2 + '\n三、下周开工。')).toBeNull();
		t.close(stream);
		expect(draftProblem(projectConsensus(stream, inCanonicalOrder(t.events)), '新的文本')).toBe('closed');
	});

	it('refuses signing an outdated version, signing twice, a refusal without reason, and anything after close', () => {
		const { t, stream, people, sha1, sha2 } = scenario();
		t.record(stream, 'consensus.signed', { version_sha256: sha2, person: people[0], capacity: 'participant', signature: handwrittenSignature(3) });
		const s = projectConsensus(stream, inCanonicalOrder(t.events));
		expect(answerProblem(s, sha1, people[1]!)).toBe('outdated');
		expect(answerProblem(s, sha2, people[0]!)).toBe('already_signed');
		expect(answerProblem(s, sha2, people[1]!)).toBeNull();
		expect(answerProblem(s, sha2, people[1]!, { reason: '  ' })).toBe('no_reason');
		expect(answerProblem(s, sha2, people[1]!, { reason: '理'.repeat(501) })).toBe('reason_too_long');
		expect(answerProblem(projectConsensus(stream, []), sha2, people[1]!)).toBe('no_version');
		t.close(stream);
		expect(answerProblem(projectConsensus(stream, inCanonicalOrder(t.events)), sha2, people[1]!)).toBe('closed');
	});

	it('the schema refuses a text whose hash does not match, and an empty or tampered signature', () => {
		const t = new FakeTablet('tab-a');
		const stream = t.openMeeting();
		const bad = t.record(stream, 'consensus.drafted', { text: '共识', text_sha256: textSha256('别的') });
		expect(validateEvent(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('payload.text_sha256') });
		const raw = t.record(stream, 'consensus.drafted', { text: '共识 \r\n', text_sha256: textSha256('共识') });
		expect(validateEvent(raw).ok).toBe(true);
		const sig = handwrittenSignature(1);
		const empty = t.record(stream, 'consensus.signed', { version_sha256: textSha256('共识'), person: personId(1), capacity: 'participant', signature: { ...sig, strokes: '' } });
		expect(validateEvent(empty)).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
		const tampered = t.record(stream, 'consensus.signed', {
			version_sha256: textSha256('共识'),
			person: personId(1),
			capacity: 'participant',
			signature: { ...sig, sha256: 'f'.repeat(64) }
		});
		expect(validateEvent(tampered).ok).toBe(false);
		const photo = t.record(stream, 'photo.added', { photo: 'a'.repeat(32), sha256: 'b'.repeat(64), bytes: 20 * 1024 * 1024 + 1, width: 10, height: 10 });
		expect(validateEvent(photo).ok).toBe(false);
	});
});

describe('fingerprint and verifyRecord', () => {
	function stored(events: readonly EventEnvelope[]) {
		return events.map((e) => ({ id: e.id, raw: canonicalJson(e) }));
	}

	it('is the SHA-256 of the canonical JSON of the hashes in canonical order', () => {
		const { t } = scenario();
		const fp = meetingFingerprint([...t.events].reverse(), sha256Hex);
		expect(fp).toBe(nodeSha(JSON.stringify(t.events.map((e) => e.hash))));
		expect(groupHex(fp)).toHaveLength(8);
		expect(parseFingerprint(groupHex(fp).join(' ').toUpperCase())).toBe(fp);
		expect(parseFingerprint('xyz')).toBeNull();
	});

	it('matches an intact record and lists who signed which version', () => {
		const { t, stream, people } = scenario();
		const fp = meetingFingerprint(t.events, sha256Hex);
		const report = verifyRecord({ stream, rows: stored(t.events), predecessors: {}, claimed: fp, sha256: nodeSha, nameOf: (p) => `name of ${p}` });
		expect(report).toMatchObject({ match: true, events: t.events.length, fingerprint: fp, differs: [] });
		expect(report.versions.map((v) => [v.number, v.current, v.signers.map((s) => s.name)])).toEqual([
			[1, false, [`name of ${people[0]}`, `name of ${people[1]}`]],
			[2, true, []]
		]);
	});

	it('does not match when a stored event was changed, and says which', () => {
		const { t, stream } = scenario();
		const fp = meetingFingerprint(t.events, sha256Hex);
		const rows = stored(t.events);
		const draft = t.events.findIndex((e) => e.type === 'consensus.drafted');
		rows[draft] = { id: rows[draft]!.id, raw: rows[draft]!.raw.replace('几百元', '五百元') };
		const report = verifyRecord({ stream, rows, predecessors: {}, claimed: fp, sha256: nodeSha, nameOf: () => '' });
		expect(report.match).toBe(false);
		const e = t.events[draft]!;
		expect(report.differs).toEqual([
			{
				code: 'hash_mismatch',
				event: e.id,
				type: 'consensus.drafted',
				device: e.device,
				seq: e.seq,
				prevSeq: null,
				message: `event ${e.id} (consensus.drafted, seq ${e.seq} of ${e.device}): stored content does not match its hash`
			},
			expect.objectContaining({ code: 'fingerprint_mismatch', event: null, message: expect.stringContaining('not the fingerprint given') })
		]);
		expect(report.fingerprint).not.toBe(fp);
	});

	it('does not match when an event was replaced with a re-hashed one (the chain breaks) or removed', () => {
		const { t, stream } = scenario();
		const fp = meetingFingerprint(t.events, sha256Hex);
		const i = 3;
		const forged = { ...t.events[i]!, at: '2026-11-26T09:00:00.000Z' };
		forged.hash = eventHash(forged);
		const rows = stored(t.events);
		rows[i] = { id: forged.id, raw: canonicalJson(forged) };
		const report = verifyRecord({ stream, rows, predecessors: {}, claimed: fp, sha256: nodeSha, nameOf: () => '' });
		expect(report.match).toBe(false);
		const next = t.events[i + 1]!;
		expect(next.device).toBe(forged.device);
		expect(report.differs).toContainEqual(
			expect.objectContaining({ code: 'prev_mismatch', event: next.id, device: next.device, seq: next.seq, prevSeq: next.seq - 1, message: expect.stringContaining('prev does not match') })
		);
		const removed = verifyRecord({ stream, rows: stored(t.events).slice(0, -1), predecessors: {}, claimed: fp, sha256: nodeSha, nameOf: () => '' });
		expect(removed.match).toBe(false);
		expect(removed.differs).toEqual([expect.objectContaining({ code: 'fingerprint_mismatch', message: expect.stringContaining('fingerprint') })]);
	});

	it('checks a chain across streams through the predecessors given', () => {
		const t = new FakeTablet('tab-a');
		const other = t.openMeeting('另一个会议');
		const stream = t.openMeeting();
		const mine = t.events.filter((e) => e.stream === stream);
		const before = t.events.find((e) => e.stream === other)!;
		const fp = meetingFingerprint(mine, sha256Hex);
		const args = { stream, rows: stored(mine), claimed: fp, sha256: nodeSha, nameOf: () => '' };
		expect(verifyRecord({ ...args, predecessors: { [`tab-a:${before.seq}`]: canonicalJson(before) } }).match).toBe(true);
		const first = mine.find((e) => e.seq > 1)!;
		expect(verifyRecord({ ...args, predecessors: {} }).differs).toEqual([
			expect.objectContaining({ code: 'prev_missing', event: first.id, device: 'tab-a', seq: first.seq, prevSeq: before.seq, message: expect.stringContaining('is missing') })
		]);
	});
});

describe('utf8Encode (for runtimes without TextEncoder)', () => {
	it('equals TextEncoder for any string, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
			}),
			{ numRuns: 500 }
		);
	});
});
