// The recent-workspaces list: a small JSON file in userData. A corrupt or
// missing file is an empty list, and writes go through a temp file and a
// rename so a crash mid-write never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RECENT_LIST_SCHEMA, type RecentWorkspace } from '../engine/api/transport';

export const MAX_RECENT = 10;

export interface RecentStore {
  list(): RecentWorkspace[];
  add(path: string): RecentWorkspace[];
}

export function createRecentStore(file: string, now: () => Date = () => new Date()): RecentStore {
  const list = (): RecentWorkspace[] => {
    try {
      const parsed = RECENT_LIST_SCHEMA.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  return {
    list,
    add(path) {
      const next = [{ path, openedAt: now().toISOString() }, ...list().filter((r) => r.path !== path)].slice(0, MAX_RECENT);
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 2));
      renameSync(tmp, file);
      return next;
    },
  };
}
