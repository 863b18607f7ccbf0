// First-contact times under a scenario that keep each MQL's observed history
// where the scenario does not change it.
//
// For an MQL under both policies the observed time is adjusted, not replaced:
// its observed delay (business ms on the rep's schedule) is shifted by the
// simulated change in delay, scenario minus baseline, both simulated with the
// same seed and the same per-lead draws (common random numbers), then laid
// from the scenario MQL time on the scenario rep's schedule. When the scenario
// equals the baseline the simulations agree and the observed time comes back
// unchanged (even one logged outside working hours). A shift is used rather
// than a quantile map because it keeps the identity exact per lead and needs
// no distribution estimate per rep.
//
// Never-contacted cases:
//   observed  baseline  scenario  -> result
//   any       any       NaN       -> NaN if baseline was contacted (the scenario loses it), else observed
//   NaN       NaN       t         -> t (the scenario rescues a lead the baseline also lost)
//   NaN       t         t'        -> NaN (history's black hole was not the queue's doing), except:
//     with `rescue`, an undecided lead history lost was ignored with the
//     baseline's chance pB; given that, the scenario (chance pS < pB) still
//     ignores it with chance pS / pB, so it is rescued (scenario time t')
//     when a per-lead uniform u has u >= pS / pB: a queue that empties rescues
//     its share of history's black holes, as one that fills loses its share.
//   t         NaN       t'        -> t (no simulated change to apply)
// MQLs only under the scenario (inHistory = 0) take the scenario's simulated time.
import { WorkSchedule } from '../calendar/business-hours';
import { logit, sigmoid } from '../stats/logistic';
import { stableOrderByValue } from '../forecast/radix-order';
import { GrowOnlyColumns } from '../forecast/scratch-capacity';

export interface ContactTimeline {
  /** MQL instant, epoch ms. */
  readonly arrival: Float64Array;
  /** First contact, epoch ms; NaN none. */
  readonly contact: Float64Array;
  /** Rep index into the schedules; -1 unknown (the fallback schedule is used). */
  readonly rep: Int32Array;
  /** Simulated chance of being ignored on arrival (simulate.ts ignoreP); baseline and scenario only. */
  readonly ignoreP?: Float64Array;
  /** 1: the simulation ignored the lead and never contacted it (not a horizon drop); baseline and scenario only. */
  readonly ignored?: Uint8Array;
}

export interface RescueOptions {
  /** 1 = history logged a decision for the MQL (lost to review, not to the queue: never rescued). */
  readonly decided: Uint8Array;
  /** Per-row uniform on (0, 1), fixed per lead (common random numbers across scenarios). */
  readonly uniform: Float64Array;
  /**
   * Per row: the estimated black-hole curve's chance at the lead's historical
   * arrival (its historical backlog); NaN unknown. With it, history's
   * black holes and contacts are kept or flipped by the simulated change in
   * the chance (see counterfactualContactTimes), and the simulations' own
   * ignore draws do not move shared leads.
   */
  readonly pHist?: Float64Array;
}

export interface CounterfactualOptions {
  readonly schedules: readonly WorkSchedule[];
  readonly fallback: WorkSchedule;
  /** 1 = the MQL is also a historical MQL (observed timeline valid); default all 1. */
  readonly inHistory?: Uint8Array;
  readonly out?: Float64Array;
  readonly rescue?: RescueOptions;
  /**
   * Group per row (e.g. the scenario's tier rank; -1 none) for rank-matched
   * shifts: within a group of at least RANK_MATCH_MIN rows contacted in all
   * three timelines, the row with the k-th shortest observed delay takes the
   * change from the baseline's k-th shortest simulated delay to the
   * scenario's k-th, instead of its own simulated change. Why: the simulation
   * cannot know WHICH leads waited in history (its looks and draws are its
   * own), so a lead history kept waiting overnight may be fast in the
   * simulated baseline and see no change of its own when the scenario clears
   * the queue; matching by rank gives history's slow leads the simulation's
   * change for slow leads. The change is added in business time, not read
   * through the quantiles of history's delays: a longer queue adds waiting
   * (backlog over throughput), and a scenario that pushes most waits past the
   * baseline's tail would otherwise be squeezed into history's shorter tail
   * (tried: on S seeds 1/2 and the shipped sample it halved the hours'
   * response; README "Accuracy"). Same simulations give the same sorted
   * delays: the identity holds.
   *
   * Within a group, rows are matched only among rows that arrived at the same
   * point of their working day (timeOfDayBand: outside working time, or the
   * working time left that day): whether a longer wait crosses the day's end,
   * a jump of some 16 wall-clock hours for a little business time, depends on
   * how much of the day was left at arrival. Matched across the whole tier, a
   * lead history contacted mid-morning took the change of a simulated lead
   * that arrived late in the afternoon and waited overnight: the business
   * time was carried over but not the night, and the wall-clock hours and
   * black holes answered load too weakly (S seed 1, threshold -7: median
   * hours 4.0 against the truth's 6.0; README "Accuracy"). A band with fewer
   * than RANK_MATCH_MIN rows is matched with its tier's other small bands.
   */
  readonly rankGroup?: Int32Array;
  /**
   * Multiplier on every simulated change in delay and on new MQLs' simulated
   * delays (an interval run's draw of how strongly the queue responds); 1 = as simulated.
   */
  readonly deltaScale?: number;
  /**
   * Per row, when the caller keeps them: history's delay (business ms on the
   * observed rep's schedule, as below) and the simulated baseline's (on
   * schedules[baseline rep]); NaN: computed here. The same numbers, looked up
   * rather than recomputed on every slider move.
   */
  readonly knownDelays?: {
    readonly observed: Float64Array;
    readonly baseline: Float64Array;
    /** Per row: timeOfDayBand of the scenario's arrival on the scenario rep's schedule; -1 (or absent): computed here. */
    readonly band?: Int8Array;
  };
}

