// Issue #4: without scoring_model.json the scoring in force is recovered from the handoffs'
// score_at_mql (engine/policy/infer-scoring.ts). Checked against the file a generated world
// writes and then hides: the recovered points, half-life and per-lead fit points must match
// it, the replay must reproduce history, and a scoring that does not explain score_at_mql
// must not be adopted.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { TRIGGER_SCORE, type WorkspaceColumns } from '../../engine/columns/types';
import { importDirectory } from '../../engine/import/importer';
import { inferScoring, MIN_REPRODUCED_SHARE } from '../../engine/policy/infer-scoring';
import { loadBaseline } from '../../engine/scenario/baseline';
import type { Policy } from '../../engine/scenario/policy';
import type { ScoringModel } from '../../engine/scenario/schema';
import { computeFitPoints } from '../../engine/scoring/fit';
import { openWorkspace } from '../../engine/workspace/database';
import { generateSample } from '../../sample-data/world/sample';
import { scratchDir } from '../support/tmp';

let cols: WorkspaceColumns;
let baseline: Policy;
let truth: Required<Pick<ScoringModel, 'scoring' | 'mql'>>;

beforeAll(async () => {
  const root = scratchDir('hl-infer-');
  const dir = join(root, 'world');
  generateSample({ out: dir, leads: 3000, seed: 5, draws: 1, policyChange: false, gzip: false });
  truth = JSON.parse(readFileSync(join(dir, 'scoring_model.json'), 'utf8')) as typeof truth;
  rmSync(join(dir, 'scoring_model.json'));
  const ws = await openWorkspace(join(root, 'w.duckdb'));
  await importDirectory(ws, dir);
  cols = await loadColumns(ws);
  baseline = await loadBaseline(ws);
  ws.close();
}, 120_000);

describe('scoring inferred from score_at_mql', () => {
  it('recovers the hidden activity points and half-life, labelled as inferred', () => {
    expect(baseline.provenance.thresholdOnly).toBe(false);
    expect(baseline.provenance.inferred).toBe(true);
    expect(baseline.provenance.notes.some((n) => n.startsWith('scoring: recovered from history'))).toBe(true);
    const half = truth.scoring.decay_half_life_days ?? null;
    if (half === null) expect(baseline.scoring.decay_half_life_days).toBeNull();
    else expect(Math.abs((baseline.scoring.decay_half_life_days ?? Infinity) - half)).toBeLessThanOrEqual(0.1 * half);
    const seen = new Set(cols.activities.types);
    for (const [type, points] of Object.entries(truth.scoring.activity_points ?? {})) {
      if (!seen.has(type)) continue;
      expect(Math.abs((baseline.scoring.activity_points[type] ?? 0) - points), type).toBeLessThanOrEqual(Math.max(0.5, 0.02 * Math.abs(points)));
    }
  });

  it('gives the handed-off leads the hidden fit points', () => {
    const hidden = new Float64Array(cols.leads.n);
    const found = new Float64Array(cols.leads.n);
    computeFitPoints(cols.leads, truth.scoring.fit_points ?? [], hidden);
    computeFitPoints(cols.leads, baseline.scoring.fit_points, found);
    // Rules may be written differently (another reference level), the points per lead must agree.
    const diffs: number[] = [];
    for (let i = 0; i < cols.leads.n; i++) if (cols.handoffs.count[i]! > 0) diffs.push(found[i]! - hidden[i]!);
    diffs.sort((a, b) => a - b);
    const median = diffs[Math.floor(diffs.length / 2)]!;
    const close = diffs.filter((d) => Math.abs(d - median) <= 0.5).length / diffs.length;
    expect(Math.abs(median)).toBeLessThanOrEqual(0.5);
    expect(close).toBeGreaterThanOrEqual(0.95);
  });

  it('reproduces history when replayed, and says how well', () => {
    const inference = inferScoring(cols, baseline.mql);
    expect(inference.scoring).not.toBeNull();
    expect(inference.reproduced).toBeGreaterThanOrEqual(MIN_REPRODUCED_SHARE);
    let scoreTriggered = 0;
    for (let i = 0; i < cols.leads.n; i++) if (cols.handoffs.trigger[i] === TRIGGER_SCORE) scoreTriggered++;
    expect(inference.checked).toBe(scoreTriggered);
  });

  it('falls back to threshold-only when score_at_mql does not follow the activities', () => {
    // The same world with the scores dealt out to the wrong leads: no scoring explains them.
    const y = Float64Array.from(cols.handoffs.scoreAtMql);
    const idx = [...y.keys()].filter((i) => Number.isFinite(y[i]!));
    const shuffled = Float64Array.from(y);
    idx.forEach((i, q) => (shuffled[i] = y[idx[(q * 7919 + 13) % idx.length]!]!));
    const scrambled: WorkspaceColumns = { ...cols, handoffs: { ...cols.handoffs, scoreAtMql: shuffled } };
    const inference = inferScoring(scrambled, baseline.mql);
    expect(inference.scoring).toBeNull();
    expect(inference.reproduced).toBeLessThan(MIN_REPRODUCED_SHARE);
    expect(inference.notes[0]).toMatch(/^scoring\.activity_points: unknown; the best fit .* reproduces only/);
  });
});
