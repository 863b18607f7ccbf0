// The threshold sweep on the shipped sample world (10k leads): its MQL counts
// are the forecast's at every threshold a shipped scenario uses, its other
// metrics are the forecast's exactly at the anchor thresholds and stay in
// range between them, and the API validates its request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curveAt } from '../../engine/analysis/curve-at';
import { thresholdSweep } from '../../engine/analysis/threshold-sweep';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { forecast } from '../../engine/forecast/forecast';
import { ForecastSession } from '../../engine/forecast/session';
import { importDirectory } from '../../engine/import/importer';
import { METRIC_NAMES } from '../../engine/metrics/types';
import { buildSweepIndex, sweepThresholds } from '../../engine/replay/sweep';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };
const truth = JSON.parse(readFileSync(join(SHIPPED, 'truth.json'), 'utf8')) as { scenarios: { file: string }[] };
const scenarioOf = (file: string): unknown => JSON.parse(readFileSync(join(SHIPPED, file), 'utf8')) as unknown;

let ws: Workspace;
let session: ForecastSession;
const dir = scratchDir('hl-sweep-');

beforeAll(async () => {
  ws = await openWorkspace(join(dir, 'w.duckdb'));
  await importDirectory(ws, SHIPPED);
  session = await ForecastSession.open(ws);
}, 60_000);
afterAll(() => ws?.close());

