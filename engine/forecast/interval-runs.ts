// The interval runs of forecast.ts, in two levels (engine/forecast/README.md "Intervals"):
// - the queue (parameter draws + simulation dice): K stratified draws
//   (queueDrawCount), each simulated once for the baseline (kept per session:
//   it does not depend on the scenario) and the scenario, with history's
//   contacts moved; per draw the scenario's per-MQL expectations (full-data
//   models) are summed per group and the hours' quantiles read off one sort;
// - per run: the queue part is a draw from the predictive distribution of one
//   more queue draw (Student t over the K draws, hours on the log scale); the
//   outcome models' coefficient draw moves every group's sums by their
//   gradient (the delta method: d sum / d beta, measured once per window by
//   finite differences of assemble.ts expectations, so no formula is restated
//   here); on queue draw r mod K, extrapolated MQLs' shift is read off that
//   draw's grid of shifts and the luck of this year's outcomes is the Poisson
//   bootstrap's normal approximation around that draw's sums.
// Each run is then arithmetic on per-group sums, not a pass over the MQLs.
import type { MetricValues } from './assemble';
import { expectations, slaDeadlines, type AssembleContext, type CohortInWindow, type Etas } from './assemble';
import { Rng } from '../stats/rng';
import { bootstrapModels, EXTRAPOLATION_SD, extrapolationShift, stratifiedQueueDraw } from './intervals';
import { assembleContext, baselineContactSteps, simulateScenarioOn, windowContact0, windowContactOfSteps, windowContactSteps, windowEtas, type ScenarioState } from './kernel';
import { collectGarbage } from '../queue/collect-garbage';
import { queueSimExecutor, type QueueSimExecutor } from '../queue/sim-executor';
import { keepQueueDraw, type QueueDraw } from './queue-effects';
import { sizeBand, type Model, type OutcomeModels } from './outcome-models';
import { drawHours, DrawHourBuffers, type DrawHours } from './draw-hours';
import type { ForecastSession } from './session';
import type { LeadExpectations } from './types';

/** Wall ms of the last call's parts and its queue draws K (bench/intervals-timing.ts prints them). */
export const intervalTimings: { last: Record<string, number>; draws: number } = { last: {}, draws: 0 };

/**
 * Queue draws at most: each is a full simulation of the scenario's (and once per session the
 * baseline's) queue, the runs' main cost. The queue part's spread is estimated from K draws (sd
 * relative error about 1 / sqrt(2 (K - 1)): 24% at 10, 16% at 20); at 10 the S accuracy test's
 * coverage read 0.760, at 20 0.785 (as the one-simulation-per-run design).
 */
export const MAX_QUEUE_DRAWS = 20;
/** Fewest queue draws when the cohort is large: the predictive part's Student t then has 4 degrees of freedom. */
export const MIN_QUEUE_DRAWS = 5;
/**
 * Simulated MQL rows per call the draws may take (K x the scenario's cohort): 20 draws up to 85k MQLs
 * (S, and M's 84k), fewer above (L's 320-390k: 5). A draw costs about a second per 300k rows on this
 * machine, and the queue part's spread at K draws is honest at any K (the Student t widens it for the
 * fewer draws).
 */
export const QUEUE_DRAW_ROWS = 1_700_000;

/** K for `runs` runs over a cohort of `rows` MQLs: one per run up to MAX_QUEUE_DRAWS, fewer (not below MIN_QUEUE_DRAWS) for large cohorts. */
export function queueDrawCount(runs: number, rows = 0): number {
  const budget = rows > 0 ? Math.max(MIN_QUEUE_DRAWS, Math.floor(QUEUE_DRAW_ROWS / rows)) : MAX_QUEUE_DRAWS;
  return Math.max(0, Math.min(runs, MAX_QUEUE_DRAWS, budget));
}

export interface RowGroup {
  readonly rows: Int32Array;
}

export interface RunValues {
  /** Per run: all MQLs. */
  readonly overall: MetricValues[];
  /** Per group, per run. */
  readonly groups: MetricValues[][];
}

