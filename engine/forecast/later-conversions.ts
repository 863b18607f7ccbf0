// A recycled lead's later MQL conversions: every handoff row after a lead's
// first (DATA_CONTRACT: one handoffs row per conversion), each with the
// dispositions the observed metrics link to it (metrics/handoff-facts.ts
// LINKED_HANDOFFS_SQL, so both sides read the same rows). The replay makes a
// lead an MQL at most once under a policy; these rows are what it does not
// see. A forecast carries them as observed conversions of a lead that stays
// an MQL (README "Recycled leads").
import type { Workspace } from '../workspace/database';
import { TRIGGER_HIGH_INTENT, TRIGGER_MANUAL, TRIGGER_NONE, TRIGGER_OTHER, TRIGGER_SCORE, type SessionColumns } from '../columns/types';
import { LINKED_HANDOFFS_SQL } from '../metrics/handoff-facts';
import { compileRules, slack, tierFor } from '../replay/compile';
import type { Policy } from '../scenario/policy';
import type { PolicyCohort } from './cohort';
import { baselineScoreAt, type BaselineScorer } from './features';
import { emptyOutcomes, fillOutcome, type ConversionOutcomes } from './history';

/** Later conversions as loaded, before the data's end is known (outcomes need it). */
export interface LaterConversionRows {
  readonly n: number;
  /** Lead index per conversion; rows sorted by (lead, mql_at). */
  readonly lead: Int32Array;
  readonly mqlAt: Float64Array;
  readonly assignedAt: Float64Array;
  /** TRIGGER_* code. */
  readonly trigger: Uint8Array;
  /** NaN when missing. */
  readonly scoreAtMql: Float64Array;
  /** Code into cols.handoffs.assignedRep.values, -1 none. */
  readonly repCode: Int32Array;
  /** DECISION_* code of the linked dispositions' decision; -1 no disposition row. */
  readonly decision: Int8Array;
  readonly decidedAt: Float64Array;
  readonly contactAt: Float64Array;
  readonly sqlAt: Float64Array;
  readonly opportunityAt: Float64Array;
  readonly amount: Float64Array;
  /** 1 won, 0 lost, -1 unknown (open or no opportunity). */
  readonly won: Int8Array;
  /** Latest instant of these rows (handoffs and linked dispositions), -Infinity none. */
  readonly endMs: number;
}

/** Later conversions with their outcomes (history.ts rules) and MQL-time facts. */
export interface LaterConversions extends LaterConversionRows {
  readonly outcome: ConversionOutcomes;
  /** 1 when the conversion's historical trigger was high intent (the feature the models read). */
  readonly highIntent: Uint8Array;
}

export const NO_LATER_ROWS: LaterConversionRows = {
  n: 0,
  lead: new Int32Array(0),
  mqlAt: new Float64Array(0),
  assignedAt: new Float64Array(0),
  trigger: new Uint8Array(0),
  scoreAtMql: new Float64Array(0),
  repCode: new Int32Array(0),
  decision: new Int8Array(0),
  decidedAt: new Float64Array(0),
  contactAt: new Float64Array(0),
  sqlAt: new Float64Array(0),
  opportunityAt: new Float64Array(0),
  amount: new Float64Array(0),
  won: new Int8Array(0),
  endMs: Number.NEGATIVE_INFINITY,
};

const TRIGGER_CODES: Readonly<Record<string, number>> = { score_threshold: TRIGGER_SCORE, high_intent: TRIGGER_HIGH_INTENT, manual: TRIGGER_MANUAL };

const LATER_SQL = `${LINKED_HANDOFFS_SQL}
SELECT h.lead_id, epoch_ms(h.mql_at)::DOUBLE AS t, epoch_ms(h.assigned_at)::DOUBLE AS asg,
       lower(nullif(trim(h."trigger"), '')) AS trig, h.score_at_mql::DOUBLE AS score, nullif(trim(h.assigned_rep_id), '') AS rep,
       a.hid IS NOT NULL AS has_d, coalesce(a.decision, 0)::INTEGER AS dec, epoch_ms(a.first_decided_at)::DOUBLE AS dec_at,
       epoch_ms(a.first_contact_at)::DOUBLE AS contact, epoch_ms(a.sql_at)::DOUBLE AS sq, epoch_ms(a.opportunity_at)::DOUBLE AS op,
       a.opportunity_amount::DOUBLE AS amount, coalesce(a.won, false) AS won, coalesce(a.open_opportunity, false) AS open_opp,
       epoch_ms(greatest(h.mql_at, h.assigned_at, d_end.e))::DOUBLE AS row_end
FROM h
LEFT JOIN agg a USING (hid)
LEFT JOIN (SELECT hid, max(greatest(decided_at, first_contact_at, sql_at, opportunity_at, closed_at)) AS e FROM dk GROUP BY hid) d_end USING (hid)
WHERE h.seq > 1
ORDER BY h.lead_id, h.seq`;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * Reads the later conversions of a workspace. Skips the query when no lead
 * has a second handoff row (the columns count them), so worlds without
 * recycled leads pay nothing.
 */
