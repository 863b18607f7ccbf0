// One evaluation of a scenario: re-score, assign reps, simulate the queue,
// move first contacts, and compute per-MQL expectations. The expected-value
// path runs it once (run 0, the full-data models); each interval run runs it
// with that run's refitted models and simulation draws.
import type { Policy } from '../scenario/policy';
import { windowRange, type WindowRange } from '../replay/window';
import { FLAG_DATA_COMPLETION } from '../replay/score';
import { computeEtas, ETA_MODELS, expectations, SharedHistory, slaColumn, type AssembleContext, type CohortInWindow, type Etas } from './assemble';
import { buildFeatures } from './features';
import { freshEtaMemo } from './fresh-etas';
import type { OutcomeModels } from './outcome-models';
import { assignReps, counterfactualContacts, perturbPool, scenarioPool, simulateCohort, simulateCohortOn, simulateCohortSteps, type QueueDraw, type ScenarioPool } from './queue-effects';
import type { QueueSimExecutor } from '../queue/sim-executor';
import type { ForecastSession, PolicyCohort } from './session';
import { blockKeys, scenarioCaches, type CohortPiece, type LaterWithReps, type QueuePiece, type WindowPiece } from './scenario-cache';
import type { LeadExpectations } from './types';
import { selectLaterConversions } from './later-conversions';
import { SAME_MQL_TOLERANCE_MS } from './session';

export interface ScenarioState {
  readonly policy: Policy;
  readonly cohort: PolicyCohort;
  readonly pool: ScenarioPool;
  /** Cohort rows whose MQL falls in the window. */
  readonly rows: Int32Array;
  /** The window's MQLs; `contact` is filled per run. */
  readonly inWindow: Omit<CohortInWindow, 'contact'>;
  readonly feats: WindowFeatures;
  /** The scenario queues exactly the baseline's MQLs on the baseline's reps (e.g. an SLA-only scenario): its simulation is the baseline's. */
  readonly sameQueue: boolean;
  /** Counts for the report. */
  readonly shared: number;
  readonly entered: number;
  readonly left: number;
  readonly extrapolated: number;
  readonly dataCompletion: number;
  /** The cached pieces this state was made of (scenario-cache.ts): run 0's results are memoised on them. */
  readonly pieces: { readonly queue: QueuePiece; readonly window: WindowPiece };
}

export function prepareScenario(session: ForecastSession, policy: Policy): ScenarioState {
  const caches = scenarioCaches(session);
  const keys = blockKeys(policy);
  const cp = caches.cohorts.get(keys.cohort, () => cohortPiece(session, policy));
  const qp = caches.queues.get(keys.queue, () => queuePiece(session, policy, cp));
  const wp = caches.windows.get(keys.window, () => windowPiece(session, policy, qp));
  const range = wp.range;
  let dataCompletion = 0;
  for (let j = 0; j < cp.heldAt.length; j++) if (cp.heldAt[j]! >= range.fromMs && cp.heldAt[j]! < range.toMs) dataCompletion++;
  return {
    policy,
    cohort: qp.cohort,
    pool: qp.pool,
    rows: wp.rows,
    inWindow: wp.inWindow,
    feats: wp.feats,
    sameQueue: qp.sameQueue,
    shared: wp.shared,
    entered: wp.inWindow.lead.length - wp.shared,
    left: wp.left,
    extrapolated: wp.extrapolated,
    dataCompletion,
    pieces: { queue: qp, window: wp },
  };
}

/** Re-score and the handed-off cohort: depends on scoring, mql and the tiers' score bands only. */
function cohortPiece(session: ForecastSession, policy: Policy): CohortPiece {
  const cohort = session.cohortFor(policy);
  const r = session.replayer.result;
  // Instants of MQLs held by a pre-flight check (any window): the window's data-completion count is a count over these.
  let m = 0;
  for (let i = 0; i < r.mqlAt.length; i++) if (r.flags[i]! & FLAG_DATA_COMPLETION) m++;
  const heldAt = new Float64Array(m);
  m = 0;
  for (let i = 0; i < r.mqlAt.length; i++) if (r.flags[i]! & FLAG_DATA_COMPLETION) heldAt[m++] = r.mqlAt[i]!;
  const later = selectLaterConversions({
    later: session.later,
    cols: session.cols,
    policy,
    cohort,
    fit: r.fit,
    baseScorer: session.scorer,
    scoringChanged: !policy.provenance.thresholdOnly && JSON.stringify(policy.scoring) !== JSON.stringify(session.baseline.scoring),
    sameMqlToleranceMs: SAME_MQL_TOLERANCE_MS,
  });
  return { cohort, heldAt, later };
}

