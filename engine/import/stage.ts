// Staging: a file (or an adapter's SELECT) into a table of exactly the
// canonical columns, plus the row-level problems found on the way. Staged
// tables live beside the real ones until the final swap, so a failed import
// never touches the workspace's history.
//
// Two paths. Most files are clean, so the first is one pass that writes the
// final columns and stops at the first value that breaks a rule. Only then the
// listing path runs: it stages with a flag per row and scans again to name the
// first bad values with their rows (the messages come from it alone).
import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ColumnDef, type TableName } from '../workspace/tables';
import { castByUs, clockSql, guardedSelectList, notClockSql, notWholeSql, parsedSql, RULE_BROKEN, stagedSql, valueSql, type SourceTypes } from './column-sql';
import { MAX_ISSUES_PER_FILE, plural, type ImportIssue } from './errors';
import { csvOptions, type FileSource } from './file-source';
import type { ColumnMapping } from './mapping';
import { sqlIdent, sqlString } from './sql-text';
import { STAGE_TYPE, kindAdvice } from './value-rules';

/** Where a table's rows come from. */
export type StageInput =
  | { readonly kind: 'csv'; readonly src: FileSource }
  /** A SELECT whose columns are named as the mapping's source columns; types as DESCRIBE reports them. */
  | { readonly kind: 'select'; readonly sql: string; readonly types: ReadonlyMap<string, string> };

export interface StagePlan {
  readonly table: TableName;
  /** Name shown in messages: the file's base name or the adapter's source label. */
  readonly label: string;
  readonly mapping: ColumnMapping;
  readonly input: StageInput;
  /** File size, so progress moves with the work done; adapters leave it out. */
  readonly bytes?: number;
}

export interface StageResult {
  readonly rows: number;
  /** Fatal problems; empty when the staged table is good. */
  readonly issues: readonly ImportIssue[];
}

export const stageTableName = (table: TableName): string => `hl_stage_${table}`;

/** A source as SQL: the SELECT that reads it, and its line-level problems after a read. */
interface ReadSql {
  readonly sql: string;
  /** The same rows without side effects (no rejects table), for listing examples. */
  readonly examplesSql: string;
  readonly types: SourceTypes;
  readonly structuralIssues: () => Promise<ImportIssue[]>;
  /** Drops what a read left behind (the rejects tables), so the source can be read again. */
  readonly cleanup: () => Promise<void>;
}

export async function stageTable(connection: DuckDBConnection, plan: StagePlan, timezone: string, scanId: string): Promise<StageResult> {
  const stage = stageTableName(plan.table);
  const columns = TABLES[plan.table].columns;
  const read = readSql(connection, plan, scanId);
  try {
    if (await createGuarded(connection, `CREATE OR REPLACE TABLE ${stage} AS SELECT ${guardedSelectList(columns, plan.mapping, read.types)} FROM (${read.sql})`)) {
      const structural = await read.structuralIssues();
      if (structural.length > 0) return { rows: 0, issues: structural };
      return { rows: await countRows(connection, stage), issues: [] };
    }
    await read.cleanup();
    const parseIssues = await stageTyped(connection, plan, read, stage, columns, timezone);
    if (parseIssues.length > 0) return { rows: 0, issues: parseIssues };
    const rows = await countRows(connection, stage);
    const issues = [...(await checkAfterStaging(connection, plan, stage, columns, timezone))];
    if (issues.length === 0) await finishTypes(connection, stage, columns, plan.mapping);
    return { rows, issues };
  } finally {
    await read.cleanup();
  }
}

/** Runs the one-pass CREATE; false when a value broke a rule (the listing path then says which). */
async function createGuarded(connection: DuckDBConnection, sql: string): Promise<boolean> {
  try {
    await connection.run(sql);
    return true;
  } catch (err) {
    if (err instanceof Error && err.message.includes(RULE_BROKEN)) return false;
    throw err;
  }
}

function readSql(connection: DuckDBConnection, plan: StagePlan, scanId: string): ReadSql {
  const input = plan.input;
  if (input.kind === 'select') {
    // Parquet, JSON and adapters: their readers have no line-level rejects.
    return { sql: input.sql, examplesSql: input.sql, types: input.types, structuralIssues: async () => [], cleanup: async () => {} };
  }
  return csvReadSql(connection, plan.label, input.src, scanId);
}

/** Canonical columns in order; unmapped ones are typed NULLs so the staged table has the canonical shape. */
function selectList(columns: readonly ColumnDef[], mapping: ColumnMapping, types: SourceTypes): string {
  return columns
    .map((col) => {
      const source = mapping[col.name];
      const expr = source === undefined ? `CAST(NULL AS ${STAGE_TYPE[col.kind]})` : stagedSql(col, types, source);
      return `${expr} AS ${sqlIdent(col.name)}`;
    })
    .join(', ');
}

