import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBaselinePolicy, resolveTier, type BaselinePolicy } from '../../engine/policy/baseline';
import { loadBaseline, roundestAbove } from '../../engine/scenario/baseline';
import { tierOrder } from '../../engine/scenario/policy';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

describe('resolveTier', () => {
  it('matches a tier by name (trimmed, any case); a missing or unknown tier gets the last tier', () => {
    const policy: BaselinePolicy = {
      source: 'scoring_model',
      businessHours: true,
      tiers: [
        { name: 'A', minScore: 90, slaHours: 1 },
        { name: 'B', minScore: 70, slaHours: 4 },
        { name: 'C', minScore: 0, slaHours: 24 },
      ],
    };
    expect(resolveTier(policy, ' b ')).toEqual({ tier: policy.tiers[1], matched: true });
    expect(resolveTier(policy, 'Z')).toEqual({ tier: policy.tiers[2], matched: false });
    expect(resolveTier(policy, null)).toEqual({ tier: policy.tiers[2], matched: false });
  });
});

describe('readBaselinePolicy', () => {
  const dir = scratchDir('hl-policy-');
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'p.duckdb'));
    await ws.connection.run(`INSERT INTO handoffs (lead_id, mql_at, tier) VALUES
      ('L1', '2025-01-01 10:00:00+00', 'B'), ('L2', '2025-01-01 11:00:00+00', 'A'), ('L3', '2025-01-01 12:00:00+00', NULL)`);
  });
  afterAll(() => ws.close());

  it('infers from handoffs.tier without a scoring model', async () => {
    const p = await readBaselinePolicy(ws);
    expect(p.source).toBe('inferred');
    expect(p.businessHours).toBe(true);
    expect(p.tiers.map((t) => [t.name, t.slaHours])).toEqual([['A', 1], ['B', 4]]);
  });

  it('reads the stored scoring model', async () => {
    await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [
      JSON.stringify({ tiers: [{ name: 'P1', min_score: 50, first_contact_sla_hours: 2 }], sla: { business_hours: false } }),
    ]);
    const p = await readBaselinePolicy(ws);
    expect(p).toEqual({ source: 'scoring_model', businessHours: false, tiers: [{ name: 'P1', minScore: 50, slaHours: 2 }] });
  });

  it('keeps the model\'s business_hours setting when it has no tiers', async () => {
    await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', '{"sla": {"business_hours": false}}')`);
    const p = await readBaselinePolicy(ws);
    expect(p.source).toBe('inferred');
    expect(p.businessHours).toBe(false);
  });

  it('refuses a malformed stored model with a plain message', async () => {
    await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', '{"tiers": "A,B,C"}')`);
    await expect(readBaselinePolicy(ws)).rejects.toThrow(/^scoring_model\.json \(saved in the workspace\): tiers: /);
  });
});

describe('inferred tiers agree with the forecast baseline', () => {
  const dir = scratchDir('hl-policy-infer-');
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'p.duckdb'));
    // Tier names outside A/B/C, ordered by their lowest score: Hot 81, Warm 62, Cold 40.
    await ws.connection.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES
      ('L1', '2025-01-01 10:00:00+00', 'score_threshold', 95, 'Hot'), ('L2', '2025-01-01 11:00:00+00', 'score_threshold', 81, 'Hot'),
      ('L3', '2025-01-02 10:00:00+00', 'score_threshold', 62, 'Warm'), ('L4', '2025-01-02 11:00:00+00', 'score_threshold', 40, 'Cold'),
      ('L5', '2025-01-03 10:00:00+00', 'high_intent', 12, 'Hot')`);
  });
  afterAll(() => ws.close());

  it('gives names outside A/B/C the 1/4/24 h SLAs by score order, as the forecast does', async () => {
    const observed = await readBaselinePolicy(ws);
    expect(observed.source).toBe('inferred');
    // The high-intent handoff's score 12 does not lower Hot's minimum (81).
    expect(observed.tiers.map((t) => [t.name, t.slaHours])).toEqual([['Hot', 1], ['Warm', 4], ['Cold', 24]]);
    const forecast = await loadBaseline(ws);
    const ordered = tierOrder(forecast.tiers).map((i) => forecast.tiers[i]);
    expect(ordered.map((t) => [t?.name, t?.first_contact_sla_hours])).toEqual(observed.tiers.map((t) => [t.name, t.slaHours]));
  });
});

describe('inferred tier boundaries', () => {
  it('takes the roundest number just below a tier\'s lowest score and above the lower tiers\'', () => {
    expect(roundestAbove(89.0012, 90.0012)).toBe(90);
    expect(roundestAbove(74.0014, 75.0014)).toBe(75);
    expect(roundestAbove(80, 81)).toBe(81);
    expect(roundestAbove(80.2, 80.7)).toBe(80.5);
    expect(roundestAbove(0.2, 0.3)).toBe(0.3);
    expect(roundestAbove(89.99, 89.995)).toBe(89.995); // no round number in the gap: the lowest score itself
  });

  it('reads decayed scores as the round boundary they crossed, and every handoff keeps its tier', async () => {
    const ws = await openWorkspace(join(scratchDir('hl-policy-round-'), 'p.duckdb'));
    try {
      await ws.connection.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES
        ('L1', '2025-01-01 10:00:00+00', 'score_threshold', 90.0012, 'A'), ('L2', '2025-01-01 11:00:00+00', 'score_threshold', 97.5, 'A'),
        ('L3', '2025-01-02 10:00:00+00', 'score_threshold', 89.7, 'B'), ('L4', '2025-01-02 11:00:00+00', 'score_threshold', 75.0014, 'B'),
        ('L5', '2025-01-03 10:00:00+00', 'score_threshold', 60.25, 'C'), ('L6', '2025-01-03 11:00:00+00', 'score_threshold', 74.9, 'C')`);
      const p = await loadBaseline(ws);
      // C, the catch-all, starts at the threshold (60.25, the lowest score-triggered score) at most.
      expect(p.tiers.map((t) => [t.name, t.min_score])).toEqual([['A', 90], ['B', 75], ['C', 60]]);
      expect(p.mql.threshold).toBe(60.25);
    } finally {
      ws.close();
    }
  });
});
