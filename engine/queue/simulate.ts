// Each rep's queue of new MQLs over the rep's business hours, event by event
// (no per-minute stepping): O(n log n) with one binary heap per rep and one for
// timed events (rep wake-ups, escalations, reassignments).
//
// The rules, in the order a lead meets them:
// - Arrival: the MQL joins its assigned rep. With a black-hole model it is
//   ignored ("never worked") with probability sigmoid(a_rep + slope *
//   backlog / scale_rep + tierEffect): backlog = that rep's leads waiting at the
//   arrival (queued or ignored, not yet past the horizon). The draw is
//   hashUniform(seed, run, key): the same lead meets the same dice in the
//   baseline and in the scenario (common random numbers).
// - Work: a rep works only inside working days, at most `dailyCapacity` new
//   leads per working day (a fractional capacity c gives floor(c) or floor(c)+1
//   a day, the extra one with probability frac(c), drawn per rep and day), each taking `serviceMs` of business time (a contact
//   running past the day's end finishes the next working day). The rep takes
//   the most urgent lead first (lowest priority index), then the oldest MQL.
//   The first contact is logged when the rep starts on the lead. With
//   pickupMeanMs an idle rep notices new leads only at its next look at the
//   queue: looks are Poisson moments in working time, drawn per (rep, day) so
//   baseline and scenario reps look at the same moments.
// - Escalation (escalateAfterHours business hours of the assigned rep after
//   the MQL): a lead still queued moves ahead of every tier (priority -1).
// - Reassignment (reassignAfterHours): a lead still waiting, queued or ignored,
//   moves once to the eligible rep (same team, active, working) with the
//   smallest backlog, ties to the lowest rep index; it keeps its MQL time for
//   FIFO order and meets a fresh black-hole draw at the new rep. With no other
//   eligible rep it stays.
// - Horizon: a lead not contacted within horizonMs wall-clock of its MQL is
//   dropped (NaN), and stops counting in the backlog.
// - Review (ReviewModel): a quick review or a clean-up settles a lead on
//   arrival, before the black-hole draw; flags in the result, contactAt NaN.
import { WorkSchedule } from '../calendar/business-hours';
import { hashUniform } from '../stats/rng';
import { sigmoid } from '../stats/logistic';
import { KeyedHeap } from './heap';
import { NOT_COPIED, RESUME, RestartRun, type SimulationMemo } from './restart';
import { dayEndingAfterFrom, workingDays, WorkingDays } from './working-days';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const DEFAULT_HORIZON_MS = 14 * DAY_MS;
/** hashUniform streams of the per-(rep, day) draws (looks, fractional capacity). */
const STREAM_LOOKS = 0x100c5;
const STREAM_CAPACITY = 0xca9;
const STREAM_REVIEW = 0x7e71e;

export interface QueueReps {
  readonly schedules: readonly WorkSchedule[];
  /** New leads a rep can start per working day (Infinity: no limit). */
  readonly dailyCapacity: ArrayLike<number>;
  /** Business ms a rep spends per lead before the next one. */
  readonly serviceMs: ArrayLike<number>;
  /** Epoch ms; NaN = open. Inactive reps take no reassigned leads (routing decides first assignment). */
  readonly activeFrom?: ArrayLike<number>;
  readonly activeTo?: ArrayLike<number>;
  /** Reps may take each other's leads on reassignment only within a team; default one team. */
  readonly team?: ArrayLike<number>;
  /**
   * Mean business ms between an idle rep's looks at the queue (Poisson moments
   * per working day); 0 or absent: the rep starts the moment a lead arrives.
   * A rep already working through leads takes the next one without a look.
   */
  readonly pickupMeanMs?: ArrayLike<number>;
  /**
   * Leads a rep may start in a day for first-tier (priority <= 0) leads, when
   * that exceeds dailyCapacity: reps squeeze hot leads in after the day's
   * quota. Absent: dailyCapacity for every tier.
   */
  readonly urgentCapacity?: ArrayLike<number>;
}

export interface QueueMqls {
  /** MQL instants, epoch ms, ascending. */
  readonly arrival: Float64Array;
  /** Assigned rep index (-1: unassigned, never contacted). */
  readonly rep: Int32Array;
  /** Tier index; lower is more urgent. */
  readonly priority: Int32Array;
  /** Stable id of the lead (e.g. its row in the leads table) for common random numbers. */
  readonly key: ArrayLike<number>;
}

