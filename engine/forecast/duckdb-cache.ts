// DuckDB keeps the table blocks a query read in its buffer pool until memory runs short (its limit is 80% of
// RAM): at L the session's column loads leave blocks and allocator caches behind that nothing reads again (the
// session works on its own columns). Call it only when no other query runs: the lowered limit fails them. Lowering the limit
// for a moment makes DuckDB evict them (they are on disk, nothing is lost); the previous limit is then restored.
import type { Workspace } from '../workspace/database';

/** The limit while evicting: below what the blocks take (a limit above them evicts nothing). */
const EVICT_TO = '32MB';

export async function releaseDuckDbCache(ws: Workspace): Promise<void> {
  const before = await memoryLimit(ws);
  if (!/^[0-9.]+ ?[KMGT]?i?B$/.test(before)) return; // an unexpected form: leave DuckDB as it is
  await ws.connection.run(`SET memory_limit = '${EVICT_TO}'`);
  // Set back as DuckDB shows it (rounded down to 0.1 of its unit, e.g. 18.8 GiB of 18.83): RESET shows the default
  // again but leaves the buffer pool at the lowered limit (at L the next query failed to pin a block).
  await ws.connection.run(`SET memory_limit = '${before}'`);
}

async function memoryLimit(ws: Workspace): Promise<string> {
  const rows = (await ws.connection.runAndReadAll(`SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'`)).getRowObjectsJS();
  return rows.length > 0 ? String(rows[0]!.value) : '';
}
