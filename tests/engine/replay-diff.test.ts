import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import type { WorkspaceColumns } from '../../engine/columns/types';
import { diffAgainstHistory, diffPage } from '../../engine/replay/diff';
import { Replayer } from '../../engine/replay/score';
import { loadBaseline } from '../../engine/scenario/baseline';
import type { Policy } from '../../engine/scenario/policy';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import type { Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { buildIdentityWorkspace } from './replay-identity.test';

describe('diff of a scenario against history', () => {
  const dir = scratchDir();
  let ws: Workspace;
  let cols: WorkspaceColumns;
  let baseline: Policy;
  let replayer: Replayer;
  const run = (scenario: unknown) => {
    const r = replayer.rescore(resolvePolicy(baseline, parseScenario(scenario)));
    return { r, diff: diffAgainstHistory(cols, r) };
  };

  beforeAll(async () => {
    ws = await buildIdentityWorkspace(join(dir, 'diff.duckdb'));
    cols = await loadColumns(ws);
    baseline = await loadBaseline(ws);
    replayer = new Replayer(cols);
  });
  afterAll(() => ws.close());

  it('the policy in force changes nothing', () => {
    const { diff } = run({ version: 1 });
    expect(diff.counts).toEqual({ historical: 7, scenario: 7, entered: 0, left: 0, stayed: 7, tierChanged: 0, timeMoved: 0, unchanged: 7 });
  });

  it('raising the threshold to 45: two leads leave, one moves later and up a tier', () => {
    const { diff } = run({ version: 1, mql: { threshold: 45 } });
    // L08 peaks at 40 and L11 at 40: both leave. L01 is 42 at d10 (< 45) and crosses at d12 with trial_signup:
    // 25 fit + 40 + (10 + 2) * 0.5^0.2 + 10 * 0.5^1.2 = 65 + 10.4466 + 4.3528 = 79.7994 -> tier A, 2 days later.
    expect(diff.counts).toEqual({ historical: 7, scenario: 5, entered: 0, left: 2, stayed: 5, tierChanged: 1, timeMoved: 1, unchanged: 4 });
    const left = diffPage(replayer, diff, 'left', 0, 10);
    expect(left.rows.map((x) => [x.leadId, x.reason])).toEqual([
      ['L08', 'score 40 < threshold 45'],
      ['L11', 'score 40 < threshold 45'],
    ]);
    const tier = diffPage(replayer, diff, 'tier_changed', 0, 10).rows[0];
    expect(tier?.leadId).toBe('L01');
    expect(tier?.reason).toBe('tier C -> A (score 79.8 >= 60)');
    expect(tier?.scenarioScore).toBeCloseTo(65 + 12 * 0.5 ** 0.2 + 10 * 0.5 ** 1.2, 9);
    const moved = diffPage(replayer, diff, 'time_moved', 0, 10).rows[0];
    expect(moved?.reason).toBe('MQL 2 days later: score 79.8 >= threshold 45 on 2025-03-13 09:00');
  });

  it('dropping the pre-flight checks lets the held leads enter, with their reasons', () => {
    const { diff } = run({ version: 1, mql: { require_business_email: false, require_fields: [] } });
    expect(diff.counts.entered).toBe(2);
    expect(diffPage(replayer, diff, 'entered', 0, 10).rows.map((x) => [x.leadId, x.reason])).toEqual([
      ['L05', 'score 45 >= threshold 40; never handed off historically'],
      ['L06', 'high-intent activity demo_request (score 30); never handed off historically'],
    ]);
  });

  it('the window restricts both sides, dates inclusive', () => {
    // From 2025-03-05 (d4, L10) to 2025-03-31 (d30, L04): L01, L04, L08, L10, L11.
    const { diff } = run({ version: 1, window: { from: '2025-03-05', to: '2025-03-31' } });
    expect(diff.counts).toMatchObject({ historical: 5, scenario: 5, unchanged: 5 });
    const narrower = run({ version: 1, window: { from: '2025-03-05', to: '2025-03-30' } });
    expect(narrower.diff.counts).toMatchObject({ historical: 4, scenario: 4 });
  });

  it('pages through a list', () => {
    const { diff } = run({ version: 1, mql: { threshold: 45 } });
    const page = diffPage(replayer, diff, 'left', 1, 5);
    expect(page).toMatchObject({ total: 2, offset: 1 });
    expect(page.rows.map((x) => x.leadId)).toEqual(['L11']);
    expect(diffPage(replayer, diff, 'left', 9, 5).rows).toEqual([]);
  });
});