/**
 * CSV: read_csv reads every column as text (its own typed parsing applies one
 * sniffed date format to all date columns and lets some bad timestamps through
 * as NULL, so values are typed by our casts instead). Lines it cannot split
 * (wrong number of values, bad UTF-8) go to a rejects table with their line number.
 */
function csvReadSql(connection: DuckDBConnection, label: string, src: FileSource, scanId: string): ReadSql {
  const rejectsTable = `hl_rejects_${scanId}`;
  const rejectsScan = `hl_rejects_scan_${scanId}`;
  const reader = (rejects: boolean): string =>
    `SELECT * FROM read_csv(${sqlString(src.path)}, ${csvOptions(src)}, all_varchar = true` +
    (rejects ? `, store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(rejectsScan)}` : '') +
    ')';
  return {
    sql: reader(true),
    examplesSql: reader(false),
    types: new Map(src.headers.map((h) => [h, 'VARCHAR'])),
    structuralIssues: async () => {
      const total = Number(
        (await connection.runAndReadAll(`SELECT count(DISTINCT line) AS n FROM ${rejectsTable}`)).getRowObjectsJS()[0]?.n ?? 0,
      );
      if (total === 0) return [];
      const rows = (
        await connection.runAndReadAll(
          `SELECT line, column_name, error_type FROM ${rejectsTable} ORDER BY line, column_idx LIMIT ${MAX_ISSUES_PER_FILE}`,
        )
      ).getRowObjectsJS();
      const issues = rows.map((r) => rejectIssue(label, Number(r.line), String(r.column_name ?? ''), String(r.error_type), src.headers.length));
      return withMoreCount(issues, total, label, 'lines');
    },
    cleanup: async () => {
      await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
      await connection.run(`DROP TABLE IF EXISTS ${rejectsScan}`);
    },
  };
}

function rejectIssue(file: string, line: number, header: string, errorType: string, headerCount: number): ImportIssue {
  const base = { file, row: line, rowKind: 'line' as const };
  switch (errorType) {
    case 'TOO MANY COLUMNS':
      return { ...base, message: `${file}, line ${line}: this line has more values than the header has columns (${headerCount}). A value probably contains the separator without quotes around it: put the value in double quotes.` };
    case 'MISSING COLUMNS':
      return { ...base, message: `${file}, line ${line}: this line has fewer values than the header has columns (${headerCount}). Fill in the missing values, or leave them empty between separators.` };
    case 'UNQUOTED VALUE':
      return { ...base, message: `${file}, line ${line}: a quote inside a value is not closed or not doubled. Write a quote inside a quoted value as two quotes ("").` };
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return { ...base, message: `${file}, line ${line}: this line is not UTF-8 text. Save the file as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)").` };
    case 'LINE SIZE OVER MAXIMUM':
      return { ...base, message: `${file}, line ${line}: this line is longer than 2 MB. Check for a stray quote that swallows the following lines.` };
    default:
      return { ...base, ...(header ? { column: header } : {}), message: `${file}, line ${line}${header ? `, column "${header}"` : ''}: this line could not be read. Check its separators and quotes.` };
  }
}

/**
 * The listing path: the staged table is built with every value cast to its
 * type and a flag for rows where a non-empty value did not cast. Only when
 * flags are set is the source read again, to show the first bad values with their row.
 */