export interface IntervalRunOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** True stops the runs (checked at every yield point and between runs); intervalRuns then returns null. */
  readonly stop?: () => boolean;
  /**
   * Awaited between steps (each at most one simulation or one pass over the MQLs); default the next
   * event-loop turn. The engine's queue runs a slider's forecast there: safe, because what this
   * function keeps across it is its own (typed arrays it made, the scenario's cached pieces, which
   * nothing mutates once built, and memos keyed by identity); the replayer's shared buffers are read
   * only inside prepareScenario, before the runs start.
   */
  readonly yieldPoint?: () => Promise<void>;
  readonly modelCache: Map<number, OutcomeModels>;
  /** Queue draws K (benchmarks and tests); default queueDrawCount(runs, the scenario's cohort size). */
  readonly queueDraws?: number;
  /** Where the queue draws are simulated; default the process's worker threads (queue/sim-executor.ts). */
  readonly executor?: QueueSimExecutor;
}

const SUM = ['accept', 'reject', 'blackHole', 'sla', 'sql', 'opp', 'won', 'pipeline'] as const;
const MODEL_METRICS = [0, 1, 4, 5, 6, 7] as const; // the sums the outcome models move
/** (metric, model) pairs with a gradient: accept<-accept, reject<-reject, sql<-sql, opp/won/pipeline<-opp, won<-won. */
const PAIRS = [
  { metric: 0, model: 'accept' },
  { metric: 1, model: 'reject' },
  { metric: 4, model: 'sql' },
  { metric: 5, model: 'opp' },
  { metric: 6, model: 'opp' },
  { metric: 7, model: 'opp' },
  { metric: 6, model: 'won' },
] as const;
type ModelKey = (typeof PAIRS)[number]['model'];
const MODELS: readonly ModelKey[] = ['accept', 'reject', 'sql', 'opp', 'won'];
const H = 1e-5;
const STREAM_RESAMPLE = 0x1ead;

/** Engine ms between yields where the work can be cut (simulation slices, outcome runs): well inside the 50 ms a waiting request should wait at most. */
const SLICE_MS = 20;
/** Simulation steps between looks at the clock (a few ms at most). */
const SIM_STEPS = 4096;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Linearizations per window piece (scenario-cache.ts) and groups (their sizes). */
const linearCache = new WeakMap<object, Map<string, Linearization>>();

/** Baseline simulations per session, (seed, K) and draw: scenario-independent, so every scenario's intervals reuse them. */
const baselineCache = new WeakMap<ForecastSession, { readonly tag: string; readonly contact: Map<number, Float64Array>; readonly draws: Map<number, QueueDraw | null> }>();

