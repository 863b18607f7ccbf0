// A ForecastSession holds everything a forecast needs that does not depend on
// the scenario: the workspace's columns, the baseline policy, the history per
// lead, the fitted outcome models, the rep pool with its queue estimates and
// the baseline's queue simulation. Built once per workspace (seconds);
// each forecast then re-scores, re-simulates the scenario's queue and folds
// per-lead expectations (the slider path).
import { loadColumns } from '../columns/load';
import { TRIGGER_HIGH_INTENT, withoutDispositions, type SessionColumns, type WorkspaceColumns } from '../columns/types';
import { readRepSchedules, type RepSchedules } from '../calendar/rep-schedules';
import { observedMetrics } from '../metrics/observed';
import type { ObservedMetricsResult } from '../metrics/types';
import { Replayer } from '../replay/score';
import { SimulationMemo } from '../queue/restart';
import { loadBaseline } from '../scenario/baseline';
import type { Policy } from '../scenario/policy';
import type { Workspace } from '../workspace/database';
import { releaseBufferCache } from '../workspace/buffer-cache';
import { compileRules } from '../replay/compile';
import { compactColumn } from '../stats/features';
import { computeEtas, DeadlineCache, type Etas } from './assemble';
import { buildCohort, type PolicyCohort } from './cohort';
import { computeFitPoints } from '../scoring/fit';
import { buildFeatures, buildFeatureSpec, type BaselineScorer, type FeatureSpec } from './features';
import { buildLeadHistory, DAY_MS, type LeadHistory } from './history';
import { loadLaterConversions, NO_LATER_ROWS, withOutcomes, type LaterConversionRows, type LaterConversions } from './later-conversions';
import { fitOutcomeModels, sizeBand, type OutcomeModels, type TrainingSet } from './outcome-models';
import {
  assignReps,
  buildRepPool,
  calibrateService,
  DelayCalibration,
  scenarioPool,
  simulateCohort,
  type RepPoolState,
  type RepRow,
  type ScenarioPool,
} from './queue-effects';

/** An MQL moment within this of the historical mql_at is the same MQL (shared); farther moves make it a new MQL at another time. */
export const SAME_MQL_TOLERANCE_MS = 7 * DAY_MS;

export type { PolicyCohort } from './cohort';

/**
 * 'capacity' (default): reps work whole leads per day up to their daily
 * capacity (reps table, else estimated from history), queue/simulate.ts as is.
 * 'calibrated': no daily cap; each rep's service time is fitted so the
 * simulated baseline reproduces the rep's observed median delay. On the
 * shipped sample 'capacity' responds to load changes more like the truth
 * (bench/forecast-accuracy.ts --queue calibrated shows the other).
 */
export type QueueModel = 'capacity' | 'calibrated';

export interface SessionOptions {
  readonly seed?: number;
  readonly queueModel?: QueueModel;
  /** Stages of the open (fraction in [0, 1], a message in words): a minute at 1M leads. */
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Stops the open at its next stage. */
  readonly signal?: AbortSignal;
}

/** A stage of the open begins: said, unless the open was cancelled (then it stops here). */
function stage(options: SessionOptions, fraction: number, message: string): void {
  options.signal?.throwIfAborted();
  options.onProgress?.(fraction, message);
}

export class ForecastSession {
  private observedCache = new Map<string, Promise<ObservedMetricsResult>>();
  /** Baseline cohort, its pool and its simulated first touches per run (run 0 kept; others recomputed). */
  readonly baseCohort: PolicyCohort;
  readonly basePool: ScenarioPool;
  readonly baseContact0: Float64Array;
  /** Row of each lead in baseCohort, -1 when not a baseline MQL. */
  readonly baseRowOfLead: Int32Array;
  /** Historical MQLs per rep per working day (for choosing which reps a cut removes). */
  readonly loadPerRep: Float64Array;
  readonly fitMs: number;
  /** Row of each lead in training (its historical MQL), -1 none. */
  readonly trainingRowOfLead: Int32Array;
  /** The full-data models' linear predictors over the training rows (most scenario MQLs are training rows). */
  readonly trainEtas: Etas;
  /** SLA deadlines per lead, memoised by (arrival, SLA ms, rep schedule): most MQLs keep theirs across scenarios. */
  readonly deadlineCache: DeadlineCache;
  /** Simulated-to-observed delay map for MQLs without an observed contact (queue-effects.ts). */
  readonly delayCalibration: DelayCalibration;
  /** Run 0's last queue simulation (the baseline's, then each slider move's): the next move restarts from it (queue/restart.ts). */
  readonly queueMemo = new SimulationMemo();
  /** Service-time calibration of the baseline queue (queue-effects.ts calibrateService). */
  readonly calibration: ReturnType<typeof calibrateService> | null;
  /** Recycled leads' handoffs after their first, with outcomes (later-conversions.ts). */
  readonly later: LaterConversions;

