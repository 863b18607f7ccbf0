// What the Scenario editor asks of the engine, without React.
//
// The slider path: every edit changes the draft at once (the controls never
// wait), and the forecast of the newest draft is asked for with runs: 0 through
// a latest-wins gate, so a drag costs a few forecasts, not one per pixel.
// Once the draft has been still for a moment, the 90% intervals are asked for
// as a job (progress shown by the editor, cancellable); any new edit, or leaving
// the screen, cancels that job: its answer would be stale (the engine runs the
// next expected-values answer at the job's next yield point either way).
import type { DiffKind, Scenario } from '../../engine/api/contract';
import type { AppStore } from '../store/app-store';
import type { ForecastResult } from '../store/scenario-slice';
import { draftOf } from '../store/scenario-slice';
import { errorInfo } from './actions';
import type { Platform } from './platform';
import { LatestWins } from './scenario-coalesce';
import { applySuggestedPoints, scenarioKey, type ScenarioEdit } from './scenario-edits';
import { markInput } from './scenario-timing';
import { curveKey } from './threshold-preview';

/** The draft must be still this long before the (seconds-long) interval runs start. */
export const INTERVAL_DELAY_MS = 900;
/** Paging the lead diff is cheap, but not free: wait for the draft to settle. */
export const DIFF_DELAY_MS = 250;
export const DIFF_PAGE_SIZE = 25;

interface Controller {
  readonly gate: LatestWins<Scenario>;
  intervalTimer: ReturnType<typeof setTimeout> | null;
  diffTimer: ReturnType<typeof setTimeout> | null;
  diffRequest: number;
  /** Keys whose intervals the user cancelled: not restarted by themselves. */
  readonly declined: Set<string>;
  /** Recent answers by draft key, so undo/redo (or A/B toggling in a workshop) shows them at once. */
  readonly cache: Map<string, CachedAnswers>;
  /** curveKey() of the threshold curve being computed, if any. */
  curveRequest: string | null;
}

interface CachedAnswers {
  point?: ForecastResult;
  intervals?: ForecastResult;
}

const CACHE_SIZE = 32;

function remember(c: Controller, key: string, answers: CachedAnswers): void {
  const known = c.cache.get(key) ?? {};
  c.cache.delete(key); // re-insert: Map order is the eviction order
  c.cache.set(key, { ...known, ...answers });
  if (c.cache.size > CACHE_SIZE) c.cache.delete(c.cache.keys().next().value as string);
}

const controllers = new WeakMap<AppStore, { platform: Platform; c: Controller }>();
let jobSequence = 0;

function nextJobId(kind: 'point' | 'intervals' | 'suggest' | 'curve' | 'baseline'): string {
  jobSequence += 1;
  return `scenario-${kind}-${Date.now().toString(36)}-${jobSequence}`;
}

function controllerFor(platform: Platform, store: AppStore): Controller {
  const known = controllers.get(store);
  if (known && known.platform === platform) return known.c;
  const c: Controller = {
    gate: new LatestWins<Scenario>((draft, key) => sendPoint(platform, store, draft, key)),
    intervalTimer: null,
    diffTimer: null,
    diffRequest: 0,
    declined: new Set(),
    cache: new Map(),
    curveRequest: null,
  };
  controllers.set(store, { platform, c });
  return c;
}

const currentKey = (store: AppStore): string | null => {
  const d = draftOf(store.getState());
  return d ? scenarioKey(d) : null;
};

