// The policy in force written back as a complete scenario (DATA_CONTRACT
// section 2), so the editor starts from every field filled in and a saved
// copy of the baseline replays exactly like the baseline.
import type { Policy } from './policy';
import type { Scenario } from './schema';

export function scenarioFromPolicy(policy: Policy, name = 'Baseline'): Scenario {
  const { scoring, mql, sla, capacity, window, simulation } = policy;
  return {
    version: 1,
    name,
    scoring: {
      activity_points: { ...scoring.activity_points },
      activity_caps: { ...scoring.activity_caps },
      fit_points: scoring.fit_points.map((r) => ({ ...r })),
      decay_half_life_days: scoring.decay_half_life_days,
      lookback_days: scoring.lookback_days,
    },
    mql: {
      threshold: mql.threshold,
      high_intent_types: [...mql.high_intent_types],
      require_business_email: mql.require_business_email,
      require_fields: [...mql.require_fields],
    },
    tiers: policy.tiers.map((t) => ({ ...t })),
    sla: { ...sla },
    capacity: { ...capacity },
    // The schema's window takes dates or nothing (open-ended).
    window: { ...(window.from !== null ? { from: window.from } : {}), ...(window.to !== null ? { to: window.to } : {}) },
    simulation: { ...simulation },
  };
}
