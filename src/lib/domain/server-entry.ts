/**
 * What the PocketBase hooks need of the domain, bundled into pocketbase/pb_hooks/lib/domain.cjs
 * by pocketbase/scripts/build-hooks.mjs. One source of truth for both sides: same schemas, same
 * reasons, same canonical JSON. Hashing itself uses PocketBase's native `$security.sha256`.
 */
export { validateEvent } from './validate';
export { canonicalJson, hashInput } from './canonical';
export { STREAM_STARTS } from './events/registry';

// PocketBase's JS runtime (goja) has no TextEncoder, which @noble/hashes uses to hash a
// signature's strokes (`signatureProblem`): without it every signature event failed the push
// with a 400. A UTF-8 encoder suffices (the strokes are ASCII; Chinese text is encoded right too).
const g = globalThis as { TextEncoder?: unknown };
if (typeof g.TextEncoder === 'undefined') {
	g.TextEncoder = class {
		readonly encoding = 'utf-8';
		encode(text = ''): Uint8Array {
			const out: number[] = [];
			for (const ch of text) {
				const c = ch.codePointAt(0)!;
				if (c < 0x80) out.push(c);
				else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
				else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
				else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
			}
			return new Uint8Array(out);
		}
	};
}
