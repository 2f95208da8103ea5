/**
 * Signature test data: strokes shaped like a handwritten Chinese name (three characters of
 * 5–9 strokes each, sampled as a pad would at ~60 Hz), in a pad's CSS pixel coordinates.
 */
import { makeSignature, type Point, type Signature } from '../../src/lib/domain';
import { seededRandom } from './random';

export const PAD = { width: 900, height: 300 };

/** Strokes of a three-character name written across a 900×300 pad. */
export function handwrittenStrokes(seed = 1, characters = 3): Point[][] {
	const rnd = seededRandom(seed);
	const strokes: Point[][] = [];
	const cell = PAD.width / (characters + 1);
	for (let c = 0; c < characters; c++) {
		const left = cell * (c + 0.5);
		const count = 5 + Math.floor(rnd() * 5);
		for (let s = 0; s < count; s++) {
			let x = left + rnd() * cell * 0.8;
			let y = 60 + rnd() * 160;
			const angle = rnd() * Math.PI * 2;
			const length = 20 + rnd() * 90;
			const samples = 8 + Math.floor(length / 6);
			const stroke: Point[] = [];
			for (let i = 0; i < samples; i++) {
				stroke.push({ x, y });
				x += (Math.cos(angle) * length) / samples + (rnd() - 0.5) * 2;
				y += (Math.sin(angle) * length) / samples + (rnd() - 0.5) * 2;
			}
			strokes.push(stroke);
		}
	}
	return strokes;
}

export function handwrittenSignature(seed = 1): Signature {
	const made = makeSignature(handwrittenStrokes(seed), PAD);
	if (!made.ok) throw new Error(`test signature refused: ${made.problem}`);
	return made.signature;
}
