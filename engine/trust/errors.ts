// Forecast vs actual per metric, with the bound each check allows.
import type { MetricValues } from '../forecast/assemble';
import { METRIC_NAMES, type MetricName, type MetricSet } from '../metrics/types';
import type { PredictionError } from './types';

/** Allowed error of an out-of-sample forecast: absolute for rates, relative for the rest. */
export interface ErrorBounds {
  readonly rate: number;
  readonly mqlCount: number;
  readonly hours: number;
  readonly amounts: number;
}

export const isRate = (m: MetricName): boolean => m.endsWith('_rate');

export function boundFor(m: MetricName, actual: number | null, b: ErrorBounds): number | null {
  if (isRate(m)) return b.rate;
  if (actual === null) return null;
  const rel = m === 'mql_count' ? b.mqlCount : m.includes('hours') ? b.hours : b.amounts;
  return rel * Math.abs(actual);
}

export function predictionErrors(forecast: MetricValues, actual: MetricSet, bounds: ErrorBounds): PredictionError[] {
  return METRIC_NAMES.map((metric) => {
    const a = actual[metric].observed;
    const f = forecast[metric];
    const error = a === null || f === null ? null : f - a;
    const tolerance = boundFor(metric, a, bounds);
    return {
      metric,
      actual: a,
      forecast: f,
      error,
      relativeError: error === null || a === null || a === 0 ? null : Math.abs(error) / Math.abs(a),
      tolerance,
      withinTolerance: error === null || tolerance === null ? null : Math.abs(error) <= tolerance + 1e-12,
    };
  });
}

/** "acceptance_rate +0.012" / "mql_count -3.1%": one error in words. */
export function describeError(e: PredictionError): string {
  if (e.error === null) return `${e.metric} n/a`;
  if (isRate(e.metric)) return `${e.metric} ${e.error >= 0 ? '+' : ''}${e.error.toFixed(3)}`;
  const pct = e.relativeError === null ? 0 : e.relativeError * 100 * Math.sign(e.error);
  return `${e.metric} ${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}
