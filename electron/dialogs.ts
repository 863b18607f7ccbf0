// Native open/save dialogs, one per purpose. Only main can show them, and
// the renderer only learns the path the user picked.
import type { BrowserWindow, Dialog } from 'electron';
import type { FilePurpose } from '../engine/api/transport';

const WORKSPACE_FILTER = { name: 'Handoff Lab workspace', extensions: ['duckdb'] };

export async function chooseFile(dialog: Dialog, win: BrowserWindow, purpose: FilePurpose): Promise<string | null> {
  switch (purpose) {
    case 'open-workspace': {
      const r = await dialog.showOpenDialog(win, { title: 'Open workspace', properties: ['openFile'], filters: [WORKSPACE_FILTER] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    case 'new-workspace': {
      const r = await dialog.showSaveDialog(win, { title: 'New workspace', defaultPath: 'workspace.duckdb', filters: [WORKSPACE_FILTER] });
      return r.canceled ? null : (r.filePath ?? null);
    }
    case 'import-data': {
      const r = await dialog.showOpenDialog(win, { title: 'Import data: choose the folder with your exports', properties: ['openDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    case 'export': {
      const r = await dialog.showSaveDialog(win, {
        title: 'Export',
        defaultPath: 'handoff-lab-report.pdf',
        filters: [
          { name: 'PDF report', extensions: ['pdf'] },
          { name: 'PNG image', extensions: ['png'] },
          { name: 'CSV table', extensions: ['csv'] },
        ],
      });
      return r.canceled ? null : (r.filePath ?? null);
    }
  }
}
