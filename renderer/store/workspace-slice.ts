// The open workspace and the engine connection, as the UI last heard them.
import type { StateCreator } from 'zustand';
import type { EngineErrorInfo, HealthInfo, WorkspaceInfo } from '../../engine/api/contract';
import type { RecentWorkspace } from '../../engine/api/transport';
import type { AppState } from './app-store';
import { initialHealth } from './health-slice';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  workspaceStatus: LoadStatus;
  workspaceError: EngineErrorInfo | null;
  recent: RecentWorkspace[];
  engine: HealthInfo | null;
  engineStatus: LoadStatus;
  engineError: EngineErrorInfo | null;
  workspaceLoading(): void;
  workspaceOpened(info: WorkspaceInfo): void;
  workspaceFailed(error: EngineErrorInfo): void;
  dismissWorkspaceError(): void;
  setRecent(recent: RecentWorkspace[]): void;
  engineChecking(): void;
  engineReady(info: HealthInfo): void;
  engineFailed(error: EngineErrorInfo): void;
}

export const initialWorkspace = (): Pick<
  WorkspaceSlice,
  'workspace' | 'workspaceStatus' | 'workspaceError' | 'recent' | 'engine' | 'engineStatus' | 'engineError'
> => ({
  workspace: null,
  workspaceStatus: 'idle',
  workspaceError: null,
  recent: [],
  engine: null,
  engineStatus: 'idle',
  engineError: null,
});

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  ...initialWorkspace(),
  workspaceLoading: () => set({ workspaceStatus: 'loading', workspaceError: null }),
  // Another workspace has other sources, reps and dates: the health screen's filters and answers start over.
  // A health answer still in flight belongs to the old workspace: moving the request id on makes it stale.
  workspaceOpened: (workspace) =>
    set((s) => ({ workspace, workspaceStatus: 'ready', workspaceError: null, ...initialHealth(), healthRequest: s.healthRequest + 1 })),
  // A failed open leaves the previous workspace in place, as the engine does.
  workspaceFailed: (workspaceError) => set({ workspaceStatus: 'error', workspaceError }),
  dismissWorkspaceError: () => set((s) => ({ workspaceStatus: s.workspace ? 'ready' : 'idle', workspaceError: null })),
  setRecent: (recent) => set({ recent }),
  engineChecking: () => set({ engineStatus: 'loading', engineError: null }),
  engineReady: (engine) => set({ engine, engineStatus: 'ready', engineError: null }),
  engineFailed: (engineError) => set({ engineStatus: 'error', engineError }),
});
