// A Policy is a scenario with every block filled in: what the replay, the
// forecast and the metrics run against. Scenarios say only what changes;
// resolve.ts fills the rest from the baseline (the policy in force).
import type { FitRule, Tier } from './schema';

export interface ScoringPolicy {
  readonly activity_points: Readonly<Record<string, number>>;
  readonly activity_caps: Readonly<Record<string, number>>;
  readonly fit_points: readonly FitRule[];
  readonly decay_half_life_days: number | null;
  readonly lookback_days: number | null;
}

export interface MqlPolicy {
  readonly threshold: number;
  readonly high_intent_types: readonly string[];
  readonly require_business_email: boolean;
  readonly require_fields: readonly string[];
}

export interface SlaPolicy {
  readonly business_hours: boolean;
  readonly acceptance_sla_hours: number;
  readonly escalate_after_hours: number;
  readonly reassign_after_hours: number;
}

export interface CapacityPolicy {
  /** null: each rep's capacity comes from the reps table or the data. */
  readonly rep_daily_capacity: number | null;
  readonly extra_reps: number;
}

export interface WindowPolicy {
  /** YYYY-MM-DD, inclusive, workspace time zone; null = open-ended. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface SimulationPolicy {
  readonly runs: number;
  readonly seed: number;
}

/** Where a baseline came from, so the app can say what it guessed. */
export interface PolicyProvenance {
  /** True when any part of the baseline was inferred from the data rather than read from scoring_model.json. */
  readonly inferred: boolean;
  /** Plain-words notes, one per inferred field, e.g. "mql.threshold: 62, the lowest score_at_mql of score-triggered handoffs". */
  readonly notes: readonly string[];
  /**
   * True when activity points are unknown (no scoring_model.json and none given by
   * the scenario): the replay cannot re-score, only re-threshold the historical score_at_mql.
   */
  readonly thresholdOnly: boolean;
}

export interface Policy {
  readonly name: string | null;
  readonly scoring: ScoringPolicy;
  readonly mql: MqlPolicy;
  readonly tiers: readonly Tier[];
  readonly sla: SlaPolicy;
  readonly capacity: CapacityPolicy;
  readonly window: WindowPolicy;
  readonly simulation: SimulationPolicy;
  readonly provenance: PolicyProvenance;
}

/** Field defaults of DATA_CONTRACT section 2 for blocks no source specifies. */
export const DEFAULT_SLA: SlaPolicy = {
  business_hours: true,
  acceptance_sla_hours: 4,
  escalate_after_hours: 4,
  reassign_after_hours: 8,
};
export const DEFAULT_CAPACITY: CapacityPolicy = { rep_daily_capacity: null, extra_reps: 0 };
export const DEFAULT_WINDOW: WindowPolicy = { from: null, to: null };
export const DEFAULT_SIMULATION: SimulationPolicy = { runs: 200, seed: 1 };
/** First-contact SLA defaults by tier name (DATA_CONTRACT section 1, scoring_model.json). */
export const DEFAULT_TIER_SLA_HOURS: Readonly<Record<string, number>> = { A: 1, B: 4, C: 24 };
export const FALLBACK_TIER_SLA_HOURS = 24;

/** Tier indices into policy.tiers, from the highest min_score down: the order tiers are tried in. */
export function tierOrder(tiers: readonly Tier[]): number[] {
  return tiers.map((_, i) => i).sort((a, b) => (tiers[b]?.min_score ?? 0) - (tiers[a]?.min_score ?? 0));
}
