// What kind of file a path is, from its name alone: the readers are chosen
// before any byte is read, and the canonical table is suggested the same way.
import { basename } from 'node:path';
import { TABLE_NAMES, type TableName } from '../workspace/tables';
import type { FileFormat } from './types';

export type { FileFormat } from './types';


export interface FileKind {
  readonly format: FileFormat;
  readonly gzip: boolean;
}

const EXTENSIONS: readonly (readonly [string, FileFormat])[] = [
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.txt', 'csv'],
  ['.parquet', 'parquet'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'jsonl'],
];

/** The format of a file by its extension (".gz" allowed after CSV and JSON Lines), or null when unsupported. */
export function fileKind(path: string): FileKind | null {
  const name = basename(path).toLowerCase();
  const gzip = name.endsWith('.gz');
  const stem = gzip ? name.slice(0, -3) : name;
  for (const [ext, format] of EXTENSIONS) {
    if (stem.endsWith(ext)) {
      if (gzip && format === 'parquet') return null;
      return { format, gzip };
    }
  }
  return null;
}

/** The name without its data extensions: "Leads.csv.gz" -> "leads". */
export function fileStem(path: string): string {
  let name = basename(path).toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

const TABLE_HINTS: readonly (readonly [TableName, readonly string[]])[] = [
  ['activities', ['activit', 'event', 'engagement', 'touch']],
  ['handoffs', ['handoff', 'hand_off', 'mql']],
  ['dispositions', ['disposition', 'outcome', 'decision']],
  ['reps', ['rep', 'owner', 'user', 'agent', 'team']],
  ['leads', ['lead', 'contact', 'prospect', 'people', 'person']],
];

/** The canonical table a file most likely holds, from its name; exact names first ("leads.csv"), then hints ("hubspot-contacts.csv"). */
export function suggestTable(path: string): TableName | null {
  const stem = fileStem(path);
  const exact = TABLE_NAMES.find((t) => t === stem);
  if (exact) return exact;
  for (const [table, hints] of TABLE_HINTS) if (hints.some((h) => stem.includes(h))) return table;
  return null;
}
