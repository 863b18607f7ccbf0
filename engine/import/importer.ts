// Import: files (or an adapter's SELECTs) -> staged tables -> checks -> one
// transaction that swaps them in. All or nothing: until the final COMMIT the
// workspace's tables are untouched, and any failure drops the staged copies.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../workspace/database';
import { getWorkspaceTimezone, isValidTimezone, withSessionTimezone } from '../workspace/settings';
import { TABLE_NAMES, TABLES, type TableName } from '../workspace/tables';
import { crossCheck } from './cross-checks';
import { ImportError, plural, type ImportIssue } from './errors';
import { fileKind, fileStem } from './file-format';
import { brokenGzipMessage, gzipIsComplete, openFileSource, rawSelectSql, type FileSource } from './file-source';
import { loadSavedMapping, saveMappingWith, suggestMapping, type ColumnMapping } from './mapping';
import { readScoringModel, type ScoringModelValidator } from './scoring-model';
import { stageTable, stageTableName, type StagePlan } from './stage';
import type { ImportProgress, ImportSummary, TableImport } from './types';

export type { ImportProgress, ImportStage, ImportSummary, TableImport } from './types';

export interface ImportFileSpec {
  readonly path: string;
  readonly table: TableName;
  /** canonical column -> header in the file. Omitted: the saved mapping, then automatic suggestions. */
  readonly mapping?: ColumnMapping;
}



export interface ImportOptions {
  /** IANA zone for timestamps without an offset; saved as the workspace time zone. Default: the workspace's (UTC). */
  readonly timezone?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Checked between stages; an abort also interrupts the running DuckDB query. */
  readonly signal?: AbortSignal;
  /** scoring_model.json to store with this history; omitted: none (the baseline is inferred). */
  readonly scoringModelPath?: string;
  /** Overrides the validator registered with setScoringModelValidator. */
  readonly validateScoringModel?: ScoringModelValidator;
}



/** A table's rows as a SELECT whose columns are already canonical names (used by adapters). */
export interface SqlSource {
  readonly table: TableName;
  readonly label: string;
  readonly sql: string;
}

interface PreparedPlans {
  readonly plans: readonly StagePlan[];
  /** Mappings the caller confirmed: saved with the import. */
  readonly confirmed: readonly { table: TableName; mapping: ColumnMapping }[];
}

export async function importFiles(ws: Workspace, files: readonly ImportFileSpec[], options: ImportOptions = {}): Promise<ImportSummary> {
  return runImport(ws, options, [], async (connection) => {
    const issues: ImportIssue[] = [];
    const plans: StagePlan[] = [];
    const confirmed: { table: TableName; mapping: ColumnMapping }[] = [];
    for (const spec of files) {
      let src: FileSource;
      try {
        src = await openFileSource(connection, spec.path);
      } catch (err) {
        if (err instanceof ImportError) {
          issues.push(...err.issues);
          continue;
        }
        throw err;
      }
      const mapping = spec.mapping ?? suggestMapping(spec.table, src.headers, await loadSavedMapping(ws, spec.table)).mapping;
      // DuckDB reads a truncated .gz up to the break without a word: rows would be lost silently.
      if (src.kind.gzip && !(await gzipIsComplete(src.path))) {
        issues.push({ file: src.file, message: brokenGzipMessage(src.file) });
        continue;
      }
      const problems = checkMapping(spec.table, src, mapping);
      if (problems.length > 0) {
        issues.push(...problems);
        continue;
      }
      if (spec.mapping) confirmed.push({ table: spec.table, mapping: spec.mapping });
      plans.push({ table: spec.table, label: src.file, mapping, input: planInput(src, mapping), bytes: statSync(src.path).size });
    }
    issues.push(...checkTableSet(files.map((f) => ({ table: f.table, file: basename(f.path) }))));
    if (issues.length > 0) throw new ImportError(issues);
    return { plans, confirmed };
  });
}

/**
 * Import the section-1 tables found in dir by canonical file name (leads.csv,
 * leads.csv.gz, leads.parquet, leads.jsonl, ...), plus scoring_model.json if present.
 */
