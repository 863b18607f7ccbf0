// The engine's queue under a running interval job (issue #6), in this process:
//
//   npx tsx bench/interval-preemption.ts --workspace W.duckdb [--repeat 3]
//
// Per repeat: start the 90%-interval job of one threshold, ask for the
// expected values of the next threshold while it runs, and report how long
// that answer took against the same forecast run alone; then start another
// interval job and cancel it, reporting how long the cancel took to land.
// The event loop's longest stall (a 5 ms timer's worst lateness) bounds how
// long a request or a cancel can wait for the engine to look up.
import { parseArgs } from 'node:util';
import type { Scenario } from '../engine/api/contract';
import { Engine } from '../engine/api/engine';

const fmt = (xs: readonly number[]): string => xs.map((x) => Math.round(x)).join(', ');

/** The event loop's worst lateness between start() and stop(). */
function stallMeter(): { start(): void; stop(): number } {
  let timer: ReturnType<typeof setInterval> | null = null;
  let last = 0;
  let worst = 0;
  return {
    start() {
      last = performance.now();
      worst = 0;
      timer = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last - 5);
        last = now;
      }, 5);
    },
    stop() {
      if (timer) clearInterval(timer);
      return worst;
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, repeat: { type: 'string' }, delay: { type: 'string' } } });
  if (!values.workspace) throw new Error('--workspace W.duckdb is required');
  const repeat = Number(values.repeat ?? 3);
  const delay = Number(values.delay ?? 1500);
  const engine = new Engine();
  try {
    await engine.openWorkspace({ path: values.workspace });
    const base = (await engine.baselineScenario()).scenario;
    const at = (t: number): Scenario => ({ ...base, mql: { ...base.mql, threshold: t } });
    const t0 = base.mql?.threshold;
    if (t0 === undefined) throw new Error('the baseline has no threshold');
    await engine.forecast({ scenario: at(t0), runs: 0 });
    const alone: number[] = [];
    const during: number[] = [];
    const cancelMs: number[] = [];
    const stalls: number[] = [];
    const meter = stallMeter();
    for (let i = 0; i < repeat; i++) {
      const a = t0 + 1 + 2 * i + 0.5;
      const b = a + 1;
      // The interval job of threshold a (its expected values first, as the editor has them before it asks).
      await engine.forecast({ scenario: at(a), runs: 0 });
      meter.start();
      const job = engine.forecast({ scenario: at(a), jobId: `iv-${i}` }).catch(() => null);
      await sleep(delay);
      let started = performance.now();
      const answer = await engine.forecast({ scenario: at(b), runs: 0 });
      during.push(performance.now() - started);
      await job;
      stalls.push(meter.stop());
      started = performance.now();
      const again = await engine.forecast({ scenario: at(b + 2), runs: 0 });
      alone.push(performance.now() - started);
      if (answer.metrics.mql_count.forecast === null || again.metrics.mql_count.forecast === null) throw new Error('no forecast');
      // Cancel mid-job.
      const cancelled = engine.forecast({ scenario: at(b), jobId: `cx-${i}` }).then(
        () => 'finished',
        () => 'cancelled',
      );
      await sleep(delay);
      started = performance.now();
      engine.cancel(`cx-${i}`);
      const how = await cancelled;
      cancelMs.push(performance.now() - started);
      if (how !== 'cancelled') console.log(`repeat ${i}: the job finished before the cancel`);
    }
    console.log(`expected values while an interval job runs: ${fmt(during)} ms`);
    console.log(`expected values alone (another new threshold): ${fmt(alone)} ms`);
    console.log(`cancel -> interval job ended: ${fmt(cancelMs)} ms`);
    console.log(`event loop's longest stall during each interval job: ${fmt(stalls)} ms`);
  } finally {
    engine.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
