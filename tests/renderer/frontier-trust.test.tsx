// @vitest-environment happy-dom
// Frontier and Trust with a fake engine: what they ask for, the error state
// of an engine part not built yet, and what they show when it answers.
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../engine/api/contract';
import { AppServicesProvider } from '../../renderer/app/context';
import { frontierCsvRows, trustCsvRows } from '../../renderer/app/export-actions';
import { loadFrontier } from '../../renderer/app/frontier-actions';
import { loadTrust } from '../../renderer/app/trust-actions';
import { formatPercent } from '../../renderer/charts/format';
import { FrontierScreen } from '../../renderer/screens/FrontierScreen';
import { TrustScreen } from '../../renderer/screens/TrustScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { modelHealthReport, SCENARIO, sweepResult, trustReport } from './compare-fixture';
import { useDomRoot } from './dom-root';
import { fakePlatform } from './fake-platform';
import { FakeTransport, unknownMethod } from './fake-transport';

vi.mock('../../renderer/components/EChart', () => ({
  EChart: ({ ariaLabel }: { ariaLabel: string }) => <div className="echart-stub" aria-label={ariaLabel} />,
}));

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };
const NOT_BUILT = (what: string): Result<unknown> => ({ ok: false, error: { message: `${what} is not built yet.` } });

function answers(over: Record<string, () => Result<unknown>> = {}) {
  return (method: string, params: unknown): Result<unknown> => {
    const own = over[method];
    if (own) return own();
    switch (method) {
      case 'listScenarios':
        return { ok: true, value: [{ name: 'Threshold 75', createdAt: '', updatedAt: '2026-01-01T00:00:00.000Z' }] };
      case 'getScenario':
        return { ok: true, value: { name: (params as { name: string }).name, scenario: SCENARIO, createdAt: '', updatedAt: '' } };
      case 'baselineScenario':
        return { ok: true, value: { scenario: { version: 1, name: 'Baseline' }, inferred: false, notes: [], thresholdOnly: false } };
      case 'sweep':
        return { ok: true, value: sweepResult() };
      case 'trust':
        return { ok: true, value: trustReport() };
      case 'modelHealth':
        return { ok: true, value: modelHealthReport(0.74, 0.91) };
      default:
        return unknownMethod(method);
    }
  };
}

function setup(over: Record<string, () => Result<unknown>> = {}) {
  const transport = new FakeTransport(answers(over));
  const fake = fakePlatform(transport);
  const store = createAppStore();
  store.getState().workspaceOpened(WS);
  return { transport, store, ...fake };
}

describe('frontier loading', () => {
  it('sweeps the policy in force, then a saved scenario, once per choice, as a job', async () => {
    const { transport, store, platform } = setup();
    const shownOn = vi.spyOn(store.getState(), 'jobShownOn');
    await loadFrontier(platform, store);
    // The screen shows the sweep's progress itself, so the jobs panel leaves it out there.
    expect(shownOn).toHaveBeenCalledWith(expect.stringMatching(/^sweep-/), 'frontier');
    expect(store.getState().jobsShownOn).toEqual({});
    await loadFrontier(platform, store);
    store.getState().setFrontierScenario('Threshold 75');
    await loadFrontier(platform, store);
    const sweeps = transport.calls.filter((c) => c.method === 'sweep').map((c) => c.params as { scenario: { name: string }; jobId: string });
    expect(sweeps.map((s) => s.scenario.name)).toEqual(['Baseline', 'x']);
    expect(sweeps.every((s) => s.jobId.startsWith('sweep-'))).toBe(true);
    expect(store.getState().frontierStatus).toBe('ready');
    const rows = frontierCsvRows(store.getState());
    expect(rows?.[0]?.slice(0, 4)).toEqual(['threshold', 'is_policy_in_force', 'is_proposed', 'rep_load_per_day']);
    expect(rows?.find((r) => r[0] === 60)?.[1]).toBe(true);
    expect(rows?.find((r) => r[0] === 75)?.[2]).toBe(true);
  });
});

