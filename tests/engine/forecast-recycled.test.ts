// Recycled leads (DATA_CONTRACT: one handoffs row per MQL conversion): a small
// generated world where one lead in ten is handed off again 60 days later with
// a second disposition (bench/world-variants.ts repeat-handoffs), imported into
// a real DuckDB workspace from CSV. Replaying the policy in force must give
// back every conversion (identity), and a lead that leaves the MQL set must
// take all its conversions with it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIANTS, writeVariant } from '../../bench/world-variants';
import { thresholdSweep } from '../../engine/analysis/threshold-sweep';
import { forecast } from '../../engine/forecast/forecast';
import { evaluate, prepareScenario } from '../../engine/forecast/kernel';
import { ForecastSession } from '../../engine/forecast/session';
import type { ForecastResult } from '../../engine/forecast/types';
import { importDirectory } from '../../engine/import/importer';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { identityCheck } from '../../engine/trust/identity';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { generateSample } from '../../sample-data/world/sample';
import { scratchDir } from '../support/tmp';

const WINDOW = { from: '2025-01-01', to: '2025-12-31' };
const DAY_MS = 86_400_000;

let ws: Workspace;
let session: ForecastSession;

beforeAll(async () => {
  const root = scratchDir('hl-recycled-');
  const base = join(root, 'base');
  generateSample({ out: base, leads: 3000, seed: 5, draws: 1, policyChange: false, gzip: false });
  const dir = join(root, 'repeat');
  writeVariant(base, dir, VARIANTS.find((v) => v.name === 'repeat-handoffs')!);
  ws = await openWorkspace(join(root, 'w.duckdb'));
  await importDirectory(ws, dir);
  session = await ForecastSession.open(ws);
}, 120_000);
afterAll(() => ws?.close());

/** Rows of the scenario's window expectations per lead. */
function rowsPerLead(scenario: unknown): Map<number, number> {
  const st = prepareScenario(session, resolvePolicy(session.baseline, parseScenario(scenario)));
  const e = evaluate(session, st, session.models, 0);
  const out = new Map<number, number>();
  for (let k = 0; k < e.n; k++) out.set(e.lead[k]!, (out.get(e.lead[k]!) ?? 0) + 1);
  return out;
}

function expectSegmentsAddUp(f: ForecastResult): void {
  const n = f.metrics.mql_count.forecast!;
  for (const dim of ['tier', 'source', 'week'] as const) {
    const segs = f.segments[dim];
    expect(segs.reduce((s, g) => s + g.metrics.mql_count.forecast!, 0), dim).toBeCloseTo(n, 9);
    for (const m of ['acceptance_rate', 'black_hole_rate', 'sla_compliance_rate'] as const) {
      const sum = segs.reduce((s, g) => s + (g.metrics[m].forecast ?? 0) * g.metrics.mql_count.forecast!, 0);
      expect(sum / n, `${dim} ${m}`).toBeCloseTo(f.metrics[m].forecast!, 9);
    }
  }
}