/** Reps and the queue: the cohort plus the capacity block. */
function queuePiece(session: ForecastSession, policy: Policy, cp: CohortPiece): QueuePiece {
  const { cols, hist } = session;
  const pool = scenarioPool(session.pool, policy, session.loadPerRep);
  const base = cp.cohort;
  const rep = assignReps(cols, hist, session.pool, pool, base.lead, base.arrival, base.shared, session.seed, session.loadPerRep);
  const cohort: PolicyCohort = { ...base, rep };
  return { pool, cohort, sameQueue: sameQueue(session, cohort, pool), contact0: null, later: laterReps(session, cp, pool, rep) };
}

/**
 * The pool's rep of each kept later conversion (the SLA calendar it is held to): history's rep while the
 * scenario keeps it, else the rep the scenario gives the lead's first MQL (its owner now).
 */
function laterReps(session: ForecastSession, cp: CohortPiece, pool: ScenarioPool, cohortRep: Int32Array): LaterWithReps {
  const kl = cp.later;
  const rep = new Int32Array(kl.index.length);
  if (rep.length === 0) return { ...kl, rep };
  const rowOfLead = new Map<number, number>();
  cp.cohort.lead.forEach((i, k) => rowOfLead.set(i, k));
  const lc = session.later;
  for (let u = 0; u < rep.length; u++) {
    const j = kl.index[u]!;
    const code = lc.repCode[j]!;
    const r = code >= 0 ? session.pool.repOfCode[code]! : -1;
    rep[u] = r >= 0 && !pool.removed[r] ? r : cohortRep[rowOfLead.get(lc.lead[j]!)!]!;
  }
  return { ...kl, rep };
}

