// Opening the --workspace a command names, with messages that say what to do.
import { existsSync } from 'node:fs';
import { openWorkspace, type Workspace } from '../workspace/database';
import { UsageError, requireString, type FlagValues } from './command';

export async function withWorkspace<T>(
  flags: FlagValues,
  mode: 'existing' | 'create',
  fn: (ws: Workspace) => Promise<T>,
): Promise<T> {
  const path = requireString(flags, 'workspace');
  if (mode === 'existing' && !existsSync(path)) {
    throw new UsageError(`Workspace ${path} was not found. Create it first with: handoff-lab import --workspace ${path} --dir <folder>`);
  }
  const ws = await openWorkspace(path);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}
