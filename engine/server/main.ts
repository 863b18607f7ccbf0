// `tsx engine/server/main.ts [--port N] [--static DIR]`: browser mode from a
// terminal. `handoff-lab serve` calls runServeCommand with the same arguments.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../api/engine';
import { startServer, type RunningServer } from './server';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface ServeArgs {
  readonly port: number;
  readonly staticDir: string;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let port = 0;
  let staticDir = DEFAULT_STATIC_DIR;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--port' && next !== undefined) {
      port = Number(next);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${next}" is not a port number (0-65535).`);
      i += 1;
    } else if (arg === '--static' && next !== undefined) {
      staticDir = next;
      i += 1;
    } else {
      throw new Error(`Unknown option "${arg ?? ''}". Usage: handoff-lab serve [--port N]`);
    }
  }
  return { port, staticDir };
}

export interface ServeHooks {
  readonly log?: (line: string) => void;
  /** Stop cleanly on Ctrl+C / SIGTERM (off in tests, which close the server themselves). */
  readonly handleSignals?: boolean;
}

export async function runServeCommand(argv: readonly string[], hooks: ServeHooks = {}): Promise<RunningServer> {
  const args = parseServeArgs(argv);
  if (!existsSync(join(args.staticDir, 'index.html'))) {
    throw new Error(`No built UI in ${args.staticDir}. Run "npm run build:renderer" first (or "npm run web").`);
  }
  const engine = new Engine();
  const server = await startServer({ port: args.port, engine, staticDir: args.staticDir });
  const stop = (): void => {
    void server.close().finally(() => {
      engine.close();
      process.exit(0);
    });
  };
  if (hooks.handleSignals ?? true) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  (hooks.log ?? console.log)(`Handoff Lab is running at ${server.url}`);
  return {
    ...server,
    async close() {
      await server.close();
      engine.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runServeCommand(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
