// One workspace, one writer: imports, saves and forecasts on a workspace run
// one after another, never interleaved (a DuckDB connection runs one query at
// a time, and an import must not be read half-done).

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;

  /** How many tasks are queued or running. */
  get pending(): number {
    return this.depth;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.depth += 1;
    const next = this.tail.then(task, task);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next.finally(() => {
      this.depth -= 1;
    });
  }
}
