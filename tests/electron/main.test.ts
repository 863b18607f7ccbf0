// electron/main.ts booted against a fake `electron` module.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/channels';
import { appPaths } from '../../electron/paths';
import { FakeFrame, FakeWebContents } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./fake-electron').createFakeElectron> }));

vi.mock('electron', async () => {
  const { createFakeElectron: create } = await import('./fake-electron');
  fake.current = create();
  return { default: fake.current.module, ...fake.current.module };
});

function electron() {
  if (!fake.current) throw new Error('electron mock not initialised');
  return fake.current;
}

beforeAll(async () => {
  await import('../../electron/main');
  // whenReady resolves on a microtask; let main finish its setup.
  await new Promise((r) => setTimeout(r, 0));
});

afterAll(() => {
  for (const child of electron().state.forks) child.kill();
  rmSync(electron().state.userData, { recursive: true, force: true });
});

const win = () => {
  const w = electron().state.windows[0];
  if (!w) throw new Error('no window was created');
  return w;
};

const trustedEvent = () => ({ sender: { id: win().webContents.id }, senderFrame: win().webContents.mainFrame });

function handler(channel: string) {
  const h = electron().state.handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  return h;
}

describe('the app', () => {
  it('names itself, so its data folder is "Handoff Lab" even when started from dist/', () => {
    expect(electron().module.app.setName).toHaveBeenCalledWith('Handoff Lab');
  });
});

