// Per-MQL outcomes, each with a maturity rule. An outcome whose window has
// not closed by the data's end is CENSORED: left out of its rate's numerator
// and denominator alike, even when a success was already observed, because
// counting early successes but not pending failures would bias the rate up.
//
// | outcome      | window closes at                                   | success                                   |
// |--------------|----------------------------------------------------|-------------------------------------------|
// | black hole   | assigned_at (else mql_at) + 24 wall-clock hours     | no decision and no contact by then        |
// | SLA          | mql_at + the tier's SLA (business hours if so set)  | first contact at or before that deadline  |
// | SQL          | mql_at + 90 days                                    | sql_at within 90 days of mql_at           |
// | opportunity  | mql_at + 90 days                                    | opportunity_at within 90 days of mql_at   |
//
// A window closes when its end is at or before the data end. Acceptance and
// rejection have no window in the contract: they are over all MQLs, no
// decision counting against acceptance. A decision logged without decided_at
// is taken as made in time (it cannot be shown late), and reported.
// The SQL rate takes the opportunity's 90-day horizon so that recent and old
// weeks are measured over the same span.
import { HOUR_MS } from '../calendar/business-hours';
import type { RepSchedules } from '../calendar/rep-schedules';
import { resolveTier, type BaselinePolicy } from '../policy/baseline';
import { DECISION_ACCEPTED, DECISION_REJECTED, OUTCOME_HORIZON_MS, type HandoffFacts } from './handoff-facts';

export const BLACK_HOLE_WINDOW_MS = 24 * HOUR_MS;

/** Outcome states in the Uint8Arrays below. */
export const CENSORED = 0;
export const SUCCESS = 1;
export const FAILURE = 2;

export interface MqlOutcomes {
  readonly accepted: Uint8Array;
  readonly rejected: Uint8Array;
  /** SUCCESS = a black hole (the event the rate counts). */
  readonly blackHole: Uint8Array;
  readonly sla: Uint8Array;
  readonly sql: Uint8Array;
  readonly opportunity: Uint8Array;
  /** Opportunity within 90 days of mql_at, already observed (mature or not): its amount is pipeline. */
  readonly pipelineOpportunity: Uint8Array;
  /** Still inside the 90-day window: counts and sums may grow. */
  readonly horizonOpen: Uint8Array;
  /** Wall-clock hours from mql_at to first contact; NaN when never contacted. */
  readonly hoursToContact: Float64Array;
  /** MQLs whose tier is missing or not in the policy (they got the last tier's SLA). */
  readonly unmatchedTiers: number;
  readonly untimedDecisions: number;
  /** MQLs whose SLA can never be met because their rep's week has no working time. */
  readonly neverDue: number;
}

function state(mature: boolean, success: boolean): number {
  return mature ? (success ? SUCCESS : FAILURE) : CENSORED;
}

export function computeOutcomes(
  f: HandoffFacts,
  policy: BaselinePolicy,
  schedules: RepSchedules,
  dataEndMs: number,
): MqlOutcomes {
  const n = f.length;
  const out = {
    accepted: new Uint8Array(n),
    rejected: new Uint8Array(n),
    blackHole: new Uint8Array(n),
    sla: new Uint8Array(n),
    sql: new Uint8Array(n),
    opportunity: new Uint8Array(n),
    pipelineOpportunity: new Uint8Array(n),
    horizonOpen: new Uint8Array(n),
    hoursToContact: new Float64Array(n),
  };
  let unmatchedTiers = 0;
  let untimedDecisions = 0;
  let neverDue = 0;
  // Resolve each distinct tier and rep once, not per row; index 0 is "missing" (code -1).
  const tierSla = [null, ...f.tier.values].map((name) => resolveTier(policy, name));
  const tierSlaMs = Float64Array.from(tierSla, (r) => Math.round(r.tier.slaHours * HOUR_MS));
  const repSchedule = [null, ...f.rep.values].map((id) => schedules.forRep(id));
  for (let i = 0; i < n; i++) {
    const mql = f.mqlMs[i]!;
    const contact = f.firstContactMs[i]!; // NaN compares false: never contacted
    const decision = f.decision[i];
    out.accepted[i] = decision === DECISION_ACCEPTED ? 1 : 0;
    out.rejected[i] = decision === DECISION_REJECTED ? 1 : 0;
    if (f.untimedDecision[i]) untimedDecisions++;

    const bhEnd = f.assignedMs[i]! + BLACK_HOLE_WINDOW_MS;
    const responded = contact <= bhEnd || f.firstDecidedMs[i]! <= bhEnd || f.untimedDecision[i] === 1;
    out.blackHole[i] = state(bhEnd <= dataEndMs, !responded);

    const t = f.tier.codes[i]! + 1;
    if (!tierSla[t]!.matched) unmatchedTiers++;
    const slaMs = tierSlaMs[t]!;
    const deadline = policy.businessHours ? repSchedule[f.rep.codes[i]! + 1]!.addBusinessMs(mql, slaMs) : mql + slaMs;
    if (deadline === Number.POSITIVE_INFINITY) neverDue++;
    // Censored until the deadline passes, even if already contacted (see the rule above).
    out.sla[i] = state(deadline <= dataEndMs, contact <= deadline);

    out.hoursToContact[i] = (contact - mql) / HOUR_MS;
    const horizonClosed = mql + OUTCOME_HORIZON_MS <= dataEndMs;
    out.horizonOpen[i] = horizonClosed ? 0 : 1;
    out.sql[i] = state(horizonClosed, f.sqlMs[i]! - mql <= OUTCOME_HORIZON_MS);
    const opportunity = f.opportunityMs[i]! - mql <= OUTCOME_HORIZON_MS;
    out.opportunity[i] = state(horizonClosed, opportunity);
    out.pipelineOpportunity[i] = opportunity ? 1 : 0;
  }
  return { ...out, unmatchedTiers, untimedDecisions, neverDue };
}