export async function importDirectory(ws: Workspace, dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ImportError([{ message: `The folder ${dir} was not found. Choose the folder that holds leads.csv, handoffs.csv and dispositions.csv.` }]);
  }
  const names = readdirSync(dir).sort();
  const specs: ImportFileSpec[] = [];
  const issues: ImportIssue[] = [];
  for (const table of TABLE_NAMES) {
    const matches = names.filter((n) => fileKind(n) !== null && fileStem(n) === table);
    if (matches.length > 1) {
      issues.push({ file: matches[0]!, message: `The folder has ${matches.length} files for ${table}: ${matches.join(', ')}. Keep only one of them.` });
    } else if (matches.length === 1) {
      specs.push({ path: join(dir, matches[0]!), table });
    }
  }
  const present = new Set(specs.map((s) => s.table));
  for (const table of TABLE_NAMES) {
    if (TABLES[table].required && !present.has(table) && !issues.some((i) => i.message.includes(` for ${table}:`))) {
      const seen = names.filter((n) => fileKind(n) !== null);
      issues.push({
        message: `No ${table} file was found in ${dir}. Name it ${table}.csv (or ${table}.csv.gz, ${table}.tsv, ${table}.parquet, ${table}.jsonl).${seen.length > 0 ? ` Data files found: ${seen.join(', ')}.` : ''}`,
      });
    }
  }
  if (issues.length > 0) throw new ImportError(issues);
  const modelName = names.find((n) => n.toLowerCase() === 'scoring_model.json');
  return importFiles(ws, specs, { ...options, ...(modelName ? { scoringModelPath: join(dir, modelName) } : {}) });
}

/** Import SELECTs that already yield canonical column names (dataset adapters). */
export async function importSqlSources(
  ws: Workspace,
  sources: readonly SqlSource[],
  options: ImportOptions = {},
  missing: readonly string[] = [],
): Promise<ImportSummary> {
  return runImport(ws, options, missing, async (connection) => {
    const plans: StagePlan[] = [];
    for (const s of sources) {
      const described = (await connection.runAndReadAll(`DESCRIBE ${s.sql}`)).getRowObjectsJS();
      const types = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
      const mapping: Record<string, string> = {};
      for (const col of TABLES[s.table].columns) if (types.has(col.name)) mapping[col.name] = col.name;
      plans.push({ table: s.table, label: s.label, mapping, input: { kind: 'select', sql: s.sql, types } });
    }
    const issues = checkTableSet(sources.map((s) => ({ table: s.table, file: s.label })));
    if (issues.length > 0) throw new ImportError(issues);
    return { plans, confirmed: [] };
  });
}

function planInput(src: FileSource, mapping: ColumnMapping): StagePlan['input'] {
  if (src.kind.format === 'csv') return { kind: 'csv', src };
  const used = [...new Set(Object.values(mapping))];
  const types = new Map(src.headers.map((h, i) => [h, src.types[i] ?? 'VARCHAR']));
  return { kind: 'select', sql: rawSelectSql(src, used), types };
}

/** The mapping names real headers and real canonical columns, and covers every required column. */
function checkMapping(table: TableName, src: FileSource, mapping: ColumnMapping): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const file = src.file;
  const def = TABLES[table];
  const found = src.headers.map((h) => `"${h}"`).join(', ');
  for (const [canonical, source] of Object.entries(mapping)) {
    if (!def.columns.some((c) => c.name === canonical)) {
      issues.push({ file, field: canonical, message: `${file}: "${canonical}" is not a column of the ${table} table. Columns are: ${def.columns.map((c) => c.name).join(', ')}.` });
    } else if (!src.headers.includes(source)) {
      issues.push({ file, column: source, field: canonical, message: `${file}: the mapping takes ${canonical} from column "${source}", but the file has no such column. Columns found: ${found}.` });
    }
  }
  for (const dup of src.duplicates ?? []) {
    const used = def.columns.filter((c) => mapping[c.name] !== undefined && dup.names.includes(mapping[c.name]!));
    if (used.length === 0) continue;
    issues.push({
      file,
      column: dup.header,
      field: used[0]!.name,
      message: `${file} has ${dup.positions.length} columns called "${dup.header}" (columns ${dup.positions.join(', ').replace(/, (\d+)$/, ' and $1')}), so it is not clear which one holds ${used[0]!.name}. Remove or rename the extra ones.`,
    });
  }
  const kinds = new Map<string, string>();
  for (const col of def.columns) {
    const source = mapping[col.name];
    if (source === undefined) continue;
    const prev = kinds.get(source);
    if (prev !== undefined && prev !== col.kind) {
      issues.push({ file, column: source, field: col.name, message: `${file}: column "${source}" is mapped to two fields of different types. Map it to one of them.` });
    }
    kinds.set(source, col.kind);
  }
  const missing = def.columns.filter((c) => c.required && mapping[c.name] === undefined);
  if (missing.length > 0) {
    const wanted = missing.map((c) => `${c.name} (${c.label})`).join(', ');
    const oneColumn =
      src.kind.format === 'csv' && src.headers.length === 1
        ? ` Only one column was found, "${src.headers[0]}": the values are probably separated by a character other than comma, semicolon or tab. Save the file with one of those separators.`
        : '';
    const dataLike = src.headers.filter(looksLikeValue);
    const noHeader =
      // A header or two that are numbers (a year, a bucket) are normal; more than a quarter looking like values is not.
      oneColumn === '' && dataLike.length * 4 > src.headers.length
        ? ` The first line looks like data, not column names (${dataLike.slice(0, 2).map((h) => `"${h}"`).join(', ')}): the file probably has no header row. Add a first line naming the columns, such as ${def.columns.filter((c) => c.required).map((c) => c.name).join(',')}.`
        : '';
    issues.push({
      file,
      field: missing[0]!.name,
      message: `${file} has no column for ${wanted}, which the ${table} table needs.${oneColumn}${noHeader} Columns found: ${found || '(none)'}. Rename a column to ${missing[0]!.name} or map it when importing.`,
    });
  }
  return issues;
}

