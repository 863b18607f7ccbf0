// A threshold drag reads MQL moments off per-lead score records
// (engine/replay/score.ts ScoreRecords) instead of scanning activities again:
// every field of the result must equal a fresh replayer's scan, for moves up
// and down (below the records' floor too) and after the scoring changes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import type { WorkspaceColumns } from '../../engine/columns/types';
import { importDirectory } from '../../engine/import/importer';
import { Replayer, type ReplayResult } from '../../engine/replay/score';
import { loadBaseline } from '../../engine/scenario/baseline';
import type { Policy } from '../../engine/scenario/policy';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');

let ws: Workspace;
let cols: WorkspaceColumns;
let baseline: Policy;

beforeAll(async () => {
  ws = await openWorkspace(join(scratchDir('hl-replay-records-'), 'w.duckdb'));
  await importDirectory(ws, SHIPPED);
  cols = await loadColumns(ws);
  baseline = await loadBaseline(ws);
}, 120_000);
afterAll(() => ws?.close());

function fields(r: ReplayResult) {
  return {
    mode: r.mode,
    mqlAt: Array.from(r.mqlAt),
    scoreAtMql: Array.from(r.scoreAtMql),
    tierIndex: Array.from(r.tierIndex),
    trigger: Array.from(r.trigger),
    flags: Array.from(r.flags),
    mqlActivity: Array.from(r.mqlActivity),
    maxScore: Array.from(r.maxScore),
    summary: { ...r.summary, handedPerTier: Array.from(r.summary.handedPerTier) },
  };
}

describe('re-scoring a threshold drag from score records', () => {
  it('equals a fresh scan at every threshold of a drag, up and down, and after a scoring change', () => {
    const th = baseline.mql.threshold;
    const at = (threshold: number, scoring?: Policy['scoring']): Policy =>
      resolvePolicy(baseline, parseScenario({ version: 1, mql: { ...baseline.mql, threshold }, ...(scoring ? { scoring } : {}) }, 'scenario'));
    const points = Object.fromEntries(Object.entries(baseline.scoring.activity_points).map(([k, v], j) => [k, j === 0 ? v * 2 : v]));
    const reweighted = { ...baseline.scoring, activity_points: points };
    const drag: Policy[] = [th, th + 3, th + 7.5, th - 2, th - 40, th + 20, th, th + 1].map((t) => at(t));
    drag.push(at(th, reweighted), at(th + 4, reweighted), at(th - 4, reweighted), at(th + 2));
    const dragged = new Replayer(cols);
    const mqls = new Set<number>();
    for (const policy of drag) {
      const got = fields(dragged.rescore(policy));
      const want = fields(new Replayer(cols).rescore(policy));
      expect(got).toEqual(want);
      mqls.add(got.summary.mqls);
    }
    // The drag really moves the MQL set (else the comparison proves little).
    expect(mqls.size).toBeGreaterThan(5);
  }, 120_000);
});