describe('recycled leads: every MQL conversion counts', () => {
  it('the world has recycled leads with later conversions in the window', () => {
    expect(session.later.n).toBeGreaterThan(50);
  });

  it('identity: the baseline gives back observed mql_count exactly and every rate within 0.005 (mature window)', async () => {
    const to = new Date(session.hist.dataEnd - 91 * DAY_MS).toISOString().slice(0, 10);
    const id = await identityCheck(session, { from: WINDOW.from, to });
    const rows = new Map(id.rows.map((r) => [r.metric, r]));
    expect(rows.get('mql_count')!.difference).toBe(0);
    for (const r of id.rows.filter((x) => x.metric.endsWith('_rate'))) expect(Math.abs(r.difference!), r.metric).toBeLessThanOrEqual(0.005);
    // Hours come back exactly (history's contacts). won_count is left out: open deals count at their expected
    // result (trust/identity.ts), and the variant's copies, shifted 60 days on, push the data end past the world's own.
    for (const m of ['median_hours_to_first_contact', 'p90_hours_to_first_contact'] as const) expect(rows.get(m)!.passed, m).toBe(true);
  });

  it('the whole year: mql_count exactly, contact quantiles as history, segments add up', async () => {
    const f = await forecast(session, { version: 1, window: WINDOW }, { runs: 0 });
    expect(f.metrics.mql_count.forecast).toBe(f.metrics.mql_count.observed);
    expect(f.metrics.median_hours_to_first_contact.forecast).toBeCloseTo(f.metrics.median_hours_to_first_contact.observed!, 9);
    expect(f.metrics.p90_hours_to_first_contact.forecast).toBeCloseTo(f.metrics.p90_hours_to_first_contact.observed!, 9);
    for (const m of ['acceptance_rate', 'rejection_rate', 'black_hole_rate', 'sla_compliance_rate'] as const) {
      expect(Math.abs(f.metrics[m].forecast! - f.metrics[m].observed!), m).toBeLessThanOrEqual(0.005);
    }
    expect(f.details).toMatchObject({ entered: 0, left: 0 });
    expectSegmentsAddUp(f);
    // A week's MQLs are history's for that week, recycled conversions included.
    for (const w of f.segments.week) expect(w.metrics.mql_count.forecast, w.key).toBe(w.metrics.mql_count.observed);
  });

  it('a threshold raise drops a recycled lead with all its conversions; a lead that stays keeps them', async () => {
    const baseRows = rowsPerLead({ version: 1, window: WINDOW });
    const scenario = { version: 1, window: WINDOW, mql: { ...session.baseline.mql, threshold: session.baseline.mql.threshold + 25 } };
    const raised = rowsPerLead(scenario);
    const recycled = new Set(session.later.lead);
    const mqlAt = Float64Array.from(session.replayer.rescore(resolvePolicy(session.baseline, parseScenario(scenario))).mqlAt);
    let dropped = 0;
    let kept = 0;
    for (const i of recycled) {
      const before = baseRows.get(i) ?? 0;
      if (before < 2) continue; // both conversions in the window
      const after = raised.get(i) ?? 0;
      if (!Number.isFinite(mqlAt[i]!)) {
        // Not an MQL under the raise: none of its conversions remain.
        expect(after, `lead ${i}`).toBe(0);
        dropped++;
      } else if (after === before) kept++;
    }
    expect(dropped).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(5);
    const f = await forecast(session, scenario, { runs: 0 });
    expect(f.metrics.mql_count.forecast).toBe([...raised.values()].reduce((a, b) => a + b, 0));
    expectSegmentsAddUp(f);
  });

  it('the threshold sweep counts the conversions a forecast at its threshold counts', async () => {
    const th = session.baseline.mql.threshold;
    const sw = await thresholdSweep(session, { version: 1, window: WINDOW }, { from: th - 10, to: th + 30, steps: 41 });
    for (const t of [th - 10, th, th + 7, th + 25]) {
      const p = sw.points.find((x) => Math.abs(x.threshold - t) < 1e-6)!;
      const f = await forecast(session, { version: 1, window: WINDOW, mql: { ...session.baseline.mql, threshold: t } }, { runs: 0 });
      expect(p.metrics.mql_count, `threshold ${t}`).toBe(f.metrics.mql_count.forecast);
    }
  });

  it('interval runs carry the recycled conversions too', async () => {
    const f = await forecast(session, { version: 1, window: WINDOW }, { runs: 20, seed: 3 });
    const m = f.metrics.mql_count;
    expect(m.forecast).toBe(m.observed);
    expect(m.low!).toBeLessThanOrEqual(m.forecast!);
    expect(m.high!).toBeGreaterThanOrEqual(m.forecast!);
    for (const k of ['acceptance_rate', 'sla_compliance_rate'] as const) {
      expect(f.metrics[k].low!).toBeLessThanOrEqual(f.metrics[k].forecast! + 1e-12);
      expect(f.metrics[k].high!).toBeGreaterThanOrEqual(f.metrics[k].forecast! - 1e-12);
    }
  }, 120_000);
});
