// Quantiles of weighted values, consistent with DuckDB quantile_cont when
// every weight is 1: item k sits at rank (weight before it) + (w_k - 1) / 2,
// the target rank is p * (total weight - 1), and values are interpolated
// linearly between neighbouring ranks. A weight below 1 (a touch that is only
// probably a contact) takes less than one position.

/** values and weights of the items (weights > 0), sorted here by value. */
export function weightedQuantiles(values: Float64Array, weights: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => values[a]! - values[b]!);
  const rank = new Float64Array(n);
  let before = 0;
  for (let k = 0; k < n; k++) {
    const w = weights[order[k]!]!;
    rank[k] = before + (w - 1) / 2;
    before += w;
  }
  return ps.map((p) => {
    const target = p * Math.max(0, before - 1);
    if (target <= rank[0]!) return values[order[0]!]!;
    if (target >= rank[n - 1]!) return values[order[n - 1]!]!;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (rank[mid]! <= target) lo = mid;
      else hi = mid;
    }
    const span = rank[hi]! - rank[lo]!;
    const f = span > 0 ? (target - rank[lo]!) / span : 0;
    const a = values[order[lo]!]!;
    return a + f * (values[order[hi]!]! - a);
  });
}
