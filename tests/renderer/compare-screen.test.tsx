// @vitest-environment happy-dom
// Compare with a fake engine: the forecasts it asks for (policy in force
// first, over the scenarios' window), cancel, the states it shows, and the
// CSV and report it exports (imported names as text, formulas neutralised).
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../engine/api/contract';
import { runCommand } from '../../renderer/app/actions';
import { cancelComparison, loadScenarioList, runComparison } from '../../renderer/app/compare-actions';
import { AppServicesProvider } from '../../renderer/app/context';
import { compareColumns, exportCompareCsv } from '../../renderer/app/export-actions';
import { formatInteger, formatPercent } from '../../renderer/charts/format';
import { CompareScreen } from '../../renderer/screens/CompareScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { BASELINE_KEY } from '../../renderer/store/compare-slice';
import { forecastResult, SCENARIO } from './compare-fixture';
import { useDomRoot } from './dom-root';
import { EVIL } from './health-fixture';
import { fakePlatform } from './fake-platform';
import { FakeTransport, unknownMethod } from './fake-transport';

vi.mock('../../renderer/components/EChart', () => ({
  EChart: ({ option, ariaLabel }: { option: { series?: { name?: string; data?: unknown[] }[] }; ariaLabel: string }) => (
    <div className="echart-stub" aria-label={ariaLabel} data-series={JSON.stringify((option.series ?? []).map((s) => s.data))} />
  ),
}));

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };
const FORMULA = '=HYPERLINK("http://evil.example","x")';
const NAMES = ['Threshold 75', FORMULA, EVIL];
const listing = NAMES.map((name, i) => ({ name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: `2026-01-0${i + 1}T00:00:00.000Z` }));

/** Forecasts answer by scenario name: the baseline shift 0, the others 1, 2, 3. */
function engineAnswers(method: string, params: unknown): Result<unknown> {
  const p = params as { name?: string; scenario?: { name?: string } };
  switch (method) {
    case 'listScenarios':
      return { ok: true, value: listing };
    case 'getScenario':
      return { ok: true, value: { name: p.name, scenario: { ...SCENARIO, name: p.name }, createdAt: '', updatedAt: '' } };
    case 'baselineScenario':
      return { ok: true, value: { scenario: { version: 1, name: 'Baseline', window: { from: '2024-01-01', to: '2025-12-31' } }, inferred: false, notes: [], thresholdOnly: false } };
    case 'forecast': {
      const name = p.scenario?.name ?? '';
      return { ok: true, value: forecastResult(name, name === 'Baseline' ? 0 : NAMES.indexOf(name) + 1) };
    }
    default:
      return unknownMethod(method);
  }
}

function setup(answer = engineAnswers) {
  const transport = new FakeTransport(answer);
  const fake = fakePlatform(transport);
  const store = createAppStore();
  store.getState().workspaceOpened(WS);
  return { transport, store, ...fake };
}

async function readyComparison(store: AppStore, platform: ReturnType<typeof setup>['platform']): Promise<void> {
  await loadScenarioList(platform, store);
  store.getState().toggleCompared(NAMES[0] ?? '');
  store.getState().toggleCompared(FORMULA);
  await runComparison(platform, store);
}

