// Segment keys of an MQL and the per-segment metrics, plus the rejection-reason
// mix by source. Keys for missing values are the NO_VALUE labels, sorted last.
import type { BaselinePolicy } from '../policy/baseline';
import { groupMetrics } from './aggregate';
import type { HandoffFacts } from './handoff-facts';
import type { MqlOutcomes } from './outcomes';
import { NO_VALUE, SEGMENT_DIMENSIONS, type RejectionMix, type SegmentDimension, type SegmentEntry } from './types';

/** 10-point band of a score, "60-69" (a band holds [60, 70)); "(no score)" when missing. */
export function scoreBand(score: number): string {
  if (!Number.isFinite(score)) return NO_VALUE.score_band;
  const lo = Math.floor(score / 10) * 10;
  return `${lo}-${lo + 9}`;
}

/** Group codes and labels of one dimension; code -1 = the dimension's missing-value key. */
function dimensionCodes(dim: SegmentDimension, f: HandoffFacts): { codes: Int32Array; labels: readonly string[]; missing: string } {
  switch (dim) {
    case 'tier':
      return { codes: f.tier.codes, labels: f.tier.values, missing: NO_VALUE.tier };
    case 'source':
      return { codes: f.source.codes, labels: f.source.values, missing: NO_VALUE.source };
    case 'rep':
      return { codes: f.rep.codes, labels: f.rep.values, missing: NO_VALUE.rep };
    case 'week':
      return { codes: f.week.codes, labels: f.week.values, missing: '' };
    case 'score_band': {
      const labels: string[] = [];
      const index = new Map<number, number>();
      const codes = new Int32Array(f.length);
      for (let i = 0; i < f.length; i++) {
        const s = f.score[i]!;
        if (!Number.isFinite(s)) {
          codes[i] = -1;
          continue;
        }
        const band = Math.floor(s / 10);
        let c = index.get(band);
        if (c === undefined) {
          c = labels.length;
          labels.push(scoreBand(s));
          index.set(band, c);
        }
        codes[i] = c;
      }
      return { codes, labels, missing: NO_VALUE.score_band };
    }
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
    const { codes, labels, missing } = dimensionCodes(dim, f);
    // slot 0 holds the missing-value group, slot c + 1 the group of code c
    const slots = new Int32Array(f.length);
    for (let i = 0; i < f.length; i++) slots[i] = codes[i]! + 1;
    const metrics = groupMetrics(f, o, slots, labels.length + 1);
    const entries: SegmentEntry[] = [];
    for (let slot = 0; slot < metrics.length; slot++) {
      const m = metrics[slot]!;
      if (m.mql_count.observed) entries.push({ key: slot === 0 ? missing : labels[slot - 1]!, metrics: m });
    }
    const order = compareKeys(dim, policy.tiers.map((t) => t.name));
    result[dim] = entries.sort((x, y) => order(x.key, y.key));
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
    const rc = f.rejectionReason.codes[i]!;
    const reason = rc < 0 ? NO_VALUE.reason : f.rejectionReason.values[rc]!;
    bump(ALL, reason);
    const sc = f.source.codes[i]!;
    bump(sc < 0 ? NO_VALUE.source : f.source.values[sc]!, reason);
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
