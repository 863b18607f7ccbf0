// Scenario against baseline, metric by metric: the numbers the cards, the
// delta chart and presenter mode's before/after all read. Pure, so the
// arithmetic is tested without a DOM. "Baseline" is the same model's forecast
// for the policy in force, so a change is the scenario's doing and not the
// model's distance from history (won deals, for one, count outcomes history
// has not seen close yet); an untouched scenario shows no change. History
// (forecast@1's `observed`) stays beside it, and stands in for the baseline
// when the baseline's own forecast is not at hand.
import type { EngineResults } from '../../engine/api/contract';
import { formatAmount, formatHours, formatInteger, formatPercent, MISSING } from './format';
import type { MetricName } from './health-types';
import { metricStatus, type Status } from './health-status';

export type ForecastResult = EngineResults['forecast'];
export type ForecastMetric = ForecastResult['metrics'][MetricName];

export type MetricKind = 'rate' | 'count' | 'hours' | 'amount';

export const METRIC_KINDS: Readonly<Record<MetricName, MetricKind>> = {
  mql_count: 'count',
  acceptance_rate: 'rate',
  rejection_rate: 'rate',
  black_hole_rate: 'rate',
  sla_compliance_rate: 'rate',
  median_hours_to_first_contact: 'hours',
  p90_hours_to_first_contact: 'hours',
  sql_rate: 'rate',
  opportunity_rate: 'rate',
  won_count: 'count',
  pipeline_amount: 'amount',
};

export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  mql_count: 'MQLs',
  acceptance_rate: 'Acceptance rate',
  rejection_rate: 'Rejection rate',
  black_hole_rate: 'Black-hole rate',
  sla_compliance_rate: 'SLA compliance',
  median_hours_to_first_contact: 'Median first contact',
  p90_hours_to_first_contact: 'P90 first contact',
  sql_rate: 'SQL rate',
  opportunity_rate: 'Opportunity rate',
  won_count: 'Won deals',
  pipeline_amount: 'Pipeline',
};

/**
 * Which way is better. Acceptance has a band (50–70%): nearer its middle is
 * better, since accepting everything means the bar is too strict. MQL volume
 * has no better direction on its own.
 */
const BETTER: Readonly<Record<MetricName, 'up' | 'down' | 'band' | null>> = {
  mql_count: null,
  acceptance_rate: 'band',
  rejection_rate: 'down',
  black_hole_rate: 'down',
  sla_compliance_rate: 'up',
  median_hours_to_first_contact: 'down',
  p90_hours_to_first_contact: 'down',
  sql_rate: 'up',
  opportunity_rate: 'up',
  won_count: 'up',
  pipeline_amount: 'up',
};

const ACCEPTANCE_BAND = [0.5, 0.7] as const;
const distanceToBand = (v: number) => (v < ACCEPTANCE_BAND[0] ? ACCEPTANCE_BAND[0] - v : v > ACCEPTANCE_BAND[1] ? v - ACCEPTANCE_BAND[1] : 0);
/** Changes smaller than this (in the metric's own unit) read as "no change": rounding noise, not news. */
const EPSILON: Readonly<Record<MetricKind, number>> = { rate: 0.0005, count: 0.5, hours: 0.05, amount: 0.5 };

export type Verdict = 'better' | 'worse' | 'same' | 'neutral';

