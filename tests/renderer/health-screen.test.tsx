// @vitest-environment happy-dom
// The Handoff health screen with a fake engine: what it asks for, which answer
// it keeps when answers arrive out of order, and what it shows in each state.
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../engine/api/contract';
import { choicesFrom, loadHealth, metricsRequest, windowPreset } from '../../renderer/app/health-actions';
import { AppServicesProvider } from '../../renderer/app/context';
import { HealthScreen } from '../../renderer/screens/HealthScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { NO_FILTERS } from '../../renderer/store/health-slice';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';
import { EVIL, healthMetrics, histogram, metricSet } from './health-fixture';
import { useDomRoot } from './dom-root';

// happy-dom has no canvas: each chart renders as a box carrying its series, so the test sees what would be drawn.
vi.mock('../../renderer/components/EChart', () => ({
  EChart: ({ option, ariaLabel }: { option: { series?: { name?: string; data?: unknown[] }[] }; ariaLabel: string }) => (
    <div className="echart-stub" aria-label={ariaLabel} data-series={JSON.stringify((option.series ?? []).map((s) => s.data))} />
  ),
}));

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };

/** A transport whose answers the test releases one by one, in any order. */
function gatedTransport() {
  const pending: Array<{ method: string; params: unknown; release: (r: Result<unknown>) => void }> = [];
  const transport = new FakeTransport((method, params) => new Promise<Result<unknown>>((release) => pending.push({ method, params, release })));
  return { transport, pending };
}

describe('health requests', () => {
  it('turns filters into a metrics request, leaving out what is not set', () => {
    expect(metricsRequest(NO_FILTERS)).toEqual({});
    expect(metricsRequest({ ...NO_FILTERS, from: '2025-01-01', source: 'event', rep: 'R1' })).toEqual({ from: '2025-01-01', filters: { source: ['event'], rep: ['R1'] } });
  });

  it('offers filter choices from the segment keys and the data end', () => {
    const c = choicesFrom('/w', healthMetrics());
    expect(c.sources).toEqual([EVIL, 'organic'].sort((a, b) => a.localeCompare(b)));
    expect(c.tiers).toEqual(['A', 'C']);
    expect(c.reps).toEqual(['R1', 'R2']);
    expect([c.firstDate, c.lastDate]).toEqual(['2025-01-06', '2025-12-31']);
  });

  it('window presets end on the data end, not today', () => {
    expect(windowPreset('2025-12-31', 30)).toEqual({ from: '2025-12-02', to: '2025-12-31' });
  });

  it('keeps the newest answer when an older one arrives later', async () => {
    const { transport, pending } = gatedTransport();
    const { platform } = fakePlatform(transport);
    const store = createAppStore();
    store.getState().workspaceOpened(WS);
    const first = loadHealth(platform, store);
    store.getState().setHealthFilters({ source: 'organic' });
    const second = loadHealth(platform, store);
    // first: metrics + histogram; second: metrics + histogram + the unfiltered call for the menus
    expect(pending.map((p) => p.method)).toEqual(['metrics', 'contactHistogram', 'metrics', 'contactHistogram', 'metrics']);
    expect(pending[2]?.params).toEqual({ filters: { source: ['organic'] } });
    const newest = healthMetrics({ metrics: metricSet({ mql_count: { observed: 700 } }) });
    const stale = healthMetrics({ metrics: metricSet({ mql_count: { observed: 1200 } }) });
    pending[2]?.release({ ok: true, value: newest });
    pending[3]?.release({ ok: true, value: histogram() });
    pending[4]?.release({ ok: true, value: healthMetrics() });
    await second;
    pending[0]?.release({ ok: true, value: stale });
    pending[1]?.release({ ok: true, value: histogram() });
    await first;
    expect(store.getState().healthData?.metrics.metrics.mql_count.observed).toBe(700);
    expect(store.getState().healthStatus).toBe('ready');
  });

  it('drops an answer about the workspace that was open before', async () => {
    const { transport, pending } = gatedTransport();
    const store = createAppStore();
    store.getState().workspaceOpened(WS);
    const old = loadHealth(fakePlatform(transport).platform, store);
    store.getState().workspaceOpened({ path: '/data/other.duckdb', rowCounts: {} });
    pending[0]?.release({ ok: true, value: healthMetrics() });
    pending[1]?.release({ ok: true, value: histogram() });
    await old;
    expect(store.getState().healthData).toBeNull();
    expect(store.getState().healthChoices).toBeNull();
  });

  it('does not ask again for what the screen already shows, unless forced', async () => {
    const transport = new FakeTransport((m) => ({ ok: true, value: m === 'contactHistogram' ? histogram() : healthMetrics() }));
    const { platform } = fakePlatform(transport);
    const store = createAppStore();
    store.getState().workspaceOpened(WS);
    await loadHealth(platform, store);
    await loadHealth(platform, store);
    expect(transport.calls.length).toBe(2);
    await loadHealth(platform, store, true);
    expect(transport.calls.length).toBe(4);
  });

  it('a failed histogram leaves the metrics on screen', async () => {
    const transport = new FakeTransport((m) => (m === 'contactHistogram' ? { ok: false, error: { message: 'no' } } : { ok: true, value: healthMetrics() }));
    const store = createAppStore();
    store.getState().workspaceOpened(WS);
    await loadHealth(fakePlatform(transport).platform, store);
    expect(store.getState().healthStatus).toBe('ready');
    expect(store.getState().healthData?.histogram).toBeNull();
  });
});

