import { createEngineClient } from '../../engine/api/client';
import type { MenuCommand, RecentWorkspace } from '../../engine/api/transport';
import type { Platform } from '../../renderer/app/platform';
import { FakeTransport } from './fake-transport';

export function fakePlatform(transport: FakeTransport, options: { chosen?: string | null; recent?: RecentWorkspace[]; canChooseFiles?: boolean } = {}) {
  const menuListeners = new Set<(c: MenuCommand) => void>();
  const noted: string[] = [];
  const saved: Array<{ name: string; mime: string; data: string }> = [];
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
    saveFile: async (name, mime, data) => {
      saved.push({ name, mime, data });
      return { saved: true, name };
    },
  };
  return { platform, noted, saved, sendMenu: (c: MenuCommand) => menuListeners.forEach((l) => l(c)) };
}