/** A header that is a date, a number or an email address: a data row read as the header. */
function looksLikeValue(header: string): boolean {
  const h = header.trim();
  return /^\d{4}-\d{2}-\d{2}([ T].*)?$/.test(h) || /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(h) || /^-?\d+([.,]\d+)?$/.test(h) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(h);
}

function checkTableSet(supplied: readonly { table: TableName; file: string }[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const table of TABLE_NAMES) {
    const files = supplied.filter((s) => s.table === table);
    if (files.length > 1) issues.push({ file: files[1]!.file, message: `Two files were given for ${table}: ${files.map((f) => f.file).join(' and ')}. Import one file per table.` });
    if (TABLES[table].required && files.length === 0) {
      issues.push({ message: `No ${table} file was given. The import needs leads, handoffs and dispositions; activities and reps are optional.` });
    }
  }
  return issues;
}

async function runImport(
  ws: Workspace,
  options: ImportOptions,
  missing: readonly string[],
  prepare: (connection: DuckDBConnection) => Promise<PreparedPlans>,
): Promise<ImportSummary> {
  if (options.timezone !== undefined && !isValidTimezone(options.timezone)) {
    throw new ImportError([{ field: 'timezone', message: `"${options.timezone}" is not a time zone name. Use an IANA name such as UTC, Europe/Berlin or America/New_York.` }]);
  }
  if (options.signal?.aborted) throw cancelled();
  // Staging tables have fixed names per workspace: two imports at once would
  // overwrite each other's. Claimed before the first await, so the first caller wins.
  if (importing.has(ws)) {
    throw new ImportError([{ message: 'Another import into this workspace is still running. Wait for it to finish, or cancel it, and try again.' }]);
  }
  importing.add(ws);
  try {
    return await runClaimedImport(ws, options, missing, prepare);
  } finally {
    importing.delete(ws);
  }
}

