// Saving an export on the desktop: main asks the user where (a native save
// dialog whose suggested name is sanitised again here, whatever the renderer
// sent), then writes the validated content to exactly that path and nowhere
// else. The renderer never names a folder.
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { sanitiseFileName } from '../engine/export/file-name';
import { EXPORT_KINDS, type SaveFileOutcome, type SaveFileRequest } from '../engine/export/save-file';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class SaveRefusedError extends Error {
  override readonly name = 'SaveRefusedError';
}

/** The bytes to write: text as UTF-8, a PNG only if it really is one. */
export function exportBytes(request: SaveFileRequest): Buffer {
  const bytes = request.encoding === 'base64' ? Buffer.from(request.data, 'base64') : Buffer.from(request.data, 'utf8');
  if (request.mime === 'image/png' && !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new SaveRefusedError('The image to save is not a PNG.');
  if (request.mime !== 'image/png' && request.encoding !== 'utf8') throw new SaveRefusedError('Text exports are sent as text.');
  return bytes;
}

export interface SaveDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  write(path: string, bytes: Buffer): Promise<void>;
}

export function electronSaveDeps(dialog: Dialog, win: BrowserWindow): SaveDeps {
  return {
    showSaveDialog: (options) => dialog.showSaveDialog(win, options),
    // 'w': create or replace the one file the user chose (the dialog already asked about replacing).
    write: (path, bytes) => writeFile(path, bytes, { flag: 'w' }),
  };
}

export async function saveExport(deps: SaveDeps, request: SaveFileRequest): Promise<SaveFileOutcome> {
  const kind = EXPORT_KINDS[request.mime];
  const bytes = exportBytes(request);
  const chosen = await deps.showSaveDialog({
    title: `Export ${kind.label}`,
    defaultPath: sanitiseFileName(request.suggestedName, kind.extension),
    filters: [{ name: kind.label, extensions: [kind.extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (chosen.canceled || !chosen.filePath) return { saved: false };
  // The dialog returns an absolute path; anything else did not come from it.
  if (!isAbsolute(chosen.filePath)) throw new SaveRefusedError('The save dialog gave no usable path.');
  await deps.write(chosen.filePath, bytes);
  return { saved: true, name: basename(chosen.filePath) };
}
