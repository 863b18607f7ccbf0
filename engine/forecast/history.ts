// What history says per lead, in lead-index arrays: the observed side every
// forecast starts from. Built once per session from the loaded columns (the
// first handoff and first disposition of each lead, see columns/types.ts).
import {
  DECISION_ACCEPTED,
  DECISION_NONE,
  DECISION_REJECTED,
  type WorkspaceColumns,
} from '../columns/types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Outcomes are counted within 90 days of mql_at (DATA_CONTRACT section 3). */
export const OUTCOME_HORIZON_MS = 90 * DAY_MS;
/** A lead not touched within this long of its MQL counts as never worked (the queue simulation's horizon). */
export const WORKED_HORIZON_MS = 14 * DAY_MS;
export const BLACK_HOLE_MS = 24 * HOUR_MS;
/**
 * First-contact values the queue simulation gives a lead it settles without
 * contact (queue-effects.ts simulateCohort from simulate.ts's review flags).
 * Not finite, so every "was it contacted" test reads them as never contacted,
 * and they travel through the counterfactual and the window's delay mapping
 * (which pass non-finite values through) to assemble.ts, where a new MQL so
 * settled counts as worked (decided): SETTLED_BY_REVIEW (a quick review, not
 * a black hole), DECIDED_LATE (a black hole cleaned up later). Why a value and
 * not a flag array: the contact arrays are copied and memoised along the way,
 * and a second array would have to follow every copy.
 */
export const SETTLED_BY_REVIEW = Number.NEGATIVE_INFINITY;
export const DECIDED_LATE = Number.POSITIVE_INFINITY;
/** Handed-off leads a score range needs before outcomes there count as seen. */
export const SCORE_SUPPORT = 30;

/** Per lead: its first handoff's outcomes (ConversionOutcomes, lead-indexed), and what the forecast needs besides. */
export interface LeadHistory extends ConversionOutcomes {
  readonly n: number;
  /** 1 when the lead was handed off at least once. */
  readonly handed: Uint8Array;
  readonly mqlAt: Float64Array;
  /** Historical rep code per lead (columns handoffs.assignedRep), -1 none. */
  readonly repCode: Int32Array;
  /** Lowest score_at_mql sales has seen (any trigger); Infinity without scores. */
  readonly minScoreSeen: number;
  /**
   * The score below which sales has seen fewer than SCORE_SUPPORT leads: under
   * it the outcome models have (next to) no data, so predictions there are
   * extrapolation. A handful of bypass leads at very low scores do not make a
   * score range "seen".
   */
  readonly scoreSupportFloor: number;
  /** Latest timestamp anywhere in the loaded tables (metrics/DEFINITIONS.md "data end"). */
  readonly dataEnd: number;
  /** Median routing lag over handed leads. */
  readonly medianLagMs: number;
  /** Sorted ms from mql_at to SQL / opportunity, over mature MQLs that reached it within 90 days: how much of a 90-day outcome is seen after a given time. */
  readonly sqlLagMs: Float64Array;
  readonly oppLagMs: Float64Array;
}

/** Share of lags <= elapsed (the empirical CDF). */
export function lagCdf(sortedLags: Float64Array, elapsed: number): number {
  let lo = 0;
  let hi = sortedLags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedLags[mid]! <= elapsed) lo = mid + 1;
    else hi = mid;
  }
  return sortedLags.length > 0 ? lo / sortedLags.length : 0;
}

/**
 * P(outcome within 90 days | not seen after `seen` of the window): p(1 - F) / (1 - pF).
 * A censored MQL without an SQL yet is less likely to get one than a fresh MQL, more than a closed one.
 */
export function remainingChance(p: number, seenShare: number): number {
  const den = 1 - p * seenShare;
  return den > 0 ? (p * (1 - seenShare)) / den : 0;
}

function maxFinite(a: Float64Array, start: number): number {
  let m = start;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v > m) m = v;
  }
  return m;
}

/** What one MQL conversion's disposition says, per conversion (a lead's first, or a later one). */
export interface ConversionOutcomes {
  /** Wall-clock ms from mql_at to assigned_at (routing lag); 0 when unknown. */
  readonly routingLagMs: Float64Array;
  readonly accepted: Uint8Array;
  readonly rejected: Uint8Array;
  readonly decided: Uint8Array;
  readonly decidedAt: Float64Array;
  readonly contactAt: Float64Array;
  /** Contacted, or decided, within WORKED_HORIZON_MS of the MQL: sales worked the lead. */
  readonly worked: Uint8Array;
  /** 1 when the 90-day outcome window closed before the data end. */
  readonly mature: Uint8Array;
  readonly sql90: Uint8Array;
  readonly opp90: Uint8Array;
  /** Opportunity at any time. */
  readonly opp: Uint8Array;
  readonly amount: Float64Array;
  /** 1 won, 0 lost, -1 unknown (open, or no opportunity). */
  readonly won: Int8Array;
}

export function emptyOutcomes(n: number): ConversionOutcomes {
  return {
    routingLagMs: new Float64Array(n),
    accepted: new Uint8Array(n),
    rejected: new Uint8Array(n),
    decided: new Uint8Array(n),
    decidedAt: new Float64Array(n).fill(Number.NaN),
    contactAt: new Float64Array(n).fill(Number.NaN),
    worked: new Uint8Array(n),
    mature: new Uint8Array(n),
    sql90: new Uint8Array(n),
    opp90: new Uint8Array(n),
    opp: new Uint8Array(n),
    amount: new Float64Array(n),
    won: new Int8Array(n).fill(-1),
  };
}

