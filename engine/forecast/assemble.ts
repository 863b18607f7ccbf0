// Per-MQL expected outcomes under a scenario, and their sums into the
// section-3 metrics. Two kinds of MQL (DESIGN.md "The forecast"):
// - shared (an MQL under both policies, handed off in history): start from
//   the OBSERVED outcome and add the model's change for what the scenario
//   changes about the lead, p(x, scenario contact) - p(x, observed contact).
//   Unchanged leads keep exactly their history (the identity).
//   Outcomes still censored at the data end start from the model's
//   uncensored expectation instead of the (incomplete) observation.
// - new (MQL only under the scenario): the models' prediction at the
//   scenario's simulated first touch.
import type { WorkSchedule } from '../calendar/business-hours';
import type { Policy } from '../scenario/policy';
import { tierOrder } from '../scenario/policy';
import type { StoredColumn } from '../stats/features';
import { sigmoid } from '../stats/logistic';
import { BLACK_HOLE_MS, HOUR_MS, SETTLED_BY_REVIEW, DECIDED_LATE, lagCdf, remainingChance, type ConversionOutcomes, type LeadHistory } from './history';
import type { LaterConversions } from './later-conversions';
import { baseEta, pContact, pWorked, sizeBand, type OutcomeModels } from './outcome-models';
import type { LeadExpectations, MetricSums } from './types';
import { weightedQuantiles } from './weighted-quantile';

export interface CohortInWindow {
  readonly lead: Int32Array;
  readonly arrival: Float64Array;
  /** Scenario tier index, -1 none. */
  readonly tier: Int32Array;
  /** Scenario rep index into the pool's schedules, -1 none. */
  readonly rep: Int32Array;
  /** 1: the observed history applies (shared MQL with a baseline-simulation row). */
  readonly shared: Uint8Array;
  /** Scenario first touch (counterfactual for shared, simulated for new), NaN never. */
  readonly contact: Float64Array;
  /** 1: a new MQL scoring below anything sales has seen. */
  readonly extrapolated: Uint8Array;
  /** Per row, its row in the baseline cohort (shared MQLs; -1 others), to read AssembleContext.sharedHistory. */
  readonly baseRow?: Int32Array;
}

/** Base linear predictors (intercept + features) of each outcome model, per MQL. */
export interface Etas {
  readonly accept: Float64Array;
  readonly reject: Float64Array;
  readonly contacted: Float64Array;
  readonly sql: Float64Array;
  readonly opp: Float64Array;
  readonly won: Float64Array;
}

export const ETA_MODELS = ['accept', 'reject', 'contacted', 'sql', 'opp', 'won'] as const;

/** Etas of every model over feature rows. */
export function computeEtas(models: OutcomeModels, x: readonly StoredColumn[], n: number): Etas {
  const e = (k: (typeof ETA_MODELS)[number]) => baseEta(models[k], x, new Float64Array(n));
  return { accept: e('accept'), reject: e('reject'), contacted: e('contacted'), sql: e('sql'), opp: e('opp'), won: e('won') };
}

/**
 * Business-hours SLA deadlines per lead, kept while the lead's (arrival, SLA, schedule) stay the same.
 * One 32-byte record per lead (arrival, SLA ms, schedule id, deadline): a lookup touches one cache
 * line, not four arrays (at a million leads the rows come in arrival order, not lead order).
 */
export class DeadlineCache {
  private readonly rec: Float64Array;
  private readonly idOf = new Map<WorkSchedule, number>();
  constructor(n: number) {
    this.rec = new Float64Array(4 * n);
    for (let i = 0; i < n; i++) this.rec[4 * i] = Number.NaN;
  }
  private lastSchedule: WorkSchedule | null = null;
  private lastId = -1;
  get(i: number, at: number, slaMs: number, s: WorkSchedule): number {
    let id = this.lastId;
    if (s !== this.lastSchedule) {
      let known = this.idOf.get(s);
      if (known === undefined) this.idOf.set(s, (known = this.idOf.size));
      this.lastSchedule = s;
      this.lastId = id = known;
    }
    const rec = this.rec;
    const o = 4 * i;
    if (rec[o] === at && rec[o + 1] === slaMs && rec[o + 2] === id) return rec[o + 3]!;
    const v = s.addBusinessMs(at, slaMs);
    rec[o] = at;
    rec[o + 1] = slaMs;
    rec[o + 2] = id;
    rec[o + 3] = v;
    return v;
  }
}

