/**
 * Finding a person fast on a roster of up to thousands: by name (any part), by full pinyin without
 * tones ("zhangsan", "zhang san"), by pinyin initials ("zs"), or by role label ("网格员").
 * Pinyin comes from pinyin-pro (surnames read as surnames: 曾 zeng, 单 shan; ü written v). Each
 * name's keys are computed once and cached by name, so a roster rebuilt after every check-in costs
 * nothing; a search is a linear scan of precomputed lowercase strings (5,000 people < 1 ms).
 */
import { pinyin } from 'pinyin-pro';

export interface NameKeys {
	/** Full pinyin, lowercase, no tones, no spaces: 张三 → "zhangsan". */
	readonly full: string;
	/** First letter of each syllable: 张三 → "zs". */
	readonly initials: string;
}

const KEYS = new Map<string, NameKeys>();
const MAX_CACHED = 50_000;

/** The pinyin keys of a name (cached). */
export function nameKeys(name: string): NameKeys {
	let keys = KEYS.get(name);
	if (keys) return keys;
	const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
		.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
		.filter((s) => s.length > 0);
	keys = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
	if (KEYS.size >= MAX_CACHED) KEYS.clear();
	KEYS.set(name, keys);
	return keys;
}

/** What the search box holds, made comparable: lowercase, no spaces or apostrophes, ü as v. */
export function normalizeQuery(query: string): string {
	return query.toLowerCase().replace(/[\s'’·]/g, '').replaceAll('ü', 'v');
}

interface Indexed<T> {
	readonly item: T;
	readonly name: string;
	readonly full: string;
	readonly initials: string;
	readonly label: string;
}

/** A roster made searchable. Build once per roster (cheap: keys are cached by name). */
export class PeopleIndex<T> {
	readonly #entries: readonly Indexed<T>[];

	constructor(items: readonly T[], describe: (item: T) => { name: string; label?: string }) {
		this.#entries = items.map((item) => {
			const { name, label = '' } = describe(item);
			const keys = nameKeys(name);
			return { item, name: name.toLowerCase(), full: keys.full, initials: keys.initials, label: label.toLowerCase() };
		});
	}

	get size(): number {
		return this.#entries.length;
	}

	/** The items that match, in roster order; all of them for an empty query. */
	search(query: string): T[] {
		const q = normalizeQuery(query);
		if (q === '') return this.#entries.map((e) => e.item);
		const out: T[] = [];
		for (const e of this.#entries) {
			if (e.name.includes(q) || e.full.includes(q) || e.initials.includes(q) || (e.label !== '' && e.label.includes(q))) out.push(e.item);
		}
		return out;
	}
}
