// The engine behind EngineApi, called the way both transports call it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';

describe('Engine', () => {
  const dir = scratchDir();

  it('opens the shipped sample in one call, streaming progress, and imports it only once', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    const events: ProgressEvent[] = [];
    engine.onProgress((e) => events.push(e));
    const first = await invokeEngine(engine, 'openSample', { jobId: 'sample-1' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const info = first.value as { path: string; rowCounts: Record<string, number> };
    expect(info.path).toBe(join(dir, 'data', 'sample.duckdb'));
    // The shipped world: 10,000 leads and one disposition row per handoff.
    expect(info.rowCounts.leads).toBe(10_000);
    expect(info.rowCounts.handoffs).toBeGreaterThan(1000);
    expect(info.rowCounts.dispositions).toBe(info.rowCounts.handoffs);
    expect(events.every((e) => e.jobId === 'sample-1')).toBe(true);
    expect(events.at(-1)?.fraction).toBe(1);
    expect(events.some((e) => e.fraction > 0 && e.fraction < 1)).toBe(true);

    const before = events.length;
    const again = await invokeEngine(engine, 'openSample', { jobId: 'sample-2' });
    expect(again).toEqual(first);
    // Reopening imports nothing: only the job's start and end.
    expect(events.slice(before).map((e) => e.fraction)).toEqual([0, 1]);
    engine.close();
  });

  it('cancels a running import and leaves the sample workspace empty, ready to try again', async () => {
    const engine = new Engine({ dataDir: join(dir, 'cancel') });
    const running = invokeEngine(engine, 'openSample', { jobId: 'slow' });
    engine.cancel('slow');
    const cancelled = await running;
    expect(cancelled.ok).toBe(false);
    const retried = await invokeEngine(engine, 'openSample', {});
    expect(retried.ok && (retried.value as { rowCounts: Record<string, number> }).rowCounts.leads).toBe(10_000);
    engine.close();
  });

  it('answers bad requests with data that names the field', async () => {
    const engine = new Engine({ dataDir: join(dir, 'bad') });
    expect(await invokeEngine(engine, 'dropTables', {})).toEqual({ ok: false, error: { message: 'Unknown engine request "dropTables".' } });
    const bad = await invokeEngine(engine, 'openWorkspace', { path: 42 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('path');
    const extra = await invokeEngine(engine, 'openSample', { jobId: 'x', sql: 'DROP TABLE leads' });
    expect(extra.ok).toBe(false);
    engine.close();
  });
});
