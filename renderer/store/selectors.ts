// Selectors live at module level so their identity is stable across renders;
// the object-returning ones are used with useShallow.
import type { AppState } from './app-store';

export const selectScreen = (s: AppState) => s.screen;
export const selectTheme = (s: AppState) => s.theme;
export const selectPresenter = (s: AppState) => s.presenter;
export const selectNotice = (s: AppState) => s.notice;
export const selectHasWorkspace = (s: AppState) => s.workspace !== null;

export const selectWorkspaceView = (s: AppState) => ({
  workspace: s.workspace,
  status: s.workspaceStatus,
  error: s.workspaceError,
  recent: s.recent,
});

export const selectEngineView = (s: AppState) => ({
  engine: s.engine,
  status: s.engineStatus,
  error: s.engineError,
});

export const selectShellActions = (s: AppState) => ({
  setScreen: s.setScreen,
  toggleTheme: s.toggleTheme,
  togglePresenter: s.togglePresenter,
  notify: s.notify,
});

export const selectJobs = (s: AppState) => s.jobs;

export const selectHealthView = (s: AppState) => ({
  workspace: s.workspace,
  filters: s.healthFilters,
  choices: s.healthChoices,
  status: s.healthStatus,
  data: s.healthData,
  error: s.healthError,
});

export const selectImportView = (s: AppState) => ({
  workspace: s.workspace,
  step: s.importStep,
  paths: s.importPaths,
  previewing: s.importPreviewing,
  problems: s.importProblems,
  entries: s.importEntries,
  active: s.importActive,
  folder: s.importFolder,
  timezone: s.importTimezone,
  jobId: s.importJobId,
  cancelling: s.importCancelling,
  summary: s.importSummary,
  failure: s.importFailure,
  quality: s.importQuality,
  qualityStatus: s.importQualityStatus,
  qualityError: s.importQualityError,
});
