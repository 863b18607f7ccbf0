// Segment keys of an MQL and the per-segment metrics, plus the rejection-reason
// mix by source. Keys for missing values are the NO_VALUE labels, sorted last.
import type { BaselinePolicy } from '../policy/baseline';
import { MetricAccumulator } from './aggregate';
import type { HandoffFacts } from './handoff-facts';
import type { MqlOutcomes } from './outcomes';
import { NO_VALUE, SEGMENT_DIMENSIONS, type RejectionMix, type SegmentDimension, type SegmentEntry } from './types';

/** 10-point band of a score, "60-69" (a band holds [60, 70)); "(no score)" when missing. */
export function scoreBand(score: number): string {
  if (!Number.isFinite(score)) return NO_VALUE.score_band;
  const lo = Math.floor(score / 10) * 10;
  return `${lo}-${lo + 9}`;
}

function keyOf(dim: SegmentDimension, f: HandoffFacts, i: number): string {
  switch (dim) {
    case 'tier':
      return f.tier[i] ?? NO_VALUE.tier;
    case 'source':
      return f.source[i] ?? NO_VALUE.source;
    case 'week':
      return f.week[i]!;
    case 'rep':
      return f.rep[i] ?? NO_VALUE.rep;
    case 'score_band':
      return scoreBand(f.score[i]!);
  }
}

const isPlaceholder = (key: string): boolean => (Object.values(NO_VALUE) as string[]).includes(key);

/** Missing-value keys last; score bands by number; tiers in policy order; the rest by name. */
function compareKeys(dim: SegmentDimension, tierOrder: readonly string[] = []): (a: string, b: string) => number {
  const tierRank = new Map(tierOrder.map((name, idx) => [name, idx]));
  return (a, b) => {
    const pa = isPlaceholder(a) ? 1 : 0;
    const pb = isPlaceholder(b) ? 1 : 0;
    if (pa !== pb) return pa - pb;
    if (dim === 'score_band') return parseInt(a, 10) - parseInt(b, 10);
    if (dim === 'tier') {
      const ra = tierRank.get(a) ?? Number.MAX_SAFE_INTEGER;
      const rb = tierRank.get(b) ?? Number.MAX_SAFE_INTEGER;
      if (ra !== rb) return ra - rb;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Every segment dimension's entries, each with the full metric set. */
export function segmentMetrics(
  f: HandoffFacts,
  o: MqlOutcomes,
  policy: BaselinePolicy,
): Record<SegmentDimension, SegmentEntry[]> {
  const result = {} as Record<SegmentDimension, SegmentEntry[]>;
  for (const dim of SEGMENT_DIMENSIONS) {
    const groups = new Map<string, MetricAccumulator>();
    for (let i = 0; i < f.length; i++) {
      const key = keyOf(dim, f, i);
      let acc = groups.get(key);
      if (!acc) {
        acc = new MetricAccumulator(f, o);
        groups.set(key, acc);
      }
      acc.add(i);
    }
    result[dim] = [...groups.keys()]
      .sort(compareKeys(dim, policy.tiers.map((t) => t.name)))
      .map((key) => ({ key, metrics: groups.get(key)!.result() }));
  }
  return result;
}

/** Rejection reasons among rejected MQLs, overall and by source, with shares of that source's rejections. */
export function rejectionMix(f: HandoffFacts, o: MqlOutcomes): { overall: RejectionMix; by_source: RejectionMix[] } {
  const ALL = '(all)';
  const counts = new Map<string, Map<string, number>>();
  const bump = (source: string, reason: string): void => {
    let m = counts.get(source);
    if (!m) {
      m = new Map();
      counts.set(source, m);
    }
    m.set(reason, (m.get(reason) ?? 0) + 1);
  };
  for (let i = 0; i < f.length; i++) {
    if (!o.rejected[i]) continue;
    const reason = f.rejectionReason[i] ?? NO_VALUE.reason;
    bump(ALL, reason);
    bump(f.source[i] ?? NO_VALUE.source, reason);
  }
  const mix = (source: string): RejectionMix => {
    const m = counts.get(source) ?? new Map<string, number>();
    const rejected = [...m.values()].reduce((s, v) => s + v, 0);
    const reasons = [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([reason, count]) => ({ reason, count, share: count / rejected }));
    return { source, rejected, reasons };
  };
  const sources = [...counts.keys()].filter((s) => s !== ALL).sort(compareKeys('source'));
  return { overall: mix(ALL), by_source: sources.map(mix) };
}
