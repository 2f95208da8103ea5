import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, hashInput, sha256Hex, type EventEnvelope } from '../../src/lib/domain';
import { FakeTablet, personId } from '../support/factories';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function withoutHash(event: EventEnvelope): Record<string, unknown> {
	const rest: Record<string, unknown> = { ...event };
	delete rest.hash;
	return rest;
}

/** The same keys in reverse insertion order, all the way down. */
function reversedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(reversedKeys);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value).reverse()) out[key] = reversedKeys((value as Record<string, unknown>)[key]);
	return out;
}

function sampleEvents(): EventEnvelope[] {
	const t = new FakeTablet('tab-canon');
	const m = t.openMeeting('凯荣小区电力设施改造协商会 · “加装电梯”');
	t.changeDetails(m, { description: '第一议题：\n电表箱\t更换', quorum: 12 });
	t.checkIn(m, personId(1));
	t.registerWalkIn(m, '张三', 'other', '凯荣物业');
	return t.events;
}

describe('canonicalJson (RFC 8785)', () => {
	it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
		const input = {
			'\u20ac': 'Euro Sign',
			'\r': 'Carriage Return',
			'\ufb33': 'Hebrew Letter Dalet With Dagesh',
			'1': 'One',
			'\ud83d\ude00': 'Emoji: Grinning Face',
			'\u0080': 'Control',
			'\u00f6': 'Latin Small Letter O With Diaeresis'
		};
		expect(canonicalJson(input)).toBe(
			'{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
				'"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
		);
	});

	it('serialises the RFC 8785 §3.2.2 example exactly', () => {
		const input = JSON.parse(
			'{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
				' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}'
		) as unknown;
		expect(canonicalJson(input)).toBe(
			'{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
				'"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
		);
	});

	it.each([
		[0, '0'],
		[-0, '0'],
		[1, '1'],
		[-1.5, '-1.5'],
		[0.1, '0.1'],
		[1e21, '1e+21'],
		[1e20, '100000000000000000000'],
		[1e-7, '1e-7'],
		[0.000001, '0.000001'],
		[5e-324, '5e-324'],
		[9007199254740991, '9007199254740991'],
		[1.7976931348623157e308, '1.7976931348623157e+308']
	])('writes the number %s as %s', (n, text) => {
		expect(canonicalJson(n)).toBe(text);
		expect(canonicalJson({ n })).toBe(`{"n":${text}}`);
	});

	it.each([NaN, Infinity, -Infinity])('refuses the non-JSON number %s', (n) => {
		expect(() => canonicalJson({ n })).toThrow();
	});

	it('refuses a value with no JSON form', () => {
		expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
	});

	it('writes no whitespace between tokens but keeps it inside strings', () => {
		const text = canonicalJson({ b: [1, { d: ' x  y ', c: null }], a: { z: true, y: false } });
		expect(text).toBe('{"a":{"y":false,"z":true},"b":[1,{"c":null,"d":" x  y "}]}');
	});

	it('keeps Chinese and other non-ASCII text as it is, escaping only what JSON must', () => {
		expect(canonicalJson({ title: '议事：协商会「一」', name: '張三' })).toBe('{"name":"張三","title":"议事：协商会「一」"}');
		expect(canonicalJson('\u2028\u00e9\t"\\')).toBe('"\u2028\u00e9\\t\\"\\\\"');
		expect(canonicalJson('\u0001\u001f')).toBe('"\\u0001\\u001f"');
	});

	it('keeps array order and leaves out object keys whose value is undefined', () => {
		expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
	});
});

describe('eventHash', () => {
	it("equals Node's SHA-256 of the canonical JSON without `hash` (UTF-8, Chinese included)", () => {
		for (const event of sampleEvents()) {
			const input = hashInput(event);
			expect(input).not.toContain('"hash"');
			expect(input).toBe(canonicalJson(withoutHash(event)));
			expect(eventHash(event)).toBe(nodeSha256(input));
			expect(event.hash).toBe(nodeSha256(input));
			expect(eventHash(event)).toMatch(/^[0-9a-f]{64}$/);
		}
		const chinese = sampleEvents()[0]!;
		expect(hashInput(chinese)).toContain('凯荣小区电力设施改造协商会');
	});

	it('hashes text as UTF-8 like Node does', () => {
		for (const text of ['', 'abc', '议事', '😀', '\u0080\u07ff\u0800\uffff']) {
			expect(sha256Hex(text)).toBe(nodeSha256(text));
		}
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('does not depend on the `hash` field present, absent or wrong', () => {
		const event = sampleEvents()[1]!;
		const rest = withoutHash(event);
		expect(eventHash(rest)).toBe(event.hash);
		expect(eventHash({ ...event, hash: '0'.repeat(64) })).toBe(event.hash);
	});

	it('ignores the key order of the input, also inside the payload', () => {
		for (const event of sampleEvents()) {
			const shuffled = reversedKeys(event) as Record<string, unknown>;
			expect(Object.keys(shuffled)).not.toEqual(Object.keys(event));
			expect(eventHash(shuffled)).toBe(event.hash);
		}
	});

	it('changes when any field changes', () => {
		const event = sampleEvents()[2]!;
		const changes: Record<string, unknown> = {
			id: event.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
			stream: event.stream.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
			venue: 'othervenue00001',
			device: 'tab-other',
			seq: event.seq + 1,
			hlc: event.hlc.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
			at: '2026-11-26T08:00:00.001Z',
			actor: 'otheractor00001',
			type: 'attendance.check_in_revoked',
			v: 2,
			payload: { ...event.payload, method: 'signature' },
			prev: 'f'.repeat(64)
		};
		expect(Object.keys(changes).sort()).toEqual(Object.keys(withoutHash(event)).sort());
		const seen = new Set([event.hash]);
		for (const [field, value] of Object.entries(changes)) {
			const changed = eventHash({ ...event, [field]: value });
			expect(changed, field).not.toBe(event.hash);
			seen.add(changed);
		}
		expect(seen.size).toBe(Object.keys(changes).length + 1);
	});

	it('differs for any two different payload texts, full Unicode, and matches Node (property)', () => {
		const base = sampleEvents()[0]!;
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (a, b) => {
				fc.pre(a !== b);
				const ea = { ...base, payload: { ...base.payload, title: a } };
				const eb = { ...base, payload: { ...base.payload, title: b } };
				expect(eventHash(ea)).not.toBe(eventHash(eb));
				expect(eventHash(ea)).toBe(nodeSha256(canonicalJson(withoutHash(ea as EventEnvelope))));
			}),
			{ numRuns: 200 }
		);
	});
});
