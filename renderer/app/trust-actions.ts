// The trust panel's checks: the trust report (identity replay, backtest,
// policy change, extrapolation warnings for a scenario) and the scoring's
// model health, asked for together and settled apart, so one that fails (or
// is not built yet) leaves the other on screen.
import type { AppStore } from '../store/app-store';
import { BASELINE_KEY } from '../store/compare-slice';
import { cancelJob, errorInfo } from './actions';
import { nextJobId } from './compare-actions';
import type { Platform } from './platform';

export function syncTrustWorkspace(store: AppStore): void {
  const path = store.getState().workspace?.path ?? null;
  if (store.getState().trustWorkspace !== path) store.getState().trustReset(path);
}

export async function loadTrust(platform: Platform, store: AppStore, force = false): Promise<void> {
  const s = store.getState();
  if (!s.workspace) return;
  const version = s.trustScenario === BASELINE_KEY ? '' : (s.compareListing.find((l) => l.name === s.trustScenario)?.updatedAt ?? '');
  const key = JSON.stringify([s.workspace.path, s.trustScenario, version]);
  const failed = s.trustReport.status === 'error' || s.trustHealth.status === 'error';
  if (!force && s.trustKey === key && !failed) return;
  const jobId = nextJobId('trust');
  s.jobShownOn(jobId, 'trust');
  const request = s.trustRequested(key, jobId);
  let scenario: unknown;
  try {
    scenario = s.trustScenario === BASELINE_KEY ? undefined : (await platform.client.getScenario({ name: s.trustScenario })).scenario;
  } catch (err) {
    store.getState().trustReportSettled(request, { error: errorInfo(err) });
    store.getState().trustHealthSettled(request, { error: errorInfo(err) });
    return;
  }
  const withScenario = scenario === undefined ? {} : { scenario };
  await Promise.all([
    platform.client
      .trust({ ...withScenario, jobId })
      .then((value) => store.getState().trustReportSettled(request, { value }))
      .catch((err: unknown) => {
        const cancelled = store.getState().cancelledJobs.has(jobId);
        store.getState().trustReportSettled(request, { error: cancelled ? { message: 'The trust checks were cancelled.' } : errorInfo(err) });
      })
      .finally(() => store.getState().jobGone(jobId)),
    platform.client
      .modelHealth(withScenario)
      .then((value) => store.getState().trustHealthSettled(request, { value }))
      .catch((err: unknown) => store.getState().trustHealthSettled(request, { error: errorInfo(err) })),
  ]);
}

export async function cancelTrust(platform: Platform, store: AppStore): Promise<void> {
  const jobId = store.getState().trustJobId;
  if (jobId) await cancelJob(platform, store, jobId);
}