export async function intervalRuns(
  session: ForecastSession,
  st: ScenarioState,
  groups: readonly RowGroup[],
  /** The expected-value evaluation (kernel.ts evaluate run 0): the delta method's base point. */
  point: LeadExpectations,
  runs: number,
  seed: number,
  options: IntervalRunOptions,
): Promise<RunValues | null> {
  // queue: the draws' simulations and moved contacts, of which wait: the main thread waiting for a worker's simulation.
  const t = { queue: 0, wait: 0, baseline: 0, draws: 0, linear: 0, runs: 0, gc: 0 };
  /** Each queue draw drops ~50 MB of arrays at L (simulation results, moved contacts, the baseline's simulation the first time): collected before the next (collect-garbage.ts). */
  const collect = (): void => {
    const t1 = performance.now();
    collectGarbage();
    t.gc += performance.now() - t1;
  };
  const pause = options.yieldPoint ?? nextTurn;
  let lastYield = performance.now();
  /** Yield, then say whether to go on. */
  const proceed = async (): Promise<boolean> => {
    await pause();
    lastYield = performance.now();
    return options.stop?.() !== true;
  };
  /** Runs a stepped computation, yielding once SLICE_MS have passed since the last yield; null when stopped. */
  const drive = async <T>(steps: Generator<void, T>): Promise<T | null> => {
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) return s.value;
      if (performance.now() - lastYield > SLICE_MS && !(await proceed())) return null;
    }
  };
  /** Awaits work done elsewhere (a worker's simulation), serving the yield point every SLICE_MS meanwhile; null when stopped. */
  const waitFor = async <T>(work: Promise<T>): Promise<T | null> => {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    for (;;) {
      await Promise.race([watched.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, SLICE_MS))]);
      if (settled) return watched;
      if (!(await proceed())) return null;
    }
  };
  const m = st.inWindow.lead.length;
  const G = groups.length + 1;
  const ctx = assembleContext(session, st);
  const models = session.models;
  const etas0 = windowEtas(session.trainEtas, models, st.feats, session);
  const mem = membership(groups, m);
  const mG = Float64Array.from({ length: G }, (_, g) => (g === 0 ? m : groups[g - 1]!.rows.length));

  let t0 = performance.now();
  // The gradients depend on the scenario's window piece and its groups only (not on the seed or runs): kept on the piece.
  let lins = linearCache.get(st.pieces.window);
  if (!lins) linearCache.set(st.pieces.window, (lins = new Map()));
  const groupsKey = groups.map((g) => g.rows.length).join(',');
  let lin = lins.get(groupsKey);
  if (!lin) {
    // Several passes over the MQLs (a second or more at 250k): yield between them; kept only once whole.
    const made = await drive(linearizationSteps(session, st, ctx, etas0, point, mem, G));
    if (made === null) return null;
    lins.set(groupsKey, (lin = made));
    collect();
  }
  t.linear += performance.now() - t0;

  // Extrapolated MQLs: their per-run shift is applied exactly (a sub-cohort re-assembled per run).
  const ex: number[] = [];
  for (let q = 0; q < m; q++) if (st.inWindow.extrapolated[q]) ex.push(q);
  const exRows = Int32Array.from(ex);
  const exEtas = subEtas(etas0, exRows);

  const K = options.queueDraws ?? queueDrawCount(runs, st.cohort.lead.length);
  // The draws move contacts, not SLA deadlines: those are read once (a lookup by lead per row, ~0.1 s a draw at L).
  const deadlines = slaDeadlines(ctx, st.inWindow);
  // Only the last (seed, K)'s baselines are kept: another seed would otherwise add K simulations' worth each time.
  let bcache = baselineCache.get(session);
  if (!bcache || bcache.tag !== `${seed}|${K}`) baselineCache.set(session, (bcache = { tag: `${seed}|${K}`, contact: new Map(), draws: new Map() }));
  const drawsKept = bcache.draws;
  // A draw's parameters (pickup means re-estimated from resampled delays: ~0.1 s a draw at L) depend on (seed, K, j) only.
  const drawOf = (j: number): QueueDraw | null => {
    if (!drawsKept.has(j)) drawsKept.set(j, stratifiedQueueDraw(session, seed, K, j));
    return drawsKept.get(j)!;
  };
  // Progress: the queue draws are most of the work; each run number is reported once, in order.
  let emitted = 0;
  const emit = (upTo: number) => {
    // (not onProgress?.(++emitted): an optional call skips its arguments when there is no callback)
    for (; emitted < Math.min(runs, upTo); emitted++) options.onProgress?.(emitted + 1, runs);
  };
  const drawShare = Math.floor(runs * 0.9);
  const summaries: DrawSummary[] = [];
  let lastE: LeadExpectations | null = null;
  let hourBuf: DrawHourBuffers | null = null;
  // With worker threads the scenario's simulations run ahead there while this thread folds the draw before (and
  // simulates the baseline's the first time: kept per session); without them they run here, in slices between yield points.
  const executor = options.executor ?? queueSimExecutor();
  const ahead = executor.usesWorkers && !st.sameQueue ? executor.size : 0;
  const simRunOf = (j: number): number => j + 1 + (seed - 1) * 100_003;
  const sims = new Map<number, Promise<Float64Array>>();
  const launch = (j: number): void => {
    if (j < K && !sims.has(j)) sims.set(j, simulateScenarioOn(executor, session, st, simRunOf(j), drawOf(j)));
  };
  // Once every baseline simulation is kept, this thread would only wait for the worker's first simulation: it
  // simulates draw 0 itself meanwhile (the same results as on a worker: tests/engine/sim-executor.test.ts), the
  // worker starting at draw 1 and kept one draw further ahead (at L 4.6 -> ~4 s a later call).
  const local = ahead > 0 && K > 1 && bcache.contact.size >= K ? 0 : -1;
  const abandon = (): null => {
    // Simulations still running on workers finish unobserved: their errors must not surface as unhandled rejections.
    for (const sim of sims.values()) void sim.catch(() => undefined);
    return null;
  };
  for (let j = 0; j < K; j++) {
    if (options.stop?.()) return abandon();
    // 1. The queue draw: baseline (kept per session) and scenario simulations, history's contacts moved.
    t0 = performance.now();
    if (ahead > 0) for (let a = j; a <= j + ahead + (local >= 0 ? 1 : 0); a++) if (a !== local) launch(a);
    const draw = drawOf(j);
    let bc = bcache.contact.get(j);
    if (!bc) {
      const made = await drive(baselineContactSteps(session, simRunOf(j), draw, SIM_STEPS));
      if (made === null) return abandon();
      bcache.contact.set(j, (bc = made));
      keepQueueDraw(bc);
      t.baseline += performance.now() - t0;
      t0 = performance.now();
    }
    let contact: Float64Array | null;
    if (ahead > 0 && j !== local) {
      const tw = performance.now();
      const scen = await waitFor(sims.get(j)!);
      t.wait += performance.now() - tw;
      sims.delete(j);
      contact = scen === null ? null : await drive(windowContactOfSteps(session, st, bc, scen));
    } else {
      contact = await drive(windowContactSteps(session, st, simRunOf(j), draw, bc, SIM_STEPS));
    }
    if (contact === null) return abandon();
    t.queue += performance.now() - t0;
    if (!(await proceed())) return abandon();

    // 2. Its per-MQL expectations (full-data models) summed per group, its hours quantiles.
    t0 = performance.now();
    const cohort: CohortInWindow = { ...st.inWindow, contact };
    // The draw before's columns and hour buffers are rewritten: nothing reads them once summarised.
    const e = (lastE = expectations(ctx, models, etas0, cohort, lastE ? { reuse: lastE, deadlines } : { deadlines }));
    hourBuf ??= new DrawHourBuffers(e.n);
    summaries.push({
      ...summarise(groupMoments(e, mem, G), drawHours(e, mem, G, hourBuf), mG, G),
      exGrid: exRows.length > 0 ? extrapolatedGrid(ctx, models, exEtas, subCohort(cohort, exRows), exRows, e, mem, G) : null,
    });
    t.draws += performance.now() - t0;
    collect();
    emit(Math.floor((drawShare * (j + 1)) / K));
    if (!(await proceed())) return null;
  }

  // 3. The runs: each on queue draw r mod K for the resampling and extrapolation parts, the queue part from all K draws.
  t0 = performance.now();
  const queue = queuePart(summaries, G);
  const out: RunValues = { overall: new Array<MetricValues>(runs), groups: groups.map(() => new Array<MetricValues>(runs)) };
  const delta = new Float64Array(G * 8);
  for (let r = 0; r < runs; r++) {
    if (options.stop?.()) return null;
    // The runs are cheap each (a bootstrap model draw the first time per session): yield by the clock.
    if (performance.now() - lastYield > SLICE_MS && !(await proceed())) return null;
    const rn = r + 1;
    const sm = summaries[r % K]!;
    const drawn = bootstrapModels(session, rn + (seed - 1) * 100_003, options.modelCache);
    lin.shift(delta, models, drawn);
    if (sm.exGrid) sm.exGrid.add(delta, extrapolationShift(seed, rn));
    const z = new Rng(seed ^ STREAM_RESAMPLE, rn + 1);
    for (let g = 0; g < G; g++) {
      const v = values(queue, sm, delta, g, mG[g]!, z, K);
      if (g === 0) out.overall[r] = v;
      else out.groups[g - 1]![r] = v;
    }
    emit(drawShare + Math.ceil(((r + 1) * (runs - drawShare)) / runs));
  }
  t.runs += performance.now() - t0;
  intervalTimings.last = t;
  intervalTimings.draws = K;
  return out;
}

