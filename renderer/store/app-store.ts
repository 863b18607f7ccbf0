// The app store, built by a factory from slices (zustand's slices pattern) so
// tests and the app each get a fresh one, with one reset() for all of them.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCompareSlice, initialCompare, type CompareSlice } from './compare-slice';
import { createFrontierSlice, initialFrontier, type FrontierSlice } from './frontier-slice';
import { createHealthSlice, initialHealth, type HealthSlice } from './health-slice';
import { createImportSlice, initialImport, type ImportSlice } from './import-slice';
import { createJobsSlice, initialJobs, type JobsSlice } from './jobs-slice';
import { createScenarioSlice, initialScenario, type ScenarioSlice } from './scenario-slice';
import { createTrustSlice, initialTrust, type TrustSlice } from './trust-slice';
import { createUiSlice, initialUi, type Theme, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, initialWorkspace, type WorkspaceSlice } from './workspace-slice';

export interface ResetSlice {
  /** Back to a fresh start (keeps the theme: it is a preference, not state). */
  reset(): void;
}

export type AppState = UiSlice & WorkspaceSlice & JobsSlice & HealthSlice & ImportSlice & CompareSlice & FrontierSlice & TrustSlice & ScenarioSlice & ResetSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(options: { theme?: Theme } = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createUiSlice(options.theme ?? 'light')(...a),
    ...createWorkspaceSlice(...a),
    ...createJobsSlice(...a),
    ...createHealthSlice(...a),
    ...createImportSlice(...a),
    ...createScenarioSlice(...a),
    ...createCompareSlice(...a),
    ...createFrontierSlice(...a),
    ...createTrustSlice(...a),
    reset: () => {
      const [set, get] = a;
      set({ ...initialUi(get().theme), ...initialWorkspace(), ...initialJobs(), ...initialHealth(), ...initialImport(), ...initialCompare(), ...initialFrontier(), ...initialTrust(), ...initialScenario() });
    },
  }));
}
