// handoff-lab: the engine from a terminal. Exit 0 on success, 1 on bad input
// (one line naming file, row, column or field), 2 on a wrong call; a stack
// trace only with --debug.
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../api/engine';
import { UsageError, type CliOutput, type Command } from './command';
import { COMMANDS } from './commands/index';

const io: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: handoff-lab <command> [flags]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Add --help after a command for its flags; --debug shows stack traces.',
  ].join('\n');
}

/** Where an error happened, in the words a user reads first. */
export function describeError(err: unknown): string {
  const info = toErrorInfo(err);
  return info.message;
}

export async function runCli(argv: readonly string[], output: CliOutput = io): Promise<number> {
  const [name, ...rest] = argv;
  const debug = rest.includes('--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(helpText());
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    output.err(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest.filter((a) => a !== '--debug'),
      options: { ...command.flags, help: { type: 'boolean' } },
      allowPositionals: false,
      strict: true,
    });
    if (values.help) {
      output.out(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    await command.run(values as Record<string, string | boolean | undefined>, output);
    return 0;
  } catch (err) {
    if (debug && err instanceof Error && err.stack) output.err(err.stack);
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      output.err(`${err.message}\nUsage: ${command.usage}`);
      return 2;
    }
    output.err(describeError(err));
    return 1;
  }
}

/** The process entry (bin/handoff-lab.mjs): run, then set the exit code. */
export async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${describeError(err)}\n`);
    process.exitCode = 1;
  }
}
