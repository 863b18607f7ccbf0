// @vitest-environment happy-dom
// Saving exports from either shell: the browser downloads a Blob under the
// sanitised name; the desktop hands a checked request to the preload's
// saveFile and reads its answer. Also the health table's CSV.
import { describe, expect, it, vi } from 'vitest';
import { exportCurrentScreen, healthCsvRows } from '../../renderer/app/export-actions';
import { browserPlatform, detectPlatform } from '../../renderer/app/platform';
import { createEngineClient } from '../../engine/api/client';
import { downloadInBrowser, saveRequest } from '../../renderer/components/export/download';
import { createAppStore } from '../../renderer/store/app-store';
import { fakePlatform } from './fake-platform';
import { FakeTransport, unknownMethod } from './fake-transport';
import { healthMetrics } from './health-fixture';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('the save request', () => {
  it('sanitises the name, adds the extension and sends PNGs as base64', () => {
    expect(saveRequest('../../etc/passwd', 'text/csv', 'a,b')).toEqual({ suggestedName: 'etc-passwd.csv', mime: 'text/csv', data: 'a,b', encoding: 'utf8' });
    const png = saveRequest('CON', 'image/png', PNG);
    expect(png.suggestedName).toBe('_CON.png');
    expect(png.encoding).toBe('base64');
    expect(png.data.startsWith('iVBOR')).toBe(true);
    expect(() => saveRequest('x', 'image/png', 'javascript:alert(1)')).toThrow(/PNG/);
  });

  it('downloads in the browser under the sanitised name', () => {
    const clicked: string[] = [];
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const outcome = downloadInBrowser(document, saveRequest('a/b\\c:d*?', 'text/csv', 'x'));
    expect(outcome).toEqual({ saved: true, name: 'a-b-c-d.csv' });
    expect(clicked).toEqual(['a-b-c-d.csv']);
    expect(document.querySelector('a[download]')).toBeNull();
    const platform = browserPlatform(window, createEngineClient(new FakeTransport((m) => unknownMethod(m))));
    return platform.saveFile('x'.repeat(300), 'text/html', '<p>').then((r) => {
      expect(r.saved && r.name.length).toBeLessThanOrEqual(126);
      created.mockRestore();
      click.mockRestore();
    });
  });

  it('on the desktop, sends the request to the preload and reads its Result', async () => {
    const sent: unknown[] = [];
    const bridge = {
      invoke: async () => ({ ok: true, value: null }),
      cancel: async () => undefined,
      onProgress: () => () => undefined,
      onMenuCommand: () => () => undefined,
      recentWorkspaces: async () => [],
      chooseFile: async () => null,
      saveFile: async (request: unknown) => {
        sent.push(request);
        return sent.length === 1 ? { ok: true, value: { saved: true, name: 'mine.csv' } } : { ok: false, error: { message: 'Disk full.' } };
      },
    };
    const platform = detectPlatform({ handoffLab: bridge } as unknown as Window);
    expect(platform.kind).toBe('desktop');
    expect(await platform.saveFile('=cmd|calc', 'text/csv', "'=cmd|calc\r\n")).toEqual({ saved: true, name: 'mine.csv' });
    expect(sent[0]).toEqual({ suggestedName: '=cmd-calc.csv', mime: 'text/csv', data: "'=cmd|calc\r\n", encoding: 'utf8' });
    await expect(platform.saveFile('b', 'text/csv', 'x')).rejects.toThrow('Disk full.');
  });
});

describe('the health table as CSV', () => {
  it('has one row per metric with its basis and the filters, and is the health screen’s menu export', async () => {
    const store = createAppStore();
    store.getState().workspaceOpened({ path: '/w.duckdb', rowCounts: {} });
    expect(healthCsvRows(store.getState())).toBeNull();
    const id = store.getState().healthRequested('k');
    store.getState().setHealthFilters({ source: '=evil()' });
    store.getState().healthLoaded(id, { metrics: healthMetrics(), histogram: null }, null);
    const rows = healthCsvRows(store.getState());
    expect(rows?.[0]).toEqual(['metric', 'observed', 'numerator', 'denominator', 'count', 'censored', 'window_from', 'window_to', 'source', 'tier', 'rep']);
    expect(rows?.[2]?.slice(0, 4)).toEqual(['acceptance_rate', 732 / 1200, 732, 1200]);
    const { platform, saved } = fakePlatform(new FakeTransport((m) => unknownMethod(m)));
    store.getState().setScreen('health');
    expect(await exportCurrentScreen(platform, store)).toBe(true);
    expect(saved[0]?.name).toMatch(/^handoff-health-/);
    expect(saved[0]?.data).toContain(",'=evil(),");
  });
});
