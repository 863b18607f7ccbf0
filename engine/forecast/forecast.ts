// forecast(): a scenario -> the forecast@1 JSON of DATA_CONTRACT section 3.
// The expected values come from one evaluation (kernel.ts, run 0); with
// runs > 0 the 90% intervals come from that many bootstrap/simulation runs
// (intervals.ts), with progress and cancellation.
import type { QueueSimExecutor } from '../queue/sim-executor';
import { METRIC_NAMES, type MetricName, type ObservedMetricsResult, type SegmentEntry } from '../metrics/types';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import type { Workspace } from '../workspace/database';
import type { MetricValues } from './assemble';
import { groupMetricValues } from './group-metrics';
import { SCORE_SUPPORT } from './history';
import { interval90 } from './intervals';
import { intervalRuns } from './interval-runs';
import { evaluate, prepareScenario, type ScenarioState } from './kernel';
import type { OutcomeModels } from './outcome-models';
import { segmentGroups as segmentGroupsOf } from './segment-groups';
import { ForecastSession } from './session';
import { FORECAST_SCHEMA, type ForecastMetric, type ForecastMetrics, type ForecastResult, type ForecastSegment, type LeadExpectations } from './types';

export interface ForecastOptions {
  /** Interval runs; default the scenario's simulation.runs (200). 0 = expected values only (the slider path). */
  readonly runs?: number;
  /** Overrides the scenario's simulation.seed for the interval runs. */
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Where the interval runs' queue draws are simulated; default the process's worker threads. */
  readonly executor?: QueueSimExecutor;
  /** Queue draws of the interval runs (benchmarks); default interval-runs.ts queueDrawCount. */
  readonly queueDraws?: number;
  /** Awaited between the interval runs' steps (the engine's queue lets a slider's forecast run there); default: the next event-loop turn. */
  readonly yieldPoint?: () => Promise<void>;
}

export class ForecastAborted extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The forecast was cancelled.');
  }
}

const bootCache = new WeakMap<ForecastSession, Map<number, OutcomeModels>>();

type Dim = 'tier' | 'source' | 'week';
const DIMS: readonly Dim[] = ['tier', 'source', 'week'];

export async function forecast(source: Workspace | ForecastSession, scenario: unknown, options: ForecastOptions = {}): Promise<ForecastResult> {
  const started = performance.now();
  const session = source instanceof ForecastSession ? source : await ForecastSession.open(source);
  const policy = resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
  const observedP = session.observed(policy.window.from, policy.window.to);
  const st = prepareScenario(session, policy);
  const point = evaluate(session, st, session.models, 0);
  const groups = segmentGroups(session, st, point);

  const runs = Math.max(0, Math.floor(options.runs ?? policy.simulation.runs));
  const seed = options.seed ?? policy.simulation.seed;
  let reps: MetricValues[][] = groups.map(() => []); // per group, per run
  let overallReps: MetricValues[] = [];
  if (runs > 0) {
    let cache = bootCache.get(session);
    if (!cache) bootCache.set(session, (cache = new Map()));
    if (options.signal?.aborted) throw new ForecastAborted();
    // Two levels (interval-runs.ts): K simulated queue draws, then every run's draws as arithmetic on their sums.
    const out = await intervalRuns(session, st, groups, point, runs, seed, {
      modelCache: cache,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.executor ? { executor: options.executor } : {}),
      ...(options.yieldPoint ? { yieldPoint: options.yieldPoint } : {}),
      ...(options.queueDraws !== undefined ? { queueDraws: options.queueDraws } : {}),
      stop: () => options.signal?.aborted === true,
    });
    if (out === null) throw new ForecastAborted();
    overallReps = out.overall;
    reps = out.groups;
  }

  const observed = observedP ? await observedP : null;
  const pointValues = groupMetricValues(point, groups, null);
  const metrics = combine(pointValues.overall, overallReps, observed?.metrics ?? null);
  const segments: Record<Dim, ForecastSegment[]> = { tier: [], source: [], week: [] };
  groups.forEach((g, gi) => {
    const obs = observed ? findSegment(observed, g.dim, g.key) : null;
    segments[g.dim].push({ key: g.key, metrics: combine(pointValues.groups[gi]!, reps[gi]!, obs) });
  });
  for (const d of DIMS) segments[d].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const warnings: string[] = [...(observed?.warnings ?? [])];
  if (st.extrapolated > 0) {
    warnings.push(
      `${st.extrapolated.toLocaleString('en-US')} newly qualified leads score below any lead sales has ever seen (fewer than ${SCORE_SUPPORT} handed-off leads scored under ${fmt(session.hist.scoreSupportFloor)}, the lowest ${fmt(session.hist.minScoreSeen)}): their outcomes are extrapolated and their intervals widened.`,
    );
  }
  if (st.dataCompletion > 0) warnings.push(`${st.dataCompletion.toLocaleString('en-US')} MQLs fail the pre-flight checks and go to the data-completion queue: counted, not handed to sales.`);
  if (policy.provenance.inferred) for (const note of policy.provenance.notes) warnings.push(`Baseline inferred: ${note}`);
  if (policy.capacity.extra_reps !== 0) {
    warnings.push(
      policy.capacity.extra_reps > 0
        ? `${policy.capacity.extra_reps} added reps are modelled as copies of the median rep, taking an even share of MQLs.`
        : `${-policy.capacity.extra_reps} removed reps are the full-year reps with the most spare capacity; their MQLs are re-routed.`,
    );
  }
  if (runs === 0) warnings.push('Expected values only: low and high equal the forecast (no interval runs).');

  return {
    schema: FORECAST_SCHEMA,
    scenario: policy.name,
    window: { from: policy.window.from, to: policy.window.to },
    metrics,
    segments,
    warnings,
    details: {
      shared: st.shared,
      entered: st.entered,
      left: st.left,
      extrapolated: st.extrapolated,
      dataCompletion: st.dataCompletion,
      runs,
      elapsedMs: performance.now() - started,
    },
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : 'none';
}

function combine(point: MetricValues, runs: readonly MetricValues[], observed: Readonly<Record<MetricName, { observed: number | null }>> | null): ForecastMetrics {
  const out = {} as Record<MetricName, ForecastMetric>;
  for (const name of METRIC_NAMES) {
    const f = point[name];
    const iv = runs.length > 0 ? interval90(runs.map((r) => r[name])) : null;
    // The point is the full-data expectation; the interval always contains it.
    const low = f === null ? null : iv ? Math.min(iv.low, f) : f;
    const high = f === null ? null : iv ? Math.max(iv.high, f) : f;
    out[name] = { observed: observed ? observed[name].observed : null, forecast: f, low, high };
  }
  return out;
}

function findSegment(obs: ObservedMetricsResult, dim: Dim, key: string): SegmentEntry['metrics'] | null {
  return obs.segments[dim].find((s) => s.key === key)?.metrics ?? null;
}

interface Group {
  readonly dim: Dim;
  readonly key: string;
  readonly rows: Int32Array;
}

/** Rows of the window's MQLs per tier (scenario tier names), source and week (Monday, workspace time zone). */
function segmentGroups(session: ForecastSession, st: ScenarioState, e: LeadExpectations): Group[] {
  return segmentGroupsOf(st.policy, session.cols.leads.strings.source, session.cols.timezone, e);
}
