// The threshold frontier: sweep the MQL threshold with the chosen scenario's
// other blocks held (the policy in force, or a saved scenario whose threshold
// is the proposed one). A sweep is a job: progress shows, Cancel stops it.
import type { AppStore } from '../store/app-store';
import { BASELINE_KEY } from '../store/compare-slice';
import { cancelJob, errorInfo } from './actions';
import { nextJobId } from './compare-actions';
import type { Platform } from './platform';

/** Another workspace: the frontier starts over. */
export function syncFrontierWorkspace(store: AppStore): void {
  const path = store.getState().workspace?.path ?? null;
  if (store.getState().frontierWorkspace !== path) store.getState().frontierReset(path);
}

/** What identifies a sweep: workspace, scenario and (for a saved one) when it was last saved. */
export function frontierKey(store: AppStore): string | null {
  const s = store.getState();
  if (!s.workspace) return null;
  const version = s.frontierScenario === BASELINE_KEY ? '' : (s.compareListing.find((l) => l.name === s.frontierScenario)?.updatedAt ?? '');
  return JSON.stringify([s.workspace.path, s.frontierScenario, version]);
}

export async function loadFrontier(platform: Platform, store: AppStore, force = false): Promise<void> {
  const key = frontierKey(store);
  const s = store.getState();
  if (key === null) return;
  if (!force && s.frontierKey === key && s.frontierStatus !== 'error') return;
  const jobId = nextJobId('sweep');
  s.jobShownOn(jobId, 'frontier');
  const request = s.frontierRequested(key, jobId);
  try {
    const scenario =
      s.frontierScenario === BASELINE_KEY ? (await platform.client.baselineScenario({})).scenario : (await platform.client.getScenario({ name: s.frontierScenario })).scenario;
    store.getState().frontierLoaded(request, await platform.client.sweep({ scenario, jobId }));
  } catch (err) {
    const cancelled = store.getState().cancelledJobs.has(jobId);
    store.getState().frontierFailed(request, cancelled ? { message: 'The sweep was cancelled.' } : errorInfo(err));
  } finally {
    store.getState().jobGone(jobId);
  }
}

export async function cancelFrontier(platform: Platform, store: AppStore): Promise<void> {
  const jobId = store.getState().frontierJobId;
  if (jobId) await cancelJob(platform, store, jobId);
}