describe('<HealthScreen>', () => {
  const dom = useDomRoot();
  let store: AppStore;

  beforeEach(() => {
    store = createAppStore();
  });

  async function mount(transport: FakeTransport) {
    await act(async () => {
      dom.root.render(
        <AppServicesProvider platform={fakePlatform(transport).platform} store={store}>
          <HealthScreen />
        </AppServicesProvider>,
      );
    });
  }

  const cardValue = (name: string) => dom.container.querySelector(`[data-testid="metric-${name}"] .metric-value`)?.textContent;
  const flush = () => act(async () => new Promise((r) => setTimeout(r, 20)));

  it('without a workspace, says what to do and offers the sample and import', async () => {
    await mount(new FakeTransport(() => ({ ok: true, value: null })));
    expect(dom.container.textContent).toContain('Open a workspace to see its handoff health');
    const labels = [...dom.container.querySelectorAll('button')].map((b) => b.textContent);
    expect(labels).toEqual(['Open the sample', 'Import your data']);
  });

  it('shows skeletons while loading, then every metric card with its basis and target status', async () => {
    const { transport, pending } = gatedTransport();
    store.getState().workspaceOpened(WS);
    await mount(transport);
    await flush();
    expect(dom.container.querySelector('[aria-label="Loading handoff health"]')).not.toBeNull();
    expect(dom.container.querySelectorAll('.skeleton').length).toBeGreaterThan(0);
    await act(async () => {
      pending[0]?.release({ ok: true, value: healthMetrics() });
      pending[1]?.release({ ok: true, value: histogram() });
    });
    await flush();
    expect(cardValue('acceptance_rate')).toBe('61.0%');
    expect(cardValue('sla_compliance_rate')).toBe('87.4%');
    expect(cardValue('median_hours_to_first_contact')).toBe('2.3 h');
    expect(cardValue('p90_hours_to_first_contact')).toBe('30.0 h');
    expect(cardValue('mql_count')).toBe('1,200');
    expect(cardValue('pipeline_amount')).toBe('$2.5M');
    expect(dom.container.querySelectorAll('.metric-card').length).toBe(11);
    const sla = dom.container.querySelector('[data-testid="metric-sla_compliance_rate"]');
    expect(sla?.className).toContain('status-good');
    expect(sla?.textContent).toContain('1,040 of 1,190 MQLs');
    expect(sla?.textContent).toContain('10 too recent to judge');
    expect(sla?.textContent).toContain('Target > 85%');
    expect(dom.container.querySelector('[data-testid="metric-acceptance_rate"]')?.className).toContain('status-good');
    expect(dom.container.querySelector('[data-testid="metric-black_hole_rate"]')?.textContent).toContain('8.1%Target < 10%');
    // The charts got the fixture's numbers: the funnel's counts, the tier bars in percent.
    const seriesOf = (id: string) => dom.container.querySelector(`[data-testid="${id}"] .echart-stub`)?.getAttribute('data-series') ?? '';
    expect(seriesOf('chart-funnel')).toContain('"value":732');
    expect(JSON.parse(seriesOf('chart-tiers'))).toEqual([[25, 90], [5, 30]]);
    expect(seriesOf('chart-contact')).toContain('"value":19');
    expect(dom.container.textContent).toContain('SLAs from the imported scoring model: A 1 h, B 4 h, C 24 h (business hours).');
    expect(dom.container.textContent).toContain('measured against tier C’s 24 h SLA');
  });

  it('renders names from data as text, never as HTML', async () => {
    store.getState().workspaceOpened(WS);
    await mount(new FakeTransport((m) => ({ ok: true, value: m === 'contactHistogram' ? histogram() : healthMetrics() })));
    await flush();
    expect(dom.container.querySelector('img')).toBeNull();
    const options = [...dom.container.querySelectorAll('[data-testid="filter-source"] option')].map((o) => o.textContent);
    expect(options).toContain(EVIL.replace(/_/g, ' '));
  });

  it('shows the engine error with a Retry that asks again', async () => {
    let fail = true;
    const transport = new FakeTransport((m) =>
      fail ? { ok: false, error: { message: 'The workspace file is locked by another program.' } } : { ok: true, value: m === 'contactHistogram' ? histogram() : healthMetrics() },
    );
    store.getState().workspaceOpened(WS);
    await mount(transport);
    await flush();
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('locked by another program');
    fail = false;
    const retry = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Retry');
    await act(async () => retry?.click());
    await flush();
    expect(dom.container.querySelector('[role="alert"]')).toBeNull();
    expect(cardValue('acceptance_rate')).toBe('61.0%');
  });

  it('asks the engine again when a filter changes, and refuses an inverted window', async () => {
    const transport = new FakeTransport((m) => ({ ok: true, value: m === 'contactHistogram' ? histogram() : healthMetrics() }));
    store.getState().workspaceOpened(WS);
    await mount(transport);
    await flush();
    const before = transport.calls.length;
    await act(async () => store.getState().setHealthFilters({ tier: 'A' }));
    await act(async () => new Promise((r) => setTimeout(r, 350)));
    expect(transport.calls.slice(before).map((c) => c.params)).toContainEqual({ filters: { tier: ['A'] } });
    const after = transport.calls.length;
    await act(async () => store.getState().setHealthFilters({ from: '2025-06-01', to: '2025-05-01' }));
    await act(async () => new Promise((r) => setTimeout(r, 350)));
    expect(transport.calls.length).toBe(after);
    expect(dom.container.textContent).toContain('The window starts after it ends');
  });

  it('says plainly when no MQL matches, with the way out', async () => {
    const empty = healthMetrics({ metrics: metricSet({ mql_count: { observed: 0 } }) });
    store.getState().workspaceOpened(WS);
    await mount(new FakeTransport((m) => ({ ok: true, value: m === 'contactHistogram' ? histogram() : empty })));
    await flush();
    expect(dom.container.textContent).toContain('This workspace has no handoffs yet');
    expect(dom.container.querySelectorAll('.metric-card').length).toBe(0);
    await act(async () => store.getState().setHealthFilters({ source: 'organic' }));
    await act(async () => new Promise((r) => setTimeout(r, 350)));
    expect(dom.container.textContent).toContain('No MQLs match these filters');
    const reset = [...dom.container.querySelectorAll<HTMLButtonElement>('.state-empty button')].find((b) => b.textContent === 'Reset filters');
    await act(async () => reset?.click());
    expect(store.getState().healthFilters.source).toBeNull();
  });
});