/** Fewer rows than this in a group: each row keeps its own simulated change. */
export const RANK_MATCH_MIN = 30;

/** Time-of-day bands per rank group (timeOfDayBand 0..4, and TOD_MERGED for a tier's small bands). */
const TOD_BANDS = 6;
const TOD_MERGED = 5;

/**
 * Where in its working day a lead arrived, from the working ms left in the
 * day at arrival: 0 outside working time (it waits for the next day's
 * start), then up to 1, 2 and 4 hours left, and more. The bands double: what
 * matters is whether the backlog ahead of the lead outlasts the day, and a
 * backlog is hours of work at most reps' few leads a day.
 */
export function timeOfDayBand(workLeftMs: number): number {
  const h = workLeftMs / 3_600_000;
  return h <= 0 ? 0 : h <= 1 ? 1 : h <= 2 ? 2 : h <= 4 ? 3 : 4;
}

export function counterfactualContactTimes(
  observed: ContactTimeline,
  baseline: ContactTimeline,
  scenario: ContactTimeline,
  options: CounterfactualOptions,
): Float64Array {
  const n = scenario.arrival.length;
  const out = options.out ?? new Float64Array(n);
  const rescue = options.rescue;
  const pB = baseline.ignoreP;
  const pS = scenario.ignoreP;
  const rescued = (i: number): boolean => {
    if (!rescue || !pB || !pS || rescue.decided[i]) return false;
    const b = pB[i]!;
    return b > pS[i]! && rescue.uniform[i]! * b >= pS[i]!;
  };
  const sched = (r: number): WorkSchedule => (r >= 0 && r < options.schedules.length ? options.schedules[r]! : options.fallback);
  const scale = options.deltaScale ?? 1;
  const matched = options.rankGroup ? rankMatchedDeltas(observed, baseline, scenario, options, sched) : null;
  const known = options.knownDelays;
  for (let i = 0; i < n; i++) {
    const cs = scenario.contact[i]!;
    if (options.inHistory && !options.inHistory[i]) {
      out[i] = scale === 1 || !Number.isFinite(cs) ? cs : sched(scenario.rep[i]!).addBusinessMs(scenario.arrival[i]!, scale * sched(scenario.rep[i]!).businessMsBetween(scenario.arrival[i]!, cs));
      continue;
    }
    const co = observed.contact[i]!;
    const cb = baseline.contact[i]!;
    const okS = Number.isFinite(cs);
    const okB = Number.isFinite(cb);
    const okO = Number.isFinite(co);
    const pH = rescue?.pHist ? rescue.pHist[i]! : Number.NaN;
    if (rescue && pB && pS && pH > 0 && pH < 1 && pB[i]! > 0 && pS[i]! > 0 && pB[i]! < 1 && pS[i]! < 1) {
      // History's chance moved by the simulated change in log-odds (scenario minus baseline, same lead).
      const p2 = sigmoid(logit(pH) + logit(pS[i]!) - logit(pB[i]!));
      const u = rescue.uniform[i]!;
      if (!okO && !rescue.decided[i]) {
        // History ignored it: still ignored with chance p2 / pH; else worked at the scenario's time.
        out[i] = p2 < pH && u >= p2 / pH && okS ? cs : Number.NaN;
        continue;
      }
      if (okO && p2 > pH && u < (p2 - pH) / (1 - pH)) {
        out[i] = Number.NaN; // the longer queue loses a lead history contacted
        continue;
      }
      // The simulations' own ignore draws were replaced by the rule above: they move nothing here.
      if (!okS && scenario.ignored?.[i]) {
        out[i] = co;
        continue;
      }
    }
    if (!okO && !okB && !okS && cb !== cs && Math.abs(cb) === Infinity && Math.abs(cs) === Infinity) {
      // A lead history settled without contact, which both simulations settle when its rep reaches it:
      // -Infinity within the black-hole window, +Infinity later (forecast/history.ts SETTLED_BY_REVIEW,
      // DECIDED_LATE). The scenario's queue moved that moment across the window: so does history's.
      out[i] = cs;
      continue;
    }
    if (!okS) {
      out[i] = okB ? Number.NaN : co;
      continue;
    }
    if (!okO) {
      out[i] = okB && !rescued(i) ? Number.NaN : cs;
      continue;
    }
    if (!okB) {
      out[i] = co;
      continue;
    }
    const repS = scenario.rep[i]!;
    const sS = sched(repS);
    const m = matched ? matched[i]! : Number.NaN;
    const delta = scale * (Number.isNaN(m) ? sS.businessMsBetween(scenario.arrival[i]!, cs) - baselineDelay(baseline, i, cb, sched, known) : m);
    if (delta === 0 && scenario.arrival[i] === observed.arrival[i] && repS === observed.rep[i]) {
      out[i] = co; // nothing about this lead changed
      continue;
    }
    const dObs = observedDelay(observed, i, co, repS, sched, known);
    out[i] = sS.addBusinessMs(scenario.arrival[i]!, Math.max(0, dObs + delta));
  }
  return out;
}