/**
 * One conversion's outcomes at slot k from its MQL instant t and its disposition (DECISION_* code,
 * times, amount, won as 1 / 0 / -1 already resolved): the rules every conversion is read by, so a
 * lead's first handoff and its later ones (later-conversions.ts) count alike. `dec` < 0: no disposition.
 */
export function fillOutcome(
  o: ConversionOutcomes,
  k: number,
  t: number,
  dataEnd: number,
  dec: number,
  decidedAt: number,
  c: number,
  sq: number,
  op: number,
  amount: number,
  won: number,
): void {
  o.mature[k] = t + OUTCOME_HORIZON_MS <= dataEnd ? 1 : 0;
  if (dec < 0) return;
  o.accepted[k] = dec === DECISION_ACCEPTED ? 1 : 0;
  o.rejected[k] = dec === DECISION_REJECTED ? 1 : 0;
  const decided = dec !== DECISION_NONE ? 1 : 0;
  o.decided[k] = decided;
  o.decidedAt[k] = decidedAt;
  o.contactAt[k] = c;
  const touchedAt = Math.min(Number.isFinite(c) ? c : Infinity, decided && Number.isFinite(decidedAt) ? decidedAt : decided ? t : Infinity);
  o.worked[k] = touchedAt - t < WORKED_HORIZON_MS ? 1 : 0;
  o.sql90[k] = Number.isFinite(sq) && sq - t <= OUTCOME_HORIZON_MS ? 1 : 0;
  o.opp90[k] = Number.isFinite(op) && op - t <= OUTCOME_HORIZON_MS ? 1 : 0;
  o.opp[k] = Number.isFinite(op) ? 1 : 0;
  o.amount[k] = Number.isFinite(op) && Number.isFinite(amount) ? amount : 0;
  o.won[k] = won;
}

/** `laterEnd`: the latest instant of the conversions the columns do not hold (later handoffs and their dispositions), -Infinity none. */
export function buildLeadHistory(cols: WorkspaceColumns, laterEnd = -Infinity): LeadHistory {
  const n = cols.leads.n;
  const h = cols.handoffs;
  const d = cols.dispositions;
  let dataEnd = laterEnd;
  for (const a of [cols.activities.time, cols.leads.createdAt, h.mqlAt, h.assignedAt, d.decidedAt, d.firstContactAt, d.sqlAt, d.opportunityAt, d.closedAt]) {
    dataEnd = maxFinite(a, dataEnd);
  }
  const handed = new Uint8Array(n);
  const mqlAt = new Float64Array(n).fill(Number.NaN);
  const o = emptyOutcomes(n);
  const repCode = new Int32Array(n).fill(-1);
  let minScore = Infinity;
  const scores: number[] = [];
  const lags: number[] = [];
  const sqlLags: number[] = [];
  const oppLags: number[] = [];
  for (let i = 0; i < n; i++) {
    if (h.count[i]! === 0 || !Number.isFinite(h.mqlAt[i]!)) continue;
    handed[i] = 1;
    const t = h.mqlAt[i]!;
    mqlAt[i] = t;
    const s = h.scoreAtMql[i]!;
    if (s < minScore) minScore = s;
    if (Number.isFinite(s)) scores.push(s);
    const asg = h.assignedAt[i]!;
    if (Number.isFinite(asg) && asg >= t) {
      o.routingLagMs[i] = asg - t;
      lags.push(asg - t);
    }
    repCode[i] = h.assignedRep.codes[i]!;
    if (d.count[i]! === 0) {
      fillOutcome(o, i, t, dataEnd, -1, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, -1);
      continue;
    }
    const sq = d.sqlAt[i]!;
    const op = d.opportunityAt[i]!;
    const w = d.won[i]!;
    // A closed opportunity without won = true is lost; an open one is unknown.
    const wonV = w === 1 ? 1 : w === 0 || (Number.isFinite(op) && Number.isFinite(d.closedAt[i]!)) ? 0 : -1;
    fillOutcome(o, i, t, dataEnd, d.decision[i]!, d.decidedAt[i]!, d.firstContactAt[i]!, sq, op, d.opportunityAmount[i]!, wonV);
    if (o.mature[i] && o.sql90[i]) sqlLags.push(Math.max(0, sq - t));
    if (o.mature[i] && o.opp90[i]) oppLags.push(Math.max(0, op - t));
  }
  lags.sort((a, b) => a - b);
  return {
    n,
    handed,
    mqlAt,
    ...o,
    repCode,
    minScoreSeen: minScore,
    scoreSupportFloor: scores.length > 0 ? scores.sort((a, b) => a - b)[Math.min(scores.length - 1, SCORE_SUPPORT - 1)]! : Infinity,
    dataEnd,
    medianLagMs: lags.length > 0 ? lags[Math.floor(lags.length / 2)]! : 0,
    sqlLagMs: Float64Array.from(sqlLags).sort(),
    oppLagMs: Float64Array.from(oppLags).sort(),
  };
}