describe('running a comparison', () => {
  it('forecasts the policy in force over the first scenario’s window, then each scenario, each as a job', async () => {
    const { transport, store, platform } = setup();
    await readyComparison(store, platform);
    const forecasts = transport.calls.filter((c) => c.method === 'forecast').map((c) => c.params as { scenario: { name: string; window?: unknown }; jobId: string });
    expect(forecasts.map((f) => f.scenario.name)).toEqual(['Baseline', 'Threshold 75', FORMULA]);
    expect(forecasts[0]?.scenario.window).toEqual(SCENARIO.window);
    expect(new Set(forecasts.map((f) => f.jobId)).size).toBe(3);
    expect(store.getState().compareRuns.map((r) => [r.key, r.status])).toEqual([
      [BASELINE_KEY, 'ready'],
      ['Threshold 75', 'ready'],
      [FORMULA, 'ready'],
    ]);
    const { baseline, columns } = compareColumns(store.getState());
    expect(baseline?.label).toBe('Policy in force');
    expect(columns.map((c) => c.label)).toEqual(['Threshold 75', FORMULA]);
  });

  it('does not run a column again when its scenario was not re-saved', async () => {
    const { transport, store, platform } = setup();
    await readyComparison(store, platform);
    const before = transport.calls.filter((c) => c.method === 'forecast').length;
    await runComparison(platform, store);
    expect(transport.calls.filter((c) => c.method === 'forecast').length).toBe(before);
  });

  it('picks at most four and needs two', async () => {
    const { store, platform } = setup();
    await loadScenarioList(platform, store);
    store.getState().toggleCompared('Threshold 75');
    await runComparison(platform, store);
    expect(store.getState().compareRuns).toEqual([]);
    for (const n of ['a', 'b', 'c', 'd']) store.getState().toggleCompared(n);
    expect(store.getState().compareSelected).toEqual(['Threshold 75', 'a', 'b', 'c']);
  });

  it('cancels the running forecast and skips the waiting ones, keeping finished columns', async () => {
    const pending: Array<{ method: string; release: (r: Result<unknown>) => void; params: unknown }> = [];
    const { transport, store, platform } = setup((method, params) =>
      method === 'forecast' ? (new Promise<Result<unknown>>((release) => pending.push({ method, params, release })) as unknown as Result<unknown>) : engineAnswers(method, params),
    );
    await loadScenarioList(platform, store);
    store.getState().toggleCompared('Threshold 75');
    store.getState().toggleCompared(FORMULA);
    const run = runComparison(platform, store);
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]?.release(engineAnswers('forecast', pending[0].params));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    const running = store.getState().compareRuns.find((r) => r.status === 'running');
    // Its row shows its progress: the running-jobs panel leaves it out on this screen.
    expect(store.getState().jobsShownOn[running?.jobId ?? '']).toBe('compare');
    await cancelComparison(platform, store);
    expect(transport.cancelled).toEqual([running?.jobId]);
    pending[1]?.release({ ok: false, error: { message: 'Cancelled.' } });
    await run;
    expect(pending).toHaveLength(2);
    expect(store.getState().compareRuns.map((r) => r.status)).toEqual(['ready', 'cancelled', 'cancelled']);
  });

  it('says why when a scenario cannot be read', async () => {
    const { store, platform } = setup((method, params) => (method === 'getScenario' ? { ok: false, error: { message: 'scenario.mql.threshold: must be a number', field: 'mql.threshold' } } : engineAnswers(method, params)));
    await readyComparison(store, platform);
    expect(store.getState().compareError?.field).toBe('mql.threshold');
  });
});

