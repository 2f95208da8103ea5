/**
 * The UI language: Paraglide's runtime keeps it in localStorage; this class makes the choice
 * reactive so the layout can re-render with `{#key}` instead of reloading the page.
 */
import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime.js';

export class LocaleState {
	#current = $state<Locale>(getLocale());

	constructor() {
		if (typeof document !== 'undefined') document.documentElement.lang = this.#current;
	}

	get current(): Locale {
		return this.#current;
	}

	get all(): readonly Locale[] {
		return locales;
	}

	set(locale: Locale): void {
		void setLocale(locale, { reload: false });
		this.#current = locale;
		document.documentElement.lang = locale;
	}
}
