import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { fillSynthetic } from '../../engine/columns/synthetic';
import { Replayer } from '../../engine/replay/score';
import { buildSweepIndex, sweepThresholds } from '../../engine/replay/sweep';
import { buildBaseline, loadBaseline } from '../../engine/scenario/baseline';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { buildIdentityWorkspace } from './replay-identity.test';

describe('threshold sweep', () => {
  const dir = scratchDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await buildIdentityWorkspace(join(dir, 'sweep.duckdb'));
  });
  afterAll(() => ws.close());

  it('counts MQLs per threshold and tier from the records, as worked out by hand', async () => {
    const cols = await loadColumns(ws);
    const policy = await loadBaseline(ws);
    const replayer = new Replayer(cols);
    const index = buildSweepIndex(replayer, policy);
    // Records (running maxima up to the first high-intent activity), tier A>=60, B>=45, C:
    // L01 35, 42, 79.8 | L02 1, 2, 3, 6, 36 then bypass (A) | L03 28, 58 then bypass | L04 -15, 25, 35, 45, 48
    // L05 (held) 15..45 | L06 (held) 30 then bypass | L07 1, 2, 3 | L08 35, 40 | L10 65 | L11 10, 20, 30, 40
    const s = sweepThresholds(index, [45, 30, 100, 40, 59]);
    // T=30: L01 C, L02 C (36 crosses at the demo: score wins), L03 B, L04 C (35), L08 C, L10 A, L11 C + held L05, L06
    // T=40: L01 C, L02 A (bypass), L03 B, L04 B, L08 C, L10 A, L11 C + held L05, L06
    // T=45: L01 A (79.8), L02 A, L03 B, L04 B (45), L10 A + held L05, L06
    // T=59: L01 A, L02 A, L03 A (bypass), L10 A + held L06
    // T=100: L02 A, L03 A + held L06
    expect(Array.from(s.mqls)).toEqual([7, 9, 3, 9, 5]);
    expect(Array.from(s.dataCompletion)).toEqual([2, 2, 1, 2, 1]);
    expect(Array.from(s.handed)).toEqual([5, 7, 2, 7, 4]);
    expect(s.perTier.map((t) => Array.from(t))).toEqual([
      [3, 1, 2, 2, 4], // A
      [2, 1, 0, 2, 0], // B
      [0, 5, 0, 3, 0], // C
    ]);
  });

  it('agrees with a full re-score at every threshold (synthetic data, decay, caps, lookback, window)', async () => {
    const syn = await openWorkspace(join(dir, 'synthetic.duckdb'));
    await fillSynthetic(syn, 400, 12);
    const cols = await loadColumns(syn);
    const base = buildBaseline(null, { threshold: 50, thresholdHow: '', tiers: [], highIntentTypes: [] });
    const policy = resolvePolicy(
      base,
      parseScenario({
        version: 1,
        scoring: {
          activity_points: { email_open: 1, email_click: 3, web_visit: 2, pricing_page_view: 10, content_download: 5, webinar_attended: 8, demo_request: 20 },
          activity_caps: { email_open: 4, web_visit: 6 },
          fit_points: [{ field: 'company_size', op: 'between', value: [10, 500], points: 15 }, { field: 'email', op: 'free_email', value: true, points: -20 }],
          decay_half_life_days: 20,
          lookback_days: 60,
        },
        mql: { high_intent_types: ['demo_request'], require_business_email: true },
        tiers: [
          { name: 'A', min_score: 60, first_contact_sla_hours: 1 },
          { name: 'B', min_score: 35, first_contact_sla_hours: 4 },
          { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
        ],
        window: { from: '2025-03-01', to: '2025-09-30' },
      }),
    );
    const replayer = new Replayer(cols);
    const index = buildSweepIndex(replayer, policy);
    // Evenly spaced, then uneven, unsorted, fractional and repeated (the sweep's bucket guide must stay exact).
    const uneven = [47.5, 0, 50, 50, 12.25, 33, 34, 35.000001, 34.999999, 200, -5, 61, 61.5];
    const s2 = sweepThresholds(index, uneven);
    uneven.forEach((t, k) => {
      const r = replayer.rescore({ ...policy, mql: { ...policy.mql, threshold: t } });
      expect({ t, mqls: s2.mqls[k], held: s2.dataCompletion[k], tiers: s2.perTier.map((p) => p[k]) }).toEqual({
        t, mqls: r.summary.mqlsInWindow, held: r.summary.dataCompletionInWindow, tiers: Array.from(r.summary.handedPerTier.subarray(0, 3)),
      });
    });
    const thresholds = [0, 10, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100];
    const s = sweepThresholds(index, thresholds);
    thresholds.forEach((t, k) => {
      const r = replayer.rescore({ ...policy, mql: { ...policy.mql, threshold: t } });
      expect({ t, mqls: s.mqls[k], handed: s.handed[k], held: s.dataCompletion[k] }).toEqual({
        t, mqls: r.summary.mqlsInWindow, handed: r.summary.handedInWindow, held: r.summary.dataCompletionInWindow,
      });
      for (let tier = 0; tier < 3; tier++) expect(s.perTier[tier]?.[k]).toBe(r.summary.handedPerTier[tier]);
    });
    // The comparison means something: counts vary across thresholds.
    expect(new Set(Array.from(s.mqls)).size).toBeGreaterThan(5);
    syn.close();
  });
});
