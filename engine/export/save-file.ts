// What the UI may ask the desktop shell to save, checked on both sides with
// one schema: a file kind from a short list, a suggested name (sanitised
// again in main), and the content as text or base64. Node-free.
import { z } from 'zod';

export const EXPORT_KINDS = {
  'text/csv': { extension: 'csv', label: 'CSV table' },
  'image/png': { extension: 'png', label: 'PNG image' },
  'text/html': { extension: 'html', label: 'Report (HTML)' },
} as const;

export type ExportMime = keyof typeof EXPORT_KINDS;
export const EXPORT_MIMES = Object.keys(EXPORT_KINDS) as [ExportMime, ...ExportMime[]];

/** 40 MB of text: a chart PNG or a table of every sweep point is far below it. */
export const MAX_EXPORT_CHARS = 40_000_000;

export const SAVE_FILE_REQUEST = z.strictObject({
  suggestedName: z.string().min(1).max(1000),
  mime: z.enum(EXPORT_MIMES),
  data: z.string().max(MAX_EXPORT_CHARS),
  encoding: z.enum(['utf8', 'base64']),
});
export type SaveFileRequest = z.infer<typeof SAVE_FILE_REQUEST>;

/** What a save came to: written (and where, for the message), or the user cancelled. */
export const SAVE_FILE_OUTCOME = z.union([
  z.strictObject({ saved: z.literal(true), name: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
]);
export type SaveFileOutcome = z.infer<typeof SAVE_FILE_OUTCOME>;

/** The preload's save function (on window.handoffLab next to the engine bridge). */
export interface SaveFileBridge {
  saveFile(request: SaveFileRequest): Promise<unknown>;
}

/** "data:image/png;base64,AAAA" -> "AAAA", or null when it is not a PNG data URL. */
export function pngBase64(dataUrl: string): string | null {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  return m ? (m[1] ?? null) : null;
}
