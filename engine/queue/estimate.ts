// Queue parameters per rep estimated from history, so the simulation
// reproduces the reps the data shows: effective daily capacity, service time
// per lead, and how the chance of a black hole rises with the rep's backlog.
//
// - Backlog at an MQL's arrival = the rep's earlier MQLs still waiting then:
//   not yet first-contacted (or decided, when decidedAt is known), and less than
//   the horizon old. That is exactly what simulate.ts measures, so a curve
//   fitted here means the same thing when the simulation draws from it.
// - Capacity: on a "saturated" working day (some lead was waiting at the day's
//   end and was contacted later) the rep did as much as they would; the
//   capacity is a high quantile (default 0.9) of first contacts on such days.
//   Without saturated days the busiest day is a lower bound. A reps-table
//   daily_capacity wins over both.
// - Service time: the median gap between consecutive contacts on the same
//   working day when the later lead was already waiting (back-to-back work).
// - Pickup: an idle rep notices a new lead at its next look at the queue. For
//   MQLs that arrived to an empty backlog and were contacted, the business
//   time to contact is the wait for that look; if looks are Poisson moments
//   the wait is exponential (after a short logging lag), so the mean follows
//   from the gap between the 5th percentile and the median (low quantiles
//   resist the waits that met a full day or a busy rep).
//   Reps with fewer than 20 such MQLs get the pooled value.
// - Urgent capacity: on saturated days (a lower-tier lead waited past the
//   day's end) a rep that still started more leads than its capacity did so
//   for first-tier leads; the high quantile of starts on such days, when
//   above the capacity, is the rep's daily limit for first-tier leads.
// - Review: MQLs decided with no contact took no rep time; per tier, their
//   share is the chance a simulated MQL skips the queue. When the decision
//   came tells what the forecast makes of such a lead (simulate.ts
//   ReviewModel): within reviewWindowMs of assignment (the black-hole window)
//   a quick review, not a black hole; later, a clean-up of a lead nobody
//   contacted, a black hole by the metric, worked when decided within
//   workedHorizonMs (forecast/history.ts worked). Counting them all as one
//   "review" made a new MQL's quick review a black hole and unworked.
//   The curve below keeps them as non-black-holes (its positives are the
//   leads nobody decided), as it was estimated and measured; fitting it on
//   queued leads only, or counting clean-ups as its positives, was tried and
//   made the accuracy bench worse (README "The queue").
// - Black holes (no decision and no contact within the horizon): logistic on
//   backlog in days of the rep's capacity plus tier dummies, with per-rep
//   intercept shifts shrunk towards the pooled one (penalised, by backfitting
//   through the fit's offset), so a rep with few MQLs gets the pooled curve.
import { WorkSchedule } from '../calendar/business-hours';
import { fitLogistic, LogisticFit, sigmoid } from '../stats/logistic';
import { quantileSorted } from '../stats/bootstrap';
import { BlackHoleModel, DEFAULT_HORIZON_MS, HOUR_MS, KNOWN_LATE, KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUICK, KNOWN_UNWORKED } from './simulate';
import { dayEndingAfter, workingDays } from './working-days';

export interface QueueHistory {
  /** MQL instants, epoch ms (any order). */
  readonly arrival: Float64Array;
  /** Rep index (-1: unknown; left out). */
  readonly rep: Int32Array;
  /** Tier index, lower = more urgent. */
  readonly priority: Int32Array;
  /** First contact, epoch ms; NaN when none. */
  readonly firstContact: Float64Array;
  /** 1 when sales logged a decision (accepted, rejected, deferred). */
  readonly decided: Uint8Array;
  /** When the decision was logged (NaN unknown: a quick review); a decided, never-contacted lead leaves the backlog then. */
  readonly decidedAt?: Float64Array;
  /** When the lead was assigned (NaN or absent: the MQL instant); the review window counts from here. */
  readonly assignedAt?: Float64Array;
}

