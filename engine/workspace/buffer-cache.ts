// DuckDB keeps the table blocks a query read in its buffer pool until memory
// runs short (its default limit is 80% of RAM). A forecast session reads the
// whole history into its own columns once and never reads those blocks again:
// at L (1M leads, 19M activities) they held ~230 MiB, the difference between
// passing and failing DESIGN.md's 2 GB. Lowering the limit for a moment makes
// DuckDB evict unpinned blocks (they are on disk; nothing is lost), then the
// limit is set back to the exact value the workspace opened with (RESET shows
// the default again but leaves the buffer pool at the lowered limit, and
// DuckDB's displayed value is rounded).
import type { Workspace } from './database';

/** Evict down to this; comfortably above what DuckDB keeps pinned with no query running. */
export const EVICT_TO_BYTES = 64 * 1024 * 1024;

export interface BufferRelease {
  /** DuckDB's cached table blocks before and after, bytes. */
  readonly before: number;
  readonly after: number;
}

/**
 * Evict DuckDB's cached table blocks. Call only when no other query of this
 * workspace runs (the engine's serial queue): the lowered limit would fail it.
 * An eviction DuckDB refuses leaves the cache as it was; the limit is always set back.
 */
export async function releaseBufferCache(ws: Workspace, evictTo: number = EVICT_TO_BYTES): Promise<BufferRelease> {
  const before = await cachedTableBytes(ws);
  if (before <= evictTo) return { before, after: before };
  try {
    // Never fails for pinned blocks: DuckDB evicts what it can and keeps the lower limit, so it is set back at once.
    await ws.connection.run(`SET memory_limit = '${Math.floor(evictTo)}B'`);
  } finally {
    await ws.connection.run(`SET memory_limit = '${ws.memoryLimit}'`);
  }
  return { before, after: await cachedTableBytes(ws) };
}

async function cachedTableBytes(ws: Workspace): Promise<number> {
  const rows = (
    await ws.connection.runAndReadAll(`SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory() WHERE tag = 'BASE_TABLE'`)
  ).getRowObjectsJS();
  return Number(rows[0]?.b ?? 0);
}