export interface Membership {
  /** Row -> its groups (1-based group index; 0, all MQLs, is implicit): CSR. */
  readonly offsets: Int32Array;
  readonly members: Int32Array;
}

export function membership(groups: readonly RowGroup[], m: number): Membership {
  const offsets = new Int32Array(m + 1);
  for (const g of groups) for (let q = 0; q < g.rows.length; q++) offsets[g.rows[q]! + 1]!++;
  for (let q = 0; q < m; q++) offsets[q + 1] = offsets[q + 1]! + offsets[q]!;
  const members = new Int32Array(offsets[m]!);
  const fill = offsets.slice(0, m);
  groups.forEach((g, gi) => {
    for (let q = 0; q < g.rows.length; q++) members[fill[g.rows[q]!]!++] = gi + 1;
  });
  return { offsets, members };
}

/** Per group: the count and, per expectation (SUM order), the sum and the sum of squares around the mean. */
interface Moments {
  readonly sum: Float64Array;
  readonly ss: Float64Array;
}

function groupMoments(e: LeadExpectations, mem: Membership, G: number): Moments {
  const n = new Float64Array(G);
  const sum = new Float64Array(G * 8);
  const sq = new Float64Array(G * 8);
  const v = new Float64Array(8);
  const { accept, reject, blackHole, sla, sql, opp, won, pipeline } = e;
  for (let q = 0; q < e.n; q++) {
    // The row's eight values once, then into each of its groups (all MQLs, tier, source, week).
    v[0] = accept[q]!;
    v[1] = reject[q]!;
    v[2] = blackHole[q]!;
    v[3] = sla[q]!;
    v[4] = sql[q]!;
    v[5] = opp[q]!;
    v[6] = won[q]!;
    v[7] = pipeline[q]!;
    for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
      const g = u < mem.offsets[q]! ? 0 : mem.members[u]!;
      n[g] = n[g]! + 1;
      const b = g * 8;
      for (let k = 0; k < 8; k++) {
        const x = v[k]!;
        sum[b + k] = sum[b + k]! + x;
        sq[b + k] = sq[b + k]! + x * x;
      }
    }
  }
  const ss = Float64Array.from(sq, (v, i) => {
    const g = Math.floor(i / 8);
    return n[g]! > 0 ? Math.max(0, v - sum[i]! ** 2 / n[g]!) : 0;
  });
  return { sum, ss };
}