/**
 * The history expectations read for a shared MQL, one 64-byte record per baseline-cohort row
 * (arrival order, as a scenario's rows come): a shared row's reads touch one record in sequence
 * instead of fourteen lead-indexed columns at random (the slider path's largest cache-miss cost at
 * a million leads). Floats: mql_at, contact, routing lag, decided_at, amount, company size;
 * bytes: worked, accepted, rejected, mature, sql90, opp90, opp, decided; won (int8).
 */
export class SharedHistory {
  readonly f: Float64Array;
  readonly u: Uint8Array;
  readonly w: Int8Array;
  /** `later`: recycled leads' later conversions, packed after the baseline's rows (row baseLead.length + index). */
  constructor(hist: LeadHistory, companySize: Float64Array, baseLead: Int32Array, later: LaterConversions | null = null) {
    const n = baseLead.length;
    const buf = new ArrayBuffer(64 * (n + (later?.n ?? 0)));
    this.f = new Float64Array(buf);
    this.u = new Uint8Array(buf);
    this.w = new Int8Array(buf);
    for (let b = 0; b < n; b++) {
      const i = baseLead[b]!;
      const o = 8 * b;
      this.f[o] = hist.mqlAt[i]!;
      this.f[o + 1] = hist.contactAt[i]!;
      this.f[o + 2] = hist.routingLagMs[i]!;
      this.f[o + 3] = hist.decidedAt[i]!;
      this.f[o + 4] = hist.amount[i]!;
      this.f[o + 5] = companySize[i]!;
      const ob = 64 * b + 48;
      this.u[ob] = hist.worked[i]!;
      this.u[ob + 1] = hist.accepted[i]!;
      this.u[ob + 2] = hist.rejected[i]!;
      this.u[ob + 3] = hist.mature[i]!;
      this.u[ob + 4] = hist.sql90[i]!;
      this.u[ob + 5] = hist.opp90[i]!;
      this.u[ob + 6] = hist.opp[i]!;
      this.u[ob + 7] = hist.decided[i]!;
      this.w[64 * b + 56] = hist.won[i]!;
    }
    if (later !== null) for (let j = 0; j < later.n; j++) this.pack(n + j, later.outcome, j, later.mqlAt[j]!, companySize[later.lead[j]!]!);
  }

  private pack(b: number, o: ConversionOutcomes, j: number, mqlAt: number, size: number): void {
    const f = 8 * b;
    this.f[f] = mqlAt;
    this.f[f + 1] = o.contactAt[j]!;
    this.f[f + 2] = o.routingLagMs[j]!;
    this.f[f + 3] = o.decidedAt[j]!;
    this.f[f + 4] = o.amount[j]!;
    this.f[f + 5] = size;
    const ob = 64 * b + 48;
    this.u[ob] = o.worked[j]!;
    this.u[ob + 1] = o.accepted[j]!;
    this.u[ob + 2] = o.rejected[j]!;
    this.u[ob + 3] = o.mature[j]!;
    this.u[ob + 4] = o.sql90[j]!;
    this.u[ob + 5] = o.opp90[j]!;
    this.u[ob + 6] = o.opp[j]!;
    this.u[ob + 7] = o.decided[j]!;
    this.w[64 * b + 56] = o.won[j]!;
  }
}

