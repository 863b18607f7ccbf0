// Result shapes of the analysis features: threshold sweep, model health and
// suggested weights. Node-free and type-only so the renderer may import them.
import type { MetricName } from '../metrics/types';
import type { Scenario } from '../scenario/schema';

/** One threshold of the frontier chart. */
export interface SweepPoint {
  readonly threshold: number;
  /** Expected value of every metric at this threshold (other policy blocks as in the scenario); null when undefined. */
  readonly metrics: Record<MetricName, number | null>;
  /** Handed-off MQLs per working day per rep at this threshold. */
  readonly repLoadPerDay: number;
}

export interface ThresholdSweepResult {
  /** Ascending thresholds. */
  readonly points: readonly SweepPoint[];
  /** The scenario's threshold. */
  readonly currentThreshold: number;
  /** The threshold of the policy in force. */
  readonly baselineThreshold: number;
  /** Plain-words notes: extrapolation, approximated metrics, threshold-only mode. */
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
  /**
   * Metrics the sweep approximates from rep load instead of simulating the
   * queue per threshold (the forecast at one threshold is exact; these are a curve).
   */
  readonly approximateMetrics?: readonly MetricName[];
}

/** Predicted vs observed rate in one score band (reliability diagram). */
export interface HealthBand {
  /** Score band [low, high); the last band includes its top. */
  readonly low: number;
  readonly high: number;
  readonly count: number;
  /** Mean predicted probability (a logistic fit of the outcome on the score); null when empty. */
  readonly predicted: number | null;
  /** Observed outcome rate; null when empty. */
  readonly observed: number | null;
}

export interface HealthDecile {
  /** 1 = the top-scoring tenth. */
  readonly decile: number;
  readonly count: number;
  readonly positives: number;
  readonly rate: number | null;
  /** rate / overall rate. */
  readonly lift: number | null;
  /** Share of all positives captured by this decile and the ones above it. */
  readonly cumulativeCapture: number | null;
  readonly minScore: number | null;
  readonly maxScore: number | null;
}

/** How well one score ranks and predicts one outcome. */
export interface OutcomeHealth {
  readonly outcome: 'acceptance' | 'opportunity';
  /** Leads the diagnostics are computed over (handed-off leads with a known outcome) and their positives. */
  readonly count: number;
  readonly positives: number;
  /** ROC AUC of the score; null when one class is empty. */
  readonly auc: number | null;
  readonly calibration: readonly HealthBand[];
  readonly lift: readonly HealthDecile[];
  readonly brier: number | null;
  /** AUC above 0.85: outcome information is probably leaking into the score. */
  readonly leakageSuspected: boolean;
}

export interface ModelHealthReport {
  /** Scenario name, or null for the policy in force. */
  readonly scenario: string | null;
  /** Whose scoring was diagnosed. */
  readonly scoring: 'baseline' | 'scenario';
  readonly acceptance: OutcomeHealth;
  readonly opportunity: OutcomeHealth;
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
}

/** One row of the current vs suggested points table. */
export interface WeightRow {
  readonly kind: 'activity' | 'fit';
  /** Activity type, or a fit rule in words (e.g. "company_size between 10 and 500"). */
  readonly key: string;
  readonly current: number;
  readonly suggested: number;
  /** Leads in the training set with this activity / matching this rule. */
  readonly support: number;
}

/** Ranking quality on leads held out of the fit, current vs suggested scoring. */
export interface HeldOutComparison {
  readonly leads: number;
  readonly positives: number;
  readonly aucCurrent: number | null;
  readonly aucSuggested: number | null;
  /** Opportunity rate of the top-scoring tenth / overall rate. */
  readonly topDecileLiftCurrent: number | null;
  readonly topDecileLiftSuggested: number | null;
}

export interface SuggestedWeights {
  /** A valid scenario (version 1) whose scoring block holds the suggested points; the editor can load it. */
  readonly scenario: Scenario;
  readonly outcome: 'opportunity';
  readonly rows: readonly WeightRow[];
  readonly heldOut: HeldOutComparison;
  /** Plain-words notes: how the points were fitted and scaled. */
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
}