export interface EstimateOptions {
  readonly schedules: readonly WorkSchedule[];
  /** reps.daily_capacity per rep; NaN or missing when unknown. */
  readonly dailyCapacity?: ArrayLike<number>;
  readonly horizonMs?: number;
  readonly capacityQuantile?: number;
  /** Number of tiers (tier dummies 1..tiers-1); default max priority + 1. */
  readonly tiers?: number;
  /** L2 penalty (per unit log-odds^2) on each rep's intercept shift. Default 1. */
  readonly repShrinkage?: number;
  /** true: a black hole never counts in the backlog (simulate.ts BlackHoleModel.queuedOnly); default false. */
  readonly queuedOnly?: boolean;
  /** Row weights for the black-hole fit (e.g. Poisson(1) bootstrap weights); default 1 each. */
  readonly weights?: ArrayLike<number>;
  /** A decision without contact this soon after assignment is a quick review, later a late clean-up; default 24 h. */
  readonly reviewWindowMs?: number;
  /** A late clean-up within this long of the MQL makes the lead worked (forecast/history.ts WORKED_HORIZON_MS); default the horizon. */
  readonly workedHorizonMs?: number;
  /**
   * Whether a decision without contact is the rep's first touch of a lead that waited in the queue
   * (true), a settlement outside the queue (false, the default), or whichever history shows ('auto':
   * see reviewsWaitInQueue).
   */
  readonly reviewsQueued?: boolean | 'auto';
}

export type CapacitySource = 'reps_table' | 'saturated_days' | 'busiest_day' | 'pooled';

export interface QueueEstimate {
  readonly capacity: Float64Array;
  readonly capacitySource: CapacitySource[];
  readonly saturatedDays: Int32Array;
  readonly serviceMs: Float64Array;
  /** Mean business ms from an idle rep's MQL arrival to its pickup (simulate.ts pickupMeanMs); 0 when nothing was seen. */
  readonly pickupMeanMs: Float64Array;
  /** Daily limit for first-tier leads (simulate.ts urgentCapacity), >= capacity. */
  readonly urgentCapacity: Float64Array;
  /**
   * Mean first contacts on the rep's full days (a lead waited from before the
   * day's start to past its end, so the rep did all it would that day); NaN
   * with fewer than MIN_FULL_DAYS such days.
   */
  readonly throughput: Float64Array;
  /** Standard error of `throughput` (sd of full-day counts / sqrt(days)); NaN where throughput is NaN. */
  readonly throughputSe: Float64Array;
  /** Per rep: business delays of MQLs that reached an empty backlog and were contacted (what pickupMeanMs is estimated from). */
  readonly idleDelays: readonly Float64Array[];
  /** Per tier index: MQLs the review shares were estimated on. */
  readonly tierCounts: Float64Array;
  /** Per tier index: share of MQLs settled by a quick review (decided, no contact, within the review window; simulate.ts ReviewModel). */
  readonly skipByTier: Float64Array;
  /** Per tier index: share of MQLs decided without contact after the review window, within workedHorizonMs (ReviewModel.lateByTier). */
  readonly lateByTier: Float64Array;
  /** Per tier index: share of MQLs decided without contact only after workedHorizonMs (ReviewModel.unworkedByTier). */
  readonly unworkedByTier: Float64Array;
  /**
   * Per tier index: with reviewsQueued, the chance a lead that reaches its rep is one the rep settles
   * without contact (ReviewModel.queuedByTier): no-contact decisions within the horizon over the MQLs
   * that were neither black holes nor decided after the horizon. Zeros otherwise.
   */
  readonly queuedByTier: Float64Array;
  /** Per MQL: what kind of review history shows (simulate.ts KNOWN_*: none, queued, quick, clean-up, clean-up after the worked horizon). */
  readonly reviewKind: Int8Array;
  /** true: decisions without contact within the horizon wait in the queue as touches (skipByTier is then 0). */
  readonly reviewsQueued: boolean;
  /** Median business delay (ms) to a first contact, and to a decision without contact, within the horizon (NaN: none). */
  readonly medianContactDelayMs: number;
  readonly medianReviewDelayMs: number;
  readonly blackHoles: BlackHoleModel;
  /** The pooled fit (features: backlog days, tier dummies); null when there was nothing to fit. */
  readonly blackHoleFit: LogisticFit | null;
  /** Reconstructed backlog at each MQL's arrival (NaN for unknown reps). */
  readonly backlogAtArrival: Float64Array;
  /** 1 when the MQL counts as a black hole. */
  readonly blackHole: Uint8Array;
  /** 1 when the MQL was settled by a quick review (the simulation skips such leads). */
  readonly quickReview: Uint8Array;
  /** 1: decided without contact after the review window (a clean-up: skipped too, a black hole by the metric); 2: only after workedHorizonMs. */
  readonly lateReview: Uint8Array;
}

