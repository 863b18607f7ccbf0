// Every metric as a function of the MQL threshold, for the frontier chart.
// No forecast per threshold: the sweep index (replay/sweep.ts) gives each
// lead's candidate MQL moments, event-outcomes.ts gives each moment's expected
// outcomes once per scoring, and one pass with difference arrays sums them for
// all thresholds. One exact forecast at the scenario's own threshold anchors
// the curves, so the sweep agrees with the forecast where both are computed.
import { metricValues, type MetricValues } from '../forecast/assemble';
import { evaluate, prepareScenario } from '../forecast/kernel';
import type { ForecastSession } from '../forecast/session';
import type { MetricName } from '../metrics/types';
import { buildSweepIndex, type SweepIndex } from '../replay/sweep';
import type { Policy } from '../scenario/policy';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import { emptyEventOutcomes, fillEventOutcomes, N_VALUES, type EventOutcomes } from './event-outcomes';
import { addLaterConversions } from './later-sweep';
import { lerp, QUEUE_METRICS, repLoad, type LoadModel } from './queue-approximation';
import type { SweepPoint, ThresholdSweepResult } from './types';

export interface SweepOptions {
  readonly from?: number;
  readonly to?: number;
  /** Grid points (default 101); the scenario's and the baseline's thresholds are added when off the grid. */
  readonly steps?: number;
  /** Exact forecasts the curves pass through (default 5: the scenario's threshold, the grid's ends and between). */
  readonly anchors?: number;
  readonly signal?: AbortSignal;
  /** fraction in [0, 1]; the first sweep of a scoring builds its index and anchors (seconds at 1M leads). */
  readonly onProgress?: (fraction: number, message: string) => void;
  /**
   * Called between the sweep's stages (index, per-moment outcomes, each anchor forecast): the engine's
   * queue runs a waiting slider forecast there. Each stage runs whole, and the sweep keeps nothing
   * across a yield that a forecast changes (the index and outcomes are its own arrays).
   */
  readonly yieldPoint?: () => Promise<void>;
}

export const DEFAULT_STEPS = 101;

interface Cached {
  readonly index: SweepIndex;
  readonly outcomes: EventOutcomes;
}

/** Index and per-event outcomes per scoring (a slider moving the threshold reuses them). */
const cache = new WeakMap<ForecastSession, Map<string, Cached>>();

function indexKey(p: Policy): string {
  return JSON.stringify([p.scoring, p.mql.high_intent_types, p.mql.require_business_email, p.mql.require_fields, p.tiers, p.window]);
}

function cachedIndex(session: ForecastSession, policy: Policy): Cached {
  let m = cache.get(session);
  if (!m) cache.set(session, (m = new Map()));
  const key = indexKey(policy);
  let c = m.get(key);
  if (!c) {
    const index = buildSweepIndex(session.replayer, policy);
    c = { index, outcomes: emptyEventOutcomes(index) };
    if (m.size >= 4) m.delete(m.keys().next().value as string);
    m.set(key, c);
  }
  return c;
}

/** Evenly spaced thresholds from..to, plus the ones that must be exact. */
export function thresholdGrid(from: number, to: number, steps: number, extra: readonly number[]): number[] {
  const grid = Array.from({ length: steps }, (_, k) => from + ((to - from) * k) / (steps - 1));
  const rounded = grid.map((t) => Math.round(t * 1e6) / 1e6);
  for (const t of extra) if (!rounded.some((g) => Math.abs(g - t) < 1e-9)) rounded.push(t);
  return rounded.sort((a, b) => a - b);
}