export async function loadLaterConversions(ws: Workspace, cols: SessionColumns): Promise<LaterConversionRows> {
  const count = cols.handoffs.count;
  let any = false;
  for (let i = 0; i < count.length && !any; i++) any = count[i]! > 1;
  if (!any) return NO_LATER_ROWS;
  const rows = (await ws.connection.runAndReadAll(LATER_SQL)).getRowObjectsJS();
  const leadOf = new Map(cols.leads.ids.map((id, i) => [id, i]));
  const repOf = new Map(cols.handoffs.assignedRep.values.map((v, k) => [v, k]));
  const kept = rows.filter((r) => typeof r.lead_id === 'string' && leadOf.has(r.lead_id) && Number.isFinite(num(r.t)));
  const n = kept.length;
  const out = {
    n,
    lead: new Int32Array(n),
    mqlAt: new Float64Array(n),
    assignedAt: new Float64Array(n),
    trigger: new Uint8Array(n),
    scoreAtMql: new Float64Array(n),
    repCode: new Int32Array(n),
    decision: new Int8Array(n),
    decidedAt: new Float64Array(n),
    contactAt: new Float64Array(n),
    sqlAt: new Float64Array(n),
    opportunityAt: new Float64Array(n),
    amount: new Float64Array(n),
    won: new Int8Array(n),
    endMs: Number.NEGATIVE_INFINITY,
  };
  kept.forEach((r, k) => {
    out.lead[k] = leadOf.get(r.lead_id as string)!;
    out.mqlAt[k] = num(r.t);
    out.assignedAt[k] = num(r.asg);
    out.trigger[k] = typeof r.trig === 'string' ? (TRIGGER_CODES[r.trig] ?? TRIGGER_OTHER) : TRIGGER_NONE;
    out.scoreAtMql[k] = num(r.score);
    out.repCode[k] = typeof r.rep === 'string' ? (repOf.get(r.rep) ?? -1) : -1;
    // handoff-facts codes 0 none, 1 accepted, 2 rejected, 3 other: DECISION_* reads 0-2 alike and any other value as a decision.
    out.decision[k] = r.has_d === true ? num(r.dec) : -1;
    out.decidedAt[k] = num(r.dec_at);
    out.contactAt[k] = num(r.contact);
    out.sqlAt[k] = num(r.sq);
    out.opportunityAt[k] = num(r.op);
    out.amount[k] = num(r.amount);
    // As history.ts: won = true wins; an opportunity closed (or marked lost) is lost; an open one is unknown.
    out.won[k] = r.won === true ? 1 : Number.isFinite(out.opportunityAt[k]!) && r.open_opp !== true ? 0 : -1;
    const e = num(r.row_end);
    if (e > out.endMs) out.endMs = e;
  });
  return out;
}

/** The rows' outcomes against the data's end (LeadHistory.dataEnd, which already includes rows.endMs). */
export function withOutcomes(rows: LaterConversionRows, dataEnd: number): LaterConversions {
  const o = emptyOutcomes(rows.n);
  for (let k = 0; k < rows.n; k++) {
    const t = rows.mqlAt[k]!;
    const asg = rows.assignedAt[k]!;
    if (Number.isFinite(asg) && asg >= t) o.routingLagMs[k] = asg - t;
    fillOutcome(o, k, t, dataEnd, rows.decision[k]!, rows.decidedAt[k]!, rows.contactAt[k]!, rows.sqlAt[k]!, rows.opportunityAt[k]!, rows.amount[k]!, rows.won[k]!);
  }
  return { ...rows, outcome: o, highIntent: Uint8Array.from(rows.trigger, (t) => (t === TRIGGER_HIGH_INTENT ? 1 : 0)) };
}

/** A policy's kept later conversions (indices into LaterConversions, ascending) and their tier under it. */
export interface KeptLaterConversions {
  readonly index: Int32Array;
  readonly tier: Int32Array;
}

export const NO_KEPT: KeptLaterConversions = { index: new Int32Array(0), tier: new Int32Array(0) };

