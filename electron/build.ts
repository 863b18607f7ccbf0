// Builds the four Node-side pieces of the desktop app with Vite in SSR mode
// (Node resolution, dependencies left in node_modules):
//   dist/electron/main.mjs         main process (ESM)
//   dist/electron/engine-host.mjs  the engine's utility process (ESM)
//   dist/electron/sim-worker.mjs   the engine's queue-simulation worker thread (ESM, beside engine-host.mjs
//                                  where engine/queue/sim-executor.ts looks for it)
//   dist/electron/preload.cjs      the preload (CommonJS: sandboxed preloads cannot be ESM)
// The Electron binary is not needed for this, so it runs in CI.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/electron', import.meta.url));

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** electron and Node built-ins are provided at run time; everything else the entry needs is bundled or resolved from node_modules. */
function isProvided(id: string): boolean {
  return id === 'electron' || id.startsWith('electron/') || NODE_BUILTINS.has(id);
}

interface Piece {
  readonly entry: string;
  readonly fileName: string;
  readonly format: 'es' | 'cjs';
  /** Bundle every import (the sandboxed preload can require nothing but electron). */
  readonly bundleAll: boolean;
}

const PIECES: readonly Piece[] = [
  { entry: 'electron/main.ts', fileName: 'main.mjs', format: 'es', bundleAll: false },
  { entry: 'electron/engine-host.ts', fileName: 'engine-host.mjs', format: 'es', bundleAll: false },
  { entry: 'engine/queue/sim-worker.ts', fileName: 'sim-worker.mjs', format: 'es', bundleAll: false },
  { entry: 'electron/preload.ts', fileName: 'preload.cjs', format: 'cjs', bundleAll: true },
];

async function buildPiece(piece: Piece, first: boolean): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    ssr: piece.bundleAll ? { noExternal: true } : {},
    build: {
      ssr: piece.entry,
      outDir,
      emptyOutDir: first,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        external: piece.bundleAll ? isProvided : (id) => isProvided(id) || /^@?[a-z]/.test(id),
        output: { format: piece.format, entryFileNames: piece.fileName },
      },
    },
  });
}

for (const [i, piece] of PIECES.entries()) await buildPiece(piece, i === 0);
console.log(`Built ${PIECES.map((p) => p.fileName).join(', ')} into ${outDir}`);