export interface AssembleContext {
  /** With CohortInWindow.baseRow: shared rows read their history here (same values as hist's columns). */
  readonly sharedHistory?: SharedHistory;
  readonly deadlines?: DeadlineCache;
  readonly hist: LeadHistory;
  readonly policy: Policy;
  readonly schedules: readonly WorkSchedule[];
  readonly fallback: WorkSchedule;
  readonly companySize: Float64Array;
}

export interface AssembleOptions {
  /** Log-odds shift applied to extrapolated MQLs' predictions (interval runs: model uncertainty off the data). */
  readonly extrapolationShift?: number;
  /** slaDeadlines of these rows, when the caller keeps them across calls that move only the contacts. */
  readonly deadlines?: Float64Array;
  /**
   * Expectations of the same rows the caller no longer reads: their columns are overwritten and returned
   * instead of new ones (the interval runs' queue draws, ~26 MB a draw at L otherwise).
   */
  readonly reuse?: LeadExpectations;
}

/** The columns expectations() writes, as new ones would start: `reuse`'s when it fits the cohort. */
function outputColumns(n: number, c: CohortInWindow, reuse: LeadExpectations | undefined): LeadExpectations {
  if (reuse !== undefined && reuse.n === n && reuse.lead === c.lead && reuse.tier === c.tier && reuse.arrival === c.arrival) {
    for (const col of [reuse.accept, reuse.reject, reuse.blackHole, reuse.sla, reuse.sql, reuse.opp, reuse.won, reuse.pipeline, reuse.hoursWeight]) col.fill(0);
    reuse.hours.fill(Number.NaN);
    return reuse;
  }
  return {
    n,
    lead: c.lead,
    accept: new Float64Array(n),
    reject: new Float64Array(n),
    blackHole: new Float64Array(n),
    sla: new Float64Array(n),
    sql: new Float64Array(n),
    opp: new Float64Array(n),
    won: new Float64Array(n),
    pipeline: new Float64Array(n),
    hours: new Float64Array(n).fill(Number.NaN),
    hoursWeight: new Float64Array(n),
    tier: c.tier,
    arrival: c.arrival,
  };
}

