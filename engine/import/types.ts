// Result shapes of import and preview, free of Node and DuckDB so the EngineApi
// contract (and the renderer, which type-checks without Node types) can use them.
import type { TableName } from '../workspace/tables';
import type { ImportWarning } from './errors';
import type { MappingSuggestion } from './mapping';

export type FileFormat = 'csv' | 'parquet' | 'jsonl';

export type ImportStage = 'reading' | 'checking' | 'saving' | 'done';

export interface ImportProgress {
  readonly stage: ImportStage;
  readonly table?: TableName;
  readonly file?: string;
  /** Share of the whole import done, 0..1. */
  readonly fraction: number;
  readonly message: string;
}

export interface TableImport {
  /** File name or source label; null when the table was not supplied (it is now empty). */
  readonly file: string | null;
  readonly rows: number;
}

export interface ImportSummary {
  readonly tables: Readonly<Record<TableName, TableImport>>;
  readonly warnings: readonly ImportWarning[];
  readonly timezone: string;
  readonly scoringModel: boolean;
  readonly durationMs: number;
  /** Adapter imports: what the dataset lacks and so which questions it cannot answer. */
  readonly missing: readonly string[];
}

export interface FilePreview {
  readonly path: string;
  readonly file: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
  /** CSV only: ",", ";", "\t" or another detected separator. */
  readonly delimiter: string | null;
  readonly headers: readonly string[];
  /** First rows, every cell as text ('' for empty). */
  readonly rows: readonly (readonly string[])[];
  /** From the file name; null when the name gives no hint. */
  readonly suggestedTable: TableName | null;
  /** For options.table, else suggestedTable; null when neither is known. */
  readonly mapping: MappingSuggestion | null;
}