/** Full days a rep needs before its observed throughput counts (queue/estimate.ts throughput). */
const MIN_FULL_DAYS = 10;

export function estimateQueue(history: QueueHistory, options: EstimateOptions): QueueEstimate {
  const n = history.arrival.length;
  const nr = options.schedules.length;
  const horizon = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const q = options.capacityQuantile ?? 0.9;
  const { arrival, rep, firstContact, decided, decidedAt, assignedAt } = history;
  const reviewWindow = options.reviewWindowMs ?? 24 * HOUR_MS;
  const workedHorizon = options.workedHorizonMs ?? horizon;

  // Outcome and leaving time per MQL.
  const reviewDelay = reviewDelays(history, options, horizon);
  const queuedMode = options.reviewsQueued === 'auto' ? reviewsWaitInQueue(reviewDelay) : options.reviewsQueued === true;
  /** 1: decided without contact within the horizon (a touch when reviews are queued). */
  const touchedByDecision = new Uint8Array(n);
  const blackHole = new Uint8Array(n);
  const quickReview = new Uint8Array(n);
  const lateDecided = new Uint8Array(n);
  const leave = new Float64Array(n);
  const contacted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = arrival[i]!;
    const c = firstContact[i]!;
    const d = decided[i] && decidedAt ? decidedAt[i]! : Number.NaN;
    const asg = assignedAt && Number.isFinite(assignedAt[i]!) ? Math.max(a, assignedAt[i]!) : a;
    if (Number.isFinite(c) && c - a < horizon) {
      contacted[i] = 1;
      leave[i] = Math.max(a, c);
    } else if (decided[i]) {
      // Settled without contact: a quick review (an unknown decision time counts as at once) or a clean-up.
      if (!(d > asg + reviewWindow)) quickReview[i] = 1;
      else lateDecided[i] = d - a < workedHorizon ? 1 : 2;
      leave[i] = Number.isFinite(d) ? Math.min(a + horizon, Math.max(a, d)) : a;
      if (queuedMode && !(d - a >= horizon)) {
        touchedByDecision[i] = 1;
        contacted[i] = 1; // the decision is the rep's first touch: it counts in the day's work
      }
    } else {
      blackHole[i] = 1;
      leave[i] = options.queuedOnly ? a : a + horizon;
    }
  }

  // MQLs of each rep in arrival order.
  const byRep: number[][] = Array.from({ length: nr }, () => []);
  for (let i = 0; i < n; i++) {
    const r = rep[i]!;
    if (r >= 0 && r < nr && Number.isFinite(arrival[i]!)) byRep[r]!.push(i);
  }

  const backlogAtArrival = new Float64Array(n).fill(Number.NaN);
  const capacity = new Float64Array(nr).fill(Number.NaN);
  const capacitySource: CapacitySource[] = new Array<CapacitySource>(nr).fill('pooled');
  const saturatedDays = new Int32Array(nr);
  const serviceMs = new Float64Array(nr).fill(Number.NaN);
  const idleDelays: number[][] = Array.from({ length: nr }, () => []);
  const urgentCapacity = new Float64Array(nr).fill(Number.NaN);
  const throughput = new Float64Array(nr).fill(Number.NaN);
  const throughputSe = new Float64Array(nr).fill(Number.NaN);

  for (let r = 0; r < nr; r++) {
    const ids = byRep[r]!.sort((x, y) => arrival[x]! - arrival[y]! || x - y);
    const m = ids.length;
    if (m === 0) continue;
    // Backlog: earlier MQLs (in arrival order) whose leaving time is after this arrival.
    const leaves = Float64Array.from(ids, (i) => leave[i]!).sort();
    const instant = Float64Array.from(ids.filter((i) => leave[i] === arrival[i]), (i) => arrival[i]!).sort();
    for (let k = 0; k < m; k++) {
      const i = ids[k]!;
      const a = arrival[i]!;
      // Leaves at or before a, minus those arriving exactly at a (they are not earlier; leave >= arrival).
      const gone = upperBound(leaves, a) - (upperBound(instant, a) - lowerBound(instant, a));
      backlogAtArrival[i] = k - gone;
    }

    // Contacts per working day and saturated days.
    const sched = options.schedules[r]!;
    for (const i of ids) if (contacted[i] && backlogAtArrival[i] === 0) idleDelays[r]!.push(sched.businessMsBetween(arrival[i]!, leave[i]!));
    const span0 = arrival[ids[0]!]!;
    const span1 = arrival[ids[m - 1]!]! + horizon;
    const days = workingDays(sched, span0, span1);
    const nd = days.starts.length;
    const perDay = new Int32Array(nd);
    const satDiff = new Int32Array(nd + 1);
    const fullDiff = new Int32Array(nd + 1);
    const contacts: number[] = [];
    for (const i of ids) {
      if (!contacted[i]) continue;
      const c = leave[i]!;
      contacts.push(i);
      const d = dayEndingAfter(days, c);
      if (d < nd) perDay[d] = perDay[d]! + 1;
      // Days whose end falls strictly between arrival and contact: the lead waited past them.
      const lo = dayEndingAfter(days, arrival[i]!);
      const hi = dayEndingAfter(days, c - 1);
      if (hi > lo) {
        satDiff[lo] = satDiff[lo]! + 1;
        satDiff[hi] = satDiff[hi]! - 1;
      }
      // Full days: the lead was waiting before the day began and still at its end.
      const lo2 = lo < nd && arrival[i]! < days.starts[lo]! ? lo : lo + 1;
      if (hi > lo2) {
        fullDiff[lo2] = fullDiff[lo2]! + 1;
        fullDiff[hi] = fullDiff[hi]! - 1;
      }
    }
    const satCounts: number[] = [];
    const fullCounts: number[] = [];
    let run = 0;
    let full = 0;
    let busiest = 0;
    for (let d = 0; d < nd; d++) {
      run += satDiff[d]!;
      full += fullDiff[d]!;
      if (full > 0) fullCounts.push(perDay[d]!);
      busiest = Math.max(busiest, perDay[d]!);
      if (run > 0 && perDay[d]! > 0) satCounts.push(perDay[d]!);
    }
    saturatedDays[r] = satCounts.length;
    if (fullCounts.length >= MIN_FULL_DAYS) {
      const nf = fullCounts.length;
      const mean = fullCounts.reduce((a, b) => a + b, 0) / nf;
      throughput[r] = mean;
      throughputSe[r] = Math.sqrt(fullCounts.reduce((a, b) => a + (b - mean) ** 2, 0) / (nf - 1) / nf);
    }
    if (satCounts.length >= 5) urgentCapacity[r] = quantileSorted(Float64Array.from(satCounts).sort(), q);
    const given = options.dailyCapacity ? options.dailyCapacity[r]! : Number.NaN;
    if (Number.isFinite(given) && given > 0) {
      capacity[r] = given;
      capacitySource[r] = 'reps_table';
    } else if (satCounts.length > 0) {
      capacity[r] = Math.max(1, Math.round(quantileSorted(Float64Array.from(satCounts).sort(), q)));
      capacitySource[r] = 'saturated_days';
    } else if (busiest > 0) {
      capacity[r] = busiest;
      capacitySource[r] = 'busiest_day';
    }

    // Service time: back-to-back gaps within a working day.
    contacts.sort((x, y) => leave[x]! - leave[y]!);
    const gaps: number[] = [];
    for (let k = 1; k < contacts.length; k++) {
      const prev = contacts[k - 1]!;
      const cur = contacts[k]!;
      const cp = leave[prev]!;
      const cc = leave[cur]!;
      if (arrival[cur]! > cp) continue; // the rep was idle in between
      const dp = dayEndingAfter(days, cp);
      if (dp !== dayEndingAfter(days, cc) || dp >= nd || cp < days.starts[dp]!) continue;
      if (cc > cp) gaps.push(cc - cp);
    }
    if (gaps.length > 0) serviceMs[r] = quantileSorted(Float64Array.from(gaps).sort(), 0.5);
  }

  // Reps without their own numbers get the median of the others'.
  const medCap = medianFinite(capacity);
  const medService = medianFinite(serviceMs);
  for (let r = 0; r < nr; r++) {
    if (!Number.isFinite(capacity[r]!)) capacity[r] = Number.isFinite(medCap) ? medCap : 10;
    if (!Number.isFinite(serviceMs[r]!)) {
      serviceMs[r] = Number.isFinite(medService) ? medService : Math.min(HOUR_MS / 2, (8 * HOUR_MS) / capacity[r]!);
    }
  }

  const pickupMeanMs = pickupMeans(idleDelays);
  const nTiers = Math.max(1, options.tiers ?? 1 + history.priority.reduce((a, p) => Math.max(a, p), 0));
  const skipN = new Float64Array(nTiers);
  const tierN = new Float64Array(nTiers);
  const lateN = new Float64Array(nTiers);
  const unworkedN = new Float64Array(nTiers);
  const queuedN = new Float64Array(nTiers);
  const reachN = new Float64Array(nTiers);
  for (let i = 0; i < n; i++) {
    const t = Math.min(Math.max(0, history.priority[i]!), nTiers - 1);
    tierN[t] = tierN[t]! + 1;
    if (touchedByDecision[i]) {
      queuedN[t] = queuedN[t]! + 1;
      reachN[t] = reachN[t]! + 1;
      continue;
    }
    if (queuedMode && !blackHole[i] && !lateDecided[i]) reachN[t] = reachN[t]! + 1;
    skipN[t] = skipN[t]! + quickReview[i]!;
    if (lateDecided[i] === 1) lateN[t] = lateN[t]! + 1;
    if (lateDecided[i] === 2) unworkedN[t] = unworkedN[t]! + 1;
  }
  // Queued reviews: a share of the leads that reach the rep (the simulation's black-hole draw and late clean-ups come first).
  const queuedByTier = Float64Array.from(queuedN, (k, t) => (reachN[t]! > 0 ? k / reachN[t]! : 0));
  const skipByTier = Float64Array.from(skipN, (k, t) => (tierN[t]! > 0 ? k / tierN[t]! : 0));
  const lateByTier = Float64Array.from(lateN, (k, t) => (tierN[t]! > 0 ? k / tierN[t]! : 0));
  const unworkedByTier = Float64Array.from(unworkedN, (k, t) => (tierN[t]! > 0 ? k / tierN[t]! : 0));
  for (let r = 0; r < nr; r++) if (!(urgentCapacity[r]! > capacity[r]!)) urgentCapacity[r] = capacity[r]!;
  const { fit, intercept, tierEffect, slope, maxBacklog } = fitBlackHoles(history, backlogAtArrival, blackHole, capacity, options);
  return {
    capacity,
    capacitySource,
    saturatedDays,
    serviceMs,
    pickupMeanMs,
    urgentCapacity,
    throughput,
    throughputSe,
    idleDelays: idleDelays.map((v) => Float64Array.from(v)),
    tierCounts: tierN,
    skipByTier,
    lateByTier,
    unworkedByTier,
    queuedByTier,
    reviewKind: Int8Array.from({ length: n }, (_, i) =>
      touchedByDecision[i] ? KNOWN_QUEUED : quickReview[i] ? KNOWN_QUICK : lateDecided[i] === 1 ? KNOWN_LATE : lateDecided[i] === 2 ? KNOWN_UNWORKED : KNOWN_NONE,
    ),
    reviewsQueued: queuedMode,
    medianContactDelayMs: reviewDelay.contact,
    medianReviewDelayMs: reviewDelay.review,
    blackHoles: { intercept, slope, backlogScale: Float64Array.from(capacity), tierEffect, maxBacklog, queuedOnly: options.queuedOnly ?? false },
    blackHoleFit: fit,
    backlogAtArrival,
    blackHole,
    quickReview,
    lateReview: lateDecided,
  };
}

