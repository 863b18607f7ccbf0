// Everything an import may change, as plain JSON, so a test can prove a failed
// import left the workspace exactly as it was.
import type { Workspace } from '../../engine/workspace/database';
import { TABLE_NAMES } from '../../engine/workspace/tables';

export async function snapshotWorkspace(ws: Workspace): Promise<string> {
  const parts: Record<string, unknown> = {};
  for (const t of [...TABLE_NAMES, 'hl_meta', 'hl_mappings', 'hl_imports']) {
    const rows = (await ws.connection.runAndReadAll(`SELECT * FROM ${t} ORDER BY ALL`)).getRowObjectsJS();
    const columns = (await ws.connection.runAndReadAll(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${t}' ORDER BY column_index`)).getRowObjectsJS();
    parts[t] = { columns, rows };
  }
  const tables = (await ws.connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).getRowObjectsJS();
  parts.tables = tables;
  return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export async function rows(ws: Workspace, sql: string): Promise<Record<string, unknown>[]> {
  return (await ws.connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
