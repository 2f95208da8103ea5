import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MIN_INK,
	decodeStrokes,
	inkLength,
	makeSignature,
	signatureHash,
	signaturePath,
	signatureProblem,
	type Signature
} from '../../src/lib/domain';
import { signature as signatureSchema } from '../../src/lib/domain/events/common';
import { PAD, handwrittenSignature, handwrittenStrokes } from '../support/signatures';

function rehash(sig: Omit<Signature, 'sha256'>): Signature {
	return { ...sig, sha256: signatureHash(sig) };
}

describe('signatures as compact strokes', () => {
	it('scales a pad drawing into the 1000-wide box and keeps every point in it', () => {
		const made = makeSignature(handwrittenStrokes(7), PAD);
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		const sig = made.signature;
		expect(sig.w).toBe(1000);
		expect(sig.h).toBe(333);
		const strokes = decodeStrokes(sig.strokes)!;
		expect(strokes.length).toBe(handwrittenStrokes(7).length);
		for (const s of strokes) for (const p of s) expect(p.x >= 0 && p.x <= 1000 && p.y >= 0 && p.y <= 333).toBe(true);
		expect(signatureProblem(sig)).toBeNull();
	});

	it('round-trips any strokes through the delta encoding', () => {
		const point = fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 400 }) });
		fc.assert(
			fc.property(fc.array(fc.array(point, { minLength: 2, maxLength: 30 }), { minLength: 1, maxLength: 20 }), (strokes) => {
				const made = makeSignature(strokes, { width: 1000, height: 400 });
				if (!made.ok) return inkLength(strokes) < MIN_INK || made.problem !== 'malformed';
				const decoded = decodeStrokes(made.signature.strokes)!;
				// Repeated points are dropped; every kept point is one of the drawn points, in order.
				const drawn = strokes.map((s) => s.filter((p, i) => i === 0 || p.x !== s[i - 1]!.x || p.y !== s[i - 1]!.y));
				return JSON.stringify(decoded) === JSON.stringify(drawn);
			})
		);
	});

	it('stores no timing or pressure, only numbers in the strokes text', () => {
		const sig = handwrittenSignature(3);
		expect(Object.keys(sig).sort()).toEqual(['h', 'sha256', 'strokes', 'w']);
		expect(sig.strokes).toMatch(/^[-0-9,;]+$/);
	});

	it('a typical signature is well under 4 KiB', () => {
		const sizes = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(handwrittenSignature(seed)).length);
		for (const size of sizes) expect(size).toBeLessThan(4096);
	});

	it('refuses an empty pad, a single dot and a tap', () => {
		expect(makeSignature([], PAD)).toEqual({ ok: false, problem: 'empty' });
		expect(makeSignature([[{ x: 100, y: 100 }]], PAD)).toEqual({ ok: false, problem: 'too_short' });
		expect(
			makeSignature(
				[
					[
						{ x: 100, y: 100 },
						{ x: 103, y: 101 }
					]
				],
				PAD
			)
		).toEqual({ ok: false, problem: 'too_short' });
		expect(makeSignature(handwrittenStrokes(1), { width: 0, height: 300 })).toEqual({ ok: false, problem: 'empty' });
	});

	it('names what is wrong with a received signature', () => {
		const good = handwrittenSignature(2);
		expect(signatureProblem({ ...good, sha256: '0'.repeat(64) })).toBe('hash_mismatch');
		expect(signatureProblem(rehash({ w: 1000, h: 333, strokes: '10,10,a,5' }))).toBe('malformed');
		expect(signatureProblem(rehash({ w: 1000, h: 333, strokes: '10,10,5' }))).toBe('malformed');
		expect(signatureProblem(rehash({ w: 1000, h: 333, strokes: '10,10,2000,0' }))).toBe('out_of_box');
		expect(signatureProblem(rehash({ w: 1000, h: 333, strokes: '' }))).toBe('empty');
		expect(signatureProblem(rehash({ w: 1000, h: 333, strokes: Array(301).fill('10,10,50,0').join(';') }))).toBe('too_large');
	});

	it('the event schema gives the same reasons as the tablet', () => {
		const good = handwrittenSignature(4);
		expect(signatureSchema().safeParse(good).success).toBe(true);
		const tampered = signatureSchema().safeParse({ ...good, strokes: good.strokes.replace(/^\d+/, '1') });
		expect(tampered.success).toBe(false);
		expect(tampered.error?.issues[0]?.message).toBe('signature: sha256 does not match the strokes');
		const dot = signatureSchema().safeParse(rehash({ w: 1000, h: 333, strokes: '10,10' }));
		expect(dot.error?.issues[0]?.message).toMatch(/too little ink/);
		expect(signatureSchema().safeParse({ ...good, pressure: [1] }).success).toBe(false);
	});

	it('redraws as one SVG path, a dot as a tiny segment', () => {
		expect(signaturePath({ strokes: '10,20,5,5,1,-1;30,40' })).toBe('M10 20L15 25L16 24M30 40h0.1');
	});
});
