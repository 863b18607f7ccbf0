// A Policy's scoring and MQL rules turned into per-activity-type arrays indexed
// by the loaded type codes, so the kernel never looks up a string.
import type { ActivityColumns } from '../columns/types';
import { tierOrder, type Policy } from '../scenario/policy';

const DAY_MS = 86_400_000;

export interface CompiledRules {
  readonly nTypes: number;
  /** activity_points per type code; 0 for types the policy does not score. */
  readonly points: Float64Array;
  /** activity_caps per type code; Infinity when uncapped. */
  readonly caps: Float64Array;
  /** 1 when the type has a cap: its decayed total is tracked on its own. */
  readonly capped: Uint8Array;
  /** 1 when the type is in mql.high_intent_types. */
  readonly highIntent: Uint8Array;
  /**
   * No type has negative points: then the score never rises at an activity
   * that adds nothing (decay and the lookback only lower positive totals), so
   * the scan may skip evaluating it.
   */
  readonly nonNegative: boolean;
  /** Half-life in ms; 0 = no decay. */
  readonly halfLifeMs: number;
  /** Lookback in ms; Infinity = none. */
  readonly lookbackMs: number;
  readonly threshold: number;
  /** Indices into policy.tiers from the highest min_score down. */
  readonly tierOrder: Int32Array;
  /** min_score of tierOrder[q]. */
  readonly tierMin: Float64Array;
}

/**
 * Scores are sums of floating-point terms (decay factors, cap clipping), so a
 * score that equals a threshold on paper can land a hair below it. Comparisons
 * against thresholds and tier minima allow this relative slack.
 */
export function slack(x: number): number {
  return 1e-9 * Math.max(1, Math.abs(x));
}

const typeKey = (s: string) => s.trim().toLowerCase();

export function compileRules(policy: Policy, activities: ActivityColumns): CompiledRules {
  const nTypes = activities.types.length;
  const codeOf = new Map<string, number>();
  activities.types.forEach((t, k) => codeOf.set(t, k));
  const points = new Float64Array(nTypes);
  const caps = new Float64Array(nTypes).fill(Infinity);
  const capped = new Uint8Array(nTypes);
  const highIntent = new Uint8Array(nTypes);
  for (const [type, p] of Object.entries(policy.scoring.activity_points)) {
    const k = codeOf.get(typeKey(type));
    if (k !== undefined) points[k] = p;
  }
  for (const [type, c] of Object.entries(policy.scoring.activity_caps)) {
    const k = codeOf.get(typeKey(type));
    if (k !== undefined) {
      caps[k] = c;
      capped[k] = 1;
    }
  }
  for (const type of policy.mql.high_intent_types) {
    const k = codeOf.get(typeKey(type));
    if (k !== undefined) highIntent[k] = 1;
  }
  const order = tierOrder(policy.tiers);
  return {
    nTypes,
    points,
    caps,
    capped,
    highIntent,
    nonNegative: points.every((p) => p >= 0),
    halfLifeMs: policy.scoring.decay_half_life_days === null ? 0 : policy.scoring.decay_half_life_days * DAY_MS,
    lookbackMs: policy.scoring.lookback_days === null ? Infinity : policy.scoring.lookback_days * DAY_MS,
    threshold: policy.mql.threshold,
    tierOrder: Int32Array.from(order),
    tierMin: Float64Array.from(order.map((i) => policy.tiers[i]?.min_score ?? Infinity)),
  };
}

/** Index into policy.tiers for an MQL: high intent goes to the first tier; otherwise the first whose min_score the score reaches. */
export function tierFor(rules: CompiledRules, score: number, highIntent: boolean): number {
  if (rules.tierOrder.length === 0) return -1;
  if (highIntent) return rules.tierOrder[0] ?? -1;
  for (let q = 0; q < rules.tierOrder.length; q++) {
    const min = rules.tierMin[q] ?? Infinity;
    if (score >= min - slack(min)) return rules.tierOrder[q] ?? -1;
  }
  return -1;
}
