// The Threshold frontier's state: which scenario's other blocks the sweep
// holds (the policy in force or a saved scenario, whose threshold is the
// "proposed" mark), and the last sweep. Answers carry a request id; only the
// newest one lands.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo, EngineResults } from '../../engine/api/contract';
import type { AppState } from './app-store';
import { BASELINE_KEY } from './compare-slice';
import type { LoadStatus } from './workspace-slice';

export type SweepResult = EngineResults['sweep'];

export interface FrontierSlice {
  frontierWorkspace: string | null;
  /** BASELINE_KEY or a saved scenario's name. */
  frontierScenario: string;
  frontierStatus: LoadStatus;
  frontierResult: SweepResult | null;
  frontierError: EngineErrorInfo | null;
  frontierJobId: string | null;
  /** What frontierResult answers (workspace, scenario, version), so coming back does not sweep again. */
  frontierKey: string | null;
  frontierRequest: number;
  frontierReset(workspace: string | null): void;
  setFrontierScenario(key: string): void;
  frontierRequested(key: string, jobId: string): number;
  frontierLoaded(request: number, result: SweepResult): void;
  frontierFailed(request: number, error: EngineErrorInfo): void;
}

export const initialFrontier = (): Pick<
  FrontierSlice,
  'frontierWorkspace' | 'frontierScenario' | 'frontierStatus' | 'frontierResult' | 'frontierError' | 'frontierJobId' | 'frontierKey'
> => ({
  frontierWorkspace: null,
  frontierScenario: BASELINE_KEY,
  frontierStatus: 'idle',
  frontierResult: null,
  frontierError: null,
  frontierJobId: null,
  frontierKey: null,
});

export const createFrontierSlice: StateCreator<AppState, [], [], FrontierSlice> = (set, get) => ({
  ...initialFrontier(),
  frontierRequest: 0,
  frontierReset: (workspace) => set((s) => ({ ...initialFrontier(), frontierWorkspace: workspace, frontierRequest: s.frontierRequest + 1 })),
  setFrontierScenario: (frontierScenario) => set({ frontierScenario }),
  frontierRequested: (key, jobId) => {
    const request = get().frontierRequest + 1;
    // The previous curve stays (dimmed) while the next one loads.
    set({ frontierRequest: request, frontierStatus: 'loading', frontierError: null, frontierKey: key, frontierJobId: jobId });
    return request;
  },
  frontierLoaded: (request, result) =>
    set((s) => (request !== s.frontierRequest ? {} : { frontierStatus: 'ready', frontierResult: result, frontierError: null, frontierJobId: null })),
  frontierFailed: (request, error) =>
    set((s) => (request !== s.frontierRequest ? {} : { frontierStatus: 'error', frontierError: error, frontierKey: null, frontierJobId: null })),
});
