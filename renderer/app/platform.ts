// Which shell the UI runs in. Everything else in the renderer talks to a
// Platform, so the same components run in Electron and in a plain browser.
import { createEngineClient, type EngineClient } from '../../engine/api/client';
import { SAVE_FILE_OUTCOME, type ExportMime, type SaveFileBridge, type SaveFileOutcome } from '../../engine/api/contract';
import {
  MENU_COMMAND_SCHEMA,
  parseResult,
  RECENT_LIST_SCHEMA,
  type FilePurpose,
  type MenuCommand,
  type RecentWorkspace,
} from '../../engine/api/transport';
import { downloadInBrowser, saveRequest } from '../components/export/download';
import { createHttpTransport, tokenFromSearch } from '../transport/http';
import { createIpcTransport, desktopBridge } from '../transport/ipc';

export interface Platform {
  readonly kind: 'desktop' | 'browser';
  readonly client: EngineClient;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  recentWorkspaces(): Promise<RecentWorkspace[]>;
  /** Remember a workspace the user opened (the desktop shell does this itself). */
  noteRecent(path: string): void;
  /** A native file dialog, or null when there is none (browser) or the user cancelled. */
  chooseFile(purpose: FilePurpose): Promise<string | null>;
  readonly canChooseFiles: boolean;
  /**
   * Save an export (CSV or HTML text, or a PNG data URL): a download in the
   * browser, a native save dialog on the desktop. The name is sanitised first.
   */
  saveFile(suggestedName: string, mime: ExportMime, data: string): Promise<SaveFileOutcome>;
}

const RECENT_KEY = 'handoff-lab.recent-workspaces';
const MAX_RECENT = 8;

function readBrowserRecent(storage: Storage | null): RecentWorkspace[] {
  if (!storage) return [];
  try {
    const parsed = RECENT_LIST_SCHEMA.safeParse(JSON.parse(storage.getItem(RECENT_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function addRecent(list: readonly RecentWorkspace[], path: string, now: Date): RecentWorkspace[] {
  return [{ path, openedAt: now.toISOString() }, ...list.filter((r) => r.path !== path)].slice(0, MAX_RECENT);
}

export function browserPlatform(win: Window, client: EngineClient): Platform {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  return {
    kind: 'browser',
    client,
    onMenuCommand: () => () => undefined,
    recentWorkspaces: async () => readBrowserRecent(storage),
    noteRecent(path) {
      storage?.setItem(RECENT_KEY, JSON.stringify(addRecent(readBrowserRecent(storage), path, new Date())));
    },
    chooseFile: async () => null,
    canChooseFiles: false,
    saveFile: async (name, mime, data) => downloadInBrowser(win.document, saveRequest(name, mime, data)),
  };
}

/** Pick the transport from what the page was given: a preload bridge, or a token in the URL. */
export function detectPlatform(win: Window): Platform {
  const bridge = desktopBridge(win);
  if (bridge) {
    return {
      kind: 'desktop',
      client: createEngineClient(createIpcTransport(bridge)),
      onMenuCommand: (listener) =>
        bridge.onMenuCommand((raw) => {
          const parsed = MENU_COMMAND_SCHEMA.safeParse(raw);
          if (parsed.success) listener(parsed.data);
        }),
      recentWorkspaces: async () => {
        const parsed = RECENT_LIST_SCHEMA.safeParse(await bridge.recentWorkspaces());
        return parsed.success ? parsed.data : [];
      },
      noteRecent: () => undefined,
      chooseFile: (purpose) => bridge.chooseFile(purpose),
      canChooseFiles: true,
      saveFile: async (name, mime, data) => {
        // The save lives beside the engine bridge on window.handoffLab; main checks the request again.
        const saver = (bridge as Partial<SaveFileBridge>).saveFile;
        if (typeof saver !== 'function') throw new Error('This version of the desktop shell cannot save files.');
        const reply = parseResult(await saver(saveRequest(name, mime, data)));
        if (!reply.ok) throw new Error(reply.error.message);
        const parsed = SAVE_FILE_OUTCOME.safeParse(reply.value);
        if (!parsed.success) throw new Error('The desktop shell answered the save in a way this app cannot read.');
        return parsed.data;
      },
    };
  }
  const token = tokenFromSearch(win.location.search) ?? '';
  const client = createEngineClient(createHttpTransport({ origin: win.location.origin, token }));
  return browserPlatform(win, client);
}