/**
 * Leads sales settles without outreach: they never take a rep's time nor wait
 * in the backlog. Kinds, told apart in history by when the decision came
 * (queue/estimate.ts), reported in the result's flags:
 * - a quick review (duplicates, misfits: decided within the black-hole window
 *   of assignment): FLAG_REVIEWED, not a black hole;
 * - a clean-up (nobody contacted it; decided days later): FLAG_REVIEWED |
 *   FLAG_DECIDED_LATE, a black hole by the metric, and with FLAG_UNWORKED
 *   when the decision came only after the worked horizon.
 * Chances per tier index (missing entries: the last), one uniform per lead.
 */
export interface ReviewModel {
  /** Chance a lead is settled by a quick review. */
  readonly skipByTier: ArrayLike<number>;
  /** Chance a lead is settled by a clean-up within the worked horizon; absent: none. */
  readonly lateByTier?: ArrayLike<number>;
  /** Chance a lead is settled by a clean-up only after the worked horizon; absent: none. */
  readonly unworkedByTier?: ArrayLike<number>;
  /**
   * Chance a lead is one its rep settles without contact on reaching it (queue/estimate.ts reviewsQueued):
   * it waits and takes a start like any lead, and at that start is FLAG_REVIEWED (contactAt keeps the
   * start), with FLAG_DECIDED_LATE when the start came more than windowMs after its MQL. Absent: none.
   */
  readonly queuedByTier?: ArrayLike<number>;
  /** The black-hole window for queued reviews; default 24 h. */
  readonly windowMs?: number;
  /**
   * Per MQL row, what history knows of the lead (KNOWN_*; -1: draw it): a lead history saw contacted is
   * no review, one history saw settled is that kind of review. Lets the simulation settle the leads
   * history settled rather than others (the forecast moves each lead's own history).
   */
  readonly known?: ArrayLike<number>;
}

/** ReviewModel.known: not a review (contacted, or lost by the queue), a queued review, a quick review, a clean-up, a clean-up after the worked horizon. */
export const KNOWN_NONE = 0;
export const KNOWN_QUEUED = 1;
export const KNOWN_QUICK = 2;
export const KNOWN_LATE = 3;
export const KNOWN_UNWORKED = 4;

export interface BlackHoleModel {
  /** Log-odds of being ignored at zero backlog, per rep. */
  readonly intercept: ArrayLike<number>;
  /** Change in log-odds per unit of backlog / backlogScale. */
  readonly slope: number;
  /** Per rep: backlog is measured in units of this (the rep's daily capacity: "days of work waiting"). */
  readonly backlogScale: ArrayLike<number>;
  /** Log-odds shift per tier index (missing entries: 0). */
  readonly tierEffect: ArrayLike<number>;
  /**
   * Backlog (in backlogScale units) beyond which the curve stays flat: the
   * highest backlog history showed. A logistic fitted there says nothing
   * about longer queues, and extrapolating it sends every lead to a black hole.
   */
  readonly maxBacklog?: number;
  /**
   * true: the backlog counts only leads the rep still means to work (queued);
   * a lead ignored on arrival leaves it at once. false (default): ignored
   * leads count until the horizon. Must match how the curve was estimated.
   */
  readonly queuedOnly?: boolean;
}

export interface QueueOptions {
  readonly seed?: number;
  readonly run?: number;
  readonly horizonMs?: number;
  readonly escalateAfterHours?: number | null;
  readonly reassignAfterHours?: number | null;
  /** The scenario's sla.business_hours: SLA clocks count the assigned rep's working hours (default) or wall-clock hours. */
  readonly slaBusinessHours?: boolean;
  readonly blackHoles?: BlackHoleModel | null;
  readonly review?: ReviewModel | null;
  /**
   * Restart from the memo's previous run where this run's MQLs and state match it (restart.ts), and
   * record this run there. Used only without escalation and reassignment (reps then do not interact);
   * the results are the same as a full run's.
   */
  readonly restart?: SimulationMemo | null;
}

export const FLAG_IGNORED = 1;
export const FLAG_REASSIGNED = 2;
export const FLAG_ESCALATED = 4;
export const FLAG_DROPPED = 8;
/** Settled by review without contact (ReviewModel): never queued, never contacted, decided. */
export const FLAG_REVIEWED = 16;
/** With FLAG_REVIEWED: the decision came after the black-hole window (a clean-up): a black hole. */
export const FLAG_DECIDED_LATE = 32;
/** With FLAG_DECIDED_LATE: the decision came only after the worked horizon (ReviewModel.unworkedByTier): not worked. */
export const FLAG_UNWORKED = 64;