export function expectations(ctx: AssembleContext, models: OutcomeModels, etas: Etas, c: CohortInWindow, options: AssembleOptions = {}): LeadExpectations {
  const { hist } = ctx;
  const n = c.lead.length;
  const { accept: eA, reject: eR, sql: eS, opp: eO, won: eW } = etas;
  const shift = options.extrapolationShift ?? 0;
  const out = outputColumns(n, c, options.reuse);
  const sh = ctx.sharedHistory && c.baseRow ? ctx.sharedHistory : null;
  const baseRow = c.baseRow;
  for (let k = 0; k < n; k++) {
    const i = c.lead[k]!;
    const a = c.arrival[k]!;
    const cs = c.contact[k]!;
    const contactedS = Number.isFinite(cs);
    // A shared MQL whose scenario MQL moment comes after history's kept contact was reached before it: 0 hours, never negative.
    const hS = contactedS ? Math.max(0, (cs - a) / HOUR_MS) : Number.NaN;
    if (c.shared[k]) {
      // The lead's history: from its packed record when there is one, else from hist's columns.
      let t0: number, co: number, lag: number, dAt: number, amount: number, size: number;
      let wObs: number, accepted: number, rejected: number, matureV: number, sql90: number, opp90: number, oppV: number, decided: number, wonV: number;
      if (sh !== null && baseRow![k]! >= 0) {
        const b = baseRow![k]!;
        const f = sh.f;
        const o = 8 * b;
        t0 = f[o]!;
        co = f[o + 1]!;
        lag = f[o + 2]!;
        dAt = f[o + 3]!;
        amount = f[o + 4]!;
        size = f[o + 5]!;
        const u = sh.u;
        const ob = 64 * b + 48;
        wObs = u[ob]!;
        accepted = u[ob + 1]!;
        rejected = u[ob + 2]!;
        matureV = u[ob + 3]!;
        sql90 = u[ob + 4]!;
        opp90 = u[ob + 5]!;
        oppV = u[ob + 6]!;
        decided = u[ob + 7]!;
        wonV = sh.w[64 * b + 56]!;
      } else {
        t0 = hist.mqlAt[i]!;
        co = hist.contactAt[i]!;
        lag = hist.routingLagMs[i]!;
        dAt = hist.decidedAt[i]!;
        amount = hist.amount[i]!;
        size = ctx.companySize[i]!;
        wObs = hist.worked[i]!;
        accepted = hist.accepted[i]!;
        rejected = hist.rejected[i]!;
        matureV = hist.mature[i]!;
        sql90 = hist.sql90[i]!;
        opp90 = hist.opp90[i]!;
        oppV = hist.opp[i]!;
        decided = hist.decided[i]!;
        wonV = hist.won[i]!;
      }
      const amt = models.amountByBand[sizeBand(size)]!;
      const contactedO = Number.isFinite(co);
      const hO = contactedO ? (co - t0) / HOUR_MS : Number.NaN;
      let wS = wObs;
      if (contactedO && !contactedS) wS = 0;
      else if (!contactedO && contactedS) wS = 1;
      // Unchanged status: the observation itself (no model terms, so the identity is exact).
      out.accept[k] = wS === wObs ? accepted : clamp01(accepted + pWorked(models.accept, eA[k]!, wS) - pWorked(models.accept, eA[k]!, wObs));
      out.reject[k] = wS === wObs ? rejected : clamp01(rejected + pWorked(models.reject, eR[k]!, wS) - pWorked(models.reject, eR[k]!, wObs));
      const sameContact = hS === hO || (!contactedS && !contactedO);
      const mature = matureV === 1;
      // Model terms are evaluated only where a result reads them (most shared MQLs
      // keep their contact and are mature: their history is the answer). Pure
      // functions, so skipping them changes no value.
      const needO = !sameContact || !mature;
      const sO = needO ? pContact(models.sql, eS[k]!, hO) : Number.NaN;
      const oO = needO ? pContact(models.opp, eO[k]!, hO) : Number.NaN;
      // Censored: what is seen so far, plus the chance of the rest of the 90 days given nothing yet.
      const elapsed = hist.dataEnd - t0;
      const sBase = mature || sql90 ? sql90 : remainingChance(sO, lagCdf(hist.sqlLagMs, elapsed));
      const oRest = mature ? Number.NaN : remainingChance(oO, lagCdf(hist.oppLagMs, elapsed));
      const oBase = mature || opp90 ? opp90 : oRest;
      const wonObserved = oppV && wonV >= 0;
      const pWon = !sameContact || !wonObserved ? sigmoid(eW[k]!) : Number.NaN;
      const wonBase = oppV ? (wonV >= 0 ? wonV : pWon) : mature ? 0 : oRest * pWon;
      const pipeBase = oppV ? amount : mature ? 0 : oRest * amt;
      if (sameContact) {
        out.sql[k] = sBase;
        out.opp[k] = oBase;
        out.won[k] = wonBase;
        // Pipeline counts every opportunity of the MQL (DATA_CONTRACT section 3 sets no horizon; won_count neither).
        out.pipeline[k] = pipeBase;
      } else {
        const sS = pContact(models.sql, eS[k]!, hS);
        const oS = pContact(models.opp, eO[k]!, hS);
        out.sql[k] = clamp01(sBase + sS - sO);
        out.opp[k] = clamp01(oBase + oS - oO);
        out.won[k] = clamp01(wonBase + (oS - oO) * pWon);
        out.pipeline[k] = Math.max(0, pipeBase + (oS - oO) * amt);
      }
      // Black hole: no contact and no decision within 24 h of assignment. A
      // decision counts only while the contact status is unchanged (a lost
      // or rescued contact carries its decision with it).
      const ref = a + lag;
      const refO = t0 + lag;
      // A decision history logged after its contact followed that contact: it comes as much later as the
      // scenario's queue moves the contact, so a contact pushed past the window takes it along. Without this
      // a lead history contacted and decided the same day stayed "decided in time" however late the scenario
      // reached it, and the black holes of a longer queue counted only the leads history had not decided.
      const followsContact = contactedO && contactedS && Number.isFinite(dAt) && dAt >= co;
      const decidedBy = followsContact ? dAt + (cs - co) - (a - t0) : dAt;
      // A settlement the scenario's queue moved across the window (queue/counterfactual.ts) says when it came.
      const decidedEarly = cs === DECIDED_LATE ? false : cs === SETTLED_BY_REVIEW || (decided === 1 && contactedO === contactedS && (!Number.isFinite(decidedBy) || decidedBy <= refO + BLACK_HOLE_MS));
      out.blackHole[k] = (contactedS && cs <= ref + BLACK_HOLE_MS) || decidedEarly ? 0 : 1;
      if (contactedS) {
        out.hours[k] = hS;
        out.hoursWeight[k] = 1;
      }
    } else {
      const amt = models.amountByBand[sizeBand(ctx.companySize[i]!)]!;
      const z = c.extrapolated[k] ? shift : 0;
      // The simulation settles some leads without contact (history.ts SETTLED_BY_REVIEW, DECIDED_LATE):
      // decided, so worked, as history counts them.
      const review = cs === SETTLED_BY_REVIEW;
      const worked = contactedS || review || cs === DECIDED_LATE ? 1 : 0;
      out.accept[k] = pWorked(models.accept, eA[k]! + z, worked);
      out.reject[k] = pWorked(models.reject, eR[k]! - z, worked);
      // The simulation draws the review itself (FLAG_REVIEWED), so a simulated contact is a contact: weighting
      // it by p(contacted | worked), whose misses are those very reviews, would take them out twice.
      const sq = pContact(models.sql, eS[k]! + z, hS);
      const op = pContact(models.opp, eO[k]! + z, hS);
      out.sql[k] = sq;
      out.opp[k] = op;
      out.won[k] = op * sigmoid(eW[k]! + z);
      out.pipeline[k] = op * amt;
      const ref = a + hist.medianLagMs;
      // A quick review decided the lead within the black-hole window: not a black hole.
      out.blackHole[k] = (contactedS && cs <= ref + BLACK_HOLE_MS) || review ? 0 : 1;
      if (contactedS) {
        out.hours[k] = hS;
        out.hoursWeight[k] = 1;
      }
    }
  }
  slaColumn(ctx, c, out.hoursWeight, out.sla, options.deadlines);
  return out;
}