/** Extrapolation shifts at which extrapolated MQLs' sums are computed per queue draw (in sds; between them linear). */
const EX_GRID = [-4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4].map((z) => z * EXTRAPOLATION_SD);

/**
 * Extrapolated MQLs' group sums as a function of the run's log-odds shift:
 * computed exactly at the grid's shifts once per queue draw, read between
 * them by linear interpolation per run.
 */
function extrapolatedGrid(ctx: AssembleContext, models: OutcomeModels, etas: Etas, c: CohortInWindow, rows: Int32Array, e0: LeadExpectations, mem: Membership, G: number) {
  // The sums are made in a function of their own: a closure here would keep e0's columns (~20 MB a draw at L) alive with `add`.
  const at = extrapolatedSums(ctx, models, etas, c, rows, e0, mem, G);
  return {
    add(delta: Float64Array, shift: number): void {
      let i = 0;
      while (i < EX_GRID.length - 2 && shift > EX_GRID[i + 1]!) i++;
      const f = Math.min(1, Math.max(0, (shift - EX_GRID[i]!) / (EX_GRID[i + 1]! - EX_GRID[i]!)));
      const a = at[i]!;
      const b = at[i + 1]!;
      for (let p = 0; p < delta.length; p++) delta[p] = delta[p]! + a[p]! + f * (b[p]! - a[p]!);
    },
  };
}

/** Per EX_GRID shift: the extrapolated MQLs' change of each group's sums (G x 8) against e0. */
function extrapolatedSums(ctx: AssembleContext, models: OutcomeModels, etas: Etas, c: CohortInWindow, rows: Int32Array, e0: LeadExpectations, mem: Membership, G: number): Float64Array[] {
  const base = SUM.map((k) => e0[k]);
  return EX_GRID.map((shift) => {
    const e = expectations(ctx, models, etas, c, { extrapolationShift: shift });
    const d = new Float64Array(G * 8);
    for (let x = 0; x < rows.length; x++) {
      const q = rows[x]!;
      for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
        const g = u < mem.offsets[q]! ? 0 : mem.members[u]!;
        for (const k of MODEL_METRICS) d[g * 8 + k] = d[g * 8 + k]! + e[SUM[k]][x]! - base[k]![q]!;
      }
    }
    return d;
  });
}

/** What the runs need of a queue draw: per group, rates and their resampling sd, hours quantiles and theirs. */
interface DrawSummary {
  /** G x 8: each expectation's mean per MQL (SUM order). */
  readonly mean: Float64Array;
  /** G x 8: its Poisson-bootstrap sd (sqrt(sum of squares) / n). */
  readonly boot: Float64Array;
  /** G x 2: median and 90th percentile of hours (NaN none), and their bootstrap sd (rank +-1 sd). */
  readonly hours: Float64Array;
  readonly hoursSd: Float64Array;
  readonly exGrid: ReturnType<typeof extrapolatedGrid> | null;
}

function summarise(mo: Moments, dh: DrawHours, size: Float64Array, G: number): Omit<DrawSummary, 'exGrid'> {
  const mean = new Float64Array(G * 8);
  const boot = new Float64Array(G * 8);
  for (let g = 0; g < G; g++) {
    const n = size[g]!;
    for (let k = 0; k < 8; k++) {
      mean[g * 8 + k] = n > 0 ? mo.sum[g * 8 + k]! / n : Number.NaN;
      boot[g * 8 + k] = n > 0 ? Math.sqrt(mo.ss[g * 8 + k]!) / n : 0;
    }
  }
  return { mean, boot, hours: dh.hours, hoursSd: dh.hoursSd };
}

