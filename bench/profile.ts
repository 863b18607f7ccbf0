// Profiles one step on a benchmark world's workspace (made by npm run bench):
//   node --cpu-prof --cpu-prof-dir=bench/data/prof --import tsx bench/profile.ts --size S --step forecast|intervals [--runs 20]
// then: npx tsx bench/cpuprofile-summary.ts bench/data/prof/<file>.cpuprofile
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../engine/workspace/database';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { isSize, worldDir } from './worlds';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' }, step: { type: 'string', default: 'forecast' }, runs: { type: 'string', default: '20' } } });
  if (!isSize(values.size)) throw new Error('--size S|M|L');
  const ws = await openWorkspace(join(worldDir(values.size), 'workspace.duckdb'));
  try {
    let t0 = performance.now();
    const session = await ForecastSession.open(ws);
    console.error(`session open ${(performance.now() - t0).toFixed(0)} ms`);
    const base = session.baseline;
    const scenario = { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 5 }, window: { from: '2025-01-01', to: '2025-12-31' } };
    const n = Number(values.runs);
    t0 = performance.now();
    if (values.step === 'forecast') {
      for (let i = 0; i < n; i++) await forecast(session, scenario, { runs: 0 });
      console.error(`${n} forecasts (runs 0): ${((performance.now() - t0) / n).toFixed(1)} ms each`);
    } else {
      await forecast(session, scenario, { runs: n });
      console.error(`intervals, ${n} runs, cold: ${(performance.now() - t0).toFixed(0)} ms`);
      t0 = performance.now();
      await forecast(session, scenario, { runs: n });
      console.error(`intervals, ${n} runs, warm: ${(performance.now() - t0).toFixed(0)} ms`);
    }
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
