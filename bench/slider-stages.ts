// Times the slider path's stages on one session (new threshold each round), median of rounds:
//   npx tsx bench/slider-stages.ts --workspace W.duckdb [--rounds 5] [--forecast-only (just the slider moves, nothing between them)]
//     [--ab: each move on one session with the restartable simulation and without (queue/restart.ts): an untimed visit,
//      then both timed in alternating order, the scenario caches cleared before each, the restart from the previous move's run]
import { parseArgs } from 'node:util';
import { openWorkspace } from '../engine/workspace/database';
import { forecast } from '../engine/forecast/forecast';
import { clearScenarioCaches } from '../engine/forecast/scenario-cache';
import { ForecastSession } from '../engine/forecast/session';
import { assignReps, counterfactualContacts, scenarioPool, simulateCohort } from '../engine/forecast/queue-effects';
import { resolvePolicy } from '../engine/scenario/resolve';
import { parseScenario } from '../engine/scenario/schema';
import { Replayer } from '../engine/replay/score';
import { SimulationMemo } from '../engine/queue/restart';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, rounds: { type: 'string', default: '5' }, 'forecast-only': { type: 'boolean', default: false }, ab: { type: 'boolean', default: false } } });
  const ws = await openWorkspace(values.workspace!);
  try {
    const t0 = performance.now();
    const session = await ForecastSession.open(ws);
    console.log(`session open ${(performance.now() - t0).toFixed(0)} ms`);
    const base = session.baseline;
    const times = new Map<string, number[]>();
    // CPU time of the process (user + system), less sensitive than wall time to other jobs on a shared machine.
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const time = <T>(name: string, f: () => T): T => {
      const t = cpu();
      const v = f();
      const list = times.get(name) ?? [];
      list.push(cpu() - t);
      times.set(name, list);
      return v;
    };
    const rounds = Number(values.rounds);
    const scen = (th: number) => ({ version: 1, mql: { ...base.mql, threshold: th }, window: { from: '2025-01-01', to: '2025-12-31' } });
    await forecast(session, scen(base.mql.threshold + 5), { runs: 0 });
    // The restarted simulation (queue/restart.ts) on its own memo, seeded with the previous threshold's run.
    const memo = new SimulationMemo();
    {
      const policy = resolvePolicy(base, parseScenario(scen(base.mql.threshold + 5.5), 'scenario'));
      const c = session.cohortFor(policy);
      const pool = scenarioPool(session.pool, policy, session.loadPerRep);
      const rep = assignReps(session.cols, session.hist, session.pool, pool, c.lead, c.arrival, c.shared, session.seed, session.loadPerRep);
      simulateCohort(pool, { ...c, rep }, c.lead, session.seed, 0, memo);
    }
    // Same-process reference: a replayer whose scoring key differs every round (an unknown activity type) scans every time.
    const scanner = new Replayer(session.cols);
    const dragger = new Replayer(session.cols);
    for (let i = 0; i < rounds; i++) {
      const th = base.mql.threshold + 6 + i;
      if (values.ab) {
        // One untimed visit first (session-level caches of this threshold: the replayer's records, fresh etas),
        // then the move timed with and without the restart, order alternating, from the same previous run.
        const qm = session.queueMemo;
        const previous = qm.last;
        const run = async (restart: boolean, name: string | null): Promise<void> => {
          clearScenarioCaches(session);
          qm.last = restart ? previous : null;
          qm.spare = null; // never recycle the arrays of a record that is read again
          const c0 = qm.copied;
          const s0 = qm.simulated;
          const t0 = cpu();
          await forecast(session, scen(th), { runs: 0 });
          if (name !== null) times.set(name, [...(times.get(name) ?? []), cpu() - t0]);
          if (name !== null && restart) {
            const rows = qm.copied - c0 + qm.simulated - s0;
            times.set('forecast restart: % rows copied', [...(times.get('forecast restart: % rows copied') ?? []), rows > 0 ? (100 * (qm.copied - c0)) / rows : 0]);
          }
        };
        await run(true, null);
        for (const restart of i % 2 === 0 ? [false, true] : [true, false]) await run(restart, restart ? 'forecast restart (cpu)' : 'forecast full (cpu)');
        continue;
      }
      if (values['forecast-only']) {
        const t0 = cpu();
        const w0 = performance.now();
        await forecast(session, scen(th), { runs: 0 });
        times.set('forecast (cpu)', [...(times.get('forecast (cpu)') ?? []), cpu() - t0]);
        times.set('forecast (wall)', [...(times.get('forecast (wall)') ?? []), performance.now() - w0]);
        continue;
      }
      const policy = resolvePolicy(base, parseScenario(scen(th + 0.5), 'scenario'));
      const other = { ...policy, scoring: { ...policy.scoring, activity_points: { ...policy.scoring.activity_points, [`no such type ${i}`]: 1 } } };
      time('rescore scan', () => scanner.rescore(other));
      time('rescore drag', () => dragger.rescore(policy));
      const c = time('cohortFor', () => session.cohortFor(policy));
      const pool = scenarioPool(session.pool, policy, session.loadPerRep);
      const rep = time('assignReps', () => assignReps(session.cols, session.hist, session.pool, pool, c.lead, c.arrival, c.shared, session.seed, session.loadPerRep));
      const cohort = { ...c, rep };
      time('simulate run 7 (ref)', () => simulateCohort(pool, cohort, cohort.lead, session.seed, 7));
      const sc = time('simulateCohort', () => simulateCohort(pool, cohort, cohort.lead, session.seed, 0));
      const copied0 = memo.copied;
      const simulated0 = memo.simulated;
      time('simulateCohort restart', () => simulateCohort(pool, cohort, cohort.lead, session.seed, 0, memo));
      const rows = memo.copied - copied0 + memo.simulated - simulated0;
      times.set('restart: % rows copied', [...(times.get('restart: % rows copied') ?? []), rows > 0 ? (100 * (memo.copied - copied0)) / rows : 0]);
      time('counterfactualContacts', () =>
        counterfactualContacts(session.hist, session.pool, pool, cohort, sc, session.baseRowOfLead, session.baseCohort, session.baseContact0, session.repSchedules.fallback),
      );
      const t0 = cpu();
      const w0 = performance.now();
      const f = await forecast(session, scen(th), { runs: 0 });
      times.set('forecast (cpu)', [...(times.get('forecast (cpu)') ?? []), cpu() - t0]);
      times.set('forecast (wall)', [...(times.get('forecast (wall)') ?? []), performance.now() - w0]);
      if (i === 0) console.log(`cohort ${c.lead.length} MQLs (any time), window ${f.details.shared + f.details.entered} (shared ${f.details.shared})`);
    }
    for (const [k, v] of times) {
      const s = [...v].sort((a, b) => a - b);
      console.log(`${k.padEnd(24)} median ${s[s.length >> 1]!.toFixed(0).padStart(6)} ms   [${v.map((x) => x.toFixed(0)).join(' ')}]`);
    }
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
