import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { fillSynthetic } from '../../engine/columns/synthetic';
import { releaseBufferCache } from '../../engine/workspace/buffer-cache';
import { displayedBytes, openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const shownLimit = async (ws: Workspace): Promise<string> =>
  String((await ws.connection.runAndReadAll(`SELECT current_setting('memory_limit') AS v`)).getRowObjectsJS()[0]!.v);

/** A query that needs far more than any lowered limit: it fails if the buffer pool kept the low limit. */
async function bigQuery(ws: Workspace): Promise<number> {
  return Number((await ws.connection.runAndReadAll(`SELECT count(DISTINCT i) AS n FROM range(4000000) t(i)`)).getRowObjectsJS()[0]!.n);
}

describe('releaseBufferCache', () => {
  it('evicts the table blocks a load read, sets the memory limit back exactly, and the workspace answers big queries with the same data', async () => {
    const ws = await openWorkspace(join(scratchDir(), 'cache.duckdb'));
    try {
      await fillSynthetic(ws, 20_000, 20);
      const before = await loadColumns(ws);
      const limit = await shownLimit(ws);
      const released = await releaseBufferCache(ws, 1024 * 1024);
      expect(released.before).toBeGreaterThan(2 * 1024 * 1024);
      expect(released.after).toBeLessThan(released.before / 2);
      expect(await shownLimit(ws)).toBe(limit);
      expect(await bigQuery(ws)).toBe(4_000_000);
      const after = await loadColumns(ws);
      expect(Array.from(after.activities.time)).toEqual(Array.from(before.activities.time));
    } finally {
      ws.close();
    }
  });

  it('sets the limit back even when the target is below what DuckDB keeps pinned, and never drifts over repeated releases', async () => {
    const ws = await openWorkspace(join(scratchDir(), 'cache.duckdb'));
    try {
      await fillSynthetic(ws, 5_000, 10);
      const limit = await shownLimit(ws);
      for (let i = 0; i < 3; i++) {
        await loadColumns(ws);
        // 1 byte: DuckDB cannot get there; it must not keep that limit.
        await releaseBufferCache(ws, 1);
      }
      expect(await shownLimit(ws)).toBe(limit);
      expect(await bigQuery(ws)).toBe(4_000_000);
    } finally {
      ws.close();
    }
  });

  it('pins the limit at open in whole bytes, read from the default DuckDB displays', async () => {
    expect(displayedBytes('18.8 GiB')).toBe(Math.floor(18.8 * 2 ** 30));
    expect(displayedBytes('512.0 MiB')).toBe(512 * 2 ** 20);
    expect(displayedBytes('1000 bytes')).toBe(1000);
    expect(displayedBytes('lots')).toBeNull();
    const ws = await openWorkspace(join(scratchDir(), 'pinned.duckdb'));
    try {
      expect(ws.memoryLimit).toMatch(/^\d+B$/);
      // DuckDB's default, to its display's precision (it shows one decimal, rounded down).
      expect(Math.abs(Number(ws.memoryLimit.slice(0, -1)) - displayedBytes(await shownLimit(ws))!)).toBeLessThanOrEqual(0.11 * 2 ** 30);
    } finally {
      ws.close();
    }
  });
});