async function runClaimedImport(
  ws: Workspace,
  options: ImportOptions,
  missing: readonly string[],
  prepare: (connection: DuckDBConnection) => Promise<PreparedPlans>,
): Promise<ImportSummary> {
  const started = performance.now();
  const timezone = options.timezone ?? (await getWorkspaceTimezone(ws));
  const scoringModel = options.scoringModelPath ? readScoringModel(options.scoringModelPath, options.validateScoringModel) : null;
  const report = (p: ImportProgress): void => options.onProgress?.(p);
  const signal = options.signal;
  const checkAbort = (): void => {
    if (signal?.aborted) throw cancelled();
  };
  checkAbort();
  // A connection of its own: the import's time zone, temp tables and interrupt
  // never reach other work on the workspace's main connection.
  const connection = await ws.instance.connect();
  const onAbort = (): void => connection.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    return await withSessionTimezone(connection, timezone, async () => {
      await dropStaged(connection);
      try {
        report({ stage: 'reading', fraction: 0, message: 'Reading file headers' });
        const { plans, confirmed } = await prepare(connection);
        const issues: ImportIssue[] = [];
        const rowCounts = new Map<TableName, number>();
        const labels = new Map<TableName, string>();
        // Reading takes most of the time, in proportion to the bytes read; checks and the swap the rest.
        const weight = (p: StagePlan): number => Math.max(1, p.bytes ?? 1);
        const totalWeight = plans.reduce((sum, p) => sum + weight(p), 0);
        let doneWeight = 0;
        for (const [i, plan] of plans.entries()) {
          checkAbort();
          report({ stage: 'reading', table: plan.table, file: plan.label, fraction: READING_SHARE * (doneWeight / totalWeight), message: `Reading ${plan.label}` });
          doneWeight += weight(plan);
          const result = await stageTable(connection, plan, timezone, String(i));
          issues.push(...result.issues);
          rowCounts.set(plan.table, result.rows);
          labels.set(plan.table, plan.label);
        }
        if (issues.length > 0) throw new ImportError(issues);
        for (const table of TABLE_NAMES) {
          if (!labels.has(table)) await connection.run(`CREATE OR REPLACE TABLE ${stageTableName(table)} AS SELECT * FROM ${table} LIMIT 0`);
        }
        checkAbort();
        report({ stage: 'checking', fraction: READING_SHARE, message: 'Checking ids and dates across tables' });
        const checks = await crossCheck(connection, labels, rowCounts);
        if (checks.issues.length > 0) throw new ImportError(checks.issues);
        checkAbort();
        signal?.removeEventListener('abort', onAbort);
        report({ stage: 'saving', fraction: 0.97, message: 'Replacing the workspace history' });
        const tables = Object.fromEntries(
          TABLE_NAMES.map((t) => [t, { file: labels.get(t) ?? null, rows: rowCounts.get(t) ?? 0 }]),
        ) as Record<TableName, TableImport>;
        const summary: ImportSummary = {
          tables,
          warnings: checks.warnings,
          timezone,
          scoringModel: scoringModel !== null,
          durationMs: 0,
          missing,
        };
        await swapIn(connection, { timezone, scoringModel, confirmed, summary });
        const done = { ...summary, durationMs: Math.round(performance.now() - started) };
        report({ stage: 'done', fraction: 1, message: `Imported ${plural(tables.leads.rows, 'lead')}` });
        return done;
      } finally {
        await dropStaged(connection);
      }
    });
  } catch (err) {
    // A cancel interrupts DuckDB mid-read; the reader then reports a broken file, but the truth is the cancel.
    if (signal?.aborted) throw cancelled();
    if (err instanceof ImportError) throw err;
    throw new ImportError([{ message: `The import failed unexpectedly: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}. The workspace is unchanged.` }]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  }
}

const importing = new WeakSet<Workspace>();

const READING_SHARE = 0.9;

function cancelled(): ImportError {
  return new ImportError([{ message: 'The import was cancelled. The workspace is unchanged.' }], { cancelled: true });
}

async function dropStaged(connection: DuckDBConnection): Promise<void> {
  for (const table of TABLE_NAMES) await connection.run(`DROP TABLE IF EXISTS ${stageTableName(table)}`);
}

/** The one transaction that makes the staged history the workspace's history. */
async function swapIn(
  connection: DuckDBConnection,
  state: { timezone: string; scoringModel: string | null; confirmed: PreparedPlans['confirmed']; summary: ImportSummary },
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const table of TABLE_NAMES) {
      await connection.run(`DROP TABLE ${table}`);
      await connection.run(`ALTER TABLE ${stageTableName(table)} RENAME TO ${table}`);
    }
    await connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('timezone', $1)`, [state.timezone]);
    if (state.scoringModel === null) await connection.run(`DELETE FROM hl_meta WHERE key = 'scoring_model'`);
    else await connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [state.scoringModel]);
    for (const { table, mapping } of state.confirmed) await saveMappingWith(connection, table, mapping);
    await connection.run(`INSERT INTO hl_imports VALUES (now(), $1)`, [JSON.stringify({ ...state.summary, warnings: state.summary.warnings.map((w) => ({ code: w.code, count: w.count, message: w.message })) })]);
    await connection.run('COMMIT');
  } catch (err) {
    await connection.run('ROLLBACK');
    throw err;
  }
}
