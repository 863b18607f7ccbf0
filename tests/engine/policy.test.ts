import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inferTiers,
  parseScoringModel,
  PolicyError,
  readBaselinePolicy,
  resolveTier,
  type BaselinePolicy,
} from '../../engine/policy/baseline';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

describe('parseScoringModel', () => {
  it('reads tiers (sorted by min_score, highest first) and sla.business_hours, ignoring other blocks', () => {
    const model = parseScoringModel(
      JSON.stringify({
        version: 1,
        scoring: { activity_points: { email_open: 1 } },
        tiers: [
          { name: 'C', min_score: 0, first_contact_sla_hours: 48 },
          { name: 'A', min_score: 90, first_contact_sla_hours: 0.5 },
          { name: 'B', min_score: 70, first_contact_sla_hours: 8 },
        ],
        sla: { business_hours: false, acceptance_sla_hours: 4 },
      }),
    );
    expect(model.tiers).toEqual([
      { name: 'A', minScore: 90, slaHours: 0.5 },
      { name: 'B', minScore: 70, slaHours: 8 },
      { name: 'C', minScore: 0, slaHours: 48 },
    ]);
    expect(model.businessHours).toBe(false);
  });

  it('leaves absent blocks as null', () => {
    expect(parseScoringModel('{"mql": {"threshold": 60}}')).toEqual({ tiers: null, businessHours: null });
  });

  it('names the bad field in plain words', () => {
    expect(() => parseScoringModel('{"tiers": [{"name": "A", "min_score": 90, "first_contact_sla_hours": "soon"}]}')).toThrow(
      /at "tiers\.0\.first_contact_sla_hours"/,
    );
    expect(() => parseScoringModel('{"sla": {"business_hours": "yes"}}')).toThrow(/"sla\.business_hours"/);
    expect(() => parseScoringModel('{"tiers": []}')).toThrow(PolicyError);
    expect(() => parseScoringModel('not json')).toThrow(/not valid JSON/);
  });
});

describe('inferTiers and resolveTier', () => {
  it('gives A/B/C the default 1/4/24 h and other names 24 h, after them', () => {
    expect(inferTiers(['C', 'Hot', 'A', 'B', ' A '])).toEqual([
      { name: 'A', minScore: null, slaHours: 1 },
      { name: 'B', minScore: null, slaHours: 4 },
      { name: 'C', minScore: null, slaHours: 24 },
      { name: 'Hot', minScore: null, slaHours: 24 },
    ]);
    expect(inferTiers([]).map((t) => t.name)).toEqual(['A', 'B', 'C']);
  });

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
    await expect(readBaselinePolicy(ws)).rejects.toThrow(/scoring model has a bad value at "tiers"/);
  });
});