/**
 * The queue's part of every run, from the K draws: per group and metric the
 * mean and sd over the draws, a run then drawing mean + sd sqrt(1 + 1/K) T
 * with T ~ Student t (K - 1 df): the predictive distribution of one more
 * queue draw. Why not the K values themselves (run r on draw r mod K): with
 * K = 10 the interval's 5th and 95th percentiles would each rest on one
 * draw, the extreme of 10 (on average 1.54 sd where a 95th percentile is
 * 1.64, and very variable); the predictive distribution uses all K for
 * both tails. Hours (positive, a multiplicative response) on the log scale.
 */
interface QueuePart {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** G x 2 on log hours; NaN: some draw had no contacted MQL in the group (the run's own draw is used). */
  readonly logHours: Float64Array;
  readonly logHoursSd: Float64Array;
}

function queuePart(s: readonly DrawSummary[], G: number): QueuePart {
  const K = s.length;
  const moments = (n: number, at: (d: DrawSummary, i: number) => number) => {
    const mean = new Float64Array(n);
    const sd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let a = 0;
      for (const d of s) a += at(d, i);
      const mu = a / K;
      let v = 0;
      for (const d of s) v += (at(d, i) - mu) ** 2;
      mean[i] = mu;
      sd[i] = K > 1 ? Math.sqrt(v / (K - 1)) : 0;
    }
    return { mean, sd };
  };
  const rates = moments(G * 8, (d, i) => d.mean[i]!);
  const logs = moments(G * 2, (d, i) => (d.hours[i]! > 0 ? Math.log(d.hours[i]!) : Number.NaN));
  return { mean: rates.mean, sd: rates.sd, logHours: logs.mean, logHoursSd: logs.sd };
}

/** Student t with df degrees of freedom (df >= 1): Z / sqrt(chi2_df / df). */
function studentT(z: Rng, df: number): number {
  let c = 0;
  for (let i = 0; i < df; i++) c += z.normal() ** 2;
  return z.normal() / Math.sqrt(c / df);
}

/**
 * One run's metric values of group g: the queue part (the predictive draw),
 * the coefficient and extrapolation draws' change (delta), and the
 * resampling of this year's MQLs (the Poisson bootstrap's normal
 * approximation) on the run's queue draw.
 */