/** The baseline and the saved list of the open workspace (again after a workspace change, or when forced). */
export async function loadScenarioWorkspace(platform: Platform, store: AppStore, force = false): Promise<void> {
  const s = store.getState();
  const ws = s.workspace;
  if (!ws) return;
  if (!force && s.scenarioWorkspace === ws && s.scenarioBaselineStatus !== 'error' && s.scenarioBaselineStatus !== 'idle') return;
  const c = controllerFor(platform, store);
  c.gate.reset();
  c.cache.clear();
  c.curveRequest = null;
  // On first use the engine opens its forecast session (a minute at 1M leads): its stages are this job's progress.
  const jobId = nextJobId('baseline');
  s.jobShownOn(jobId, 'scenarios');
  s.scenarioBaselineRequested(ws, jobId);
  try {
    const [baseline] = await Promise.all([platform.client.baselineScenario({ jobId }), refreshScenarioList(platform, store)]);
    store.getState().scenarioBaselineLoaded(ws, baseline);
  } catch (err) {
    store.getState().scenarioBaselineFailed(ws, store.getState().cancelledJobs.has(jobId) ? { message: 'Cancelled: the forecast was not prepared. Retry when you are ready to wait for it.' } : errorInfo(err));
  } finally {
    store.getState().jobGone(jobId);
  }
}

export async function refreshScenarioList(platform: Platform, store: AppStore): Promise<void> {
  try {
    store.getState().scenarioListLoaded(await platform.client.listScenarios({}));
  } catch {
    // The list is a convenience: the editor works without it, and the next save refreshes it.
  }
}

/** An edit from a control. `timed`: a slider or stepper move, measured to the redrawn chart. */
export function editScenario(store: AppStore, edit: ScenarioEdit, timed = false): void {
  if (timed) markInput(scenarioKey(edit.next));
  store.getState().scenarioEdited(edit, Date.now());
}

/** Ask for whatever the current draft still lacks: its expected values now, its intervals once it is still. */
export function requestScenarioForecast(platform: Platform, store: AppStore): void {
  const draft = draftOf(store.getState());
  if (!draft) return;
  const key = scenarioKey(draft);
  const c = controllerFor(platform, store);
  const s = store.getState();
  if (s.scenarioIntervalJob && s.scenarioIntervalJob.key !== key) void stopIntervals(platform, store);
  if (c.intervalTimer) clearTimeout(c.intervalTimer);
  c.intervalTimer = null;
  const cached = c.cache.get(key);
  if (cached && s.workspace && s.scenarioWorkspace === s.workspace) {
    if (cached.point && s.scenarioPoint?.key !== key) s.scenarioPointLoaded(s.workspace, key, cached.point);
    if (cached.intervals && s.scenarioIntervals?.key !== key) s.scenarioIntervalsLoaded(s.workspace, key, cached.intervals);
  }
  if (store.getState().scenarioPoint?.key === key) scheduleIntervals(platform, store, key);
  else c.gate.submit(key, draft);
}

async function sendPoint(platform: Platform, store: AppStore, draft: Scenario, key: string): Promise<void> {
  const ws = store.getState().workspace;
  if (!ws) return;
  const jobId = nextJobId('point');
  // An expected-values answer takes a fraction of a second: its "Starting"/"Done" events
  // would only flash the jobs panel (and churn the store) on every slider move, so they are
  // muted like a cancelled job's rather than kept and hidden as the interval job is.
  store.getState().jobCancelled(jobId);
  try {
    const result = await platform.client.forecast({ scenario: draft, runs: 0, jobId });
    if (store.getState().scenarioWorkspace === ws) remember(controllerFor(platform, store), key, { point: result });
    store.getState().scenarioPointLoaded(ws, key, result);
    if (currentKey(store) === key) {
      // The first answer on the screen: the curve is ready before the first drag.
      if (store.getState().scenarioCurve === null) void requestThresholdCurve(platform, store);
      scheduleIntervals(platform, store, key);
    }
  } catch (err) {
    store.getState().scenarioForecastFailed(ws, key, errorInfo(err));
  }
}

/**
 * The draft's threshold curve (a sweep with its other blocks held), which a threshold
 * drag is previewed from (threshold-preview.ts). Asked when the editor first answers
 * and when the threshold control is taken up; one at a time, never twice for a key.
 * The engine runs a waiting slider forecast between the sweep's steps.
 */
