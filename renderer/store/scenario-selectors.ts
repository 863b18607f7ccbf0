// Selectors of the Scenario editor, module-level for stable identity; the
// object-returning ones are used with useShallow. The draft's key is memoised
// per draft object, so selectors can compare answers to it on every store
// change without re-serialising the scenario each time.
import type { Scenario } from '../../engine/api/contract';
import { scenarioKey } from '../app/scenario-edits';
import type { AppState } from './app-store';
import { bodyKey, type KeyedForecast } from './scenario-slice';

const keys = new WeakMap<Scenario, string>();

export function memoKey(s: Scenario): string {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = scenarioKey(s)));
  return k;
}

const bodies = new WeakMap<Scenario, string>();

function memoBody(s: Scenario): string {
  let k = bodies.get(s);
  if (k === undefined) bodies.set(s, (k = bodyKey(s)));
  return k;
}

export const selectScenarioDraft = (s: AppState): Scenario | null => s.scenarioHistory?.present ?? null;

export const selectScenarioCurve = (s: AppState) => s.scenarioCurve;

export const selectDraftKey = (s: AppState): string | null => {
  const d = selectScenarioDraft(s);
  return d ? memoKey(d) : null;
};

export const selectScenarioFieldError = (s: AppState) => {
  const e = s.scenarioForecastError;
  return e && e.key === selectDraftKey(s) ? e.error : null;
};

/** The answer to show: the draft's intervals when in, else the newest expected values (maybe of an older draft). */
export function shownForecast(s: AppState): KeyedForecast | null {
  const key = selectDraftKey(s);
  if (s.scenarioIntervals && s.scenarioIntervals.key === key) return s.scenarioIntervals;
  return s.scenarioPoint;
}

export const selectScenarioScreen = (s: AppState) => ({
  workspace: s.workspace,
  baseline: s.scenarioBaseline,
  baselineStatus: s.scenarioBaselineStatus,
  baselineError: s.scenarioBaselineError,
  draft: selectScenarioDraft(s),
  draftKey: selectDraftKey(s),
});

export const selectForecastView = (s: AppState) => {
  const key = selectDraftKey(s);
  const shown = shownForecast(s);
  const error = s.scenarioForecastError && s.scenarioForecastError.key === key ? s.scenarioForecastError.error : null;
  return {
    shown,
    baseline: s.scenarioBaselineForecast,
    /** The numbers on screen answer an older draft; the draft's own are on their way. */
    updating: shown !== null && shown.key !== key && error === null,
    error,
    intervalsReady: shown !== null && shown.key === key && shown.result.details.runs > 0,
    intervalJob: s.scenarioIntervalJob && s.scenarioIntervalJob.key === key ? s.scenarioIntervalJob : null,
    intervalError: s.scenarioIntervalError && s.scenarioIntervalError.key === key ? s.scenarioIntervalError.error : null,
  };
};

export const selectSavedView = (s: AppState) => {
  const draft = selectScenarioDraft(s);
  return {
    name: s.scenarioName,
    dirty: draft !== null && (s.scenarioSavedKey === null ? s.scenarioBaseline !== null && memoBody(draft) !== memoBody(s.scenarioBaseline.scenario) : memoBody(draft) !== s.scenarioSavedKey),
    list: s.scenarioList,
    busy: s.scenarioBusy,
    nameError: s.scenarioNameError,
    canUndo: (s.scenarioHistory?.past.length ?? 0) > 0,
    canRedo: (s.scenarioHistory?.future.length ?? 0) > 0,
  };
};

export const selectDiffView = (s: AppState) => ({
  kind: s.scenarioDiffKind,
  offset: s.scenarioDiffOffset,
  diff: s.scenarioDiff,
  status: s.scenarioDiffStatus,
  error: s.scenarioDiffError,
});

/** The session-open job's progress event while the baseline loads (undefined before its first report). */
export const selectBaselineProgress = (s: AppState) => (s.scenarioBaselineJob ? s.jobs[s.scenarioBaselineJob] : undefined);

/** Progress of the draft's interval job, from the jobs slice. */
export const selectIntervalProgress = (s: AppState): number | null => {
  const job = s.scenarioIntervalJob;
  if (!job || job.key !== selectDraftKey(s)) return null;
  return s.jobs[job.jobId]?.fraction ?? 0;
};

/** The suggest-points panel: the job's progress while it runs, then the answer or the engine's error. */
export const selectSuggestView = (s: AppState) => ({
  running: s.scenarioSuggestJob !== null,
  progress: s.scenarioSuggestJob !== null ? (s.jobs[s.scenarioSuggestJob]?.fraction ?? 0) : null,
  result: s.scenarioSuggestion,
  error: s.scenarioSuggestError,
});
