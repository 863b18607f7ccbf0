// Folds per-MQL facts and outcomes into the section-3 metrics, overall or for
// every key of a segment dimension at once.
import type { HandoffFacts } from './handoff-facts';
import { CENSORED, SUCCESS, type MqlOutcomes } from './outcomes';
import type { MetricSet, MetricValue } from './types';

/**
 * Linear interpolation between order statistics, the same rule as DuckDB's
 * quantile_cont: position (n - 1) * p in the sorted values. null when empty.
 */
export function quantileCont(sorted: Float64Array, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Metrics of every group at once: group[i] is row i's group in [0, groups)
 * (null = one group of all rows). Counters live in typed arrays indexed by
 * group, and hours are bucketed by group before sorting, so the cost is a
 * few passes over the rows whatever the number of groups.
 */
export function groupMetrics(f: HandoffFacts, o: MqlOutcomes, group: Int32Array | null, groups: number): MetricSet[] {
  const n = f.length;
  const counter = (): Float64Array => new Float64Array(groups);
  const mql = counter();
  const accepted = counter();
  const rejected = counter();
  const won = counter();
  const openOpp = counter();
  const pipeline = counter();
  const horizonOpen = counter();
  const contacted = counter();
  const rates = { blackHole: rate(groups), sla: rate(groups), sql: rate(groups), opportunity: rate(groups) };
  for (let i = 0; i < n; i++) {
    const g = group ? group[i]! : 0;
    mql[g]!++;
    accepted[g]! += o.accepted[i]!;
    rejected[g]! += o.rejected[i]!;
    tally(rates.blackHole, g, o.blackHole[i]!);
    tally(rates.sla, g, o.sla[i]!);
    tally(rates.sql, g, o.sql[i]!);
    tally(rates.opportunity, g, o.opportunity[i]!);
    won[g]! += f.won[i]!;
    openOpp[g]! += f.openOpportunity[i]!;
    if (o.pipelineOpportunity[i]) pipeline[g]! += f.opportunityAmount[i]!;
    horizonOpen[g]! += o.horizonOpen[i]!;
    if (!Number.isNaN(o.hoursToContact[i]!)) contacted[g]!++;
  }
  // Bucket the contacted MQLs' hours by group (counting sort), then sort each bucket.
  const start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) start[g + 1] = start[g]! + contacted[g]!;
  const fill = start.slice(0, groups);
  const hours = new Float64Array(start[groups]!);
  for (let i = 0; i < n; i++) {
    const h = o.hoursToContact[i]!;
    if (!Number.isNaN(h)) hours[fill[group ? group[i]! : 0]!++] = h;
  }
  const result: MetricSet[] = [];
  for (let g = 0; g < groups; g++) {
    const sorted = hours.subarray(start[g]!, start[g + 1]!).sort();
    const count = mql[g]!;
    const share = (k: number): MetricValue => ({ observed: count > 0 ? k / count : null, numerator: k, denominator: count, censored: 0 });
    result.push({
      mql_count: { observed: count },
      acceptance_rate: share(accepted[g]!),
      rejection_rate: share(rejected[g]!),
      black_hole_rate: rateValue(rates.blackHole, g),
      sla_compliance_rate: rateValue(rates.sla, g),
      median_hours_to_first_contact: { observed: quantileCont(sorted, 0.5), count: sorted.length },
      p90_hours_to_first_contact: { observed: quantileCont(sorted, 0.9), count: sorted.length },
      sql_rate: rateValue(rates.sql, g),
      opportunity_rate: rateValue(rates.opportunity, g),
      // Counts and sums of what has happened so far; censored says how many may still add to them.
      won_count: { observed: won[g]!, censored: openOpp[g]! },
      pipeline_amount: { observed: pipeline[g]!, censored: horizonOpen[g]! },
    });
  }
  return result;
}

interface RateCounters {
  readonly yes: Float64Array;
  readonly mature: Float64Array;
  readonly censored: Float64Array;
}

function rate(groups: number): RateCounters {
  return { yes: new Float64Array(groups), mature: new Float64Array(groups), censored: new Float64Array(groups) };
}

function tally(c: RateCounters, g: number, state: number): void {
  if (state === CENSORED) c.censored[g]!++;
  else {
    c.mature[g]!++;
    if (state === SUCCESS) c.yes[g]!++;
  }
}

function rateValue(c: RateCounters, g: number): MetricValue {
  const mature = c.mature[g]!;
  const yes = c.yes[g]!;
  return { observed: mature > 0 ? yes / mature : null, numerator: yes, denominator: mature, censored: c.censored[g]! };
}