  private constructor(
    readonly ws: Workspace | null,
    readonly cols: SessionColumns,
    readonly baseline: Policy,
    readonly hist: LeadHistory,
    readonly replayer: Replayer,
    readonly spec: FeatureSpec,
    readonly scorer: BaselineScorer,
    readonly training: TrainingSet,
    readonly models: OutcomeModels,
    readonly pool: RepPoolState,
    readonly repSchedules: RepSchedules,
    readonly seed: number,
    readonly queueModel: QueueModel,
    laterRows: LaterConversionRows,
  ) {
    const started = performance.now();
    this.later = withOutcomes(laterRows, hist.dataEnd);
    this.trainingRowOfLead = new Int32Array(hist.n).fill(-1);
    training.rows.forEach((i, t) => (this.trainingRowOfLead[i] = t));
    this.trainEtas = computeEtas(models, training.x, training.rows.length);
    this.deadlineCache = new DeadlineCache(hist.n);
    this.loadPerRep = new Float64Array(pool.ids.length);
    for (let i = 0; i < hist.n; i++) {
      const code = hist.repCode[i]!;
      if (hist.handed[i] && code >= 0 && pool.repOfCode[code]! >= 0) this.loadPerRep[pool.repOfCode[code]!]! += 1;
    }
    this.baseCohort = this.cohortFor(baseline);
    let basePool = scenarioPool(pool, baseline, this.loadPerRep);
    const baseRep = assignReps(cols, hist, pool, basePool, this.baseCohort.lead, this.baseCohort.arrival, this.baseCohort.shared, seed, this.loadPerRep);
    (this.baseCohort as { rep: Int32Array }).rep = baseRep;
    this.calibration = null;
    if (queueModel === 'calibrated') {
      const uncapped = { ...basePool, capacity: Float64Array.from(basePool.capacity, () => Number.POSITIVE_INFINITY) };
      this.calibration = calibrateService(pool, hist, this.baseCohort, (serviceMs) =>
        simulateCohort({ ...uncapped, serviceMs }, this.baseCohort, this.baseCohort.lead, seed, 0),
      );
      pool.calibratedServiceMs = this.calibration.serviceMs;
      basePool = scenarioPool(pool, baseline, this.loadPerRep);
    }
    this.basePool = basePool;
    this.baseContact0 = simulateCohort(this.basePool, this.baseCohort, this.baseCohort.lead, seed, 0, this.queueMemo);
    this.delayCalibration = DelayCalibration.fromBaseline(hist, this.baseCohort, this.baseContact0, basePool.schedules, repSchedules.fallback);
    this.baseRowOfLead = new Int32Array(hist.n).fill(-1);
    this.baseCohort.lead.forEach((i, k) => (this.baseRowOfLead[i] = k));
    this.fitMs = performance.now() - started;
  }

  static async open(ws: Workspace, options: SessionOptions = {}): Promise<ForecastSession> {
    // Shares of the open by what each stage took at 1M leads: reading the tables about half, the model fits a third.
    const cols = await loadColumns(ws, (f, table) => stage(options, 0.45 * f, `Reading the ${table}`));
    stage(options, 0.45, 'Reading the policy in force and the reps\' schedules');
    const baseline = await loadBaseline(ws, cols);
    const schedules = await readRepSchedules(ws, cols.timezone);
    const reps = await readReps(ws);
    const later = await loadLaterConversions(ws, cols);
    // The session works on its own columns from here: DuckDB's copies of the blocks it read are dead weight.
    await releaseBufferCache(ws);
    return ForecastSession.fromParts(ws, cols, baseline, schedules, reps, options, later);
  }

