/**
 * The text of a PDF as Chromium prints it (for tests): pages in order, text-showing operators
 * (Tj, TJ, ', ") decoded through each font's ToUnicode CMap. Enough for Skia's PDFs (Type0 fonts
 * with 2-byte codes, Flate-compressed streams); not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const out = new Map<number, PdfObject>();
	const re = /(\d+) 0 obj\b/g;
	let match: RegExpExecArray | null;
	while ((match = re.exec(text))) {
		const start = match.index + match[0].length;
		const end = text.indexOf('endobj', start);
		if (end < 0) break;
		const body = text.slice(start, end);
		const s = body.indexOf('stream');
		let dict = body;
		let stream: Buffer | null = null;
		if (s >= 0 && /^stream\r?\n/.test(body.slice(s))) {
			dict = body.slice(0, s);
			const dataStart = start + s + (body.slice(s).startsWith('stream\r\n') ? 8 : 7);
			const lengthMatch = /\/Length (\d+)(?! \d+ R)/.exec(dict);
			const dataEnd = lengthMatch ? dataStart + Number(lengthMatch[1]) : start + body.lastIndexOf('endstream');
			const raw = pdf.subarray(dataStart, dataEnd);
			stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
		}
		out.set(Number(match[1]), { dict, stream });
		re.lastIndex = end;
	}
	return out;
}

function hexToCodes(hex: string, bytes: number): number[] {
	const clean = hex.replace(/\s/g, '');
	const out: number[] = [];
	for (let i = 0; i < clean.length; i += bytes * 2) out.push(parseInt(clean.slice(i, i + bytes * 2).padEnd(bytes * 2, '0'), 16));
	return out;
}

function utf16(hex: string): string {
	const clean = hex.replace(/\s/g, '');
	const units: number[] = [];
	for (let i = 0; i < clean.length; i += 4) units.push(parseInt(clean.slice(i, i + 4), 16));
	return String.fromCharCode(...units);
}

function parseCMap(cmap: string): Map<number, string> {
	const map = new Map<number, string>();
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
			const lo = parseInt(m[1]!, 16);
			const hi = parseInt(m[2]!, 16);
			if (m[3]!.startsWith('[')) {
				const items = [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]!));
				for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? '');
			} else {
				const base = utf16(m[3]!.slice(1, -1));
				for (let c = lo; c <= hi; c++) {
					map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
				}
			}
		}
	}
	return map;
}

function ref(dict: string, key: string): number | null {
	const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
	return m ? Number(m[1]) : null;
}

/** Literal string bytes (PDF escapes) as char codes. */
function literalCodes(s: string): number[] {
	const out: number[] = [];
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c !== '\\') {
			out.push(c.charCodeAt(0));
			continue;
		}
		const n = s[++i]!;
		if (/[0-7]/.test(n)) {
			let oct = n;
			while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
			out.push(parseInt(oct, 8));
		} else out.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[n] ?? n.charCodeAt(0));
	}
	return out;
}

export function pdfText(pdf: Buffer): string {
	const objs = objects(pdf);
	const fonts = new Map<number, { cmap: Map<number, string>; bytes: number }>();
	const fontOf = (id: number) => {
		let font = fonts.get(id);
		if (!font) {
			const dict = objs.get(id)?.dict ?? '';
			const cmapId = ref(dict, 'ToUnicode');
			const cmap = cmapId !== null ? parseCMap(objs.get(cmapId)?.stream?.toString('latin1') ?? '') : new Map<number, string>();
			font = { cmap, bytes: /\/Type0/.test(dict) ? 2 : 1 };
			fonts.set(id, font);
		}
		return font;
	};
	const pages: string[] = [];
	// Pages in document order: follow the page tree from the catalog.
	const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
	const order: number[] = [];
	const walk = (id: number) => {
		const dict = objs.get(id)?.dict ?? '';
		if (/\/Type\s*\/Pages/.test(dict)) {
			const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
			for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
		} else order.push(id);
	};
	const root = catalog ? ref(catalog.dict, 'Pages') : null;
	if (root !== null) walk(root);
	for (const pageId of order) {
		const page = objs.get(pageId)!.dict;
		let resources = /\/Resources\s*<<([\s\S]*)>>/.exec(page)?.[1] ?? '';
		const resId = ref(page, 'Resources');
		if (resId !== null) resources = objs.get(resId)?.dict ?? '';
		let fontDict = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
		const fontDictId = ref(resources, 'Font');
		if (!fontDict && fontDictId !== null) fontDict = objs.get(fontDictId)?.dict ?? '';
		const names = new Map<string, number>();
		for (const f of fontDict.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) names.set(f[1]!, Number(f[2]));
		const contentIds = /\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(page)?.[1] ?? '';
		let content = '';
		for (const c of contentIds.matchAll(/(\d+) 0 R/g)) content += objs.get(Number(c[1]))?.stream?.toString('latin1') ?? '';
		let text = '';
		let font = { cmap: new Map<number, string>(), bytes: 1 };
		const decode = (codes: number[]) => codes.map((c) => font.cmap.get(c) ?? (font.bytes === 1 ? String.fromCharCode(c) : '')).join('');
		// Marked content with /ActualText (Chromium writes it where a glyph stands for another
		// character, e.g. a radical form): its text replaces the glyphs up to EMC.
		const tokens =
			/\/ActualText\s*<([0-9a-fA-F]*)>[^]*?BDC|(EMC)\b|\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)|(T\*|Td|TD|Tm|ET)\b/g;
		let actual = false;
		let t: RegExpExecArray | null;
		while ((t = tokens.exec(content))) {
			if (t[1] !== undefined) {
				text += utf16(t[1]).replace(/^\ufeff/, '');
				actual = true;
			} else if (t[2] !== undefined) actual = false;
			else if (t[3] !== undefined) {
				const id = names.get(t[3]);
				if (id !== undefined) font = fontOf(id);
			} else if (actual) continue;
			else if (t[4] !== undefined) text += decode(hexToCodes(t[4], font.bytes));
			else if (t[5] !== undefined) {
				const codes = literalCodes(t[5]);
				if (font.bytes === 2) {
					const pairs: number[] = [];
					for (let i = 0; i < codes.length; i += 2) pairs.push((codes[i]! << 8) | (codes[i + 1] ?? 0));
					text += decode(pairs);
				} else text += decode(codes);
			} else if (t[6] !== undefined) text += t[6] === 'ET' || t[6] === 'T*' ? '\n' : ' ';
		}
		pages.push(text);
	}
	return pages.join('\n\f\n');
}

/**
 * Text for matching: NFKC (a font may map 二 to the Kangxi radical ⼆), without any white space (Chromium places CJK glyphs one by one, with gaps between).
 */
export function squash(text: string): string {
	return text.normalize('NFKC').replace(/\s/g, '');
}
