// Result shapes of the trust checks: identity replay, time-split backtest and
// the policy-change test. Node-free and type-only so the renderer may import them.
import type { MetricName } from '../metrics/types';

/** One metric of the identity check: history vs the baseline replayed. */
export interface IdentityRow {
  readonly metric: MetricName;
  readonly observed: number | null;
  readonly replayed: number | null;
  /** replayed - observed; null when either is null. */
  readonly difference: number | null;
  /** Allowed |difference|: 0.005 for rates, 0 for mql_count when the scoring model is known. */
  readonly tolerance: number | null;
  readonly passed: boolean;
  /** Why the tolerance is what it is, when it is not the plain one. */
  readonly note?: string;
}

export interface IdentityCheck {
  readonly passed: boolean;
  /** True when the policy in force came from scoring_model.json (mql_count must then match exactly). */
  readonly scoringModelKnown: boolean;
  readonly rows: readonly IdentityRow[];
}

/** Forecast vs what actually happened, for one metric of a held-out period. */
export interface PredictionError {
  readonly metric: MetricName;
  /** What history shows for the held-out period. */
  readonly actual: number | null;
  /** What the models fitted on the earlier period forecast. */
  readonly forecast: number | null;
  /** forecast - actual; null when either is null. */
  readonly error: number | null;
  /** |error| / |actual|; null when actual is 0 or null. */
  readonly relativeError: number | null;
  /** The error bound the check allows for this metric, and whether it holds. */
  readonly tolerance: number | null;
  readonly withinTolerance: boolean | null;
}

export interface PeriodRange {
  readonly from: string;
  readonly to: string;
}

export interface BacktestReport {
  readonly available: true;
  /** Fitted on MQLs of this period... */
  readonly fitPeriod: PeriodRange;
  /** ...and forecast this one. */
  readonly testPeriod: PeriodRange;
  readonly fitMqls: number;
  readonly testMqls: number;
  readonly errors: readonly PredictionError[];
}

export interface PolicyChangeReport {
  readonly available: true;
  /** When the threshold changed (ISO). */
  readonly changedAt: string;
  readonly thresholdBefore: number;
  readonly thresholdAfter: number;
  readonly fitPeriod: PeriodRange;
  readonly testPeriod: PeriodRange;
  readonly fitMqls: number;
  readonly testMqls: number;
  readonly errors: readonly PredictionError[];
}

export interface NotAvailable {
  readonly available: false;
  /** Why, in plain words. */
  readonly reason: string;
}

export interface TrustReport {
  /** Scenario name the report was asked for, or null for the policy in force. */
  readonly scenario: string | null;
  readonly identity: IdentityCheck;
  readonly backtest: BacktestReport | NotAvailable;
  readonly policyChange: PolicyChangeReport | NotAvailable;
  /** Plain-words lines for the trust panel, most important first. */
  readonly summary: readonly string[];
  /** Including how many of the scenario's new MQLs lie outside what sales has seen (extrapolation). */
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
}
