// The Scenario editor's engine calls, without React: baseline loading, the
// latest-wins forecast path, intervals as a cancellable job, save/rename/
// duplicate flows with the engine's field errors, undo/redo from the menu.
import { describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../renderer/app/actions';
import {
  computeScenarioIntervals,
  deleteSavedScenario,
  duplicateCurrentScenario,
  openSavedScenario,
  editScenario,
  DIFF_DELAY_MS,
  loadLeadDiff,
  loadScenarioWorkspace,
  renameCurrentScenario,
  requestLeadDiff,
  requestScenarioForecast,
  saveScenarioAs,
} from '../../renderer/app/scenario-actions';
import { setThreshold } from '../../renderer/app/scenario-edits';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { selectForecastView, selectSavedView, selectScenarioFieldError } from '../../renderer/store/scenario-selectors';
import { fakePlatform } from './fake-platform';
import { flush, scenarioFake } from './scenario-engine-fake';
import { thresholdOf } from './scenario-fixture';

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 10 } };

async function opened() {
  const fake = scenarioFake();
  const { platform } = fakePlatform(fake.transport);
  const store = createAppStore();
  store.getState().workspaceOpened(WS);
  store.getState().setScreen('scenarios');
  await loadScenarioWorkspace(platform, store);
  return { fake, platform, store };
}

const threshold = (store: AppStore) => store.getState().scenarioHistory?.present.mql?.threshold;
const move = (store: AppStore, t: number) => editScenario(store, setThreshold(store.getState().scenarioHistory!.present, t), true);
const forecastCalls = (fake: ReturnType<typeof scenarioFake>) => fake.transport.calls.filter((c) => c.method === 'forecast');