describe('the Frontier screen', () => {
  const dom = useDomRoot();
  const mount = async (store: AppStore, platform: ReturnType<typeof setup>['platform']) => {
    await act(async () => {
      dom.root.render(
        <AppServicesProvider platform={platform} store={store}>
          <FrontierScreen />
        </AppServicesProvider>,
      );
    });
  };

  it('says plainly when the sweep is not available, with Retry', async () => {
    const { store, platform } = setup({ sweep: () => NOT_BUILT('The threshold sweep') });
    await mount(store, platform);
    await act(async () => vi.waitFor(() => expect(store.getState().frontierStatus).toBe('error')));
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('The threshold sweep is not built yet.');
    expect([...dom.container.querySelectorAll('button')].some((b) => b.textContent === 'Retry')).toBe(true);
  });

  it('shows the in-force and proposed thresholds with their numbers', async () => {
    const { store, platform } = setup();
    store.getState().setFrontierScenario('Threshold 75');
    await mount(store, platform);
    await act(async () => vi.waitFor(() => expect(store.getState().frontierStatus).toBe('ready')));
    expect(dom.container.querySelector('[data-testid="frontier-in-force"]')?.textContent).toContain('In force · 60');
    expect(dom.container.querySelector('[data-testid="frontier-in-force-acceptance"]')?.textContent).toBe(formatPercent(0.58));
    expect(dom.container.querySelector('[data-testid="frontier-proposed-acceptance"]')?.textContent).toBe(formatPercent(0.66));
    expect(dom.container.textContent).toContain('Above 80 no lead was ever handed off');
    expect(dom.container.querySelector('.echart-stub')?.getAttribute('aria-label')).toContain('Proposed threshold 75');
  });
});

describe('trust loading', () => {
  it('keeps model health when the trust checks fail, and asks with the scenario when one is chosen', async () => {
    const { transport, store, platform } = setup({ trust: () => NOT_BUILT('The trust checks') });
    await loadTrust(platform, store);
    expect(store.getState().trustReport.status).toBe('error');
    expect(store.getState().trustHealth.value?.acceptance.auc).toBe(0.74);
    store.getState().setTrustScenario('Threshold 75');
    await loadTrust(platform, store);
    const trusts = transport.calls.filter((c) => c.method === 'trust').map((c) => c.params as { scenario?: unknown; jobId: string });
    expect(trusts[0]?.scenario).toBeUndefined();
    expect(trusts[1]?.scenario).toEqual(SCENARIO);
    expect(transport.calls.filter((c) => c.method === 'modelHealth').map((c) => c.params)).toEqual([{}, { scenario: SCENARIO }]);
  });
});

describe('the Trust screen', () => {
  const dom = useDomRoot();
  const mount = async (store: AppStore, platform: ReturnType<typeof setup>['platform']) => {
    await act(async () => {
      dom.root.render(
        <AppServicesProvider platform={platform} store={store}>
          <TrustScreen />
        </AppServicesProvider>,
      );
    });
  };

  it('shows the checks and the score’s health in words, with the leakage warning above 0.85', async () => {
    const { store, platform } = setup();
    await mount(store, platform);
    await act(async () => vi.waitFor(() => expect(store.getState().trustHealth.status).toBe('ready')));
    const text = dom.container.textContent ?? '';
    expect(text).toContain('Replaying the policy in force reproduces what history shows');
    expect(text).toContain('missed its bound on 1 of 2 metrics of the later one: SLA compliance');
    expect(text).toContain('Not available: the threshold never changed in this history');
    expect(text).toContain('312 newly qualified leads score below any lead sales has seen');
    expect(dom.container.querySelector('[data-testid="auc-acceptance"]')?.textContent).toBe('0.74');
    expect(dom.container.querySelector('[data-testid="model-health-acceptance"] .leakage')).toBeNull();
    expect(dom.container.querySelector('[data-testid="model-health-opportunity"] .leakage')?.textContent).toContain('Leakage warning');
    expect(dom.container.querySelectorAll('[data-testid^="reliability-"] .echart-stub')).toHaveLength(2);
    const rows = trustCsvRows(store.getState());
    expect(rows?.filter((r) => r[0] === 'backtest')).toHaveLength(2);
  });

  it('shows each part’s error on its own', async () => {
    const { store, platform } = setup({ trust: () => NOT_BUILT('The trust checks'), modelHealth: () => NOT_BUILT('Model health') });
    await mount(store, platform);
    await act(async () => vi.waitFor(() => expect(store.getState().trustHealth.status).toBe('error')));
    const errors = [...dom.container.querySelectorAll('[data-testid="trust-part-error"]')].map((e) => e.textContent);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('The trust checks could not run. The trust checks is not built yet.');
    expect(errors[1]).toContain('Model health could not run.');
  });
});