/**
 * SLA compliance per MQL: contacted by the tier's first-contact deadline,
 * weighted by hoursWeight (1 for a contact, shared or simulated; 0 without one).
 * The only expectation that reads the SLA (tiers' hours, sla.business_hours):
 * an SLA-only change recomputes just this column (kernel.ts). `deadlines`:
 * slaDeadlines of these rows, when the caller keeps them (the interval runs'
 * queue draws move the contacts, not the deadlines).
 */
export function slaColumn(ctx: AssembleContext, c: Pick<CohortInWindow, 'lead' | 'arrival' | 'tier' | 'rep' | 'contact'>, hoursWeight: Float64Array, out: Float64Array, deadlines?: Float64Array): Float64Array {
  const deadline = slaDeadline(ctx);
  const n = c.lead.length;
  for (let k = 0; k < n; k++) {
    const cs = c.contact[k]!;
    if (!Number.isFinite(cs)) {
      out[k] = 0;
      continue;
    }
    const dl = deadlines ? deadlines[k]! : deadline(c, k);
    out[k] = cs <= dl ? hoursWeight[k]! : 0;
  }
  return out;
}

/** Per MQL its first-contact deadline, epoch ms (NaN: no tier holds it to one). */
export function slaDeadlines(ctx: AssembleContext, c: Pick<CohortInWindow, 'lead' | 'arrival' | 'tier' | 'rep'>): Float64Array {
  const deadline = slaDeadline(ctx);
  return Float64Array.from({ length: c.lead.length }, (_, k) => deadline(c, k));
}

