// Result shapes of the observed handoff metrics (DATA_CONTRACT section 3).
// Each metric is { observed, ... } so the forecast can add forecast/low/high
// to the same object later.

export const METRIC_NAMES = [
  'mql_count',
  'acceptance_rate',
  'rejection_rate',
  'black_hole_rate',
  'sla_compliance_rate',
  'median_hours_to_first_contact',
  'p90_hours_to_first_contact',
  'sql_rate',
  'opportunity_rate',
  'won_count',
  'pipeline_amount',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricValue {
  /** null when undefined for this set of MQLs (e.g. a rate with no mature MQLs). */
  readonly observed: number | null;
  /** Rates: the MQLs counted as successes ("412" of "412 of 690"). */
  readonly numerator?: number;
  /** Rates: the MQLs the rate is taken over, censored ones excluded ("690"). */
  readonly denominator?: number;
  /** Quantiles: how many contacted MQLs they are computed over. */
  readonly count?: number;
  /**
   * MQLs whose outcome for this metric was not mature at the data's end: left
   * out of a rate's denominator, or (for counts and sums) still able to grow.
   */
  readonly censored?: number;
}

export type MetricSet = Readonly<Record<MetricName, MetricValue>>;

export interface SegmentEntry {
  readonly key: string;
  readonly metrics: MetricSet;
}

export const SEGMENT_DIMENSIONS = ['tier', 'source', 'week', 'rep', 'score_band'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
  /** count / rejected MQLs of the same source. */
  readonly share: number;
}

export interface RejectionMix {
  /** A source key, or "(all)" for every source together. */
  readonly source: string;
  readonly rejected: number;
  readonly reasons: readonly ReasonCount[];
}

export interface ObservedMetricsResult {
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly timezone: string;
  /** The latest timestamp anywhere in the loaded tables (ISO, UTC): outcomes later than this are unknown. */
  readonly data_end: string | null;
  readonly policy: {
    readonly source: 'scoring_model' | 'inferred';
    readonly business_hours: boolean;
    readonly tiers: readonly { readonly name: string; readonly min_score: number | null; readonly first_contact_sla_hours: number }[];
  };
  readonly metrics: MetricSet;
  readonly segments: Readonly<Record<SegmentDimension, readonly SegmentEntry[]>>;
  readonly rejection_reasons: { readonly overall: RejectionMix; readonly by_source: readonly RejectionMix[] };
  /** Plain-words notes the UI shows next to the numbers. */
  readonly warnings: readonly string[];
}

/** Keys used when a grouping value is missing. */
export const NO_VALUE = {
  tier: '(none)',
  source: '(none)',
  rep: '(unassigned)',
  score_band: '(no score)',
  reason: '(no reason)',
} as const;
