// How far the threshold curve (the sweep the Scenario editor previews a drag
// from) is from the exact expected-values forecast, threshold by threshold:
//   npx tsx bench/preview-accuracy.ts --workspace W.duckdb [--span 15] [--anchors 5]
// Prints, per metric, the largest and the median gap over the baseline's
// threshold +- span (rates in points, the rest relative), and the curve's time.
import { parseArgs } from 'node:util';
import { curveAt } from '../engine/analysis/curve-at';
import { thresholdSweep } from '../engine/analysis/threshold-sweep';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { METRIC_NAMES } from '../engine/metrics/types';
import { openWorkspace } from '../engine/workspace/database';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, span: { type: 'string', default: '15' }, anchors: { type: 'string', default: '5' } } });
  const ws = await openWorkspace(values.workspace!);
  try {
    const session = await ForecastSession.open(ws);
    const base = session.baseline.mql.threshold;
    const scenario = { version: 1 };
    const t0 = performance.now();
    const curve = await thresholdSweep(session, scenario, { anchors: Number(values.anchors) });
    console.log(`curve: ${curve.points.length} points, ${(performance.now() - t0).toFixed(0)} ms (first sweep of this scoring: index, outcomes, ${values.anchors} anchors)`);
    const gaps = new Map<string, number[]>(METRIC_NAMES.map((m) => [m, []]));
    const span = Number(values.span);
    for (let t = base - span; t <= base + span; t++) {
      const at = curveAt(curve, t);
      if (!at) continue;
      const f = await forecast(session, { version: 1, mql: { threshold: t } }, { runs: 0 });
      for (const m of METRIC_NAMES) {
        const a = at[m];
        const b = f.metrics[m].forecast;
        if (a === null || b === null) continue;
        gaps.get(m)!.push(m.endsWith('_rate') ? Math.abs(a - b) : Math.abs(a - b) / Math.max(1e-9, Math.abs(b)));
      }
    }
    for (const [m, g] of gaps) {
      const s = [...g].sort((x, y) => x - y);
      const unit = m.endsWith('_rate') ? 'points' : 'relative';
      const f = (x: number) => (m.endsWith('_rate') ? (100 * x).toFixed(2) : `${(100 * x).toFixed(1)}%`);
      console.log(`${m.padEnd(32)} max ${f(s.at(-1) ?? 0).padStart(7)}  median ${f(s[s.length >> 1] ?? 0).padStart(7)}  (${unit}, ${s.length} thresholds)`);
    }
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
