// Latest wins: at most one request in flight; while it runs, newer values
// replace each other, and only the newest is sent when it returns. A slider
// drag of 200 pixels costs two or three forecasts, not 200 queued ones.

export class LatestWins<T> {
  private running = false;
  private pending: { key: string; value: T } | null = null;
  private lastSent: string | null = null;

  constructor(private readonly send: (value: T, key: string) => Promise<void>) {}

  /** Ask for value; sent now if idle, else kept (replacing any older waiting one). */
  submit(key: string, value: T): void {
    if (this.running) {
      this.pending = key === this.lastSent ? null : { key, value };
      return;
    }
    void this.run(key, value);
  }

  get busy(): boolean {
    return this.running;
  }

  /** Forget what was sent (a new workspace): the same key must be asked again. */
  reset(): void {
    this.pending = null;
    this.lastSent = null;
  }

  private async run(key: string, value: T): Promise<void> {
    this.running = true;
    this.lastSent = key;
    try {
      await this.send(value, key);
    } catch {
      // send reports its own errors; the next value still goes out
    } finally {
      this.running = false;
      const next = this.pending;
      this.pending = null;
      if (next) void this.run(next.key, next.value);
    }
  }
}
