// The one app window, locked down: isolated, sandboxed, no Node, no
// navigation, no popups, shown only once painted.
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, WebContents } from 'electron';

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  // The renderer never needs these; a smaller surface is a smaller risk.
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Handoff Lab',
    backgroundColor: '#f5f6f9',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  };
}

/**
 * Guards for any web contents the app creates: no navigation away from the
 * loaded renderer, no new windows, no <webview>. Installed on every
 * web-contents-created, so nothing slips past if a second window appears.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  paths: { readonly preload: string; readonly rendererIndex: string },
): BrowserWindowType {
  const win = new BrowserWindow(windowOptions(paths.preload));
  lockDownContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.rendererIndex);
  return win;
}
