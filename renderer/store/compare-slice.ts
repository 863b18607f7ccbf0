// The Compare screen's state: the saved scenarios on offer, the 2-4 the user
// picked, and one forecast run per column (the policy in force first). State
// is tagged with the workspace it belongs to; a run answers only if its
// generation is still current, so a cancelled or superseded comparison never
// writes over a newer one.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo, ScenarioListing } from '../../engine/api/contract';
import type { ForecastResult } from '../charts/compare-metrics';
import type { AppState } from './app-store';
import type { LoadStatus } from './workspace-slice';

export const MAX_COMPARED = 4;
export const MIN_COMPARED = 2;
/** The column of the policy in force, keyed apart from any saved name. */
export const BASELINE_KEY = '\u0000baseline';

export type RunStatus = 'queued' | 'running' | 'ready' | 'error' | 'cancelled';

export interface CompareRun {
  readonly key: string;
  /** Shown in the column head: the saved name, or "Policy in force". */
  readonly label: string;
  readonly status: RunStatus;
  readonly jobId: string | null;
  readonly result: ForecastResult | null;
  readonly error: EngineErrorInfo | null;
  /** The saved scenario's updatedAt the result belongs to (a re-saved scenario is run again). */
  readonly version: string | null;
}

export interface CompareSlice {
  /** The workspace the lists and runs below belong to. */
  compareWorkspace: string | null;
  compareListStatus: LoadStatus;
  compareListing: readonly ScenarioListing[];
  compareListError: EngineErrorInfo | null;
  compareSelected: readonly string[];
  /** Columns in display order: the baseline, then the selection as it was when Run was pressed. */
  compareRuns: readonly CompareRun[];
  compareGeneration: number;
  /** Why the comparison could not start (a scenario unreadable, the baseline unknown). */
  compareError: EngineErrorInfo | null;
  compareReset(workspace: string | null): void;
  compareListLoading(workspace: string): void;
  compareListLoaded(workspace: string, listing: readonly ScenarioListing[]): void;
  compareListFailed(workspace: string, error: EngineErrorInfo): void;
  toggleCompared(name: string): void;
  compareStarted(runs: readonly CompareRun[]): number;
  compareRunUpdated(generation: number, key: string, patch: Partial<Omit<CompareRun, 'key'>>): void;
  compareCancelled(): void;
  compareFailed(error: EngineErrorInfo): void;
}

export const initialCompare = (): Pick<
  CompareSlice,
  'compareWorkspace' | 'compareListStatus' | 'compareListing' | 'compareListError' | 'compareSelected' | 'compareRuns' | 'compareError'
> => ({
  compareWorkspace: null,
  compareListStatus: 'idle',
  compareListing: [],
  compareListError: null,
  compareSelected: [],
  compareRuns: [],
  compareError: null,
});

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  ...initialCompare(),
  // Not reset with the rest: answers of a run from before a reset must stay stale.
  compareGeneration: 0,
  compareReset: (workspace) => set((s) => ({ ...initialCompare(), compareWorkspace: workspace, compareGeneration: s.compareGeneration + 1 })),
  compareListLoading: (workspace) => set({ compareWorkspace: workspace, compareListStatus: 'loading', compareListError: null }),
  compareListLoaded: (workspace, listing) =>
    set((s) => {
      if (s.compareWorkspace !== workspace) return {};
      // A scenario deleted elsewhere leaves the selection.
      const names = new Set(listing.map((l) => l.name));
      return { compareListStatus: 'ready', compareListing: listing, compareSelected: s.compareSelected.filter((n) => names.has(n)) };
    }),
  compareListFailed: (workspace, error) => set((s) => (s.compareWorkspace !== workspace ? {} : { compareListStatus: 'error', compareListError: error })),
  toggleCompared: (name) =>
    set((s) => {
      if (s.compareSelected.includes(name)) return { compareSelected: s.compareSelected.filter((n) => n !== name) };
      if (s.compareSelected.length >= MAX_COMPARED) return {};
      return { compareSelected: [...s.compareSelected, name] };
    }),
  compareStarted: (runs) => {
    const generation = get().compareGeneration + 1;
    set({ compareGeneration: generation, compareRuns: runs, compareError: null });
    return generation;
  },
  compareRunUpdated: (generation, key, patch) =>
    set((s) => (generation !== s.compareGeneration ? {} : { compareRuns: s.compareRuns.map((r) => (r.key === key ? { ...r, ...patch } : r)) })),
  // Runs still waiting or running stop; finished columns stay on screen.
  compareCancelled: () =>
    set((s) => ({
      compareGeneration: s.compareGeneration + 1,
      compareRuns: s.compareRuns.map((r) => (r.status === 'queued' || r.status === 'running' ? { ...r, status: 'cancelled', jobId: null } : r)),
    })),
  compareFailed: (compareError) => set((s) => ({ compareGeneration: s.compareGeneration + 1, compareRuns: [], compareError })),
});
