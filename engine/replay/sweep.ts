// Threshold sweep without re-scoring per threshold. With scoring fixed, a
// lead's MQL moment under threshold T is the first activity whose score
// reaches T, unless a high-intent activity comes first. Only "records" (a new
// running maximum of the score) can be such a first crossing, and records rise
// with time, so per lead we keep the records up to its first high-intent
// activity. For T in (record[r-1], record[r]] the lead crosses at record r
// (score record[r], tier fixed by it); above the last record it converts at
// the high-intent activity, if any. Per threshold counts then come from
// difference arrays over the sorted thresholds: one pass over the records.
import type { SessionColumns } from '../columns/types';
import type { Policy } from '../scenario/policy';
import { slack, tierFor } from './compile';
import { ScanScratch, scanLead, type LeadScan, type RecordSink } from './kernel';
import type { Replayer } from './score';
import { windowRange, type WindowRange } from './window';

export interface SweepIndex {
  readonly nLeads: number;
  /** Records of lead i are recScore/recTime/recTier[recOffsets[i] .. recOffsets[i+1]-1], scores strictly rising. */
  readonly recOffsets: Int32Array;
  readonly recScore: Float64Array;
  readonly recTime: Float64Array;
  /** Tier index (policy.tiers) an MQL at that record gets. */
  readonly recTier: Int8Array;
  /** Time of the lead's first high-intent activity; NaN for none. */
  readonly bypassTime: Float64Array;
  /** Tier a high-intent MQL gets (the first tier). */
  readonly bypassTier: number;
  /** 1 when the lead fails a pre-flight check (data-completion queue). */
  readonly held: Uint8Array;
  readonly window: WindowRange;
  readonly nTiers: number;
  readonly buildMs: number;
}

export interface SweepResult {
  /** As given (not sorted). */
  readonly thresholds: readonly number[];
  /** Per threshold: MQL moments in the window (handed + data completion). */
  readonly mqls: Int32Array;
  readonly handed: Int32Array;
  readonly dataCompletion: Int32Array;
  /** perTier[t][k]: handed MQLs in the window in tier t (policy.tiers index) at thresholds[k]. */
  readonly perTier: Int32Array[];
  readonly elapsedMs: number;
}

/** Records per chunk: big enough that the per-chunk bookkeeping is nothing, small enough to waste little on the last. */
const CHUNK = 1 << 20;

/**
 * Records as the scan finds them, with each one's time read then (the row was just scanned: in cache), in
 * fixed-size chunks: growing one array by doubling copied it twice at L (5.7M records against a guess of 2.4M)
 * and left up to twice the records' memory behind; the chunks are copied once, into arrays of the exact size.
 */
class ChunkedRecords implements RecordSink {
  private readonly scores: Float64Array[] = [];
  private readonly times: Float64Array[] = [];
  private score = new Float64Array(0);
  private time = new Float64Array(0);
  private k = CHUNK;
  n = 0;
  constructor(private readonly rowTime: Float64Array) {}
  push(score: number, row: number): void {
    if (this.k === CHUNK) {
      this.score = new Float64Array(CHUNK);
      this.time = new Float64Array(CHUNK);
      this.scores.push(this.score);
      this.times.push(this.time);
      this.k = 0;
    }
    this.score[this.k] = score;
    this.time[this.k] = this.rowTime[row];
    this.k++;
    this.n++;
  }
  /** The records in one array each; the chunks are dropped. */
  take(): { score: Float64Array; time: Float64Array } {
    const score = new Float64Array(this.n);
    const time = new Float64Array(this.n);
    for (let c = 0; c < this.scores.length; c++) {
      const len = Math.min(CHUNK, this.n - c * CHUNK);
      score.set(this.scores[c].subarray(0, len), c * CHUNK);
      time.set(this.times[c].subarray(0, len), c * CHUNK);
    }
    this.scores.length = 0;
    this.times.length = 0;
    return { score, time };
  }
}

