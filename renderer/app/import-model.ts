// The import wizard's logic without React or an engine: which paths the user
// gave, the column mapping per file and its check before import, the request
// the engine gets, and a failed import's problems grouped by file.
import type { EngineErrorInfo, EngineIssue, EngineParams, EngineResults } from '../../engine/api/contract';
import { IMPORT_TABLE_NAMES, IMPORT_TABLES, type TableName } from './import-columns';

export type FilePreview = EngineResults['previewFile'];
export type ImportSummary = EngineResults['importFiles'];
export type ImportWarning = ImportSummary['warnings'][number];
export type ImportIssue = ImportWarning['examples'][number];
export type MappingSuggestion = NonNullable<FilePreview['mapping']>;
export type MatchReason = NonNullable<MappingSuggestion['columns'][number]['reason']>;
export type QualityResult = EngineResults['quality'];

/** What the path box holds: absolute file paths, or one folder. */
export interface PathList {
  readonly files: readonly string[];
  readonly folders: readonly string[];
  /** Lines that are not absolute paths (the engine resolves nothing relative to the app). */
  readonly relative: readonly string[];
}

const DATA_FILE = /\.(csv|tsv|txt|parquet|jsonl|ndjson|json)(\.gz)?$/i;

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** One path a line; quotes from "Copy as path" and blank lines are dropped, duplicates kept once. */
export function parsePathList(text: string): PathList {
  const files: string[] = [];
  const folders: string[] = [];
  const relative: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
    if (line === '' || seen.has(line)) continue;
    seen.add(line);
    if (!isAbsolute(line)) relative.push(line);
    else if (DATA_FILE.test(line)) files.push(line);
    else folders.push(line.replace(/[\\/]+$/, '') || line);
  }
  return { files, folders, relative };
}

/** A file's base name, whichever separator the path uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

// ---- Mapping ---------------------------------------------------------------

/** canonical column -> header in the file ('' = not mapped). */
export type MappingChoice = Readonly<Record<string, string>>;

export interface ImportFileEntry {
  readonly path: string;
  readonly preview: FilePreview;
  readonly table: TableName;
  readonly mapping: MappingChoice;
}

/** How a canonical column got its header: the engine's reason, or the user's own choice. */
export type MatchBadge = MatchReason | 'manual' | 'none';

export const BADGE_TEXT: Readonly<Record<MatchBadge, string>> = {
  saved: 'saved',
  exact: 'exact',
  synonym: 'CRM synonym',
  partial: 'partial: confirm',
  manual: 'your choice',
  none: '',
};

/** The suggested header per canonical column, partial matches included (shown for confirmation). */
export function suggestedChoice(table: TableName, suggestion: MappingSuggestion | null): MappingChoice {
  const choice: Record<string, string> = {};
  for (const col of IMPORT_TABLES[table].columns) choice[col.name] = '';
  if (!suggestion || suggestion.table !== table) return choice;
  for (const s of suggestion.columns) {
    if (s.canonical !== null && Object.hasOwn(choice, s.canonical) && choice[s.canonical] === '') choice[s.canonical] = s.source;
  }
  return choice;
}

export function entryFromPreview(preview: FilePreview, table: TableName | null): ImportFileEntry {
  const t = table ?? preview.mapping?.table ?? preview.suggestedTable ?? 'leads';
  return { path: preview.path, preview, table: t, mapping: suggestedChoice(t, preview.mapping) };
}

export function badgeFor(entry: ImportFileEntry, canonical: string): MatchBadge {
  const chosen = entry.mapping[canonical] ?? '';
  if (chosen === '') return 'none';
  const suggestion = entry.preview.mapping;
  if (suggestion && suggestion.table === entry.table) {
    const s = suggestion.columns.find((col) => col.canonical === canonical && col.source === chosen);
    if (s?.reason) return s.reason;
  }
  return 'manual';
}

export interface MappingCheck {
  /** Required canonical columns with no header. */
  readonly missingRequired: readonly string[];
  /** Headers of the file no canonical column takes: they are not imported. */
  readonly ignored: readonly string[];
  /** Headers chosen for more than one canonical column. */
  readonly repeated: readonly string[];
  /** Canonical columns filled from a partial name match: worth a look. */
  readonly toConfirm: readonly string[];
}

