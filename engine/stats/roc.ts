// Ranking diagnostics of a score against a binary outcome: ROC AUC (ties count
// one half, O(n log n) by one sort) and lift by decile. They tell a RevOps user
// whether the score separates buyers from non-buyers at all.

/** Row indices ordered by ascending score (NaN scores last). */
function orderByScore(score: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(score.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const key = Float64Array.from(score, (v) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v));
  return idx.sort((a, b) => key[a]! - key[b]! || a - b);
}

/**
 * Area under the ROC curve: the probability that a random positive outscores a
 * random negative, ties counting 1/2 (the Mann-Whitney statistic). Rows with a
 * NaN score are ignored; weights (optional) count rows fractionally. NaN when
 * one class is empty.
 */
export function rocAuc(score: ArrayLike<number>, outcome: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (!weights) return rocAucUnweighted(score, outcome);
  const order = orderByScore(score);
  let negBelow = 0;
  let pairs = 0;
  let posTotal = 0;
  let i = 0;
  while (i < order.length) {
    const s = score[order[i]!]!;
    if (Number.isNaN(s)) break;
    let pos = 0;
    let neg = 0;
    let j = i;
    while (j < order.length && score[order[j]!]! === s) {
      const r = order[j]!;
      const w = weights ? weights[r]! : 1;
      if (outcome[r]! > 0) pos += w;
      else neg += w;
      j++;
    }
    pairs += pos * (negBelow + 0.5 * neg);
    negBelow += neg;
    posTotal += pos;
    i = j;
  }
  if (posTotal === 0 || negBelow === 0) return Number.NaN;
  return pairs / (posTotal * negBelow);
}

/**
 * Unweighted AUC without an index sort: the two classes' scores are sorted
 * natively (a Float64Array sort is several times faster than sorting indices with a
 * comparator) and merged, counting for each positive the negatives below it and half the tied ones.
 */
function rocAucUnweighted(score: ArrayLike<number>, outcome: ArrayLike<number>): number {
  let np = 0;
  let nn = 0;
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i]!)) continue;
    if (outcome[i]! > 0) np++;
    else nn++;
  }
  if (np === 0 || nn === 0) return Number.NaN;
  const pos = new Float64Array(np);
  const neg = new Float64Array(nn);
  np = 0;
  nn = 0;
  for (let i = 0; i < score.length; i++) {
    const v = score[i]!;
    if (Number.isNaN(v)) continue;
    if (outcome[i]! > 0) pos[np++] = v;
    else neg[nn++] = v;
  }
  pos.sort();
  neg.sort();
  let below = 0; // negatives strictly below the current positive score
  let pairs = 0;
  let i = 0;
  while (i < np) {
    const v = pos[i]!;
    let j = i;
    while (j < np && pos[j] === v) j++;
    while (below < nn && neg[below]! < v) below++;
    let tied = below;
    while (tied < nn && neg[tied] === v) tied++;
    pairs += (j - i) * (below + 0.5 * (tied - below));
    i = j;
  }
  return pairs / (np * nn);
}

/** Above this AUC a lead score has probably seen the outcome (e.g. a field updated after the sale). */
export const LEAKAGE_AUC = 0.85;

export function leakageWarning(auc: number): string | null {
  return auc > LEAKAGE_AUC
    ? `The score separates outcomes suspiciously well (AUC ${auc.toFixed(2)} > ${LEAKAGE_AUC}): outcome information is probably leaking into the score.`
    : null;
}

export interface DecileLift {
  /** 1 = the top-scoring tenth. */
  readonly decile: number;
  readonly count: number;
  readonly positives: number;
  readonly rate: number;
  /** rate / overall rate. */
  readonly lift: number;
  /** Share of all positives captured by this decile and the ones above it. */
  readonly cumulativeCapture: number;
  readonly minScore: number;
  readonly maxScore: number;
}

/**
 * Lift by decile of score, highest first. Rows are ranked by score (ties in row
 * order) and cut into ten groups of near-equal size; NaN scores are left out.
 */
export function liftByDecile(score: ArrayLike<number>, outcome: ArrayLike<number>): DecileLift[] {
  const order = orderByScore(score);
  let n = order.length;
  while (n > 0 && Number.isNaN(score[order[n - 1]!]!)) n--;
  let totalPos = 0;
  for (let k = 0; k < n; k++) if (outcome[order[k]!]! > 0) totalPos++;
  const overall = n > 0 ? totalPos / n : Number.NaN;
  const out: DecileLift[] = [];
  let captured = 0;
  for (let d = 1; d <= 10; d++) {
    // Decile d covers descending ranks [(d-1)n/10, dn/10).
    const from = Math.floor(((d - 1) * n) / 10);
    const to = Math.floor((d * n) / 10);
    let pos = 0;
    let minS = Number.POSITIVE_INFINITY;
    let maxS = Number.NEGATIVE_INFINITY;
    for (let r = from; r < to; r++) {
      const row = order[n - 1 - r]!;
      if (outcome[row]! > 0) pos++;
      const s = score[row]!;
      if (s < minS) minS = s;
      if (s > maxS) maxS = s;
    }
    const count = to - from;
    captured += pos;
    const rate = count > 0 ? pos / count : Number.NaN;
    out.push({
      decile: d,
      count,
      positives: pos,
      rate,
      lift: rate / overall,
      cumulativeCapture: totalPos > 0 ? captured / totalPos : Number.NaN,
      minScore: count > 0 ? minS : Number.NaN,
      maxScore: count > 0 ? maxS : Number.NaN,
    });
  }
  return out;
}