/** How a policy scores: what a later conversion's qualifying score under it is read from. */
export interface LaterScoring {
  readonly later: LaterConversions;
  readonly cols: SessionColumns;
  readonly policy: Policy;
  /** The policy's fit points per lead. */
  readonly fit: Float64Array;
  /** The policy in force's scorer, and whether the policy scores differently (then a conversion's score moves by the change). */
  readonly baseScorer: BaselineScorer;
  readonly scoringChanged: boolean;
}

/**
 * Per later conversion, the score it qualifies by under the policy and its tier there. A manual
 * conversion stands (sales' doing; lowest tier), a high-intent one while the policy keeps high-intent
 * types (first tier), one without a score stands (lowest tier): score +Infinity. A scored one: its
 * historical score_at_mql plus the scoring change at that instant (0 under the policy in force, and in
 * threshold-only mode), the replay's threshold-only rule (replay/score.ts fromHistory) on a moved score.
 */
export function laterConversionScores(s: LaterScoring): { readonly score: Float64Array; readonly tier: Int32Array } {
  const { later, policy } = s;
  const rules = compileRules(policy, s.cols.activities);
  const scenarioScorer: BaselineScorer = { rules, fit: s.fit };
  const perType = new Float64Array(s.cols.activities.types.length);
  const lowest = rules.tierOrder[rules.tierOrder.length - 1] ?? -1;
  // Threshold-only mode keeps history's high-intent handoffs whatever the types (replay/score.ts fromHistory).
  const keepsHighIntent = policy.provenance.thresholdOnly || policy.mql.high_intent_types.length > 0;
  const score = new Float64Array(later.n);
  const tier = new Int32Array(later.n);
  for (let j = 0; j < later.n; j++) {
    const trig = later.trigger[j]!;
    const score0 = later.scoreAtMql[j]!;
    if (trig === TRIGGER_MANUAL || Number.isNaN(score0) || (trig === TRIGGER_HIGH_INTENT && keepsHighIntent)) {
      score[j] = Number.POSITIVE_INFINITY;
      tier[j] = trig === TRIGGER_HIGH_INTENT && keepsHighIntent ? tierFor(rules, Number.POSITIVE_INFINITY, true) : lowest;
      continue;
    }
    const i = later.lead[j]!;
    const t = later.mqlAt[j]!;
    const v = s.scoringChanged ? score0 + baselineScoreAt(s.cols, scenarioScorer, i, t, perType) - baselineScoreAt(s.cols, s.baseScorer, i, t, perType) : score0;
    score[j] = v;
    tier[j] = tierFor(rules, v, false);
  }
  return { score, tier };
}

/** Whether a later conversion at t stands beside its lead's first MQL of the policy at `arrival` (shared: history's first handoff). */
export function standsBeside(t: number, arrival: number, shared: boolean, sameMqlToleranceMs: number): boolean {
  return t >= arrival && (shared || t - arrival > sameMqlToleranceMs);
}

/** What selectLaterConversions reads of the scenario besides its scoring. */
export interface LaterSelectionInput extends LaterScoring {
  /** The policy's handed-off first MQLs (cohort.ts): lead, arrival, shared. */
  readonly cohort: Pick<PolicyCohort, 'lead' | 'arrival' | 'shared'>;
  readonly sameMqlToleranceMs: number;
}

/**
 * Which later conversions stand under a policy, and in which tier: a lead's
 * later conversion is kept when the lead is a handed-off MQL of the policy no
 * later than the conversion and the conversion itself qualifies
 * (laterConversionScores). A lead whose scenario MQL is new (not history's)
 * drops a conversion within the same-MQL tolerance after it: that conversion
 * is the scenario's MQL, counted once.
 */
export function selectLaterConversions(s: LaterSelectionInput): KeptLaterConversions {
  const { later, cohort } = s;
  if (later.n === 0) return NO_KEPT;
  const rowOfLead = new Map<number, number>();
  for (let k = 0; k < cohort.lead.length; k++) rowOfLead.set(cohort.lead[k]!, k);
  const { score, tier } = laterConversionScores(s);
  const thr = s.policy.mql.threshold - slack(s.policy.mql.threshold);
  const index: number[] = [];
  const tiers: number[] = [];
  for (let j = 0; j < later.n; j++) {
    const k = rowOfLead.get(later.lead[j]!);
    if (k === undefined || !standsBeside(later.mqlAt[j]!, cohort.arrival[k]!, cohort.shared[k] === 1, s.sameMqlToleranceMs) || !(score[j]! >= thr)) continue;
    index.push(j);
    tiers.push(tier[j]!);
  }
  return { index: Int32Array.from(index), tier: Int32Array.from(tiers) };
}