export interface QueueResult {
  /** First contact, epoch ms; NaN when never contacted. */
  readonly contactAt: Float64Array;
  /** The rep who contacted the lead, or held it last (-1 unassigned). */
  readonly finalRep: Int32Array;
  /** FLAG_* bits: ignored at some point, reassigned, escalated, dropped at the horizon, settled by review (quick or late). */
  readonly flags: Uint8Array;
  /** Chance the lead was ignored on arrival at its first rep (0 without a black-hole model). */
  readonly ignoreP: Float64Array;
}

// Lead states.
// 0: not yet arrived
const QUEUED = 1;
const IGNORED = 2;
const DONE = 3;
const DROPPED = 4;

// Timed event kinds, in the order they run at the same instant.
const EV_ESCALATE = 0;
const EV_REASSIGN = 1;
const EV_WAKE = 2;

export function simulateQueues(reps: QueueReps, mqls: QueueMqls, options: QueueOptions = {}): QueueResult {
  const sim = queueSimulation(reps, mqls, options);
  // A small-integer budget keeps the loop counter a small integer; no simulation has 2^30 steps.
  while (!sim.advance(2 ** 30));
  return sim.result;
}

/** A simulation run in slices of events (the interval runs yield between slices); `result` is whole once advance returns true. */
export interface QueueSimulation {
  /** Runs up to `budget` more steps (arrivals, expiries, timed events); true when the simulation is over. */
  advance(budget: number): boolean;
  readonly result: QueueResult;
}