describe('the main window', () => {
  it('is created isolated, sandboxed, without Node, with web security, hidden until ready', () => {
    const prefs = win().options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(win().options.show).toBe(false);
    expect(win().shown).toBe(false);
    win().emit('ready-to-show');
    expect(win().shown).toBe(true);
  });

  it('loads only the local renderer file, which sits in dist/renderer beside the built main', () => {
    expect(win().loadedFile).toMatch(/^\/.*renderer[\\/]index\.html$/);
    expect(win().webContents.mainFrame.url.startsWith('file://')).toBe(true);
    const built = appPaths('file:///opt/app/dist/electron/main.mjs');
    expect(built).toEqual({
      preload: '/opt/app/dist/electron/preload.cjs',
      engineHost: '/opt/app/dist/electron/engine-host.mjs',
      rendererIndex: '/opt/app/dist/renderer/index.html',
      rendererUrl: 'file:///opt/app/dist/renderer/index.html',
    });
  });

  it('blocks navigation and new windows', () => {
    const nav = { preventDefault: vi.fn() };
    win().webContents.emit('will-navigate', nav, 'https://evil.example');
    expect(nav.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    win().webContents.emit('will-redirect', redirect, 'https://evil.example');
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(win().webContents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('locks down any other web contents the app might create', () => {
    const other = new FakeWebContents('about:blank');
    electron().state.appEvents.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
  });
});

describe('the session', () => {
  it('denies every permission request and check', () => {
    const cb = vi.fn();
    electron().state.permissionRequestHandler?.({}, 'media', cb);
    electron().state.permissionRequestHandler?.({}, 'notifications', cb);
    expect(cb.mock.calls).toEqual([[false], [false]]);
    expect(electron().state.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
  });

  it('cancels every remote request and adds the CSP header', () => {
    const before = electron().state.beforeRequest;
    expect(before?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const cb = vi.fn();
    before?.listener({ url: 'https://cdn.example/x.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
    let headers: Record<string, string[]> = {};
    electron().state.headersReceived?.({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy']?.[0]).not.toContain('unsafe-eval');
  });
});

describe('IPC', () => {
  it('handles exactly the allow-listed channels', () => {
    expect([...electron().state.handlers.keys()].sort()).toEqual(
      [CHANNELS.invoke, CHANNELS.cancel, CHANNELS.recentWorkspaces, CHANNELS.chooseFile, CHANNELS.saveFile].sort(),
    );
  });

  it('accepts the same main frame seen through a fresh wrapper (same process and routing id)', async () => {
    const main = win().webContents.mainFrame;
    const wrapper = new FakeFrame(main.url, null, main.processId, main.routingId);
    const result = handler(CHANNELS.recentWorkspaces)({ sender: { id: win().webContents.id }, senderFrame: wrapper }, undefined);
    expect(Array.isArray(result)).toBe(true);
  });

  it('refuses a message from a foreign frame, a subframe, another window or a navigated frame', async () => {
    const invoke = handler(CHANNELS.invoke);
    const payload = { method: 'health', params: {} };
    const foreignUrl = { sender: { id: win().webContents.id }, senderFrame: new FakeFrame('https://evil.example/') };
    const main = win().webContents.mainFrame;
    const subframe = { sender: { id: win().webContents.id }, senderFrame: new FakeFrame(main.url, main, main.processId) };
    const otherTopFrame = { sender: { id: win().webContents.id }, senderFrame: new FakeFrame(main.url, null, main.processId + 1) };
    const otherWindow = { sender: { id: 9999 }, senderFrame: win().webContents.mainFrame };
    const gone = { sender: { id: win().webContents.id }, senderFrame: null };
    for (const event of [foreignUrl, subframe, otherTopFrame, otherWindow, gone]) {
      await expect(Promise.resolve().then(() => invoke(event, payload))).rejects.toThrow(/Refused/);
    }
    expect(electron().state.forks).toHaveLength(0);
  });

  it('answers a malformed payload from our window with Err data, without reaching the engine', async () => {
    const invoke = handler(CHANNELS.invoke);
    for (const bad of [undefined, 'health', { method: 42, params: {} }, { method: '__proto__', params: {} }, { method: 'health', params: {}, extra: 1 }]) {
      const result = (await invoke(trustedEvent(), bad)) as { ok: boolean };
      expect(result.ok).toBe(false);
    }
    expect(electron().state.forks).toHaveLength(0);
  });

  it('relays a valid request to the engine utility process and its reply back', async () => {
    const pending = handler(CHANNELS.invoke)(trustedEvent(), { method: 'health', params: {} }) as Promise<unknown>;
    const child = electron().state.forks[0];
    expect(child?.modulePath).toMatch(/engine-host\.mjs$/);
    const sent = child?.posted[0] as { type: string; id: number; method: string };
    expect(sent).toMatchObject({ type: 'invoke', method: 'health', params: {} });
    child?.emit('message', { type: 'result', id: sent.id, result: { ok: true, value: { app: 'handoff-lab', version: '9' } } });
    expect(await pending).toEqual({ ok: true, value: { app: 'handoff-lab', version: '9' } });
  });

  it('relays progress from the engine to the window and cancels to the engine', async () => {
    const child = electron().state.forks[0];
    child?.emit('message', { type: 'progress', event: { jobId: 'j1', fraction: 0.25, message: 'Replaying' } });
    child?.emit('message', { type: 'progress', event: { jobId: 'j1', fraction: 7, message: 'bogus' } });
    const progress = win().webContents.sent.filter((m) => m.channel === CHANNELS.progress);
    expect(progress).toEqual([{ channel: CHANNELS.progress, payload: { jobId: 'j1', fraction: 0.25, message: 'Replaying' } }]);
    await handler(CHANNELS.cancel)(trustedEvent(), { jobId: 'j1' });
    expect(child?.posted).toContainEqual({ type: 'cancel', jobId: 'j1' });
  });

  it('remembers a workspace once the engine has opened it, and lists it to the renderer', async () => {
    const recent = handler(CHANNELS.recentWorkspaces);
    expect(await recent(trustedEvent(), undefined)).toEqual([]);
    const pending = handler(CHANNELS.invoke)(trustedEvent(), { method: 'openWorkspace', params: { path: '/w/team.duckdb' } }) as Promise<unknown>;
    const child = electron().state.forks.at(-1);
    const sent = child?.posted.at(-1) as { id: number };
    child?.emit('message', { type: 'result', id: sent.id, result: { ok: true, value: { path: '/w/team.duckdb', rowCounts: {} } } });
    await pending;
    expect(((await recent(trustedEvent(), undefined)) as Array<{ path: string }>).map((r) => r.path)).toEqual(['/w/team.duckdb']);
  });

  it('validates the file-dialog purpose', async () => {
    expect(await handler(CHANNELS.chooseFile)(trustedEvent(), { purpose: 'rm -rf' })).toBeNull();
    expect(electron().module.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('the menu', () => {
  const submenu = (label: string) => electron().state.menuTemplate?.find((m) => m.label === label)?.submenu ?? [];

  it('has File, Edit and View with the workbench commands', () => {
    expect(submenu('File').map((i) => i.label).filter(Boolean)).toEqual(['New Workspace…', 'Open Workspace…', 'Import Data…', 'Export…']);
    expect(submenu('Edit').map((i) => i.label).filter(Boolean)).toEqual(['Undo', 'Redo']);
    expect(submenu('View').map((i) => i.label).filter(Boolean)).toEqual(['Presenter Mode', 'Toggle Theme']);
  });

  it('sends menu commands to the renderer, leaving undo keys to the renderer', () => {
    submenu('File').find((i) => i.label === 'Import Data…')?.click?.();
    submenu('View').find((i) => i.label === 'Toggle Theme')?.click?.();
    const commands = win().webContents.sent.filter((m) => m.channel === CHANNELS.menuCommand).map((m) => m.payload);
    expect(commands).toEqual([{ command: 'import-data' }, { command: 'toggle-theme' }]);
    expect(submenu('Edit').find((i) => i.label === 'Undo')?.registerAccelerator).toBe(false);
  });
});
