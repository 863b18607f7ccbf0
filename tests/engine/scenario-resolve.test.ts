import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBaseline, loadBaseline } from '../../engine/scenario/baseline';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario, parseScoringModel } from '../../engine/scenario/schema';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const MODEL = parseScoringModel({
  scoring: { activity_points: { demo_request: 40, email_open: 1 }, activity_caps: { email_open: 5 }, decay_half_life_days: 30 },
  mql: { threshold: 60, high_intent_types: ['demo_request'], require_business_email: true },
  tiers: [
    { name: 'A', min_score: 80, first_contact_sla_hours: 1 },
    { name: 'B', min_score: 0, first_contact_sla_hours: 8 },
  ],
  sla: { business_hours: false },
});
const NO_FACTS = { threshold: null, thresholdHow: '', tiers: [], highIntentTypes: [] };

describe('resolving a scenario against the baseline', () => {
  const baseline = buildBaseline(MODEL, NO_FACTS);

  it('keeps every omitted block and field of the baseline', () => {
    const p = resolvePolicy(baseline, parseScenario({ version: 1, name: 'T70', mql: { threshold: 70 }, window: { from: '2025-01-01' } }));
    expect(p.name).toBe('T70');
    expect(p.mql).toEqual({ threshold: 70, high_intent_types: ['demo_request'], require_business_email: true, require_fields: [] });
    expect(p.scoring).toEqual(baseline.scoring);
    expect(p.tiers).toEqual(baseline.tiers);
    expect(p.sla).toEqual({ business_hours: false, acceptance_sla_hours: 4, escalate_after_hours: 4, reassign_after_hours: 8 });
    expect(p.window).toEqual({ from: '2025-01-01', to: null });
    expect(p.simulation).toEqual({ runs: 200, seed: 1 });
    expect(p.provenance).toEqual({ inferred: false, notes: [], thresholdOnly: false });
  });

  it('replaces maps and lists whole and honours explicit nulls', () => {
    const p = resolvePolicy(baseline, parseScenario({
      version: 1,
      scoring: { activity_points: { web_visit: 2 }, decay_half_life_days: null },
      tiers: [{ name: 'Only', min_score: 0, first_contact_sla_hours: 2 }],
      capacity: { extra_reps: 2 },
    }));
    expect(p.scoring.activity_points).toEqual({ web_visit: 2 });
    expect(p.scoring.activity_caps).toEqual({ email_open: 5 });
    expect(p.scoring.decay_half_life_days).toBeNull();
    expect(p.tiers.map((t) => t.name)).toEqual(['Only']);
    expect(p.capacity).toEqual({ rep_daily_capacity: null, extra_reps: 2 });
  });

  it('a baseline without activity points is threshold-only until a scenario gives points', () => {
    const inferred = buildBaseline(null, { threshold: 55, thresholdHow: 'x', tiers: [], highIntentTypes: [] });
    expect(inferred.provenance.thresholdOnly).toBe(true);
    expect(resolvePolicy(inferred, parseScenario({ version: 1, mql: { threshold: 60 } })).provenance.thresholdOnly).toBe(true);
    expect(resolvePolicy(inferred, parseScenario({ version: 1, scoring: { activity_points: { x: 1 } } })).provenance.thresholdOnly).toBe(false);
  });
});

describe('inferring the baseline from handoffs', () => {
  const dir = scratchDir();

  it('takes the threshold, tiers and high-intent types from the data and says so', async () => {
    const ws = await openWorkspace(join(dir, 'infer.duckdb'));
    const c = ws.connection;
    await c.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES
      ('h1', '2025-01-01 10:00:00+00', 'score_threshold', 62, 'C'),
      ('h2', '2025-01-02 10:00:00+00', 'score_threshold', 70, 'B'),
      ('h3', '2025-01-03 10:00:00+00', 'score_threshold', 77, 'B'),
      ('h4', '2025-01-04 10:00:00+00', 'score_threshold', 85, 'A'),
      ('h5', '2025-01-05 10:00:00+00', 'high_intent', 20, 'A'),
      ('h6', '2025-01-06 10:00:00+00', 'high_intent', 30, 'A')`);
    await c.run(`INSERT INTO activities (lead_id, occurred_at, activity_type) VALUES
      ('h5', '2025-01-05 10:00:00+00', 'demo_request'),
      ('h5', '2025-01-05 09:00:00+00', 'web_visit'),
      ('h6', '2025-01-06 10:00:00+00', 'demo_request'),
      ('h6', '2025-01-06 10:00:00+00', 'pricing_request')`);
    const p = await loadBaseline(ws);
    // Lowest score of score-triggered handoffs: min(62, 70, 77, 85) = 62.
    expect(p.mql.threshold).toBe(62);
    // Tier minima ignore high-intent handoffs (A: 85, not 20); the lowest tier starts at most at the threshold.
    expect(p.tiers).toEqual([
      { name: 'A', min_score: 85, first_contact_sla_hours: 1 },
      { name: 'B', min_score: 70, first_contact_sla_hours: 4 },
      { name: 'C', min_score: 62, first_contact_sla_hours: 24 },
    ]);
    // demo_request is at the MQL moment of both, pricing_request of one; web_visit an hour before: not counted.
    expect(p.mql.high_intent_types).toEqual(['demo_request', 'pricing_request']);
    expect(p.provenance.inferred).toBe(true);
    expect(p.provenance.thresholdOnly).toBe(true);
    expect(p.provenance.notes.find((n) => n.startsWith('mql.threshold'))).toBe('mql.threshold: 62, the lowest score_at_mql of handoffs with trigger score_threshold');

    // Without triggers: the 5% quantile (quantile_disc) of [20, 30, 62, 70, 77, 85] is the lowest, 20.
    await c.run(`UPDATE handoffs SET "trigger" = NULL`);
    expect((await loadBaseline(ws)).mql.threshold).toBe(20);
    ws.close();
  });
});
