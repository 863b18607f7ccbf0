// Scenario + baseline -> fully specified Policy. Merging is per field inside a
// block: a scenario that gives only `mql.threshold` keeps the baseline's
// high-intent types and pre-flight checks. Maps and lists (activity_points,
// activity_caps, fit_points, high_intent_types, require_fields, tiers) are
// replaced whole, never merged key by key: a scenario's points table is the
// whole table, so removing a type from it means "this type scores 0".
import type { Policy } from './policy';
import type { Scenario } from './schema';

export function resolvePolicy(baseline: Policy, scenario: Scenario): Policy {
  const s = scenario.scoring ?? {};
  const m = scenario.mql ?? {};
  const sla = scenario.sla ?? {};
  const cap = scenario.capacity ?? {};
  const win = scenario.window ?? {};
  const sim = scenario.simulation ?? {};
  const b = baseline;
  const pointsGiven = s.activity_points !== undefined;
  const notes = pointsGiven
    ? b.provenance.notes.filter((n) => !n.startsWith('scoring.activity_points'))
    : b.provenance.notes;
  return {
    name: scenario.name ?? null,
    scoring: {
      activity_points: s.activity_points ?? b.scoring.activity_points,
      activity_caps: s.activity_caps ?? b.scoring.activity_caps,
      fit_points: s.fit_points ?? b.scoring.fit_points,
      decay_half_life_days: s.decay_half_life_days !== undefined ? s.decay_half_life_days : b.scoring.decay_half_life_days,
      lookback_days: s.lookback_days !== undefined ? s.lookback_days : b.scoring.lookback_days,
    },
    mql: {
      threshold: m.threshold ?? b.mql.threshold,
      high_intent_types: m.high_intent_types ?? b.mql.high_intent_types,
      require_business_email: m.require_business_email ?? b.mql.require_business_email,
      require_fields: m.require_fields ?? b.mql.require_fields,
    },
    tiers: scenario.tiers ?? b.tiers,
    sla: {
      business_hours: sla.business_hours ?? b.sla.business_hours,
      acceptance_sla_hours: sla.acceptance_sla_hours ?? b.sla.acceptance_sla_hours,
      escalate_after_hours: sla.escalate_after_hours ?? b.sla.escalate_after_hours,
      reassign_after_hours: sla.reassign_after_hours ?? b.sla.reassign_after_hours,
    },
    capacity: {
      rep_daily_capacity: cap.rep_daily_capacity !== undefined ? cap.rep_daily_capacity : b.capacity.rep_daily_capacity,
      extra_reps: cap.extra_reps ?? b.capacity.extra_reps,
    },
    window: { from: win.from ?? b.window.from, to: win.to ?? b.window.to },
    simulation: { runs: sim.runs ?? b.simulation.runs, seed: sim.seed ?? b.simulation.seed },
    provenance: {
      inferred: b.provenance.inferred,
      notes,
      // Points given by the scenario make re-scoring possible even over an inferred baseline.
      thresholdOnly: b.provenance.thresholdOnly && !pointsGiven,
    },
  };
}
