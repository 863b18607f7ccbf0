// The threshold sweep's share of recycled leads' later conversions
// (forecast/later-conversions.ts): per threshold, the later conversions in the
// window that stand beside their lead's first MQL there, with their observed
// outcomes, added to the sweep's counts and sums. The same rule as a forecast
// at that threshold (selectLaterConversions), read off the sweep index's
// per-lead MQL moments instead of a replay per threshold.
import { computeFitPoints } from '../scoring/fit';
import { laterConversionScores, standsBeside } from '../forecast/later-conversions';
import type { ForecastSession } from '../forecast/session';
import { SAME_MQL_TOLERANCE_MS } from '../forecast/session';
import type { SweepIndex } from '../replay/sweep';
import type { Policy } from '../scenario/policy';
import { N_VALUES } from './event-outcomes';

/** Adds the later conversions standing at each (sorted, slack-adjusted) threshold into handed and sums (K x N_VALUES). */
export function addLaterConversions(session: ForecastSession, policy: Policy, index: SweepIndex, ts: Float64Array, handed: Int32Array, sums: Float64Array): void {
  const later = session.later;
  if (later.n === 0) return;
  const K = ts.length;
  const { cols, hist } = session;
  const fit = new Float64Array(cols.leads.n);
  computeFitPoints(cols.leads, policy.scoring.fit_points, fit);
  const scoringChanged = !policy.provenance.thresholdOnly && JSON.stringify(policy.scoring) !== JSON.stringify(session.baseline.scoring);
  const { score } = laterConversionScores({ later, cols, policy, fit, baseScorer: session.scorer, scoringChanged });
  const o = later.outcome;
  const dn = new Int32Array(K + 1);
  const d = new Float64Array((K + 1) * N_VALUES);
  const { recOffsets, recScore, recTime, bypassTime, held } = index;
  const { fromMs, toMs } = index.window;
  const upTo = (x: number): number => {
    let lo = 0;
    let hi = K;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Thresholds [lo, hi) where lead i's first MQL is at `moment`: its later conversions standing there.
  const addRange = (i: number, first: number, end: number, lo: number, hi: number, moment: number): void => {
    const shared = hist.handed[i] === 1 && Math.abs(moment - hist.mqlAt[i]!) <= SAME_MQL_TOLERANCE_MS;
    for (let j = first; j < end; j++) {
      const t = later.mqlAt[j]!;
      if (!(t >= fromMs && t < toMs) || !standsBeside(t, moment, shared, SAME_MQL_TOLERANCE_MS)) continue;
      const top = Math.min(hi, score[j] === Number.POSITIVE_INFINITY ? K : upTo(score[j]!));
      if (top <= lo) continue;
      dn[lo]++;
      dn[top]--;
      const v = [o.accepted[j]!, o.rejected[j]!, o.sql90[j]!, o.opp90[j]!, o.won[j] === 1 ? 1 : 0, o.amount[j]!];
      for (let x = 0; x < N_VALUES; x++) {
        d[lo * N_VALUES + x] += v[x]!;
        d[top * N_VALUES + x] -= v[x]!;
      }
    }
  };
  // later rows are sorted by lead: walk them lead by lead.
  for (let first = 0; first < later.n; ) {
    const i = later.lead[first]!;
    let end = first;
    while (end < later.n && later.lead[end] === i) end++;
    if (held[i] !== 1) {
      let lo = 0;
      for (let r = recOffsets[i]!; r < recOffsets[i + 1]!; r++) {
        const hi = upTo(recScore[r]!);
        if (hi > lo) {
          addRange(i, first, end, lo, hi, recTime[r]!);
          lo = hi;
        }
      }
      const b = bypassTime[i]!;
      if (b === b && lo < K) addRange(i, first, end, lo, K, b);
    }
    first = end;
  }
  let n = 0;
  const run = new Float64Array(N_VALUES);
  for (let k = 0; k < K; k++) {
    n += dn[k]!;
    handed[k] = handed[k]! + n;
    for (let x = 0; x < N_VALUES; x++) {
      run[x] = run[x]! + d[k * N_VALUES + x]!;
      sums[k * N_VALUES + x] = sums[k * N_VALUES + x]! + run[x]!;
    }
  }
}
