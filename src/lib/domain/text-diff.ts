/**
 * Consensus text: normalisation, hashing and a line diff between two versions.
 *
 * The hash of a version is SHA-256 (lowercase hex) of the UTF-8 bytes of its normalised text:
 * Unicode NFC; CRLF and lone CR become LF; spaces and tabs at the end of each line are removed;
 * blank lines at the end are removed. The same function runs on the tablet and, bundled, on the
 * server (pocketbase/protocol.md, "Consensus"), so a version hash is the same everywhere.
 *
 * The diff is a longest-common-subsequence diff over lines (then over characters inside a
 * changed line pair), small enough for texts of a few hundred lines.
 */
import { sha256Hex } from './canonical';

export function normaliseText(text: string): string {
	const lines = text
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.replace(/[ \t]+$/, ''));
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines.join('\n');
}

export function textSha256(text: string): string {
	return sha256Hex(normaliseText(text));
}

export type DiffOp = { op: 'same' | 'added' | 'removed'; text: string };

/** LCS diff of two sequences; returns the operations in order. */
function lcs<T>(a: readonly T[], b: readonly T[]): { op: 'same' | 'added' | 'removed'; value: T }[] {
	const n = a.length;
	const m = b.length;
	const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
		}
	}
	const out: { op: 'same' | 'added' | 'removed'; value: T }[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			out.push({ op: 'same', value: a[i]! });
			i++;
			j++;
		} else if (table[i + 1]![j]! >= table[i]![j + 1]!) out.push({ op: 'removed', value: a[i++]! });
		else out.push({ op: 'added', value: b[j++]! });
	}
	while (i < n) out.push({ op: 'removed', value: a[i++]! });
	while (j < m) out.push({ op: 'added', value: b[j++]! });
	return out;
}

/** Largest input (lines × lines, or characters × characters) diffed exactly. */
const MAX_CELLS = 4_000_000;

/** Lines of the old and new text, each marked same / removed / added. */
export function diffLines(before: string, after: string): DiffOp[] {
	const a = normaliseText(before).split('\n');
	const b = normaliseText(after).split('\n');
	if (a.length * b.length > MAX_CELLS) {
		return [...a.map((text) => ({ op: 'removed' as const, text })), ...b.map((text) => ({ op: 'added' as const, text }))];
	}
	return lcs(a, b).map(({ op, value }) => ({ op, text: value }));
}

/** Characters of one line against another, grouped into runs (for showing an edit inside a line). */
export function diffChars(before: string, after: string): DiffOp[] {
	const a = [...before];
	const b = [...after];
	if (a.length * b.length > MAX_CELLS) return [{ op: 'removed', text: before }, { op: 'added', text: after }];
	const out: DiffOp[] = [];
	for (const { op, value } of lcs(a, b)) {
		const last = out.at(-1);
		if (last && last.op === op) last.text += value;
		else out.push({ op, text: value });
	}
	return out;
}
