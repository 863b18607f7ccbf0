// The SQL that turns one source column into a canonical one: its text trimmed,
// its value cast to the staging type, and (for the one-pass import) the final
// value with every row-level rule enforced by stopping at the first break.
import { DUCKDB_TYPE, type ColumnDef } from '../workspace/tables';
import type { ColumnMapping } from './mapping';
import { sqlIdent, sqlString } from './sql-text';
import { CLOCK_PATTERN, STAGE_TYPE, parsedByReader } from './value-rules';

/** Source column name -> DuckDB type as the reader delivers it. */
export type SourceTypes = ReadonlyMap<string, string>;

const typeOf = (types: SourceTypes, source: string): string => types.get(source) ?? 'VARCHAR';

/** The source value, with empty or blank text read as missing. */
export function valueSql(types: SourceTypes, source: string): string {
  return typeOf(types, source) === 'VARCHAR' ? `NULLIF(TRIM(${sqlIdent(source)}), '')` : sqlIdent(source);
}

/** Whether the column's values are cast by us, so a value can fail to parse. */
export function castByUs(col: ColumnDef, types: SourceTypes, source: string): boolean {
  return parsedByReader(col.kind) && typeOf(types, source) !== STAGE_TYPE[col.kind];
}

/** The value as the staging type; NULL when missing or when it does not parse. */
export function parsedSql(col: ColumnDef, types: SourceTypes, source: string): string {
  const type = typeOf(types, source);
  const value = valueSql(types, source);
  if (!parsedByReader(col.kind) || type === STAGE_TYPE[col.kind]) return col.kind === 'string' ? sqlIdent(source) : value;
  const cast = `TRY_CAST(${value} AS ${STAGE_TYPE[col.kind]})`;
  // DuckDB also reads 'infinity', 'epoch', 'NaN' and 'inf': none is a date or an amount a CRM exports.
  // Starts with a digit: compared as bytes, it costs far less than a regular expression on every row.
  if ((col.kind === 'timestamp' || col.kind === 'date') && type === 'VARCHAR') return `(CASE WHEN ${value} >= '0' AND ${value} < ':' THEN ${cast} END)`;
  if (col.kind === 'integer' || col.kind === 'number') return `(CASE WHEN isfinite(${cast}) THEN ${cast} END)`;
  return cast;
}

/** The staged value: parsed, as the staging type. */
export function stagedSql(col: ColumnDef, types: SourceTypes, source: string): string {
  return `CAST(${parsedSql(col, types, source)} AS ${STAGE_TYPE[col.kind]})`;
}

/** The integer rule, shared by both paths: a value that is not whole, or too large for an exact BIGINT. */
export function notWholeSql(x: string): string {
  return `${x} <> trunc(${x}) OR abs(${x}) > 9e15`;
}

/** The clock rule, shared by both paths, on trimmed non-empty text: not H:MM / HH:MM(:SS). */
export function notClockSql(trimmed: string): string {
  return `NOT regexp_full_match(${trimmed}, ${sqlString(CLOCK_PATTERN)})`;
}

/** Text of the DuckDB error a broken rule raises in the one-pass import. */
export const RULE_BROKEN = 'hl_import_rule_broken';

const BREAK = `error(${sqlString(RULE_BROKEN)})`;

/**
 * The canonical columns in their final types, each value checked by the same
 * rules as the listing path (stage.ts): a value that does not parse, an empty
 * required value, a non-whole integer, a bad clock time. The first break stops
 * the statement with RULE_BROKEN; nothing is listed here.
 */
export function guardedSelectList(columns: readonly ColumnDef[], mapping: ColumnMapping, types: SourceTypes): string {
  return columns
    .map((col) => {
      const source = mapping[col.name];
      const expr = source === undefined ? 'NULL' : guardedValue(col, types, source);
      return `CAST(${expr} AS ${DUCKDB_TYPE[col.kind]}) AS ${sqlIdent(col.name)}`;
    })
    .join(', ');
}

function guardedValue(col: ColumnDef, types: SourceTypes, source: string): string {
  const s = stagedSql(col, types, source);
  if (col.required && col.kind === 'string') {
    // Text starting with a printable ASCII character is not blank: TRIM keeps it, so the TRIM runs only for the rest.
    return `(CASE WHEN ${s} >= '!' AND ${s} < chr(127) THEN ${s} WHEN ${s} IS NULL OR TRIM(${s}) = '' THEN ${BREAK} ELSE ${s} END)`;
  }
  const byUs = castByUs(col, types, source);
  const text = byUs && typeOf(types, source) === 'VARCHAR';
  const parsed = text ? `CAST(${textParsedSql(col, sqlIdent(source))} AS ${STAGE_TYPE[col.kind]})` : s;
  // Missing and unparseable both leave NULL, and both break a required column.
  if (col.required) return `coalesce(${parsed}, ${BREAK})`;
  // NULL from a value that was there: it did not parse. (ltrim, not TRIM: the same blanks, but
  // an expression of its own, so DuckDB does not hoist one TRIM for every row out of the coalesce.)
  const blank = text ? `${sqlIdent(source)} IS NULL OR ltrim(${sqlIdent(source)}) = ''` : `${valueSql(types, source)} IS NULL`;
  const checked = byUs ? `coalesce(${parsed}, CASE WHEN ${blank} THEN NULL ELSE ${BREAK} END)` : parsed;
  if (col.kind === 'integer') return `(CASE WHEN ${notWholeSql(checked)} THEN ${BREAK} ELSE ${checked} END)`;
  if (col.kind === 'clock') {
    const t = `TRIM(${s})`;
    return `(CASE WHEN ${s} IS NULL OR ${t} = '' THEN NULL WHEN ${notClockSql(t)} THEN ${BREAK} ELSE ${clockSql(t)} END)`;
  }
  return checked;
}

/**
 * parsedSql of a text column, computed in a cheaper order with the same result.
 * TRIM decodes every character and writes a copy, the costliest step of a
 * read; the plain cast already skips the blanks it can, so the value is cast
 * as written first and trimmed only when that fails (a cast that succeeds reads
 * the same value with or without the surrounding blanks).
 */
function textParsedSql(col: ColumnDef, x: string): string {
  const type = STAGE_TYPE[col.kind];
  if (col.kind === 'timestamp' || col.kind === 'date') {
    // As parsedSql: only text starting with a digit is read ('infinity', 'epoch' are not dates).
    const asWritten = `CASE WHEN ${x} >= '0' AND ${x} < ':' THEN TRY_CAST(${x} AS ${type}) END`;
    const trimmed = `TRY_CAST(regexp_extract(TRIM(${x}), '(?s)^[0-9].*') AS ${type})`;
    return `coalesce(${asWritten}, ${trimmed})`;
  }
  const cast = `coalesce(TRY_CAST(${x} AS ${type}), TRY_CAST(TRIM(${x}) AS ${type}))`;
  if (col.kind === 'integer' || col.kind === 'number') return `(CASE WHEN isfinite(${cast}) THEN ${cast} END)`;
  return cast;
}

/** A valid clock time as HH:MM (seconds dropped). */
export function clockSql(trimmed: string): string {
  return `lpad(split_part(${trimmed}, ':', 1), 2, '0') || ':' || split_part(${trimmed}, ':', 2)`;
}
