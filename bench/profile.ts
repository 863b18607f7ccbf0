// Profiles one step (not the session open) on a benchmark world's workspace (made by npm run bench):
//   npx tsx bench/profile.ts --size S --step forecast|slider|intervals [--runs 20] [--workspace W.duckdb (a copy, so a running bench keeps its file)]
// writes bench/data/prof/<step>-<size>.cpuprofile (or --out FILE); then:
//   npx tsx bench/cpuprofile-summary.ts bench/data/prof/<step>-<size>.cpuprofile
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../engine/workspace/database';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { isSize, worldDir } from './worlds';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' }, step: { type: 'string', default: 'forecast' }, runs: { type: 'string', default: '20' }, workspace: { type: 'string' }, out: { type: 'string' } } });
  if (!isSize(values.size)) throw new Error('--size S|M|L');
  const ws = await openWorkspace(values.workspace ?? join(worldDir(values.size), 'workspace.duckdb'));
  try {
    let t0 = performance.now();
    const session = await ForecastSession.open(ws);
    console.error(`session open ${(performance.now() - t0).toFixed(0)} ms`);
    const base = session.baseline;
    const scenario = { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 5 }, window: { from: '2025-01-01', to: '2025-12-31' } };
    const n = Number(values.runs);
    const inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    t0 = performance.now();
    if (values.step === 'forecast') {
      const each: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await forecast(session, scenario, { runs: 0 });
        each.push(performance.now() - t);
      }
      console.error(`each: ${each.map((x) => x.toFixed(0)).join(' ')} ms`);
      console.error(`${n} forecasts (runs 0): ${((performance.now() - t0) / n).toFixed(1)} ms each`);
    } else if (values.step === 'slider') {
      // A threshold slider drag: every call a new threshold, so no cached re-score or queue applies.
      const each: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await forecast(session, { ...scenario, mql: { ...base.mql, threshold: base.mql.threshold + 6 + i } }, { runs: 0 });
        each.push(performance.now() - t);
      }
      console.error(`each: ${each.map((x) => x.toFixed(0)).join(' ')} ms`);
      console.error(`${n} slider moves (runs 0, new threshold each): ${((performance.now() - t0) / n).toFixed(1)} ms each`);
    } else {
      await forecast(session, scenario, { runs: n });
      console.error(`intervals, ${n} runs, cold: ${(performance.now() - t0).toFixed(0)} ms`);
      t0 = performance.now();
      await forecast(session, scenario, { runs: n });
      console.error(`intervals, ${n} runs, warm: ${(performance.now() - t0).toFixed(0)} ms`);
    }
    const { profile } = await inspector.post('Profiler.stop');
    inspector.disconnect();
    const dir = join('bench', 'data', 'prof');
    mkdirSync(dir, { recursive: true });
    const out = values.out ?? join(dir, `${values.step}-${values.size}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    console.error(`wrote ${out}`);
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