/** The window's MQLs, their features and report counts: the queue piece plus the window. */
function windowPiece(session: ForecastSession, policy: Policy, qp: QueuePiece): WindowPiece {
  const { cols, hist } = session;
  const cohort = qp.cohort;
  const range = windowRange(policy.window, cols.timezone);
  let m = 0;
  for (let k = 0; k < cohort.lead.length; k++) {
    const a = cohort.arrival[k]!;
    if (a >= range.fromMs && a < range.toMs) m++;
  }
  const rows = new Int32Array(m);
  m = 0;
  for (let k = 0; k < cohort.lead.length; k++) {
    const a = cohort.arrival[k]!;
    if (a >= range.fromMs && a < range.toMs) rows[m++] = k;
  }
  // Kept later conversions in the window follow the cohort's rows (README "Recycled leads").
  const lc = session.later;
  const kl = qp.later;
  let mL = 0;
  for (let u = 0; u < kl.index.length; u++) {
    const t = lc.mqlAt[kl.index[u]!]!;
    if (t >= range.fromMs && t < range.toMs) mL++;
  }
  const later = new Int32Array(mL);
  const total = m + mL;
  const lead = new Int32Array(total);
  const arrival = new Float64Array(total);
  const tier = new Int32Array(total);
  const rep = new Int32Array(total);
  const shared = new Uint8Array(total);
  const extrapolated = new Uint8Array(total);
  const highIntent = new Uint8Array(total);
  const baseRow = new Int32Array(total).fill(-1);
  let nShared = 0;
  let nExtra = 0;
  // Left: historical MQLs of the window that are not MQLs of the scenario's window (a lead is at most
  // one MQL of the cohort): the window's historical count less those among the scenario's rows.
  let left = historicalInWindow(session, range);
  const info = baseRowInfo(session);
  for (let q = 0; q < m; q++) {
    const k = rows[q]!;
    const i = cohort.lead[k]!;
    lead[q] = i;
    arrival[q] = cohort.arrival[k]!;
    tier[q] = cohort.tier[k]!;
    rep[q] = cohort.rep[k]!;
    highIntent[q] = cohort.highIntent[k]!;
    const b = session.baseRowOfLead[i]!;
    const sh = cohort.shared[k] && b >= 0 ? 1 : 0;
    shared[q] = sh;
    if (sh) baseRow[q] = b;
    const ex = !sh && cohort.score[k]! < hist.scoreSupportFloor ? 1 : 0;
    extrapolated[q] = ex;
    nShared += sh;
    nExtra += ex;
    // A shared row's lead was handed off (cohort.ts); its historical instant is read in baseline order.
    const handed = sh ? 1 : hist.handed[i]!;
    const t = sh ? info.mqlAt[b]! : hist.mqlAt[i]!;
    if (handed && t >= range.fromMs && t < range.toMs) left--;
  }
  // A later conversion is a shared MQL carried as history has it: its history is packed after the baseline's rows.
  const nb = session.baseCohort.lead.length;
  let q = m;
  for (let u = 0; u < kl.index.length; u++) {
    const j = kl.index[u]!;
    const t = lc.mqlAt[j]!;
    if (!(t >= range.fromMs && t < range.toMs)) continue;
    later[q - m] = j;
    lead[q] = lc.lead[j]!;
    arrival[q] = t;
    tier[q] = kl.tier[u]!;
    rep[q] = kl.rep[u]!;
    shared[q] = 1;
    highIntent[q] = lc.highIntent[j]!;
    baseRow[q] = nb + j;
    q++;
  }
  nShared += mL;
  left -= mL;
  return {
    range,
    rows,
    later,
    inWindow: { lead, arrival, tier, rep, shared, extrapolated, baseRow },
    feats: featuresFor(session, lead, arrival, highIntent, baseRow, m, later),
    shared: nShared,
    left,
    extrapolated: nExtra,
    contact0: null,
    point: null,
  };
}

/** The baseline cohort's history packed for expectations (assemble.ts SharedHistory), once per session. */
const sharedHistories = new WeakMap<ForecastSession, SharedHistory>();
function sharedHistoryOf(session: ForecastSession): SharedHistory {
  let h = sharedHistories.get(session);
  if (!h) sharedHistories.set(session, (h = new SharedHistory(session.hist, session.cols.leads.companySize, session.baseCohort.lead, session.later)));
  return h;
}

/** Per baseline-cohort row: its lead's historical MQL instant, training row (-1 none) and that row's high-intent feature. */
interface BaseRowInfo {
  readonly mqlAt: Float64Array;
  readonly trainRow: Int32Array;
  readonly trainHigh: Float64Array;
}
const baseRowInfos = new WeakMap<ForecastSession, BaseRowInfo>();
function baseRowInfo(session: ForecastSession): BaseRowInfo {
  let info = baseRowInfos.get(session);
  if (!info) {
    const lead = session.baseCohort.lead;
    const hiCol = session.training.x[5]!;
    const nb = lead.length;
    info = { mqlAt: new Float64Array(nb), trainRow: new Int32Array(nb), trainHigh: new Float64Array(nb).fill(Number.NaN) };
    for (let b = 0; b < nb; b++) {
      const i = lead[b]!;
      const t = session.trainingRowOfLead[i]!;
      info.mqlAt[b] = session.hist.mqlAt[i]!;
      info.trainRow[b] = t;
      if (t >= 0) info.trainHigh[b] = hiCol[t]!;
    }
    baseRowInfos.set(session, info);
  }
  return info;
}

/** Historical (handed-off) MQLs per window, counted once per session. */
const historicalCounts = new WeakMap<ForecastSession, Map<string, number>>();
function historicalInWindow(session: ForecastSession, range: WindowRange): number {
  let byRange = historicalCounts.get(session);
  if (!byRange) historicalCounts.set(session, (byRange = new Map()));
  const key = `${range.fromMs}|${range.toMs}`;
  let c = byRange.get(key);
  if (c === undefined) {
    const { hist } = session;
    c = 0;
    for (let i = 0; i < hist.n; i++) {
      const t = hist.mqlAt[i]!;
      if (hist.handed[i] && t >= range.fromMs && t < range.toMs) c++;
    }
    const later = session.later;
    for (let j = 0; j < later.n; j++) {
      const t = later.mqlAt[j]!;
      if (t >= range.fromMs && t < range.toMs) c++;
    }
    byRange.set(key, c);
  }
  return c;
}

