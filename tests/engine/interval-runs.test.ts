// The two-level interval runs (engine/forecast/interval-runs.ts) on the
// shipped sample world: seeded and reproducible whatever ran before,
// cancellable mid-way without spoiling later calls, queue draws spread over
// their strata, and the delta method's group sums against an exact
// re-evaluation with the same coefficient draw.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEtas, expectations } from '../../engine/forecast/assemble';
import { ForecastAborted, forecast } from '../../engine/forecast/forecast';
import { bootstrapModels, stratifiedQueueDraw } from '../../engine/forecast/intervals';
import { linearization, membership, queueDrawCount } from '../../engine/forecast/interval-runs';
import { evaluate, prepareScenario, windowContact0, windowEtas } from '../../engine/forecast/kernel';
import { segmentGroups } from '../../engine/forecast/segment-groups';
import { ForecastSession } from '../../engine/forecast/session';
import { importDirectory } from '../../engine/import/importer';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };
const threshold = (t: number) => ({ version: 1, mql: { threshold: t }, window: WINDOW });

let ws: Workspace;
let session: ForecastSession;

beforeAll(async () => {
  ws = await openWorkspace(join(scratchDir('hl-interval-runs-'), 'w.duckdb'));
  await importDirectory(ws, SHIPPED);
  session = await ForecastSession.open(ws);
});
afterAll(() => ws?.close());

describe('interval runs', () => {
  it('give the same intervals for the same seed, whatever ran before, and others for another seed', async () => {
    const a = await forecast(session, threshold(50), { runs: 40, seed: 7 });
    await forecast(session, { version: 1, capacity: { extra_reps: -2 }, window: WINDOW }, { runs: 40, seed: 7 });
    await forecast(session, threshold(50), { runs: 20, seed: 7 });
    const b = await forecast(session, threshold(50), { runs: 40, seed: 7 });
    expect(b.metrics).toEqual(a.metrics);
    expect(b.segments).toEqual(a.segments);
    const c = await forecast(session, threshold(50), { runs: 40, seed: 8 });
    expect(c.metrics.sql_rate.low).not.toBe(a.metrics.sql_rate.low);
    expect(c.metrics.sql_rate.forecast).toBe(a.metrics.sql_rate.forecast);
  });

  it('stop mid-way when cancelled, and a later call is unaffected', async () => {
    const ctrl = new AbortController();
    const seen: number[] = [];
    const p = forecast(session, threshold(48), {
      runs: 60,
      seed: 2,
      signal: ctrl.signal,
      onProgress: (d, total) => {
        seen.push(d);
        expect(total).toBe(60);
        if (d === 25) ctrl.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(ForecastAborted);
    expect(Math.max(...seen)).toBeLessThan(60);
    const progress: number[] = [];
    const full = await forecast(session, threshold(48), { runs: 60, seed: 2, onProgress: (d) => progress.push(d) });
    expect(progress).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    const fresh = await forecast(await ForecastSession.open(ws), threshold(48), { runs: 60, seed: 2 });
    expect(fresh.metrics).toEqual(full.metrics);
  });

  it('take one queue draw per run up to 20, fewer for cohorts of a few hundred thousand MQLs, never below 5', () => {
    expect(queueDrawCount(3, 6_800)).toBe(3);
    expect(queueDrawCount(200, 6_800)).toBe(20);
    expect(queueDrawCount(200, 84_000)).toBe(20);
    expect(queueDrawCount(200, 170_000)).toBe(10);
    expect(queueDrawCount(200, 320_000)).toBe(5);
    expect(queueDrawCount(200, 335_000)).toBe(5);
    expect(queueDrawCount(200, 5_000_000)).toBe(5);
    expect(queueDrawCount(0, 335_000)).toBe(0);
  });

  it('spread the queue draws over their strata: one response-scale draw per stratum', () => {
    const k = queueDrawCount(200);
    expect(k).toBeGreaterThan(1);
    const sd = session.delayCalibration.responseSd;
    const strata = Array.from({ length: k }, (_, j) => {
      const d = stratifiedQueueDraw(session, 3, k, j)!;
      const z = Math.log(d.responseScale!) / sd;
      return normalStratum(z, k);
    });
    expect([...strata].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, j) => j));
    // Half the draws move history's contacts rank-matched, half by each lead's own change.
    const ranked = Array.from({ length: k }, (_, j) => stratifiedQueueDraw(session, 3, k, j)!.rankMatched).filter(Boolean).length;
    expect(ranked).toBe(Math.floor(k / 2));
  });

  it("move each group's sums by the delta method as an exact re-evaluation with the drawn coefficients does", () => {
    const st = prepareScenario(session, resolvePolicy(session.baseline, parseScenario({ version: 1, capacity: { extra_reps: -2 }, window: WINDOW })));
    const point = evaluate(session, st, session.models, 0);
    const groups = segmentGroups(st.policy, session.cols.leads.strings.source, session.cols.timezone, point);
    const ctx = {
      hist: session.hist,
      policy: st.policy,
      schedules: st.pool.schedules,
      fallback: session.repSchedules.fallback,
      companySize: session.cols.leads.companySize,
    };
    const etas = windowEtas(session.trainEtas, session.models, st.feats, session);
    const mem = membership(groups, st.rows.length);
    const lin = linearization(session, st, ctx, etas, point, mem, groups.length + 1);
    const contact = windowContact0(session, st);
    let checked = 0;
    for (let run = 1; run <= 3; run++) {
      const drawn = bootstrapModels(session, run, new Map());
      const exact = expectations(ctx, drawn, windowEtas(computeEtas(drawn, session.training.x, session.training.rows.length), drawn, st.feats), { ...st.inWindow, contact });
      const delta = new Float64Array((groups.length + 1) * 8);
      lin.shift(delta, session.models, drawn);
      const sum = (a: Float64Array, rows: Int32Array | null) => {
        let s = 0;
        if (rows) for (const q of rows) s += a[q]!;
        else for (const v of a) s += v;
        return s;
      };
      // Overall and the largest groups: sql (4), opportunity (5), won (6).
      const targets = [{ g: 0, rows: null as Int32Array | null }, ...groups.map((gr, gi) => ({ g: gi + 1, rows: gr.rows })).filter((x) => x.rows.length > 300)];
      for (const { g, rows } of targets) {
        for (const [k, col] of [
          [4, 'sql'],
          [5, 'opp'],
          [6, 'won'],
        ] as const) {
          const change = sum(exact[col], rows) - sum(point[col], rows);
          const predicted = delta[g * 8 + k]!;
          const n = rows ? rows.length : point.n;
          // Within 15% of the exact change, or 0.002 of the group's rate.
          expect(Math.abs(predicted - change), `run ${run} group ${g} ${col}: ${predicted} vs ${change}`).toBeLessThanOrEqual(Math.max(0.15 * Math.abs(change), 0.002 * n));
          if (Math.abs(change) > 0.002 * n) checked++;
        }
      }
    }
    // The draws move the sums measurably (the check above is not vacuous).
    expect(checked).toBeGreaterThan(3);
  });
});

/** Which of k equal-probability strata of the standard normal z falls in. */
function normalStratum(z: number, k: number): number {
  // Phi(z) via the complementary error function's Abramowitz-Stegun 7.1.26 approximation (|error| < 1.5e-7).
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  const phi = 0.5 * (1 + (z >= 0 ? erf : -erf));
  return Math.min(k - 1, Math.floor(phi * k));
}
