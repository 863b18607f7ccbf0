// Electron main: windows, menus, dialogs and IPC relay. It never runs engine
// code; the engine lives in a utilityProcess (engine-host.ts) and main only
// passes validated messages between it and the one window.
import { BrowserWindow, Menu, app, dialog, ipcMain, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import type { MenuCommand } from '../engine/api/transport';
import { CHANNELS } from './channels';
import { chooseFile } from './dialogs';
import { createEngineBridge } from './engine-bridge';
import { registerIpcHandlers } from './ipc-handlers';
import { buildMenuTemplate } from './menu';
import { appPaths, workspaceArg } from './paths';
import { createRecentStore } from './recent-workspaces';
import { electronSaveDeps, saveExport } from './save-file';
import { hardenSession } from './session-security';
import { createMainWindow, lockDownContents } from './window';

// `electron dist/electron/main.mjs` has no package.json beside it; name the app
// ourselves so userData (recent workspaces) lands in a "Handoff Lab" folder.
app.setName('Handoff Lab');

const paths = appPaths(import.meta.url);
let mainWindow: BrowserWindow | null = null;
// A workspace the OS asked us to open before the window could take it.
let pendingOpen: string | null = workspaceArg(process.argv);

const engine = createEngineBridge(() =>
  utilityProcess.fork(paths.engineHost, [], { serviceName: 'Handoff Lab engine', stdio: 'inherit' }),
);

function sendToRenderer(channel: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

function sendMenuCommand(command: MenuCommand): void {
  sendToRenderer(CHANNELS.menuCommand, command);
}

// One instance: a second launch (double-clicking a .duckdb) hands its file to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const path = workspaceArg(argv);
    if (path) sendMenuCommand({ command: 'open-workspace', path });
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (mainWindow) sendMenuCommand({ command: 'open-workspace', path });
    else pendingOpen = path;
  });

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    engine.onProgress((event) => sendToRenderer(CHANNELS.progress, event));

    const recent = createRecentStore(join(app.getPath('userData'), 'recent-workspaces.json'));
    registerIpcHandlers({
      ipcMain,
      rendererUrl: paths.rendererUrl,
      getWindow: () => mainWindow,
      engine,
      recent,
      chooseFile: (purpose) => (mainWindow ? chooseFile(dialog, mainWindow, purpose) : Promise.resolve(null)),
      saveFile: (request) => (mainWindow ? saveExport(electronSaveDeps(dialog, mainWindow), request) : Promise.resolve({ saved: false })),
      onRefused: (channel, reason) => console.warn(`IPC refused on ${channel}: ${reason}`),
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged, send: (command) => sendMenuCommand({ command }) }),
      ),
    );

    mainWindow = createMainWindow(BrowserWindow, paths);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    mainWindow.webContents.once('did-finish-load', () => {
      if (pendingOpen) sendMenuCommand({ command: 'open-workspace', path: pendingOpen });
      pendingOpen = null;
    });
  });

  app.on('window-all-closed', () => {
    engine.dispose();
    app.quit();
  });
}
