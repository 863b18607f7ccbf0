// The built renderer, served read-only: one file per request, never a
// directory listing, never anything outside staticDir (checked after decoding
// and after resolving symlinks, so `..%2f`, `%2e%2e` and links all fail).
import { realpath, stat, readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; path: string; contentType: string; body: Buffer }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + sep);
}

/** Map a URL pathname (still percent-encoded) to a file under root, or say why not. */
export async function lookupStatic(rootDir: string, rawPathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request' };
  const relative = decoded === '/' || decoded === '' ? '/index.html' : decoded;

  let root: string;
  try {
    root = await realpath(rootDir);
  } catch {
    return { kind: 'not-found' };
  }
  const candidate = resolve(root, `.${relative.startsWith('/') ? relative : `/${relative}`}`);
  if (!isInside(root, candidate)) return { kind: 'not-found' };

  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return { kind: 'not-found' };
    const info = await stat(real);
    // Directories are never listed, and never silently mapped to an index either.
    if (!info.isFile()) return { kind: 'not-found' };
    return { kind: 'file', path: real, contentType: contentTypeFor(real), body: await readFile(real) };
  } catch {
    return { kind: 'not-found' };
  }
}
