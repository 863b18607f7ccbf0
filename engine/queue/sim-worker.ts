// A worker thread that runs queue simulations (sim-executor.ts sends them):
// the interval runs' K queue draws are independent, so they run beside the
// main thread's per-draw expectations instead of after them.
import { parentPort } from 'node:worker_threads';
import type { WorkSchedule } from '../calendar/business-hours';
import { collectGarbage } from './collect-garbage';
import { fromRequest, resultTransfer, type SimReply, type SimRequest } from './sim-protocol';
import { simulateQueues } from './simulate';

const schedules = new Map<string, WorkSchedule>();
const port = parentPort;
if (port === null) throw new Error('sim-worker.ts runs only as a worker thread');

port.on('message', (req: SimRequest) => {
  let reply: SimReply;
  try {
    const input = fromRequest(req, schedules);
    const result = simulateQueues(input.reps, input.mqls, input.options);
    reply = { id: req.id, result };
    port.postMessage(reply, resultTransfer(result));
    // A simulation leaves tens of MB of typed arrays behind (its copied inputs, its state): collected at once
    // rather than when V8 gets round to it, or a few of them pile up (~300 MB at L, against a 2 GB budget).
    collectGarbage();
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});