/** What assemble.ts expectations read besides the models: the session's history and the scenario's calendars. */
export function assembleContext(session: ForecastSession, st: ScenarioState): AssembleContext {
  return {
    hist: session.hist,
    policy: st.policy,
    schedules: st.pool.schedules,
    fallback: session.repSchedules.fallback,
    companySize: session.cols.leads.companySize,
    deadlines: session.deadlineCache,
    sharedHistory: sharedHistoryOf(session),
  };
}

/** Per-MQL expectations for one run (0 = expected-value path). */
export function evaluate(
  session: ForecastSession,
  st: ScenarioState,
  models: OutcomeModels,
  run: number,
  extrapolationShift = 0,
  draw: QueueDraw | null = null,
): LeadExpectations {
  const ctx = assembleContext(session, st);
  const run0 = run === 0 && draw === null;
  const wp = st.pieces.window;
  if (run0 && models === session.models && extrapolationShift === 0) {
    // The slider path: everything but the SLA column is fixed by the cached pieces; an SLA
    // change (tiers' hours, sla.business_hours) only redoes that column.
    const contact = windowContact0(session, st);
    if (wp.point === null) {
      // Just computed: its SLA column is this policy's.
      wp.point = expectations(ctx, models, windowEtas(session.trainEtas, models, st.feats, session), { ...st.inWindow, contact });
      return { ...wp.point };
    }
    const point = wp.point;
    return { ...point, sla: slaColumn(ctx, { ...st.inWindow, contact }, point.hoursWeight, new Float64Array(point.n)) };
  }
  const contact = run0 ? windowContact0(session, st) : windowContact(session, st, run, draw);
  const trainEtas = models === session.models ? session.trainEtas : computeEtas(models, session.training.x, session.training.rows.length);
  return expectations(ctx, models, windowEtas(trainEtas, models, st.feats, session), { ...st.inWindow, contact }, { extrapolationShift });
}

/** Run 0's window contacts, memoised on the window piece (its queue simulation on the queue piece). */
export function windowContact0(session: ForecastSession, st: ScenarioState): Float64Array {
  const wp = st.pieces.window;
  if (wp.contact0 === null) {
    const qp = st.pieces.queue;
    qp.contact0 ??= cohortContacts(session, st, session.baseContact0, 0, null);
    wp.contact0 = windowContactFrom(session, st, qp.contact0);
  }
  return wp.contact0;
}

/** The baseline's simulated first touches under an interval run's queue draw (scenario-independent: interval-runs.ts keeps them per session). */
export function baselineContact(session: ForecastSession, run: number, draw: QueueDraw | null): Float64Array {
  return simulateCohort(perturbPool(session.basePool, draw), session.baseCohort, session.baseCohort.lead, session.seed, run);
}

/** baselineContact, yielding every `slice` simulation steps (interval-runs.ts yields to the event loop there). */
export function baselineContactSteps(session: ForecastSession, run: number, draw: QueueDraw | null, slice: number): Generator<void, Float64Array> {
  return simulateCohortSteps(perturbPool(session.basePool, draw), session.baseCohort, session.baseCohort.lead, session.seed, run, slice);
}

/** An interval run's window contacts: the scenario simulated under the run's queue draw, history's contacts moved against the baseline's `bc` (same draw). */
export function windowContact(session: ForecastSession, st: ScenarioState, run: number, draw: QueueDraw | null, bc = baselineContact(session, run, draw)): Float64Array {
  return windowContactFrom(session, st, cohortContacts(session, st, bc, run, draw));
}

/** The scenario's simulation of one interval run's queue draw on an executor (worker threads). */
export function simulateScenarioOn(executor: QueueSimExecutor, session: ForecastSession, st: ScenarioState, run: number, draw: QueueDraw | null): Promise<Float64Array> {
  return simulateCohortOn(executor, perturbPool(st.pool, draw), st.cohort, st.cohort.lead, session.seed, run);
}

