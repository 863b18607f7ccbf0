// The IPC channel names, the complete allow-list. Shared by main and the
// preload; nothing else may be sent or handled.
export const CHANNELS = {
  invoke: 'handoff-lab:invoke',
  cancel: 'handoff-lab:cancel',
  recentWorkspaces: 'handoff-lab:recent-workspaces',
  chooseFile: 'handoff-lab:choose-file',
  /** Save an export: main shows the save dialog and writes the file. */
  saveFile: 'handoff-lab:save-file',
  /** main -> renderer */
  progress: 'handoff-lab:progress',
  /** main -> renderer */
  menuCommand: 'handoff-lab:menu-command',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** Channels the renderer may call with ipcRenderer.invoke. */
export const RENDERER_TO_MAIN: ReadonlySet<string> = new Set<Channel>([
  CHANNELS.invoke,
  CHANNELS.cancel,
  CHANNELS.recentWorkspaces,
  CHANNELS.chooseFile,
  CHANNELS.saveFile,
]);
