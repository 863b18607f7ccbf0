// Work on one workspace never interleaves: two imports through the Engine run
// one after the other; metrics asked for during an import see the old history
// or the new one, never a mix; the importer itself refuses a second import.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { ImportError } from '../../engine/import/errors';
import { importDirectory } from '../../engine/import/importer';
import type { Result } from '../../engine/api/contract';
import { observedMetrics } from '../../engine/metrics/observed';
import { openWorkspace } from '../../engine/workspace/database';
import { writeBigHistory } from '../support/big-history';
import { HANDOFFS_CSV, writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { rows } from '../support/workspace-snapshot';

interface Summary {
  tables: Record<string, { rows: number }>;
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`engine error: ${r.error.message}`);
  return r.value as T;
}

describe('concurrency on one workspace', () => {
  const dir = scratchDir('hl-conc-');
  let small: string;
  let medium: string;

  beforeAll(async () => {
    small = writeHistory(join(dir, 'small'));
    // 6,000 leads, 2,000 MQLs: an import that takes long enough to be raced.
    await writeBigHistory(join(dir, 'medium'), 6000, 5);
    medium = join(dir, 'medium');
  });

  it('two importDirectory calls at once through the Engine run one after the other, in order; the second wins', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    try {
      value(await invokeEngine(engine, 'openWorkspace', { path: join(dir, 'two.duckdb') }));
      const events: ProgressEvent[] = [];
      engine.onProgress((e) => events.push(e));
      const finished: string[] = [];
      const a = invokeEngine(engine, 'importDirectory', { dir: medium, jobId: 'A' }).then((r) => (finished.push('A'), r));
      const b = invokeEngine(engine, 'importDirectory', { dir: small, jobId: 'B' }).then((r) => (finished.push('B'), r));
      const [ra, rb] = await Promise.all([a, b]);
      expect(value<Summary>(ra).tables.leads!.rows).toBe(6000);
      expect(value<Summary>(rb).tables.leads!.rows).toBe(3);
      expect(finished).toEqual(['A', 'B']);
      // Serialised: every step of A (after both jobs' "Starting") comes before B's first step.
      const work = events.filter((e) => e.message !== 'Starting');
      const firstB = work.findIndex((e) => e.jobId === 'B');
      const lastA = work.map((e) => e.jobId).lastIndexOf('A');
      expect(lastA).toBeGreaterThan(0);
      expect(lastA).toBeLessThan(firstB);
      const info = value<{ rowCounts: Record<string, number> }>(await invokeEngine(engine, 'openWorkspace', { path: join(dir, 'two.duckdb') }));
      expect(info.rowCounts).toEqual({ leads: 3, activities: 0, handoffs: 2, dispositions: 2, reps: 0 });
    } finally {
      engine.close();
    }
  });

  it('metrics asked while an import runs (Engine) reflect the old or the new history entirely', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    try {
      value(await invokeEngine(engine, 'openWorkspace', { path: join(dir, 'race.duckdb') }));
      value(await invokeEngine(engine, 'importDirectory', { dir: small }));
      const old = value<{ metrics: unknown }>(await invokeEngine(engine, 'metrics', {}));
      // One metrics call at every progress event of the import, and one in the same tick as its start.
      const asked: Promise<Result<unknown>>[] = [];
      engine.onProgress((e) => {
        if (e.jobId === 'imp') asked.push(invokeEngine(engine, 'metrics', {}));
      });
      const imp = invokeEngine(engine, 'importDirectory', { dir: medium, jobId: 'imp' });
      asked.push(invokeEngine(engine, 'metrics', {}));
      value(await imp);
      const fresh = value<{ metrics: unknown }>(await invokeEngine(engine, 'metrics', {}));
      expect(fresh).not.toEqual(old);
      const answers = await Promise.all(asked);
      expect(answers.length).toBeGreaterThan(3);
      for (const a of answers) {
        const m = value<{ metrics: { mql_count: { observed: number } } }>(a);
        expect([2, 2000]).toContain(m.metrics.mql_count.observed);
        expect([old, fresh]).toContainEqual(m);
      }
    } finally {
      engine.close();
    }
  });

  it('a read on the workspace during a direct import (no queue) sees one whole history at every step', async () => {
    const ws = await openWorkspace(join(dir, 'direct.duckdb'));
    // One statement is one snapshot: the swap's single COMMIT is all a reader can ever see.
    // observedMetrics reads in several statements inside one read snapshot (see the next test).
    const counts = async (): Promise<string> =>
      JSON.stringify(
        (
          await rows(
            ws,
            `SELECT (SELECT count(*) FROM leads)::INTEGER AS l, (SELECT count(*) FROM activities)::INTEGER AS a,
               (SELECT count(*) FROM handoffs)::INTEGER AS h, (SELECT count(*) FROM dispositions)::INTEGER AS d,
               (SELECT count(*) FROM hl_imports)::INTEGER AS i`,
          )
        )[0],
      );
    try {
      await importDirectory(ws, small);
      const old = await counts();
      const seen: Promise<string>[] = [];
      const stages: string[] = [];
      await importDirectory(ws, medium, {
        onProgress: (p) => {
          stages.push(p.stage);
          seen.push(counts());
        },
      });
      const fresh = await counts();
      expect(old).toBe('{"l":3,"a":0,"h":2,"d":2,"i":1}');
      expect(fresh).toBe('{"l":6000,"a":30000,"h":2000,"d":2000,"i":2}');
      expect(stages).toEqual(expect.arrayContaining(['reading', 'checking', 'saving', 'done']));
      const answers = await Promise.all(seen);
      for (const a of answers) expect([old, fresh]).toContain(a);
      // Reads asked before the swap began saw the old history: staging is invisible.
      expect(answers[0]).toBe(old);
    } finally {
      ws.close();
    }
  });

  it('observedMetrics during a direct import (no queue) answers wholly from the old or the new history', async () => {
    const ws = await openWorkspace(join(dir, 'direct-metrics.duckdb'));
    try {
      await importDirectory(ws, small);
      const old = await observedMetrics(ws);
      const seen: Promise<Awaited<ReturnType<typeof observedMetrics>>>[] = [];
      await importDirectory(ws, medium, { onProgress: () => seen.push(observedMetrics(ws)) });
      const fresh = await observedMetrics(ws);
      expect(fresh.metrics.mql_count.observed).toBe(2000);
      const answers = await Promise.all(seen);
      expect(answers.length).toBeGreaterThan(3);
      for (const a of answers) expect([old, fresh]).toContainEqual(a);
    } finally {
      ws.close();
    }
  });

  it('the importer refuses a second concurrent import, and takes the next one once the first ended (even in failure)', async () => {
    const ws = await openWorkspace(join(dir, 'refuse.duckdb'));
    try {
      const broken = writeHistory(join(dir, 'broken'), { 'handoffs.csv': `${HANDOFFS_CSV}\nL9,2025-01-07 09:00,manual,,,` });
      const first = importDirectory(ws, broken).then(() => null, (e: unknown) => e);
      const second = await importDirectory(ws, small).then(() => null, (e: unknown) => e);
      expect(second).toBeInstanceOf(ImportError);
      expect((second as ImportError).message).toBe('Another import into this workspace is still running. Wait for it to finish, or cancel it, and try again.');
      const failed = await first;
      expect(failed).toBeInstanceOf(ImportError);
      expect((failed as ImportError).message).toContain('lead id "L9" is not in leads.csv');
      // The failed import released its claim: the next one runs.
      const ok = await importDirectory(ws, small);
      expect(ok.tables.handoffs.rows).toBe(2);
      expect(await rows(ws, `SELECT count(*)::INTEGER AS n FROM hl_imports`)).toEqual([{ n: 1 }]);
    } finally {
      ws.close();
    }
  });
});
