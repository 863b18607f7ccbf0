// The forecast@1 result (DATA_CONTRACT section 3) and the per-lead
// expectations it is folded from.
import type { MetricName } from '../metrics/types';

export const FORECAST_SCHEMA = 'handoff-lab/forecast@1';

export interface ForecastMetric {
  /** History's value for the window under the policy in force (metrics/observed.ts); null when undefined. */
  readonly observed: number | null;
  /** Expected value under the scenario; null when undefined (e.g. no contacted MQL for hours). */
  readonly forecast: number | null;
  /** 90% interval; equal to forecast in the expected-values path (runs = 0). */
  readonly low: number | null;
  readonly high: number | null;
}

export type ForecastMetrics = Readonly<Record<MetricName, ForecastMetric>>;

export interface ForecastSegment {
  readonly key: string;
  readonly metrics: ForecastMetrics;
}

export interface ForecastResult {
  readonly schema: typeof FORECAST_SCHEMA;
  readonly scenario: string | null;
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly metrics: ForecastMetrics;
  readonly segments: { readonly tier: readonly ForecastSegment[]; readonly source: readonly ForecastSegment[]; readonly week: readonly ForecastSegment[] };
  readonly warnings: readonly string[];
  /** Extra detail for the app (optional fields, allowed by the contract's additive rule). */
  readonly details: ForecastDetails;
}

export interface ForecastDetails {
  /** MQLs in the window under both policies / only under the scenario / only historically. */
  readonly shared: number;
  readonly entered: number;
  readonly left: number;
  /** Newly qualified MQLs scoring below any score sales has seen. */
  readonly extrapolated: number;
  readonly dataCompletion: number;
  readonly runs: number;
  readonly elapsedMs: number;
}

/** Per-MQL expected outcomes under the scenario, for the MQLs in the window. */
export interface LeadExpectations {
  readonly n: number;
  readonly lead: Int32Array;
  readonly accept: Float64Array;
  readonly reject: Float64Array;
  readonly blackHole: Float64Array;
  readonly sla: Float64Array;
  readonly sql: Float64Array;
  readonly opp: Float64Array;
  readonly won: Float64Array;
  readonly pipeline: Float64Array;
  /** Hours to first contact (NaN never) and the probability the touch is a contact. */
  readonly hours: Float64Array;
  readonly hoursWeight: Float64Array;
  /** Scenario tier index per MQL (-1 none). */
  readonly tier: Int32Array;
  readonly arrival: Float64Array;
}

/** Sums a metric set is made of, for one group. */
export interface MetricSums {
  n: number;
  accept: number;
  reject: number;
  blackHole: number;
  sla: number;
  sql: number;
  opp: number;
  won: number;
  pipeline: number;
}