describe('threshold sweep', () => {
  it('gives at least 101 thresholds, the baseline\'s MQL count at the baseline threshold, and every metric', async () => {
    const base = { version: 1, window: WINDOW };
    const r = await thresholdSweep(session, base);
    expect(r.points.length).toBeGreaterThanOrEqual(101);
    expect(r.baselineThreshold).toBe(60);
    expect(r.currentThreshold).toBe(60);
    const f = await forecast(session, base, { runs: 0 });
    const at = r.points.find((p) => p.threshold === 60)!;
    expect(at.metrics.mql_count).toBe(f.metrics.mql_count.forecast);
    expect(at.metrics.mql_count).toBe(3300);
    for (const p of r.points) {
      for (const m of METRIC_NAMES) expect(p.metrics[m], `${m} at ${p.threshold}`).not.toBeNull();
      for (const m of METRIC_NAMES.filter((n) => n.endsWith('_rate'))) {
        expect(p.metrics[m]!).toBeGreaterThanOrEqual(0);
        expect(p.metrics[m]!).toBeLessThanOrEqual(1);
      }
      expect(p.repLoadPerDay).toBeCloseTo(p.metrics.mql_count! / (r.points[0]!.metrics.mql_count! / r.points[0]!.repLoadPerDay), 9);
    }
    // A higher bar never admits more MQLs.
    for (let k = 1; k < r.points.length; k++) expect(r.points[k]!.metrics.mql_count!).toBeLessThanOrEqual(r.points[k - 1]!.metrics.mql_count!);
    expect(r.points[0]!.metrics.mql_count).toBe(5576);
    // The same counts as replay/sweep.ts at every threshold.
    const policy = resolvePolicy(session.baseline, parseScenario(base));
    const counts = sweepThresholds(buildSweepIndex(session.replayer, policy), r.points.map((p) => p.threshold));
    expect(r.points.map((p) => p.metrics.mql_count)).toEqual([...counts.handed]);
    expect(r.approximateMetrics).toEqual(['black_hole_rate', 'sla_compliance_rate', 'median_hours_to_first_contact', 'p90_hours_to_first_contact']);
  }, 30_000);

  it('matches each shipped scenario\'s forecast MQL count at that scenario\'s threshold', async () => {
    for (const t of truth.scenarios) {
      const sc = scenarioOf(t.file);
      // Two anchors keep this loop quick; the counts do not depend on them.
      const r = await thresholdSweep(session, sc, { anchors: 2 });
      const f = await forecast(session, sc, { runs: 0 });
      const at = r.points.find((p) => p.threshold === r.currentThreshold)!;
      expect(at.metrics.mql_count, t.file).toBe(f.metrics.mql_count.forecast);
    }
  }, 60_000);

  it('is the forecast itself at the anchor thresholds, which stay put while the scenario threshold moves', async () => {
    const sc = { version: 1, window: WINDOW, mql: { threshold: 45 } };
    const r = await thresholdSweep(session, sc);
    // The anchors sit on grid ends: the lowest threshold of the default range is one.
    const low = r.points[0]!;
    expect(low.threshold).toBe(30);
    const f = await forecast(session, { ...sc, mql: { threshold: 30 } }, { runs: 0 });
    for (const m of METRIC_NAMES) expect(low.metrics[m], m).toBeCloseTo(f.metrics[m].forecast!, 9);
    // Lower thresholds load reps more: the queue metrics move the right way.
    const at60 = r.points.find((p) => p.threshold === 60)!;
    expect(low.metrics.black_hole_rate!).toBeGreaterThan(at60.metrics.black_hole_rate!);
    expect(low.metrics.median_hours_to_first_contact!).toBeGreaterThan(at60.metrics.median_hours_to_first_contact!);
    const again = await thresholdSweep(session, { ...sc, mql: { threshold: 50 } });
    expect(again.points.find((p) => p.threshold === 30)!.metrics).toEqual(low.metrics);
  }, 30_000);

  it('read off between its points (curveAt, the editor\'s drag preview), gives the exact forecast\'s MQLs and outcome rates at whole thresholds', async () => {
    const sc = { version: 1, window: WINDOW };
    const r = await thresholdSweep(session, sc);
    let between = 0;
    for (let t = 50; t <= 70; t++) {
      if (!r.points.some((p) => p.threshold === t)) between++;
      const at = curveAt(r, t)!;
      const f = await forecast(session, { ...sc, mql: { threshold: t } }, { runs: 0 });
      expect(Math.abs(at.mql_count! - f.metrics.mql_count.forecast!) / f.metrics.mql_count.forecast!, `mql_count at ${t}`).toBeLessThan(0.01);
      for (const m of ['acceptance_rate', 'rejection_rate', 'sql_rate', 'opportunity_rate'] as const) expect(Math.abs(at[m]! - f.metrics[m].forecast!), `${m} at ${t}`).toBeLessThan(0.005);
      for (const m of ['won_count', 'pipeline_amount'] as const) expect(Math.abs(at[m]! / f.metrics[m].forecast! - 1), `${m} at ${t}`).toBeLessThan(0.03);
    }
    expect(between).toBeGreaterThan(10);
    expect(curveAt(r, r.points[0]!.threshold - 1)).toBeNull();
    expect(curveAt(r, r.points.at(-1)!.threshold)).toEqual(r.points.at(-1)!.metrics);
  }, 60_000);

  it('honours from, to and steps', async () => {
    const r = await thresholdSweep(session, { version: 1, window: WINDOW }, { from: 40, to: 80, steps: 200 });
    expect(r.points[0]!.threshold).toBe(40);
    expect(r.points.at(-1)!.threshold).toBe(80);
    // The grid's 200 points, plus the scenario's own threshold (60), which falls between two of them.
    expect(r.points.length).toBe(201);
    expect(r.points.some((p) => p.threshold === 60)).toBe(true);
  }, 30_000);
});

describe('sweep through the API', () => {
  it('refuses too few steps and a range upside down, naming the field', async () => {
    const engine = new Engine({ dataDir: join(dir, 'engine') });
    try {
      const few = await invokeEngine(engine, 'sweep', { scenario: { version: 1 }, steps: 50 });
      expect(few.ok).toBe(false);
      if (!few.ok) expect(few.error.field).toBe('steps');
      const upside = await invokeEngine(engine, 'sweep', { scenario: { version: 1 }, from: 80, to: 40 });
      expect(upside.ok).toBe(false);
      if (!upside.ok) expect(upside.error.message).toMatch(/^to: must be above from/);
      const bad = await invokeEngine(engine, 'sweep', { scenario: { version: 1, mql: { threshold: 'high' } } });
      expect(bad.ok).toBe(false);
    } finally {
      engine.close();
    }
  });
});
