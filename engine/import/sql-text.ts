// Quoting for the few places DuckDB cannot take a bound parameter: file paths
// inside table functions and column names taken from a user's header row.

/** A SQL string literal: single quotes doubled, so a path like O'Brien.csv stays one literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL identifier: double quotes doubled, so any header text is one column name. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
