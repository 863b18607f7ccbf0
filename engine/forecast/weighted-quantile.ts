// Quantiles of weighted values, consistent with DuckDB quantile_cont when
// every weight is 1: item k sits at rank (weight before it) + (w_k - 1) / 2,
// the target rank is p * (total weight - 1), and values are interpolated
// linearly between neighbouring ranks. A weight below 1 (a touch that is only
// probably a contact) takes less than one position.
import { stableOrderByValue } from './radix-order';

/** values and weights of the items (weights > 0), sorted here by value (ties keep their order). */
export function weightedQuantiles(values: Float64Array, weights: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  const order = stableOrderByValue(values, n, new Int32Array(n));
  const v = Float64Array.from(order, (k) => values[k]!);
  const w = Float64Array.from(order, (k) => weights[k]!);
  return sortedWeightedQuantiles(v, w, 0, n, ps, new Float64Array(n));
}

/**
 * The same quantiles of items already in ascending value order:
 * values/weights[from .. to-1]. `rank` is scratch of length >= to - from.
 */
export function sortedWeightedQuantiles(
  values: Float64Array,
  weights: Float64Array,
  from: number,
  to: number,
  ps: readonly number[],
  rank: Float64Array,
): (number | null)[] {
  const n = to - from;
  if (n <= 0) return ps.map(() => null);
  let before = 0;
  for (let k = 0; k < n; k++) {
    const w = weights[from + k]!;
    rank[k] = before + (w - 1) / 2;
    before += w;
  }
  return ps.map((p) => {
    const target = p * Math.max(0, before - 1);
    if (target <= rank[0]!) return values[from]!;
    if (target >= rank[n - 1]!) return values[from + n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (rank[mid]! <= target) lo = mid;
      else hi = mid;
    }
    const span = rank[hi]! - rank[lo]!;
    const f = span > 0 ? (target - rank[lo]!) / span : 0;
    const a = values[from + lo]!;
    return a + f * (values[from + hi]! - a);
  });
}