export async function requestThresholdCurve(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const draft = draftOf(s);
  const ws = s.workspace;
  if (!draft || !ws || s.scenarioWorkspace !== ws) return;
  const key = curveKey(draft);
  const c = controllerFor(platform, store);
  if (s.scenarioCurve?.key === key || c.curveRequest !== null) return;
  c.curveRequest = key;
  const jobId = nextJobId('curve');
  // Background work the user did not ask for by name: no jobs-panel entry (muted as a point answer is).
  s.jobCancelled(jobId);
  try {
    const result = await platform.client.sweep({ scenario: draft, jobId });
    store.getState().scenarioCurveLoaded(ws, { key, result });
  } catch {
    // No curve, no preview: a drag shows "Updating" until its forecast arrives, as without one.
  } finally {
    if (c.curveRequest === key) c.curveRequest = null;
  }
}

function scheduleIntervals(platform: Platform, store: AppStore, key: string): void {
  const c = controllerFor(platform, store);
  const s = store.getState();
  if (s.scenarioIntervals?.key === key || s.scenarioIntervalJob?.key === key || c.declined.has(key)) return;
  if (c.intervalTimer) clearTimeout(c.intervalTimer);
  c.intervalTimer = setTimeout(() => {
    c.intervalTimer = null;
    if (currentKey(store) === key) void computeScenarioIntervals(platform, store);
  }, INTERVAL_DELAY_MS);
}

/** The 90% intervals of the current draft, as a cancellable job with progress. */
export async function computeScenarioIntervals(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const draft = draftOf(s);
  const ws = s.workspace;
  if (!draft || !ws) return;
  const key = scenarioKey(draft);
  if (s.scenarioIntervals?.key === key || s.scenarioIntervalJob?.key === key) return;
  const c = controllerFor(platform, store);
  c.declined.delete(key);
  const jobId = nextJobId('intervals');
  // The editor shows the intervals' progress and Cancel beside the forecast.
  s.jobShownOn(jobId, 'scenarios');
  s.scenarioIntervalsStarted({ key, jobId });
  try {
    const result = await platform.client.forecast({ scenario: draft, jobId });
    if (store.getState().scenarioWorkspace === ws) remember(c, key, { intervals: result });
    store.getState().scenarioIntervalsLoaded(ws, key, result);
  } catch (err) {
    const cancelled = store.getState().cancelledJobs.has(jobId);
    // Cancelled from the jobs panel: the user said no for this draft; do not start it again by itself.
    if (cancelled && store.getState().scenarioIntervalJob?.jobId === jobId) c.declined.add(key);
    store.getState().scenarioIntervalsEnded(jobId, cancelled ? null : { key, error: errorInfo(err) });
  } finally {
    store.getState().jobGone(jobId);
  }
}

/** Cancel the interval job, if any (an edit made it stale, or the user left the screen). */
export async function stopIntervals(platform: Platform, store: AppStore): Promise<void> {
  const c = controllerFor(platform, store);
  if (c.intervalTimer) clearTimeout(c.intervalTimer);
  c.intervalTimer = null;
  const job = store.getState().scenarioIntervalJob;
  if (!job) return;
  store.getState().scenarioIntervalsEnded(job.jobId, null);
  store.getState().jobCancelled(job.jobId);
  try {
    await platform.client.cancel(job.jobId);
  } catch {
    // The job ends by itself; nothing waits on it.
  }
}

/** The user's own Cancel: the draft keeps its expected values and offers "Compute" again. */
export async function cancelScenarioIntervals(platform: Platform, store: AppStore): Promise<void> {
  const job = store.getState().scenarioIntervalJob;
  if (job) controllerFor(platform, store).declined.add(job.key);
  await stopIntervals(platform, store);
}

/** The screen is going away: nothing of ours should keep the engine busy. */
export function leaveScenarios(platform: Platform, store: AppStore): void {
  const c = controllerFor(platform, store);
  if (c.diffTimer) clearTimeout(c.diffTimer);
  c.diffTimer = null;
  void stopIntervals(platform, store);
}

// ---- Suggested points -------------------------------------------------------------