/** Rank-matched change per row (NaN: not matched, use the row's own change). See CounterfactualOptions.rankGroup. */
function rankMatchedDeltas(
  observed: ContactTimeline,
  baseline: ContactTimeline,
  scenario: ContactTimeline,
  options: CounterfactualOptions,
  sched: (r: number) => WorkSchedule,
): Float64Array {
  const n = scenario.arrival.length;
  const group = options.rankGroup!;
  const sc = rankScratch.ensure(n);
  const out = sc.out.subarray(0, n).fill(Number.NaN);
  const dObs = sc.dObs.subarray(0, n);
  const dB = sc.dB.subarray(0, n);
  const dS = sc.dS.subarray(0, n);
  // Matched rows per group (CSR, rows ascending within a group): typed buckets, no per-row array push.
  const groupOf = sc.groupOf.subarray(0, n).fill(-1);
  let nGroups = 0;
  for (let i = 0; i < n; i++) {
    if (options.inHistory && !options.inHistory[i]) continue;
    const co = observed.contact[i]!;
    const cb = baseline.contact[i]!;
    const cs = scenario.contact[i]!;
    const g = group[i]!;
    if (g < 0 || !Number.isFinite(co) || !Number.isFinite(cb) || !Number.isFinite(cs)) continue;
    const repS = scenario.rep[i]!;
    dObs[i] = observedDelay(observed, i, co, repS, sched, options.knownDelays);
    dB[i] = baselineDelay(baseline, i, cb, sched, options.knownDelays);
    const sS = sched(repS);
    dS[i] = sS.businessMsBetween(scenario.arrival[i]!, cs);
    // A delay a schedule cannot measure has no rank: the row keeps its own change.
    if (Number.isNaN(dObs[i]!) || Number.isNaN(dB[i]!) || Number.isNaN(dS[i]!)) continue;
    const kb = options.knownDelays?.band ? options.knownDelays.band[i]! : -1;
    groupOf[i] = g * TOD_BANDS + (kb >= 0 ? kb : timeOfDayBand(sS.workLeftInDay(scenario.arrival[i]!)));
    if ((g + 1) * TOD_BANDS > nGroups) nGroups = (g + 1) * TOD_BANDS;
  }
  // A band too small to rank on its own joins its tier's other small bands.
  const count = new Int32Array(nGroups);
  for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) count[groupOf[i]!]!++;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g >= 0 && count[g]! < RANK_MATCH_MIN) groupOf[i] = g - (g % TOD_BANDS) + TOD_MERGED;
  }
  const offsets = new Int32Array(nGroups + 1);
  for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) offsets[groupOf[i]! + 1]!++;
  for (let g = 0; g < nGroups; g++) offsets[g + 1] = offsets[g + 1]! + offsets[g]!;
  const members = sc.members.subarray(0, offsets[nGroups]!);
  const fill = offsets.slice(0, nGroups);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g >= 0) members[fill[g]!++] = i;
  }
  sortedByGroup(members, offsets, groupOf, dObs, dB, dS, out, sc);
  return out;
}

