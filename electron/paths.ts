// Where the built pieces sit relative to the built main (dist/electron/):
// the preload and the engine host beside it, the renderer in dist/renderer.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AppPaths {
  readonly preload: string;
  readonly engineHost: string;
  readonly rendererIndex: string;
  readonly rendererUrl: string;
}

export function appPaths(mainModuleUrl: string): AppPaths {
  const here = dirname(fileURLToPath(mainModuleUrl));
  const rendererIndex = join(here, '..', 'renderer', 'index.html');
  return {
    preload: join(here, 'preload.cjs'),
    engineHost: join(here, 'engine-host.mjs'),
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
  };
}

/** A .duckdb path handed to the app by the OS (file association, command line). */
export function workspaceArg(argv: readonly string[]): string | null {
  return argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.duckdb')) ?? null;
}
