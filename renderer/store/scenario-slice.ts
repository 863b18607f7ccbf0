// The Scenario editor's state: the baseline of the open workspace, the draft
// with its undo history, the newest forecast answers (expected values at once,
// intervals later), the saved-scenario list and the lead diff page. Answers
// carry the scenario key they answer: the screen shows the newest one it has
// and marks the numbers as updating until the answer for the draft arrives.
import type { StateCreator } from 'zustand';
import type { BaselineScenario, DiffKind, EngineErrorInfo, EngineResults, SavedScenario, Scenario, ScenarioListing, WorkspaceInfo } from '../../engine/api/contract';
import { scenarioKey, type ScenarioEdit } from '../app/scenario-edits';
import type { AppState } from './app-store';
import { pushEdit, redo, startHistory, undo, type ScenarioHistory } from './scenario-history';
import type { LoadStatus } from './workspace-slice';

export type SuggestResult = EngineResults['suggestWeights'];

export type ForecastResult = EngineResults['forecast'];
export type LeadDiffResult = EngineResults['leadDiff'];

export interface KeyedForecast {
  /** scenarioKey() of the draft this answers. */
  readonly key: string;
  readonly result: ForecastResult;
}

export interface KeyedError {
  readonly key: string;
  readonly error: EngineErrorInfo;
}

/** A threshold sweep of a draft with its threshold left out (app/threshold-preview.ts curveKey). */
export interface KeyedCurve {
  readonly key: string;
  readonly result: EngineResults['sweep'];
}

export interface IntervalJob {
  readonly key: string;
  readonly jobId: string;
}

export interface KeyedDiff {
  /** Draft key, list and offset this page answers. */
  readonly key: string;
  readonly result: LeadDiffResult;
}

export interface ScenarioSlice {
  /**
   * The workspace (as opened: a re-import into the same file opens it anew)
   * the baseline and every answer below belong to.
   */
  scenarioWorkspace: WorkspaceInfo | null;
  scenarioBaseline: BaselineScenario | null;
  scenarioBaselineStatus: LoadStatus;
  scenarioBaselineError: EngineErrorInfo | null;
  /** The job reporting the forecast session's open while the baseline loads (its progress is the loading bar). */
  scenarioBaselineJob: string | null;
  scenarioHistory: ScenarioHistory | null;
  /** The saved scenario being edited, or null for a new one. */
  scenarioName: string | null;
  /** bodyKey() of the draft as last saved or opened; the draft is dirty when it differs. */
  scenarioSavedKey: string | null;
  scenarioPoint: KeyedForecast | null;
  /** The expected values of the policy in force: what every change is measured against. */
  scenarioBaselineForecast: ForecastResult | null;
  scenarioIntervals: KeyedForecast | null;
  /** The newest threshold curve: a threshold drag is previewed from it while its forecast is computed. */
  scenarioCurve: KeyedCurve | null;
  scenarioIntervalJob: IntervalJob | null;
  scenarioIntervalError: KeyedError | null;
  scenarioForecastError: KeyedError | null;
  scenarioList: readonly ScenarioListing[];
  scenarioDiffKind: DiffKind;
  scenarioDiffOffset: number;
  scenarioDiff: KeyedDiff | null;
  scenarioDiffStatus: LoadStatus;
  scenarioDiffError: EngineErrorInfo | null;
  /** A save/rename/duplicate/delete/open in progress (its verb), so buttons can wait. */
  scenarioBusy: string | null;
  /** The last save/rename failure, shown next to the name field. */
  scenarioNameError: EngineErrorInfo | null;
  /** The "suggest points from evidence" job in flight (its id), if any. */
  scenarioSuggestJob: string | null;
  /** The engine's suggested points, shown until applied or dismissed. */
  scenarioSuggestion: SuggestResult | null;
  scenarioSuggestError: EngineErrorInfo | null;

