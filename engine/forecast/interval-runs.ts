// The interval runs of forecast.ts, in two levels (engine/forecast/README.md "Intervals"):
// - the queue (parameter draws + simulation dice): K draws (queueDrawCount),
//   each simulated once for the baseline (kept per session: it does not
//   depend on the scenario) and the scenario, with history's contacts moved;
// - per run: the outcome models' coefficient draw, the extrapolation shift
//   and Poisson weights per lead, on the queue draw r mod K. The per-MQL
//   expectations of a queue draw are computed once (full-data models); a
//   run's coefficient draw moves every group's sums by their gradient
//   (the delta method: d sum / d beta, measured once per call by finite
//   differences of assemble.ts expectations, so no formula is restated here);
//   extrapolated MQLs' shift is applied exactly, row by row.
// Each run is then a pass over typed arrays: Poisson weights by a hash of
// (seed, run, lead) (the same lead gets the same weight in every scenario),
// weighted sums per group, weighted hours quantiles over the queue draw's
// pre-sorted contacts.
import type { MetricValues } from './assemble';
import { expectations, type AssembleContext, type CohortInWindow, type Etas } from './assemble';
import { bootstrapModels, extrapolationShift, stratifiedQueueDraw } from './intervals';
import { baselineContact, windowContact, windowContact0, windowEtas, type ScenarioState } from './kernel';
import { sizeBand, type Model, type OutcomeModels } from './outcome-models';
import { stableOrderByValue } from './radix-order';
import type { ForecastSession } from './session';
import type { LeadExpectations } from './types';

/** Wall ms of the last call's parts (bench/intervals-timing.ts prints them). */
export const intervalTimings: { last: Record<string, number> } = { last: {} };

/** Queue draws at most: each is a full simulation of the scenario's (and once per session the baseline's) queue. */
export const MAX_QUEUE_DRAWS = 10;

/** K for `runs` runs: one per run up to MAX_QUEUE_DRAWS. */
export function queueDrawCount(runs: number): number {
  return Math.max(0, Math.min(runs, MAX_QUEUE_DRAWS));
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
  /** True stops the runs (checked between runs); intervalRuns then returns null. */
  readonly stop?: () => boolean;
  readonly modelCache: Map<number, OutcomeModels>;
}

/** Sums per group: weight, the eight expectation sums (SUM order), weighted hours weight. */
const NS = 10;
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
const SEED_LEAD_WEIGHTS = 0x1ead;

/** Baseline simulations per session and (seed, K, draw): scenario-independent, so every scenario's intervals reuse them. */
const baselineCache = new WeakMap<ForecastSession, Map<string, Float64Array>>();

