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

describe('the scenario lead list as CSV', () => {
  it('pages through every lead of the list shown and neutralises hostile lead ids', async () => {
    const store = createAppStore();
    const ws = { path: '/w.duckdb', rowCounts: {} };
    store.getState().workspaceOpened(ws);
    const scenario = { version: 1 as const, mql: { threshold: 75 } };
    store.getState().scenarioBaselineRequested(ws);
    store.getState().scenarioBaselineLoaded(ws, { scenario, inferred: false, notes: [], thresholdOnly: false });
    store.getState().setScenarioDiffKind('left');
    const ids = ['L1', '=HYPERLINK("http://evil.example")', 'L3'];
    const transport = new FakeTransport((m, p) => {
      if (m !== 'leadDiff') return unknownMethod(m);
      const { offset = 0, limit = 50 } = p as { offset?: number; limit?: number };
      const rows = ids.slice(offset, offset + Math.min(limit, 2)).map((leadId) => ({
        leadId,
        kind: 'left' as const,
        reason: 'score 64 < threshold 75',
        historyMqlAt: Date.UTC(2025, 2, 1, 10),
        scenarioMqlAt: null,
        historyTier: 'C',
        scenarioTier: null,
        historyScore: 64,
        scenarioScore: null,
      }));
      const counts = { historical: 10, scenario: 7, entered: 0, left: 3, stayed: 7, tierChanged: 0, timeMoved: 0, unchanged: 7 };
      return { ok: true, value: { counts, page: { kind: 'left', total: ids.length, offset, rows } } };
    });
    const { platform, saved } = fakePlatform(transport);
    store.getState().setScreen('scenarios');
    expect(await exportCurrentScreen(platform, store)).toBe(true);
    // The engine answered two rows a page here: the exporter asked until it had all three.
    expect(transport.calls.map((c) => (c.params as { offset: number }).offset)).toEqual([0, 2]);
    expect(transport.calls.every((c) => (c.params as { kind: string }).kind === 'left')).toBe(true);
    expect(saved[0]?.name).toMatch(/^leads-left-\d{4}-\d{2}-\d{2}$/);
    const lines = saved[0]?.data.trim().split('\r\n') ?? [];
    expect(lines[0]).toBe('lead_id,change,reason,history_mql_at,scenario_mql_at,history_tier,scenario_tier,history_score,scenario_score');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('L1,left,score 64 < threshold 75,2025-03-01T10:00:00.000Z,,C,,64,');
    expect(lines[2]?.startsWith(`"'=HYPERLINK(""http://evil.example"")",`)).toBe(true);
  });
});
