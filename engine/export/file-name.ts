// File names the app suggests or writes: built from scenario names and other
// imported text, so they are cleaned to a plain name that is valid on every
// desktop OS and can never point outside the folder the user chose. Node-free.

/** Windows refuses these as names whatever the extension (CON.csv is CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Room for the longest path component most file systems allow (255 bytes), with margin for the extension. */
export const MAX_FILE_NAME = 120;

/**
 * A safe file name: path separators, control characters and characters
 * Windows forbids become "-", dots and spaces are trimmed from both ends (no
 * hidden files, no "..", Windows drops trailing dots), a reserved device name
 * gets a "_" prefix, and the stem is capped so the whole name stays short.
 * `extension` (without dot, e.g. "csv") is appended unless already there.
 */
export function sanitiseFileName(name: string, extension?: string, fallback = 'handoff-lab-export'): string {
  const ext = extension ? extension.replace(/[^A-Za-z0-9]/g, '').toLowerCase().slice(0, 8) : '';
  let stem = name.normalize('NFC');
  if (ext && stem.toLowerCase().endsWith(`.${ext}`)) stem = stem.slice(0, -(ext.length + 1));
  stem = stem
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u2028\u2029]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  // Cap by code points, not UTF-16 units, so an emoji is never cut in half.
  stem = Array.from(stem).slice(0, MAX_FILE_NAME).join('').replace(/[\s.]+$/g, '');
  if (stem === '') stem = fallback;
  if (RESERVED.test(stem.split('.')[0] ?? '')) stem = `_${stem}`;
  return ext ? `${stem}.${ext}` : stem;
}
