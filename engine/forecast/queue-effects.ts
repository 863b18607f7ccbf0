// The queue side of a forecast: which rep gets each MQL, and when that rep
// first touches it, simulated per rep over business hours (engine/queue) for
// the baseline policy and for the scenario with the same per-lead dice
// (common random numbers). The forecast uses the DIFFERENCE between the two
// simulations to move each observed first contact (queue/counterfactual.ts),
// so the baseline replay gives back history exactly and only what the
// scenario changes (more or fewer MQLs on the same reps, other tiers hence
// other priorities, more or fewer reps, another daily capacity) moves it.
import type { SessionColumns } from '../columns/types';
import type { RepSchedules } from '../calendar/rep-schedules';
import type { WorkSchedule } from '../calendar/business-hours';
import { counterfactualContactTimes, timeOfDayBand } from '../queue/counterfactual';
import { estimateQueue, pickupMeans, type QueueEstimate } from '../queue/estimate';
import { coefficientShift } from '../stats/coefficient-draws';
import { accountOwnersFromHistory, addAverageReps, routeMqls } from '../queue/routing';
import type { SimulationMemo } from '../queue/restart';
import { DAY_MS, DEFAULT_HORIZON_MS, FLAG_DECIDED_LATE, FLAG_DROPPED, FLAG_IGNORED, FLAG_REVIEWED, FLAG_UNWORKED, queueSimulation, type BlackHoleModel, type QueueResult, type QueueSimulation } from '../queue/simulate';
import type { QueueSimExecutor, QueueSimInput } from '../queue/sim-executor';
import { sigmoid } from '../stats/logistic';
import { hashUniform, type Rng } from '../stats/rng';
import type { Policy } from '../scenario/policy';
import { tierOrder } from '../scenario/policy';
import { BLACK_HOLE_MS, DECIDED_LATE, SETTLED_BY_REVIEW, WORKED_HORIZON_MS, type LeadHistory } from './history';
import { sizeBand } from './outcome-models';
import { decodePalette, paletteOf, paletteValue, type PaletteColumn } from './palette-column';
import { GrowOnlyColumns } from './scratch-capacity';

/** Distinct stream of hashUniform for moving MQLs to added reps. */
const STREAM_EXTRA_REPS = 0x5e11;
/** Stream of the per-lead uniform deciding which of history's black holes a scenario rescues. */
const STREAM_RESCUE = 0x5e5c;

export interface RepRow {
  readonly id: string;
  readonly region: string | null;
  readonly segment: string | null;
  readonly dailyCapacity: number | null;
  /** epoch ms, NaN open */
  readonly activeFrom: number;
  readonly activeTo: number;
}

/** Reps as the simulation sees them, index r. */
export interface RepPoolState {
  readonly ids: readonly string[];
  readonly schedules: readonly WorkSchedule[];
  readonly regions: readonly (readonly number[])[];
  readonly segment: Int32Array;
  readonly activeFrom: Float64Array;
  readonly activeTo: Float64Array;
  readonly capacity: Float64Array;
  readonly serviceMs: Float64Array;
  readonly blackHoles: BlackHoleModel;
  /** Per lead-column rep code (handoffs.assignedRep) the rep index, -1 none. */
  readonly repOfCode: Int32Array;
  readonly accountOwner: Int32Array;
  readonly estimate: QueueEstimate;
  /** Wall-clock ms after which a waiting lead is never worked (the longest wait history shows, 1 to 14 days). */
  readonly horizonMs: number;
  /** From the MQL: the black-hole window (24 h from assignment) plus history's median routing lag. */
  readonly reviewWindowMs: number;
  /** First and last historical MQL instant (epoch ms): the span a rep's active share is measured over. */
  readonly spanFrom: number;
  readonly spanTo: number;
  /** Per lead: the kind of review history shows for its handoff (simulate.ts KNOWN_*), -1 for leads never handed off. */
  readonly reviewKindOfLead: Int8Array;
  /** Per lead: the black-hole curve's chance at its historical arrival and backlog (NaN unknown). */
  readonly historyIgnoreChance: Float64Array;
  /**
   * Queue model 'calibrated': per rep, business ms per lead that makes the simulated baseline reproduce
   * the rep's observed median delay (calibrateService), with no daily cap. null: model 'capacity'
   * (the reps table's or history's daily capacity, queue/estimate.ts).
   */
  calibratedServiceMs: Float64Array | null;
}

const SEGMENTS = ['smb', 'mid', 'ent'];

/** Tier rank (0 = tried first, most urgent) per tier index of a policy. */
export function tierRanks(policy: Policy): Int32Array {
  const order = tierOrder(policy.tiers);
  const rank = new Int32Array(policy.tiers.length);
  order.forEach((t, k) => (rank[t] = k));
  return rank;
}

export function buildRepPool(
  cols: SessionColumns,
  hist: LeadHistory,
  reps: readonly RepRow[],
  schedules: RepSchedules,
  baseline: Policy,
): RepPoolState {
  const repCodes = cols.handoffs.assignedRep;
  const ids: string[] = reps.map((r) => r.id);
  const byId = new Map(ids.map((id, r) => [id, r]));
  for (const v of repCodes.values) if (!byId.has(v)) byId.set(v, ids.push(v) - 1);
  const repOfCode = Int32Array.from(repCodes.values, (v) => byId.get(v) ?? -1);
  const regionCode = new Map(cols.leads.strings.region.values.map((v, k) => [v.trim().toLowerCase(), k]));
  const row = (r: number): RepRow | undefined => (r < reps.length ? reps[r] : undefined);
  const regions = ids.map((_, r) => {
    const text = row(r)?.region ?? '';
    return text
      .split(';')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== '')
      .map((s) => regionCode.get(s) ?? -2); // -2: a region no lead has
  });
  const segment = Int32Array.from(ids, (_, r) => SEGMENTS.indexOf((row(r)?.segment ?? '').trim().toLowerCase()));
  const activeFrom = Float64Array.from(ids, (_, r) => row(r)?.activeFrom ?? Number.NaN);
  const activeTo = Float64Array.from(ids, (_, r) => row(r)?.activeTo ?? Number.NaN);

  // History's queue: every handed-off lead at its historical rep and tier.
  const leads: number[] = [];
  for (let i = 0; i < hist.n; i++) if (hist.handed[i]) leads.push(i);
  const rank = tierRanks(baseline);
  const tierByName = new Map(baseline.tiers.map((t, k) => [t.name.trim().toLowerCase(), rank[k]!]));
  const lastRank = Math.max(0, baseline.tiers.length - 1);
  const tierCodes = cols.handoffs.tier;
  const tierRankOfCode = Int32Array.from(tierCodes.values, (v) => tierByName.get(v.trim().toLowerCase()) ?? lastRank);
  const arrival = Float64Array.from(leads, (i) => hist.mqlAt[i]!);
  const rep = Int32Array.from(leads, (i) => (hist.repCode[i]! >= 0 ? repOfCode[hist.repCode[i]!]! : -1));
  const priority = Int32Array.from(leads, (i) => (tierCodes.codes[i]! >= 0 ? tierRankOfCode[tierCodes.codes[i]!]! : lastRank));
  // How long a lead can wait and still be worked: the longest wait history shows (a rep
  // abandons leads past some age; beyond what history saw nothing says they are worked).
  let longest = 0;
  for (const i of leads) {
    const w = hist.contactAt[i]! - hist.mqlAt[i]!;
    if (w > longest) longest = w;
  }
  const horizonMs = Math.min(DEFAULT_HORIZON_MS, Math.max(DAY_MS, longest));
  const estimate = estimateQueue(
    {
      arrival,
      rep,
      priority,
      firstContact: Float64Array.from(leads, (i) => hist.contactAt[i]!),
      decided: Uint8Array.from(leads, (i) => hist.decided[i]!),
      decidedAt: Float64Array.from(leads, (i) => hist.decidedAt[i]!),
      assignedAt: Float64Array.from(leads, (i) => hist.mqlAt[i]! + hist.routingLagMs[i]!),
    },
    {
      schedules: ids.map((id) => schedules.forRep(id)),
      dailyCapacity: Float64Array.from(ids, (_, r) => row(r)?.dailyCapacity ?? Number.NaN),
      tiers: Math.max(1, baseline.tiers.length),
      horizonMs,
      // A lead the rep ignored is not work waiting: it leaves the backlog at once.
      queuedOnly: true,
      // Quick review vs late clean-up: the metric's black-hole window; a clean-up makes a lead worked within history's worked horizon.
      reviewWindowMs: BLACK_HOLE_MS,
      workedHorizonMs: WORKED_HORIZON_MS,
      // Whether a rep's decision without contact waited in the queue like a contact: history's delays say.
      reviewsQueued: 'auto',
    },
  );
  const reviewKindOfLead = new Int8Array(hist.n).fill(-1);
  leads.forEach((i, k) => (reviewKindOfLead[i] = estimate.reviewKind[k]!));
  const bh = estimate.blackHoles;
  const historyIgnoreChance = new Float64Array(hist.n).fill(Number.NaN);
  leads.forEach((i, k) => {
    const r = rep[k]!;
    const b = estimate.backlogAtArrival[k]!;
    if (r < 0 || !Number.isFinite(b)) return;
    const sc = bh.backlogScale[r]!;
    const x = Math.min(sc > 0 ? b / sc : b, bh.maxBacklog ?? Number.POSITIVE_INFINITY);
    historyIgnoreChance[i] = sigmoid(bh.intercept[r]! + bh.slope * x + (bh.tierEffect[priority[k]!] ?? 0));
  });
  const account = cols.leads.strings.account_id;
  const accountOwner = accountOwnersFromHistory(
    Int32Array.from(leads, (i) => account.codes[i]!),
    rep,
    arrival,
    account.values.length,
  );
  return {
    ids,
    schedules: ids.map((id) => schedules.forRep(id)),
    regions,
    segment,
    activeFrom,
    activeTo,
    capacity: estimate.capacity,
    serviceMs: estimate.serviceMs,
    blackHoles: estimate.blackHoles,
    repOfCode,
    accountOwner,
    estimate,
    horizonMs,
    reviewWindowMs: BLACK_HOLE_MS + hist.medianLagMs,
    spanFrom: arrival.reduce((a, t) => Math.min(a, t), Number.POSITIVE_INFINITY),
    spanTo: arrival.reduce((a, t) => Math.max(a, t), Number.NEGATIVE_INFINITY),
    reviewKindOfLead,
    historyIgnoreChance,
    calibratedServiceMs: null,
  };
}