/**
 * The rank-matched changes of every group of at least RANK_MATCH_MIN rows, from three radix orders over all
 * matched rows (observed, baseline and scenario delays; none NaN) split stably by group: the same as sorting
 * each group on its own (rows by observed delay, ties by row; each group's delays ascending), without a radix
 * sort's fixed cost (four passes over 65,536 buckets) per group, which the time-of-day bands multiplied by six.
 */
function sortedByGroup(
  members: Int32Array,
  offsets: Int32Array,
  groupOf: Int32Array,
  dObs: Float64Array,
  dB: Float64Array,
  dS: Float64Array,
  out: Float64Array,
  sc: RankScratch,
): void {
  const total = members.length;
  const nGroups = offsets.length - 1;
  // The matched rows ascending: a stable order by value then breaks ties by row.
  const rows = sc.rows.subarray(0, total);
  for (let i = 0, t = 0; i < groupOf.length; i++) if (groupOf[i]! >= 0) rows[t++] = i;
  const v = sc.v.subarray(0, total);
  const order = sc.order.subarray(0, total);
  const pos = new Int32Array(nGroups);
  const byValue = (d: Float64Array): Int32Array => {
    for (let k = 0; k < total; k++) v[k] = d[rows[k]!]!;
    stableOrderByValue(v, total, order);
    pos.set(offsets.subarray(0, nGroups));
    return order;
  };
  const obsRows = sc.obsRows.subarray(0, total);
  let o = byValue(dObs);
  for (let k = 0; k < total; k++) {
    const i = rows[o[k]!]!;
    obsRows[pos[groupOf[i]!]!++] = i;
  }
  const b = sc.b.subarray(0, total);
  o = byValue(dB);
  for (let k = 0; k < total; k++) b[pos[groupOf[rows[o[k]!]!]!]!++] = v[o[k]!]!;
  const s = sc.s.subarray(0, total);
  o = byValue(dS);
  for (let k = 0; k < total; k++) s[pos[groupOf[rows[o[k]!]!]!]!++] = v[o[k]!]!;
  for (let g = 0; g < nGroups; g++) {
    if (offsets[g + 1]! - offsets[g]! < RANK_MATCH_MIN) continue;
    // The k-th observed delay takes the change from the baseline's k-th simulated delay to the
    // scenario's (equal simulations: change 0).
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) out[obsRows[k]!] = s[k]! - b[k]!;
  }
}

/**
 * rankMatchedDeltas' row buffers, grow-only and reused: read only inside one counterfactualContactTimes call
 * (~20 MB at L that every interval draw and slider move used to allocate and drop).
 */
const rankScratch = new GrowOnlyColumns({
  out: Float64Array,
  dObs: Float64Array,
  dB: Float64Array,
  dS: Float64Array,
  groupOf: Int32Array,
  members: Int32Array,
  rows: Int32Array,
  v: Float64Array,
  order: Int32Array,
  obsRows: Int32Array,
  b: Float64Array,
  s: Float64Array,
});
type RankScratch = ReturnType<typeof rankScratch.ensure>;

/** Row i's observed delay (business ms from its observed arrival to contact co), known or computed. */
function observedDelay(
  observed: ContactTimeline,
  i: number,
  co: number,
  repS: number,
  sched: (r: number) => WorkSchedule,
  known: CounterfactualOptions['knownDelays'],
): number {
  const d = known ? known.observed[i]! : Number.NaN;
  return Number.isNaN(d) ? sched(observed.rep[i]! >= 0 ? observed.rep[i]! : repS).businessMsBetween(observed.arrival[i]!, co) : d;
}

/** Row i's simulated baseline delay (to contact cb), known or computed. */
function baselineDelay(baseline: ContactTimeline, i: number, cb: number, sched: (r: number) => WorkSchedule, known: CounterfactualOptions['knownDelays']): number {
  const d = known ? known.baseline[i]! : Number.NaN;
  return Number.isNaN(d) ? sched(baseline.rep[i]!).businessMsBetween(baseline.arrival[i]!, cb) : d;
}
