import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../engine/workspace/database';
import { SCHEMA_VERSION } from '../../engine/workspace/schema';
import { TABLE_NAMES } from '../../engine/workspace/tables';
import { scratchDir } from '../support/tmp';

describe('workspace file', () => {
  const dir = scratchDir();

  it('creates every canonical table and records the schema version', async () => {
    const ws = await openWorkspace(join(dir, 'new.duckdb'));
    const tables = (await ws.connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY 1`))
      .getRowObjectsJS()
      .map((r) => String(r.table_name));
    for (const t of TABLE_NAMES) expect(tables).toContain(t);
    const version = (await ws.connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key='schema_version'`)).getRowObjectsJS();
    expect(version).toEqual([{ value: String(SCHEMA_VERSION) }]);
    ws.close();
  });

  it('reopens an existing file with its data and refuses one from a newer app', async () => {
    const path = join(dir, 'reopen.duckdb');
    const first = await openWorkspace(path);
    await first.connection.run(`INSERT INTO leads (lead_id, created_at) VALUES ('L1', '2025-01-02 10:00:00+00')`);
    first.close();
    const second = await openWorkspace(path);
    const n = (await second.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM leads`)).getRowObjectsJS()[0]?.n;
    expect(n).toBe(1);
    await second.connection.run(`UPDATE hl_meta SET value = '99' WHERE key = 'schema_version'`);
    second.close();
    await expect(openWorkspace(path)).rejects.toThrow(/newer Handoff Lab/);
  });
});
