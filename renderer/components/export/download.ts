// Saving an export in a plain browser: a Blob download under the sanitised
// name (the browser picks the folder; the name can never hold a path).
import { EXPORT_KINDS, pngBase64, sanitiseFileName, type ExportMime, type SaveFileOutcome, type SaveFileRequest } from '../../../engine/api/contract';

/** The request both shells send: a clean name with the right extension, PNGs as base64. */
export function saveRequest(suggestedName: string, mime: ExportMime, data: string): SaveFileRequest {
  const name = sanitiseFileName(suggestedName, EXPORT_KINDS[mime].extension);
  if (mime === 'image/png') {
    const b64 = pngBase64(data);
    if (b64 === null) throw new Error('The chart could not be turned into a PNG image.');
    return { suggestedName: name, mime, data: b64, encoding: 'base64' };
  }
  return { suggestedName: name, mime, data, encoding: 'utf8' };
}

function bytesOf(request: SaveFileRequest): BlobPart {
  if (request.encoding === 'utf8') return request.data;
  const binary = atob(request.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadInBrowser(doc: Document, request: SaveFileRequest): SaveFileOutcome {
  const type = request.mime === 'image/png' ? request.mime : `${request.mime};charset=utf-8`;
  const url = URL.createObjectURL(new Blob([bytesOf(request)], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = request.suggestedName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The click starts the download synchronously; the URL can go after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return { saved: true, name: request.suggestedName };
}