/**
 * "Suggest points from evidence": the engine fits activity and fit points to
 * which leads became opportunities, as a cancellable job whose progress the
 * editor shows in place. The answer waits in the store until applied or dismissed.
 */
export async function suggestScenarioPoints(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const ws = s.workspace;
  if (!ws || s.scenarioSuggestJob !== null) return;
  const jobId = nextJobId('suggest');
  s.jobShownOn(jobId, 'scenarios');
  s.scenarioSuggestStarted(jobId);
  // The engine runs one job at a time: the interval runs would hold the fit up for seconds. They start again after.
  const interrupted = s.scenarioIntervalJob !== null;
  if (interrupted) await stopIntervals(platform, store);
  try {
    const result = await platform.client.suggestWeights({ jobId });
    if (store.getState().workspace === ws) store.getState().scenarioSuggestLoaded(jobId, result);
    else store.getState().scenarioSuggestEnded(jobId, null);
  } catch (err) {
    store.getState().scenarioSuggestEnded(jobId, store.getState().cancelledJobs.has(jobId) ? null : errorInfo(err));
  } finally {
    store.getState().jobGone(jobId);
    if (interrupted) requestScenarioForecast(platform, store);
  }
}

/** The user's Cancel on the suggest job. */
export async function cancelSuggestScenarioPoints(platform: Platform, store: AppStore): Promise<void> {
  const jobId = store.getState().scenarioSuggestJob;
  if (!jobId) return;
  store.getState().scenarioSuggestEnded(jobId, null);
  store.getState().jobCancelled(jobId);
  try {
    await platform.client.cancel(jobId);
  } catch {
    // The job ends by itself; nothing waits on it.
  }
}

/** Take the suggested scoring block and threshold into the draft as one undoable edit, and close the panel. */
export function applySuggestedScenarioPoints(store: AppStore): boolean {
  const s = store.getState();
  const draft = draftOf(s);
  const suggestion = s.scenarioSuggestion;
  if (!draft || !suggestion) return false;
  editScenario(store, applySuggestedPoints(draft, suggestion.scenario));
  store.getState().scenarioSuggestDismissed();
  store.getState().notify('Applied the suggested points. Undo puts the previous ones back.');
  return true;
}

// ---- Lead diff ------------------------------------------------------------------

export function diffKey(draftKey: string, kind: DiffKind, offset: number): string {
  return `${kind}|${offset}|${draftKey}`;
}

/** The page of the lead diff the screen shows, once the draft has settled; latest wins. */
export function requestLeadDiff(platform: Platform, store: AppStore): void {
  const c = controllerFor(platform, store);
  if (c.diffTimer) clearTimeout(c.diffTimer);
  c.diffTimer = setTimeout(() => {
    c.diffTimer = null;
    // Moved on since: the engine runs one request at a time, so a diff now would hold up the new
    // draft's forecast if it got in first (the engine puts a waiting forecast first, but cannot
    // stop a running page). The screen asks again once that forecast is in.
    if (store.getState().scenarioPoint?.key !== currentKey(store)) return;
    void loadLeadDiff(platform, store);
  }, DIFF_DELAY_MS);
}

export async function loadLeadDiff(platform: Platform, store: AppStore): Promise<void> {
  const s = store.getState();
  const draft = draftOf(s);
  if (!draft) return;
  const key = diffKey(scenarioKey(draft), s.scenarioDiffKind, s.scenarioDiffOffset);
  if (s.scenarioDiff?.key === key && s.scenarioDiffStatus === 'ready') return;
  const c = controllerFor(platform, store);
  const id = ++c.diffRequest;
  // A running interval job need not stop: the engine runs a page at the job's next yield point.
  s.scenarioDiffRequested();
  try {
    const result = await platform.client.leadDiff({ scenario: draft, kind: s.scenarioDiffKind, offset: s.scenarioDiffOffset, limit: DIFF_PAGE_SIZE });
    if (id === c.diffRequest) store.getState().scenarioDiffLoaded(key, result);
  } catch (err) {
    if (id === c.diffRequest) store.getState().scenarioDiffFailed(key, errorInfo(err));
  }
}