/**
 * Calibrates each rep's service time so the baseline simulation reproduces
 * the rep's observed median delay (business time from MQL to first contact).
 * Why: queue/simulate.ts works whole leads per day (a daily capacity of 2 or
 * 3 is a 50% difference) and starts each day's work at once, so with the
 * reps table's capacities the simulated queue is far more (or less) loaded
 * than history shows. With no daily cap and one service time per rep, the
 * rep's throughput is continuous, and fitting it to history makes the
 * simulated response to more or fewer MQLs start from the observed load.
 * Reps' queues are independent (no reassignment), so all reps are bisected
 * at once, one simulation per step.
 */
export function calibrateService(
  base: RepPoolState,
  hist: LeadHistory,
  cohort: QueueCohort,
  simulate: (serviceMs: Float64Array) => Float64Array,
  steps = 18,
): { serviceMs: Float64Array; observedMedianMs: Float64Array; simulatedMedianMs: Float64Array } {
  const nr = base.ids.length;
  const obs: number[][] = Array.from({ length: nr }, () => []);
  for (let k = 0; k < cohort.lead.length; k++) {
    const i = cohort.lead[k]!;
    const r = cohort.rep[k]!;
    if (r < 0 || r >= nr || !cohort.shared[k]) continue;
    const c = hist.contactAt[i]!;
    if (!Number.isFinite(c) || c < cohort.arrival[k]!) continue;
    obs[r]!.push(base.schedules[r]!.businessMsBetween(cohort.arrival[k]!, c));
  }
  const median = (v: number[]): number => {
    if (v.length === 0) return Number.NaN;
    const s = [...v].sort((a, b) => a - b);
    const h = (s.length - 1) / 2;
    return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
  };
  const observedMedianMs = Float64Array.from(obs, median);
  const lo = new Float64Array(nr).fill(Math.log(60_000)); // 1 minute
  const hi = new Float64Array(nr).fill(Math.log(8 * 3_600_000)); // a working day
  const service = Float64Array.from(lo, (l, r) => Math.exp((l + hi[r]!) / 2));
  let simulatedMedianMs = new Float64Array(nr);
  for (let step = 0; step < steps; step++) {
    const contact = simulate(service);
    const sim: number[][] = Array.from({ length: nr }, () => []);
    for (let k = 0; k < cohort.lead.length; k++) {
      const r = cohort.rep[k]!;
      const c = contact[k]!;
      if (r < 0 || r >= nr || !Number.isFinite(c)) continue;
      sim[r]!.push(base.schedules[r]!.businessMsBetween(cohort.arrival[k]!, c));
    }
    simulatedMedianMs = Float64Array.from(sim, median);
    for (let r = 0; r < nr; r++) {
      const o = observedMedianMs[r]!;
      const m = simulatedMedianMs[r]!;
      if (!Number.isFinite(o) || !Number.isFinite(m)) continue;
      if (m > o) hi[r] = Math.log(service[r]!);
      else lo[r] = Math.log(service[r]!);
      service[r] = Math.exp((lo[r]! + hi[r]!) / 2);
    }
  }
  // Reps without observed contacts keep the median calibrated service time.
  const known = Array.from(observedMedianMs.keys()).filter((r) => Number.isFinite(observedMedianMs[r]!)).map((r) => service[r]!).sort((a, b) => a - b);
  const fallback = known.length > 0 ? known[Math.floor(known.length / 2)]! : 15 * 60_000;
  for (let r = 0; r < nr; r++) if (!Number.isFinite(observedMedianMs[r]!)) service[r] = fallback;
  return { serviceMs: service, observedMedianMs, simulatedMedianMs };
}

/** The MQLs a simulation runs over: every handed-off MQL of a policy (any time: load outside the window still queues), by arrival. */
export interface QueueCohort {
  /** Lead index per row, rows in arrival order. */
  readonly lead: Int32Array;
  readonly arrival: Float64Array;
  readonly rep: Int32Array;
  readonly priority: Int32Array;
  /** 1 = this lead's historical handoff is the same MQL (observed timeline applies). */
  readonly shared: Uint8Array;
}

