/**
 * Handwritten signatures as compact vector strokes (domain.md, "The law"): x/y points only — no
 * pen timing, no pressure (dynamic signature data may count as biometric under PIPL).
 *
 * A signature is drawn in a box `w` × `h` (w = 1000 units, h follows the pad's aspect) with integer
 * coordinates. `strokes` encodes it as text: strokes separated by `;`, each stroke a comma-separated
 * list `x0,y0,dx1,dy1,dx2,dy2…` (first point absolute, then differences to the previous point).
 * `sha256` is the SHA-256 of the canonical JSON of `{ w, h, strokes }`; it is what a consensus
 * signature binds to together with the text version's hash.
 *
 * Rejected: no ink or a single dot (less than MIN_INK units of pen travel), points outside the box,
 * more than MAX_POINTS points or MAX_STROKES strokes, a malformed encoding, a hash that does not
 * match. The same checks run on the tablet and, through the bundled schema, on the server.
 */
import { canonicalJson, sha256Hex } from './canonical';

export interface Signature {
	readonly w: number;
	readonly h: number;
	readonly strokes: string;
	readonly sha256: string;
}

export interface Point {
	readonly x: number;
	readonly y: number;
}

export const SIGNATURE_WIDTH = 1000;
/** Pen travel, in box units, below which a signature counts as empty (a tap or a dot). */
export const MIN_INK = 40;
export const MAX_STROKES = 300;
export const MAX_POINTS = 6000;
/** The encoded `strokes` text never exceeds this many characters. */
export const MAX_STROKES_CHARS = 40_000;

export type SignatureProblem = 'empty' | 'too_short' | 'too_large' | 'out_of_box' | 'malformed' | 'hash_mismatch';

const STROKE = /^-?\d{1,4}(,-?\d{1,4})*$/;

export function signatureHash(sig: Pick<Signature, 'w' | 'h' | 'strokes'>): string {
	return sha256Hex(canonicalJson({ w: sig.w, h: sig.h, strokes: sig.strokes }));
}

/** The strokes as absolute points in the box, or null when the encoding is malformed. */
export function decodeStrokes(strokes: string): Point[][] | null {
	if (strokes === '') return [];
	const out: Point[][] = [];
	for (const part of strokes.split(';')) {
		if (!STROKE.test(part)) return null;
		const n = part.split(',').map(Number);
		if (n.length % 2 !== 0) return null;
		const stroke: Point[] = [];
		let x = 0;
		let y = 0;
		for (let i = 0; i < n.length; i += 2) {
			x = i === 0 ? n[0]! : x + n[i]!;
			y = i === 0 ? n[1]! : y + n[i + 1]!;
			stroke.push({ x, y });
		}
		out.push(stroke);
	}
	return out;
}

function encodeStrokes(strokes: readonly (readonly Point[])[]): string {
	return strokes
		.map((stroke) => {
			const parts: number[] = [];
			let px = 0;
			let py = 0;
			stroke.forEach((p, i) => {
				parts.push(i === 0 ? p.x : p.x - px, i === 0 ? p.y : p.y - py);
				px = p.x;
				py = p.y;
			});
			return parts.join(',');
		})
		.join(';');
}

/** Total pen travel; a lone point counts as nothing. */
export function inkLength(strokes: readonly (readonly Point[])[]): number {
	let total = 0;
	for (const s of strokes) {
		for (let i = 1; i < s.length; i++) total += Math.hypot(s[i]!.x - s[i - 1]!.x, s[i]!.y - s[i - 1]!.y);
	}
	return total;
}

/**
 * Makes a signature from what the pad recorded, in the pad's own (CSS pixel) coordinates: scales
 * into the 1000-wide box, rounds to whole units, drops repeated points. Returns the problem instead
 * when it is not a signature.
 */
export function makeSignature(
	strokes: readonly (readonly Point[])[],
	pad: { width: number; height: number }
): { ok: true; signature: Signature } | { ok: false; problem: SignatureProblem } {
	if (!(pad.width > 0 && pad.height > 0)) return { ok: false, problem: 'empty' };
	const scale = SIGNATURE_WIDTH / pad.width;
	const w = SIGNATURE_WIDTH;
	const h = Math.max(1, Math.round(pad.height * scale));
	const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v * scale)));
	const scaled: Point[][] = [];
	for (const stroke of strokes) {
		const out: Point[] = [];
		for (const p of stroke) {
			const q = { x: clamp(p.x, w), y: clamp(p.y, h) };
			const last = out.at(-1);
			if (!last || last.x !== q.x || last.y !== q.y) out.push(q);
		}
		if (out.length > 0) scaled.push(out);
	}
	const body = { w, h, strokes: encodeStrokes(scaled) };
	const problem = signatureProblem({ ...body, sha256: signatureHash(body) });
	if (problem) return { ok: false, problem };
	return { ok: true, signature: { ...body, sha256: signatureHash(body) } };
}

/** Why a stored or received signature is not acceptable, or null when it is. */
export function signatureProblem(sig: Signature): SignatureProblem | null {
	if (sig.strokes.length > MAX_STROKES_CHARS) return 'too_large';
	const strokes = decodeStrokes(sig.strokes);
	if (strokes === null) return 'malformed';
	if (strokes.length === 0) return 'empty';
	if (strokes.length > MAX_STROKES || strokes.reduce((n, s) => n + s.length, 0) > MAX_POINTS) return 'too_large';
	for (const s of strokes) for (const p of s) if (p.x < 0 || p.y < 0 || p.x > sig.w || p.y > sig.h) return 'out_of_box';
	if (inkLength(strokes) < MIN_INK) return 'too_short';
	if (signatureHash(sig) !== sig.sha256) return 'hash_mismatch';
	return null;
}

/** SVG path data (in box units) that redraws the strokes: for screens and print, at any size. */
export function signaturePath(sig: Pick<Signature, 'strokes'>): string {
	const strokes = decodeStrokes(sig.strokes) ?? [];
	return strokes
		.map((s) => {
			if (s.length === 1) return `M${s[0]!.x} ${s[0]!.y}h0.1`;
			return `M${s[0]!.x} ${s[0]!.y}` + s.slice(1).map((p) => `L${p.x} ${p.y}`).join('');
		})
		.join('');
}
