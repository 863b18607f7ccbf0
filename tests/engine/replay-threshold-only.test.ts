// Minimal mode: no scoring model and no activity points. The replay can only
// re-threshold the historical score_at_mql, at the historical times.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { TRIGGER_HIGH_INTENT, TRIGGER_NONE, TRIGGER_SCORE } from '../../engine/columns/types';
import { Replayer } from '../../engine/replay/score';
import { buildSweepIndex, sweepThresholds } from '../../engine/replay/sweep';
import { windowRange } from '../../engine/replay/window';
import { loadBaseline } from '../../engine/scenario/baseline';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

describe('threshold-only replay', () => {
  const dir = scratchDir();

  it('keeps handoffs whose historical score reaches the threshold, high intent always, manual ones as history has them', async () => {
    const ws = await openWorkspace(join(dir, 'minimal.duckdb'));
    const c = ws.connection;
    await c.run(`INSERT INTO hl_meta VALUES ('timezone', 'America/New_York')`);
    await c.run(`INSERT INTO leads (lead_id, created_at) SELECT 'L' || i, '2024-12-01 00:00:00+00' FROM range(1, 7) t(i)`);
    await c.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES
      ('L1', '2025-01-02 15:00:00+00', 'score_threshold', 50, 'B'),
      ('L2', '2025-01-03 15:00:00+00', 'score_threshold', 60, 'B'),
      ('L3', '2025-01-04 15:00:00+00', 'score_threshold', 72, 'A'),
      ('L4', '2025-01-05 15:00:00+00', 'high_intent', 20, 'A'),
      ('L5', '2025-01-06 15:00:00+00', 'manual', 90, 'A'),
      ('L6', '2025-01-01 03:00:00+00', 'score_threshold', 80, 'A')`);
    const cols = await loadColumns(ws);
    const baseline = await loadBaseline(ws);
    // Inferred: threshold = min score of score-triggered = 50; tiers A from 72 (lowest non-high-intent A score), B from 50.
    expect(baseline.provenance.thresholdOnly).toBe(true);
    expect(baseline.tiers.map((t) => [t.name, t.min_score])).toEqual([['A', 72], ['B', 50]]);

    const replayer = new Replayer(cols);
    // L6's 03:00 UTC on Jan 1 is 22:00 on Dec 31 in New York: outside a window starting 2025-01-01.
    const policy = resolvePolicy(baseline, parseScenario({ version: 1, mql: { threshold: 60 }, window: { from: '2025-01-01' } }));
    expect(windowRange(policy.window, cols.timezone).fromMs).toBe(Date.parse('2025-01-01T05:00:00Z'));
    const r = replayer.rescore(policy);
    expect(r.mode).toBe('threshold_only');
    const at = (id: string) => cols.leads.ids.indexOf(id);
    // L1 (50 < 60) drops; L2 (60), L3 (72) stay by score; L4 stays by high intent; L5's manual handoff stands.
    expect(['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((id) => r.trigger[at(id)])).toEqual([
      TRIGGER_NONE, TRIGGER_SCORE, TRIGGER_SCORE, TRIGGER_HIGH_INTENT, TRIGGER_SCORE, TRIGGER_SCORE,
    ]);
    expect(r.mqlAt[at('L5')]).toBe(Date.parse('2025-01-06T15:00:00Z'));
    expect(r.mqlAt[at('L2')]).toBe(Date.parse('2025-01-03T15:00:00Z'));
    // Tiers: L2 60 -> B, L3 72 -> A, L4 high intent -> A, L5 manual -> the lowest (B), L6 80 -> A.
    expect(['L2', 'L3', 'L4', 'L5', 'L6'].map((id) => policy.tiers[r.tierIndex[at(id)]]?.name)).toEqual(['B', 'A', 'A', 'B', 'A']);
    expect(r.summary).toMatchObject({ mqls: 5, mqlsInWindow: 4, handedInWindow: 4 });

    // The sweep over the same records: T=50 -> L1 L2 L3 L4 L5 (L6 outside); T=61 -> L3 L4 L5; T=100 -> L4 L5
    // (the sweep counts L5 in the bypass's tier, A).
    const s = sweepThresholds(buildSweepIndex(replayer, policy), [50, 61, 100]);
    expect(Array.from(s.mqls)).toEqual([5, 3, 2]);
    expect(s.perTier.map((t) => Array.from(t))).toEqual([[3, 3, 2], [2, 0, 0]]);
    ws.close();
  });
});