export async function intervalRuns(
  session: ForecastSession,
  st: ScenarioState,
  groups: readonly RowGroup[],
  runs: number,
  seed: number,
  options: IntervalRunOptions,
): Promise<RunValues | null> {
  const t = { queue: 0, baseline: 0, draws: 0, linear: 0, runs: 0 };
  const m = st.rows.length;
  const G = groups.length + 1;
  const ctx: AssembleContext = {
    hist: session.hist,
    policy: st.policy,
    schedules: st.pool.schedules,
    fallback: session.repSchedules.fallback,
    companySize: session.cols.leads.companySize,
    deadlines: session.deadlineCache,
  };
  const models = session.models;
  const etas0 = windowEtas(session.trainEtas, models, st.feats, session);
  const mem = membership(groups, m);
  const mG = Float64Array.from({ length: G }, (_, g) => (g === 0 ? m : groups[g - 1]!.rows.length));

  let t0 = performance.now();
  const lin = linearization(session, st, ctx, etas0, mem, G);
  t.linear += performance.now() - t0;

  // Extrapolated MQLs: their per-run shift is applied exactly (a sub-cohort re-assembled per run).
  const ex: number[] = [];
  for (let q = 0; q < m; q++) if (st.inWindow.extrapolated[q]) ex.push(q);
  const exRows = Int32Array.from(ex);
  const exEtas = subEtas(etas0, exRows);

  const K = queueDrawCount(runs);
  let bcache = baselineCache.get(session);
  if (!bcache) baselineCache.set(session, (bcache = new Map()));
  const out: RunValues = { overall: new Array<MetricValues>(runs), groups: groups.map(() => new Array<MetricValues>(runs)) };
  const y = new Float64Array(m * 8);
  const hw = new Float64Array(m);
  const w = new Uint8Array(m);
  const acc = new Float64Array(G * NS);
  const delta = new Float64Array(G * 8);
  const lead = st.inWindow.lead;
  let done = 0;
  let lastYield = performance.now();
  for (let j = 0; j < K; j++) {
    if (options.stop?.()) return null;
    // 1. The queue draw: baseline (kept per session) and scenario simulations, history's contacts moved.
    t0 = performance.now();
    const draw = stratifiedQueueDraw(session, seed, K, j);
    const simRun = j + 1 + (seed - 1) * 100_003;
    const key = `${seed}|${K}|${j}`;
    let bc = bcache.get(key);
    if (!bc) {
      bc = baselineContact(session, simRun, draw);
      bcache.set(key, bc);
      t.baseline += performance.now() - t0;
      t0 = performance.now();
    }
    const contact = windowContact(session, st, simRun, draw, bc);
    t.queue += performance.now() - t0;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.stop?.()) return null;

    // 2. Its per-MQL expectations (full-data models), packed; its hours sorted per group.
    t0 = performance.now();
    const cohort: CohortInWindow = { ...st.inWindow, contact };
    const e = expectations(ctx, models, etas0, cohort);
    for (let q = 0; q < m; q++) {
      const o = q * 8;
      y[o] = e.accept[q]!;
      y[o + 1] = e.reject[q]!;
      y[o + 2] = e.blackHole[q]!;
      y[o + 3] = e.sla[q]!;
      y[o + 4] = e.sql[q]!;
      y[o + 5] = e.opp[q]!;
      y[o + 6] = e.won[q]!;
      y[o + 7] = e.pipeline[q]!;
      hw[q] = e.hoursWeight[q]!;
    }
    const slots = hourSlots(e, mem, G);
    const exCohort = exRows.length > 0 ? subCohort(cohort, exRows) : null;
    t.draws += performance.now() - t0;

    // 3. The runs on this queue draw.
    t0 = performance.now();
    for (let r = j; r < runs; r += K) {
      if (options.stop?.()) return null;
      const rn = r + 1;
      const drawn = bootstrapModels(session, rn + (seed - 1) * 100_003, options.modelCache);
      leadWeights(seed, rn, lead, w);
      sums(acc, y, hw, w, mem, m);
      const shift = extrapolationShift(seed, rn);
      if (exCohort && shift !== 0) extrapolatedSums(acc, ctx, models, exEtas, exCohort, exRows, shift, y, w, mem);
      lin.shift(delta, models, drawn);
      const hours = quantiles(slots, acc, w, G);
      for (let g = 0; g < G; g++) {
        const v = values(acc, delta, hours, g, mG[g]!);
        if (g === 0) out.overall[r] = v;
        else out.groups[g - 1]![r] = v;
      }
      done++;
      options.onProgress?.(done, runs);
      if (performance.now() - lastYield > 25) {
        t.runs += performance.now() - t0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = t0 = performance.now();
      }
    }
    t.runs += performance.now() - t0;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastYield = performance.now();
  }
  intervalTimings.last = t;
  return out;
}

interface Membership {
  /** Row -> its groups (1-based group index; 0, all MQLs, is implicit): CSR. */
  readonly offsets: Int32Array;
  readonly members: Int32Array;
}