export interface MetricDelta {
  readonly name: MetricName;
  readonly kind: MetricKind;
  /** The policy in force, forecast by the same model (or history when that is missing). */
  readonly baseline: number | null;
  /** What history shows for the window (forecast@1 `observed`). */
  readonly history: number | null;
  readonly forecast: number | null;
  /** forecast - baseline, null when either is missing. */
  readonly delta: number | null;
  /** The 90% interval (null until the interval runs are in). */
  readonly low: number | null;
  readonly high: number | null;
  /** The interval as a change against the baseline. */
  readonly deltaLow: number | null;
  readonly deltaHigh: number | null;
  /** Status of the forecast and of the baseline against the field targets (null: no target). */
  readonly status: Status | null;
  readonly baselineStatus: Status | null;
  readonly verdict: Verdict;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function verdictOf(name: MetricName, baseline: number | null, forecast: number | null): Verdict {
  if (!finite(baseline) || !finite(forecast)) return 'neutral';
  const kind = METRIC_KINDS[name];
  if (Math.abs(forecast - baseline) < EPSILON[kind]) return 'same';
  const dir = BETTER[name];
  if (dir === null) return 'neutral';
  if (dir === 'band') {
    // Anywhere inside 50–70% is on target: a move within the band is neither better nor worse.
    const before = distanceToBand(baseline);
    const after = distanceToBand(forecast);
    if (before === 0 && after === 0) return 'neutral';
    return Math.abs(after - before) < EPSILON.rate ? 'same' : after < before ? 'better' : 'worse';
  }
  return (forecast > baseline) === (dir === 'up') ? 'better' : 'worse';
}

/**
 * One metric's change. `withInterval`: the result came from interval runs, so
 * low/high are a real 90% interval (in the expected-values path they equal
 * the forecast and mean nothing).
 */
export function metricDelta(name: MetricName, m: ForecastMetric, withInterval: boolean, base: ForecastMetric | null = null): MetricDelta {
  const history = finite(m.observed) ? m.observed : null;
  const baseline = base ? (finite(base.forecast) ? base.forecast : null) : history;
  const forecast = finite(m.forecast) ? m.forecast : null;
  const low = withInterval && finite(m.low) ? m.low : null;
  const high = withInterval && finite(m.high) ? m.high : null;
  const minus = (a: number | null) => (a !== null && baseline !== null ? a - baseline : null);
  return {
    name,
    kind: METRIC_KINDS[name],
    baseline,
    history,
    forecast,
    delta: minus(forecast),
    low,
    high,
    deltaLow: minus(low),
    deltaHigh: minus(high),
    status: metricStatus(name, forecast),
    baselineStatus: metricStatus(name, baseline),
    verdict: verdictOf(name, baseline, forecast),
  };
}

/** Every metric of result against the baseline's forecast (null: against history). */
export function forecastDeltas(result: ForecastResult, names: readonly MetricName[], baseline: ForecastResult | null = null): MetricDelta[] {
  const withInterval = result.details.runs > 0;
  return names.map((n) => metricDelta(n, result.metrics[n], withInterval, baseline ? baseline.metrics[n] : null));
}

/** A value in its metric's unit: "66.8%", "3,300", "2.4 h", "$4.1M". */
export function formatMetric(kind: MetricKind, v: number | null): string {
  switch (kind) {
    case 'rate':
      return formatPercent(v);
    case 'count':
      return formatInteger(v === null ? null : Math.round(v));
    case 'hours':
      return formatHours(v);
    case 'amount':
      return formatAmount(v);
  }
}

const SIGNED_ONE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const SIGNED_INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

/** A change in its metric's unit: rates in percentage points ("+1.2 pp"), counts signed ("−120"). */
export function formatDelta(kind: MetricKind, d: number | null): string {
  if (!finite(d)) return MISSING;
  const minus = (s: string) => s.replace('-', '−');
  switch (kind) {
    case 'rate':
      return minus(`${SIGNED_ONE.format(d * 100)} pp`);
    case 'count':
      return minus(SIGNED_INT.format(Math.round(d)));
    case 'hours':
      return minus(`${SIGNED_ONE.format(d)} h`);
    case 'amount': {
      // Changes read at a glance: "+$3.6M", "−$606k", "+$850".
      const a = Math.abs(d);
      if (a < 0.5) return '0';
      const abs = a >= 1_000_000 ? formatAmount(a) : a >= 10_000 ? `$${Math.round(a / 1000)}k` : formatAmount(a);
      return `${d > 0 ? '+' : '−'}${abs}`;
    }
  }
}

/** "64.9% – 67.5%" or null while the interval is not in; counts the replay fixes exactly have no spread to show. */
export function formatInterval(d: MetricDelta): string | null {
  if (d.low === null || d.high === null) return null;
  if (d.low === d.high) return 'exact (replayed, not sampled)';
  return `${formatMetric(d.kind, d.low)} – ${formatMetric(d.kind, d.high)}`;
}

/** Relative change for counts and amounts ("+4.2%"), null when the baseline is 0 or missing. */
export function relativeChange(d: MetricDelta): number | null {
  return d.delta !== null && d.baseline !== null && d.baseline !== 0 ? d.delta / Math.abs(d.baseline) : null;
}
