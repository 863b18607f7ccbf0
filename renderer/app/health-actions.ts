// Loading the Handoff health screen: the filters become one metrics request
// and one histogram request (same options), sent together; the store keeps
// only the newest answer. The filter menus are filled from the segment keys
// of an unfiltered call, fetched once per workspace.
import type { ContactHistogram, HealthMetrics, MetricsRequest } from '../charts/health-types';
import type { AppStore } from '../store/app-store';
import type { HealthChoices, HealthFilters } from '../store/health-slice';
import { errorInfo } from './actions';
import type { Platform } from './platform';

export function metricsRequest(f: HealthFilters): MetricsRequest {
  const filters: { source?: string[]; tier?: string[]; rep?: string[] } = {};
  if (f.source !== null) filters.source = [f.source];
  if (f.tier !== null) filters.tier = [f.tier];
  if (f.rep !== null) filters.rep = [f.rep];
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  };
}

export function isUnfiltered(request: MetricsRequest): boolean {
  return Object.keys(request).length === 0;
}

const byKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function choicesFrom(workspacePath: string, m: HealthMetrics): HealthChoices {
  const keys = (list: readonly { key: string }[]) => list.map((e) => e.key).sort(byKey);
  const weeks = keys(m.segments.week);
  return {
    workspacePath,
    sources: keys(m.segments.source),
    tiers: keys(m.segments.tier),
    reps: keys(m.segments.rep),
    firstDate: weeks[0] ?? null,
    lastDate: m.data_end ? m.data_end.slice(0, 10) : null,
  };
}

/** Fetch what the filters ask for, unless the screen already shows exactly that (force: the Retry button). */
export async function loadHealth(platform: Platform, store: AppStore, force = false): Promise<void> {
  const s = store.getState();
  const workspace = s.workspace;
  if (!workspace) return;
  const request = metricsRequest(s.healthFilters);
  const key = JSON.stringify([workspace.path, request]);
  if (!force && s.healthKey === key && s.healthStatus !== 'error') return;
  const id = s.healthRequested(key);
  const needChoices = s.healthChoices?.workspacePath !== workspace.path;
  try {
    const [metrics, histogram, unfiltered] = await Promise.all([
      platform.client.metrics(request),
      // The histogram is a nice-to-have: its failure must not blank the whole screen.
      platform.client.contactHistogram(request).catch((): ContactHistogram | null => null),
      needChoices && !isUnfiltered(request) ? platform.client.metrics({}) : Promise.resolve(null),
    ]);
    const source = unfiltered ?? (needChoices ? metrics : null);
    store.getState().healthLoaded(id, { metrics, histogram }, source ? choicesFrom(workspace.path, source) : null);
  } catch (err) {
    store.getState().healthFailed(id, errorInfo(err));
  }
}

/** Window presets relative to the data's end (the last day anything happened), not today: history files are often months old. */
export function windowPreset(lastDate: string, days: number): { from: string; to: string } {
  const end = new Date(`${lastDate}T00:00:00Z`);
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  return { from: start.toISOString().slice(0, 10), to: lastDate };
}