  scenarioBaselineRequested(ws: WorkspaceInfo, jobId?: string): void;
  scenarioBaselineLoaded(ws: WorkspaceInfo, baseline: BaselineScenario): void;
  scenarioBaselineFailed(ws: WorkspaceInfo, error: EngineErrorInfo): void;
  scenarioEdited(edit: ScenarioEdit, at: number): void;
  /** Undo/redo the draft; false when there was nothing to do. */
  scenarioUndo(): boolean;
  scenarioRedo(): boolean;
  scenarioPointLoaded(ws: WorkspaceInfo, key: string, result: ForecastResult): void;
  scenarioForecastFailed(ws: WorkspaceInfo, key: string, error: EngineErrorInfo): void;
  scenarioCurveLoaded(ws: WorkspaceInfo, curve: KeyedCurve): void;
  scenarioIntervalsStarted(job: IntervalJob): void;
  scenarioIntervalsLoaded(ws: WorkspaceInfo, key: string, result: ForecastResult): void;
  /** The interval job stopped (cancelled, or failed with error). */
  scenarioIntervalsEnded(jobId: string, error: KeyedError | null): void;
  scenarioListLoaded(list: readonly ScenarioListing[]): void;
  /** A saved scenario becomes the draft (one undo step back to what was there). */
  scenarioOpened(saved: SavedScenario, at: number): void;
  /** Back to the policy in force (one undo step). */
  scenarioResetToBaseline(at: number): void;
  scenarioSavedAs(name: string, body: Scenario): void;
  scenarioRenamedTo(from: string, to: string): void;
  scenarioDeleted(name: string): void;
  scenarioBusyWith(verb: string | null): void;
  scenarioNameFailed(error: EngineErrorInfo | null): void;
  setScenarioDiffKind(kind: DiffKind): void;
  setScenarioDiffOffset(offset: number): void;
  scenarioDiffRequested(): void;
  scenarioDiffLoaded(key: string, result: LeadDiffResult): void;
  scenarioDiffFailed(key: string, error: EngineErrorInfo): void;
  scenarioSuggestStarted(jobId: string): void;
  scenarioSuggestLoaded(jobId: string, result: SuggestResult): void;
  /** The suggest job stopped (cancelled, or failed with error). */
  scenarioSuggestEnded(jobId: string, error: EngineErrorInfo | null): void;
  /** Close the suggestion panel (after Apply or Dismiss). */
  scenarioSuggestDismissed(): void;
}

type ScenarioData = {
  [K in keyof ScenarioSlice as ScenarioSlice[K] extends (...args: never[]) => unknown ? never : K]: ScenarioSlice[K];
};

export const initialScenario = (): ScenarioData => ({
  scenarioWorkspace: null,
  scenarioBaseline: null,
  scenarioBaselineStatus: 'idle',
  scenarioBaselineError: null,
  scenarioBaselineJob: null,
  scenarioHistory: null,
  scenarioName: null,
  scenarioSavedKey: null,
  scenarioPoint: null,
  scenarioBaselineForecast: null,
  scenarioIntervals: null,
  scenarioCurve: null,
  scenarioIntervalJob: null,
  scenarioIntervalError: null,
  scenarioForecastError: null,
  scenarioList: [],
  scenarioDiffKind: 'entered',
  scenarioDiffOffset: 0,
  scenarioDiff: null,
  scenarioDiffStatus: 'idle',
  scenarioDiffError: null,
  scenarioBusy: null,
  scenarioNameError: null,
  scenarioSuggestJob: null,
  scenarioSuggestion: null,
  scenarioSuggestError: null,
});

