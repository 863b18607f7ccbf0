// A dataset adapter reshapes a public dataset that does not come as the five
// canonical tables into them, as SELECTs over DuckDB's readers, and says what
// the dataset lacks so the app can tell which questions it cannot answer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../../workspace/database';
import { ImportError } from '../errors';
import { importSqlSources, type ImportOptions, type ImportSummary, type SqlSource } from '../importer';
import { sqlString } from '../sql-text';

export interface AdaptedDataset {
  readonly sources: readonly SqlSource[];
  /** Plain sentences: what the dataset lacks and which questions that rules out. */
  readonly missing: readonly string[];
}

export interface DatasetAdapter {
  readonly name: string;
  /** Files that must be in the folder. */
  readonly files: readonly string[];
  build(dir: string, connection: DuckDBConnection): Promise<AdaptedDataset>;
}

/** read_csv over a file of the dataset, every column as text (the adapter types what it uses). */
export function csvText(dir: string, file: string): string {
  return `read_csv(${sqlString(join(dir, file))}, header = true, all_varchar = true)`;
}

export async function importDataset(ws: Workspace, adapter: DatasetAdapter, dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const absent = adapter.files.filter((f) => !existsSync(join(dir, f)));
  if (absent.length > 0) {
    throw new ImportError([{ file: absent[0]!, message: `The ${adapter.name} folder ${dir} lacks ${absent.join(', ')}. Put the dataset's original files there.` }]);
  }
  const adapted = await adapter.build(dir, ws.connection);
  return importSqlSources(ws, adapted.sources, options, adapted.missing);
}

export async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);
}
