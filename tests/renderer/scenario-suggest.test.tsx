// @vitest-environment happy-dom
// "Suggest points from evidence" in the Scenario editor, with a fake engine:
// the job and its progress in place, the panel's numbers in words, Apply as
// one undo step that changes the forecast's scoring, Dismiss, engine errors,
// and text from the engine rendered as text.
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../engine/api/contract';
import { AppServicesProvider } from '../../renderer/app/context';
import { applySuggestedPoints } from '../../renderer/app/scenario-edits';
import { aucSentence, biggestChanges, formatAuc, formatLift } from '../../renderer/app/suggest-weights';
import { ScenariosScreen } from '../../renderer/screens/ScenariosScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { useDomRoot } from './dom-root';
import { fakePlatform } from './fake-platform';
import type { FakeTransport } from './fake-transport';
import { scenarioFake } from './scenario-engine-fake';
import { BASE, EVIL, SUGGESTION } from './scenario-fixture';

vi.mock('../../renderer/components/EChart', () => ({
  EChart: ({ ariaLabel }: { ariaLabel: string }) => <div className="echart-stub" aria-label={ariaLabel} />,
}));

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };
const dom = useDomRoot();
let store: AppStore;

beforeEach(() => {
  store = createAppStore();
  store.getState().setScreen('scenarios');
});

async function mount(transport: FakeTransport) {
  store.getState().workspaceOpened(WS);
  const { platform } = fakePlatform(transport);
  platform.client.onProgress((e) => store.getState().progressReceived(e));
  await act(async () => {
    dom.root.render(
      <AppServicesProvider platform={platform} store={store}>
        <ScenariosScreen />
      </AppServicesProvider>,
    );
  });
  await settle();
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 30)));
const byTestId = <T extends Element = HTMLElement>(id: string) => dom.container.querySelector<T>(`[data-testid="${id}"]`);
const click = (id: string) => act(async () => byTestId<HTMLButtonElement>(id)!.click());
const lastForecast = (t: FakeTransport) => t.calls.filter((c) => c.method === 'forecast').at(-1)?.params as { scenario: Scenario } | undefined;

describe('suggested points, pure parts', () => {
  it('formats AUC and lift, and words the comparison by what is shown', () => {
    expect(formatAuc(0.5612)).toBe('0.56');
    expect(formatAuc(null)).toBe('–');
    expect(formatLift(2.07)).toBe('2.1×');
    expect(aucSentence(SUGGESTION.heldOut)).toBe('On leads held out of the fit, the suggested points rank future opportunities better: AUC 0.56 → 0.62.');
    expect(aucSentence({ ...SUGGESTION.heldOut, aucSuggested: 0.5 })).toContain('rank future opportunities worse: AUC 0.56 → 0.50');
    expect(aucSentence({ ...SUGGESTION.heldOut, aucSuggested: 0.5649 })).toContain('about as well');
    expect(aucSentence({ ...SUGGESTION.heldOut, aucCurrent: null })).toContain('Too few held-out leads');
  });

  it('lists the biggest changes first and leaves unchanged rows out', () => {
    expect(biggestChanges(SUGGESTION.rows).map((r) => r.key)).toEqual(['demo_request', 'webinar', SUGGESTION.rows[3]!.key, 'email_open']);
  });

  it('replaces the scoring block and the threshold, and keeps the rest of the draft', () => {
    const draft: Scenario = { ...BASE, scoring: { ...BASE.scoring, activity_caps: { email_open: 5 } }, capacity: { extra_reps: 2, rep_daily_capacity: null } };
    const { next, field } = applySuggestedPoints(draft, SUGGESTION.scenario);
    expect(field).toBe('suggested:scoring+mql.threshold');
    expect(next.scoring).toEqual(SUGGESTION.scenario.scoring);
    expect(next.mql).toEqual({ ...BASE.mql, threshold: 48 });
    expect(next.capacity).toEqual({ extra_reps: 2, rep_daily_capacity: null });
    expect(next.tiers).toBe(BASE.tiers);
  });
});

