import { describe, expect, it } from 'vitest';
import { checkEngine, goToScreenNumber, openSample, openWorkspaceAt, runCommand } from '../../renderer/app/actions';
import { addRecent } from '../../renderer/app/platform';
import { createAppStore } from '../../renderer/store/app-store';
import { selectEngineView, selectWorkspaceView } from '../../renderer/store/selectors';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10, activities: 200 } };

describe('the app store', () => {
  it('starts on Welcome with no workspace and reset() returns there but keeps the theme', () => {
    const store = createAppStore({ theme: 'dark' });
    const s = store.getState();
    expect(s.screen).toBe('welcome');
    s.setScreen('trust');
    s.togglePresenter();
    s.workspaceOpened(WS);
    s.toggleTheme();
    store.getState().reset();
    const after = store.getState();
    expect([after.screen, after.presenter, after.workspace, after.theme]).toEqual(['welcome', false, null, 'light']);
  });

  it('keeps the open workspace when a later open fails', () => {
    const store = createAppStore();
    store.getState().workspaceOpened(WS);
    store.getState().workspaceFailed({ message: 'locked' });
    expect(selectWorkspaceView(store.getState())).toMatchObject({ workspace: WS, status: 'error', error: { message: 'locked' } });
    store.getState().dismissWorkspaceError();
    expect(store.getState().workspaceStatus).toBe('ready');
  });
});

describe('actions', () => {
  it('checkEngine records the engine version, or the error', async () => {
    const ok = createAppStore();
    await checkEngine(fakePlatform(new FakeTransport(() => ({ ok: true, value: { app: 'handoff-lab', version: '1.2.3' } }))).platform, ok);
    expect(selectEngineView(ok.getState())).toMatchObject({ status: 'ready', engine: { version: '1.2.3' } });
    const bad = createAppStore();
    await checkEngine(fakePlatform(new FakeTransport(() => ({ ok: false, error: { message: 'down' } }))).platform, bad);
    expect(selectEngineView(bad.getState())).toMatchObject({ status: 'error', error: { message: 'down' } });
  });

  it('openWorkspaceAt opens through the client, remembers it and refreshes the recent list', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: WS }));
    const { platform, noted } = fakePlatform(transport);
    const store = createAppStore();
    expect(await openWorkspaceAt(platform, store, WS.path)).toBe(true);
    expect(transport.calls).toEqual([{ method: 'openWorkspace', params: { path: WS.path } }]);
    expect(store.getState().workspace).toEqual(WS);
    expect(noted).toEqual([WS.path]);
    expect(store.getState().recent.map((r) => r.path)).toEqual([WS.path]);
  });

  it('openWorkspaceAt shows the engine error with its location', async () => {
    const { platform } = fakePlatform(new FakeTransport(() => ({ ok: false, error: { message: 'bad date', file: 'leads.csv', row: 7, column: 'created_at' } })));
    const store = createAppStore();
    expect(await openWorkspaceAt(platform, store, '/x.duckdb')).toBe(false);
    expect(store.getState().workspaceError).toEqual({ message: 'bad date', file: 'leads.csv', row: 7, column: 'created_at' });
  });

  it('openSample sends a job id, shows its progress while importing, then goes to Handoff health', async () => {
    const sample = { path: '/app/sample.duckdb', rowCounts: { leads: 20000 } };
    let transport: FakeTransport | null = null;
    const store = createAppStore();
    let seenWhileRunning: string[] = [];
    transport = new FakeTransport(async (_m, params) => {
      // The engine streams progress for the job id it was given, while the import runs.
      const jobId = (params as { jobId: string }).jobId;
      transport?.emit({ jobId, fraction: 0.4, message: 'Importing the sample world' });
      seenWhileRunning = Object.keys(store.getState().jobs);
      return { ok: true, value: sample };
    });
    const { platform } = fakePlatform(transport);
    platform.client.onProgress((e) => store.getState().progressReceived(e));
    expect(await openSample(platform, store)).toBe(true);
    const call = transport.calls[0] as { method: string; params: { jobId?: string } };
    expect(call.method).toBe('openSample');
    expect(call.params.jobId).toMatch(/^sample-/);
    expect(seenWhileRunning).toEqual([call.params.jobId]);
    // Done: the job leaves the panel even though the engine never said 1.
    expect(store.getState().jobs).toEqual({});
    expect(store.getState().workspace).toEqual(sample);
    expect(store.getState().screen).toBe('health');
  });

  it('openSample stays put and shows the engine error when the import fails', async () => {
    const store = createAppStore();
    const { platform } = fakePlatform(new FakeTransport(() => ({ ok: false, error: { message: 'The sample folder is missing.' } })));
    expect(await openSample(platform, store)).toBe(false);
    expect(store.getState().screen).toBe('welcome');
    expect(store.getState().workspaceError?.message).toBe('The sample folder is missing.');
  });

  it('openSample refuses a reply it cannot read', async () => {
    const store = createAppStore();
    await openSample(fakePlatform(new FakeTransport(() => ({ ok: true, value: { nope: 1 } }))).platform, store);
    expect(store.getState().workspaceStatus).toBe('error');
  });

  it('runCommand maps menu commands onto the store and the engine', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: WS }));
    const { platform } = fakePlatform(transport);
    const store = createAppStore();
    await runCommand(platform, store, { command: 'toggle-theme' });
    await runCommand(platform, store, { command: 'presenter-mode' });
    await runCommand(platform, store, { command: 'import-data' });
    expect([store.getState().theme, store.getState().presenter, store.getState().screen]).toEqual(['dark', true, 'import']);
    await runCommand(platform, store, { command: 'undo' });
    expect(store.getState().notice).toBe('Nothing to undo yet.');
    await runCommand(platform, store, { command: 'open-workspace', path: WS.path });
    expect(store.getState().screen).toBe('welcome');
    expect(transport.calls).toEqual([{ method: 'openWorkspace', params: { path: WS.path } }]);
  });

  it('runCommand open-workspace without a path asks for one and does nothing on cancel', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: WS }));
    await runCommand(fakePlatform(transport, { chosen: null, canChooseFiles: true }).platform, createAppStore(), { command: 'open-workspace' });
    expect(transport.calls).toEqual([]);
    await runCommand(fakePlatform(transport, { chosen: '/picked.duckdb', canChooseFiles: true }).platform, createAppStore(), { command: 'new-workspace' });
    expect(transport.calls).toEqual([{ method: 'openWorkspace', params: { path: '/picked.duckdb' } }]);
  });

  it('in a browser, open-workspace points at the path field instead of a dialog', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: WS }));
    const store = createAppStore();
    await runCommand(fakePlatform(transport, { chosen: '/never.duckdb' }).platform, store, { command: 'open-workspace' });
    expect(transport.calls).toEqual([]);
    expect(store.getState().notice).toContain('path');
  });

  it('goToScreenNumber follows the navigation order and ignores numbers past the end', () => {
    const store = createAppStore();
    goToScreenNumber(store, 2);
    expect(store.getState().screen).toBe('health');
    goToScreenNumber(store, 9);
    expect(store.getState().screen).toBe('health');
  });

  it('addRecent dedupes and caps the browser list', () => {
    let list = addRecent([], '/a', new Date(0));
    list = addRecent(list, '/b', new Date(1));
    list = addRecent(list, '/a', new Date(2));
    expect(list.map((r) => r.path)).toEqual(['/a', '/b']);
    for (let i = 0; i < 20; i += 1) list = addRecent(list, `/${i}`, new Date(3));
    expect(list).toHaveLength(8);
  });
});
