// The section-3 metrics of DATA_CONTRACT over the MQLs of a window, computed from run records.
// `censorAt` reproduces what the history files show at the data end (events after it are not
// there yet); without it the metrics are the uncensored truth of the run.
import { DEC_ACCEPTED, DEC_REJECTED } from './outcomes';
import type { Policy } from './policy';
import type { Records } from './simulate';
import { DAY, HOUR } from './time';

export const METRIC_NAMES = [
  'mql_count', 'acceptance_rate', 'rejection_rate', 'black_hole_rate', 'sla_compliance_rate',
  'median_hours_to_first_contact', 'p90_hours_to_first_contact', 'sql_rate', 'opportunity_rate', 'won_count', 'pipeline_amount',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Record<MetricName, number | null> & { data_completion_count: number };

/** Linear interpolation between order statistics: DuckDB quantile_cont. */
export function quantileCont(sorted: readonly number[] | Float64Array, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * `measure` is the policy whose tiers and SLA settings the SLA metric is measured against; it
 * defaults to the run's own. A scenario that changes only SLAs runs exactly like the baseline
 * (reps work by tier priority, not by SLA), so its truth is the baseline run measured differently.
 */
export function computeMetrics(rec: Records, window: { fromT: number; toT: number }, censorAt = Infinity, measure: Policy = rec.policy): Metrics {
  // Plain comparisons rather than closures inside the loop: this runs for every MQL of every draw.
  let mql = 0;
  let dataCompletion = 0;
  let accepted = 0;
  let rejected = 0;
  let blackHoles = 0;
  let compliant = 0;
  let sqls = 0;
  let opps = 0;
  let won = 0;
  let pipeline = 0;
  const hours: number[] = [];
  const tiers = measure.tiers;
  const business = measure.sla.business_hours;
  for (let i = 0; i < rec.mqls.count; i++) {
    const t = rec.mqls.time[i] as number;
    if (t < window.fromT || t >= window.toT) continue;
    if (!rec.mqls.handed[i]) {
      dataCompletion++;
      continue;
    }
    mql++;
    const decided = rec.decided[i] as number;
    const decisionSeen = decided < censorAt; // NaN compares false: no decision
    const dec = decisionSeen ? (rec.decision[i] as number) : 0;
    if (dec === DEC_ACCEPTED) accepted++;
    else if (dec === DEC_REJECTED) rejected++;
    const contact = rec.contact[i] as number;
    const contacted = contact < censorAt;
    const assigned = rec.assigned[i] as number;
    const deadline = (assigned < censorAt ? assigned : t) + 24 * HOUR;
    if (!(contacted && contact <= deadline) && !(decisionSeen && dec !== 0 && decided <= deadline)) blackHoles++;
    if (contacted) {
      hours.push((contact - t) / HOUR);
      const sla = (tiers[rec.mqls.tier[i] as number] as { first_contact_sla_hours: number }).first_contact_sla_hours * HOUR;
      const repIdx = rec.rep[i] as number;
      const elapsed = business && repIdx >= 0 ? (rec.team.reps[repIdx] as Records['team']['reps'][number]).hours.between(t, contact) : contact - t;
      if (elapsed <= sla) compliant++;
    }
    if ((rec.sql[i] as number) < censorAt) sqls++;
    const opp = rec.opp[i] as number;
    if (opp < censorAt) {
      if (opp - t <= 90 * DAY) opps++;
      pipeline += rec.amount[i] as number;
      if ((rec.closed[i] as number) < censorAt && rec.won[i] === 1) won++;
    }
  }
  hours.sort((a, b) => a - b);
  const rate = (x: number): number | null => (mql > 0 ? x / mql : null);
  return {
    mql_count: mql,
    acceptance_rate: rate(accepted),
    rejection_rate: rate(rejected),
    black_hole_rate: rate(blackHoles),
    sla_compliance_rate: rate(compliant),
    median_hours_to_first_contact: quantileCont(hours, 0.5),
    p90_hours_to_first_contact: quantileCont(hours, 0.9),
    sql_rate: rate(sqls),
    opportunity_rate: rate(opps),
    won_count: won,
    pipeline_amount: pipeline,
    data_completion_count: dataCompletion,
  };
}