function membership(groups: readonly RowGroup[], m: number): Membership {
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

/** Poisson(1) thresholds on a 32-bit hash: P(W <= k) * 2^32. */
const POISSON_CDF = (() => {
  const out: number[] = [];
  let p = Math.exp(-1);
  let cdf = p;
  for (let k = 0; k < 12; k++) {
    out.push(Math.min(4294967295, Math.floor(cdf * 4294967296)));
    p /= k + 1;
    cdf += p;
  }
  return Float64Array.from(out);
})();

function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Poisson(1) weight per window MQL from a hash of (seed, run, lead): a lead's weight in a run is the same in every scenario. */
export function leadWeights(seed: number, run: number, lead: Int32Array, out: Uint8Array): Uint8Array {
  const base = mix32(mix32((seed ^ SEED_LEAD_WEIGHTS) | 0) ^ mix32(run | 0));
  const c0 = POISSON_CDF[0]!;
  const c1 = POISSON_CDF[1]!;
  for (let q = 0; q < lead.length; q++) {
    const u = mix32(base ^ lead[q]!);
    if (u < c0) out[q] = 0;
    else if (u < c1) out[q] = 1;
    else {
      let k = 2;
      while (k < POISSON_CDF.length && u >= POISSON_CDF[k]!) k++;
      out[q] = k;
    }
  }
  return out;
}

/** Weighted sums of the packed expectations per group (acc: G x NS). */
function sums(acc: Float64Array, y: Float64Array, hw: Float64Array, w: Uint8Array, mem: Membership, m: number): void {
  acc.fill(0);
  const { offsets, members } = mem;
  for (let q = 0; q < m; q++) {
    const wq = w[q]!;
    if (wq === 0) continue;
    const o = q * 8;
    const a0 = wq * y[o]!;
    const a1 = wq * y[o + 1]!;
    const a2 = wq * y[o + 2]!;
    const a3 = wq * y[o + 3]!;
    const a4 = wq * y[o + 4]!;
    const a5 = wq * y[o + 5]!;
    const a6 = wq * y[o + 6]!;
    const a7 = wq * y[o + 7]!;
    const h = wq * hw[q]!;
    for (let u = offsets[q]! - 1; u < offsets[q + 1]!; u++) {
      const b = (u < offsets[q]! ? 0 : members[u]!) * NS;
      acc[b] = acc[b]! + wq;
      acc[b + 1] = acc[b + 1]! + a0;
      acc[b + 2] = acc[b + 2]! + a1;
      acc[b + 3] = acc[b + 3]! + a2;
      acc[b + 4] = acc[b + 4]! + a3;
      acc[b + 5] = acc[b + 5]! + a4;
      acc[b + 6] = acc[b + 6]! + a5;
      acc[b + 7] = acc[b + 7]! + a6;
      acc[b + 8] = acc[b + 8]! + a7;
      acc[b + 9] = acc[b + 9]! + h;
    }
  }
}

/** Extrapolated MQLs at this run's shift: their sums move by w * (shifted - unshifted). */
function extrapolatedSums(
  acc: Float64Array,
  ctx: AssembleContext,
  models: OutcomeModels,
  etas: Etas,
  c: CohortInWindow,
  rows: Int32Array,
  shift: number,
  y: Float64Array,
  w: Uint8Array,
  mem: Membership,
): void {
  const e = expectations(ctx, models, etas, c, { extrapolationShift: shift });
  const cols = SUM.map((k) => e[k]);
  for (let x = 0; x < rows.length; x++) {
    const q = rows[x]!;
    const wq = w[q]!;
    if (wq === 0) continue;
    for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
      const b = (u < mem.offsets[q]! ? 0 : mem.members[u]!) * NS;
      for (const k of MODEL_METRICS) acc[b + 1 + k] = acc[b + 1 + k]! + wq * (cols[k]![x]! - y[q * 8 + k]!);
    }
  }
}

/** Contacted MQLs of a queue draw in ascending hours, per group (slot ranges; group 0 all). */
interface HourSlots {
  readonly offsets: Int32Array;
  readonly row: Int32Array;
  readonly value: Float64Array;
  /** The row's hours weight (1 a contact). */
  readonly weight: Float64Array;
}

