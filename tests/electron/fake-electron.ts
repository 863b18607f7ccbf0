// A stand-in for the `electron` module: records what main asks of it, so the
// tests can check the window's settings, the handlers and the IPC relay
// without the Electron binary (CI does not download it).
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

type Handler = (event: unknown, payload?: unknown) => unknown;

export class FakeFrame {
  static nextRoutingId = 1;
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
    readonly processId = 1,
    readonly routingId = FakeFrame.nextRoutingId++,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;
  constructor(readonly modulePath: string) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }
}

export function createFakeElectron() {
  const userData = mkdtempSync(join(tmpdir(), 'hl-fake-userdata-'));
  const state = {
    userData,
    windows: [] as FakeBrowserWindow[],
    handlers: new Map<string, Handler>(),
    forks: [] as FakeUtilityProcess[],
    permissionRequestHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | { filter: { urls: string[] }; listener: (d: unknown, cb: (r: { cancel: boolean }) => void) => void },
    headersReceived: null as null | ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    menuTemplate: null as null | Array<{ label?: string; role?: string; submenu?: Array<{ label?: string; click?: () => void; accelerator?: string; registerAccelerator?: boolean }> }>,
    appEvents: new EventEmitter(),
  };

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents: FakeWebContents;
    shown = false;
    loadedFile: string | null = null;
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      super();
      this.webContents = new FakeWebContents('about:blank');
      state.windows.push(this);
    }
    loadFile(path: string): Promise<void> {
      this.loadedFile = path;
      this.webContents.mainFrame.url = `file://${path}`;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    isDestroyed(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const module = {
    app: {
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) => state.appEvents.on(event, listener),
      quit: vi.fn(),
      getPath: () => userData,
      setName: vi.fn(),
      isPackaged: false,
    },
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: typeof state.menuTemplate) => {
        state.menuTemplate = template;
        return { template };
      },
      setApplicationMenu: vi.fn(),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        state.handlers.set(channel, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof state.permissionRequestHandler) => {
          state.permissionRequestHandler = h;
        },
        setPermissionCheckHandler: (h: typeof state.permissionCheckHandler) => {
          state.permissionCheckHandler = h;
        },
        webRequest: {
          onBeforeRequest: (filter: { urls: string[] }, listener: (d: unknown, cb: (r: { cancel: boolean }) => void) => void) => {
            state.beforeRequest = { filter, listener };
          },
          onHeadersReceived: (listener: typeof state.headersReceived) => {
            state.headersReceived = listener;
          },
        },
      },
    },
    utilityProcess: {
      fork: (modulePath: string) => {
        const child = new FakeUtilityProcess(modulePath);
        state.forks.push(child);
        return child;
      },
    },
  };
  return { module, state, FakeBrowserWindow };
}
