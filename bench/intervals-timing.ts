// Wall time of the 90% intervals on a benchmark world's workspace (a copy):
//   npx tsx bench/intervals-timing.ts --workspace W.duckdb [--runs 200] [--calls 4] [--vary 0] [--scenario threshold|reps|sla] [--workers N] [--draws K] [--profile out.cpuprofile (later calls)]
// Opens a session, then calls forecast(runs) `calls` times (the first call is
// reported on its own: it draws and simulates the queue draws) and prints
// each call's time, the median of the later calls and the per-part split;
// then `vary` calls each on a new threshold (nothing scenario-specific cached).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { forecast } from '../engine/forecast/forecast';
import { intervalTimings } from '../engine/forecast/interval-runs';
import { ForecastSession } from '../engine/forecast/session';
import { openWorkspace } from '../engine/workspace/database';
import { QueueSimExecutor } from '../engine/queue/sim-executor';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      runs: { type: 'string', default: '200' },
      calls: { type: 'string', default: '4' },
      scenario: { type: 'string', default: 'threshold' },
      profile: { type: 'string' },
      vary: { type: 'string', default: '0' },
      workers: { type: 'string' },
      draws: { type: 'string' },
    },
  });
  if (!values.workspace) throw new Error('--workspace W.duckdb (a copy of a benchmark workspace)');
  const ws = await openWorkspace(values.workspace);
  try {
    let t0 = performance.now();
    const session = await ForecastSession.open(ws);
    console.log(`session open ${(performance.now() - t0).toFixed(0)} ms (${session.cols.leads.n} leads)`);
    const base = session.baseline;
    const window = { from: '2025-01-01', to: '2025-12-31' };
    const scenario =
      values.scenario === 'reps'
        ? { version: 1, capacity: { extra_reps: -2 }, window }
        : values.scenario === 'sla'
          ? { version: 1, sla: { business_hours: false }, window }
          : { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 5 }, window };
    const runs = Number(values.runs);
    // --workers 0 simulates the queue draws in-process (as before worker threads); absent: the engine's default executor.
    const draws = values.draws === undefined ? undefined : Number(values.draws);
    const executor = values.workers === undefined ? undefined : new QueueSimExecutor(Number(values.workers));
    t0 = performance.now();
    await forecast(session, scenario, { runs: 0 });
    console.log(`expected values (runs 0, first): ${(performance.now() - t0).toFixed(0)} ms`);
    const inspector = values.profile ? new Session() : null;
    const times: number[] = [];
    for (let c = 0; c < Number(values.calls); c++) {
      // The profile covers the later calls only (the first simulates the baselines' draws, once per session).
      if (inspector && c === 1) {
        inspector.connect();
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
      }
      let progress = 0;
      // CPU time of the whole process (main thread, worker, DuckDB): steadier than wall time on a shared machine.
      const cpu0 = process.cpuUsage();
      t0 = performance.now();
      const f = await forecast(session, scenario, { runs, onProgress: (d) => (progress = d), ...(executor ? { executor } : {}), ...(draws !== undefined ? { queueDraws: draws } : {}) });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      times.push(ms);
      const split = Object.entries(intervalTimings.last)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
      const m = f.metrics.black_hole_rate;
      console.log(`call ${c + 1}: ${ms.toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (progress ${progress}/${runs}; K ${intervalTimings.draws}; ${split}; black holes ${m.forecast?.toFixed(4)} [${m.low?.toFixed(4)}, ${m.high?.toFixed(4)}])`);
    }
    if (inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      inspector.disconnect();
      writeFileSync(values.profile!, JSON.stringify(profile));
    }
    const varied: number[] = [];
    for (let c = 0; c < Number(values.vary); c++) {
      t0 = performance.now();
      await forecast(session, { ...scenario, mql: { ...base.mql, threshold: base.mql.threshold + 6 + c } }, { runs });
      varied.push(performance.now() - t0);
      const split = Object.entries(intervalTimings.last)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
      console.log(`new threshold ${c + 1}: ${varied[c]!.toFixed(0)} ms (${split})`);
    }
    if (varied.length > 0) console.log(`new-scenario calls: median ${[...varied].sort((a, b) => a - b)[Math.floor((varied.length - 1) / 2)]!.toFixed(0)} ms`);
    const later = times.slice(1).sort((a, b) => a - b);
    if (later.length > 0) console.log(`first ${times[0]!.toFixed(0)} ms; median of later ${later[Math.floor((later.length - 1) / 2)]!.toFixed(0)} ms (${later.map((x) => x.toFixed(0)).join(' ')})`);
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