/** simulateQueues, resumable: the same events in the same order whatever the slices. */
export function queueSimulation(reps: QueueReps, mqls: QueueMqls, options: QueueOptions = {}): QueueSimulation {
  const n = mqls.arrival.length;
  const nr = reps.schedules.length;
  const seed = options.seed ?? 1;
  const run = options.run ?? 0;
  const horizon = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const bh = options.blackHoles ?? null;
  const escalateH = options.escalateAfterHours ?? null;
  const reassignH = options.reassignAfterHours ?? null;
  const wallSla = options.slaBusinessHours === false;
  const escalateMs = escalateH === null ? null : Math.round(escalateH * HOUR_MS);
  const reassignMs = reassignH === null ? null : Math.round(reassignH * HOUR_MS);
  const arrival = mqls.arrival;
  for (let i = 1; i < n; i++) if (!(arrival[i]! >= arrival[i - 1]!)) throw new RangeError(`MQL arrivals must be ascending (row ${i})`);

  const contactAt = new Float64Array(n).fill(Number.NaN);
  const finalRep = Int32Array.from(mqls.rep);
  const flags = new Uint8Array(n);
  const ignoreP = new Float64Array(n);
  const result: QueueResult = { contactAt, finalRep, flags, ignoreP };
  const memo = options.restart ?? null;
  if (memo !== null && (n === 0 || escalateMs !== null || reassignMs !== null)) memo.last = null;
  if (n === 0) return { advance: () => true, result };

  // Working days per distinct schedule, over the span the simulation can reach (kept across calls per span).
  const from = arrival[0]!;
  const to = arrival[n - 1]! + horizon + 7 * DAY_MS;
  const days: WorkingDays[] = reps.schedules.map((s) => workingDaysOver(s, from, to));

  // Per-lead state. prio is mutable (escalation); entries in rep heaps are lead ids with a version check.
  const state = new Uint8Array(n);
  const prio = Int32Array.from(mqls.priority);
  const holder = Int32Array.from(mqls.rep);
  const version = new Int32Array(n); // bumped when a lead's heap entry goes stale
  const draws = new Uint8Array(n);
  const counted = new Uint8Array(n); // 1 while the lead counts in its holder's backlog
  const queuedReview = new Uint8Array(n); // 1: settled without contact when its rep reaches it (ReviewModel.queuedByTier)
  const reviewWindowMs = options.review?.windowMs ?? 24 * HOUR_MS;

  // Per-rep state.
  const freeAt = new Float64Array(nr).fill(Number.NEGATIVE_INFINITY);
  const countDay = new Int32Array(nr).fill(-1);
  const countToday = new Float64Array(nr);
  const waiting = new Int32Array(nr); // queued + ignored, the backlog
  // Day-table cursors: one for the rep's own clock, one for arrival-time deadlines (both only move forward).
  const workHint = new Int32Array(nr);
  const arrivalHint = new Int32Array(nr);
  const wakePending = new Uint8Array(nr);
  // Wake events of the rep in the event heap: a superseded wake (see place) stays there with wakePending 0 and still serves the queue when it fires.
  const wakeEvents = new Int32Array(nr);
  const capacity = Float64Array.from({ length: nr }, (_, r) => {
    const c = reps.dailyCapacity[r]!;
    return c > 0 ? c : 0;
  });
  const urgentCap = Float64Array.from({ length: nr }, (_, r) => {
    const u = reps.urgentCapacity ? reps.urgentCapacity[r]! : 0;
    return Number.isFinite(u) && u > capacity[r]! ? u : capacity[r]!;
  });
  // The day's limit that applies to rep r's next lead: the urgent one while its most urgent waiting lead is first-tier.
  const urgentNext = new Uint8Array(nr);
  /** Whole leads rep r may start on working day d: floor(c), plus one with probability frac(c). */
  const capOn = (r: number, d: number): number => {
    const c = urgentNext[r] ? urgentCap[r]! : capacity[r]!;
    if (c === Number.POSITIVE_INFINITY) return c;
    const f = Math.floor(c);
    return f + (c > f && hashUniform(seed, STREAM_CAPACITY ^ run, r, d) < c - f ? 1 : 0);
  };
  const pickup = Float64Array.from({ length: nr }, (_, r) => {
    const v = reps.pickupMeanMs ? reps.pickupMeanMs[r]! : 0;
    return Number.isFinite(v) && v > 0 ? v : 0;
  });
  const restart =
    memo !== null && escalateMs === null && reassignMs === null
      ? new RestartRun(
          memo,
          { values: runSignature(seed, run, horizon, capacity, urgentCap, reps.serviceMs, pickup, bh, options.review ?? null), tables: days },
          { arrival, rep: mqls.rep, priority: mqls.priority, key: mqls.key, known: options.review?.known },
          { contactAt, flags, ignoreP },
        )
      : null;
  const skip = restart !== null ? restart.skip : null;
  // Each rep's looks per working day, generated on demand; with run 0 (the expected-value path) kept
  // across calls per working-day table, so a slider drag draws them once.
  const lookTables = Array.from({ length: nr }, (_, r) => looksOf(days[r]!, seed, run, r, pickup[r]!));
  /** First look of rep r at or after t (Infinity: none within the table). */
  const nextLook = (r: number, t: number): number => {
    const dd = days[r]!;
    const table = lookTables[r]!;
    let d = dayEndingAfterFrom(dd, t, workHint[r]!);
    for (; d < dd.starts.length; d++) {
      const list = (table[d] ??= dayLooks(dd, d, seed, run, r, pickup[r]!));
      // First look >= t (the list ascends).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]! >= t) hi = mid;
        else lo = mid + 1;
      }
      if (lo < list.length) return list[lo]!;
    }
    return Number.POSITIVE_INFINITY;
  };

  // Rep heaps hold entry ids; entry -> (lead, version at push, priority at push). A lead gets at most
  // one entry per placement (arrival, reassignment) and one per escalation, so the arrays never grow
  // (without escalation and reassignment, the forecast's case, one per lead).
  const maxEntries = (1 + (escalateMs !== null ? 1 : 0) + (reassignMs !== null ? 1 : 0)) * n + 16;
  const entLead = new Int32Array(maxEntries);
  const entVersion = new Int32Array(maxEntries);
  // Heap key: priority first, then MQL time (relative to the first, so the sum stays an exact integer).
  const entKey = new Float64Array(maxEntries);
  let entCount = 0;
  const PRIO_STRIDE = 2 ** 42; // ~139 years of milliseconds
  const queues = Array.from({ length: nr }, () => new KeyedHeap(entKey, entLead, 64));
  const pushEntry = (r: number, lead: number): void => {
    entLead[entCount] = lead;
    entVersion[entCount] = version[lead]!;
    // The key is a snapshot: escalation pushes a new entry rather than reordering a live heap.
    entKey[entCount] = (Math.max(-1, prio[lead]!) + 1) * PRIO_STRIDE + (arrival[lead]! - arrival[0]!);
    queues[r]!.push(entCount++);
  };

  // Timed events, with ids recycled through a free list: at most two SLA events per lead in flight
  // plus one wake per rep exist at once.
  const maxEvents = 2 * n + nr + 16;
  const evTime = new Float64Array(maxEvents);
  const evKind = new Uint8Array(maxEvents);
  const evData = new Int32Array(maxEvents);
  const freeIds = new Int32Array(maxEvents);
  let freeCount = 0;
  let evCount = 0;
  // Event key: time * 4 + kind (exact below 2^51 ms), so same-instant events run escalate, reassign, wake.
  const evKey = new Float64Array(maxEvents);
  const events = new KeyedHeap(evKey, evData, 1024);
  const schedule = (t: number, kind: number, data: number): void => {
    if (!Number.isFinite(t)) return;
    const id = freeCount > 0 ? freeIds[--freeCount]! : evCount++;
    evTime[id] = t;
    evKind[id] = kind;
    evKey[id] = t * 4 + kind;
    evData[id] = data;
    events.push(id);
  };

  /** Earliest instant >= t at which rep r can start a new lead (Infinity: never). */
  const earliestStart = (r: number, t: number): number => {
    const dd = days[r]!;
    let when = Math.max(t, freeAt[r]!);
    let d = dayEndingAfterFrom(dd, when, workHint[r]!);
    workHint[r] = d;
    for (;;) {
      if (d >= dd.starts.length || capacity[r] === 0) return Number.POSITIVE_INFINITY;
      if (d === countDay[r] && countToday[r]! >= capOn(r, d)) {
        d++;
        continue;
      }
      when = Math.max(when, dd.starts[d]!);
      return when;
    }
  };

  /** Business time: the instant `ms` of working time after `t` (t inside or before a working day). */
  const addWork = (r: number, t: number, ms: number, hints: Int32Array): number => {
    const dd = days[r]!;
    let d = dayEndingAfterFrom(dd, t, hints[r]!);
    hints[r] = d;
    let cur = t;
    let left = ms;
    while (d < dd.starts.length) {
      cur = Math.max(cur, dd.starts[d]!);
      const room = dd.ends[d]! - cur;
      if (left <= room) return cur + left;
      left -= room;
      d++;
    }
    return Number.POSITIVE_INFINITY;
  };

  /** Schedules rep r's next start at or after t; `look`: an idle rep first has to notice the queue. */
  /** 1 when rep r's most urgent live queued lead is first-tier (or escalated). */
  const topUrgent = (r: number): number => {
    if (urgentCap[r] === capacity[r]) return 0;
    const q = queues[r]!;
    while (q.size > 0) {
      const e = q.peek();
      const lead = entLead[e]!;
      if (entVersion[e] !== version[lead] || state[lead] !== QUEUED || holder[lead] !== r) {
        q.pop(); // stale: drop it now
        continue;
      }
      return prio[lead]! <= 0 ? 1 : 0;
    }
    return 0;
  };

  const wake = (r: number, t: number, look = true): void => {
    if (wakePending[r]) return;
    urgentNext[r] = topUrgent(r);
    let w = earliestStart(r, t);
    if (look && pickup[r]! > 0 && !(freeAt[r]! > t)) {
      // Idle: the next look at or after the earliest start, on a day with room left.
      for (let guard = 0; Number.isFinite(w) && guard < 1000; guard++) {
        const l = nextLook(r, w);
        const w2 = earliestStart(r, l);
        if (w2 === l) {
          w = l;
          break;
        }
        w = w2;
      }
    }
    if (Number.isFinite(w)) {
      wakePending[r] = 1;
      wakeEvents[r] = wakeEvents[r]! + 1;
      schedule(w, EV_WAKE, r);
    }
  };

  // Reassignment candidates: team members that ever work, with their active spans.
  const actFrom = Float64Array.from({ length: nr }, (_, r) => (reps.activeFrom ? reps.activeFrom[r]! : Number.NaN));
  const actTo = Float64Array.from({ length: nr }, (_, r) => (reps.activeTo ? reps.activeTo[r]! : Number.NaN));
  const teamOf = Int32Array.from({ length: nr }, (_, r) => (reps.team ? reps.team[r]! : 0));
  const teams = new Map<number, number[]>();
  for (let r = 0; r < nr; r++) {
    if (days[r]!.starts.length === 0 || capacity[r] === 0) continue;
    const list = teams.get(teamOf[r]!) ?? [];
    list.push(r);
    teams.set(teamOf[r]!, list);
  }
  const teamMembers = Array.from({ length: nr }, (_, r) => Int32Array.from(teams.get(teamOf[r]!) ?? []));

  /** Puts a lead with rep r at time t: the black-hole draw, then the queue. */
  const place = (lead: number, r: number, t: number): void => {
    holder[lead] = r;
    finalRep[lead] = r;
    let ignored = false;
    if (bh) {
      const scale = bh.backlogScale[r]!;
      const x = Math.min(scale > 0 ? waiting[r]! / scale : waiting[r]!, bh.maxBacklog ?? Number.POSITIVE_INFINITY);
      const p = sigmoid(bh.intercept[r]! + bh.slope * x + (bh.tierEffect[mqls.priority[lead]!] ?? 0));
      if (draws[lead] === 0) ignoreP[lead] = p;
      ignored = hashUniform(seed, run, mqls.key[lead]!, draws[lead]!) < p;
      draws[lead] = draws[lead]! + 1;
    }
    if (!(ignored && bh?.queuedOnly)) {
      waiting[r] = waiting[r]! + 1;
      counted[lead] = 1;
    }
    if (ignored) {
      state[lead] = IGNORED;
      flags[lead] = flags[lead]! | FLAG_IGNORED;
    } else {
      state[lead] = QUEUED;
      pushEntry(r, lead);
      // A first-tier lead may fit today's urgent room although the rep's next start waits for tomorrow:
      // plan again (a superseded wake that fires later only re-checks the start).
      if (wakePending[r] && !urgentNext[r] && urgentCap[r] !== capacity[r] && prio[lead]! <= 0) wakePending[r] = 0;
      wake(r, t);
    }
  };

  const leave = (lead: number): void => {
    const r = holder[lead]!;
    if (counted[lead]) waiting[r] = waiting[r]! - 1;
    counted[lead] = 0;
    version[lead] = version[lead]! + 1; // any heap entry of the lead is now stale
  };

  // The cursors live in advance()'s locals while it runs (registers, not the closure's context).
  let arrivalCursor = 0;
  let expiryCursor = 0;
  let over = false;
  const advance = (budget: number): boolean => {
    if (over) return true;
    // What only the loop reads, as locals: read from the closure's context, a double would be unboxed at every use.
    const loopN = n;
    const loopNr = nr;
    const loopHorizon = horizon;
    const loopEscalateMs = escalateMs;
    const loopReassignMs = reassignMs;
    const loopWallSla = wallSla;
    const loopReviewWindowMs = reviewWindowMs;
    const loopTeamMembers = teamMembers;
    const loopActFrom = actFrom;
    const loopActTo = actTo;
    let nextArrival = arrivalCursor;
    let nextExpiry = expiryCursor;
    for (let left = budget; ; left--) {
      if (left <= 0) {
        arrivalCursor = nextArrival;
        expiryCursor = nextExpiry;
        return false;
      }
      const tArr = nextArrival < loopN ? arrival[nextArrival]! : Number.POSITIVE_INFINITY;
      const tExp = nextExpiry < nextArrival ? arrival[nextExpiry]! + loopHorizon : Number.POSITIVE_INFINITY;
      const top = events.peek();
      const tEv = top >= 0 ? evTime[top]! : Number.POSITIVE_INFINITY;
      if (tExp === Number.POSITIVE_INFINITY && tArr === Number.POSITIVE_INFINITY && tEv === Number.POSITIVE_INFINITY) break;
      // Same instant: expiries, then arrivals, then timed events.
      if (tExp <= tArr && tExp <= tEv) {
        const lead = nextExpiry++;
        if (state[lead] === QUEUED || state[lead] === IGNORED) {
          leave(lead);
          state[lead] = DROPPED;
          flags[lead] = flags[lead]! | FLAG_DROPPED;
        }
        continue;
      }
      if (tArr <= tEv) {
        const lead = nextArrival++;
        if (skip !== null && skip[lead]) continue; // copied from the previous run (restart.ts); its state stays 'not arrived', so its expiry passes it by
        const r = mqls.rep[lead]!;
        if (r < 0 || r >= loopNr) {
          state[lead] = DROPPED; // unassigned: never contacted
          continue;
        }
        if (restart !== null) {
          if (waiting[r] === 0 && wakeEvents[r] === 0 && queues[r]!.size === 0) {
            // Quiet: the state in restart.ts's normal form (a past freeAt, a finished day's count: none).
            const today = dayEndingAfterFrom(days[r]!, tArr, workHint[r]!);
            const counts = countDay[r]! >= today;
            const got = restart.quietAt(lead, freeAt[r]! > tArr ? freeAt[r]! : Number.NEGATIVE_INFINITY, counts ? countDay[r]! : -1, counts ? countToday[r]! : 0);
            if (got !== NOT_COPIED) {
              if (got === RESUME) {
                freeAt[r] = restart.resumeFree;
                countDay[r] = restart.resumeDay;
                countToday[r] = restart.resumeCount;
              }
              continue;
            }
          }
          restart.simulatedRow();
        }
        const rv = options.review;
        if (rv && rv.skipByTier.length > 0) {
          const pr = Math.min(Math.max(0, mqls.priority[lead]!), rv.skipByTier.length - 1);
          const quick = rv.skipByTier[pr]!;
          const late = quick + tierShare(rv.lateByTier, pr);
          // One uniform: [0, quick) a quick review, [quick, late) a clean-up, [late, late + unworked) a clean-up after the worked horizon.
          const unworked = late + tierShare(rv.unworkedByTier, pr);
          const known = rv.known ? rv.known[lead]! : -1;
          let kind = known;
          if (kind < 0) {
            const u = hashUniform(seed, STREAM_REVIEW ^ run, mqls.key[lead]!);
            // [unworked, unworked + queued share of the leads left): settled when its rep reaches it.
            kind = u < quick ? KNOWN_QUICK : u < late ? KNOWN_LATE : u < unworked ? KNOWN_UNWORKED : u < unworked + tierShare(rv.queuedByTier, pr) * (1 - unworked) ? KNOWN_QUEUED : KNOWN_NONE;
          }
          if (kind >= KNOWN_QUICK) {
            state[lead] = DONE; // settled by review: no contact, no load
            flags[lead] = flags[lead]! | FLAG_REVIEWED | (kind >= KNOWN_LATE ? FLAG_DECIDED_LATE : 0) | (kind === KNOWN_UNWORKED ? FLAG_UNWORKED : 0);
            continue;
          }
          if (kind === KNOWN_QUEUED) queuedReview[lead] = 1;
        }
        place(lead, r, tArr);
        // Deadlines in the assigned rep's business hours (its working-day table: same answer as
        // WorkSchedule.addBusinessMs, without its per-call setup).
        if (loopEscalateMs !== null) schedule(loopWallSla ? tArr + loopEscalateMs : addWork(r, tArr, loopEscalateMs, arrivalHint), EV_ESCALATE, lead);
        if (loopReassignMs !== null) schedule(loopWallSla ? tArr + loopReassignMs : addWork(r, tArr, loopReassignMs, arrivalHint), EV_REASSIGN, lead);
        continue;
      }
      events.pop();
      const kind = evKind[top]!;
      const data = evData[top]!;
      freeIds[freeCount++] = top;
      if (kind === EV_WAKE) {
        const r = data;
        wakePending[r] = 0;
        wakeEvents[r] = wakeEvents[r]! - 1;
        const q = queues[r]!;
        while (q.size > 0) {
          const e = q.pop();
          const lead = entLead[e]!;
          if (entVersion[e] !== version[lead] || state[lead] !== QUEUED || holder[lead] !== r) continue; // stale
          // The rep may have been woken for a day that turned out full: re-check the start.
          urgentNext[r] = urgentCap[r] !== capacity[r] && prio[lead]! <= 0 ? 1 : 0;
          const start = earliestStart(r, tEv);
          if (start > tEv) {
            q.push(e);
            wake(r, start); // a new day: the rep looks at the queue again
            break;
          }
          contactAt[lead] = tEv;
          if (queuedReview[lead]) flags[lead] = flags[lead]! | FLAG_REVIEWED | (tEv - arrival[lead]! > loopReviewWindowMs ? FLAG_DECIDED_LATE : 0);
          state[lead] = DONE;
          waiting[r] = waiting[r]! - 1;
          counted[lead] = 0;
          const d = dayEndingAfterFrom(days[r]!, tEv, workHint[r]!);
          if (countDay[r] !== d) {
            countDay[r] = d;
            countToday[r] = 0;
          }
          countToday[r] = countToday[r]! + 1;
          freeAt[r] = addWork(r, tEv, reps.serviceMs[r]!, workHint);
          if (q.size > 0) wake(r, freeAt[r]!, false); // working through the queue: no look needed
          break;
        }
        continue;
      }
      const lead = data;
      if (kind === EV_ESCALATE) {
        if (state[lead] === QUEUED) {
          version[lead] = version[lead]! + 1;
          prio[lead] = -1;
          flags[lead] = flags[lead]! | FLAG_ESCALATED;
          pushEntry(holder[lead]!, lead);
        }
        continue;
      }
      // EV_REASSIGN
      if (state[lead] !== QUEUED && state[lead] !== IGNORED) continue;
      if (flags[lead]! & FLAG_REASSIGNED) continue;
      const cur = holder[lead]!;
      const members = loopTeamMembers[cur]!;
      let best = -1;
      for (let k = 0; k < members.length; k++) {
        const r = members[k]!;
        if (r === cur || tEv < loopActFrom[r]! || tEv > loopActTo[r]!) continue;
        if (best < 0 || waiting[r]! < waiting[best]!) best = r;
      }
      if (best < 0) continue;
      leave(lead);
      flags[lead] = flags[lead]! | FLAG_REASSIGNED;
      place(lead, best, tEv);
    }
    if (restart !== null) restart.finish();
    over = true;
    return true;
  };
  return { advance, result };
}