function hourSlots(e: LeadExpectations, mem: Membership, G: number): HourSlots {
  const m = e.n;
  let n = 0;
  const itemRow = new Int32Array(m);
  const hours = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    if (e.hoursWeight[q]! > 0) {
      hours[n] = e.hours[q]!;
      itemRow[n++] = q;
    }
  }
  // Ties keep row order, as group-metrics.ts's point values do.
  const order = stableOrderByValue(hours, n, new Int32Array(n));
  const count = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) {
    const q = itemRow[i]!;
    count[1]!++;
    for (let u = mem.offsets[q]!; u < mem.offsets[q + 1]!; u++) count[mem.members[u]! + 1]!++;
  }
  const offsets = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) offsets[g + 1] = offsets[g]! + count[g + 1]!;
  const total = offsets[G]!;
  const row = new Int32Array(total);
  const value = new Float64Array(total);
  const weight = new Float64Array(total);
  const put = offsets.slice(0, G);
  for (let i = 0; i < n; i++) {
    const q = itemRow[order[i]!]!;
    const v = e.hours[q]!;
    const hwq = e.hoursWeight[q]!;
    let p = put[0]!++;
    row[p] = q;
    value[p] = v;
    weight[p] = hwq;
    for (let u = mem.offsets[q]!; u < mem.offsets[q + 1]!; u++) {
      p = put[mem.members[u]!]!++;
      row[p] = q;
      value[p] = v;
      weight[p] = hwq;
    }
  }
  return { offsets, row, value, weight };
}

/**
 * Weighted median and 90th percentile of hours per group (assemble.ts
 * weightedQuantiles' definition, items of weight 0 left out): one walk over
 * the group's pre-sorted items; acc holds each group's total weight.
 */
function quantiles(s: HourSlots, acc: Float64Array, w: Uint8Array, G: number): Float64Array {
  const out = new Float64Array(G * 2).fill(Number.NaN);
  for (let g = 0; g < G; g++) {
    const total = acc[g * NS + 9]!;
    if (!(total > 0)) continue;
    const targets = [0.5 * Math.max(0, total - 1), 0.9 * Math.max(0, total - 1)];
    let ti = 0;
    let before = 0;
    let prevRank = Number.NaN;
    let prevV = Number.NaN;
    let first = true;
    for (let p = s.offsets[g]!; p < s.offsets[g + 1]! && ti < 2; p++) {
      const wt = s.weight[p]! * w[s.row[p]!]!;
      if (!(wt > 0)) continue;
      const rank = before + (wt - 1) / 2;
      before += wt;
      const v = s.value[p]!;
      while (ti < 2) {
        const target = targets[ti]!;
        if (first && target <= rank) out[g * 2 + ti++] = v;
        else if (!first && rank > target) {
          const span = rank - prevRank;
          const f = span > 0 ? (target - prevRank) / span : 0;
          out[g * 2 + ti++] = prevV + f * (v - prevV);
        } else break;
      }
      first = false;
      prevRank = rank;
      prevV = v;
    }
    while (ti < 2) out[g * 2 + ti++] = prevV;
  }
  return out;
}

