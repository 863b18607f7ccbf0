// One DuckDB file per workspace. Opening creates or migrates it; every other
// module receives a Workspace and never opens DuckDB itself.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';

export interface Workspace {
  readonly path: string;
  readonly instance: DuckDBInstance;
  /** The connection for the workspace's serial work; open more with instance.connect() for concurrent jobs. */
  readonly connection: DuckDBConnection;
  /** DuckDB's memory limit as set at open, exactly (DuckDB shows it rounded): what buffer-cache.ts restores. */
  readonly memoryLimit: string;
  close(): void;
}

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

const UNIT_BYTES: Readonly<Record<string, number>> = { bytes: 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

/** A size as DuckDB displays a setting ("18.8 GiB", "512.0 MiB") in whole bytes; null when unreadable. */
export function displayedBytes(text: string): number | null {
  const m = /^\s*([\d.]+)\s*([A-Za-z]+)\s*$/.exec(text);
  const unit = m ? UNIT_BYTES[m[2]!] : undefined;
  return m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : null;
}

/**
 * DuckDB's own default limit (80% of RAM), pinned in whole bytes so buffer-cache.ts can set it back
 * exactly after a lowering (DuckDB displays it rounded; setting the display back would drift lower).
 * Read from DuckDB rather than node:os, so the renderer's browser-only type check can follow the
 * Workspace type here.
 */
async function pinMemoryLimit(connection: DuckDBConnection): Promise<string> {
  const reader = await connection.runAndReadAll("SELECT current_setting('memory_limit')");
  const shown = String(reader.getRows()[0]?.[0] ?? '');
  const bytes = displayedBytes(shown);
  if (bytes === null) return shown;
  const pinned = `${bytes}B`;
  await connection.run(`SET memory_limit = '${pinned}'`);
  return pinned;
}

export async function openWorkspace(path: string): Promise<Workspace> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { threads: '2' });
  } catch (err) {
    throw new WorkspaceError(`Cannot open workspace ${path}: ${(err as Error).message}`);
  }
  const connection = await instance.connect();
  const memoryLimit = await pinMemoryLimit(connection);
  await migrate(connection, path);
  await dropLeftoverStaging(connection);
  return {
    path,
    instance,
    connection,
    memoryLimit,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function readVersion(connection: DuckDBConnection): Promise<number> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'hl_meta' AND database_name = current_database()`,
  );
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return 0;
  const row = await connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key = 'schema_version'`);
  const value = row.getRowObjectsJS()[0]?.value;
  return value === undefined ? 0 : Number(value);
}

async function migrate(connection: DuckDBConnection, path: string): Promise<void> {
  const version = await readVersion(connection);
  if (version > SCHEMA_VERSION) {
    throw new WorkspaceError(
      `Workspace ${path} was written by a newer Handoff Lab (schema ${version}, this one reads up to ${SCHEMA_VERSION}). Update the app to open it.`,
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const sql of MIGRATIONS[v] ?? []) await connection.run(sql);
      await connection.run(
        `INSERT OR REPLACE INTO hl_meta VALUES ('schema_version', $1)`,
        [String(v + 1)],
      );
      await connection.run('COMMIT');
    } catch (err) {
      await connection.run('ROLLBACK');
      throw err;
    }
  }
}

/**
 * An import stages into hl_stage_* tables and swaps them in with one COMMIT; a
 * process killed before that leaves them behind. They are never history, so drop them.
 */
async function dropLeftoverStaging(connection: DuckDBConnection): Promise<void> {
  const rows = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND starts_with(table_name, 'hl_stage_')`,
  );
  for (const r of rows.getRowObjectsJS()) await connection.run(`DROP TABLE IF EXISTS "${String(r.table_name).replaceAll('"', '""')}"`);
}