/** restart.ts RunSignature values: every parameter of a run besides the MQLs and the working-day tables. */
function runSignature(
  seed: number,
  run: number,
  horizon: number,
  capacity: Float64Array,
  urgentCap: Float64Array,
  serviceMs: ArrayLike<number>,
  pickup: Float64Array,
  bh: BlackHoleModel | null,
  review: ReviewModel | null,
): Float64Array {
  const v: number[] = [seed, run, horizon, capacity.length, ...capacity, ...urgentCap, ...Array.from(serviceMs), ...pickup];
  const list = (a: ArrayLike<number> | undefined): void => {
    if (a === undefined) v.push(-1);
    else v.push(a.length, ...Array.from(a));
  };
  if (bh === null) v.push(0);
  else {
    v.push(1, bh.slope, bh.maxBacklog ?? Number.POSITIVE_INFINITY, bh.queuedOnly ? 1 : 0);
    list(bh.intercept);
    list(bh.backlogScale);
    list(bh.tierEffect);
  }
  if (review === null) v.push(0);
  else {
    v.push(1, review.windowMs ?? 24 * HOUR_MS);
    list(review.skipByTier);
    list(review.lateByTier);
    list(review.unworkedByTier);
    list(review.queuedByTier);
  }
  return Float64Array.from(v);
}

