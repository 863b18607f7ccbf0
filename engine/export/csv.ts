// CSV for spreadsheets (RFC 4180) with formula cells neutralised: a cell a
// spreadsheet would run as a formula (= + - @, or a leading tab or carriage
// return that some apps strip before looking) gets a leading apostrophe, so
// an imported name like =HYPERLINK(...) opens as text. Node-free.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would evaluate, made inert; anything else unchanged. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field: numbers written plainly (a negative number stays a number, not
 * a formula: only text is neutralised), text neutralised, then quoted when it
 * holds a comma, quote or line break, quotes doubled.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const safe = neutraliseCell(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text: CRLF line ends as RFC 4180 says, a final CRLF, no BOM. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}