function fitBlackHoles(
  history: QueueHistory,
  backlog: Float64Array,
  blackHole: Uint8Array,
  capacity: Float64Array,
  options: EstimateOptions,
): { fit: LogisticFit | null; intercept: Float64Array; tierEffect: Float64Array; slope: number; maxBacklog: number } {
  const nr = capacity.length;
  const rows: number[] = [];
  let maxTier = 0;
  for (let i = 0; i < backlog.length; i++) {
    if (!Number.isFinite(backlog[i]!)) continue;
    rows.push(i);
    maxTier = Math.max(maxTier, history.priority[i]!);
  }
  const tiers = Math.max(1, options.tiers ?? maxTier + 1);
  const m = rows.length;
  const intercept = new Float64Array(nr).fill(-40); // no data: never a black hole
  const tierEffect = new Float64Array(tiers);
  let events = 0;
  for (const i of rows) events += blackHole[i]!; // unweighted: whether there is anything to fit at all
  if (m === 0 || events === 0 || events === m) {
    // Nothing to fit against: a constant rate (0 or 1) without backlog dependence.
    const rate = m > 0 ? events / m : 0;
    intercept.fill(rate <= 0 ? -40 : rate >= 1 ? 40 : Math.log(rate / (1 - rate)));
    return { fit: null, intercept, tierEffect, slope: 0, maxBacklog: Number.POSITIVE_INFINITY };
  }
  const cols = [new Float64Array(m), ...Array.from({ length: tiers - 1 }, () => new Float64Array(m))];
  const y = new Uint8Array(m);
  const wt = new Float64Array(m);
  const repOf = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    const r = history.rep[i]!;
    repOf[k] = r;
    cols[0]![k] = backlog[i]! / capacity[r]!;
    const t = history.priority[i]!;
    if (t >= 1 && t < tiers) cols[t]![k] = 1;
    y[k] = blackHole[i]!;
    wt[k] = options.weights ? options.weights[i]! : 1;
  }
  const shrink = options.repShrinkage ?? 1;
  const shift = new Float64Array(nr);
  const offset = new Float64Array(m);
  const eta = new Float64Array(m);
  let fit: LogisticFit | null = null;
  // Backfitting: pooled fit given the rep shifts, then each rep's shift given the pooled fit.
  for (let round = 0; round < 4; round++) {
    for (let k = 0; k < m; k++) offset[k] = shift[repOf[k]!]!;
    fit = fitLogistic(cols, y, { offset, weights: wt, start: fit ? [fit.intercept, ...fit.coefficients] : undefined });
    for (let k = 0; k < m; k++) {
      let e = fit.intercept;
      for (let j = 0; j < cols.length; j++) e += fit.coefficients[j]! * cols[j]![k]!;
      eta[k] = e;
    }
    // One-dimensional penalised Newton per rep: maximise sum loglik(eta + s) - shrink/2 s^2.
    const g = new Float64Array(nr);
    const h = new Float64Array(nr);
    for (let iter = 0; iter < 25; iter++) {
      g.fill(0);
      h.fill(0);
      for (let k = 0; k < m; k++) {
        const r = repOf[k]!;
        const p = sigmoid(eta[k]! + shift[r]!);
        g[r] = g[r]! + wt[k]! * (y[k]! - p);
        h[r] = h[r]! + wt[k]! * p * (1 - p);
      }
      let biggest = 0;
      for (let r = 0; r < nr; r++) {
        const step = (g[r]! - shrink * shift[r]!) / (h[r]! + shrink);
        shift[r] = shift[r]! + step;
        biggest = Math.max(biggest, Math.abs(step));
      }
      if (biggest < 1e-9) break;
    }
  }
  const f = fit!;
  for (let r = 0; r < nr; r++) intercept[r] = f.intercept + shift[r]!;
  for (let t = 1; t < tiers; t++) tierEffect[t] = f.coefficients[t]!;
  // The curve's support: the 99th percentile of the backlogs it was fitted on.
  const maxBacklog = quantileSorted(Float64Array.from(cols[0]!).sort(), 0.99);
  return { fit: f, intercept, tierEffect, slope: f.coefficients[0]!, maxBacklog };
}

