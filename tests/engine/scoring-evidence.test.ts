// Model health and suggested weights on the shipped sample world: real AUCs,
// calibration that adds up, the leakage warning on a score built from the
// outcome, and suggested weights that beat deliberately bad ones on held-out leads.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelHealth, outcomeHealth, outcomeWarnings } from '../../engine/analysis/model-health';
import { suggestWeights } from '../../engine/analysis/suggest-weights';
import { forecast } from '../../engine/forecast/forecast';
import { ForecastSession } from '../../engine/forecast/session';
import { importDirectory } from '../../engine/import/importer';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { Rng } from '../../engine/stats/rng';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');
let ws: Workspace;
let session: ForecastSession;

beforeAll(async () => {
  ws = await openWorkspace(join(scratchDir('hl-evidence-'), 'w.duckdb'));
  await importDirectory(ws, SHIPPED);
  session = await ForecastSession.open(ws);
}, 60_000);
afterAll(() => ws?.close());

describe('model health', () => {
  it('diagnoses the policy in force: weak but real ranking, calibration bands that add up', () => {
    const r = modelHealth(session, undefined);
    expect(r.scoring).toBe('baseline');
    expect(r.acceptance.count).toBe(3300);
    expect(r.acceptance.positives).toBe(2204);
    expect(r.acceptance.auc!).toBeGreaterThan(0.52);
    expect(r.acceptance.auc!).toBeLessThan(0.65);
    expect(r.opportunity.auc!).toBeGreaterThan(0.52);
    expect(r.opportunity.auc!).toBeLessThan(0.65);
    for (const h of [r.acceptance, r.opportunity]) {
      expect(h.calibration.reduce((a, b) => a + b.count, 0)).toBe(h.count);
      expect(h.lift).toHaveLength(10);
      expect(h.lift.at(-1)!.cumulativeCapture).toBeCloseTo(1, 9);
      expect(h.leakageSuspected).toBe(false);
      // The logistic fit's mean prediction equals the observed rate over all leads (the intercept's score equation).
      const predicted = h.calibration.reduce((a, b) => a + (b.predicted ?? 0) * b.count, 0) / h.count;
      expect(predicted).toBeCloseTo(h.positives / h.count, 3);
    }
    expect(r.warnings.some((w) => /AUC/.test(w))).toBe(false);
  });

  it('diagnoses a scenario\'s scoring, and names a bad scenario field', () => {
    const r = modelHealth(session, { version: 1, name: 'Pricing x2', scoring: { activity_points: { pricing_page_view: 16, pricing_request: 70 } } });
    expect(r.scoring).toBe('scenario');
    expect(r.scenario).toBe('Pricing x2');
    expect(r.acceptance.auc).not.toBe(modelHealth(session, undefined).acceptance.auc);
    expect(() => modelHealth(session, { version: 1, mql: { threshold: 'x' } })).toThrow(/mql\.threshold/);
  });

  it('warns when a score built from the outcome separates it too well', () => {
    const rng = new Rng(7);
    const rnd = () => rng.uniform();
    const y = Uint8Array.from({ length: 2000 }, () => (rnd() < 0.3 ? 1 : 0));
    const leaky = Float64Array.from(y, (v) => 40 + 35 * v + 10 * rnd());
    const h = outcomeHealth('opportunity', leaky, y);
    expect(h.auc!).toBeGreaterThan(0.95);
    expect(h.leakageSuspected).toBe(true);
    expect(outcomeWarnings(h, 'opportunity').join(' ')).toMatch(/outcome information is probably leaking into the score/);
    const honest = outcomeHealth('opportunity', Float64Array.from(y, (v) => 50 + 4 * v + 10 * rnd()), y);
    expect(honest.leakageSuspected).toBe(false);
    expect(outcomeWarnings(honest, 'opportunity')).toEqual([]);
  });
});

describe('suggested weights', () => {
  it('beats deliberately scrambled weights on held-out leads and returns a scenario the editor can load', async () => {
    const base = session.baseline.scoring;
    const types = Object.keys(base.activity_points);
    const reversed = types.map((t) => base.activity_points[t]!).reverse();
    const scrambled = resolvePolicy(
      session.baseline,
      parseScenario({
        version: 1,
        scoring: { activity_points: Object.fromEntries(types.map((t, k) => [t, reversed[k]!])), fit_points: base.fit_points.map((r) => ({ ...r, points: -r.points })) },
      }),
    );
    const s = suggestWeights(session, scrambled);
    expect(s.heldOut.leads).toBeGreaterThan(600);
    expect(s.heldOut.aucCurrent!).toBeLessThan(0.5);
    expect(s.heldOut.aucSuggested!).toBeGreaterThan(s.heldOut.aucCurrent! + 0.1);
    expect(s.heldOut.topDecileLiftSuggested!).toBeGreaterThan(s.heldOut.topDecileLiftCurrent!);
    // Valid: it parses as a scenario, and forecasts.
    const again = parseScenario(JSON.parse(JSON.stringify(s.scenario)));
    expect(again.scoring?.fit_points).toHaveLength(base.fit_points.length);
    const f = await forecast(session, { ...again, window: { from: '2025-01-01', to: '2025-12-31' } }, { runs: 0 });
    expect(f.metrics.mql_count.forecast).toBeGreaterThan(0);
  }, 30_000);

  it('against the real weights: a table of every scored type and rule, and no worse on held-out leads', () => {
    const s = suggestWeights(session);
    for (const t of Object.keys(session.baseline.scoring.activity_points)) expect(s.rows.some((r) => r.kind === 'activity' && r.key === t)).toBe(true);
    expect(s.rows.filter((r) => r.kind === 'fit')).toHaveLength(session.baseline.scoring.fit_points.length);
    expect(s.heldOut.aucSuggested!).toBeGreaterThan(s.heldOut.aucCurrent!);
    expect(s.notes.join(' ')).toMatch(/same MQL volume/);
  }, 30_000);
});
