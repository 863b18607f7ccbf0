// Folds per-MQL facts and outcomes into the section-3 metrics for any group of
// MQLs (overall or one segment key) in a single pass per row.
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

interface RateCounter {
  yes: number;
  mature: number;
  censored: number;
}

const newRate = (): RateCounter => ({ yes: 0, mature: 0, censored: 0 });

function countState(c: RateCounter, s: number): void {
  if (s === CENSORED) c.censored++;
  else {
    c.mature++;
    if (s === SUCCESS) c.yes++;
  }
}

function rateValue(c: RateCounter): MetricValue {
  return { observed: c.mature > 0 ? c.yes / c.mature : null, numerator: c.yes, denominator: c.mature, censored: c.censored };
}

/** Accumulates one group's metrics; add(i) for each MQL row i, then result(). */
export class MetricAccumulator {
  private n = 0;
  private accepted = 0;
  private rejected = 0;
  private readonly blackHole = newRate();
  private readonly sla = newRate();
  private readonly sql = newRate();
  private readonly opportunity = newRate();
  private hours: number[] = [];
  private won = 0;
  private openOpportunities = 0;
  private pipeline = 0;
  private horizonOpen = 0;

  constructor(
    private readonly f: HandoffFacts,
    private readonly o: MqlOutcomes,
  ) {}

  get mqlCount(): number {
    return this.n;
  }

  add(i: number): void {
    const { f, o } = this;
    this.n++;
    this.accepted += o.accepted[i]!;
    this.rejected += o.rejected[i]!;
    countState(this.blackHole, o.blackHole[i]!);
    countState(this.sla, o.sla[i]!);
    countState(this.sql, o.sql[i]!);
    countState(this.opportunity, o.opportunity[i]!);
    const h = o.hoursToContact[i]!;
    if (!Number.isNaN(h)) this.hours.push(h);
    this.won += f.won[i]!;
    this.openOpportunities += f.openOpportunity[i]!;
    if (o.pipelineOpportunity[i]) this.pipeline += f.opportunityAmount[i]!;
    this.horizonOpen += o.horizonOpen[i]!;
  }

  result(): MetricSet {
    const sorted = Float64Array.from(this.hours).sort();
    const share = (k: number): MetricValue => ({
      observed: this.n > 0 ? k / this.n : null,
      numerator: k,
      denominator: this.n,
      censored: 0,
    });
    return {
      mql_count: { observed: this.n },
      acceptance_rate: share(this.accepted),
      rejection_rate: share(this.rejected),
      black_hole_rate: rateValue(this.blackHole),
      sla_compliance_rate: rateValue(this.sla),
      median_hours_to_first_contact: { observed: quantileCont(sorted, 0.5), count: sorted.length },
      p90_hours_to_first_contact: { observed: quantileCont(sorted, 0.9), count: sorted.length },
      sql_rate: rateValue(this.sql),
      opportunity_rate: rateValue(this.opportunity),
      // Counts and sums of what has happened so far; censored says how many may still add to them.
      won_count: { observed: this.won, censored: this.openOpportunities },
      pipeline_amount: { observed: this.pipeline, censored: this.horizonOpen },
    };
  }
}