/** A pool after the scenario's capacity block. */
export interface ScenarioPool {
  readonly schedules: readonly WorkSchedule[];
  readonly capacity: Float64Array;
  readonly serviceMs: Float64Array;
  /** Mean business ms between an idle rep's looks at the queue (queue/estimate.ts pickup). */
  readonly pickupMeanMs: Float64Array;
  /** Daily limit for first-tier leads (queue/estimate.ts urgent capacity). */
  readonly urgentCapacity: Float64Array;
  readonly horizonMs: number;
  /** Per tier rank: chance an MQL is settled by a quick review without outreach (queue/estimate.ts). */
  readonly skipByTier: Float64Array;
  /** Per tier rank: chance an MQL is settled by a clean-up without outreach, within / after the worked horizon (queue/estimate.ts). */
  readonly lateByTier: Float64Array;
  readonly unworkedByTier: Float64Array;
  /** Per tier rank: chance a lead its rep reaches is settled then without contact (queue/estimate.ts queuedByTier). */
  readonly queuedByTier: Float64Array;
  /** From the MQL: a queued review later than this is a black hole (RepPoolState.reviewWindowMs). */
  readonly reviewWindowMs: number;
  /** RepPoolState.reviewKindOfLead: a shared MQL is the review history saw (simulate.ts ReviewModel.known). */
  readonly reviewKindOfLead: Int8Array;
  /** An interval run's response multiplier (QueueDraw.responseScale); absent = 1. */
  readonly responseScale?: number;
  /** An interval run's counterfactual construction (QueueDraw.rankMatched); absent = true. */
  readonly rankMatched?: boolean;
  readonly activeFrom: Float64Array;
  readonly activeTo: Float64Array;
  readonly regions: readonly (readonly number[])[];
  readonly segment: Int32Array;
  readonly blackHoles: BlackHoleModel;
  /** Reps removed by a negative extra_reps. */
  readonly removed: Uint8Array;
  /** Index of the first added rep (= the number of original reps). */
  readonly firstAdded: number;
  readonly added: number;
  /** Team per rep (original and added; -1 an added rep in no team: it shares everyone's MQLs). */
  readonly team: Int32Array;
  /** Per pool rep: the estimated rep it copies (itself for original reps), so per-rep parameter draws reach added reps. */
  readonly templateOf?: Int32Array;
}

/**
 * extra_reps > 0 adds reps to the busiest teams (addRepsToBusiestTeams).
 * extra_reps < 0 removes the reps with the most slack (capacity per MQL they
 * handled), among reps active all year, never a team's last full-year rep
 * while another team can give one: a team cutting heads keeps its busiest people.
 * rep_daily_capacity replaces every rep's capacity.
 */
export function scenarioPool(base: RepPoolState, policy: Policy, loadPerRep: Float64Array): ScenarioPool {
  const nr = base.ids.length;
  const extra = policy.capacity.extra_reps;
  const ext = addRepsToBusiestTeams(base, Math.max(0, extra), loadPerRep);
  const removed = new Uint8Array(ext.schedules.length);
  if (extra < 0) {
    // Candidates: full-year reps with load. Each cut comes from the team with the least load per unit of
    // capacity (capacity weighted by the share of history each member was active), recomputed after
    // each cut, among teams that keep a member active at history's end (cutting a territory's last rep
    // is a reorganisation, not a cut); within it the rep with the most slack (capacity per MQL handled).
    const candidates = Array.from({ length: nr }, (_, r) => r).filter((r) => Number.isNaN(base.activeFrom[r]!) && Number.isNaN(base.activeTo[r]!) && loadPerRep[r]! > 0);
    const team = teamKeys(base);
    const nTeams = team.reduce((a, t) => Math.max(a, t + 1), 0);
    const load = new Float64Array(nTeams);
    const cap = new Float64Array(nTeams);
    const staying = new Int32Array(nTeams); // members active at history's end
    for (let r = 0; r < nr; r++) {
      if (!(loadPerRep[r]! > 0)) continue;
      load[team[r]!] = load[team[r]!]! + loadPerRep[r]!;
      cap[team[r]!] = cap[team[r]!]! + base.capacity[r]! * activeShare(base, r);
      if (Number.isNaN(base.activeTo[r]!)) staying[team[r]!] = staying[team[r]!]! + 1;
    }
    const slack = (r: number): number => base.capacity[r]! / loadPerRep[r]!;
    let todo = Math.min(-extra, Math.max(0, nr - 1));
    for (; todo > 0; todo--) {
      let best = -1;
      for (const r of candidates) {
        if (removed[r] || staying[team[r]!]! < 2) continue;
        const pr = load[team[r]!]! / cap[team[r]!]!;
        const pb = best < 0 ? 0 : load[team[best]!]! / cap[team[best]!]!;
        if (best < 0 || pr < pb || (pr === pb && slack(r) > slack(best))) best = r;
      }
      // Fewer multi-member teams than the cut: the rep with the most slack anywhere.
      if (best < 0) for (const r of candidates) if (!removed[r] && (best < 0 || slack(r) > slack(best))) best = r;
      if (best < 0) break;
      removed[best] = 1;
      cap[team[best]!] = cap[team[best]!]! - base.capacity[best]!;
      staying[team[best]!] = staying[team[best]!]! - 1;
    }
  }
  const capacity = ext.dailyCapacity;
  let serviceMs = ext.serviceMs;
  const calibrated = base.calibratedServiceMs !== null;
  if (base.calibratedServiceMs !== null) {
    // Throughput from the calibrated service time (calibrateService); a
    // scenario's rep_daily_capacity scales it against the rep's known capacity.
    const cal = base.calibratedServiceMs;
    serviceMs = Float64Array.from(ext.templateOf, (r) => cal[r]!);
    if (policy.capacity.rep_daily_capacity !== null) {
      const c = policy.capacity.rep_daily_capacity;
      for (let r = 0; r < serviceMs.length; r++) serviceMs[r] = serviceMs[r]! * (capacity[r]! / c);
    }
  } else if (policy.capacity.rep_daily_capacity !== null) capacity.fill(policy.capacity.rep_daily_capacity);
  const bh = base.blackHoles;
  return {
    schedules: ext.schedules,
    capacity: calibrated ? Float64Array.from(capacity, () => Number.POSITIVE_INFINITY) : capacity,
    serviceMs,
    pickupMeanMs: calibrated ? new Float64Array(ext.templateOf.length) : newHirePickup(base.estimate.pickupMeanMs, ext.templateOf, nr),
    // The urgent room scales with the capacity a scenario sets.
    horizonMs: base.horizonMs,
    skipByTier: base.estimate.skipByTier,
    lateByTier: base.estimate.lateByTier,
    unworkedByTier: base.estimate.unworkedByTier,
    queuedByTier: base.estimate.queuedByTier,
    reviewWindowMs: base.reviewWindowMs,
    reviewKindOfLead: base.reviewKindOfLead,
    urgentCapacity: Float64Array.from(ext.templateOf, (r, k) => (base.estimate.urgentCapacity[r]! * capacity[k]!) / Math.max(1e-9, base.capacity[r]!)),
    activeFrom: ext.activeFrom,
    activeTo: Float64Array.from(ext.activeTo, (v, r) => (removed[r] ? -Infinity : v)),
    regions: ext.regions,
    segment: ext.segment,
    blackHoles: {
      intercept: Float64Array.from(ext.templateOf, (r) => bh.intercept[r]!),
      slope: bh.slope,
      backlogScale: Float64Array.from(ext.templateOf, (r, k) => (k < nr ? bh.backlogScale[r]! : bh.backlogScale[r]! * (capacity[k]! / Math.max(1e-9, base.capacity[r]!)))),
      tierEffect: bh.tierEffect,
      ...(bh.maxBacklog !== undefined ? { maxBacklog: bh.maxBacklog } : {}),
      ...(bh.queuedOnly !== undefined ? { queuedOnly: bh.queuedOnly } : {}),
    },
    removed,
    firstAdded: nr,
    added: Math.max(0, extra),
    team: ext.team,
    templateOf: ext.templateOf,
  };
}

/** Share of history's span (first to last MQL) rep r was active (1 without active dates). */
export function activeShare(base: Pick<RepPoolState, 'activeFrom' | 'activeTo' | 'spanFrom' | 'spanTo'>, r: number): number {
  const span = base.spanTo - base.spanFrom;
  if (!(span > 0)) return 1;
  const a = Number.isNaN(base.activeFrom[r]!) ? base.spanFrom : Math.max(base.spanFrom, base.activeFrom[r]!);
  const b = Number.isNaN(base.activeTo[r]!) ? base.spanTo : Math.min(base.spanTo, base.activeTo[r]!);
  return Math.max(0, Math.min(1, (b - a) / span));
}

