// Forecast accuracy against a generated world's truth.json: every scenario x
// metric, the forecast's error and the naive forecaster's, whether the 90%
// interval covers the truth, and timings.
//
//   npx tsx bench/forecast-accuracy.ts [--dir sample-data/shipped] [--runs 0] [--draws K] [--workspace W.duckdb]
//
// Without --workspace the folder is imported into a scratch workspace first.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importDirectory } from '../engine/import/importer';
import { openWorkspace } from '../engine/workspace/database';
import { forecast } from '../engine/forecast/forecast';
import { naiveForecast } from '../engine/forecast/naive';
import { ForecastSession } from '../engine/forecast/session';
import { METRIC_NAMES, type MetricName } from '../engine/metrics/types';

interface TruthScenario {
  readonly file: string;
  readonly name: string;
  readonly metrics: Record<string, number>;
}

/** Rates: absolute error; counts and hours: relative. */
export function errorOf(metric: MetricName, value: number | null, truth: number): number {
  if (value === null) return Number.NaN;
  if (metric.endsWith('_rate')) return Math.abs(value - truth);
  return Math.abs(value - truth) / Math.max(1e-9, Math.abs(truth));
}

export function toleranceOf(metric: MetricName): number {
  if (metric.endsWith('_rate')) return 0.02;
  if (metric === 'mql_count') return 0.05;
  if (metric.includes('hours')) return 0.15;
  return 0.15; // won_count, pipeline_amount: relative, as hours
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, runs: { type: 'string' }, workspace: { type: 'string' }, queue: { type: 'string' }, draws: { type: 'string' } } });
  const dir = values.dir ?? 'sample-data/shipped';
  const runs = Number(values.runs ?? '0');
  let scratch: string | null = null;
  let wsPath = values.workspace;
  if (!wsPath || !existsSync(wsPath)) {
    scratch = wsPath ? null : mkdtempSync(join(tmpdir(), 'hl-bench-'));
    wsPath ??= join(scratch!, 'w.duckdb');
    const ws0 = await openWorkspace(wsPath);
    await importDirectory(ws0, dir);
    ws0.close();
  }
  const ws = await openWorkspace(wsPath);
  try {
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { baseline: TruthScenario; scenarios: TruthScenario[] };
    let t0 = performance.now();
    const session = await ForecastSession.open(ws, { queueModel: values.queue === 'calibrated' ? 'calibrated' : 'capacity' });
    console.log(`session: ${(performance.now() - t0).toFixed(0)} ms (${session.cols.leads.n} leads)`);
    const cases: { name: string; scenario: unknown; truth: Record<string, number> }[] = [
      { name: 'baseline', scenario: { version: 1, window: { from: '2025-01-01', to: '2025-12-31' } }, truth: truth.baseline.metrics },
      ...truth.scenarios.map((s) => ({ name: s.file.replace(/^scenarios\//, '').replace(/\.json$/, ''), scenario: JSON.parse(readFileSync(join(dir, s.file), 'utf8')) as unknown, truth: s.metrics })),
    ];
    const rows: string[] = [];
    let ours = 0;
    let naive = 0;
    let pairs = 0;
    let within = 0;
    let covered = 0;
    let naiveWithin = 0;
    rows.push(['scenario', 'metric', 'truth', 'forecast', 'low', 'high', 'err', 'ok', 'cover', 'naive', 'naive_err'].join('\t'));
    for (const c of cases) {
      t0 = performance.now();
      const f = await forecast(session, c.scenario, { runs, ...(values.draws !== undefined ? { queueDraws: Number(values.draws) } : {}) });
      const ms = performance.now() - t0;
      const nv = naiveForecast(session, c.scenario);
      console.log(`${c.name}: ${ms.toFixed(0)} ms; shared ${f.details.shared}, entered ${f.details.entered}, left ${f.details.left}, extrapolated ${f.details.extrapolated}`);
      for (const m of METRIC_NAMES) {
        const t = c.truth[m];
        if (t === undefined) continue;
        const v = f.metrics[m];
        const e = errorOf(m, v.forecast, t);
        const ne = errorOf(m, nv[m], t);
        const ok = e <= toleranceOf(m);
        const cov = v.low !== null && v.high !== null && v.low <= t && t <= v.high;
        pairs++;
        ours += e;
        naive += ne;
        within += ok ? 1 : 0;
        naiveWithin += ne <= toleranceOf(m) ? 1 : 0;
        covered += cov ? 1 : 0;
        const n = (x: number | null) => (x === null ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(4));
        rows.push([c.name, m, n(t), n(v.forecast), n(v.low), n(v.high), e.toFixed(4), ok ? 'ok' : 'MISS', cov ? 'in' : 'out', n(nv[m]), ne.toFixed(4)].join('\t'));
      }
    }
    console.log(rows.join('\n'));
    console.log(`pairs ${pairs}: within tolerance ${within} (naive ${naiveWithin}); mean error ours ${(ours / pairs).toFixed(4)} naive ${(naive / pairs).toFixed(4)}; coverage ${(covered / pairs).toFixed(3)} (runs ${runs})`);
  } finally {
    ws.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
