/**
 * Pinyin keys of a name for the people search (`people-search.ts`): full pinyin without tones and
 * the syllables' initials; surnames read as surnames (曾 zeng, 单 shan), ü written v. Cached by
 * name. The pinyin function is pinyin-pro's `pinyin`, passed in: its dictionary is ~150 KB
 * gzipped, so the app loads it on its own after the first screen (`$lib/state/pinyin`), and the
 * domain stays free of it.
 */

export interface NameKeys {
	/** Full pinyin, lowercase, no tones, no spaces: 张三 → "zhangsan". */
	readonly full: string;
	/** First letter of each syllable: 张三 → "zs". */
	readonly initials: string;
}

/** pinyin-pro's `pinyin`, as called here. */
export type PinyinFunction = (text: string, options: { toneType: 'none'; type: 'array'; surname: 'head'; v: true }) => string[];

const MAX_CACHED = 50_000;

/** A cached `name → keys` function over pinyin-pro's `pinyin`. */
export function makeNameKeys(pinyin: PinyinFunction): (name: string) => NameKeys {
	const cache = new Map<string, NameKeys>();
	return (name) => {
		let keys = cache.get(name);
		if (keys) return keys;
		const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
			.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
			.filter((s) => s.length > 0);
		keys = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
		if (cache.size >= MAX_CACHED) cache.clear();
		cache.set(name, keys);
		return keys;
	};
}