function upperBound(ts: Float64Array, x: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Outcome sums per (sorted) threshold over handed MQLs in the window, one pass over the index. */
function outcomeSums(index: SweepIndex, ev: EventOutcomes, thresholds: readonly number[]): { handed: Int32Array; sums: Float64Array; extrapolated: Int32Array } {
  const K = thresholds.length;
  // Same slack as sweepThresholds, so a record reaching a threshold counts identically.
  const ts = Float64Array.from(thresholds, (t) => t - 1e-9 * Math.max(1, Math.abs(t)));
  const d = new Float64Array((K + 1) * N_VALUES);
  const dx = new Int32Array(K + 1);
  const dn = new Int32Array(K + 1);
  const { recOffsets, recScore, recTime, bypassTime, held } = index;
  const { fromMs, toMs } = index.window;
  const nRec = recScore.length;
  const add = (lo: number, hi: number, t: number, e: number) => {
    if (lo >= hi || !(t >= fromMs && t < toMs)) return;
    // fillEventOutcomes fills exactly the events that can land here; a gap would silently count zeros.
    if (ev.computed[e] !== 1) throw new Error(`Sweep: no expected outcomes for event ${e} (internal error).`);
    dn[lo]++;
    dn[hi]--;
    const o = e * N_VALUES;
    for (let v = 0; v < N_VALUES; v++) {
      const x = ev.values[o + v]!;
      d[lo * N_VALUES + v] += x;
      d[hi * N_VALUES + v] -= x;
    }
    if (ev.extrapolated[e]) {
      dx[lo]++;
      dx[hi]--;
    }
  };
  for (let i = 0; i < index.nLeads; i++) {
    if (held[i] === 1) continue; // data-completion queue: counted, never handed to sales
    let lo = 0;
    for (let r = recOffsets[i]!; r < recOffsets[i + 1]!; r++) {
      const hi = upperBound(ts, recScore[r]!);
      add(lo, hi, recTime[r]!, r);
      if (hi > lo) lo = hi;
    }
    const b = bypassTime[i]!;
    if (b === b) add(lo, K, b, nRec + i);
  }
  const sums = new Float64Array(K * N_VALUES);
  const extrapolated = new Int32Array(K);
  const handed = new Int32Array(K);
  const run = new Float64Array(N_VALUES);
  let x = 0;
  let h = 0;
  for (let k = 0; k < K; k++) {
    h += dn[k]!;
    handed[k] = h;
    for (let v = 0; v < N_VALUES; v++) {
      run[v] += d[k * N_VALUES + v]!;
      sums[k * N_VALUES + v] = run[v]!;
    }
    x += dx[k]!;
    extrapolated[k] = x;
  }
  return { handed, sums, extrapolated };
}

type Values = Record<MetricName, number | null>;

/** The sweep's own estimate at one threshold, before anchoring. */
function rawValues(handed: number, sums: Float64Array, k: number): Values {
  const s = (v: number) => sums[k * N_VALUES + v]!;
  const rate = (v: number) => (handed > 0 ? s(v) / handed : null);
  return {
    mql_count: handed,
    acceptance_rate: rate(0),
    rejection_rate: rate(1),
    black_hole_rate: null,
    sla_compliance_rate: null,
    median_hours_to_first_contact: null,
    p90_hours_to_first_contact: null,
    sql_rate: rate(2),
    opportunity_rate: rate(3),
    won_count: s(4),
    pipeline_amount: s(5),
  };
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const ADDITIVE: readonly MetricName[] = ['acceptance_rate', 'rejection_rate', 'sql_rate', 'opportunity_rate'];
const SCALED: readonly MetricName[] = ['won_count', 'pipeline_amount'];

/** An exact forecast (expected values) at one threshold, with the sweep's own estimate there. */
interface Anchor {
  readonly k: number;
  readonly load: number;
  readonly exact: MetricValues;
  readonly raw: Values;
}

/**
 * Between two anchors: outcome metrics are the sweep's curve shifted by the
 * anchors' corrections (rates by a difference, counts and sums by a ratio),
 * interpolated by rep load; queue metrics are interpolated by rep load
 * (queue-approximation.ts). The sweep keeps its shape; the anchors carry what
 * it leaves out (queue timing, SLA tiers, censoring).
 */
function between(raw: Values, load: number, a: Anchor, b: Anchor): Values {
  const out = { ...raw };
  for (const m of ADDITIVE) {
    const r = raw[m];
    if (r === null) continue;
    const da = a.exact[m] !== null && a.raw[m] !== null ? a.exact[m]! - a.raw[m]! : 0;
    const db = b.exact[m] !== null && b.raw[m] !== null ? b.exact[m]! - b.raw[m]! : 0;
    out[m] = clamp01(r + (lerp(load, a.load, da, b.load, db) ?? 0));
  }
  for (const m of SCALED) {
    const r = raw[m]!;
    const ratio = (x: Anchor) => (x.raw[m]! > 0 ? (x.exact[m] ?? x.raw[m]!) / x.raw[m]! : 1);
    out[m] = r * (lerp(load, a.load, ratio(a), b.load, ratio(b)) ?? 1);
  }
  for (const m of QUEUE_METRICS) out[m] = lerp(load, a.load, a.exact[m], b.load, b.exact[m]);
  return out;
}

export const DEFAULT_ANCHORS = 5;

/** Exact expected values per (scenario without its threshold, threshold): a slider moving the threshold reuses them. */
const anchorCache = new WeakMap<ForecastSession, Map<string, { exact: MetricValues; load: LoadModel }>>();

function exactAt(session: ForecastSession, policy: Policy, threshold: number, window: SweepIndex['window']): { exact: MetricValues; load: LoadModel } {
  let m = anchorCache.get(session);
  if (!m) anchorCache.set(session, (m = new Map()));
  const key = JSON.stringify([{ ...policy, name: null, mql: { ...policy.mql, threshold: null }, simulation: null }, threshold]);
  let hit = m.get(key);
  if (!hit) {
    const st = prepareScenario(session, { ...policy, mql: { ...policy.mql, threshold } });
    hit = { exact: metricValues(evaluate(session, st, session.models, 0), null, null), load: repLoad(session, st.pool, window) };
    if (m.size >= 64) m.delete(m.keys().next().value as string);
    m.set(key, hit);
  }
  return hit;
}

/**
 * The default range: half to one and a half times the baseline's threshold,
 * widened to hold the scenario's. It does not move with the scenario's
 * threshold, so the anchors (and their cache) stay put while a slider moves.
 */
export function defaultRange(baselineThreshold: number, current: number): { from: number; to: number } {
  return {
    from: Math.max(0, Math.min(Math.floor(baselineThreshold / 2), Math.floor(current - 5))),
    to: Math.max(Math.ceil(baselineThreshold * 1.5 + 1), Math.ceil(current + 5)),
  };
}

export async function thresholdSweep(session: ForecastSession, scenario: unknown, options: SweepOptions = {}): Promise<ThresholdSweepResult> {
  const started = performance.now();
  const policy = resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
  const current = policy.mql.threshold;
  const baselineThreshold = session.baseline.mql.threshold;
  const steps = options.steps ?? DEFAULT_STEPS;
  const range = defaultRange(baselineThreshold, current);
  const from = options.from ?? range.from;
  const to = options.to ?? range.to;
  if (!(to > from)) throw new RangeError(`to: must be above from (${from}), got ${to}`);
  const grid = thresholdGrid(from, to, steps, []);
  const thresholds = thresholdGrid(from, to, steps, [current, baselineThreshold].filter((t) => t >= from && t <= to));
  // Anchors sit on grid points (evenly spread), not on the scenario's threshold: see defaultRange.
  const nAnchors = Math.max(2, options.anchors ?? DEFAULT_ANCHORS);
  const anchorTs = [...new Set(Array.from({ length: nAnchors }, (_, a) => grid[Math.round((a * (steps - 1)) / (nAnchors - 1))]!))];
  const all = thresholds;

  const progress = options.onProgress ?? (() => undefined);
  const pause = async (): Promise<void> => {
    if (options.yieldPoint) await options.yieldPoint();
    options.signal?.throwIfAborted();
  };
  progress(0.05, 'Indexing each lead\'s MQL moments');
  const { index, outcomes } = cachedIndex(session, policy);
  await pause();
  progress(0.15, 'Expected outcomes of each moment');
  fillEventOutcomes(session, index, outcomes, all[0]!, all[all.length - 1]!, options.signal);
  await pause();
  // Handed MQLs per threshold come from the same pass (replay/sweep.ts sweepThresholds counts them alike; the tests hold the two equal).
  const { handed: handedAt, sums, extrapolated } = outcomeSums(index, outcomes, all);
  // Recycled leads' later conversions standing at each threshold (later-sweep.ts), as a forecast there counts them.
  addLaterConversions(session, policy, index, Float64Array.from(all, (t) => t - 1e-9 * Math.max(1, Math.abs(t))), handedAt, sums);
  const counts = { handed: handedAt };

  // Exact forecasts (expected values, the slider path) at the anchors, cached.
  const anchors: Anchor[] = [];
  for (const [a, t] of anchorTs.entries()) {
    if (a > 0) await pause();
    options.signal?.throwIfAborted();
    progress(0.4 + (0.6 * a) / anchorTs.length, `Forecast at threshold ${Math.round(t * 10) / 10}`);
    const hit = exactAt(session, policy, t, index.window);
    const k = all.indexOf(t);
    anchors.push({ k, load: hit.load.perRepDay(counts.handed[k]!), exact: hit.exact, raw: rawValues(counts.handed[k]!, sums, k) });
  }
  const loadModel = exactAt(session, policy, anchorTs[0]!, index.window).load;

  const points: SweepPoint[] = all.map((threshold, k) => {
    const handed = counts.handed[k]!;
    const perDay = loadModel.perRepDay(handed);
    const exactHere = anchors.find((a) => a.k === k);
    let metrics: Values;
    if (exactHere) metrics = { ...exactHere.exact };
    else {
      let hi = anchors.findIndex((a) => a.k > k);
      if (hi < 0) hi = anchors.length - 1;
      const lo = Math.max(0, hi - 1);
      metrics = between(rawValues(handed, sums, k), perDay, anchors[lo]!, anchors[hi]!);
    }
    metrics.mql_count = handed;
    return { threshold, metrics, repLoadPerDay: perDay };
  });

  const warnings: string[] = [
    `Black-hole rate, SLA compliance and hours to first contact come from exact forecasts at ${anchors.length} thresholds (${anchorTs.map((t) => Math.round(t * 10) / 10).join(', ')}) and are interpolated by rep load between them.`,
  ];
  const maxExtra = extrapolated.reduce((a, v) => Math.max(a, v), 0);
  if (maxExtra > 0) {
    const highest = all.filter((_, k) => extrapolated[k]! > 0).pop();
    warnings.push(
      `At thresholds up to ${highest !== undefined ? Math.round(highest * 10) / 10 : from}, newly qualified leads score below any lead sales has seen (up to ${maxExtra.toLocaleString('en-US')}): their outcomes are extrapolated.`,
    );
  }
  if (policy.provenance.thresholdOnly) warnings.push('Threshold-only mode: MQL moments come from the historical score_at_mql; thresholds below the lowest historical score add no MQLs.');
  return { points, currentThreshold: current, baselineThreshold, warnings, elapsedMs: performance.now() - started, approximateMetrics: QUEUE_METRICS };
}
