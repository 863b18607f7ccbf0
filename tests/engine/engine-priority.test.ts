// The engine's queue with an interval job running (issue #6, engine/jobs/priority-queue.ts),
// on the shipped sample: a slider's expected-values forecast asked meanwhile is answered
// before the job ends, and before a lead-diff page queued ahead of it (which also comes
// before the job ends), with the numbers both have alone;
// the job's own intervals are those it has alone; a cancel sent while it is in its outcome
// runs lands; an import is never overtaken nor interleaved.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineResults, ProgressEvent, Scenario } from '../../engine/api/contract';
import { Engine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');

let engine: Engine;
let base: Scenario;
/** The baseline's threshold. */
let t0: number;
const at = (t: number): Scenario => ({ ...base, mql: { ...base.mql, threshold: t } });
/** A forecast's numbers, without its timing. */
const numbers = (f: EngineResults['forecast']) => ({ ...f, details: { ...f.details, elapsedMs: 0 } });

/** Resolves at the job's first progress event that passes `when`. */
function progressOf(jobId: string, when: (e: ProgressEvent) => boolean): Promise<ProgressEvent> {
  return new Promise((resolve) => {
    const off = engine.onProgress((e) => {
      if (e.jobId === jobId && when(e)) {
        off();
        resolve(e);
      }
    });
  });
}

const inDraws = (e: ProgressEvent): boolean => e.message.startsWith('Simulation run');

beforeAll(async () => {
  engine = new Engine({ dataDir: join(scratchDir('hl-priority-'), 'data'), sampleDir: SHIPPED });
  await engine.openSample({});
  base = (await engine.baselineScenario()).scenario;
  const t = base.mql?.threshold;
  if (t === undefined) throw new Error('the sample baseline has no threshold');
  t0 = t;
}, 120_000);
afterAll(() => engine?.close());

describe('the engine queue with an interval job running', () => {
  it('answers an expected-values forecast asked meanwhile, then a lead-diff page asked before it, both before the job ends and as they are alone', async () => {
    const t = t0;
    const job = at(t + 2);
    const slider = at(t + 4);
    const aloneIntervals = await engine.forecast({ scenario: job, jobId: 'alone' });
    const alonePoint = await engine.forecast({ scenario: slider, runs: 0 });
    const aloneDiff = await engine.leadDiff({ scenario: slider, kind: 'entered', limit: 10 });
    // Another scenario in between, so the slider's cached pieces are gone and its forecast is computed again.
    await engine.forecast({ scenario: at(t - 3), runs: 0 });

    const order: string[] = [];
    const started = progressOf('iv', inDraws);
    const intervals = engine.forecast({ scenario: job, jobId: 'iv' }).then((f) => (order.push('intervals'), f));
    await started;
    const diff = engine.leadDiff({ scenario: slider, kind: 'entered', limit: 10 }).then((d) => (order.push('diff'), d));
    const point = engine.forecast({ scenario: slider, runs: 0 }).then((f) => (order.push('point'), f));
    const [iv, pt, df] = await Promise.all([intervals, point, diff]);

    expect(order).toEqual(['point', 'diff', 'intervals']);
    expect(numbers(pt)).toEqual(numbers(alonePoint));
    expect(numbers(iv)).toEqual(numbers(aloneIntervals));
    expect(iv.details.runs).toBeGreaterThan(0);
    expect(df).toEqual(aloneDiff);
  }, 120_000);

  it('answers an expected-values forecast asked during a threshold sweep between its anchors, and the sweep reads as alone', async () => {
    // A scoring the earlier tests have not swept: the sweep builds its index and runs all 5 anchor forecasts.
    const reweighted: Scenario = { ...base, scoring: { ...base.scoring, activity_points: { ...(base.scoring?.activity_points ?? {}), email_open: 0 } } };
    const slider = at(t0 - 4);
    const alonePoint = await engine.forecast({ scenario: slider, runs: 0 });
    await engine.forecast({ scenario: at(t0 - 2), runs: 0 });

    const order: string[] = [];
    const firstAnchor = progressOf('sw', (e) => e.message.startsWith('Forecast at threshold'));
    const sweep = engine.sweep({ scenario: reweighted, jobId: 'sw' }).then((r) => (order.push('sweep'), r));
    await firstAnchor;
    const point = engine.forecast({ scenario: slider, runs: 0 }).then((f) => (order.push('point'), f));
    const [sw, pt] = await Promise.all([sweep, point]);
    expect(order).toEqual(['point', 'sweep']);
    expect(numbers(pt)).toEqual(numbers(alonePoint));
    // The anchor at the range's low end is the forecast there, as when the sweep runs alone.
    const exactAtLow = await engine.forecast({ scenario: { ...reweighted, mql: { ...reweighted.mql, threshold: sw.points[0]!.threshold } }, runs: 0 });
    expect(sw.points[0]!.metrics.black_hole_rate).toBeCloseTo(exactAtLow.metrics.black_hole_rate.forecast!, 12);
    expect(sw.points[0]!.metrics.mql_count).toBe(exactAtLow.metrics.mql_count.forecast);
  }, 120_000);

  it('lands a cancel sent while the job is in its outcome runs (the event loop runs between them)', async () => {
    const job = at(t0 + 1);
    await engine.forecast({ scenario: job, runs: 0 });
    // Past the queue draws (90% of the progress), the runs are arithmetic: a cancel message arrives
    // only through the event loop, as from the UI, not from inside the job.
    const inRuns = progressOf('late', (e) => inDraws(e) && e.fraction > 0.9);
    const outcome = engine.forecast({ scenario: job, runs: 200, jobId: 'late' }).then(
      () => 'finished',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    await inRuns;
    setImmediate(() => engine.cancel('late'));
    expect(await outcome).toMatch(/cancelled/);
    // Cancelled cleanly: the same job afterwards gives its full answer.
    const again = await engine.forecast({ scenario: job, runs: 200, jobId: 'late' });
    expect(again.details.runs).toBe(200);
  }, 120_000);

  it('lets no forecast overtake an import queued before it, nor run beside it', async () => {
    const events: string[] = [];
    const off = engine.onProgress((e) => {
      if (e.jobId === 'imp' && e.message !== 'Starting' && e.message !== 'Done') events.push('import');
    });
    const started = progressOf('iv2', inDraws);
    const intervals = engine.forecast({ scenario: at(t0 + 3), jobId: 'iv2' }).then(
      () => events.push('intervals'),
      () => events.push('intervals'),
    );
    await started;
    const before = engine.forecast({ scenario: at(t0 + 5), runs: 0 }).then(() => events.push('point before'));
    const imp = engine.importDirectory({ dir: SHIPPED, jobId: 'imp' }).then(() => events.push('import done'));
    const after = engine.forecast({ scenario: at(t0 + 6), runs: 0 }).then(() => events.push('point after'));
    await Promise.all([intervals, before, imp, after]);
    off();
    // The forecast asked before the import runs inside the interval job; the import waits for the
    // job to end and runs alone; the forecast asked after it waits for it.
    expect(events.slice(0, 3)).toEqual(['point before', 'intervals', 'import']);
    expect(events.slice(-2)).toEqual(['import done', 'point after']);
    expect(new Set(events.slice(2, -2))).toEqual(new Set(['import']));
  }, 180_000);
});
