// The native menu. Items send a MenuCommand to the renderer, which owns the
// app state. Keys the renderer handles itself (undo, redo, theme, presenter,
// open) are shown here but not registered, so a text field keeps its own
// Ctrl+Z and the key is handled in exactly one place (renderer/app/shortcuts.ts).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandName } from '../engine/api/transport';

export interface MenuDeps {
  readonly isMac: boolean;
  readonly isPackaged: boolean;
  send(command: MenuCommandName): void;
}

export function buildMenuTemplate({ isMac, isPackaged, send }: MenuDeps): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommandName, accelerator?: string, registerAccelerator = true): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator, registerAccelerator } : {}),
  });

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        item('New Workspace…', 'new-workspace', 'CmdOrCtrl+N'),
        item('Open Workspace…', 'open-workspace', 'CmdOrCtrl+O', false),
        { type: 'separator' },
        item('Import Data…', 'import-data', 'CmdOrCtrl+I'),
        item('Export…', 'export', 'CmdOrCtrl+E', false),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z', false),
        item('Redo', 'redo', 'Shift+CmdOrCtrl+Z', false),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Presenter Mode', 'presenter-mode', 'F11', false),
        item('Toggle Theme', 'toggle-theme', 'CmdOrCtrl+Shift+L', false),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        // Developer tools only in development builds.
        ...(isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  );
  return template;
}
