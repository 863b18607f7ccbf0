import { describe, expect, it } from 'vitest';
import type { DesktopBridge } from '../../engine/api/transport';
import { createIpcTransport, desktopBridge } from '../../renderer/transport/ipc';

function bridge(overrides: Partial<DesktopBridge> = {}): DesktopBridge & { progress: Array<(e: unknown) => void> } {
  const progress: Array<(e: unknown) => void> = [];
  return {
    progress,
    invoke: async () => ({ ok: true, value: 1 }),
    cancel: async () => undefined,
    onProgress: (l) => {
      progress.push(l);
      return () => undefined;
    },
    onMenuCommand: () => () => undefined,
    recentWorkspaces: async () => [],
    chooseFile: async () => null,
    ...overrides,
  };
}

describe('createIpcTransport', () => {
  it('finds the preload bridge on window, and nothing when it is absent', () => {
    const b = bridge();
    expect(desktopBridge({ handoffLab: b } as unknown as Window)).toBe(b);
    expect(desktopBridge({} as Window)).toBeNull();
  });

  it('passes method and params to the bridge and returns its Result', async () => {
    const seen: unknown[] = [];
    const t = createIpcTransport(bridge({ invoke: async (m, p) => (seen.push([m, p]), { ok: false, error: { message: 'no', row: 3 } }) }));
    expect(await t.invoke('openWorkspace', { path: 'x' })).toEqual({ ok: false, error: { message: 'no', row: 3 } });
    expect(seen).toEqual([['openWorkspace', { path: 'x' }]]);
  });

  it('turns a malformed reply or a refused call into Err data', async () => {
    expect((await createIpcTransport(bridge({ invoke: async () => 'garbage' })).invoke('health', {})).ok).toBe(false);
    const refused = await createIpcTransport(
      bridge({
        invoke: async () => {
          throw new Error('Refused');
        },
      }),
    ).invoke('health', {});
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('Refused') } });
  });

  it('passes on only well-formed progress events', () => {
    const b = bridge();
    const seen: unknown[] = [];
    createIpcTransport(b).onProgress((e) => seen.push(e));
    b.progress[0]?.({ jobId: 'a', fraction: 0.5, message: 'x' });
    b.progress[0]?.({ jobId: 'a', fraction: 'half' });
    expect(seen).toEqual([{ jobId: 'a', fraction: 0.5, message: 'x' }]);
  });
});
