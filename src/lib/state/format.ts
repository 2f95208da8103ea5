/**
 * Dates, times and numbers with Intl in the UI locale. Formatters are made once per locale and
 * options and kept: making one is slow on a tablet (the first unit formatter cost ~60 ms of a
 * throttled cold start), using one is not.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
	let f = formatters.get(key) as T | undefined;
	if (!f) {
		f = make();
		formatters.set(key, f);
	}
	return f;
}

export function formatDateTime(iso: string | null, locale: string): string {
	if (!iso) return '';
	return cached(`dt:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

export function formatTime(iso: string | null, locale: string): string {
	if (!iso) return '';
	return cached(`t:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(new Date(iso));
}

export function formatNumber(n: number, locale: string): string {
	return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** "1.2 MB": the number in the locale, the unit symbol as written in both languages. */
export function formatBytes(bytes: number, locale: string): string {
	const units = ['B', 'kB', 'MB', 'GB'] as const;
	let value = bytes;
	let i = 0;
	while (value >= 1024 && i < units.length - 1) {
		value /= 1024;
		i++;
	}
	return `${cached(`n1:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value)} ${units[i]}`;
}

export function formatPercent(ratio: number, locale: string): string {
	return cached(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(ratio);
}

/** "3 分钟前" / "3 minutes ago". */
export function formatRelative(ms: number, now: number, locale: string): string {
	const rtf = cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
	const seconds = Math.round((ms - now) / 1000);
	if (Math.abs(seconds) < 45) return rtf.format(0, 'second');
	const minutes = Math.round(seconds / 60);
	if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
	return rtf.format(Math.round(hours / 24), 'day');
}

/** The value of a datetime-local input as an ISO UTC string, or null. */
export function localInputToIso(value: string): string | null {
	if (!value) return null;
	const d = new Date(value);
	return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
