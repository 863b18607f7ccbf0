// Run tests/support/crash-child.ts in a real node process and kill it with
// SIGKILL when a line it prints matches: no sleeps, the child's own progress
// lines are the clock.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildRun {
  /** Every stdout line, in order. */
  readonly lines: readonly string[];
  /** The line that triggered the kill, or null when the child ended by itself. */
  readonly killedAt: string | null;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Run the child with args; SIGKILL it on the first stdout line for which killWhen is true. */
export function runChild(args: readonly string[], killWhen: (line: string) => boolean): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let killedAt: string | null = null;
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (killedAt === null && killWhen(line)) {
          killedAt = line;
          child.kill('SIGKILL');
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ lines, killedAt, code, signal, stderr }));
  });
}
