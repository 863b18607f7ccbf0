// Queue simulations on worker threads (engine/queue/sim-executor.ts) give
// exactly the in-process results, report the simulation's own errors, and the
// interval runs built on them equal the in-process runs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkSchedule } from '../../engine/calendar/business-hours';
import { forecast } from '../../engine/forecast/forecast';
import { ForecastSession } from '../../engine/forecast/session';
import { importDirectory } from '../../engine/import/importer';
import { QueueSimExecutor, type QueueSimInput } from '../../engine/queue/sim-executor';
import { HOUR_MS, simulateQueues } from '../../engine/queue/simulate';
import { Rng } from '../../engine/stats/rng';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };

/** A busy week for three reps in two time zones, with black holes and reviews. */
function busyQueue(n: number, seed: number): QueueSimInput {
  const rng = new Rng(seed, 1);
  const start = Date.UTC(2025, 2, 3, 8);
  const arrival = new Float64Array(n);
  let t = start;
  for (let i = 0; i < n; i++) arrival[i] = t += rng.uniform() * 0.5 * HOUR_MS;
  const schedules = [
    new WorkSchedule({ timezone: 'America/New_York', startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] }),
    new WorkSchedule({ timezone: 'Europe/Berlin', startMinute: 480, endMinute: 960, weekdays: [1, 2, 3, 4, 5] }),
    new WorkSchedule({ timezone: 'America/New_York', startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] }),
  ];
  return {
    reps: {
      schedules,
      dailyCapacity: Float64Array.of(6.5, 8, 4.2),
      serviceMs: Float64Array.of(0.4 * HOUR_MS, 0.3 * HOUR_MS, 0.6 * HOUR_MS),
      pickupMeanMs: Float64Array.of(0.5 * HOUR_MS, 0.25 * HOUR_MS, HOUR_MS),
    },
    mqls: {
      arrival,
      rep: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 3)),
      priority: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 3)),
      key: Int32Array.from({ length: n }, (_, i) => i),
    },
    options: {
      seed,
      run: 3,
      blackHoles: { intercept: [-3, -2.5, -2], slope: 0.8, backlogScale: [6.5, 8, 4.2], tierEffect: [0, 0.3, 0.6] },
      review: { skipByTier: [0.05, 0.1, 0.2], queuedByTier: [0.02, 0.05, 0.1] },
    },
  };
}

describe('QueueSimExecutor', () => {
  it('simulates on worker threads exactly as in-process, several at once', async () => {
    const executor = new QueueSimExecutor(2);
    try {
      const inputs = [1, 2, 3, 4].map((s) => busyQueue(400, s));
      const onWorkers = await Promise.all(inputs.map((i) => executor.simulate(i)));
      expect(executor.usesWorkers).toBe(true);
      inputs.forEach((input, k) => {
        const here = simulateQueues(input.reps, input.mqls, input.options);
        expect(onWorkers[k]!.contactAt).toEqual(here.contactAt);
        expect(onWorkers[k]!.flags).toEqual(here.flags);
        expect(onWorkers[k]!.ignoreP).toEqual(here.ignoreP);
        expect(onWorkers[k]!.finalRep).toEqual(here.finalRep);
      });
      // The contacts are real: the reps reach dozens of the week's leads, not all of them.
      const reached = onWorkers[0]!.contactAt.filter(Number.isFinite).length;
      expect(reached).toBeGreaterThan(50);
      expect(reached).toBeLessThan(400);
    } finally {
      await executor.close();
    }
  });

  it("passes the simulation's own error back, and keeps working", async () => {
    const executor = new QueueSimExecutor(1);
    try {
      const bad = busyQueue(50, 9);
      bad.mqls.arrival.reverse();
      await expect(executor.simulate(bad)).rejects.toThrow(/ascending/);
      const good = busyQueue(50, 9);
      expect((await executor.simulate(good)).contactAt).toEqual(simulateQueues(good.reps, good.mqls, good.options).contactAt);
      expect(executor.usesWorkers).toBe(true);
    } finally {
      await executor.close();
    }
  });
});

describe('interval runs on worker threads', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openWorkspace(join(scratchDir('hl-sim-executor-'), 'w.duckdb'));
    await importDirectory(ws, SHIPPED);
  });
  afterAll(() => ws?.close());

  it('equal the in-process runs, for a scenario with a queue of its own', async () => {
    const scenario = { version: 1, mql: { threshold: 50 }, capacity: { extra_reps: -1 }, window: WINDOW };
    const workers = new QueueSimExecutor(2);
    try {
      const a = await forecast(await ForecastSession.open(ws), scenario, { runs: 30, seed: 3, executor: workers });
      expect(workers.usesWorkers).toBe(true);
      const b = await forecast(await ForecastSession.open(ws), scenario, { runs: 30, seed: 3, executor: new QueueSimExecutor(0) });
      expect(a.metrics).toEqual(b.metrics);
      expect(a.segments).toEqual(b.segments);
      expect(a.metrics.black_hole_rate.high!).toBeGreaterThan(a.metrics.black_hole_rate.low!);
    } finally {
      await workers.close();
    }
  });
});