/** An interval run's window contacts from its two simulations, yielding before history's contacts are moved against the baseline's `bc`. */
export function* windowContactOfSteps(session: ForecastSession, st: ScenarioState, bc: Float64Array, scenContact: Float64Array): Generator<void, Float64Array> {
  yield;
  return windowContactFrom(session, st, movedContacts(session, st, scenContact, bc));
}

/** windowContact, yielding every `slice` simulation steps and before moving history's contacts. */
export function* windowContactSteps(session: ForecastSession, st: ScenarioState, run: number, draw: QueueDraw | null, bc: Float64Array, slice: number): Generator<void, Float64Array> {
  const scenContact = st.sameQueue ? bc : yield* simulateCohortSteps(perturbPool(st.pool, draw), st.cohort, st.cohort.lead, session.seed, run, slice);
  yield;
  return windowContactFrom(session, st, movedContacts(session, st, scenContact, bc));
}

/** Scenario first contact per cohort row: simulate (unless the queue is the baseline's) and move history's contacts. */
function cohortContacts(session: ForecastSession, st: ScenarioState, bc: Float64Array, run: number, draw: QueueDraw | null): Float64Array {
  // Run 0 restarts from the session's last run-0 simulation (the same results, most rows copied on a slider move).
  const memo = run === 0 && draw === null ? session.queueMemo : null;
  const scenContact = st.sameQueue ? bc : simulateCohort(perturbPool(st.pool, draw), st.cohort, st.cohort.lead, session.seed, run, memo);
  return movedContacts(session, st, scenContact, bc);
}

/** History's contacts moved by the scenario's simulation against the baseline's (same run). */
function movedContacts(session: ForecastSession, st: ScenarioState, scenContact: Float64Array, bc: Float64Array): Float64Array {
  return counterfactualContacts(session.hist, session.pool, st.pool, st.cohort, scenContact, session.baseRowOfLead, session.baseCohort, bc, session.repSchedules.fallback);
}

/** The window rows' contacts; new MQLs have only the simulation's time: put it on history's scale. */
function windowContactFrom(session: ForecastSession, st: ScenarioState, cf: Float64Array): Float64Array {
  const m = st.rows.length;
  const contact = new Float64Array(st.inWindow.lead.length);
  for (let q = 0; q < m; q++) contact[q] = cf[st.rows[q]!]!;
  // Later conversions are not in the queue simulation (the queue model is estimated on first handoffs): history's contact.
  const later = st.pieces.window.later;
  for (let u = 0; u < later.length; u++) contact[m + u] = session.later.outcome.contactAt[later[u]!]!;
  const { shared, rep, arrival } = st.inWindow;
  for (let q = 0; q < m; q++) {
    if (shared[q] || !Number.isFinite(contact[q]!)) continue;
    const r = rep[q]!;
    const s = r >= 0 && r < st.pool.schedules.length ? st.pool.schedules[r]! : session.repSchedules.fallback;
    const a = arrival[q]!;
    contact[q] = s.addBusinessMs(a, session.delayCalibration.map(st.cohort.priority[st.rows[q]!]!, s.businessMsBetween(a, contact[q]!)));
  }
  return contact;
}

/**
 * Features of the window's MQLs, by reference: an MQL at its historical
 * instant with its historical trigger IS its training row (most MQLs of most
 * scenarios), so only moved and new MQLs get a feature row of their own, and
 * a model's linear predictor is looked up rather than recomputed. The fresh
 * rows' feature columns are built on first use: the expected-value path
 * mostly finds their etas remembered (fresh-etas.ts), the interval runs need them.
 */
