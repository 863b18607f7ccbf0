// One workspace, one slot: work on a workspace runs one task at a time (a
// DuckDB connection runs one query at a time, and an import must not be read
// half-done), but not strictly first come, first served:
// - 'interactive' tasks (a slider's expected-values forecast) go ahead of
//   every other waiting task, then 'paging' ones (a lead-diff page), then
//   'normal' ones (interval runs, saves, reports) in arrival order, so the
//   answer the user is waiting for is not held up by slower work;
// - 'barrier' tasks (imports, opening a workspace) change the history: nothing
//   queued after one overtakes it, and one never runs beside anything;
// - a 'yielding' task (the interval runs) calls its yield point between
//   steps; there the event loop runs (cancel messages and new requests get in)
//   and waiting interactive and paging tasks run to completion before it
//   resumes. Only those run there: imports, saves and the rest wait for the slot.
// A yielding task must hold no shared mutable state across its yield points
// that an interactive task could change (forecast/interval-runs.ts says why it holds none).

export type Priority = 'barrier' | 'normal' | 'paging' | 'interactive';

const RANK: Readonly<Record<Priority, number>> = { barrier: 0, normal: 0, paging: 1, interactive: 2 };

/** Called by a yielding task between steps: resolves once waiting interactive work has run. */
export type YieldPoint = () => Promise<void>;

interface Entry {
  readonly priority: Priority;
  readonly start: () => Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class PriorityQueue {
  private readonly waiting: Entry[] = [];
  /** The slot is held (by a task, or lent by a yielding task to interactive ones). */
  private busy = false;

  /** How many tasks are queued or running. */
  private depth = 0;
  get pending(): number {
    return this.depth;
  }

  run<T>(task: () => Promise<T>, priority: Priority = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.depth += 1;
      const start = (): Promise<void> =>
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            this.depth -= 1;
          });
      this.waiting.push({ priority, start });
      this.pump();
    });
  }

  /** A normal-priority task that lets interactive and paging tasks run at its yield points. */
  runYielding<T>(task: (yieldPoint: YieldPoint) => Promise<T>): Promise<T> {
    return this.run(() => task(() => this.yieldPoint()), 'normal');
  }

  private pump(): void {
    if (this.busy) return;
    const entry = this.take(false);
    if (!entry) return;
    this.busy = true;
    void entry.start().finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  /** The next task: the highest-ranked one not queued behind a barrier (the first of equals), else (not at a yield point) the first. */
  private take(atYieldPoint: boolean): Entry | undefined {
    let index = -1;
    let rank = 0;
    for (let k = 0; k < this.waiting.length; k++) {
      const p = this.waiting[k]!.priority;
      if (p === 'barrier') break;
      if (RANK[p] > rank) {
        index = k;
        rank = RANK[p];
      }
    }
    if (index < 0) {
      if (atYieldPoint || this.waiting.length === 0) return undefined;
      index = 0;
    }
    return this.waiting.splice(index, 1)[0];
  }

  private async yieldPoint(): Promise<void> {
    // setImmediate, not a microtask: I/O callbacks (a cancel over HTTP or IPC, a new request) run first.
    await nextTurn();
    for (let entry = this.take(true); entry; entry = this.take(true)) {
      await entry.start();
      await nextTurn();
    }
  }
}
