// One evaluation of a scenario: re-score, assign reps, simulate the queue,
// move first contacts, and compute per-MQL expectations. The expected-value
// path runs it once (run 0, the full-data models); each interval run runs it
// with that run's refitted models and simulation draws.
import type { Policy } from '../scenario/policy';
import { windowRange } from '../replay/window';
import { computeEtas, ETA_MODELS, expectations, type CohortInWindow, type Etas } from './assemble';
import { buildFeatures } from './features';
import type { OutcomeModels } from './outcome-models';
import { assignReps, counterfactualContacts, perturbPool, scenarioPool, simulateCohort, type QueueDraw, type ScenarioPool } from './queue-effects';
import type { ForecastSession, PolicyCohort } from './session';
import type { LeadExpectations } from './types';

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
}

export function prepareScenario(session: ForecastSession, policy: Policy): ScenarioState {
  const { cols, hist } = session;
  const cohort = session.cohortFor(policy);
  const dataCompletion = session.replayer.result.summary.dataCompletionInWindow;
  const pool = scenarioPool(session.pool, policy, session.loadPerRep);
  (cohort as { rep: Int32Array }).rep = assignReps(cols, hist, session.pool, pool, cohort.lead, cohort.arrival, cohort.shared, session.seed, session.loadPerRep);
  const range = windowRange(policy.window, cols.timezone);
  const rowList: number[] = [];
  for (let k = 0; k < cohort.lead.length; k++) {
    const a = cohort.arrival[k]!;
    if (a >= range.fromMs && a < range.toMs) rowList.push(k);
  }
  const rows = Int32Array.from(rowList);
  const lead = Int32Array.from(rows, (k) => cohort.lead[k]!);
  const arrival = Float64Array.from(rows, (k) => cohort.arrival[k]!);
  const shared = Uint8Array.from(rows, (k) => (cohort.shared[k] && session.baseRowOfLead[cohort.lead[k]!]! >= 0 ? 1 : 0));
  const extrapolated = Uint8Array.from(rows, (k, q) => (!shared[q] && cohort.score[k]! < hist.scoreSupportFloor ? 1 : 0));
  const feats = featuresFor(session, lead, arrival, Uint8Array.from(rows, (k) => cohort.highIntent[k]!));
  let nShared = 0;
  let nExtra = 0;
  const inScenario = new Uint8Array(hist.n);
  for (let q = 0; q < rows.length; q++) {
    nShared += shared[q]!;
    nExtra += extrapolated[q]!;
    inScenario[lead[q]!] = 1;
  }
  // Left: historical MQLs of the window that are not MQLs of the scenario's window.
  let left = 0;
  for (let i = 0; i < hist.n; i++) {
    const t = hist.mqlAt[i]!;
    if (hist.handed[i] && t >= range.fromMs && t < range.toMs && !inScenario[i]) left++;
  }
  return {
    policy,
    cohort,
    pool,
    rows,
    inWindow: {
      lead,
      arrival,
      tier: Int32Array.from(rows, (k) => cohort.tier[k]!),
      rep: Int32Array.from(rows, (k) => cohort.rep[k]!),
      shared,
      extrapolated,
    },
    feats,
    sameQueue: sameQueue(session, cohort, pool),
    shared: nShared,
    entered: rows.length - nShared,
    left,
    extrapolated: nExtra,
    dataCompletion,
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
  const bc =
    run === 0 && draw === null
      ? session.baseContact0
      : simulateCohort(perturbPool(session.basePool, draw), session.baseCohort, session.baseCohort.lead, session.seed, run);
  const scenContact = st.sameQueue ? bc : simulateCohort(perturbPool(st.pool, draw), st.cohort, st.cohort.lead, session.seed, run);
  const cf = counterfactualContacts(session.hist, session.pool, st.pool, st.cohort, scenContact, session.baseRowOfLead, session.baseCohort, bc, session.repSchedules.fallback);
  const contact = Float64Array.from(st.rows, (k) => cf[k]!);
  // New MQLs have only the simulation's time: put it on history's scale.
  const { shared, rep, arrival } = st.inWindow;
  for (let q = 0; q < contact.length; q++) {
    if (shared[q] || !Number.isFinite(contact[q]!)) continue;
    const r = rep[q]!;
    const s = r >= 0 && r < st.pool.schedules.length ? st.pool.schedules[r]! : session.repSchedules.fallback;
    const a = arrival[q]!;
    contact[q] = s.addBusinessMs(a, session.delayCalibration.map(st.cohort.priority[st.rows[q]!]!, s.businessMsBetween(a, contact[q]!)));
  }
  const trainEtas = models === session.models ? session.trainEtas : computeEtas(models, session.training.x, session.training.rows.length);
  return expectations(
    {
      hist: session.hist,
      policy: st.policy,
      schedules: st.pool.schedules,
      fallback: session.repSchedules.fallback,
      companySize: session.cols.leads.companySize,
      deadlines: session.deadlineCache,
    },
    models,
    windowEtas(trainEtas, models, st.feats),
    { ...st.inWindow, contact },
    { extrapolationShift },
  );
}

/**
 * Features of the window's MQLs, by reference: an MQL at its historical
 * instant with its historical trigger IS its training row (most MQLs of most
 * scenarios), so only moved and new MQLs get a feature row of their own, and
 * a model's linear predictor is looked up rather than recomputed.
 */
export interface WindowFeatures {
  /** Training row per window row, -1 for a fresh row. */
  readonly trainRow: Int32Array;
  /** Index into `fresh` per window row, -1 when it has a training row. */
  readonly freshRow: Int32Array;
  readonly fresh: readonly Float64Array[];
  readonly nFresh: number;
}

function featuresFor(session: ForecastSession, lead: Int32Array, at: Float64Array, highIntent: Uint8Array): WindowFeatures {
  const { training, hist, cols } = session;
  const m = lead.length;
  const trainRow = new Int32Array(m);
  const freshRow = new Int32Array(m).fill(-1);
  const fresh: number[] = [];
  const hiCol = training.x[5]!;
  for (let q = 0; q < m; q++) {
    const i = lead[q]!;
    const t = session.trainingRowOfLead[i]!;
    if (t < 0 || at[q] !== hist.mqlAt[i] || hiCol[t] !== highIntent[q]) {
      trainRow[q] = -1;
      freshRow[q] = fresh.length;
      fresh.push(q);
    } else trainRow[q] = t;
  }
  const fx = buildFeatures(
    cols,
    session.spec,
    Int32Array.from(fresh, (q) => lead[q]!),
    Float64Array.from(fresh, (q) => at[q]!),
    Uint8Array.from(fresh, (q) => highIntent[q]!),
    session.scorer,
  );
  return { trainRow, freshRow, fresh: fx, nFresh: fresh.length };
}

/** Etas of the window's MQLs: training rows' etas looked up, fresh rows' computed. */
export function windowEtas(trainEtas: Etas, models: OutcomeModels, f: WindowFeatures): Etas {
  const freshEtas = computeEtas(models, f.fresh, f.nFresh);
  const m = f.trainRow.length;
  const pick = (k: (typeof ETA_MODELS)[number]) => {
    const out = new Float64Array(m);
    const tr = trainEtas[k];
    const fr = freshEtas[k];
    for (let q = 0; q < m; q++) {
      const t = f.trainRow[q]!;
      out[q] = t >= 0 ? tr[t]! : fr[f.freshRow[q]!]!;
    }
    return out;
  };
  return { accept: pick('accept'), reject: pick('reject'), contacted: pick('contacted'), sql: pick('sql'), opp: pick('opp'), won: pick('won') };
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
