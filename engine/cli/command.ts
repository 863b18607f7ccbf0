// What a CLI command is: a name, its flags, and a run function that writes to
// the given output. Commands never call process.exit; main.ts owns exit codes.
import type { ParseArgsConfig } from 'node:util';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;
export type FlagValues = Record<string, string | boolean | undefined>;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: FlagSpec;
  run(flags: FlagValues, io: CliOutput): Promise<void>;
}

/** A mistake in how the command was called: exit code 2 and the usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function requireString(flags: FlagValues, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

export function optionalString(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function formatFlag(flags: FlagValues): 'table' | 'json' {
  const value = flags.format ?? 'table';
  if (value !== 'table' && value !== 'json') throw new UsageError(`--format must be "table" or "json", got "${String(value)}".`);
  return value;
}