/**
 * Pickup means per pool rep: an original rep's own; an added rep's the median of the original reps'.
 * How often a rep looks at the queue is a habit of the person, not of the team's territory: a new
 * hire is a draw from the reps history shows, not a copy of the one rep a team may have.
 */
export function newHirePickup(pickup: ArrayLike<number>, templateOf: ArrayLike<number>, firstAdded: number): Float64Array {
  const own = Array.from({ length: firstAdded }, (_, r) => pickup[r]!).filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const h = (own.length - 1) / 2;
  const median = own.length > 0 ? (own[Math.floor(h)]! + own[Math.ceil(h)]!) / 2 : Number.NaN;
  return Float64Array.from(templateOf, (t, r) => (r >= firstAdded && Number.isFinite(median) ? median : pickup[t]!));
}

/** A team: reps serving the same regions and segment. */
function teamKeys(base: RepPoolState): Int32Array {
  const keys = new Map<string, number>();
  return Int32Array.from(base.ids, (_, r) => {
    const key = `${[...base.regions[r]!].sort((a, b) => a - b).join(',')}|${base.segment[r]!}`;
    let t = keys.get(key);
    if (t === undefined) keys.set(key, (t = keys.size));
    return t;
  });
}

/**
 * extra_reps > 0: each added rep joins the team with the most MQLs per unit of
 * daily capacity at that point (a manager staffs the busiest team first), as
 * a copy of that team's median-capacity rep (schedule, capacity, service
 * time, territory), active throughout. Falls back to queue/routing.ts
 * addAverageReps's median rep when no team has load.
 */
function addRepsToBusiestTeams(base: RepPoolState, k: number, loadPerRep: Float64Array) {
  const nr = base.ids.length;
  const team = teamKeys(base);
  const nTeams = team.reduce((a, t) => Math.max(a, t + 1), 0);
  const load = new Float64Array(nTeams);
  const cap = new Float64Array(nTeams);
  const members: number[][] = Array.from({ length: nTeams }, () => []);
  for (let r = 0; r < nr; r++) {
    load[team[r]!] = load[team[r]!]! + loadPerRep[r]!;
    if (loadPerRep[r]! > 0) {
      // A rep who worked part of history gave the team that part of its capacity (the load is history's whole).
      cap[team[r]!] = cap[team[r]!]! + base.capacity[r]! * activeShare(base, r);
      members[team[r]!]!.push(r);
    }
  }
  const templateOf = Int32Array.from({ length: nr + k }, (_, r) => r);
  const teamOut = Int32Array.from({ length: nr + k }, (_, r) => (r < nr ? team[r]! : -1));
  const fallback = addAverageReps({ schedules: base.schedules, dailyCapacity: base.capacity, serviceMs: base.serviceMs, regions: base.regions, segment: base.segment }, k > 0 ? 1 : 0);
  for (let j = 0; j < k; j++) {
    let best = -1;
    for (let t = 0; t < nTeams; t++) if (members[t]!.length > 0 && (best < 0 || load[t]! / cap[t]! > load[best]! / cap[best]!)) best = t;
    let tmpl: number;
    if (best < 0) tmpl = fallback.templateOf[nr]!;
    else {
      const byCap = [...members[best]!].sort((a, b) => base.capacity[a]! - base.capacity[b]! || a - b);
      tmpl = byCap[Math.floor((byCap.length - 1) / 2)]!;
      cap[best] = cap[best]! + base.capacity[tmpl]!;
    }
    templateOf[nr + j] = tmpl;
    teamOut[nr + j] = best;
  }
  return {
    templateOf,
    team: teamOut,
    schedules: Array.from(templateOf, (r) => base.schedules[r]!),
    dailyCapacity: Float64Array.from(templateOf, (r) => base.capacity[r]!),
    serviceMs: Float64Array.from(templateOf, (r) => base.serviceMs[r]!),
    regions: Array.from(templateOf, (r) => base.regions[r]!),
    segment: Int32Array.from(templateOf, (r) => base.segment[r]!),
    activeFrom: Float64Array.from(templateOf, (r, i) => (i < nr ? base.activeFrom[r]! : Number.NaN)),
    activeTo: Float64Array.from(templateOf, (r, i) => (i < nr ? base.activeTo[r]! : Number.NaN)),
  };
}

/**
 * Assigns reps: a shared MQL keeps its historical rep (unless that rep was
 * removed); others are routed (account owner, territory, region, anyone;
 * round robin) among the pool's active reps. With added reps each MQL of a
 * team that got new reps moves to one of them with probability
 * added / (team's reps + added), decided by a per-lead hash so the same lead
 * moves in every run: new hires take an even share of their team's flow.
 */
export function assignReps(
  cols: SessionColumns,
  hist: LeadHistory,
  base: RepPoolState,
  pool: ScenarioPool,
  lead: Int32Array,
  arrival: Float64Array,
  shared: Uint8Array,
  seed: number,
  loadPerRep: Float64Array,
): Int32Array {
  const n = lead.length;
  const rep = new Int32Array(n).fill(-1);
  const toRoute: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = lead[k]!;
    const code = hist.repCode[i]!;
    const r = shared[k] && code >= 0 ? base.repOfCode[code]! : -1;
    if (r >= 0 && !pool.removed[r]) rep[k] = r;
    else toRoute.push(k);
  }
  if (toRoute.length > 0) {
    const s = cols.leads.strings;
    // Routing only among original reps: added reps take their share below.
    const nOrig = pool.firstAdded;
    const routed = routeMqls(
      {
        regions: pool.regions.slice(0, nOrig),
        segment: pool.segment.subarray(0, nOrig),
        activeFrom: pool.activeFrom.subarray(0, nOrig),
        activeTo: pool.activeTo.subarray(0, nOrig),
        dailyCapacity: pool.capacity.subarray(0, nOrig),
      },
      {
        arrival: Float64Array.from(toRoute, (k) => arrival[k]!),
        account: Int32Array.from(toRoute, (k) => s.account_id.codes[lead[k]!]!),
        region: Int32Array.from(toRoute, (k) => s.region.codes[lead[k]!]!),
        sizeBand: Int32Array.from(toRoute, (k) => {
          const b = sizeBand(cols.leads.companySize[lead[k]!]!);
          return b === 3 ? -1 : b;
        }),
      },
      { accountOwner: removedOwners(base.accountOwner, pool.removed) },
    );
    toRoute.forEach((k, j) => (rep[k] = routed.rep[j]!));
  }
  if (pool.added > 0) {
    // Added reps take an even share of their team's MQLs (of everyone's when in no team), beside the
    // team's reps active at the MQL's instant (a rep who left or had not joined yet takes no share).
    const nTeams = pool.team.reduce((a, t) => Math.max(a, t + 1), 0) + 1;
    const memberList: number[][] = Array.from({ length: nTeams }, () => []);
    const clones: number[][] = Array.from({ length: nTeams }, () => []);
    const everyone: number[] = [];
    for (let r = 0; r < pool.firstAdded; r++) {
      if (pool.removed[r]) continue;
      everyone.push(r);
      if (loadPerRep[r]! > 0) memberList[pool.team[r]!]!.push(r);
    }
    for (let r = pool.firstAdded; r < pool.team.length; r++) clones[pool.team[r]! < 0 ? nTeams - 1 : pool.team[r]!]!.push(r);
    const anyClones = clones[nTeams - 1]!;
    const activeAt = (list: readonly number[], t: number): number => {
      let m = 0;
      for (const r of list) if (!(t < base.activeFrom[r]!) && !(t > base.activeTo[r]!)) m++;
      return m;
    };
    for (let k = 0; k < n; k++) {
      const r = rep[k]!;
      const own = r >= 0 && r < pool.firstAdded ? clones[pool.team[r]!]! : [];
      const list = own.length > 0 ? own : anyClones;
      if (list.length === 0) continue;
      const share = list.length / (Math.max(1, activeAt(own.length > 0 ? memberList[pool.team[r]!]! : everyone, arrival[k]!)) + list.length);
      const u = hashUniform(seed, STREAM_EXTRA_REPS, lead[k]!);
      if (u < share) rep[k] = list[Math.min(list.length - 1, Math.floor((u / share) * list.length))]!;
    }
  }
  return rep;
}

