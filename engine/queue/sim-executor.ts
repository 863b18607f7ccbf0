// Runs queue simulations on worker threads (sim-worker.ts), so independent
// simulations (the interval runs' K queue draws) use the machine's other core
// while the main thread folds the previous draw. Results are exactly those of
// simulateQueues in-process: the simulation is deterministic in its inputs.
// Where no worker can start (a bundle without the worker file, a packaged app
// that cannot load it), the executor simulates in-process instead.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { toRequest, type QueueSimInput, type SimReply } from './sim-protocol';
import { simulateQueues, type QueueResult } from './simulate';

export type { QueueSimInput } from './sim-protocol';

interface Task {
  readonly input: QueueSimInput;
  resolve(result: QueueResult): void;
  reject(err: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** Tasks sent to this worker, by request id, in the order sent. */
  readonly pending: Map<number, Task>;
  /** Ended by close(): its exit is no failure. */
  closing: boolean;
}

/**
 * The worker's young generation, MB. Its work is typed arrays (outside the V8 heap) and few small objects,
 * and V8's default young generation (tens of MB, filled before each scavenge) was most of what the worker
 * held: at M closing it gave back ~52 MB with the default, ~27 MB at 4 (the RSS budget is 2 GB at L).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** The worker script beside this module: sim-worker.ts through tsx (tests, CLI, browser mode), sim-worker.mjs in the desktop bundle. */
function workerScript(): URL | null {
  const url = new URL(import.meta.url.endsWith('.ts') ? './sim-worker-tsx.mjs' : './sim-worker.mjs', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

export class QueueSimExecutor {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  /** Set when a worker could not start or died: from then on everything runs in-process. */
  private inProcess: boolean;

  constructor(
    /** Worker threads at most; 0 simulates in-process. Default: the cores the main thread leaves (it folds draws meanwhile), at least one. */
    readonly size: number = Math.max(1, availableParallelism() - 1),
  ) {
    this.inProcess = size <= 0;
  }

  /** True while simulations run on workers (false once the executor fell back to in-process). */
  get usesWorkers(): boolean {
    return !this.inProcess;
  }

  simulate(input: QueueSimInput): Promise<QueueResult> {
    const slot = this.inProcess ? null : this.pickSlot();
    if (!slot) return Promise.resolve().then(() => simulateQueues(input.reps, input.mqls, input.options));
    return new Promise<QueueResult>((resolve, reject) => {
      const id = ++this.nextId;
      slot.pending.set(id, { input, resolve, reject });
      // A worker with work keeps the process alive (a CLI awaiting a forecast); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(toRequest(id, input));
    });
  }

  /** Ends the workers; later simulations start new ones. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const s of slots) s.closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** The least busy worker, starting one while fewer than `size` run; null when none can start. */
  private pickSlot(): Slot | null {
    let best: Slot | null = null;
    for (const s of this.slots) if (!best || s.pending.size < best.pending.size) best = s;
    if (best && (best.pending.size === 0 || this.slots.length >= this.size)) return best;
    return this.startSlot() ?? best;
  }

  private startSlot(): Slot | null {
    const script = workerScript();
    if (script === null) {
      this.inProcess = true;
      return null;
    }
    let worker: Worker;
    try {
      worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    } catch {
      this.inProcess = true;
      return null;
    }
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), closing: false };
    worker.on('message', (reply: SimReply) => {
      const task = slot.pending.get(reply.id);
      if (!task) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.result);
    });
    // A worker that cannot load or dies: its tasks, and all later ones, run in-process.
    const fail = (): void => {
      if (slot.closing) return;
      this.inProcess = true;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const tasks = [...slot.pending.values()];
      slot.pending.clear();
      void worker.terminate();
      for (const t of tasks) {
        try {
          t.resolve(simulateQueues(t.input.reps, t.input.mqls, t.input.options));
        } catch (err) {
          t.reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0 || code !== 0) fail();
    });
    this.slots.push(slot);
    return slot;
  }
}

let shared: QueueSimExecutor | null = null;

/** The process's executor (workers started on first use, idle ones never keep the process alive). */
export function queueSimExecutor(): QueueSimExecutor {
  shared ??= new QueueSimExecutor();
  return shared;
}
