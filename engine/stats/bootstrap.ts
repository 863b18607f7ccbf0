// Bootstrap helpers. Each run draws a Poisson(1) weight per row (the
// "Poisson bootstrap"): a run is then a weighted refit over the same arrays,
// with no resampled copy, and runs are independent streams of one seed so
// they can be computed in any order or in parallel and still reproduce.
import { poissonWeights } from './rng';

/** Poisson(1) weights for bootstrap run `run` of `seed`, into `out` (allocated when omitted). */
export function bootstrapWeights(seed: number, run: number, n: number, out?: Float64Array): Float64Array {
  const w = out ?? new Float64Array(n);
  if (w.length !== n) throw new RangeError(`Weight buffer has ${w.length} rows, expected ${n}`);
  return poissonWeights(seed, run, w);
}

/** Multiplies base weights by run `run`'s Poisson weights into `out` (for data that is already weighted). */
export function bootstrapWeightsTimes(seed: number, run: number, base: ArrayLike<number>, out: Float64Array): Float64Array {
  poissonWeights(seed, run, out);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * base[i]!;
  return out;
}

/** Linearly interpolated quantile of an ascending array (type 7, as DuckDB's quantile_cont). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The finite values, sorted ascending. */
function finiteSorted(values: ArrayLike<number>): Float64Array {
  let k = 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[k++] = values[i]!;
  return out.subarray(0, k).sort();
}

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** How many finite replicates it rests on. */
  readonly runs: number;
}

/** Percentile interval (default 90%: 5th to 95th percentile) of R replicate values; non-finite ones are ignored. */
export function percentileInterval(replicates: ArrayLike<number>, level = 0.9): Interval {
  const s = finiteSorted(replicates);
  const a = tail(level);
  return { low: quantileSorted(s, a), high: quantileSorted(s, 1 - a), runs: s.length };
}

/**
 * Interval for a forecast whose uncertainty has two independent sources: model
 * uncertainty (R bootstrap refits, each evaluated without simulation noise) and
 * simulation noise (S simulation runs at the point-estimate model). The
 * distribution of point + (model deviation) + (simulation deviation) is formed
 * from every pair (the convolution of the two empirical distributions, up to
 * maxPairs pairs, else a strided subset of them), so skew in either source carries through.
 */
export function combinedInterval(
  point: number,
  modelReplicates: ArrayLike<number>,
  simulationReplicates: ArrayLike<number>,
  level = 0.9,
  maxPairs = 400_000,
): Interval {
  const m = finiteSorted(modelReplicates);
  const s = finiteSorted(simulationReplicates);
  if (m.length === 0 && s.length === 0) return { low: point, high: point, runs: 0 };
  const mMean = mean(m);
  const sMean = mean(s);
  const md = m.length > 0 ? m.map((v) => v - mMean) : new Float64Array(1);
  const sd = s.length > 0 ? s.map((v) => v - sMean) : new Float64Array(1);
  const total = md.length * sd.length;
  const stride = Math.max(1, Math.ceil(total / maxPairs));
  const sums = new Float64Array(Math.ceil(total / stride));
  let k = 0;
  for (let idx = 0; idx < total; idx += stride) {
    const i = idx % md.length;
    const j = Math.floor(idx / md.length);
    sums[k++] = point + md[i]! + sd[j]!;
  }
  const sorted = sums.subarray(0, k).sort();
  const a = tail(level);
  return { low: quantileSorted(sorted, a), high: quantileSorted(sorted, 1 - a), runs: Math.max(m.length, s.length) };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length > 0 ? s / v.length : 0;
}

/** The lower tail probability of a central interval, rounded so 0.9 gives exactly 0.05. */
function tail(level: number): number {
  return Math.round(((1 - level) / 2) * 1e12) / 1e12;
}
