// What the buttons, menus and shortcuts do, without React: each action talks
// to the engine through the platform's client and records the outcome in the
// store, so every screen shows loading, error and success the same way.
import { z } from 'zod';
import { EngineClientError } from '../../engine/api/client';
import type { EngineErrorInfo, WorkspaceInfo } from '../../engine/api/contract';
import type { MenuCommand } from '../../engine/api/transport';
import type { AppStore } from '../store/app-store';
import { exportCurrentScreen } from './export-actions';
import type { Platform } from './platform';
import { screenAt } from './screens';

const WORKSPACE_INFO = z.object({ path: z.string(), rowCounts: z.record(z.string(), z.number()) });

export function errorInfo(err: unknown): EngineErrorInfo {
  if (err instanceof EngineClientError) return err.info;
  return { message: err instanceof Error ? err.message : String(err) };
}

export async function checkEngine(platform: Platform, store: AppStore): Promise<void> {
  store.getState().engineChecking();
  try {
    store.getState().engineReady(await platform.client.health({}));
  } catch (err) {
    store.getState().engineFailed(errorInfo(err));
  }
}

export async function loadRecent(platform: Platform, store: AppStore): Promise<void> {
  store.getState().setRecent(await platform.recentWorkspaces());
}

async function openWith(platform: Platform, store: AppStore, open: () => Promise<WorkspaceInfo>): Promise<boolean> {
  store.getState().workspaceLoading();
  try {
    const info = await open();
    store.getState().workspaceOpened(info);
    platform.noteRecent(info.path);
    await loadRecent(platform, store);
    return true;
  } catch (err) {
    store.getState().workspaceFailed(errorInfo(err));
    return false;
  }
}

export function openWorkspaceAt(platform: Platform, store: AppStore, path: string): Promise<boolean> {
  return openWith(platform, store, () => platform.client.openWorkspace({ path }));
}

let sampleJobs = 0;

/** A fresh job id per open, so progress events of an earlier (cancelled) open never land on this one. */
function nextSampleJobId(): string {
  sampleJobs += 1;
  return `sample-${Date.now().toString(36)}-${sampleJobs}`;
}

/**
 * One click to the shipped sample. The first open imports it, which takes a
 * few seconds: the engine streams progress for the job id, so the jobs panel
 * shows it and offers Cancel. Once open, the sample's handoff health is what
 * a first-time user wants to see, so the app goes there.
 */
export async function openSample(platform: Platform, store: AppStore): Promise<boolean> {
  const jobId = nextSampleJobId();
  try {
    const opened = await openWith(platform, store, async () => {
      const parsed = WORKSPACE_INFO.safeParse(await platform.client.openSample({ jobId }));
      if (!parsed.success) throw new Error('The sample opened, but the engine described it in a way this app cannot read.');
      return parsed.data;
    });
    if (opened) store.getState().setScreen('health');
    return opened;
  } finally {
    // The engine's last event may not say 1 (a cached sample reports nothing, a failed one stops midway).
    store.getState().jobGone(jobId);
  }
}

export async function chooseAndOpen(platform: Platform, store: AppStore, purpose: 'open-workspace' | 'new-workspace'): Promise<boolean> {
  if (!platform.canChooseFiles) {
    // A browser page cannot show a native file dialog; point at the path field instead.
    store.getState().notify('Type the workspace file path on the Welcome screen.');
    return false;
  }
  const path = await platform.chooseFile(purpose);
  return path === null ? false : openWorkspaceAt(platform, store, path);
}

/** Menu commands and keyboard shortcuts land here, whichever shell sent them. */
export async function runCommand(platform: Platform, store: AppStore, cmd: MenuCommand): Promise<void> {
  const s = store.getState();
  switch (cmd.command) {
    case 'open-workspace':
    case 'new-workspace':
      s.setScreen('welcome');
      if (cmd.path) await openWorkspaceAt(platform, store, cmd.path);
      else await chooseAndOpen(platform, store, cmd.command);
      return;
    case 'import-data':
      s.setScreen('import');
      return;
    case 'export':
      await exportCurrentScreen(platform, store);
      return;
    case 'undo':
    case 'redo': {
      // Undo/redo act on the scenario draft, only where it is visible; elsewhere say so rather than do nothing.
      const done = s.screen === 'scenarios' && (cmd.command === 'undo' ? s.scenarioUndo() : s.scenarioRedo());
      if (!done) s.notify(cmd.command === 'undo' ? 'Nothing to undo yet.' : 'Nothing to redo yet.');
      return;
    }
    case 'presenter-mode':
      s.togglePresenter();
      return;
    case 'toggle-theme':
      s.toggleTheme();
      return;
  }
}

/** Ask the engine to stop a job; the job leaves the list at once so the UI never waits on a stuck engine. */
export async function cancelJob(platform: Platform, store: AppStore, jobId: string): Promise<void> {
  store.getState().jobCancelled(jobId);
  try {
    await platform.client.cancel(jobId);
  } catch (err) {
    store.getState().notify(`Could not cancel: ${errorInfo(err).message}`);
  }
}

export function goToScreenNumber(store: AppStore, index: number): void {
  const screen = screenAt(index);
  if (screen) store.getState().setScreen(screen);
}