export interface WindowFeatures {
  /** Training row per window row, -1 for a fresh row. */
  readonly trainRow: Int32Array;
  /** Index into the fresh rows per window row, -1 when it has a training row. */
  readonly freshRow: Int32Array;
  readonly nFresh: number;
  /** Per fresh row: its window row, memo key (the lead; hist.n + index for a later conversion), lead, MQL instant and high-intent trigger. */
  readonly freshQ: Int32Array;
  readonly freshKey: Int32Array;
  readonly freshLead: Int32Array;
  readonly freshAt: Float64Array;
  readonly freshHigh: Uint8Array;
  /** Feature columns of the fresh rows (built once, on first call). */
  fresh(): readonly Float64Array[];
  /**
   * The same columns without keeping them (the kept ones if fresh() built them): the interval runs'
   * gradients read them in one pass, and kept on the window piece they held ~35 MB at L for nothing.
   */
  freshUnkept(): readonly Float64Array[];
}

/**
 * Rows from `firstLater` on are later conversions (`later` their indices): never training rows (the
 * models are fitted on first handoffs), so fresh rows remembered under key hist.n + index.
 */
function featuresFor(session: ForecastSession, lead: Int32Array, at: Float64Array, highIntent: Uint8Array, baseRow: Int32Array, firstLater: number, later: Int32Array): WindowFeatures {
  const { training, hist, cols } = session;
  const m = lead.length;
  const trainRow = new Int32Array(m);
  const freshRow = new Int32Array(m).fill(-1);
  const hiCol = training.x[5]!;
  const info = baseRowInfo(session);
  let nFresh = 0;
  for (let q = firstLater; q < m; q++) {
    trainRow[q] = -1;
    freshRow[q] = nFresh++;
  }
  nFresh = 0;
  for (let q = 0; q < firstLater; q++) {
    const i = lead[q]!;
    const b = baseRow[q]!;
    // Shared rows read their lead's training row, instant and trigger in baseline order; others by lead.
    const t = b >= 0 ? info.trainRow[b]! : session.trainingRowOfLead[i]!;
    if (t < 0 || at[q] !== (b >= 0 ? info.mqlAt[b]! : hist.mqlAt[i]!) || (b >= 0 ? info.trainHigh[b]! : hiCol[t]!) !== highIntent[q]) {
      trainRow[q] = -1;
      freshRow[q] = nFresh++;
    } else trainRow[q] = t;
  }
  for (let q = firstLater; q < m; q++) freshRow[q] = nFresh++;
  const freshQ = new Int32Array(nFresh);
  const freshKey = new Int32Array(nFresh);
  const freshLead = new Int32Array(nFresh);
  const freshAt = new Float64Array(nFresh);
  const freshHigh = new Uint8Array(nFresh);
  for (let q = 0; q < m; q++) {
    const j = freshRow[q]!;
    if (j < 0) continue;
    freshQ[j] = q;
    freshKey[j] = q < firstLater ? lead[q]! : hist.n + later[q - firstLater]!;
    freshLead[j] = lead[q]!;
    freshAt[j] = at[q]!;
    freshHigh[j] = highIntent[q]!;
  }
  let x: Float64Array[] | null = null;
  return {
    trainRow,
    freshRow,
    nFresh,
    freshQ,
    freshKey,
    freshLead,
    freshAt,
    freshHigh,
    fresh: () => (x ??= buildFeatures(cols, session.spec, freshLead, freshAt, freshHigh, session.scorer)),
    freshUnkept: () => x ?? buildFeatures(cols, session.spec, freshLead, freshAt, freshHigh, session.scorer),
  };
}

