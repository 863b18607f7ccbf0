// Comparing saved scenarios: list them, then forecast the policy in force and
// each picked scenario with 90% intervals, one after the other (the engine
// runs one forecast at a time anyway), each as a job with its own id so the
// user sees its progress and can cancel. A column whose scenario was not
// re-saved since its last run keeps its numbers instead of running again.
import type { Scenario } from '../../engine/api/contract';
import type { AppStore } from '../store/app-store';
import { BASELINE_KEY, MIN_COMPARED, type CompareRun } from '../store/compare-slice';
import { cancelJob, errorInfo } from './actions';
import type { Platform } from './platform';

export const BASELINE_LABEL = 'Policy in force';

export async function loadScenarioList(platform: Platform, store: AppStore): Promise<void> {
  const workspace = store.getState().workspace?.path;
  if (!workspace) return;
  store.getState().compareListLoading(workspace);
  try {
    const listing = await platform.client.listScenarios({});
    store.getState().compareListLoaded(workspace, listing);
  } catch (err) {
    store.getState().compareListFailed(workspace, errorInfo(err));
  }
}

/** Lists and runs belong to one workspace: another one opened means starting over. */
export function syncCompareWorkspace(store: AppStore): void {
  const path = store.getState().workspace?.path ?? null;
  if (store.getState().compareWorkspace !== path) store.getState().compareReset(path);
}

let jobCounter = 0;
export function nextJobId(prefix: string): string {
  jobCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${jobCounter}`;
}

interface PlannedColumn {
  readonly key: string;
  readonly label: string;
  readonly version: string | null;
  readonly scenario: () => Promise<unknown>;
}

/** The policy in force over the picked scenarios' window, so both sides of a delta count the same MQLs. */
export function baselineOver(baseline: Scenario, window: Scenario['window'] | undefined): Scenario {
  return window ? { ...baseline, window } : baseline;
}

export async function runComparison(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const names = s.compareSelected;
  if (!s.workspace || names.length < MIN_COMPARED) return;
  const listed = new Map(s.compareListing.map((l) => [l.name, l.updatedAt]));
  const previous = new Map(s.compareRuns.map((r) => [r.key, r]));

  // Bodies first: the baseline's window follows the first scenario's.
  let bodies: Map<string, Scenario>;
  let baseline: Scenario;
  try {
    const saved = await Promise.all(names.map((name) => platform.client.getScenario({ name })));
    bodies = new Map(saved.map((x) => [x.name, x.scenario]));
    baseline = baselineOver((await platform.client.baselineScenario({})).scenario, saved[0]?.scenario.window);
  } catch (err) {
    store.getState().compareFailed(errorInfo(err));
    return;
  }

  const planned: PlannedColumn[] = [
    { key: BASELINE_KEY, label: BASELINE_LABEL, version: JSON.stringify(baseline.window ?? null), scenario: async () => baseline },
    ...names.map((name) => ({ key: name, label: name, version: listed.get(name) ?? null, scenario: async () => bodies.get(name) })),
  ];
  const reused = (p: PlannedColumn): CompareRun | null => {
    const prev = previous.get(p.key);
    return prev && prev.status === 'ready' && prev.version === p.version ? prev : null;
  };
  const generation = store
    .getState()
    .compareStarted(planned.map((p) => reused(p) ?? { key: p.key, label: p.label, status: 'queued', jobId: null, result: null, error: null, version: p.version }));

  for (const p of planned) {
    if (reused(p)) continue;
    if (store.getState().compareGeneration !== generation) return; // cancelled or superseded
    const jobId = nextJobId('compare');
    // The comparison table shows this run's progress in its row.
    store.getState().jobShownOn(jobId, 'compare');
    store.getState().compareRunUpdated(generation, p.key, { status: 'running', jobId });
    try {
      const result = await platform.client.forecast({ scenario: await p.scenario(), jobId });
      store.getState().compareRunUpdated(generation, p.key, { status: 'ready', result, jobId: null });
    } catch (err) {
      const cancelled = store.getState().cancelledJobs.has(jobId);
      store.getState().compareRunUpdated(generation, p.key, cancelled ? { status: 'cancelled', jobId: null } : { status: 'error', error: errorInfo(err), jobId: null });
    } finally {
      store.getState().jobGone(jobId);
    }
  }
}

/** Stop the running forecast and the ones still waiting; finished columns stay. */
export async function cancelComparison(platform: Platform, store: AppStore): Promise<void> {
  const running = store.getState().compareRuns.find((r) => r.status === 'running' && r.jobId !== null);
  store.getState().compareCancelled();
  if (running?.jobId) await cancelJob(platform, store, running.jobId);
}