/** The body without its name: renaming is not an edit, and the saved copy carries its own name. */
export function bodyKey(s: Scenario): string {
  return scenarioKey({ ...s, name: '' });
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => {
  const here = (ws: WorkspaceInfo) => get().scenarioWorkspace === ws;
  const moved = (h: ScenarioHistory | null, next: ScenarioHistory | null): boolean => h !== next && next !== null;
  return {
    ...initialScenario(),
    scenarioBaselineRequested: (ws, jobId) =>
      set((s) =>
        s.scenarioWorkspace === ws
          ? { scenarioBaselineStatus: 'loading', scenarioBaselineError: null, scenarioBaselineJob: jobId ?? null }
          : { ...initialScenario(), scenarioWorkspace: ws, scenarioBaselineStatus: 'loading', scenarioBaselineJob: jobId ?? null },
      ),
    scenarioBaselineLoaded: (ws, baseline) => {
      if (!here(ws)) return;
      set({
        scenarioBaseline: baseline,
        scenarioBaselineStatus: 'ready',
        scenarioBaselineError: null,
        scenarioBaselineJob: null,
        scenarioHistory: startHistory(baseline.scenario),
        scenarioName: null,
        scenarioSavedKey: null,
      });
    },
    scenarioBaselineFailed: (ws, error) => {
      if (here(ws)) set({ scenarioBaselineStatus: 'error', scenarioBaselineError: error, scenarioBaselineJob: null });
    },
    scenarioEdited: (edit, at) =>
      set((s) => (s.scenarioHistory ? { scenarioHistory: pushEdit(s.scenarioHistory, edit.next, edit.field, at), scenarioDiffOffset: 0 } : {})),
    scenarioUndo: () => {
      const h = get().scenarioHistory;
      const next = h ? undo(h) : null;
      if (!moved(h, next)) return false;
      set({ scenarioHistory: next, scenarioDiffOffset: 0 });
      return true;
    },
    scenarioRedo: () => {
      const h = get().scenarioHistory;
      const next = h ? redo(h) : null;
      if (!moved(h, next)) return false;
      set({ scenarioHistory: next, scenarioDiffOffset: 0 });
      return true;
    },
    scenarioPointLoaded: (ws, key, result) => {
      if (!here(ws)) return;
      set((s) => ({
        scenarioPoint: { key, result },
        scenarioForecastError: s.scenarioForecastError?.key === key ? null : s.scenarioForecastError,
        ...(s.scenarioBaseline && key === scenarioKey(s.scenarioBaseline.scenario) ? { scenarioBaselineForecast: result } : {}),
      }));
    },
    scenarioForecastFailed: (ws, key, error) => {
      if (here(ws)) set({ scenarioForecastError: { key, error } });
    },
    scenarioCurveLoaded: (ws, curve) => {
      if (here(ws)) set({ scenarioCurve: curve });
    },
    scenarioIntervalsStarted: (job) => set({ scenarioIntervalJob: job, scenarioIntervalError: null }),
    scenarioIntervalsLoaded: (ws, key, result) => {
      if (!here(ws)) return;
      set((s) => ({ scenarioIntervals: { key, result }, scenarioIntervalJob: s.scenarioIntervalJob?.key === key ? null : s.scenarioIntervalJob }));
    },
    scenarioIntervalsEnded: (jobId, error) =>
      set((s) => (s.scenarioIntervalJob?.jobId === jobId ? { scenarioIntervalJob: null, scenarioIntervalError: error } : {})),
    scenarioListLoaded: (scenarioList) => set({ scenarioList }),
    scenarioOpened: (saved, at) =>
      set((s) =>
        s.scenarioHistory
          ? { scenarioHistory: pushEdit(s.scenarioHistory, saved.scenario, `open:${saved.name}`, at), scenarioName: saved.name, scenarioSavedKey: bodyKey(saved.scenario), scenarioNameError: null, scenarioDiffOffset: 0 }
          : {},
      ),
    scenarioResetToBaseline: (at) =>
      set((s) =>
        s.scenarioHistory && s.scenarioBaseline
          ? { scenarioHistory: pushEdit(s.scenarioHistory, s.scenarioBaseline.scenario, 'reset', at), scenarioName: null, scenarioSavedKey: null, scenarioNameError: null, scenarioDiffOffset: 0 }
          : {},
      ),
    scenarioSavedAs: (name, body) => set({ scenarioName: name, scenarioSavedKey: bodyKey(body), scenarioNameError: null }),
    scenarioRenamedTo: (from, to) => set((s) => (s.scenarioName === from ? { scenarioName: to, scenarioNameError: null } : { scenarioNameError: null })),
    scenarioDeleted: (name) => set((s) => (s.scenarioName === name ? { scenarioName: null, scenarioSavedKey: null } : {})),
    scenarioBusyWith: (scenarioBusy) => set({ scenarioBusy }),
    scenarioNameFailed: (scenarioNameError) => set({ scenarioNameError }),
    setScenarioDiffKind: (scenarioDiffKind) => set({ scenarioDiffKind, scenarioDiffOffset: 0 }),
    setScenarioDiffOffset: (scenarioDiffOffset) => set({ scenarioDiffOffset: Math.max(0, scenarioDiffOffset) }),
    scenarioDiffRequested: () => set({ scenarioDiffStatus: 'loading', scenarioDiffError: null }),
    scenarioDiffLoaded: (key, result) => set({ scenarioDiff: { key, result }, scenarioDiffStatus: 'ready', scenarioDiffError: null }),
    scenarioDiffFailed: (_key, error) => set({ scenarioDiffStatus: 'error', scenarioDiffError: error }),
    scenarioSuggestStarted: (jobId) => set({ scenarioSuggestJob: jobId, scenarioSuggestion: null, scenarioSuggestError: null }),
    scenarioSuggestLoaded: (jobId, result) => set((s) => (s.scenarioSuggestJob === jobId ? { scenarioSuggestJob: null, scenarioSuggestion: result, scenarioSuggestError: null } : {})),
    scenarioSuggestEnded: (jobId, error) => set((s) => (s.scenarioSuggestJob === jobId ? { scenarioSuggestJob: null, scenarioSuggestError: error } : {})),
    scenarioSuggestDismissed: () => set({ scenarioSuggestion: null, scenarioSuggestError: null }),
  };
};

/** The draft the controls show. */
export function draftOf(s: Pick<ScenarioSlice, 'scenarioHistory'>): Scenario | null {
  return s.scenarioHistory?.present ?? null;
}
