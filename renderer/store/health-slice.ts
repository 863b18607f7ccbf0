// The Handoff health screen's state: the filters the user chose, the choices
// the filter menus offer, and the last answer. Every answer carries the id of
// the request that asked for it; an answer to an older request (filters moved
// on while the engine was busy) is dropped, so a slow reply never overwrites
// a newer one.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo } from '../../engine/api/contract';
import type { ContactHistogram, HealthMetrics } from '../charts/health-types';
import type { AppState } from './app-store';
import type { LoadStatus } from './workspace-slice';

export interface HealthFilters {
  /** Window dates (YYYY-MM-DD, inclusive) or null for open-ended. */
  readonly from: string | null;
  readonly to: string | null;
  /** One segment key each, or null for all. */
  readonly source: string | null;
  readonly tier: string | null;
  readonly rep: string | null;
}

export const NO_FILTERS: HealthFilters = { from: null, to: null, source: null, tier: null, rep: null };

/** What the filter menus offer: the segment keys of an unfiltered call, and the data's date span. */
export interface HealthChoices {
  readonly workspacePath: string;
  readonly sources: readonly string[];
  readonly tiers: readonly string[];
  readonly reps: readonly string[];
  /** First week start and the data end's date, bounds for the date inputs. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

export interface HealthData {
  readonly metrics: HealthMetrics;
  /** null when the engine could not give it: the chart says so, the rest of the screen still works. */
  readonly histogram: ContactHistogram | null;
}

export interface HealthSlice {
  healthFilters: HealthFilters;
  healthChoices: HealthChoices | null;
  healthStatus: LoadStatus;
  healthData: HealthData | null;
  healthError: EngineErrorInfo | null;
  /** Id of the newest request; answers to older ones are ignored. */
  healthRequest: number;
  /** The request (workspace + options) healthData answers, so returning to the screen does not refetch. */
  healthKey: string | null;
  setHealthFilters(patch: Partial<HealthFilters>): void;
  resetHealthFilters(): void;
  healthRequested(key: string): number;
  healthLoaded(request: number, data: HealthData, choices: HealthChoices | null): void;
  healthFailed(request: number, error: EngineErrorInfo): void;
}

export const initialHealth = (): Pick<
  HealthSlice,
  'healthFilters' | 'healthChoices' | 'healthStatus' | 'healthData' | 'healthError' | 'healthKey'
> => ({
  healthFilters: NO_FILTERS,
  healthChoices: null,
  healthStatus: 'idle',
  healthData: null,
  healthError: null,
  healthKey: null,
});

export const createHealthSlice: StateCreator<AppState, [], [], HealthSlice> = (set, get) => ({
  ...initialHealth(),
  // Not reset with the rest: a request still in flight from before a reset must stay stale.
  healthRequest: 0,
  setHealthFilters: (patch) => set((s) => ({ healthFilters: { ...s.healthFilters, ...patch } })),
  resetHealthFilters: () => set({ healthFilters: NO_FILTERS }),
  healthRequested: (key) => {
    const request = get().healthRequest + 1;
    // Keep the previous answer on screen (dimmed) while the next one loads: no flash of skeletons on every filter change.
    set({ healthRequest: request, healthStatus: 'loading', healthError: null, healthKey: key });
    return request;
  },
  healthLoaded: (request, data, choices) =>
    set((s) => (request !== s.healthRequest ? {} : { healthStatus: 'ready', healthData: data, healthError: null, ...(choices ? { healthChoices: choices } : {}) })),
  healthFailed: (request, error) =>
    set((s) => (request !== s.healthRequest ? {} : { healthStatus: 'error', healthError: error, healthKey: null })),
});