describe('Suggest points from evidence', () => {
  it('runs suggestWeights as a job shown in place, with progress and Cancel', async () => {
    const fake = scenarioFake();
    fake.holdSuggest = true;
    await mount(fake.transport);
    await click('suggest-points');
    const call = fake.transport.calls.find((c) => c.method === 'suggestWeights');
    const jobId = (call?.params as { jobId: string }).jobId;
    expect(jobId).toMatch(/^scenario-suggest-/);
    expect(store.getState().jobsShownOn[jobId]).toBe('scenarios');
    expect(byTestId('suggest-points')).toBeNull();
    await act(async () => fake.transport.emit({ jobId, fraction: 0.5, message: 'Fitting points to opportunities' }));
    expect(byTestId('suggest-progress')?.textContent).toContain('50%');
    expect(byTestId('suggest-progress')?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('50');
    await act(async () => [...byTestId('suggest-progress')!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click());
    expect(fake.transport.cancelled).toContain(jobId);
    expect(byTestId('suggest-progress')).toBeNull();
    expect(byTestId('suggest-points')).not.toBeNull();
    // The engine's late answer for the cancelled job changes nothing.
    await act(async () => fake.heldSuggest[0]!.release({ ok: false, error: { message: 'Cancelled.' } }));
    await settle();
    expect(byTestId('suggest-panel')).toBeNull();
    expect(byTestId('suggest-error')).toBeNull();
    expect(store.getState().jobsShownOn[jobId]).toBeUndefined();
  });

  it('shows held-out AUC and lift in plain words, the biggest changes, notes and warnings as text', async () => {
    const fake = scenarioFake();
    await mount(fake.transport);
    await click('suggest-points');
    await settle();
    const panel = byTestId('suggest-panel')!;
    expect(byTestId('suggest-auc-sentence')?.textContent).toBe('On leads held out of the fit, the suggested points rank future opportunities better: AUC 0.56 → 0.62.');
    expect(byTestId('suggest-auc-current')?.textContent).toBe('0.56');
    expect(byTestId('suggest-auc-suggested')?.textContent).toBe('0.62');
    expect(byTestId('suggest-lift-current')?.textContent).toBe('1.4×');
    expect(byTestId('suggest-lift-suggested')?.textContent).toBe('2.1×');
    expect(panel.textContent).toContain('1,250 held-out leads, 210 of which became opportunities');
    const rows = [...byTestId('suggest-changes')!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['demo request', '40', '25', '−15'],
      ['webinar', '0', '12', '+12'],
      [`company_size between 50 and 5000 ${EVIL}`, '15', '9', '−6'],
      ['email open', '1', '3', '+2'],
    ]);
    expect(byTestId('suggest-threshold')?.textContent).toContain('60 → 48');
    expect(byTestId('suggest-notes')?.textContent).toContain(EVIL);
    expect(byTestId('suggest-warnings')?.textContent).toContain('the AUC difference is rough');
    expect(panel.querySelector('img')).toBeNull();
  });

  it('applies the suggestion as one undo step that changes the forecast request’s scoring, and undo restores it', async () => {
    const fake = scenarioFake();
    await mount(fake.transport);
    await click('suggest-points');
    await settle();
    const before = store.getState().scenarioHistory!;
    await click('suggest-apply');
    await settle();
    const after = store.getState().scenarioHistory!;
    expect(after.past.length).toBe(before.past.length + 1);
    expect(after.past.at(-1)).toBe(before.present);
    expect(byTestId('suggest-panel')).toBeNull();
    expect(lastForecast(fake.transport)?.scenario.scoring).toEqual(SUGGESTION.scenario.scoring);
    expect(lastForecast(fake.transport)?.scenario.mql?.threshold).toBe(48);
    expect(lastForecast(fake.transport)?.scenario.tiers).toEqual(BASE.tiers);
    expect(byTestId('threshold-value')?.textContent).toBe('48');
    expect(byTestId('points-webinar')).not.toBeNull();
    expect(store.getState().notice).toContain('Applied the suggested points');
    // Ctrl+Z (the editor's undo) puts the points and the threshold back in one step.
    await act(async () => store.getState().scenarioUndo());
    await settle();
    expect(store.getState().scenarioHistory?.present).toBe(before.present);
    expect(byTestId('threshold-value')?.textContent).toBe('60');
    expect(byTestId('points-webinar')).toBeNull();
  });

  it('Dismiss closes the panel and leaves the draft as it was', async () => {
    const fake = scenarioFake();
    await mount(fake.transport);
    await click('suggest-points');
    await settle();
    const before = store.getState().scenarioHistory;
    const forecasts = fake.transport.calls.filter((c) => c.method === 'forecast').length;
    await click('suggest-dismiss');
    await settle();
    expect(byTestId('suggest-panel')).toBeNull();
    expect(byTestId('suggest-points')).not.toBeNull();
    expect(store.getState().scenarioHistory).toBe(before);
    expect(fake.transport.calls.filter((c) => c.method === 'forecast').length).toBe(forecasts);
  });

  it('shows an engine error in the editor’s words, and offers to try again', async () => {
    const fake = scenarioFake();
    fake.holdSuggest = true;
    await mount(fake.transport);
    await click('suggest-points');
    await act(async () => fake.heldSuggest[0]!.release({ ok: false, error: { message: 'scenario: mql.threshold: the policy in force has no threshold to match', field: 'mql.threshold' } }));
    await settle();
    expect(byTestId('suggest-error')?.textContent).toBe('Could not suggest points: MQL threshold: the policy in force has no threshold to match');
    expect(byTestId('suggest-panel')).toBeNull();
    expect(byTestId('suggest-points')).not.toBeNull();
  });
});
