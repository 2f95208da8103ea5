/**
 * Finding a person fast on a roster of up to thousands: by name (any part), by full pinyin without
 * tones ("zhangsan", "zhang san"), by pinyin initials ("zs"), or by role label ("网格员").
 * Pinyin keys come from `makeNameKeys` (`pinyin-keys.ts`, over pinyin-pro), passed in: the app
 * loads pinyin-pro's ~150 KB gzipped dictionary on its own, after the first screen, and searches
 * by name and role until it is there. Keys are cached by name, so a roster rebuilt after
 * every check-in costs little; a search is a linear scan of precomputed lowercase strings.
 */
import type { NameKeys } from './pinyin-keys';

export type { NameKeys } from './pinyin-keys';

/** What the search box holds, made comparable: lowercase, no spaces or apostrophes, ü as v. */
export function normalizeQuery(query: string): string {
	return query.toLowerCase().replace(/[\s'’·]/g, '').replaceAll('ü', 'v');
}

const NO_KEYS: NameKeys = { full: '', initials: '' };

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

	constructor(
		items: readonly T[],
		describe: (item: T) => { name: string; label?: string },
		nameKeys: ((name: string) => NameKeys) | null = null
	) {
		this.#entries = items.map((item) => {
			const { name, label = '' } = describe(item);
			const keys = nameKeys?.(name) ?? NO_KEYS;
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
			if (e.name.includes(q) || (e.full !== '' && (e.full.includes(q) || e.initials.includes(q))) || (e.label !== '' && e.label.includes(q))) out.push(e.item);
		}
		return out;
	}
}