/** The policy's deadline of row k: its tier's SLA hours from its MQL, on its rep's working hours unless the SLA runs on the wall clock. */
function slaDeadline(ctx: AssembleContext): (c: Pick<CohortInWindow, 'lead' | 'arrival' | 'tier' | 'rep'>, k: number) => number {
  const { policy } = ctx;
  // SLA hours per tier; MQLs without a tier are held to the last (catch-all) tier, as the observed metrics do.
  const order = tierOrder(policy.tiers);
  const lastTier = order.length > 0 ? order[order.length - 1]! : -1;
  const slaMs = policy.tiers.map((t) => t.first_contact_sla_hours * HOUR_MS);
  const businessHours = policy.sla.business_hours;
  return (c, k) => {
    const t = c.tier[k]! >= 0 ? c.tier[k]! : lastTier;
    if (t < 0) return Number.NaN;
    const a = c.arrival[k]!;
    if (!businessHours) return a + slaMs[t]!;
    const r = c.rep[k]!;
    const s = r >= 0 && r < ctx.schedules.length ? ctx.schedules[r]! : ctx.fallback;
    return ctx.deadlines ? ctx.deadlines.get(c.lead[k]!, a, slaMs[t]!, s) : s.addBusinessMs(a, slaMs[t]!);
  };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export function emptySums(): MetricSums {
  return { n: 0, accept: 0, reject: 0, blackHole: 0, sla: 0, sql: 0, opp: 0, won: 0, pipeline: 0 };
}

/** Metric values of a group of MQLs (rows), with optional bootstrap weights per row. */
export interface MetricValues {
  mql_count: number;
  acceptance_rate: number | null;
  rejection_rate: number | null;
  black_hole_rate: number | null;
  sla_compliance_rate: number | null;
  median_hours_to_first_contact: number | null;
  p90_hours_to_first_contact: number | null;
  sql_rate: number | null;
  opportunity_rate: number | null;
  won_count: number;
  pipeline_amount: number;
}

export function metricValues(e: LeadExpectations, rows: Int32Array | null, weights: Float64Array | null): MetricValues {
  const s = emptySums();
  const m = rows ? rows.length : e.n;
  const hv: number[] = [];
  const hw: number[] = [];
  let wsum = 0;
  for (let q = 0; q < m; q++) {
    const k = rows ? rows[q]! : q;
    const w = weights ? weights[k]! : 1;
    if (w === 0) continue;
    wsum += w;
    s.accept += w * e.accept[k]!;
    s.reject += w * e.reject[k]!;
    s.blackHole += w * e.blackHole[k]!;
    s.sla += w * e.sla[k]!;
    s.sql += w * e.sql[k]!;
    s.opp += w * e.opp[k]!;
    s.won += w * e.won[k]!;
    s.pipeline += w * e.pipeline[k]!;
    const hwk = e.hoursWeight[k]! * w;
    if (hwk > 0) {
      hv.push(e.hours[k]!);
      hw.push(hwk);
    }
  }
  const rate = (x: number) => (wsum > 0 ? x / wsum : null);
  const [med, p90] = weightedQuantiles(Float64Array.from(hv), Float64Array.from(hw), [0.5, 0.9]);
  // Counts and sums scale with the bootstrap weights' total back to the group's size.
  const scale = wsum > 0 ? m / wsum : 0;
  return {
    mql_count: m,
    acceptance_rate: rate(s.accept),
    rejection_rate: rate(s.reject),
    black_hole_rate: rate(s.blackHole),
    sla_compliance_rate: rate(s.sla),
    median_hours_to_first_contact: med ?? null,
    p90_hours_to_first_contact: p90 ?? null,
    sql_rate: rate(s.sql),
    opportunity_rate: rate(s.opp),
    won_count: s.won * scale,
    pipeline_amount: s.pipeline * scale,
  };
}