function values(qp: QueuePart, sm: DrawSummary, delta: Float64Array, g: number, size: number, z: Rng, K: number): MetricValues {
  const d = g * 8;
  const spread = Math.sqrt(1 + 1 / K);
  const t = () => (K > 1 ? studentT(z, K - 1) : 0);
  const draw = (k: number) => qp.mean[d + k]! + qp.sd[d + k]! * spread * t() + sm.boot[d + k]! * z.normal() + delta[d + k]! / size;
  const rate = (k: number) => (size > 0 ? clamp01(draw(k)) : null);
  const hours = (i: number): number | null => {
    const own = sm.hours[g * 2 + i]!;
    if (Number.isNaN(own)) return null;
    const mu = qp.logHours[g * 2 + i]!;
    const q = Number.isNaN(mu) ? own : Math.exp(mu + qp.logHoursSd[g * 2 + i]! * spread * t());
    return Math.max(0, q + sm.hoursSd[g * 2 + i]! * z.normal());
  };
  return {
    mql_count: size,
    acceptance_rate: rate(0),
    rejection_rate: rate(1),
    black_hole_rate: rate(2),
    sla_compliance_rate: rate(3),
    median_hours_to_first_contact: hours(0),
    p90_hours_to_first_contact: hours(1),
    sql_rate: rate(4),
    opportunity_rate: rate(5),
    won_count: size > 0 ? Math.max(0, draw(6) * size) : 0,
    pipeline_amount: size > 0 ? Math.max(0, draw(7) * size) : 0,
  };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function subEtas(e: Etas, rows: Int32Array): Etas {
  const pick = (a: Float64Array) => Float64Array.from(rows, (q) => a[q]!);
  return { accept: pick(e.accept), reject: pick(e.reject), contacted: pick(e.contacted), sql: pick(e.sql), opp: pick(e.opp), won: pick(e.won) };
}

function subCohort(c: CohortInWindow, rows: Int32Array): CohortInWindow {
  return {
    lead: Int32Array.from(rows, (q) => c.lead[q]!),
    arrival: Float64Array.from(rows, (q) => c.arrival[q]!),
    tier: Int32Array.from(rows, (q) => c.tier[q]!),
    rep: Int32Array.from(rows, (q) => c.rep[q]!),
    shared: Uint8Array.from(rows, (q) => c.shared[q]!),
    contact: Float64Array.from(rows, (q) => c.contact[q]!),
    extrapolated: Uint8Array.from(rows, (q) => c.extrapolated[q]!),
  };
}

/**
 * The groups' sums as linear functions of the models' coefficients (the
 * delta method), at the expected-value contacts: per group and (metric,
 * model) pair the gradient over [intercept, coefficients...], and per group
 * the pipeline's gradient over the size bands' mean amounts. Derivatives
 * per MQL are finite differences of assemble.ts expectations (five passes:
 * the base etas of accept/reject/sql/opp together, won's with the amounts,
 * then each extra column's coefficient: worked, contacted, speed basis).
 */
export interface Linearization {
  /** delta (G x 8) = each group's sum change under `drawn` against `point`. */
  shift(delta: Float64Array, point: OutcomeModels, drawn: OutcomeModels): void;
}

export function linearization(session: ForecastSession, st: ScenarioState, ctx: AssembleContext, etas0: Etas, e0: LeadExpectations, mem: Membership, G: number): Linearization {
  const steps = linearizationSteps(session, st, ctx, etas0, e0, mem, G);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** linearization() in steps (one pass over the MQLs each), so intervalRuns can yield between them. */
function* linearizationSteps(session: ForecastSession, st: ScenarioState, ctx: AssembleContext, etas0: Etas, e0: LeadExpectations, mem: Membership, G: number): Generator<void, Linearization> {
  const models = session.models;
  const m = st.inWindow.lead.length;
  const cohort: CohortInWindow = { ...st.inWindow, contact: windowContact0(session, st) };
  const nBase = models.accept.nBase;
  const P = 1 + nBase;
  const width = (k: ModelKey) => 1 + models[k].fit.coefficients.length;

  // Per row and pair: d(expectation)/d(eta). Every pass writes into one set of expectation columns (~26 MB
  // at L a set): each pass's differences are read off before the next pass rewrites them.
  const plus = (a: Float64Array) => Float64Array.from(a, (v) => v + H);
  const diffCols = (e: LeadExpectations) => [e.accept, e.reject, e.sql, e.opp, e.won, e.pipeline];
  const d0 = diffCols(e0);
  const dEta: Float64Array[] = PAIRS.map(() => new Float64Array(m));
  let e = expectations(ctx, models, { ...etas0, accept: plus(etas0.accept), reject: plus(etas0.reject), sql: plus(etas0.sql), opp: plus(etas0.opp) }, cohort);
  const d1 = diffCols(e);
  for (let q = 0; q < m; q++) for (let p = 0; p < 6; p++) dEta[p]![q] = (d1[p]![q]! - d0[p]![q]!) / H;
  yield;
  const amountUp: OutcomeModels = { ...models, amountByBand: Float64Array.from(models.amountByBand, (a) => a + 1) };
  e = expectations(ctx, amountUp, { ...etas0, won: plus(etas0.won) }, cohort, { reuse: e });
  for (let q = 0; q < m; q++) dEta[6]![q] = (e.won[q]! - e0.won[q]!) / H;
  // Pipeline per size band's mean amount (exactly linear: a step of 1), read before the columns are rewritten.
  const amount = new Float64Array(G * 4);
  const size = session.cols.leads.companySize;
  for (let q = 0; q < m; q++) {
    const d = e.pipeline[q]! - e0.pipeline[q]!;
    if (d === 0) continue;
    const band = sizeBand(size[st.inWindow.lead[q]!]!);
    for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
      const g = u < mem.offsets[q]! ? 0 : mem.members[u]!;
      amount[g * 4 + band] = amount[g * 4 + band]! + d;
    }
  }
  yield;

  // Gradients over [intercept, base coefficients], then the extra columns.
  const grad = baseGradients(session, st, dEta, mem, G, width);
  yield;
  // Extra columns (coefficient index nBase + c): one pass per c, every model that has it moved at once.
  const maxExtra = Math.max(...MODELS.map((k) => width(k) - P));
  for (let c = 0; c < maxExtra; c++) {
    const moved = { ...models };
    for (const k of MODELS) if (width(k) - P > c) moved[k] = withCoefficient(models[k], nBase + c, H);
    e = expectations(ctx, moved, etas0, cohort, { reuse: e });
    yield;
    const dc = diffCols(e);
    for (let q = 0; q < m; q++) {
      for (let p = 0; p < 6; p++) {
        const k = PAIRS[p]!.model;
        if (width(k) - P <= c) continue;
        const d = (dc[p]![q]! - d0[p]![q]!) / H;
        if (d === 0) continue;
        const gr = grad[p]!;
        const wd = width(k);
        for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
          const b = (u < mem.offsets[q]! ? 0 : mem.members[u]!) * wd;
          gr[b + P + c] = gr[b + P + c]! + d;
        }
      }
    }
  }
  yield;

  const shiftOf = new Map<ModelKey, Float64Array>();
  return {
    shift(delta, point, drawn) {
      delta.fill(0);
      if (drawn === point) return;
      for (const k of MODELS) {
        const a = point[k].fit;
        const b = drawn[k].fit;
        const s = shiftOf.get(k) ?? new Float64Array(width(k));
        shiftOf.set(k, s);
        s[0] = b.intercept - a.intercept;
        for (let c = 0; c < a.coefficients.length; c++) s[c + 1] = b.coefficients[c]! - a.coefficients[c]!;
      }
      PAIRS.forEach((pair, p) => {
        const s = shiftOf.get(pair.model)!;
        const wd = s.length;
        const gr = grad[p]!;
        for (let g = 0; g < G; g++) {
          let v = 0;
          const b = g * wd;
          for (let c = 0; c < wd; c++) v += gr[b + c]! * s[c]!;
          delta[g * 8 + pair.metric] = delta[g * 8 + pair.metric]! + v;
        }
      });
      for (let g = 0; g < G; g++) {
        let v = 0;
        for (let band = 0; band < 4; band++) v += amount[g * 4 + band]! * (drawn.amountByBand[band]! - point.amountByBand[band]!);
        delta[g * 8 + 7] = delta[g * 8 + 7]! + v;
      }
    },
  };
}

