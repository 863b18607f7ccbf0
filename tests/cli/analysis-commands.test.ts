// sweep, backtest, model-health and suggest-weights as a user runs them:
// JSON and table output on the shipped sample, and one line naming the field
// for a bad scenario.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelHealthReport, SuggestedWeights, ThresholdSweepResult } from '../../engine/analysis/types';
import type { CliOutput } from '../../engine/cli/command';
import { trustTable } from '../../engine/cli/commands/backtest';
import { readScenarioFile } from '../../engine/cli/commands/forecast';
import { healthTable } from '../../engine/cli/commands/model-health';
import { suggestedTable } from '../../engine/cli/commands/suggest-weights';
import { sweepTable } from '../../engine/cli/commands/sweep';
import { runCli } from '../../engine/cli/main';
import type { TrustReport } from '../../engine/trust/types';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliOutput = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('analysis commands', () => {
  const dir = scratchDir('hl-cli-analysis-');
  const ws = join(dir, 'w.duckdb');
  const scenario = join(SHIPPED, 'scenarios/threshold_minus_7.json');

  beforeAll(async () => {
    const imported = await cli(['import', '--workspace', ws, '--dir', SHIPPED]);
    expect(imported.code).toBe(0);
  }, 60_000);

  it('sweep: JSON with every threshold, and a table', async () => {
    const json = await cli(['sweep', '--workspace', ws, '--scenario', scenario, '--format', 'json', '--steps', '100']);
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as ThresholdSweepResult;
    expect(r.currentThreshold).toBe(53);
    expect(r.points.length).toBeGreaterThanOrEqual(100);
    expect(r.points.find((p) => p.threshold === 60)!.metrics.mql_count).toBe(3300);
    // The table view of the same result (one session per CLI call is slow on a shared machine).
    const table = sweepTable(r);
    expect(table).toMatch(/^Threshold sweep: \d+ thresholds, scenario at 53, policy in force at 60/);
    expect(table).toMatch(/\n53\.0 \*\s+3,4/);
  }, 30_000);

  it('backtest: identity, backtest and why there is no policy change', async () => {
    const json = await cli(['backtest', '--workspace', ws, '--format', 'json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as TrustReport;
    expect(r.identity.passed).toBe(true);
    expect(r.backtest.available).toBe(true);
    expect(r.policyChange.available).toBe(false);
    const table = trustTable(r);
    expect(table).toMatch(/^Identity holds/);
    expect(table).toMatch(/Identity \(passed\)/);
  }, 30_000);

  it('model-health and suggest-weights', async () => {
    const health = await cli(['model-health', '--workspace', ws, '--format', 'json']);
    expect(health.code).toBe(0);
    const h = JSON.parse(health.out) as ModelHealthReport;
    expect(h.acceptance.count).toBe(3300);
    const out = join(dir, 'suggested.json');
    const sw = await cli(['suggest-weights', '--workspace', ws, '--format', 'json', '--out', out]);
    expect(sw.code).toBe(0);
    const s = JSON.parse(sw.out) as SuggestedWeights;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(s.scenario);
    // The suggested file is a scenario the other commands take.
    expect(readScenarioFile(out).scoring?.activity_points).toEqual(s.scenario.scoring?.activity_points);
    expect(healthTable(h)).toMatch(/^Model health of the policy in force scoring/);
    expect(suggestedTable(s)).toMatch(/^Suggested weights \(fitted on opportunities\); held out \d[\d,]* leads: AUC 0\.\d{3} now -> 0\.\d{3} suggested/);
  }, 60_000);

  it('a bad scenario: exit 1 and one line naming the field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, mql: { threshold: 'seventy' } }));
    // The scenario is read before the workspace opens: these fail fast.
    for (const cmd of ['sweep', 'backtest', 'model-health']) {
      const r = await cli([cmd, '--workspace', ws, '--scenario', bad]);
      expect(r.code, cmd).toBe(1);
      expect(r.err.split('\n'), cmd).toHaveLength(1);
      expect(r.err, cmd).toMatch(/mql\.threshold/);
    }
    const steps = await cli(['sweep', '--workspace', ws, '--scenario', scenario, '--steps', '20']);
    expect(steps.code).toBe(2);
    expect(steps.err).toMatch(/--steps must be a whole number from 100 to 1000/);
  }, 30_000);
});