export function checkMapping(entry: ImportFileEntry): MappingCheck {
  const cols = IMPORT_TABLES[entry.table].columns;
  const chosen = cols.map((col) => entry.mapping[col.name] ?? '').filter((h) => h !== '');
  const counts = new Map<string, number>();
  for (const h of chosen) counts.set(h, (counts.get(h) ?? 0) + 1);
  return {
    missingRequired: cols.filter((col) => col.required && (entry.mapping[col.name] ?? '') === '').map((col) => col.name),
    ignored: entry.preview.headers.filter((h) => !counts.has(h)),
    repeated: [...counts].filter(([, n]) => n > 1).map(([h]) => h),
    toConfirm: cols.filter((col) => badgeFor(entry, col.name) === 'partial').map((col) => col.name),
  };
}

/** Problems that stop the import before the engine is asked, in plain words. */
export function importBlockers(entries: readonly ImportFileEntry[], timezone: string): string[] {
  const problems: string[] = [];
  if (entries.length === 0) problems.push('Add at least the leads, handoffs and dispositions files.');
  for (const table of IMPORT_TABLE_NAMES) {
    const files = entries.filter((e) => e.table === table);
    if (files.length > 1) problems.push(`${files.map((f) => f.preview.file).join(' and ')} are both marked as ${table}: import one file per table.`);
    if (entries.length > 0 && IMPORT_TABLES[table].required && files.length === 0) problems.push(`No file is marked as ${table}; the import needs leads, handoffs and dispositions.`);
  }
  for (const entry of entries) {
    const check = checkMapping(entry);
    if (check.missingRequired.length > 0) {
      const labels = check.missingRequired.map((name) => IMPORT_TABLES[entry.table].columns.find((col) => col.name === name)?.label ?? name);
      problems.push(`${entry.preview.file}: choose a column for ${labels.join(', ')} (required for ${entry.table}).`);
    }
    if (check.repeated.length > 0) problems.push(`${entry.preview.file}: column ${check.repeated.map((h) => `“${h}”`).join(', ')} is chosen twice; pick one field for it.`);
  }
  const tz = timezoneProblem(timezone);
  if (tz) problems.push(tz);
  return problems;
}

/** null when the name is one the runtime knows (IANA, e.g. Europe/Berlin), else what to fix. */
export function timezoneProblem(timezone: string): string | null {
  const tz = timezone.trim();
  if (tz === '') return 'Enter a time zone, for example UTC or America/New_York.';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return null;
  } catch {
    return `“${tz}” is not a time zone name. Use an IANA name such as UTC, Europe/Berlin or America/New_York.`;
  }
}

export function importRequest(entries: readonly ImportFileEntry[], timezone: string, jobId: string): EngineParams<'importFiles'> {
  const files = entries.map((e) => {
    const mapping: Record<string, string> = {};
    for (const col of IMPORT_TABLES[e.table].columns) {
      const header = e.mapping[col.name] ?? '';
      if (header !== '') mapping[col.name] = header;
    }
    return { path: e.path, table: e.table, mapping };
  });
  const [first, ...rest] = files;
  if (!first) throw new Error('Nothing to import.');
  return { files: [first, ...rest], timezone: timezone.trim(), jobId };
}

// ---- Failure ---------------------------------------------------------------

/** One problem the engine found, located as precisely as it said. */
export interface IssueRow {
  readonly row: number | null;
  readonly rowKind: 'line' | 'data_row' | null;
  readonly column: string | null;
  readonly value: string | null;
  /** The engine's sentence, whole. */
  readonly message: string;
  /** The sentence without the location it starts with, for a table that shows the location in columns. */
  readonly detail: string;
}

export interface IssueGroup {
  /** null for problems about the import as a whole (a missing table, a bad time zone). */
  readonly file: string | null;
  readonly issues: readonly IssueRow[];
}

// "<file>, data row 4, column "Create Date" (created date): "yesterday" is not a date..."
const LOCATED = /^(?<file>[^\n]+?)(?:, (?<kind>line|data row) (?<row>\d+))(?:, column "(?<column>[^"]*)"(?: \([^)]*\))?)?: (?<rest>.*)$/s;
// "<file>: the mapping takes ..." / "<file> has no column for ..."
const FILE_LEVEL = /^(?<file>[^\s,:]+\.[A-Za-z0-9.]+)(?::| has | could | is | must )/;

function parseIssueLine(line: string): { file: string | null; issue: IssueRow } {
  const m = LOCATED.exec(line);
  if (m?.groups) {
    const g = m.groups;
    const value = /^"((?:[^"]|"")*)"/.exec(g.rest ?? '');
    return {
      file: g.file ?? null,
      issue: {
        row: Number(g.row),
        rowKind: g.kind === 'line' ? 'line' : 'data_row',
        column: g.column ?? null,
        value: value ? (value[1] ?? '').replace(/""/g, '"') : null,
        message: line,
        detail: g.rest ?? line,
      },
    };
  }
  const f = FILE_LEVEL.exec(line);
  return { file: f?.groups?.file ?? null, issue: { row: null, rowKind: null, column: null, value: null, message: line, detail: line } };
}