describe('scenario actions', () => {
  it('loads the baseline as the draft and the saved list, once per workspace', async () => {
    const { fake, platform, store } = await opened();
    expect(threshold(store)).toBe(60);
    expect(store.getState().scenarioBaselineStatus).toBe('ready');
    expect(fake.transport.calls.map((c) => c.method).sort()).toEqual(['baselineScenario', 'listScenarios']);
    await loadScenarioWorkspace(platform, store);
    expect(fake.transport.calls).toHaveLength(2);
    store.getState().workspaceOpened({ path: '/other.duckdb', rowCounts: {} });
    await loadScenarioWorkspace(platform, store);
    expect(store.getState().scenarioWorkspace?.path).toBe('/other.duckdb');
    expect(fake.transport.calls).toHaveLength(4);
  });

  it('coalesces a drag: one forecast in flight, then only the newest; the last answer stays shown meanwhile', async () => {
    const { fake, platform, store } = await opened();
    fake.hold = true;
    requestScenarioForecast(platform, store);
    for (const t of [61, 62, 63, 64]) {
      move(store, t);
      requestScenarioForecast(platform, store);
    }
    expect(forecastCalls(fake).map((c) => thresholdOf(c.params))).toEqual([60]);
    const first = forecastCalls(fake)[0]!.params as { runs: number; jobId: string };
    expect(first.runs).toBe(0);
    expect(first.jobId).toMatch(/^scenario-point-/);
    fake.held.shift()!.release();
    await flush();
    // The baseline's answer is on screen, marked as updating, while 64's is asked for (61–63 never are).
    expect(forecastCalls(fake).map((c) => thresholdOf(c.params))).toEqual([60, 64]);
    let view = selectForecastView(store.getState());
    expect(view.shown?.result.metrics.mql_count.forecast).toBe(3300);
    expect(view.updating).toBe(true);
    fake.held.shift()!.release();
    await flush();
    view = selectForecastView(store.getState());
    expect(view.updating).toBe(false);
    expect(view.shown?.result.metrics.mql_count.forecast).toBe(3300 - 4 * 20);
  });

  it('keeps the policy in force’s forecast as the baseline of every change', async () => {
    const { platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    expect(store.getState().scenarioBaselineForecast?.metrics.mql_count.forecast).toBe(3300);
    move(store, 70);
    requestScenarioForecast(platform, store);
    await flush();
    expect(store.getState().scenarioBaselineForecast?.metrics.mql_count.forecast).toBe(3300);
    expect(selectForecastView(store.getState()).baseline).toBe(store.getState().scenarioBaselineForecast);
  });

  it('shows a recent answer again at once after undo, without asking the engine', async () => {
    const { fake, platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    move(store, 70);
    requestScenarioForecast(platform, store);
    await flush();
    const asked = forecastCalls(fake).length;
    store.getState().scenarioUndo();
    requestScenarioForecast(platform, store);
    const view = selectForecastView(store.getState());
    expect([view.updating, view.shown?.result.metrics.mql_count.forecast]).toEqual([false, 3300]);
    expect(forecastCalls(fake)).toHaveLength(asked);
  });

  it('starts over when the same file is opened anew (a re-import changes its history)', async () => {
    const { fake, platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    store.getState().workspaceOpened({ ...WS, rowCounts: { leads: 20 } });
    await loadScenarioWorkspace(platform, store);
    expect(store.getState().scenarioPoint).toBeNull();
    requestScenarioForecast(platform, store);
    expect(forecastCalls(fake)).toHaveLength(2);
  });

  it('keeps expected-value forecasts out of the jobs panel', async () => {
    const { fake, platform, store } = await opened();
    fake.hold = true;
    requestScenarioForecast(platform, store);
    const { jobId } = forecastCalls(fake)[0]!.params as { jobId: string };
    fake.transport.emit({ jobId, fraction: 0, message: 'Starting' });
    store.getState().progressReceived({ jobId, fraction: 0, message: 'Starting' });
    expect(store.getState().jobs).toEqual({});
    fake.held.shift()!.release();
  });

  it('computes intervals as a job with progress, and an edit cancels it', async () => {
    const { fake, platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    fake.hold = true;
    const running = computeScenarioIntervals(platform, store);
    const job = store.getState().scenarioIntervalJob;
    expect(job?.jobId).toMatch(/^scenario-intervals-/);
    const params = forecastCalls(fake).at(-1)!.params as Record<string, unknown>;
    expect(params.runs).toBeUndefined();
    expect(params.jobId).toBe(job?.jobId);
    store.getState().progressReceived({ jobId: job!.jobId, fraction: 0.4, message: 'Simulation run 80 of 200' });
    expect(store.getState().jobs[job!.jobId]?.fraction).toBe(0.4);
    // The user moves the slider: the stale interval job is cancelled at the engine and leaves the panel.
    move(store, 70);
    requestScenarioForecast(platform, store);
    await flush();
    expect(fake.transport.cancelled).toEqual([job!.jobId]);
    expect(store.getState().jobs[job!.jobId]).toBeUndefined();
    expect(store.getState().scenarioIntervalJob).toBeNull();
    fake.held.shift()!.release({ ok: false, error: { message: 'Cancelled.' } });
    await running;
    expect(store.getState().scenarioIntervalError).toBeNull();
    fake.held.shift()!.release();
    await flush();
    expect(selectForecastView(store.getState()).shown?.result.metrics.mql_count.forecast).toBe(3300 - 10 * 20);
  });

  it('stores intervals for the draft and shows them as ready', async () => {
    const { platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    await computeScenarioIntervals(platform, store);
    const view = selectForecastView(store.getState());
    expect(view.intervalsReady).toBe(true);
    expect(view.shown?.result.details.runs).toBe(200);
  });

  it('puts an engine error about a field where that field’s control can find it', async () => {
    const { fake, platform, store } = await opened();
    fake.failWith = { ok: false, error: { message: 'scenario: tiers[0].first_contact_sla_hours: must be more than 0 hours', field: 'tiers[0].first_contact_sla_hours' } };
    move(store, 61);
    requestScenarioForecast(platform, store);
    await flush();
    expect(selectScenarioFieldError(store.getState())?.field).toBe('tiers[0].first_contact_sla_hours');
    // Once the draft changes, the old complaint is no longer about what is on screen.
    fake.failWith = null;
    move(store, 62);
    expect(selectScenarioFieldError(store.getState())).toBeNull();
  });

  it('saves under a name, refuses a taken one by field, and knows when the draft differs from what was saved', async () => {
    const { fake, platform, store } = await opened();
    move(store, 65);
    expect(selectSavedView(store.getState()).dirty).toBe(true);
    expect(await saveScenarioAs(platform, store, '  Workshop  ', false)).toBe(true);
    const call = fake.transport.calls.find((c) => c.method === 'saveScenario')!.params as { name: string; overwrite: boolean; scenario: { name: string; mql: { threshold: number } } };
    expect([call.name, call.overwrite, call.scenario.name, call.scenario.mql.threshold]).toEqual(['  Workshop  ', false, 'Workshop', 65]);
    let view = selectSavedView(store.getState());
    expect([view.name, view.dirty, view.list.map((s) => s.name)]).toEqual(['Workshop', false, ['Workshop']]);
    expect(store.getState().notice).toBe('Saved “Workshop”.');

    expect(await saveScenarioAs(platform, store, 'Workshop', false)).toBe(false);
    expect(store.getState().scenarioNameError).toMatchObject({ field: 'name', message: expect.stringMatching(/already exists/) });
    move(store, 66);
    expect(selectSavedView(store.getState()).dirty).toBe(true);
    // Save on a named scenario overwrites it.
    expect(await saveScenarioAs(platform, store, 'Workshop', true)).toBe(true);
    expect(fake.saved.get('Workshop')?.scenario.mql?.threshold).toBe(66);
    view = selectSavedView(store.getState());
    expect([view.dirty, store.getState().scenarioNameError]).toEqual([false, null]);
  });

  it('a save does not wait behind running interval runs: they stop and start again after', async () => {
    const { fake, platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    fake.hold = true;
    const running = computeScenarioIntervals(platform, store);
    const job = store.getState().scenarioIntervalJob!;
    fake.hold = false;
    expect(await saveScenarioAs(platform, store, 'Now', false)).toBe(true);
    expect(fake.transport.cancelled).toEqual([job.jobId]);
    fake.held.shift()!.release({ ok: false, error: { message: 'Cancelled.' } });
    await running;
  });

  it('renames and duplicates the scenario being edited', async () => {
    const { fake, platform, store } = await opened();
    await saveScenarioAs(platform, store, 'One', false);
    expect(await renameCurrentScenario(platform, store, 'Two')).toBe(true);
    expect(store.getState().scenarioName).toBe('Two');
    expect([...fake.saved.keys()]).toEqual(['Two']);
    expect(await duplicateCurrentScenario(platform, store, 'Two')).toBe(false);
    expect(store.getState().scenarioNameError?.field).toBe('to');
    expect(await duplicateCurrentScenario(platform, store, 'Three')).toBe(true);
    expect(store.getState().scenarioName).toBe('Three');
    expect(selectSavedView(store.getState()).list.map((s) => s.name)).toEqual(['Three', 'Two']);
  });

  it('opens a saved scenario as one undoable step, and deletes one', async () => {
    const { fake, platform, store } = await opened();
    move(store, 72);
    await saveScenarioAs(platform, store, 'High bar', false);
    store.getState().scenarioResetToBaseline(Date.now());
    expect([threshold(store), store.getState().scenarioName]).toEqual([60, null]);
    expect(await openSavedScenario(platform, store, 'High bar')).toBe(true);
    expect([threshold(store), store.getState().scenarioName, selectSavedView(store.getState()).dirty]).toEqual([72, 'High bar', false]);
    store.getState().scenarioUndo();
    expect(threshold(store)).toBe(60);
    store.getState().scenarioRedo();
    expect(await deleteSavedScenario(platform, store, 'High bar')).toBe(true);
    expect([store.getState().scenarioName, fake.saved.size, selectSavedView(store.getState()).list]).toEqual([null, 0, []]);
    expect(await openSavedScenario(platform, store, 'High bar')).toBe(false);
    expect(store.getState().scenarioNameError?.field).toBe('name');
  });

  it('undo and redo from the menu act on the draft on the Scenarios screen only', async () => {
    const { platform, store } = await opened();
    move(store, 70);
    await runCommand(platform, store, { command: 'undo' });
    expect(threshold(store)).toBe(60);
    await runCommand(platform, store, { command: 'redo' });
    expect(threshold(store)).toBe(70);
    store.getState().setScreen('health');
    await runCommand(platform, store, { command: 'undo' });
    expect(threshold(store)).toBe(70);
    expect(store.getState().notice).toBe('Nothing to undo yet.');
  });

  it('asks for the lead diff page of the draft and keeps it', async () => {
    const { fake, platform, store } = await opened();
    store.getState().setScenarioDiffKind('left');
    store.getState().setScenarioDiffOffset(25);
    await loadLeadDiff(platform, store);
    const call = fake.transport.calls.find((c) => c.method === 'leadDiff')!.params as Record<string, unknown>;
    expect([call.kind, call.offset, call.limit]).toEqual(['left', 25, 25]);
    expect(store.getState().scenarioDiff?.result.page.kind).toBe('left');
    await loadLeadDiff(platform, store);
    expect(fake.transport.calls.filter((c) => c.method === 'leadDiff')).toHaveLength(1);
  });

  it('leaves the lead diff out while a newer draft waits for its forecast: the diff would hold that forecast up', async () => {
    const { fake, platform, store } = await opened();
    requestScenarioForecast(platform, store);
    await flush();
    vi.useFakeTimers();
    try {
      requestLeadDiff(platform, store); // the baseline's forecast is in: its diff is due
      fake.hold = true;
      move(store, 65); // the slider moves on before the diff's delay is over
      requestScenarioForecast(platform, store);
      vi.advanceTimersByTime(DIFF_DELAY_MS + 1);
      expect(fake.transport.calls.filter((c) => c.method === 'leadDiff')).toHaveLength(0);
      fake.held.shift()!.release();
      await vi.runOnlyPendingTimersAsync();
      requestLeadDiff(platform, store); // what the screen does once the new draft's forecast is in
      vi.advanceTimersByTime(DIFF_DELAY_MS + 1);
      await vi.runOnlyPendingTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await flush();
    const diffs = fake.transport.calls.filter((c) => c.method === 'leadDiff');
    expect(diffs.map((c) => thresholdOf(c.params))).toEqual([65]);
  });
});
