// @vitest-environment happy-dom
// The Scenario editor screen with a fake engine: its empty, loading and error
// states, the cards against the forecast, field errors next to their
// control, data rendered as text, and presenter mode's keys.
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppServicesProvider } from '../../renderer/app/context';
import { leadDiffExportRequest } from '../../renderer/app/scenario-actions';
import { ScenariosScreen } from '../../renderer/screens/ScenariosScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { useDomRoot } from './dom-root';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';
import { scenarioFake } from './scenario-engine-fake';
import type { Scenario } from '../../engine/api/contract';
import { BASE, EVIL, thresholdOf } from './scenario-fixture';

// happy-dom has no canvas: each chart renders as a box carrying its series.
vi.mock('../../renderer/components/EChart', () => ({
  EChart: ({ option, ariaLabel }: { option: { series?: { data?: unknown[] }[] }; ariaLabel: string }) => (
    <div className="echart-stub" aria-label={ariaLabel} data-series={JSON.stringify((option.series ?? []).map((s) => s.data))} />
  ),
}));

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };
const dom = useDomRoot();
let store: AppStore;

beforeEach(() => {
  store = createAppStore();
});

async function mount(transport: FakeTransport, exportLeadDiff?: () => void) {
  await act(async () => {
    dom.root.render(
      <AppServicesProvider platform={fakePlatform(transport).platform} store={store}>
        <ScenariosScreen {...(exportLeadDiff ? { exportLeadDiff } : {})} />
      </AppServicesProvider>,
    );
  });
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 30)));
const card = (name: string) => dom.container.querySelector(`[data-testid="scn-metric-${name}"]`);
const value = (name: string) => card(name)?.querySelector('.metric-value')?.textContent;
const byTestId = <T extends Element = HTMLElement>(id: string) => dom.container.querySelector<T>(`[data-testid="${id}"]`);