/**
 * Median business delays (rep's schedule) within the horizon: MQL to first contact, and MQL to a decision
 * made without contact.
 */
function reviewDelays(history: QueueHistory, options: EstimateOptions, horizon: number): ReviewDelays {
  const contact: number[] = [];
  const review: number[] = [];
  const { arrival, rep, firstContact, decided, decidedAt } = history;
  for (let i = 0; i < arrival.length; i++) {
    const r = rep[i]!;
    const a = arrival[i]!;
    if (r < 0 || r >= options.schedules.length || !Number.isFinite(a)) continue;
    const c = firstContact[i]!;
    const d = decidedAt ? decidedAt[i]! : Number.NaN;
    if (Number.isFinite(c) && c - a < horizon) contact.push(options.schedules[r]!.businessMsBetween(a, Math.max(a, c)));
    else if (decided[i] && Number.isFinite(d) && d - a < horizon) review.push(options.schedules[r]!.businessMsBetween(a, Math.max(a, d)));
  }
  const med = (v: number[]): number => (v.length > 0 ? quantileSorted(Float64Array.from(v).sort(), 0.5) : Number.NaN);
  return { contact: med(contact), review: med(review), contacts: contact.length, reviews: review.length };
}

/**
 * Do decisions without contact wait in the rep's queue? A lead settled on sight by whoever reads it first
 * (a triage desk, an automatic check) is decided long before a rep's backlog would reach it; one a rep
 * settles when it reaches the lead waits behind the same backlog as a contact. So: queued when the median
 * business delay to such decisions is at least half the median delay to a first contact (20+ of each).
 */
