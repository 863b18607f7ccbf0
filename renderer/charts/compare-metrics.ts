// What the Compare screen shows for each metric, as pure functions of the
// forecasts: the table cells (observed, forecast, 90% interval), the change
// against the policy in force, and the same table as CSV rows. Rates change in
// percentage points, counts and amounts in percent: the units a review quotes.
import type { EngineResults } from '../../engine/api/contract';
import type { CsvCell } from '../../engine/api/contract';
import { formatAmount, formatHours, formatInteger, formatPercent, MISSING } from './format';

export type ForecastResult = EngineResults['forecast'];
export type ForecastMetrics = ForecastResult['metrics'];
export type MetricName = keyof ForecastMetrics;
export type ForecastMetric = ForecastMetrics[MetricName];

export type MetricKind = 'rate' | 'count' | 'hours' | 'amount';

export interface CompareMetricSpec {
  readonly name: MetricName;
  readonly label: string;
  readonly kind: MetricKind;
  /** Whether a rise is good news (black holes and hours: a fall is). */
  readonly higherIsBetter: boolean;
}

export const COMPARE_METRICS: readonly CompareMetricSpec[] = [
  { name: 'mql_count', label: 'MQLs', kind: 'count', higherIsBetter: true },
  { name: 'acceptance_rate', label: 'Acceptance rate', kind: 'rate', higherIsBetter: true },
  { name: 'rejection_rate', label: 'Rejection rate', kind: 'rate', higherIsBetter: false },
  { name: 'black_hole_rate', label: 'Black-hole rate', kind: 'rate', higherIsBetter: false },
  { name: 'sla_compliance_rate', label: 'SLA compliance', kind: 'rate', higherIsBetter: true },
  { name: 'median_hours_to_first_contact', label: 'Median first contact', kind: 'hours', higherIsBetter: false },
  { name: 'p90_hours_to_first_contact', label: 'P90 first contact', kind: 'hours', higherIsBetter: false },
  { name: 'sql_rate', label: 'SQL rate', kind: 'rate', higherIsBetter: true },
  { name: 'opportunity_rate', label: 'Opportunity rate', kind: 'rate', higherIsBetter: true },
  { name: 'won_count', label: 'Won deals', kind: 'count', higherIsBetter: true },
  { name: 'pipeline_amount', label: 'Pipeline', kind: 'amount', higherIsBetter: true },
];

export function formatMetric(kind: MetricKind, v: number | null | undefined): string {
  switch (kind) {
    case 'rate':
      return formatPercent(v);
    case 'count':
      return formatInteger(v);
    case 'hours':
      return formatHours(v);
    case 'amount':
      return formatAmount(v);
  }
}

/** "62.1%–66.0%", or "–" when the engine gave no interval. */
export function formatInterval(kind: MetricKind, m: ForecastMetric): string {
  if (m.low === null || m.high === null) return MISSING;
  return `${formatMetric(kind, m.low)}–${formatMetric(kind, m.high)}`;
}

export interface MetricDelta {
  /** Rates: percentage points; hours: hours; counts and amounts: percent of the reference. */
  readonly value: number;
  readonly unit: 'pp' | 'h' | '%';
}

/** The scenario's forecast against a reference value (the policy in force); null when either is missing or the reference is 0 for a percent change. */
export function metricDelta(kind: MetricKind, value: number | null, reference: number | null): MetricDelta | null {
  if (value === null || reference === null || !Number.isFinite(value) || !Number.isFinite(reference)) return null;
  if (kind === 'rate') return { value: (value - reference) * 100, unit: 'pp' };
  if (kind === 'hours') return { value: value - reference, unit: 'h' };
  if (reference === 0) return null;
  return { value: ((value - reference) / Math.abs(reference)) * 100, unit: '%' };
}

const SIGNED = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "+3.2 pp", "−12.0%", "+0.5 h"; "–" when there is nothing to compare. */
export function formatDelta(d: MetricDelta | null): string {
  if (!d) return MISSING;
  const n = SIGNED.format(d.value).replace('-', '−');
  return d.unit === '%' ? `${n}%` : `${n} ${d.unit}`;
}

/** Good, bad or neutral news for the reader, for the cell's colour (the sign is in the text too). */
export function deltaTone(spec: CompareMetricSpec, d: MetricDelta | null): 'up' | 'down' | 'flat' {
  if (!d || Math.abs(d.value) < 0.05) return 'flat';
  return d.value > 0 === spec.higherIsBetter ? 'up' : 'down';
}

export interface CompareColumn {
  readonly key: string;
  readonly label: string;
  readonly result: ForecastResult;
}

/**
 * The comparison as CSV rows: one row per metric and column, raw numbers
 * (rates as fractions, as the engine gives them) so a spreadsheet can compute
 * with them; labels are text and get neutralised by the CSV writer.
 */
export function compareCsvRows(columns: readonly CompareColumn[], baseline: CompareColumn | null): CsvCell[][] {
  const rows: CsvCell[][] = [['scenario', 'metric', 'window_from', 'window_to', 'observed', 'forecast', 'low_90', 'high_90', 'change_vs_policy_in_force', 'change_unit']];
  for (const col of baseline ? [baseline, ...columns] : columns) {
    for (const spec of COMPARE_METRICS) {
      const m = col.result.metrics[spec.name];
      const d = baseline && col !== baseline ? metricDelta(spec.kind, m.forecast, baseline.result.metrics[spec.name].forecast) : null;
      rows.push([col.label, spec.name, col.result.window.from, col.result.window.to, m.observed, m.forecast, m.low, m.high, d ? Math.round(d.value * 1000) / 1000 : null, d ? d.unit : null]);
    }
  }
  return rows;
}

/** Warnings of all columns, each once, prefixed with the column when it is not everyone's. */
export function compareWarnings(columns: readonly CompareColumn[]): string[] {
  const out: string[] = [];
  for (const col of columns) for (const w of col.result.warnings) out.push(`${col.label}: ${w}`);
  const windows = new Set(columns.map((c) => `${c.result.window.from ?? ''}..${c.result.window.to ?? ''}`));
  if (windows.size > 1) out.unshift('These scenarios cover different windows, so their observed values differ: compare changes, not levels.');
  return out;
}

/** "Jan 1, 2025 – Dec 31, 2025", or "all history". */
export function formatWindow(w: { readonly from: string | null; readonly to: string | null }): string {
  if (!w.from && !w.to) return 'all history';
  return `${w.from ?? 'start'} – ${w.to ?? 'data end'}`;
}

/** The table as plain strings (the printable report): one row per metric, observed, then each column's forecast, interval and change. */
export function compareTextTable(columns: readonly CompareColumn[], baseline: CompareColumn | null): { head: string[]; rows: string[][] } {
  const head = ['Metric', 'Observed', ...(baseline ? [`${baseline.label} (forecast)`] : []), ...columns.flatMap((c) => [c.label, '90% interval', 'Change'])];
  const reference = baseline ?? columns[0];
  const rows = COMPARE_METRICS.map((spec) => {
    const observed = reference ? formatMetric(spec.kind, reference.result.metrics[spec.name].observed) : MISSING;
    const cells = [spec.label, observed];
    if (baseline) cells.push(formatMetric(spec.kind, baseline.result.metrics[spec.name].forecast));
    for (const col of columns) {
      const m = col.result.metrics[spec.name];
      cells.push(formatMetric(spec.kind, m.forecast), formatInterval(spec.kind, m), baseline ? formatDelta(metricDelta(spec.kind, m.forecast, baseline.result.metrics[spec.name].forecast)) : MISSING);
    }
    return cells;
  });
  return { head, rows };
}