/** Per (metric, model) pair, each group's gradient over [intercept, base coefficients] (extra columns left 0). */
function baseGradients(session: ForecastSession, st: ScenarioState, dEta: readonly Float64Array[], mem: Membership, G: number, width: (k: ModelKey) => number): Float64Array[] {
  const m = st.inWindow.lead.length;
  const nBase = session.models.accept.nBase;
  const grad: Float64Array[] = PAIRS.map((p) => new Float64Array(G * width(p.model)));
  // The fresh rows' features, here only: ~35 MB at L, let go when this returns.
  const x = st.feats.freshUnkept();
  const tx = session.training.x;
  const { trainRow, freshRow } = st.feats;
  const nzIdx = new Int32Array(nBase);
  const nzVal = new Float64Array(nBase);
  for (let q = 0; q < m; q++) {
    let any = false;
    for (let p = 0; p < PAIRS.length; p++) if (dEta[p]![q] !== 0) any = true;
    if (!any) continue;
    const t = trainRow[q]!;
    const f = freshRow[q]!;
    let nz = 0;
    for (let c = 0; c < nBase; c++) {
      const v = t >= 0 ? tx[c]![t]! : x[c]![f]!;
      if (v !== 0) {
        nzIdx[nz] = c;
        nzVal[nz++] = v;
      }
    }
    for (let p = 0; p < PAIRS.length; p++) {
      const d = dEta[p]![q]!;
      if (d === 0) continue;
      const gr = grad[p]!;
      const wd = width(PAIRS[p]!.model);
      for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
        const b = (u < mem.offsets[q]! ? 0 : mem.members[u]!) * wd;
        gr[b] = gr[b]! + d;
        for (let z = 0; z < nz; z++) gr[b + 1 + nzIdx[z]!] = gr[b + 1 + nzIdx[z]!]! + d * nzVal[z]!;
      }
    }
  }
  return grad;
}

function withCoefficient(model: Model, index: number, h: number): Model {
  const coefficients = Float64Array.from(model.fit.coefficients);
  coefficients[index] = coefficients[index]! + h;
  return { nBase: model.nBase, fit: { ...model.fit, coefficients } };
}