/** A review share of tier rank pr (missing entries: the last; absent: 0). Module-level: a closure made per arrival cost a name wrapper per lead. */
function tierShare(v: ArrayLike<number> | undefined, pr: number): number {
  return v && v.length > 0 ? v[Math.min(pr, v.length - 1)]! : 0;
}

/** Working-day tables per schedule and span (a few spans each): the baseline and a session's scenarios mostly simulate over the same span. */
const workingDaysCache = new WeakMap<WorkSchedule, { from: number; to: number; days: WorkingDays }[]>();
function workingDaysOver(s: WorkSchedule, from: number, to: number): WorkingDays {
  let list = workingDaysCache.get(s);
  if (!list) workingDaysCache.set(s, (list = []));
  const hit = list.find((c) => c.from === from && c.to === to);
  if (hit) return hit.days;
  const days = workingDays(s, from, to);
  list.unshift({ from, to, days });
  if (list.length > 4) list.pop();
  return days;
}

/** Run 0's looks per working-day table and (seed, rep, pickup mean): one list per day, filled as days are reached. */
const lookCache = new WeakMap<WorkingDays, Map<string, (Float64Array | undefined)[]>>();
function looksOf(days: WorkingDays, seed: number, run: number, r: number, pickupMs: number): (Float64Array | undefined)[] {
  if (run !== 0) return [];
  let byKey = lookCache.get(days);
  if (!byKey) lookCache.set(days, (byKey = new Map()));
  const key = `${seed}|${r}|${pickupMs}`;
  let table = byKey.get(key);
  if (!table) byKey.set(key, (table = []));
  return table;
}

/** Rep r's looks on working day d: Poisson moments (mean gap pickupMs) from the day's start, drawn per (rep, day). */
function dayLooks(days: WorkingDays, d: number, seed: number, run: number, r: number, pickupMs: number): Float64Array {
  const start = days.starts[d]!;
  const end = days.ends[d]!;
  let at = start;
  let n = 0;
  for (let k = 0; ; k++) {
    at += -Math.log(hashUniform(seed, STREAM_LOOKS ^ run, r, d * 4096 + k)) * pickupMs;
    if (at >= end || k > 4000) break;
    lookScratch[n++] = at;
  }
  return lookScratch.slice(0, n);
}
/** dayLooks' list before it is copied out (a JS array per rep and day cost ~40% of the looks' time). */
const lookScratch = new Float64Array(4002);