/**
 * Precomputes the per-lead records for `policy` (its scoring, high-intent
 * types, pre-flight checks, tiers and window; its threshold is ignored).
 * Threshold-only policies (no activity points) use each handoff's
 * score_at_mql as its single record, at its historical time.
 */
export function buildSweepIndex(replayer: Replayer, policy: Policy): SweepIndex {
  const started = performance.now();
  const cols: SessionColumns = replayer.columns;
  const n = cols.leads.n;
  const { rules, inputs } = replayer.prepare(policy);
  const fit = replayer.result.fit;
  const preflight = replayer.result.preflight;
  const held = new Uint8Array(n);
  for (let i = 0; i < n; i++) held[i] = preflight[i] === 0 ? 0 : 1;
  const recOffsets = new Int32Array(n + 1);
  const bypassTime = new Float64Array(n).fill(NaN);
  const time = cols.activities.time;
  const rowTime = policy.provenance.thresholdOnly ? cols.handoffs.mqlAt : time;
  const recs = new ChunkedRecords(rowTime);
  if (policy.provenance.thresholdOnly) {
    const h = cols.handoffs;
    for (let i = 0; i < n; i++) {
      const at = h.mqlAt[i];
      if (at === at) {
        // Manual handoffs and handoffs without a score stand at every threshold (replay/score.ts; here in the bypass's tier).
        if (h.trigger[i] === 2 || h.trigger[i] === 3 || h.scoreAtMql[i] !== h.scoreAtMql[i]) bypassTime[i] = at;
        else recs.push(h.scoreAtMql[i], i);
      }
      recOffsets[i + 1] = recs.n;
    }
  } else {
    const scan: LeadScan = { mqlRow: -1, trigger: 0, score: NaN, best: -Infinity };
    const own = new ScanScratch(rules.nTypes);
    for (let i = 0; i < n; i++) {
      scanLead(inputs, own, i, fit[i], Infinity, recs, scan);
      if (scan.trigger === 2) bypassTime[i] = time[scan.mqlRow];
      const manualAt = cols.handoffs.trigger[i] === 3 ? cols.handoffs.mqlAt[i] : NaN;
      if (manualAt === manualAt && !(bypassTime[i] <= manualAt)) bypassTime[i] = manualAt;
      recOffsets[i + 1] = recs.n;
    }
  }
  const m = recs.n;
  const { score: recScore, time: recTime } = recs.take();
  const recTier = new Int8Array(m);
  // tierFor per record with each tier's slackened minimum computed once (same comparisons, same result).
  const order = rules.tierOrder;
  const minReached = Float64Array.from(rules.tierMin, (min) => min - slack(min));
  for (let r = 0; r < m; r++) {
    const score = recScore[r];
    let t = -1;
    for (let q = 0; q < order.length; q++) {
      if (score >= minReached[q]) {
        t = order[q];
        break;
      }
    }
    recTier[r] = t;
  }
  return {
    nLeads: n,
    recOffsets,
    recScore,
    recTime,
    recTier,
    bypassTime,
    bypassTier: tierFor(rules, 0, true),
    held,
    window: windowRange(policy.window, cols.timezone),
    nTiers: policy.tiers.length,
    buildMs: performance.now() - started,
  };
}

/**
 * upperBound on sorted thresholds through a bucket table: the bucket of x gives a first guess, corrected
 * step by step to the exact answer (a binary search's unpredictable branches cost ~35 ns a record at L;
 * thresholds a slider or sweep sends are about evenly spaced, so the guess is off by a step at most).
 */
