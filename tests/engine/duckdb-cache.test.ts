import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { fillSynthetic } from '../../engine/columns/synthetic';
import { releaseDuckDbCache } from '../../engine/forecast/duckdb-cache';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const setting = async (ws: Workspace, name: string): Promise<string> =>
  String((await ws.connection.runAndReadAll(`SELECT value FROM duckdb_settings() WHERE name = '${name}'`)).getRowObjectsJS()[0]!.value);

describe('releaseDuckDbCache', () => {
  it('evicts the blocks a load read and leaves the memory limit as it was (to 0.1 of its unit), usable by big queries', async () => {
    const ws = await openWorkspace(join(scratchDir(), 'cache.duckdb'));
    await fillSynthetic(ws, 3000, 12);
    const before = await loadColumns(ws);
    const defaultLimit = parseFloat(await setting(ws, 'memory_limit'));
    await releaseDuckDbCache(ws);
    expect(Math.abs(parseFloat(await setting(ws, 'memory_limit')) - defaultLimit)).toBeLessThanOrEqual(0.1 + 1e-9);
    // A limit set elsewhere (the workspace sets none) comes back as DuckDB shows it, to its 0.1 GiB.
    await ws.connection.run(`SET memory_limit = '3GB'`);
    const chosen = parseFloat(await setting(ws, 'memory_limit'));
    await releaseDuckDbCache(ws);
    expect(Math.abs(parseFloat(await setting(ws, 'memory_limit')) - chosen)).toBeLessThanOrEqual(0.1 + 1e-9);
    // The buffer pool has its limit back: a query pinning far more than the lowered 32 MB runs.
    const big = (await ws.connection.runAndReadAll(`SELECT count(DISTINCT i) AS n FROM range(8000000) t(i)`)).getRowObjectsJS();
    expect(Number(big[0]!.n)).toBe(8000000);
    // The workspace still answers, with the same data.
    const after = await loadColumns(ws);
    expect(after.activities.n).toBe(before.activities.n);
    expect(Array.from(after.activities.time)).toEqual(Array.from(before.activities.time));
    ws.close();
  });
});