/**
 * A failed import's problems, grouped by file in the order the engine gave them.
 * The engine sends one message (one problem a line after the first) plus the
 * first problem's file, row and column; each line names its own location.
 */
export function groupIssues(error: EngineErrorInfo): IssueGroup[] {
  if (error.issues && error.issues.length > 0) return groupStructured(error.issues);
  const lines = error.message.split('\n');
  const body = lines.length > 1 && /^The import found \d+ problems:?$/.test(lines[0] ?? '') ? lines.slice(1).map((l) => l.replace(/^- /, '')) : [error.message];
  const groups: { file: string | null; issues: IssueRow[] }[] = [];
  body.forEach((line, i) => {
    const parsed = parseIssueLine(line.trim());
    let file = parsed.file;
    let issue = parsed.issue;
    if (i === 0 && error.file) {
      // The structured fields are exact; prefer them for the first problem.
      file = error.file;
      issue = { ...issue, row: error.row ?? issue.row, column: error.column ?? issue.column, rowKind: issue.rowKind ?? (error.row !== undefined ? 'data_row' : null) };
    }
    const group = groups.find((g) => g.file === file);
    if (group) group.issues.push(issue);
    else groups.push({ file, issues: [issue] });
  });
  return groups;
}

/** The engine's own list of located problems: exact, no text parsing needed. */
function groupStructured(issues: readonly EngineIssue[]): IssueGroup[] {
  const groups: { file: string | null; issues: IssueRow[] }[] = [];
  for (const raw of issues) {
    const parsed = parseIssueLine(raw.message.trim());
    const issue: IssueRow = {
      ...parsed.issue,
      row: raw.row ?? null,
      rowKind: raw.rowKind ?? (raw.row !== undefined ? 'data_row' : null),
      column: raw.column ?? null,
      value: raw.value ?? null,
    };
    const file = raw.file ?? parsed.file;
    const group = groups.find((g) => g.file === file);
    if (group) group.issues.push(issue);
    else groups.push({ file, issues: [issue] });
  }
  return groups;
}

/** "line 5" or "data row 4", as the engine counted it. */
export function rowText(issue: IssueRow): string {
  if (issue.row === null) return '';
  return issue.rowKind === 'line' ? `line ${issue.row}` : `data row ${issue.row}`;
}

/** A cancelled import is not a failure to explain: the engine says so in its message. */
export function isCancellation(error: EngineErrorInfo): boolean {
  return /^The import was cancelled\b/.test(error.message);
}

// ---- Success ---------------------------------------------------------------

export interface TableCount {
  readonly table: TableName;
  readonly label: string;
  readonly file: string | null;
  readonly rows: number;
}

export function summaryRows(summary: ImportSummary): TableCount[] {
  return IMPORT_TABLE_NAMES.map((table) => ({ table, label: IMPORT_TABLES[table].label, file: summary.tables[table]?.file ?? null, rows: summary.tables[table]?.rows ?? 0 }));
}

export type ShareKey =
  | 'freeEmail'
  | 'missingEmail'
  | 'missingName'
  | 'missingCompany'
  | 'missingCompanySize'
  | 'probableDuplicates'
  | 'handoffsWithoutTrigger'
  | 'rejectedWithoutReason';

export const QUALITY_CHECKS: readonly { readonly key: ShareKey; readonly label: string; readonly of: string }[] = [
  { key: 'missingEmail', label: 'No email address', of: 'leads' },
  { key: 'freeEmail', label: 'Free-mail address', of: 'leads with email' },
  { key: 'missingName', label: 'First or last name missing', of: 'leads' },
  { key: 'missingCompany', label: 'No company', of: 'leads' },
  { key: 'missingCompanySize', label: 'No company size', of: 'leads' },
  { key: 'probableDuplicates', label: 'Probable duplicates', of: 'leads' },
  { key: 'handoffsWithoutTrigger', label: 'Handoffs without a trigger', of: 'handoffs' },
  { key: 'rejectedWithoutReason', label: 'Rejections without a reason', of: 'rejections' },
];

export function shareText(share: number | null): string {
  if (share === null) return '—';
  const pct = share * 100;
  return `${pct > 0 && pct < 0.1 ? '<0.1' : pct.toFixed(1)}%`;
}
