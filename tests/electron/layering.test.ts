// Main never loads engine code: the engine runs only in the utility process.
// Walks the real import graph of the source files, so a new import anywhere
// under main's reach fails here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Runtime imports only: `import type` is erased by the build and carries no code. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /^\s*(import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) if (m[2]) specs.push(m[2]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1]) specs.push(m[1]);
  return specs;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) queue.push(local);
      else packages.add(spec);
    }
  }
  return { files: new Set([...files].map((f) => relative(ROOT, f))), packages };
}

describe('layering of the desktop shell', () => {
  it('main reaches no engine module except the renderer-safe transport schemas and export helpers', () => {
    const { files, packages } = graph('electron/main.ts');
    const engineFiles = [...files].filter((f) => f.startsWith('engine/')).sort();
    // engine/export is Node-free and DuckDB-free: the file-name sanitiser and the save request schema.
    expect(engineFiles.filter((f) => !f.startsWith('engine/export/'))).toEqual(['engine/api/transport.ts']);
    expect(engineFiles.filter((f) => f.startsWith('engine/export/'))).toEqual(['engine/export/file-name.ts', 'engine/export/save-file.ts']);
    expect(files.has('electron/engine-host.ts')).toBe(false);
    expect([...packages].filter((p) => p.startsWith('@duckdb') || p === 'apache-arrow')).toEqual([]);
  });

  it('the utility-process entry is where the engine comes in', () => {
    const { files } = graph('electron/engine-host.ts');
    expect(files.has('engine/api/engine.ts')).toBe(true);
  });

  it('the preload needs nothing at run time but electron and the channel names', () => {
    const { files, packages } = graph('electron/preload.ts');
    expect([...files].sort()).toEqual(['electron/channels.ts', 'electron/preload.ts']);
    expect([...packages]).toEqual(['electron']);
  });

  it('the preload never hands out raw ipcRenderer', () => {
    const text = readFileSync(resolve(ROOT, 'electron/preload.ts'), 'utf8');
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    expect(text.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