describe('<ScenariosScreen>', () => {
  it('without a workspace says what to do, with the sample and import', async () => {
    await mount(new FakeTransport(() => ({ ok: true, value: null })));
    expect(dom.container.textContent).toContain('Open a workspace to try scenarios');
    expect([...dom.container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Open the sample', 'Import your data']);
  });

  it('shows the engine error and retries when the baseline cannot be read', async () => {
    let fail = true;
    const fake = scenarioFake();
    const transport = new FakeTransport((m, p) => (fail && m === 'baselineScenario' ? { ok: false, error: { message: 'The workspace has no handoffs yet.' } } : fake.transport.invoke(m, p)));
    store.getState().workspaceOpened(WS);
    await mount(transport);
    await settle();
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('The workspace has no handoffs yet.');
    fail = false;
    await act(async () => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Retry')?.click());
    await settle();
    expect(byTestId('threshold-slider')).not.toBeNull();
  });

  it('shows the forecast session opening as a bar with its stage while the baseline loads', async () => {
    const fake = scenarioFake();
    let release: (() => void) | null = null;
    let jobId = '';
    const transport = new FakeTransport((m, p) => {
      if (m !== 'baselineScenario') return fake.transport.invoke(m, p);
      jobId = String((p as { jobId?: string }).jobId);
      return new Promise((resolve) => (release = () => resolve(fake.transport.invoke(m, p) as never)));
    });
    store.getState().workspaceOpened(WS);
    await mount(transport);
    await settle();
    expect(jobId).toMatch(/^scenario-baseline-/);
    // App.tsx hands the engine's progress events to the store.
    await act(async () => store.getState().progressReceived({ jobId, fraction: 0.55, message: 'Fitting the outcome models (acceptance, contact, conversion)' }));
    expect(byTestId('loading-stage')?.textContent).toBe('Fitting the outcome models (acceptance, contact, conversion) · 55%');
    expect(dom.container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('55');
    await act(async () => release!());
    await settle();
    expect(byTestId('loading-stage')).toBeNull();
    expect(value('mql_count')).toBe('3,300');
  });

  it('shows the forecast against the baseline on cards and charts, and the leads that change, as text', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    expect(value('mql_count')).toBe('3,300');
    expect(card('mql_count')?.textContent).toContain('was 3,300');
    expect(card('acceptance_rate')?.textContent).toContain('no change');
    // Move the slider: the cards follow the engine's answer for 70.
    const slider = byTestId<HTMLInputElement>('threshold-slider')!;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(slider, '70');
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      slider.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(byTestId('threshold-value')?.textContent).toBe('70');
    expect(thresholdOf(fake.transport.calls.filter((c) => c.method === 'forecast').at(-1)?.params)).toBe(70);
    expect(value('mql_count')).toBe('3,100');
    expect(byTestId('delta-mql_count')?.textContent).toContain('−200');
    expect(value('acceptance_rate')).toBe('76.8%');
    expect(card('acceptance_rate')?.className).toContain('status-bad');
    expect(byTestId('delta-black_hole_rate')?.className).toContain('verdict-better');
    // The rate chart got the changes in percentage points (bottom-up).
    const series = JSON.parse(byTestId('chart-rate-delta')?.querySelector('.echart-stub')?.getAttribute('data-series') ?? '[]') as Array<Array<{ value: number }>>;
    expect(series[0]?.map((d) => d.value)).toEqual([2.5, 0, 10, -10, -5, 10]);
    // Warnings in plain words, minus the expected-values boilerplate; names from data stay text.
    expect(byTestId('forecast-warnings')?.textContent).toContain('outcomes are extrapolated');
    expect(byTestId('forecast-warnings')?.textContent).not.toContain('Expected values only');
    await act(async () => new Promise((r) => setTimeout(r, 400)));
    expect(byTestId('lead-diff')?.textContent).toContain(EVIL);
    expect(dom.container.querySelector('img')).toBeNull();
    expect(byTestId<HTMLButtonElement>('lead-diff-export')?.disabled).toBe(true);
  });

  it('previews a threshold drag from the threshold curve while its forecast is computed, then shows the exact answer', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    // The first answer on the screen asked for the curve of the draft's other blocks, once.
    expect(fake.transport.calls.filter((c) => c.method === 'sweep').length).toBe(1);
    fake.hold = true;
    const slider = byTestId<HTMLInputElement>('threshold-slider')!;
    await act(async () => {
      slider.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(slider, '70');
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(fake.held.length).toBe(1);
    // The curve of the same blocks is not asked for again by taking up the slider.
    expect(fake.transport.calls.filter((c) => c.method === 'sweep').length).toBe(1);
    expect(byTestId('scenario-forecast')?.getAttribute('data-answer')).toBe('preview');
    expect(byTestId('forecast-preview')?.textContent).toContain('Preview from the threshold curve');
    // 70 lies between the curve's 69.75 and 70.5: MQLs and outcome rates are read off it (the curve's rates are the exact ones + 1 point) ...
    expect(value('mql_count')).toBe('3,100');
    expect(value('acceptance_rate')).toBe('77.8%');
    expect(card('acceptance_rate')?.className).not.toContain('stale');
    // ... the queue's metrics keep the answer on screen (threshold 60), dimmed.
    expect(value('black_hole_rate')).toBe('19.6%');
    expect(card('black_hole_rate')?.className).toContain('stale');
    expect(byTestId('chart-tier-volume')?.className).toContain('stale');
    await act(async () => fake.held.shift()!.release());
    await settle();
    expect(byTestId('scenario-forecast')?.getAttribute('data-answer')).toBe('current');
    expect(value('acceptance_rate')).toBe('76.8%');
    expect(value('black_hole_rate')).toBe('9.6%');
    expect(card('black_hole_rate')?.className).not.toContain('stale');
    // Off the curve (above 90): no preview, the usual "Updating".
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(slider, '95');
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(byTestId('scenario-forecast')?.getAttribute('data-answer')).toBe('stale');
    expect(byTestId('forecast-preview')).toBeNull();
    fake.hold = false;
    await act(async () => fake.held.shift()!.release());
    await settle();
  });

  it('hands the lead list’s CSV export to whoever plugs it in, with the request for the whole list', async () => {
    const fake = scenarioFake();
    const asked: unknown[] = [];
    store.getState().workspaceOpened(WS);
    await mount(fake.transport, () => asked.push(leadDiffExportRequest(store)));
    await settle();
    store.getState().setScenarioDiffKind('left');
    await act(async () => new Promise((r) => setTimeout(r, 400)));
    const button = byTestId<HTMLButtonElement>('lead-diff-export')!;
    expect(button.disabled).toBe(false);
    await act(async () => button.click());
    expect(asked).toEqual([{ scenario: store.getState().scenarioHistory?.present, kind: 'left' }]);
  });

  it('shows the engine’s complaint about a field next to that field', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    fake.failWith = { ok: false, error: { message: 'scenario: tiers[0].first_contact_sla_hours: must be more than 0 hours', field: 'tiers[0].first_contact_sla_hours' } };
    const sla = byTestId<HTMLInputElement>('tier-0-sla')!;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(sla, '0');
      sla.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    const field = sla.closest('.num-field');
    expect(field?.querySelector('.field-error')?.textContent).toBe('must be more than 0 hours');
    expect(sla.getAttribute('aria-invalid')).toBe('true');
    // Said once more above the results, in the editor's words rather than as a JSON path.
    expect(dom.container.querySelector('.scn-results .error-note')?.textContent).toBe('Tier A first-contact SLA: must be more than 0 hours');
  });

  it('edits caps, decay, pre-flight checks and the window through the undoable path, each request carrying the field', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    const lastScenario = () => (fake.transport.calls.filter((c) => c.method === 'forecast').at(-1)?.params as { scenario: Scenario }).scenario;
    const type = async (testId: string, text: string) => {
      const input = byTestId<HTMLInputElement>(testId)!;
      await act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle();
    };
    const email = byTestId<HTMLInputElement>('require-business-email')!;
    expect(email.checked).toBe(false);
    await act(async () => email.click());
    await settle();
    expect(email.checked).toBe(true);
    expect(lastScenario().mql).toMatchObject({ threshold: 60, require_business_email: true });
    await act(async () => byTestId<HTMLInputElement>('require-company_size')!.click());
    await settle();
    expect(lastScenario().mql?.require_fields).toEqual(['company_size']);
    await type('cap-email_open', '10');
    expect(lastScenario().scoring?.activity_caps).toEqual({ email_open: 10 });
    await type('decay-half-life', '30');
    await type('lookback-days', '90');
    expect(lastScenario().scoring).toMatchObject({ decay_half_life_days: 30, lookback_days: 90 });
    await type('window-from', '2025-01');
    expect(byTestId('window-from')?.closest('.num-field')?.querySelector('.field-error')?.textContent).toBe('Write the date as YYYY-MM-DD.');
    expect(lastScenario().window).toBeUndefined();
    await type('window-from', '2025-01-01');
    expect(lastScenario().window).toEqual({ from: '2025-01-01' });
    // Undo walks back one control at a time; the controls follow the draft (answers for earlier drafts come from the cache).
    const present = () => store.getState().scenarioHistory?.present;
    for (let i = 0; i < 3; i++) await act(async () => void store.getState().scenarioUndo());
    await settle();
    expect(byTestId<HTMLInputElement>('window-from')?.value).toBe('');
    expect(byTestId<HTMLInputElement>('lookback-days')?.value).toBe('');
    expect(byTestId<HTMLInputElement>('decay-half-life')?.value).toBe('');
    expect(present()?.scoring).toMatchObject({ activity_caps: { email_open: 10 } });
    expect(present()?.scoring?.decay_half_life_days ?? null).toBeNull();
    for (let i = 0; i < 3; i++) await act(async () => void store.getState().scenarioUndo());
    await settle();
    expect(byTestId<HTMLInputElement>('require-business-email')?.checked).toBe(false);
    expect(byTestId<HTMLInputElement>('cap-email_open')?.value).toBe('');
    expect(present()).toEqual(BASE);
    // An empty cap takes the cap away.
    await type('cap-email_open', '4');
    await type('cap-email_open', '');
    expect(lastScenario().scoring?.activity_caps).toEqual({});
  });

  it('shows the engine’s complaint about a cap or a window date beside that box', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    fake.failWith = { ok: false, error: { message: 'scenario: scoring.activity_caps.email_open: a cap must be 0 or more', field: 'scoring.activity_caps.email_open' } };
    const cap = byTestId<HTMLInputElement>('cap-email_open')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(cap, '-1');
      cap.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(cap.closest('.num-field')?.querySelector('.field-error')?.textContent).toBe('a cap must be 0 or more');
    expect(byTestId<HTMLInputElement>('cap-demo_request')?.getAttribute('aria-invalid')).toBeNull();
    expect(dom.container.querySelector('.points-table + .field-error')).toBeNull();
    expect(dom.container.querySelector('.scn-results .error-note')?.textContent).toBe('Cap for email open: a cap must be 0 or more');
    fake.failWith = { ok: false, error: { message: 'scenario: window.to: must be on or after window.from (2025-06-01), got "2025-01-01"', field: 'window.to' } };
    const to = byTestId<HTMLInputElement>('window-to')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(to, '2025-01-01');
      to.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(to.closest('.num-field')?.querySelector('.field-error')?.textContent).toBe('must be on or after window.from (2025-06-01), got "2025-01-01"');
    expect(byTestId('window-from')?.closest('.num-field')?.querySelector('.field-error')).toBeNull();
  });

  it('cancels the interval job when the screen goes away', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    await mount(fake.transport);
    await settle();
    fake.hold = true;
    await act(async () => new Promise((r) => setTimeout(r, 1000)));
    const job = store.getState().scenarioIntervalJob;
    expect(job?.jobId).toMatch(/^scenario-intervals-/);
    // The editor shows its progress and Cancel beside the forecast, so the jobs panel leaves it out there.
    expect(store.getState().jobsShownOn[job?.jobId ?? '']).toBe('scenarios');
    await act(async () => dom.root.render(<div />));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(fake.transport.cancelled).toContain(job?.jobId);
    fake.held.forEach((h) => h.release({ ok: false, error: { message: 'Cancelled.' } }));
  });

  it('in presenter mode shows before and after, and arrows move the threshold', async () => {
    const fake = scenarioFake();
    store.getState().workspaceOpened(WS);
    store.getState().togglePresenter();
    await mount(fake.transport);
    await settle();
    expect(byTestId('presenter-view')).not.toBeNull();
    const row = () => byTestId('pv-row-mql_count')?.textContent;
    expect(row()).toContain('3,300');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true }));
    });
    await settle();
    expect(byTestId('threshold-value')?.textContent).toBe('65');
    expect(row()).toContain('3,200');
    // With the forecast held, the next move shows the curve's preview: MQLs and acceptance (curve: exact + 1 point) at full strength, the queue's rows dimmed.
    fake.hold = true;
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true }));
    });
    await settle();
    expect(dom.container.querySelector('.pv-before-after')?.className).toContain('previewing');
    expect(row()).toContain('3,100');
    expect(byTestId('pv-row-acceptance_rate')?.textContent).toContain('77.8%');
    expect(byTestId('pv-row-acceptance_rate')?.className).not.toContain('stale');
    expect(byTestId('pv-row-black_hole_rate')?.className).toContain('stale');
    fake.hold = false;
    await act(async () => fake.held.shift()!.release());
    await settle();
    expect(dom.container.querySelector('.pv-before-after')?.className).not.toContain('previewing');
    expect(byTestId('pv-row-acceptance_rate')?.textContent).toContain('76.8%');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ']' }));
    });
    expect(byTestId('pv-extra-reps')?.textContent).toBe('+1 rep');
    expect(byTestId('pv-sla')?.textContent).toBe('2 h');
  });
});