/**
 * The hook for CSV export of the lead diff (built by the Export work): the
 * request that lists every lead of the kind shown, for the current draft. An
 * exporter pages through leadDiff with it (offset/limit) and writes the rows.
 */
export function leadDiffExportRequest(store: AppStore): { scenario: Scenario; kind: DiffKind } | null {
  const s = store.getState();
  const draft = draftOf(s);
  return draft ? { scenario: draft, kind: s.scenarioDiffKind } : null;
}

// ---- Saved scenarios -------------------------------------------------------------

async function busy<T>(platform: Platform, store: AppStore, verb: string, work: () => Promise<T>): Promise<T | null> {
  store.getState().scenarioBusyWith(verb);
  store.getState().scenarioNameFailed(null);
  // The engine runs one job at a time: a save must not wait seconds behind interval runs. They start again after.
  const interrupted = store.getState().scenarioIntervalJob !== null;
  if (interrupted) await stopIntervals(platform, store);
  try {
    return await work();
  } catch (err) {
    store.getState().scenarioNameFailed(errorInfo(err));
    return null;
  } finally {
    store.getState().scenarioBusyWith(null);
    if (interrupted) requestScenarioForecast(platform, store);
  }
}

/** Save the draft under name. overwrite false refuses an existing name (the engine says so, by field). */
export async function saveScenarioAs(platform: Platform, store: AppStore, name: string, overwrite: boolean): Promise<boolean> {
  const draft = draftOf(store.getState());
  if (!draft) return false;
  const saved = await busy(platform, store, 'save', () => platform.client.saveScenario({ name, scenario: { ...draft, name: name.trim() }, overwrite }));
  if (!saved) return false;
  store.getState().scenarioSavedAs(saved.name, draft);
  store.getState().notify(`Saved “${saved.name}”.`);
  await refreshScenarioList(platform, store);
  return true;
}

export async function renameCurrentScenario(platform: Platform, store: AppStore, to: string): Promise<boolean> {
  const from = store.getState().scenarioName;
  if (!from) return false;
  const saved = await busy(platform, store, 'rename', () => platform.client.renameScenario({ from, to }));
  if (!saved) return false;
  store.getState().scenarioRenamedTo(from, saved.name);
  store.getState().notify(`Renamed to “${saved.name}”.`);
  await refreshScenarioList(platform, store);
  return true;
}

/** Copy the saved scenario to a new name and carry on editing the copy (edits not yet saved stay in the draft). */
export async function duplicateCurrentScenario(platform: Platform, store: AppStore, to: string): Promise<boolean> {
  const from = store.getState().scenarioName;
  if (!from) return false;
  const saved = await busy(platform, store, 'duplicate', () => platform.client.duplicateScenario({ from, to }));
  if (!saved) return false;
  store.getState().scenarioRenamedTo(from, saved.name);
  store.getState().notify(`Duplicated as “${saved.name}”.`);
  await refreshScenarioList(platform, store);
  return true;
}

export async function deleteSavedScenario(platform: Platform, store: AppStore, name: string): Promise<boolean> {
  const done = await busy(platform, store, 'delete', () => platform.client.deleteScenario({ name }));
  if (!done) return false;
  store.getState().scenarioDeleted(name);
  store.getState().notify(`Deleted “${name}”.`);
  await refreshScenarioList(platform, store);
  return true;
}

export async function openSavedScenario(platform: Platform, store: AppStore, name: string): Promise<boolean> {
  const saved = await busy(platform, store, 'open', () => platform.client.getScenario({ name }));
  if (!saved) return false;
  store.getState().scenarioOpened(saved, Date.now());
  return true;
}

/** Undo/redo from the menu or the keyboard; false when the editor has nothing to undo/redo. */
export function undoScenario(store: AppStore): boolean {
  return store.getState().scenarioUndo();
}

export function redoScenario(store: AppStore): boolean {
  return store.getState().scenarioRedo();
}