function removedOwners(owner: Int32Array, removed: Uint8Array): Int32Array {
  let any = false;
  for (let r = 0; r < removed.length; r++) if (removed[r]) any = true;
  if (!any) return owner;
  return owner.map((r) => (r >= 0 && removed[r] ? -1 : r));
}

/**
 * Simulated first touch per cohort row, one run: NaN never contacted,
 * SETTLED_BY_REVIEW / DECIDED_LATE (history.ts) for a lead the simulation
 * settled without contact (simulate.ts FLAG_REVIEWED / FLAG_DECIDED_LATE).
 */
export function simulateCohort(pool: ScenarioPool, c: QueueCohort, lead: Int32Array, seed: number, run: number, memo: SimulationMemo | null = null): Float64Array {
  const sim = cohortSimulation(pool, c, lead, seed, run, memo);
  while (!sim.advance(2 ** 30));
  return cohortContacts(pool, sim.result);
}

/** simulateCohort in slices of `slice` simulation steps, yielding between them (the interval runs' yield points). */
export function* simulateCohortSteps(pool: ScenarioPool, c: QueueCohort, lead: Int32Array, seed: number, run: number, slice: number): Generator<void, Float64Array> {
  const sim = cohortSimulation(pool, c, lead, seed, run);
  while (!sim.advance(slice)) yield;
  return cohortContacts(pool, sim.result);
}

/** simulateCohort on a queue-simulation executor (worker threads where it has them): the same contacts. */
export async function simulateCohortOn(executor: QueueSimExecutor, pool: ScenarioPool, c: QueueCohort, lead: Int32Array, seed: number, run: number): Promise<Float64Array> {
  return cohortContacts(pool, await executor.simulate(cohortSimInput(pool, c, lead, seed, run)));
}

function cohortSimulation(pool: ScenarioPool, c: QueueCohort, lead: Int32Array, seed: number, run: number, memo: SimulationMemo | null = null): QueueSimulation {
  const input = cohortSimInput(pool, c, lead, seed, run);
  return queueSimulation(input.reps, input.mqls, memo === null ? input.options : { ...input.options, restart: memo });
}

/** What simulate.ts needs of a pool and a cohort. */
function cohortSimInput(pool: ScenarioPool, c: QueueCohort, lead: Int32Array, seed: number, run: number): QueueSimInput {
  // A shared MQL is the review (or not) history saw; a new one draws its kind.
  const known = new Int8Array(lead.length); // a plain loop: Int8Array.from's per-element callback cost ~10 ms at M
  for (let k = 0; k < lead.length; k++) known[k] = c.shared[k] ? pool.reviewKindOfLead[lead[k]!]! : -1;
  return {
    reps: { schedules: pool.schedules, dailyCapacity: pool.capacity, serviceMs: pool.serviceMs, pickupMeanMs: pool.pickupMeanMs, urgentCapacity: pool.urgentCapacity, activeFrom: pool.activeFrom, activeTo: pool.activeTo },
    mqls: { arrival: c.arrival, rep: c.rep, priority: c.priority, key: lead },
    options: { seed, run, blackHoles: pool.blackHoles, horizonMs: pool.horizonMs, review: { skipByTier: pool.skipByTier, lateByTier: pool.lateByTier, unworkedByTier: pool.unworkedByTier, queuedByTier: pool.queuedByTier, windowMs: pool.reviewWindowMs, known } },
  };
}

/** A finished simulation's first touches, with what the counterfactual reads beside them. */
function cohortContacts(pool: ScenarioPool, res: QueueResult): Float64Array {
  for (let k = 0; k < res.flags.length; k++) {
    const f = res.flags[k]!;
    // A clean-up decided only after the worked horizon is, to the forecast, a black hole like any other (NaN).
    if (f & FLAG_REVIEWED && !(f & FLAG_UNWORKED)) res.contactAt[k] = f & FLAG_DECIDED_LATE ? DECIDED_LATE : SETTLED_BY_REVIEW;
  }
  ignoreChances.set(res.contactAt, res.ignoreP);
  const ignored = new Uint8Array(res.flags.length);
  for (let k = 0; k < ignored.length; k++) {
    const f = res.flags[k]!;
    ignored[k] = f & FLAG_IGNORED && !Number.isFinite(res.contactAt[k]!) && !(f & FLAG_DROPPED) ? 1 : 0;
  }
  ignoredRows.set(res.contactAt, ignored);
  if (pool.responseScale !== undefined && pool.responseScale !== 1) responseScales.set(res.contactAt, pool.responseScale);
  if (pool.rankMatched === false) ownShifts.add(res.contactAt);
  return res.contactAt;
}

/** The response multiplier a simulated contact array was drawn with (perturbPool), beside it like ignoreChances. */
const responseScales = new WeakMap<Float64Array, number>();
/** Simulated contact arrays whose run moves history's contacts by each lead's own change (QueueDraw.rankMatched false). */
const ownShifts = new WeakSet<Float64Array>();

/**
 * Each simulated contact array's per-row chance of being ignored on arrival,
 * kept beside it so callers that pass contact arrays around (kernel.ts,
 * session.ts) need not carry a second array for counterfactualContacts.
 */
const ignoreChances = new WeakMap<Float64Array, Float64Array>();
/** ignoreChances of contact arrays that are kept (keepQueueDraw), as palettes: one or the other per array. */
const compactChances = new WeakMap<Float64Array, PaletteColumn>();

/** Contact arrays kept across calls (keepQueueDraw): no per-row delay memo beside them. */
const keptDraws = new WeakSet<Float64Array>();

/**
 * For contact arrays kept across calls (interval-runs.ts's baseline queue draws, 20 per session): their
 * ignore chances become a palette (exactly the same values; 6 bytes a row less, ~40 MB at L), and they
 * get no delay memo when seen again (16 bytes a row each: ~110 MB at L from a second interval call on;
 * the delays are recomputed instead, the same numbers).
 */
export function keepQueueDraw(contact: Float64Array): void {
  keptDraws.add(contact);
  const p = ignoreChances.get(contact);
  const palette = p ? paletteOf(p) : null;
  if (palette === null) return;
  compactChances.set(contact, palette);
  ignoreChances.delete(contact);
}
/** Rows the simulation ignored and never contacted, beside the contact array like ignoreChances. */
const ignoredRows = new WeakMap<Float64Array, Uint8Array>();

/**
 * Scenario first contact per scenario-cohort row: observed contact moved by
 * the simulated scenario-minus-baseline change for shared MQLs, the simulated
 * one for new MQLs.
 */