/** Etas of the window's MQLs: training rows' etas looked up, fresh rows' computed (with the session, its full-data models' are remembered per lead and instant). */
export function windowEtas(trainEtas: Etas, models: OutcomeModels, f: WindowFeatures, session: ForecastSession | null = null): Etas {
  const m = f.trainRow.length;
  const out: Etas = {
    accept: new Float64Array(m),
    reject: new Float64Array(m),
    contacted: new Float64Array(m),
    sql: new Float64Array(m),
    opp: new Float64Array(m),
    won: new Float64Array(m),
  };
  if (session !== null && trainEtas === session.trainEtas) {
    // The session's etas interleaved per training row: a window row's six lookups touch one record, not six columns at random.
    const packed = packedTrainEtas(trainEtas);
    const { accept, reject, contacted, sql, opp, won } = out;
    for (let q = 0; q < m; q++) {
      const t = f.trainRow[q]!;
      if (t < 0) continue;
      const o = 6 * t;
      accept[q] = packed[o]!;
      reject[q] = packed[o + 1]!;
      contacted[q] = packed[o + 2]!;
      sql[q] = packed[o + 3]!;
      opp[q] = packed[o + 4]!;
      won[q] = packed[o + 5]!;
    }
  } else {
    for (const k of ETA_MODELS) {
      const o = out[k];
      const tr = trainEtas[k];
      for (let q = 0; q < m; q++) {
        const t = f.trainRow[q]!;
        if (t >= 0) o[q] = tr[t]!;
      }
    }
  }
  if (session === null || models !== session.models) {
    const fr = computeEtas(models, f.fresh(), f.nFresh);
    for (const k of ETA_MODELS) for (let j = 0; j < f.nFresh; j++) out[k][f.freshQ[j]!] = fr[k][j]!;
    return out;
  }
  const memo = freshEtaMemo(session, session.hist.n + session.later.n);
  let nMiss = 0;
  const miss = new Int32Array(f.nFresh);
  for (let j = 0; j < f.nFresh; j++) {
    const slot = memo.find(f.freshKey[j]!, f.freshAt[j]!, f.freshHigh[j]!);
    if (slot >= 0) memo.read(slot, out, f.freshQ[j]!);
    else miss[nMiss++] = j;
  }
  if (nMiss > 0) {
    const mLead = new Int32Array(nMiss);
    const mKey = new Int32Array(nMiss);
    const mAt = new Float64Array(nMiss);
    const mHigh = new Uint8Array(nMiss);
    for (let u = 0; u < nMiss; u++) {
      const j = miss[u]!;
      mLead[u] = f.freshLead[j]!;
      mKey[u] = f.freshKey[j]!;
      mAt[u] = f.freshAt[j]!;
      mHigh[u] = f.freshHigh[j]!;
    }
    const fr = computeEtas(models, buildFeatures(session.cols, session.spec, mLead, mAt, mHigh, session.scorer), nMiss);
    for (let u = 0; u < nMiss; u++) {
      const q = f.freshQ[miss[u]!]!;
      for (const k of ETA_MODELS) out[k][q] = fr[k][u]!;
      memo.write(mKey[u]!, mAt[u]!, mHigh[u]!, fr, u);
    }
  }
  return out;
}

/** Etas of the six models interleaved per training row (ETA_MODELS order), once per etas object. */
const packedEtas = new WeakMap<Etas, Float64Array>();
function packedTrainEtas(e: Etas): Float64Array {
  let p = packedEtas.get(e);
  if (!p) {
    const n = e.accept.length;
    p = new Float64Array(6 * n);
    for (let t = 0; t < n; t++) {
      p[6 * t] = e.accept[t]!;
      p[6 * t + 1] = e.reject[t]!;
      p[6 * t + 2] = e.contacted[t]!;
      p[6 * t + 3] = e.sql[t]!;
      p[6 * t + 4] = e.opp[t]!;
      p[6 * t + 5] = e.won[t]!;
    }
    packedEtas.set(e, p);
  }
  return p;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k] && !(Number.isNaN(a[k]!) && Number.isNaN(b[k]!))) return false;
  return true;
}

function sameQueue(session: ForecastSession, c: PolicyCohort, p: ScenarioPool): boolean {
  const b = session.baseCohort;
  const q = session.basePool;
  return (
    sameArray(c.lead, b.lead) &&
    sameArray(c.arrival, b.arrival) &&
    sameArray(c.priority, b.priority) &&
    sameArray(c.rep, b.rep) &&
    p.schedules.length === q.schedules.length &&
    p.schedules.every((s, r) => s === q.schedules[r]) &&
    sameArray(p.capacity, q.capacity) &&
    sameArray(p.serviceMs, q.serviceMs) &&
    sameArray(p.activeFrom, q.activeFrom) &&
    sameArray(p.activeTo, q.activeTo) &&
    sameArray(p.blackHoles.intercept, q.blackHoles.intercept) &&
    p.blackHoles.slope === q.blackHoles.slope
  );
}
