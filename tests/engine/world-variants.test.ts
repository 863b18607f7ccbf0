// Worlds unlike ours (issue #4): a small generated world reshaped the ways an
// independent generator's could differ within DATA_CONTRACT.md (bench/world-variants.ts),
// run through the CLI (import, forecast) with its output checked: exit 0, a finite
// number wherever one is due, rates in [0, 1], low <= forecast <= high, hours never
// negative, MQLs falling as the threshold rises.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkForecast, cli, extremeScenarios, VARIANTS, writeVariant } from '../../bench/world-variants';
import { generateSample } from '../../sample-data/world/sample';
import { scratchDir } from '../support/tmp';

type ForecastJson = Parameters<typeof checkForecast>[0] & { metrics: Record<string, { forecast: number | null; observed: number | null }> };

let base = '';
let root = '';

beforeAll(() => {
  root = scratchDir('hl-variants-');
  base = join(root, 'base');
  generateSample({ out: base, leads: 3000, seed: 5, draws: 1, policyChange: false, gzip: false });
}, 60_000);

async function forecastJson(ws: string, file: string, runs: number): Promise<ForecastJson> {
  const r = await cli(['forecast', '--workspace', ws, '--scenario', file, '--format', 'json', '--runs', String(runs)]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as ForecastJson;
}

async function importVariant(name: string): Promise<{ dir: string; ws: string }> {
  const v = VARIANTS.find((x) => x.name === name)!;
  const dir = join(root, name);
  writeVariant(base, dir, v);
  const ws = join(dir, 'w.duckdb');
  const r = await cli(['import', '--workspace', ws, '--dir', dir, ...(v.importArgs ?? [])]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return { dir, ws };
}

function extremes(dir: string, names: readonly string[]): string[] {
  const all = extremeScenarios({
    threshold: 60,
    tiers: [
      { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
      { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
      { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
    ],
  });
  return names.map((n) => {
    const file = join(dir, `${n}.json`);
    writeFileSync(file, JSON.stringify(all[n]));
    return file;
  });
}

describe('forecasts on reshaped worlds', () => {
  it('offsets, column order and separators leave every forecast as the plain world gives it', async () => {
    const plain = await importVariant('as-generated');
    const moved = await importVariant('tz-offsets');
    const scenario = join(plain.dir, 'scenarios', 'threshold_minus_15.json');
    const a = await forecastJson(plain.ws, scenario, 0);
    const b = await forecastJson(moved.ws, scenario, 0);
    expect(checkForecast(b, 'tz-offsets')).toEqual([]);
    for (const [name, m] of Object.entries(a.metrics)) expect(b.metrics[name]!.forecast, name).toBeCloseTo(m.forecast ?? Number.NaN, 9);
  }, 60_000);

  it('a contact history kept for a lead the scenario qualifies later counts as 0 hours, never negative', async () => {
    const { dir, ws } = await importVariant('as-generated');
    const f = await forecastJson(ws, join(dir, 'scenarios', 'threshold_plus_15.json'), 20);
    expect(checkForecast(f, 'threshold_plus_15')).toEqual([]);
    for (const list of Object.values(f.segments)) for (const s of list) for (const k of ['median_hours_to_first_contact', 'p90_hours_to_first_contact']) expect(s.metrics[k]!.low ?? 0).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('handoffs without score_at_mql and no scoring model: the baseline keeps history, thresholds move nothing they cannot', async () => {
    const { dir, ws } = await importVariant('minimal-no-scores');
    const base = await forecastJson(ws, join(dir, 'scenarios', 'reps_minus_2.json'), 0);
    expect(checkForecast(base, 'reps_minus_2')).toEqual([]);
    // Every handoff stays an MQL: the forecast's count is history's.
    expect(base.metrics.mql_count!.forecast).toBe(base.metrics.mql_count!.observed);
    expect(base.metrics.mql_count!.forecast).toBeGreaterThan(300);
    const [sla] = extremes(dir, ['x-sla-0.1h']);
    const f = await forecastJson(ws, sla!, 0);
    expect(checkForecast(f, 'x-sla-0.1h')).toEqual([]);
    expect(f.metrics.sla_compliance_rate!.forecast!).toBeLessThan(base.metrics.sla_compliance_rate!.forecast!);
  }, 60_000);

  it('manual handoffs stand under every policy: a capacity scenario keeps the MQL count history shows', async () => {
    const { dir, ws } = await importVariant('manual-handoffs');
    const f = await forecastJson(ws, join(dir, 'scenarios', 'reps_minus_2.json'), 0);
    expect(checkForecast(f, 'manual reps_minus_2')).toEqual([]);
    expect(f.metrics.mql_count!.forecast).toBe(f.metrics.mql_count!.observed);
    const [above] = extremes(dir, ['x-threshold-above-all']);
    const g = await forecastJson(ws, above!, 0);
    // Above every score and without the bypass only the manual handoffs (about 8% of the others' leads) remain.
    expect(g.metrics.mql_count!.forecast!).toBeGreaterThan(20);
    expect(g.metrics.mql_count!.forecast!).toBeLessThan(f.metrics.mql_count!.forecast! / 2);
  }, 60_000);

  it('one rep, no reps table, extreme scenarios: finite numbers, rates in [0, 1], MQLs fall with the threshold', async () => {
    for (const name of ['single-rep', 'no-reps-no-model']) {
      const { dir, ws } = await importVariant(name);
      const files = [join(dir, 'scenarios', readdirSync(join(dir, 'scenarios')).sort()[0]!), ...extremes(dir, ['x-threshold-0', 'x-threshold-above-all', 'x-reps-minus-all', 'x-capacity-1', 'x-one-tier'])];
      const mql: number[] = [];
      for (const file of files) {
        const f = await forecastJson(ws, file, 0);
        expect(checkForecast(f, `${name} ${file}`)).toEqual([]);
        mql.push(f.metrics.mql_count!.forecast!);
      }
      expect(mql[1]).toBeGreaterThanOrEqual(mql[0]!);
      // Above every score only high-intent handoffs can stay (threshold-only mode keeps history's).
      expect(mql[2]).toBeLessThan(mql[0]!);
    }
  }, 60_000);
});
