// The Trust panel's state: the trust checks (identity replay, backtest,
// extrapolation warnings) and the scoring's model health, loaded together but
// kept apart, so one failing (or not built yet) leaves the other on screen.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo, EngineResults } from '../../engine/api/contract';
import type { AppState } from './app-store';
import { BASELINE_KEY } from './compare-slice';
import type { LoadStatus } from './workspace-slice';

export type TrustReport = EngineResults['trust'];
export type ModelHealthReport = EngineResults['modelHealth'];

export interface Loadable<T> {
  readonly status: LoadStatus;
  readonly value: T | null;
  readonly error: EngineErrorInfo | null;
}

const idle = <T>(): Loadable<T> => ({ status: 'idle', value: null, error: null });

export interface TrustSlice {
  trustWorkspace: string | null;
  /** BASELINE_KEY or a saved scenario's name (its extrapolation warnings and scoring health). */
  trustScenario: string;
  trustReport: Loadable<TrustReport>;
  trustHealth: Loadable<ModelHealthReport>;
  trustJobId: string | null;
  trustKey: string | null;
  trustRequest: number;
  trustReset(workspace: string | null): void;
  setTrustScenario(key: string): void;
  trustRequested(key: string, jobId: string): number;
  trustReportSettled(request: number, outcome: { value: TrustReport } | { error: EngineErrorInfo }): void;
  trustHealthSettled(request: number, outcome: { value: ModelHealthReport } | { error: EngineErrorInfo }): void;
}

export const initialTrust = (): Pick<TrustSlice, 'trustWorkspace' | 'trustScenario' | 'trustReport' | 'trustHealth' | 'trustJobId' | 'trustKey'> => ({
  trustWorkspace: null,
  trustScenario: BASELINE_KEY,
  trustReport: idle(),
  trustHealth: idle(),
  trustJobId: null,
  trustKey: null,
});

function settled<T>(previous: Loadable<T>, outcome: { value: T } | { error: EngineErrorInfo }): Loadable<T> {
  return 'value' in outcome ? { status: 'ready', value: outcome.value, error: null } : { status: 'error', value: previous.value, error: outcome.error };
}

export const createTrustSlice: StateCreator<AppState, [], [], TrustSlice> = (set, get) => ({
  ...initialTrust(),
  trustRequest: 0,
  trustReset: (workspace) => set((s) => ({ ...initialTrust(), trustWorkspace: workspace, trustRequest: s.trustRequest + 1 })),
  setTrustScenario: (trustScenario) => set({ trustScenario }),
  trustRequested: (key, jobId) => {
    const request = get().trustRequest + 1;
    set((s) => ({
      trustRequest: request,
      trustKey: key,
      trustJobId: jobId,
      trustReport: { ...s.trustReport, status: 'loading', error: null },
      trustHealth: { ...s.trustHealth, status: 'loading', error: null },
    }));
    return request;
  },
  trustReportSettled: (request, outcome) =>
    set((s) => (request !== s.trustRequest ? {} : { trustReport: settled(s.trustReport, outcome), trustJobId: null })),
  trustHealthSettled: (request, outcome) => set((s) => (request !== s.trustRequest ? {} : { trustHealth: settled(s.trustHealth, outcome) })),
});