describe('exports of a comparison', () => {
  it('writes the table as CSV with formula names neutralised and raw numbers', async () => {
    const { store, platform, saved } = setup();
    await readyComparison(store, platform);
    await exportCompareCsv(platform, store);
    const file = saved[0];
    expect(file?.mime).toBe('text/csv');
    expect(file?.name).toMatch(/^scenario-comparison-\d{4}-\d{2}-\d{2}$/);
    const lines = file?.data.split('\r\n') ?? [];
    expect(lines).toContain(`Threshold 75,acceptance_rate,2025-01-01,2025-12-31,0.6679,${0.6679 + 0.021},${0.6679 + 0.021 - 0.012},${0.6679 + 0.021 + 0.012},2.1,pp`);
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",mql_count,`))).toBe(true);
    expect(lines.some((l) => /^"?=/.test(l))).toBe(false);
    expect(store.getState().notice).toMatch(/^Saved /);
  });

  it('File > Export on Compare saves the one-page report with names escaped', async () => {
    const { store, platform, saved } = setup();
    await loadScenarioList(platform, store);
    store.getState().toggleCompared(EVIL);
    store.getState().toggleCompared(FORMULA);
    await runComparison(platform, store);
    store.getState().setScreen('compare');
    await runCommand(platform, store, { command: 'export' });
    const html = saved[0]?.data ?? '';
    expect(saved[0]?.mime).toBe('text/html');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=');
    expect(html).toContain(formatPercent(0.6679 + 0.021 * 3));
  });

  it('File > Export says so where there is nothing to export', async () => {
    const { store, platform, saved } = setup();
    store.getState().setScreen('compare');
    await runCommand(platform, store, { command: 'export' });
    store.getState().setScreen('welcome');
    await runCommand(platform, store, { command: 'export' });
    expect(saved).toEqual([]);
    expect(store.getState().notice).toMatch(/^Nothing to export on this screen/);
  });
});

describe('the Compare screen', () => {
  const dom = useDomRoot();

  async function mount(store: AppStore, platform: ReturnType<typeof setup>['platform']) {
    await act(async () => {
      dom.root.render(
        <AppServicesProvider platform={platform} store={store}>
          <CompareScreen />
        </AppServicesProvider>,
      );
    });
  }

  it('asks for a workspace first', async () => {
    const { platform } = setup();
    await mount(createAppStore(), platform);
    expect(dom.container.textContent).toContain('Open a workspace to compare scenarios');
  });

  it('sends the user to Scenarios when fewer than two are saved', async () => {
    const { store, platform } = setup((method, params) => (method === 'listScenarios' ? { ok: true, value: listing.slice(0, 1) } : engineAnswers(method, params)));
    await mount(store, platform);
    expect(dom.container.textContent).toContain('Only one saved scenario so far');
    expect(dom.container.textContent).toContain('Save scenarios in the Scenarios screen');
    const go = dom.container.querySelector<HTMLButtonElement>('[data-testid="go-scenarios"]');
    act(() => go?.click());
    expect(store.getState().screen).toBe('scenarios');
  });

  it('shows forecasts, intervals and changes, names as text, and both change charts', async () => {
    const { store, platform } = setup();
    await mount(store, platform);
    const boxes = [...dom.container.querySelectorAll<HTMLInputElement>('[data-testid="compare-option"] input')];
    expect(boxes).toHaveLength(3);
    await act(async () => {
      boxes[0]?.click();
      boxes[2]?.click();
    });
    const run = dom.container.querySelector<HTMLButtonElement>('[data-testid="compare-run"]');
    expect(run?.disabled).toBe(false);
    await act(async () => {
      run?.click();
      await vi.waitFor(() => expect(store.getState().compareRuns.every((r) => r.status === 'ready')).toBe(true));
    });
    const table = dom.container.querySelector('[data-testid="compare-table"]');
    expect(table?.textContent).toContain(EVIL);
    expect(table?.querySelector('img')).toBeNull();
    const cell = table?.querySelector(`[data-testid="cell-acceptance_rate"][data-column="Threshold 75"]`);
    expect(cell?.querySelector('.cell-value')?.textContent).toBe(formatPercent(0.6679 + 0.021));
    expect(cell?.querySelector('.delta')?.textContent).toBe('+2.1 pp');
    expect(cell?.querySelector('.delta')?.className).toContain('delta-up');
    const mql = table?.querySelector(`[data-testid="cell-mql_count"][data-column="Threshold 75"]`);
    expect(mql?.querySelector('.cell-value')?.textContent).toBe(formatInteger(2900));
    expect(mql?.querySelector('.delta')?.className).toContain('delta-down');
    expect(dom.container.querySelector('[data-testid="compare-delta-rates"] .echart-stub')).not.toBeNull();
    expect(dom.container.querySelector('[data-testid="compare-delta-volume"] .echart-stub')).not.toBeNull();
  });
});
