// Import problems as data: every problem names where it is (file, row, column)
// and what was found, in words a RevOps person can act on.

export type RowKind = 'line' | 'data_row';

export interface ImportIssue {
  /** File name as the user knows it (base name), or the adapter's source label. */
  readonly file?: string;
  /** Line in the file (rowKind 'line', header is line 1) or data row (rowKind 'data_row', first row after the header is 1). */
  readonly row?: number;
  readonly rowKind?: RowKind;
  /** Column header as written in the file. */
  readonly column?: string;
  /** Canonical field the column maps to. */
  readonly field?: string;
  /** The offending value as text. */
  readonly value?: string;
  /** One plain-words sentence, already naming the location. */
  readonly message: string;
}

export interface ImportWarning {
  readonly file?: string;
  /** Stable key, e.g. 'activities_unknown_lead', so the UI can group or explain. */
  readonly code: string;
  readonly count: number;
  readonly message: string;
  readonly examples: readonly ImportIssue[];
}

/**
 * A failed import. The workspace is unchanged when this is thrown.
 * file/row/column/field mirror the first issue so callers that show one line have it at hand.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly field: string | undefined;
  readonly issues: readonly ImportIssue[];
  readonly cancelled: boolean;

  constructor(issues: readonly ImportIssue[], options: { cancelled?: boolean; summary?: string } = {}) {
    const first = issues[0];
    super(options.summary ?? formatIssues(issues));
    this.issues = issues;
    this.file = first?.file;
    this.row = first?.row;
    this.column = first?.column;
    this.field = first?.field;
    this.cancelled = options.cancelled ?? false;
  }
}

/** How many problems to list per file; the rest are counted. */
export const MAX_ISSUES_PER_FILE = 10;

export function formatIssues(issues: readonly ImportIssue[]): string {
  if (issues.length === 0) return 'The import failed.';
  if (issues.length === 1) return issues[0]!.message;
  return `The import found ${issues.length} problems:\n${issues.map((i) => `- ${i.message}`).join('\n')}`;
}

/** "line 5" or "data row 4", as a message fragment. */
export function where(row: number | undefined, kind: RowKind | undefined): string {
  if (row === undefined) return '';
  return kind === 'line' ? `line ${row}` : `data row ${row}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