export function counterfactualContacts(
  hist: LeadHistory,
  base: RepPoolState,
  pool: ScenarioPool,
  scen: QueueCohort,
  scenContact: Float64Array,
  baseRowOfLead: Int32Array,
  baseCohort: QueueCohort,
  baseContact: Float64Array,
  fallback: WorkSchedule,
): Float64Array {
  const n = scen.lead.length;
  // Row buffers reused across calls (read only during this call); every row's entries are written below.
  const sc = cfScratch.ensure(n);
  // A kept baseline draw is its own scenario's simulation when the queue is the baseline's: its chances may be a palette.
  const pScenCodes = compactChances.get(scenContact);
  const pScen = ignoreChances.get(scenContact) ?? (pScenCodes ? decodePalette(pScenCodes, sc.pScen.subarray(0, scenContact.length)) : undefined);
  const pBaseRows = ignoreChances.get(baseContact);
  const pBaseCodes = compactChances.get(baseContact);
  const ignS = ignoredRows.get(scenContact);
  const ignBRows = ignoredRows.get(baseContact);
  const pBase = pBaseRows || pBaseCodes ? sc.pBase.subarray(0, n) : undefined;
  const ignB = ignBRows ? sc.ignB.subarray(0, n) : undefined;
  const bContact = sc.bContact.subarray(0, n);
  const knownBase = sc.knownBase.subarray(0, n);
  const schedOf = (r: number): WorkSchedule => (r >= 0 && r < pool.schedules.length ? pool.schedules[r]! : fallback);
  // What does not depend on the baseline's simulation: the same for every queue draw of an interval call.
  const rows = scenarioRowFacts(hist, base, pool, scen, baseRowOfLead, baseCohort, schedOf);
  // The baseline simulation's delays, kept per baseline row (run 0's, seen again on every slider move).
  const baseKnown = seenBaseContacts.has(baseContact) ? delayMemo(baselineDelays, baseContact, baseContact.length) : null;
  if (!keptDraws.has(baseContact)) seenBaseContacts.add(baseContact);
  const rescuing = pBase !== undefined && pScen !== undefined;
  for (let k = 0; k < n; k++) {
    const b = rows.baseRow[k]!;
    if (b < 0) {
      bContact[k] = Number.NaN;
      if (pBase) pBase[k] = 0;
      if (ignB) ignB[k] = 0;
      knownBase[k] = Number.NaN;
      continue;
    }
    const cb = baseContact[b]!;
    knownBase[k] = baseKnown && Number.isFinite(cb) ? baseKnown.get(b, schedOf(baseCohort.rep[b]!), baseCohort.arrival[b]!, cb) : Number.NaN;
    bContact[k] = cb;
    if (pBase) pBase[k] = pBaseRows ? pBaseRows[b]! : paletteValue(pBaseCodes!, b);
    if (ignB && ignBRows) ignB[k] = ignBRows[b]!;
  }
  const { inHistory, obsArrival, obsContact, obsRep, bArrival, bRep, pHist, decided, uniform, knownObs, knownBand } = rows;
  const rescue = rescuing ? { decided: decided.subarray(0, n), pHist: pHist.subarray(0, n), uniform: uniform.subarray(0, n) } : undefined;
  return counterfactualContactTimes(
    { arrival: obsArrival.subarray(0, n), contact: obsContact.subarray(0, n), rep: obsRep.subarray(0, n) },
    { arrival: bArrival.subarray(0, n), contact: bContact, rep: bRep.subarray(0, n), ...(pBase ? { ignoreP: pBase } : {}), ...(ignB ? { ignored: ignB } : {}) },
    { arrival: scen.arrival, contact: scenContact, rep: scen.rep, ...(pScen ? { ignoreP: pScen } : {}), ...(ignS ? { ignored: ignS } : {}) },
    {
      schedules: pool.schedules,
      fallback,
      inHistory: inHistory.subarray(0, n),
      ...(ownShifts.has(scenContact) ? {} : { rankGroup: scen.priority }),
      deltaScale: responseScales.get(scenContact) ?? 1,
      ...(rescue ? { rescue } : {}),
      knownDelays: { observed: knownObs.subarray(0, n), baseline: knownBase, band: knownBand.subarray(0, n) },
    },
  );
}

/**
 * Business ms between two fixed instants per slot (a lead's history, a baseline row's simulated contact),
 * remembered with the schedule it was read on: the same number on every call while the schedule is the same.
 */
class DelayMemo {
  private readonly value: Float64Array;
  private readonly sched: (WorkSchedule | undefined)[];
  constructor(n: number) {
    this.value = new Float64Array(n);
    this.sched = new Array<WorkSchedule | undefined>(n);
  }
  get(slot: number, s: WorkSchedule, from: number, to: number): number {
    if (this.sched[slot] === s) return this.value[slot]!;
    const v = s.businessMsBetween(from, to);
    this.sched[slot] = s;
    this.value[slot] = v;
    return v;
  }
}
const baselineDelays = new WeakMap<object, DelayMemo>();

/**
 * A baseline row's time-of-day band (queue/counterfactual.ts timeOfDayBand) at the scenario's arrival on the
 * scenario rep's schedule, remembered with both: a slider move mostly keeps a shared MQL's instant and rep.
 */
class BandMemo {
  private readonly value: Int8Array;
  private readonly at: Float64Array;
  private readonly sched: (WorkSchedule | undefined)[];
  constructor(n: number) {
    this.value = new Int8Array(n);
    this.at = new Float64Array(n).fill(Number.NaN);
    this.sched = new Array<WorkSchedule | undefined>(n);
  }
  get(slot: number, s: WorkSchedule, t: number): number {
    if (this.sched[slot] === s && this.at[slot] === t) return this.value[slot]!;
    const v = timeOfDayBand(s.workLeftInDay(t));
    this.sched[slot] = s;
    this.at[slot] = t;
    this.value[slot] = v;
    return v;
  }
}
/** Baseline contact arrays seen once: a second call with the same one (run 0's, every slider move) keeps its delays. */
const seenBaseContacts = new WeakSet<Float64Array>();
function delayMemo(memos: WeakMap<object, DelayMemo>, key: object, n: number): DelayMemo {
  let m = memos.get(key);
  if (!m) memos.set(key, (m = new DelayMemo(n)));
  return m;
}

/** Per baseline-cohort row: its lead's history (MQL instant, contact, rep, ignore chance, decided), rescue draw and observed delay memo. */
interface BaseRowFacts {
  readonly arrival: Float64Array;
  readonly contact: Float64Array;
  readonly rep: Int32Array;
  readonly pHist: Float64Array;
  readonly decided: Uint8Array;
  readonly uniform: Float64Array;
  readonly observedDelay: DelayMemo;
  readonly band: BandMemo;
}
const baseRowFactsCache = new WeakMap<Int32Array, BaseRowFacts>();
function baseRowFacts(hist: LeadHistory, base: RepPoolState, baseCohort: QueueCohort): BaseRowFacts {
  let f = baseRowFactsCache.get(baseCohort.lead);
  if (f) return f;
  const nb = baseCohort.lead.length;
  const perLead = rescueUniforms(hist);
  f = {
    arrival: new Float64Array(nb),
    contact: new Float64Array(nb),
    rep: new Int32Array(nb),
    pHist: new Float64Array(nb),
    decided: new Uint8Array(nb),
    uniform: new Float64Array(nb),
    observedDelay: new DelayMemo(nb),
    band: new BandMemo(nb),
  };
  for (let b = 0; b < nb; b++) {
    const i = baseCohort.lead[b]!;
    f.arrival[b] = hist.mqlAt[i]!;
    f.contact[b] = hist.contactAt[i]!;
    f.rep[b] = hist.repCode[i]! >= 0 ? base.repOfCode[hist.repCode[i]!]! : -1;
    f.pHist[b] = base.historyIgnoreChance[i]!;
    f.decided[b] = hist.decided[i]!;
    f.uniform[b] = perLead[i]!;
  }
  baseRowFactsCache.set(baseCohort.lead, f);
  return f;
}

/** Grow-only row buffers of counterfactualContacts: what depends on the baseline simulation of the call. */
const cfScratch = new GrowOnlyColumns({ pBase: Float64Array, pScen: Float64Array, ignB: Uint8Array, bContact: Float64Array, knownBase: Float64Array });

/**
 * Per scenario cohort row, what history says of it (its baseline row, history's timeline and delay, the
 * time-of-day band at the scenario's arrival, the rescue facts): everything counterfactualContacts reads
 * that does not depend on the simulations, so an interval call's K queue draws fill it once (~0.3 s a draw
 * at L). One set of grow-only buffers (~27 MB at L): a slider move between two draws (the interval runs
 * yield to it) refills them, and the next draw refills them back.
 */