class ThresholdGuide {
  private readonly start: Int32Array;
  private readonly base: number;
  private readonly perUnit: number;
  constructor(private readonly ts: Float64Array) {
    const K = ts.length;
    const nb = 4 * K;
    this.base = K > 0 ? ts[0] : 0;
    const width = K > 0 ? (ts[K - 1] - this.base) / nb : 0;
    this.perUnit = width > 0 && Number.isFinite(width) ? 1 / width : 0;
    this.start = new Int32Array(nb + 1);
    let k = 0;
    for (let b = 0; b <= nb; b++) {
      const edge = this.base + b * width;
      while (k < K && ts[k] <= edge) k++;
      this.start[b] = k;
    }
  }
  /** First index k >= from with ts[k] > x, given ts[from - 1] <= x (from >= 1). */
  upperBound(x: number, from: number): number {
    const ts = this.ts;
    const K = ts.length;
    let b = Math.floor((x - this.base) * this.perUnit);
    if (!(b >= 0)) b = 0;
    else if (b >= this.start.length) b = this.start.length - 1;
    let h = this.start[b];
    if (h < from) h = from;
    while (h > from && ts[h - 1] > x) h--;
    while (h < K && ts[h] <= x) h++;
    return h;
  }
}

/** MQL counts in the window for every threshold, in one pass over the index. */
export function sweepThresholds(index: SweepIndex, thresholds: readonly number[]): SweepResult {
  const started = performance.now();
  thresholds.forEach((t, k) => {
    if (!Number.isFinite(t)) throw new RangeError(`thresholds[${k}]: must be a finite number, got ${String(t)}`);
  });
  const K = thresholds.length;
  const order = thresholds.map((_, k) => k).sort((a, b) => thresholds[a] - thresholds[b]);
  // A record reaches threshold T when record >= T - slack; shifting the
  // sorted thresholds down by the slack lets the comparisons below be exact.
  const ts = Float64Array.from(order, (k) => thresholds[k] - 1e-9 * Math.max(1, Math.abs(thresholds[k])));
  const guide = new ThresholdGuide(ts);
  const dAll = new Int32Array(K + 1);
  const dHeld = new Int32Array(K + 1);
  const dTier = Array.from({ length: index.nTiers }, () => new Int32Array(K + 1));
  const { recOffsets, recScore, recTime, recTier, bypassTime, held } = index;
  const { fromMs, toMs } = index.window;
  const add = (lo: number, hi: number, t: number, tier: number, isHeld: boolean) => {
    if (lo >= hi || !(t >= fromMs && t < toMs)) return;
    dAll[lo]++;
    dAll[hi]--;
    if (isHeld) {
      dHeld[lo]++;
      dHeld[hi]--;
    } else if (tier >= 0) {
      const d = dTier[tier];
      d[lo]++;
      d[hi]--;
    }
  };
  for (let i = 0; i < index.nLeads; i++) {
    const r0 = recOffsets[i];
    const r1 = recOffsets[i + 1];
    const isHeld = held[i] === 1;
    // Thresholds ts[k] <= record[r] and > record[r-1] cross at record r: k in [lo, hi).
    let lo = 0;
    for (let r = r0; r < r1; r++) {
      // Records rise, so thresholds below lo are already passed: search from there. Most records reach
      // no further threshold (hi = lo) or all of them: both are read off the ends without a search.
      const score = recScore[r];
      if (lo === K || !(ts[lo] <= score)) continue;
      const hi = ts[K - 1] <= score ? K : guide.upperBound(score, lo + 1);
      add(lo, hi, recTime[r], recTier[r], isHeld);
      lo = hi;
    }
    const b = bypassTime[i];
    if (b === b) add(lo, K, b, index.bypassTier, isHeld);
  }
  const mqls = new Int32Array(K);
  const dataCompletion = new Int32Array(K);
  const perTier = dTier.map(() => new Int32Array(K));
  let all = 0;
  let hold = 0;
  const run = new Int32Array(index.nTiers);
  for (let q = 0; q < K; q++) {
    all += dAll[q];
    hold += dHeld[q];
    const k = order[q];
    mqls[k] = all;
    dataCompletion[k] = hold;
    for (let t = 0; t < index.nTiers; t++) {
      run[t] += dTier[t][q];
      perTier[t][k] = run[t];
    }
  }
  const handed = Int32Array.from(mqls, (v, k) => v - dataCompletion[k]);
  return { thresholds: [...thresholds], mqls, handed, dataCompletion, perTier, elapsedMs: performance.now() - started };
}
