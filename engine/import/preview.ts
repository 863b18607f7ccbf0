// A first look at a file before importing it: its format, separator, headers,
// first rows as text, and the table and mapping it most likely fits.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../workspace/database';
import type { TableName } from '../workspace/tables';
import { ImportError } from './errors';
import { suggestTable } from './file-format';
import { openFileSource, rawSelectSql, translateReadError } from './file-source';
import { loadSavedMapping, suggestMapping } from './mapping';
import { sqlIdent } from './sql-text';
import type { FilePreview } from './types';

export type { FilePreview } from './types';


export interface PreviewOptions {
  /** Saved mappings in this workspace take precedence in the suggestion. */
  readonly ws?: Workspace;
  /** Suggest the mapping for this table instead of the one guessed from the name. */
  readonly table?: TableName;
  readonly rows?: number;
}

export async function previewFile(path: string, options: PreviewOptions = {}): Promise<FilePreview> {
  let own: DuckDBInstance | null = null;
  let connection: DuckDBConnection;
  if (options.ws) connection = options.ws.connection;
  else {
    own = await DuckDBInstance.create(':memory:', { threads: '1' });
    connection = await own.connect();
  }
  try {
    const src = await openFileSource(connection, path);
    const limit = Math.max(1, Math.min(options.rows ?? 20, 1000));
    let rows: string[][] = [];
    if (src.headers.length > 0) {
      const cells = src.headers.map((h) => `CAST(${sqlIdent(h)} AS VARCHAR)`).join(', ');
      try {
        const result = await connection.runAndReadAll(`SELECT ${cells} FROM (${rawSelectSql(src)}) LIMIT ${limit}`);
        rows = result.getRowsJS().map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
      } catch (err) {
        throw translateReadError(err, src.file, src.kind);
      }
    }
    const suggestedTable = suggestTable(path);
    const table = options.table ?? suggestedTable;
    const saved = table && options.ws ? await loadSavedMapping(options.ws, table) : new Map<string, string>();
    return {
      path,
      file: src.file,
      format: src.kind.format,
      gzip: src.kind.gzip,
      delimiter: src.delimiter,
      headers: src.headers,
      rows,
      suggestedTable,
      mapping: table ? suggestMapping(table, src.headers, saved) : null,
    };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError([{ file: path, message: `${path} could not be previewed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` }]);
  } finally {
    if (own) {
      connection.closeSync();
      own.closeSync();
    }
  }
}