  /** Builds a session from loaded parts (tests, or a caller that already holds the columns). */
  static fromParts(
    ws: Workspace | null,
    cols: WorkspaceColumns,
    baseline: Policy,
    schedules: RepSchedules,
    reps: readonly RepRow[],
    options: SessionOptions = {},
    later: LaterConversionRows = NO_LATER_ROWS,
  ): ForecastSession {
    stage(options, 0.5, 'Rebuilding each lead\'s history');
    const hist = buildLeadHistory(cols, later.endMs);
    const rowsList: number[] = [];
    for (let i = 0; i < hist.n; i++) if (hist.handed[i]) rowsList.push(i);
    const rows = Int32Array.from(rowsList);
    const spec = buildFeatureSpec(cols, rows);
    const fit = new Float64Array(cols.leads.n);
    computeFitPoints(cols.leads, baseline.scoring.fit_points, fit);
    const scorer: BaselineScorer = { rules: compileRules(baseline, cols.activities), fit };
    const x = buildFeatures(
      cols,
      spec,
      rows,
      Float64Array.from(rows, (i) => hist.mqlAt[i]!),
      Uint8Array.from(rows, (i) => (cols.handoffs.trigger[i] === TRIGGER_HIGH_INTENT ? 1 : 0)),
      scorer,
    );
    const band = Uint8Array.from(rows, (i) => sizeBand(cols.leads.companySize[i]!));
    stage(options, 0.55, 'Fitting the outcome models (acceptance, contact, conversion)');
    // Fitted on the doubles as built; the session keeps the compact copy.
    const models = fitOutcomeModels({ rows, x, hist, band });
    const training: TrainingSet = { rows, x: x.map(compactColumn), hist, band };
    stage(options, 0.85, 'Estimating each rep\'s queue and replaying the policy in force');
    const pool = buildRepPool(cols, hist, reps, schedules, baseline);
    // From here on the session reads the dispositions only through hist.
    const kept = withoutDispositions(cols);
    return new ForecastSession(ws, kept, baseline, hist, new Replayer(kept), spec, scorer, training, models, pool, schedules, options.seed ?? 1, options.queueModel ?? 'capacity', later);
  }

  /**
   * Every handed-off MQL of a policy, any time (queue load outside the window
   * still delays contacts inside it), in arrival order. Reps are left -1
   * (assignReps fills them). Uses the replayer: overwrites its last result.
   */
  cohortFor(policy: Policy): PolicyCohort {
    return buildCohort(this.replayer.rescore(policy), this.hist, policy, SAME_MQL_TOLERANCE_MS);
  }

  /** Observed metrics of a window (cached): the `observed` side of a forecast. */
  observed(from: string | null, to: string | null): Promise<ObservedMetricsResult> | null {
    if (this.ws === null) return null;
    const key = `${from ?? ''}|${to ?? ''}`;
    let p = this.observedCache.get(key);
    if (!p) {
      p = observedMetrics(this.ws, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      this.observedCache.set(key, p);
    }
    return p;
  }
}

export async function readReps(ws: Workspace): Promise<RepRow[]> {
  const rows = (
    await ws.connection.runAndReadAll(
      `SELECT rep_id, region, segment, daily_capacity::DOUBLE AS cap,
              epoch_ms(active_from::TIMESTAMP)::DOUBLE AS af,
              epoch_ms((active_to + INTERVAL 1 DAY)::TIMESTAMP)::DOUBLE AS at
         FROM reps WHERE rep_id IS NOT NULL ORDER BY rep_id`,
    )
  ).getRowObjectsJS();
  const seen = new Set<string>();
  const out: RepRow[] = [];
  for (const r of rows) {
    const id = String(r.rep_id).trim();
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      region: typeof r.region === 'string' ? r.region : null,
      segment: typeof r.segment === 'string' ? r.segment : null,
      dailyCapacity: typeof r.cap === 'number' && r.cap > 0 ? r.cap : null,
      activeFrom: typeof r.af === 'number' ? r.af : Number.NaN,
      // active_to is an inclusive date: the rep works through its end.
      activeTo: typeof r.at === 'number' ? r.at - 1 : Number.NaN,
    });
  }
  return out;
}
