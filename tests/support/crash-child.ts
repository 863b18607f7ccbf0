// A child process for the crash tests: it opens a workspace and does one long
// write (an import, or many scenario saves), printing a line per step so the
// parent can SIGKILL it at a known point. Run as:
//   node --import tsx tests/support/crash-child.ts import <workspace> <dir>
//   node --import tsx tests/support/crash-child.ts scenarios <workspace> <count>
//   node --import tsx tests/support/crash-child.ts renames <workspace> <count>
// Lines on stdout: "OPEN", "PROGRESS <stage> <file|->", "SAVED <i>", "RENAMED <i>", "DONE", "FAILED <message>".
import { importDirectory } from '../../engine/import/importer';
import { ScenarioStore } from '../../engine/scenario/store';
import { openWorkspace } from '../../engine/workspace/database';

/** The body saved under name `s<i>`; the crash test checks every survivor against it. */
export function crashScenario(i: number): { version: 1; mql: { threshold: number } } {
  return { version: 1, mql: { threshold: i % 100 } };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const [mode, path, arg] = process.argv.slice(2);
  if (!mode || !path || !arg) throw new Error('usage: crash-child.ts import|scenarios <workspace> <dir|count>');
  const ws = await openWorkspace(path);
  say('OPEN');
  if (mode === 'import') {
    await importDirectory(ws, arg, { onProgress: (p) => say(`PROGRESS ${p.stage} ${p.file ?? '-'}`) });
  } else if (mode === 'scenarios') {
    const store = new ScenarioStore(ws);
    for (let i = 0; i < Number(arg); i++) {
      await store.save(`s${i}`, crashScenario(i));
      say(`SAVED ${i}`);
    }
  } else if (mode === 'renames') {
    // Renames "a" to "b" and back, arg times: each is a delete and an insert in one transaction.
    const store = new ScenarioStore(ws);
    for (let i = 0; i < Number(arg); i++) {
      await store.rename(i % 2 === 0 ? 'a' : 'b', i % 2 === 0 ? 'b' : 'a');
      say(`RENAMED ${i}`);
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  ws.close();
  say('DONE');
}

// Only when run as a script (the test imports crashScenario from here).
if (process.argv[1]?.endsWith('crash-child.ts')) {
  main().catch((err: unknown) => {
    say(`FAILED ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exitCode = 1;
  });
}