async function stageTyped(
  connection: DuckDBConnection,
  plan: StagePlan,
  input: ReadSql,
  stage: string,
  columns: readonly ColumnDef[],
  timezone: string,
): Promise<ImportIssue[]> {
  const checked = columns.filter((col) => {
    const source = plan.mapping[col.name];
    return source !== undefined && castByUs(col, input.types, source);
  });
  const bad = checked.map((col) => {
    const source = plan.mapping[col.name]!;
    return `(${valueSql(input.types, source)} IS NOT NULL AND ${parsedSql(col, input.types, source)} IS NULL)`;
  });
  const flag = bad.length > 0 ? `, (${bad.join(' OR ')}) AS ${BAD_FLAG}` : '';
  await connection.run(`CREATE OR REPLACE TABLE ${stage} AS SELECT ${selectList(columns, plan.mapping, input.types)}${flag} FROM (${input.sql})`);

  const structural = await input.structuralIssues();
  if (structural.length > 0) return structural;
  if (bad.length === 0) return [];
  const total = Number(
    (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${stage} WHERE ${BAD_FLAG}`)).getRowObjectsJS()[0]?.n ?? 0,
  );
  if (total === 0) {
    await connection.run(`ALTER TABLE ${stage} DROP COLUMN ${BAD_FLAG}`);
    return [];
  }
  const examples = (
    await connection.runAndReadAll(
      `SELECT r, ${checked.map((col, i) => `CAST(${sqlIdent(plan.mapping[col.name]!)} AS VARCHAR) AS v${i}, ${bad[i]} AS b${i}`).join(', ')}
       FROM (SELECT row_number() OVER () AS r, * FROM (${input.examplesSql})) WHERE ${bad.join(' OR ')} ORDER BY r LIMIT ${MAX_ISSUES_PER_FILE}`,
    )
  ).getRowObjectsJS();
  const issues: ImportIssue[] = [];
  for (const ex of examples) {
    checked.forEach((col, i) => {
      if (ex[`b${i}`] !== true) return;
      if (issues.length >= MAX_ISSUES_PER_FILE) return;
      const header = plan.mapping[col.name]!;
      const raw = String(ex[`v${i}`] ?? '');
      const row = Number(ex.r);
      issues.push({
        file: plan.label,
        row,
        rowKind: 'data_row',
        column: header,
        field: col.name,
        value: raw,
        message: `${plan.label}, data row ${row}, column "${header}" (${col.label}): "${raw}" ${kindAdvice(col.kind, timezone)}`,
      });
    });
  }
  return withMoreCount(issues, total, plan.label, 'rows');
}

/** Column marking rows with a value that did not parse; dropped before the swap. */
const BAD_FLAG = '"__hl_bad"';

/** Checks that need the whole staged column: empty required values, whole numbers, clock times. */
async function checkAfterStaging(
  connection: DuckDBConnection,
  plan: StagePlan,
  stage: string,
  columns: readonly ColumnDef[],
  timezone: string,
): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  for (const col of columns) {
    const source = plan.mapping[col.name];
    if (source === undefined) continue;
    const c = sqlIdent(col.name);
    let where: string | null = null;
    let advice = '';
    if (col.required) {
      where = `${c} IS NULL${col.kind === 'string' ? ` OR TRIM(${c}) = ''` : ''}`;
      advice = `is empty. Every row needs a ${col.label}: fill it in or remove the row.`;
    } else if (col.kind === 'integer') {
      where = notWholeSql(c);
      advice = kindAdvice('integer', timezone);
    } else if (col.kind === 'clock') {
      where = `${c} IS NOT NULL AND TRIM(${c}) <> '' AND ${notClockSql(`TRIM(${c})`)}`;
      advice = kindAdvice('clock', timezone);
    }
    if (where === null) continue;
    // An empty required integer/clock column also needs the kind check; required columns here are strings and timestamps.
    const found = (
      await connection.runAndReadAll(
        `SELECT rowid + 1 AS r, CAST(${c} AS VARCHAR) AS v, count(*) OVER () AS total FROM ${stage} WHERE ${where} ORDER BY rowid LIMIT ${MAX_ISSUES_PER_FILE}`,
      )
    ).getRowObjectsJS();
    if (found.length === 0) continue;
    const total = Number(found[0]!.total);
    const list: ImportIssue[] = found.map((r) => {
      const raw = r.v === null ? '' : String(r.v);
      const shown = col.required ? `the ${col.label}` : `"${raw}"`;
      return {
        file: plan.label,
        row: Number(r.r),
        rowKind: 'data_row',
        column: source,
        field: col.name,
        value: raw,
        message: `${plan.label}, data row ${Number(r.r)}, column "${source}" (${col.label}): ${shown} ${advice}`,
      };
    });
    issues.push(...withMoreCount(list, total, plan.label, 'rows'));
  }
  return issues;
}

/** Staged integers become BIGINT and clocks HH:MM, so the swap yields exactly the canonical schema. */
async function finishTypes(connection: DuckDBConnection, stage: string, columns: readonly ColumnDef[], mapping: ColumnMapping): Promise<void> {
  for (const col of columns) {
    const c = sqlIdent(col.name);
    if (col.kind === 'integer') await connection.run(`ALTER TABLE ${stage} ALTER ${c} TYPE BIGINT`);
    if (col.kind === 'clock' && mapping[col.name] !== undefined) {
      await connection.run(
        `UPDATE ${stage} SET ${c} = CASE WHEN TRIM(${c}) = '' THEN NULL ELSE ${clockSql(`TRIM(${c})`)} END WHERE ${c} IS NOT NULL`,
      );
    }
  }
}

export async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS()[0]?.n ?? 0);
}

/** The listed issues, plus one line saying how many more rows (or lines) have problems; total counts rows, not values. */
export function withMoreCount(issues: ImportIssue[], total: number, file: string, unit: 'rows' | 'lines'): ImportIssue[] {
  const listed = new Set(issues.map((i) => i.row)).size;
  const more = total - listed;
  if (more <= 0) return issues;
  const one = unit === 'rows' ? 'row' : 'line';
  return [...issues, { file, message: `${file}: ${plural(more, `more ${one}`, `more ${unit}`)} with problems like these (${plural(total, one, unit)} in all).` }];
}