function values(acc: Float64Array, delta: Float64Array, hours: Float64Array, g: number, size: number): MetricValues {
  const b = g * NS;
  const wsum = acc[b]!;
  const d = g * 8;
  const rate = (k: number) => (wsum > 0 ? clamp01(acc[b + 1 + k]! / wsum + delta[d + k]! / size) : null);
  // Counts and sums scale with the bootstrap weights' total back to the group's size.
  const scale = wsum > 0 ? size / wsum : 0;
  const med = hours[g * 2]!;
  const p90 = hours[g * 2 + 1]!;
  return {
    mql_count: size,
    acceptance_rate: rate(0),
    rejection_rate: rate(1),
    black_hole_rate: rate(2),
    sla_compliance_rate: rate(3),
    median_hours_to_first_contact: Number.isNaN(med) ? null : med,
    p90_hours_to_first_contact: Number.isNaN(p90) ? null : p90,
    sql_rate: rate(4),
    opportunity_rate: rate(5),
    won_count: Math.max(0, acc[b + 7]! * scale + (wsum > 0 ? delta[d + 6]! : 0)),
    pipeline_amount: Math.max(0, acc[b + 8]! * scale + (wsum > 0 ? delta[d + 7]! : 0)),
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
interface Linearization {
  /** delta (G x 8) = each group's sum change under `drawn` against `point`. */
  shift(delta: Float64Array, point: OutcomeModels, drawn: OutcomeModels): void;
}

function linearization(session: ForecastSession, st: ScenarioState, ctx: AssembleContext, etas0: Etas, mem: Membership, G: number): Linearization {
  const models = session.models;
  const m = st.rows.length;
  const cohort: CohortInWindow = { ...st.inWindow, contact: windowContact0(session, st) };
  const e0 = expectations(ctx, models, etas0, cohort);
  const nBase = models.accept.nBase;
  const P = 1 + nBase;
  const width = (k: ModelKey) => 1 + models[k].fit.coefficients.length;

  // Per row and pair: d(expectation)/d(eta).
  const plus = (a: Float64Array) => Float64Array.from(a, (v) => v + H);
  const e1 = expectations(ctx, models, { ...etas0, accept: plus(etas0.accept), reject: plus(etas0.reject), sql: plus(etas0.sql), opp: plus(etas0.opp) }, cohort);
  const amountUp: OutcomeModels = { ...models, amountByBand: Float64Array.from(models.amountByBand, (a) => a + 1) };
  const e2 = expectations(ctx, amountUp, { ...etas0, won: plus(etas0.won) }, cohort);
  const diffCols = (e: LeadExpectations) => [e.accept, e.reject, e.sql, e.opp, e.won, e.pipeline];
  const d0 = diffCols(e0);
  const d1 = diffCols(e1);
  const dEta: Float64Array[] = PAIRS.map(() => new Float64Array(m));
  for (let q = 0; q < m; q++) {
    for (let p = 0; p < 6; p++) dEta[p]![q] = (d1[p]![q]! - d0[p]![q]!) / H;
    dEta[6]![q] = (e2.won[q]! - e0.won[q]!) / H;
  }

  // Gradients over [intercept, base coefficients], then the extra columns.
  const grad: Float64Array[] = PAIRS.map((p) => new Float64Array(G * width(p.model)));
  const x = st.feats.fresh();
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
  // Extra columns (coefficient index nBase + c): one pass per c, every model that has it moved at once.
  const maxExtra = Math.max(...MODELS.map((k) => width(k) - P));
  for (let c = 0; c < maxExtra; c++) {
    const moved = { ...models };
    for (const k of MODELS) if (width(k) - P > c) moved[k] = withCoefficient(models[k], nBase + c, H);
    const ec = expectations(ctx, moved, etas0, cohort);
    const dc = diffCols(ec);
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
  // Pipeline per size band's mean amount (exactly linear: a step of 1).
  const amount = new Float64Array(G * 4);
  const size = session.cols.leads.companySize;
  for (let q = 0; q < m; q++) {
    const d = e2.pipeline[q]! - e0.pipeline[q]!;
    if (d === 0) continue;
    const band = sizeBand(size[st.inWindow.lead[q]!]!);
    for (let u = mem.offsets[q]! - 1; u < mem.offsets[q + 1]!; u++) {
      const g = u < mem.offsets[q]! ? 0 : mem.members[u]!;
      amount[g * 4 + band] = amount[g * 4 + band]! + d;
    }
  }

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

function withCoefficient(model: Model, index: number, h: number): Model {
  const coefficients = Float64Array.from(model.fit.coefficients);
  coefficients[index] = coefficients[index]! + h;
  return { nBase: model.nBase, fit: { ...model.fit, coefficients } };
}