const rowFactColumns = new GrowOnlyColumns({
  baseRow: Int32Array,
  inHistory: Uint8Array,
  obsArrival: Float64Array,
  obsContact: Float64Array,
  obsRep: Int32Array,
  bArrival: Float64Array,
  bRep: Int32Array,
  pHist: Float64Array,
  decided: Uint8Array,
  uniform: Float64Array,
  knownObs: Float64Array,
  knownBand: Int8Array,
});
type ScenarioRowFacts = ReturnType<typeof rowFactColumns.ensure>;
/** The inputs the row facts were last filled from (identity); null: none valid. */
let rowFactsKey: readonly object[] | null = null;

function scenarioRowFacts(
  hist: LeadHistory,
  base: RepPoolState,
  pool: ScenarioPool,
  scen: QueueCohort,
  baseRowOfLead: Int32Array,
  baseCohort: QueueCohort,
  schedOf: (r: number) => WorkSchedule,
): ScenarioRowFacts {
  const key = [hist, base, pool.schedules, scen.lead, scen.arrival, scen.rep, scen.shared, baseRowOfLead, baseCohort.lead];
  // A matching key means the same cohort arrays, so the same length: ensure() then keeps the filled columns.
  const f = rowFactColumns.ensure(scen.lead.length);
  if (rowFactsKey !== null && rowFactsKey.length === key.length && rowFactsKey.every((o, x) => o === key[x])) return f;
  rowFactsKey = null; // not valid until filled
  const facts = baseRowFacts(hist, base, baseCohort);
  const perLead = rescueUniforms(hist);
  for (let k = 0; k < scen.lead.length; k++) {
    const i = scen.lead[k]!;
    const b = scen.shared[k] ? baseRowOfLead[i]! : -1;
    f.baseRow[k] = b;
    if (b < 0) {
      f.inHistory[k] = 0;
      f.obsArrival[k] = 0;
      f.obsContact[k] = Number.NaN;
      f.obsRep[k] = -1;
      f.bArrival[k] = 0;
      f.bRep[k] = -1;
      f.pHist[k] = Number.NaN;
      f.decided[k] = 0;
      f.knownObs[k] = Number.NaN;
      f.knownBand[k] = -1;
      // The rescue draw is per lead, the same in every scenario and run (the queue's own draws vary by run).
      f.uniform[k] = perLead[i]!;
      continue;
    }
    const oRep = facts.rep[b]!;
    const co = facts.contact[b]!;
    f.knownObs[k] = oRep >= 0 && Number.isFinite(co) ? facts.observedDelay.get(b, schedOf(oRep), facts.arrival[b]!, co) : Number.NaN;
    f.knownBand[k] = facts.band.get(b, schedOf(scen.rep[k]!), scen.arrival[k]!);
    f.inHistory[k] = 1;
    f.obsArrival[k] = facts.arrival[b]!;
    f.obsContact[k] = co;
    f.obsRep[k] = oRep;
    f.bArrival[k] = baseCohort.arrival[b]!;
    f.bRep[k] = baseCohort.rep[b]!;
    f.pHist[k] = facts.pHist[b]!;
    f.decided[k] = facts.decided[b]!;
    f.uniform[k] = facts.uniform[b]!;
  }
  rowFactsKey = key;
  return f;
}

/** The rescue draw per lead (hashUniform(STREAM_RESCUE, STREAM_RESCUE, lead)), computed once per history: the same in every call. */
const rescueUniformCache = new WeakMap<LeadHistory, Float64Array>();
function rescueUniforms(hist: LeadHistory): Float64Array {
  let u = rescueUniformCache.get(hist);
  if (!u) {
    u = new Float64Array(hist.n);
    for (let i = 0; i < hist.n; i++) u[i] = hashUniform(STREAM_RESCUE, STREAM_RESCUE, i);
    rescueUniformCache.set(hist, u);
  }
  return u;
}

/** A draw of the queue model for one interval run: the black-hole curve's parameters (log-odds) and the response scale. */
export interface QueueDraw {
  readonly slopeShift: number;
  readonly interceptShift: number;
  /**
   * Multiplier on the queue's response (default 1): simulated changes in
   * delay, new MQLs' simulated delays and the black-hole curve's slope. The
   * simulation reproduces history's delays only within some factor
   * (DelayCalibration.responseSd), so how strongly a scenario moves the
   * queue is uncertain by as much; same factor for baseline and scenario.
   */
  readonly responseScale?: number;
  /**
   * false: history's contacts move by each lead's own simulated change
   * instead of the rank-matched one (queue/counterfactual.ts rankGroup).
   * Both are defensible readings of the simulation; drawing between them per
   * run puts their disagreement into the interval. Default true.
   */
  readonly rankMatched?: boolean;
  /**
   * The queue estimate's own parameters drawn from their sampling
   * distributions (queueParameterDraw), per estimated rep: multipliers on
   * throughput (capacity, urgent room; service time divided), the pickup mean
   * in ms, the black-hole curve's tier effects, and per tier the review
   * shares. Absent: the estimates as fitted.
   */
  readonly params?: QueueParameterDraw;
}

export interface QueueParameterDraw {
  readonly capacityScale: Float64Array;
  readonly pickupMeanMs: Float64Array;
  readonly tierEffect: Float64Array;
  readonly skipByTier: Float64Array;
  readonly lateByTier: Float64Array;
  readonly unworkedByTier: Float64Array;
  readonly queuedByTier: Float64Array;
}

/**
 * The pool with the black-hole curve moved by a parameter draw: the curve is
 * estimated from history (queue/estimate.ts), so its slope and level are
 * uncertain; each interval run draws them from their standard errors and
 * applies the same draw to the baseline and the scenario.
 */
export function perturbPool(pool: ScenarioPool, d: QueueDraw | null): ScenarioPool {
  if (d === null) return pool;
  const bh = pool.blackHoles;
  const scale = d.responseScale ?? 1;
  const out: ScenarioPool = {
    ...pool,
    responseScale: scale,
    rankMatched: d.rankMatched ?? true,
    blackHoles: {
      ...bh,
      slope: (bh.slope + d.slopeShift) * scale,
      intercept: Float64Array.from({ length: pool.schedules.length }, (_, r) => bh.intercept[r]! + d.interceptShift),
    },
  };
  const q = d.params;
  if (!q) return out;
  const tmpl = (r: number): number => {
    const t = pool.templateOf ? pool.templateOf[r]! : r;
    return t >= 0 && t < q.capacityScale.length ? t : -1;
  };
  const cs = (r: number): number => (tmpl(r) >= 0 ? q.capacityScale[tmpl(r)]! : 1);
  return {
    ...out,
    capacity: Float64Array.from(pool.capacity, (c, r) => c * cs(r)),
    urgentCapacity: Float64Array.from(pool.urgentCapacity, (c, r) => c * cs(r)),
    serviceMs: Float64Array.from(pool.serviceMs, (v, r) => v / cs(r)),
    // The calibrated model has no pickup (0): keep it so.
    pickupMeanMs: pool.pickupMeanMs.every((v) => !(v > 0)) ? pool.pickupMeanMs : newHirePickup(q.pickupMeanMs, pool.templateOf ?? Int32Array.from(pool.pickupMeanMs, (_, r) => r), pool.firstAdded),
    skipByTier: q.skipByTier,
    lateByTier: q.lateByTier,
    unworkedByTier: q.unworkedByTier,
    queuedByTier: q.queuedByTier,
    blackHoles: { ...out.blackHoles, tierEffect: q.tierEffect.length === bh.tierEffect.length ? q.tierEffect : bh.tierEffect },
  };
}

/**
 * Draw for run `run` from the fit's standard errors and the response's log-scale sd (u3: a standard normal);
 * with `params`, the queue estimate's parameters too (queueParameterDraw), and the black-hole curve's
 * intercept, slope and tier effects jointly from the fit's covariance.
 */
