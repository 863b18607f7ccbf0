// Timing helpers: a warm-up call, then N timed calls; median, min and max.

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
  /** The untimed warm-up calls' times (ms), e.g. a cold cache's cost. */
  readonly warmupMs?: readonly number[];
}

export function statsOf(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError('no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}

export interface MeasureOptions {
  readonly runs: number;
  /** Untimed calls first (default 1). */
  readonly warmup?: number;
  /** Called before each call, untimed (e.g. a fresh file). */
  readonly setup?: () => Promise<void> | void;
  /** Called after each call, untimed. */
  readonly teardown?: () => Promise<void> | void;
  readonly label?: string;
}

/** Times fn (ms): warm-up, then opts.runs timed calls. */
export async function measure(fn: () => Promise<unknown> | unknown, opts: MeasureOptions): Promise<Stats> {
  const samples: number[] = [];
  const warm: number[] = [];
  const warmup = opts.warmup ?? 1;
  for (let i = 0; i < warmup + opts.runs; i++) {
    if (opts.setup) await opts.setup();
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    if (opts.teardown) await opts.teardown();
    if (i >= warmup) samples.push(ms);
    else warm.push(ms);
    if (opts.label) process.stderr.write(`  ${opts.label} ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${opts.runs}`}: ${ms.toFixed(1)} ms\n`);
  }
  return { ...statsOf(samples), warmupMs: warm };
}

/** Samples resident memory every `everyMs` and keeps the peak seen since the last reset. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(everyMs = 50): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  /** Peak bytes since the last reset, then starts over. */
  takePeak(): number {
    this.sample();
    const p = this.peak;
    this.peak = 0;
    return p;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