export function reviewsWaitInQueue(d: ReviewDelays): boolean {
  return d.contacts >= 20 && d.reviews >= 20 && d.contact > 0 && d.review >= 0.5 * d.contact;
}

interface ReviewDelays {
  readonly contact: number;
  readonly review: number;
  readonly contacts: number;
  readonly reviews: number;
}

/**
 * Per rep: (median - 5th percentile) of idle delays / (ln 2 - ln(1/0.95)),
 * the mean of an exponential wait behind a logging lag (the difference of
 * two quantiles cancels a constant lag; the low quantiles ignore waits that
 * met a full day); pooled below 20 delays.
 */
export function pickupMeans(delays: readonly ArrayLike<number>[]): Float64Array {
  const MIN = 20;
  const q1 = (v: ArrayLike<number>): number => {
    const s = Float64Array.from(v).sort();
    return Math.max(0, quantileSorted(s, 0.5) - quantileSorted(s, 0.05)) / (Math.LN2 - Math.log(1 / 0.95));
  };
  // The pooled mean only for reps with too few delays of their own (at L the pooled sort is ~300k values a draw).
  let pooled: number | null = null;
  const pooledMean = (): number => {
    if (pooled === null) {
      const all = new Float64Array(delays.reduce((n, v) => n + v.length, 0));
      let at = 0;
      for (const v of delays) for (let j = 0; j < v.length; j++) all[at++] = v[j]!;
      pooled = all.length > 0 ? q1(all) : 0;
    }
    return pooled;
  };
  return Float64Array.from(delays, (v) => (v.length >= MIN ? q1(v) : pooledMean()));
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function medianFinite(v: Float64Array): number {
  const f = Array.from(v).filter((x) => Number.isFinite(x));
  return f.length > 0 ? quantileSorted(Float64Array.from(f).sort(), 0.5) : Number.NaN;
}
