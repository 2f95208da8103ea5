/**
 * CSV for spreadsheets (RFC 4180): fields joined by commas, rows by CRLF; a field holding a comma,
 * a quote, a line break or leading/trailing spaces is quoted, its quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab/CR) gets a leading apostrophe
 * (OWASP "CSV injection"), so a name typed by a walk-in can never run in Excel.
 * `toCsv` starts with a UTF-8 byte order mark so Excel opens Chinese text correctly.
 */

export const CSV_BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	let s = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole file as text: byte order mark, header row, then the rows; CRLF line ends. */
export function toCsv(header: readonly CsvCell[], rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
	const lines = [header, ...rows].map((row) => row.map(cell).join(','));
	return (options.bom === false ? '' : CSV_BOM) + lines.join('\r\n') + '\r\n';
}