export function queueDraw(base: RepPoolState, u1: number, u2: number, u3 = 0, responseSd = 0, u4 = 0.25, params?: Rng): QueueDraw | null {
  const fit = base.estimate.blackHoleFit;
  const seI = fit ? fit.standardErrors[0]! : Number.NaN;
  const seS = fit ? fit.standardErrors[1]! : Number.NaN;
  const ok = Number.isFinite(seI) && Number.isFinite(seS);
  if (!ok && !(responseSd > 0) && !params) return null;
  const d: QueueDraw = { interceptShift: ok ? seI * u1 : 0, slopeShift: ok ? seS * u2 : 0, responseScale: Math.exp(responseSd * u3), rankMatched: u4 < 0.5 };
  if (!params) return d;
  const p = queueParameterDraw(base.estimate, params);
  const joint = fit ? coefficientShift(fit, params) : null;
  if (!joint) return { ...d, params: p };
  const tierEffect = Float64Array.from(base.estimate.blackHoles.tierEffect, (t, k) => (k >= 1 && k + 1 < joint.length ? t + joint[k + 1]! : t));
  return { ...d, interceptShift: joint[0]!, slopeShift: joint[1]!, params: { ...p, tierEffect } };
}


/**
 * The queue estimate's parameters drawn from their sampling distributions
 * (queue/estimate.ts), all from history:
 * - throughput: a rep's capacity is the reps table's number, but what the rep
 *   got through on full days (estimate.throughput) says how far the table is
 *   from the work done. Each run scales every rep's throughput by a common
 *   factor exp(N(0, sd)), sd the root mean square of log(throughput / capacity)
 *   over reps with full days (the table's error as history shows it), times a
 *   per-rep factor: exp(N(0, se / throughput)) for a rep with full days, exp(N(0, sd))
 *   for a rep without (its own error unmeasured, as large as the measured reps');
 * - pickup: each rep's idle delays resampled (bootstrap) and the mean re-estimated;
 * - review shares: per tier, binomial sampling error (normal approximation).
 */
export function queueParameterDraw(e: QueueEstimate, rng: Rng): QueueParameterDraw {
  const nr = e.capacity.length;
  let ss = 0;
  let k = 0;
  for (let r = 0; r < nr; r++) {
    const t = e.throughput[r]!;
    const c = e.capacity[r]!;
    if (t > 0 && c > 0 && Number.isFinite(t) && Number.isFinite(c)) {
      ss += Math.log(t / c) ** 2;
      k++;
    }
  }
  const common = k > 0 ? Math.sqrt(ss / k) : 0;
  const z0 = rng.normal();
  const capacityScale = Float64Array.from({ length: nr }, (_, r) => {
    const t = e.throughput[r]!;
    const se = e.throughputSe[r]!;
    // A rep with full days: its throughput's standard error; without: unmeasured, as far off as the measured reps are.
    const own = t > 0 && Number.isFinite(se) ? se / t : common;
    return Math.exp(common * z0 + own * rng.normal());
  });
  const resampled = e.idleDelays.map((v) => {
    const m = v.length;
    const out = new Float64Array(m);
    for (let j = 0; j < m; j++) out[j] = v[Math.min(m - 1, Math.floor(rng.uniform() * m))]!;
    return out;
  });
  const pickupMeanMs = pickupMeans(resampled);
  const share = (p: Float64Array) =>
    Float64Array.from(p, (x, t) => {
      const n = e.tierCounts[t]!;
      if (!(n > 0)) return x;
      return Math.min(1, Math.max(0, x + Math.sqrt((x * (1 - x)) / n) * rng.normal()));
    });
  return {
    capacityScale,
    pickupMeanMs,
    tierEffect: Float64Array.from(e.blackHoles.tierEffect),
    skipByTier: share(e.skipByTier),
    lateByTier: share(e.lateByTier),
    unworkedByTier: share(e.unworkedByTier),
    queuedByTier: share(e.queuedByTier),
  };
}

/**
 * Maps a simulated delay onto history's scale, per tier rank: the simulation
 * orders delays (who waits longer under the scenario), history says how long
 * that is. A new MQL's simulated business delay takes its quantile among the
 * baseline simulation's delays of the same rank and becomes that quantile of
 * the observed delays (beyond the simulated maximum: the observed maximum plus
 * the excess). Why: new MQLs have no observed contact to shift, and the
 * simulation's absolute delays need not match history (whole leads per day,
 * work starting at the day's first minute).
 */
export class DelayCalibration {
  private readonly sim: Float64Array[];
  private readonly obs: Float64Array[];
  /**
   * How far the baseline simulation's delays are from history's: the root
   * mean square of log(simulated / observed) over tiers (20+ delays each) at
   * the median, 75th and 90th percentile, at least 0.1. Interval runs take it
   * as the sd of the queue response's log scale (QueueDraw.responseScale).
   */
  readonly responseSd: number;
  constructor(sim: number[][], obs: number[][]) {
    this.sim = sim.map((v) => Float64Array.from(v).sort());
    this.obs = obs.map((v) => Float64Array.from(v).sort());
    let ss = 0;
    let k = 0;
    for (let p = 0; p < this.sim.length; p++) {
      const a = this.sim[p]!;
      const b = this.obs[p]!;
      if (a.length < 20 || b.length < 20) continue;
      for (const q of [0.5, 0.75, 0.9]) {
        const x = a[Math.floor(q * (a.length - 1))]!;
        const y = b[Math.floor(q * (b.length - 1))]!;
        if (x > 0 && y > 0) {
          ss += Math.log(x / y) ** 2;
          k++;
        }
      }
    }
    this.responseSd = Math.max(0.1, k > 0 ? Math.sqrt(ss / k) : 0.5);
  }

  static fromBaseline(hist: LeadHistory, cohort: QueueCohort, contact: Float64Array, schedules: readonly WorkSchedule[], fallback: WorkSchedule): DelayCalibration {
    const ranks = cohort.priority.reduce((a, p) => Math.max(a, p + 1), 1);
    const sim: number[][] = Array.from({ length: ranks }, () => []);
    const obs: number[][] = Array.from({ length: ranks }, () => []);
    for (let k = 0; k < cohort.lead.length; k++) {
      const i = cohort.lead[k]!;
      const p = Math.max(0, cohort.priority[k]!);
      const r = cohort.rep[k]!;
      const s = r >= 0 && r < schedules.length ? schedules[r]! : fallback;
      const a = cohort.arrival[k]!;
      if (Number.isFinite(contact[k]!)) sim[p]!.push(s.businessMsBetween(a, contact[k]!));
      const c = hist.contactAt[i]!;
      if (cohort.shared[k] && Number.isFinite(c) && c >= a) obs[p]!.push(s.businessMsBetween(a, c));
    }
    return new DelayCalibration(sim, obs);
  }

  /** Observed-scale business delay for a simulated one at tier rank p. */
  map(p: number, simDelay: number): number {
    const sim = this.sim[Math.min(Math.max(0, p), this.sim.length - 1)]!;
    const obs = this.obs[Math.min(Math.max(0, p), this.obs.length - 1)]!;
    if (sim.length < 20 || obs.length < 20) return simDelay; // too few to map: keep the simulation's own scale
    const max = sim[sim.length - 1]!;
    if (simDelay >= max) return obs[obs.length - 1]! + (simDelay - max);
    let lo = 0;
    let hi = sim.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sim[mid]! <= simDelay) lo = mid + 1;
      else hi = mid;
    }
    const q = lo / sim.length;
    const h = q * (obs.length - 1);
    const f = Math.floor(h);
    return obs[f]! + (h - f) * (obs[Math.min(obs.length - 1, f + 1)]! - obs[f]!);
  }
}
