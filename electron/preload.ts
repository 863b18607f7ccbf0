// The preload: one function per channel, nothing more. The renderer never
// sees ipcRenderer or an IPC event (whose sender would hand it main's ears).
// Only a type is imported from the engine contract; it is erased at build.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge, FilePurpose } from '../engine/api/transport';
import type { SaveFileBridge, SaveFileRequest } from '../engine/export/save-file';
import { CHANNELS } from './channels';

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const bridge: DesktopBridge & SaveFileBridge = {
  invoke: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNELS.invoke, { method, params }),
  cancel: async (jobId: string): Promise<void> => {
    await ipcRenderer.invoke(CHANNELS.cancel, { jobId });
  },
  onProgress: (listener) => subscribe(CHANNELS.progress, listener),
  onMenuCommand: (listener) => subscribe(CHANNELS.menuCommand, listener),
  recentWorkspaces: (): Promise<unknown> => ipcRenderer.invoke(CHANNELS.recentWorkspaces),
  chooseFile: async (purpose: FilePurpose): Promise<string | null> => {
    const chosen: unknown = await ipcRenderer.invoke(CHANNELS.chooseFile, { purpose });
    return typeof chosen === 'string' ? chosen : null;
  },
  // Main shows the save dialog and writes; the renderer learns only the outcome.
  saveFile: (request: SaveFileRequest): Promise<unknown> => ipcRenderer.invoke(CHANNELS.saveFile, request),
};

contextBridge.exposeInMainWorld('handoffLab', bridge);
