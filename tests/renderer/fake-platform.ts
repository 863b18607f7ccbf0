import { createEngineClient } from '../../engine/api/client';
import type { MenuCommand, RecentWorkspace } from '../../engine/api/transport';
import type { Platform } from '../../renderer/app/platform';
import { FakeTransport } from './fake-transport';

export function fakePlatform(transport: FakeTransport, options: { chosen?: string | null; recent?: RecentWorkspace[]; canChooseFiles?: boolean } = {}) {
  const menuListeners = new Set<(c: MenuCommand) => void>();
  const noted: string[] = [];
  const platform: Platform = {
    kind: 'browser',
    client: createEngineClient(transport),
    onMenuCommand: (l) => {
      menuListeners.add(l);
      return () => menuListeners.delete(l);
    },
    recentWorkspaces: async () => options.recent ?? noted.map((path) => ({ path, openedAt: '2026-01-01T00:00:00.000Z' })),
    noteRecent: (path) => noted.push(path),
    chooseFile: async () => options.chosen ?? null,
    canChooseFiles: options.canChooseFiles ?? false,
  };
  return { platform, noted, sendMenu: (c: MenuCommand) => menuListeners.forEach((l) => l(c)) };
}
