/**
 * CSV for the duty record (RFC 4180: CRLF lines, fields with a comma, quote or line break quoted,
 * quotes doubled), as UTF-8 with a byte-order mark so that Excel opens Chinese text correctly.
 * A cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
 * (A local helper: to be merged with the attendance export's `toCsv` in `csv.ts`.)
 */
export function kioskCsv(rows: readonly (readonly (string | number)[])[]): string {
	const cell = (v: string | number) => {
		let s = String(v);
		if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
