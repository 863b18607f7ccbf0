// The Scenario editor end to end: Chromium against the real server and a real
// Engine over the shipped sample. The numbers on the cards are checked against
// engine.forecast() of the same scenario, called here on the same Engine, and
// formatted the way the UI formats them. Slider-to-redraw times are read from
// the page's performance measures and printed, not asserted.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../engine/api/contract';
import { Engine } from '../../engine/api/engine';
import { formatMetric, METRIC_KINDS, type ForecastResult } from '../../renderer/charts/scenario-deltas';
import type { MetricName } from '../../renderer/charts/health-types';
import { applySuggestedPoints } from '../../renderer/app/scenario-edits';
import { formatAuc } from '../../renderer/app/suggest-weights';
import { scratchDir } from '../support/tmp';
import { screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-scenarios-');
const staticDir = join(dir, 'renderer');
const engine = new Engine({ dataDir: join(dir, 'data') });
const app = useBrowserApp(engine, staticDir, { width: 1360, height: 900 });

const CHECKED: readonly MetricName[] = ['mql_count', 'acceptance_rate', 'sla_compliance_rate', 'black_hole_rate', 'median_hours_to_first_contact', 'opportunity_rate'];
const STEPS = 5;

let base: Scenario;
let baseForecast: ForecastResult;
let movedForecast: ForecastResult;
/** The threshold the drag ended on: the draft is this scenario from then on. */
let dragged = 0;

const withThreshold = (s: Scenario, t: number): Scenario => ({ ...s, mql: { ...s.mql, threshold: t } });
const threshold0 = () => base.mql?.threshold ?? 0;

const cardValue = (name: MetricName) => app.watched.page.getByTestId(`scn-metric-${name}`).locator('.metric-value');

/** Every checked card shows the engine's forecast for the scenario, and the answer on screen is the draft's own. */
async function expectCards(expected: ForecastResult): Promise<void> {
  const page = app.watched.page;
  await expect.poll(() => page.getByTestId('scenario-forecast').getAttribute('data-answer'), { timeout: 30_000 }).toBe('current');
  for (const name of CHECKED) {
    await expect.poll(() => cardValue(name).textContent(), { timeout: 10_000 }).toBe(formatMetric(METRIC_KINDS[name], expected.metrics[name].forecast));
  }
}

async function settle(): Promise<void> {
  await app.watched.page.locator('[data-testid="chart-rate-delta"] canvas').first().waitFor();
  await app.watched.page.waitForTimeout(600);
}

async function shoot(name: string): Promise<void> {
  await screenshotWhole(app.watched.page, name, 600);
}

/** Slider-to-redraw (and to-preview) measures so far (ms), and long tasks seen since the observer started. */
async function timings(): Promise<{ measures: number[]; previews: number[]; longTasks: number[] }> {
  return app.watched.page.evaluate(() => ({
    measures: performance.getEntriesByName('hl:slider-to-redraw').map((e) => Math.round(e.duration)),
    previews: performance.getEntriesByName('hl:slider-to-preview').map((e) => Math.round(e.duration)),
    longTasks: ((window as unknown as { __longTasks?: number[] }).__longTasks ?? []).map((d) => Math.round(d)),
  }));
}

async function startTiming(): Promise<void> {
  await app.watched.page.evaluate(() => {
    performance.clearMeasures('hl:slider-to-redraw');
    performance.clearMeasures('hl:slider-to-preview');
    const w = window as unknown as { __longTasks?: number[]; __longObs?: PerformanceObserver };
    w.__longTasks = [];
    w.__longObs?.disconnect();
    w.__longObs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks?.push(e.duration);
    });
    w.__longObs.observe({ type: 'longtask' });
  });
}

describe('Scenario editor in the browser', () => {
  it('opens the sample, goes to Scenarios and shows the baseline forecast the engine computes', async () => {
    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.keyboard.press('Control+4');
    // Without a workspace the screen says what to do next.
    await page.getByRole('heading', { name: 'Open a workspace to try scenarios' }).waitFor();
    await shoot('scenarios-00-empty');
    await page.getByRole('button', { name: 'Open the sample' }).click();
    await page.getByTestId('threshold-slider').waitFor({ timeout: 90_000 });
    // The engine's own answers, before the page keeps it busy with interval runs.
    base = (await engine.baselineScenario()).scenario;
    baseForecast = await engine.forecast({ scenario: base, runs: 0 });
    movedForecast = await engine.forecast({ scenario: withThreshold(base, threshold0() + STEPS), runs: 0 });
    expect(movedForecast.metrics.mql_count.forecast).not.toBe(baseForecast.metrics.mql_count.forecast);
    await expectCards(baseForecast);
    expect(await page.getByTestId('threshold-value').textContent()).toBe(String(threshold0()));
    await settle();
    await shoot('scenarios-01-baseline');
    expect(app.watched.problems).toEqual([]);
  });

  it('moves the threshold with the keyboard: the cards show the engine forecast for that scenario', async () => {
    const { page } = app.watched;
    await startTiming();
    const slider = page.getByTestId('threshold-slider');
    await slider.focus();
    for (let i = 0; i < STEPS; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('threshold-value').textContent()).toBe(String(threshold0() + STEPS));
    await expectCards(movedForecast);
    expect(await page.getByTestId('scenario-dirty').isVisible()).toBe(true);
    // The lead list follows: a higher threshold only drops leads.
    await expect.poll(() => page.getByTestId('diff-tab-left').textContent(), { timeout: 30_000 }).toMatch(/Leave it\d[\d,]*/);
    const t = await timings();
    console.log(`[scenarios e2e] keyboard: slider-to-redraw ms ${JSON.stringify(t.measures)}; long tasks ms ${JSON.stringify(t.longTasks)}`);
    await settle();
    await shoot('scenarios-02-threshold-moved');
    expect(app.watched.problems).toEqual([]);
  });

  it('undo restores the baseline numbers, redo brings the change back', async () => {
    const { page } = app.watched;
    const shown = async () => Number(await page.getByTestId('threshold-value').textContent());
    // Presses close together are one undo step; under a loaded CPU they may land as several. Either way, undo walks back to the policy in force.
    await page.getByTestId('threshold-slider').focus();
    for (let i = 0; i < STEPS && (await shown()) !== threshold0(); i++) await page.keyboard.press('Control+z');
    expect(await shown()).toBe(threshold0());
    await expectCards(baseForecast);
    for (let i = 0; i < STEPS && (await shown()) !== threshold0() + STEPS; i++) await page.keyboard.press('Control+Shift+z');
    expect(await shown()).toBe(threshold0() + STEPS);
    await expectCards(movedForecast);
    expect(app.watched.problems).toEqual([]);
  });

  it('saves the scenario under a name and lists it', async () => {
    const { page } = app.watched;
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('scenario-name-input').fill('Workshop: threshold +5');
    await page.getByTestId('scenario-name-confirm').click();
    await expect.poll(() => page.getByTestId('scenario-name').textContent(), { timeout: 30_000 }).toBe('Workshop: threshold +5');
    await expect.poll(() => page.getByTestId('scenario-open').locator('option').allTextContents()).toContain('Workshop: threshold +5');
    const saved = await engine.getScenario({ name: 'Workshop: threshold +5' });
    expect(saved.scenario.mql?.threshold).toBe(threshold0() + STEPS);
    // The same name again is refused by the engine, next to the name field.
    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByTestId('scenario-name-input').fill('Workshop: threshold +5');
    await page.getByTestId('scenario-name-confirm').click();
    await page.locator('.name-form .field-error').getByText(/already exists/).waitFor();
    await page.locator('.name-form').getByRole('button', { name: 'Cancel' }).click();
    expect(app.watched.problems).toEqual([]);
  });

  it('drags the slider without freezing: requests coalesce and the last answer is the engine value', async () => {
    const { page } = app.watched;
    await startTiming();
    const slider = page.getByTestId('threshold-slider');
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    if (!box) throw new Error('the slider has no box');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.45, y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.45 + i * 0.006), y, { steps: 2 });
    await page.mouse.up();
    const t = Number(await page.getByTestId('threshold-value').textContent());
    dragged = t;
    const expected = await engine.forecast({ scenario: withThreshold(base, t), runs: 0 });
    await expectCards(expected);
    const forecasts = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).length);
    const tm = await timings();
    console.log(`[scenarios e2e] drag to threshold ${t}: slider-to-redraw ms ${JSON.stringify(tm.measures)}; slider-to-preview ms ${JSON.stringify(tm.previews)}; long tasks ms ${JSON.stringify(tm.longTasks)}; api requests so far ${forecasts}`);
    expect(app.watched.problems).toEqual([]);
  });

  it('shows the 90% intervals once the draft is still, as a job with progress', async () => {
    const { page } = app.watched;
    await page.getByTestId('interval-progress').waitFor({ timeout: 30_000 });
    await page.getByTestId('scn-metric-acceptance_rate').getByText(/^90%: /).waitFor({ timeout: 120_000 });
    await settle();
    await shoot('scenarios-03-intervals');
    expect(app.watched.problems).toEqual([]);
  });

  it('shows the engine’s complaint next to the field, and the scoring editor opens', async () => {
    const { page } = app.watched;
    await page.getByText('Points per activity').click();
    await page.getByText('Fit rules').click();
    await page.getByTestId('tier-0-sla').fill('0');
    const error = page.getByTestId('tier-0-sla').locator('xpath=ancestor::div[contains(@class,"num-field")]').locator('.field-error');
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toMatch(/more than 0 hours/);
    await page.waitForTimeout(300);
    await shoot('scenarios-07-field-error-scoring-open');
    // Focus off the text box (it keeps its own undo), then undo the bad value.
    await page.locator('.screen-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('tier-0-sla').inputValue()).toBe('1');
    await expect.poll(() => error.count()).toBe(0);
    const size = page.viewportSize() ?? { width: 1360, height: 900 };
    await page.setViewportSize({ width: 980, height: 760 });
    try {
      await page.waitForTimeout(500);
      const overflow = await page.evaluate(() => {
        const el = document.querySelector('.content');
        return el ? el.scrollWidth - el.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await shoot('scenarios-08-small-window');
    } finally {
      await page.setViewportSize(size);
    }
    expect(app.watched.problems).toEqual([]);
  });

  it('requires a business email from the pre-flight checks: the cards show that scenario’s engine forecast, and undo takes it back', async () => {
    const { page } = app.watched;
    for (const section of ['Score decay', 'Pre-flight checks', 'Window']) await page.locator('summary', { hasText: section }).click();
    const draft = withThreshold(base, dragged);
    const checked = { ...draft, mql: { ...draft.mql, require_business_email: true } };
    const expected = await engine.forecast({ scenario: checked, runs: 0 });
    await page.getByTestId('require-business-email').check();
    await expectCards(expected);
    await settle();
    await shoot('scenarios-09-preflight-decay-window');
    // Focus off the checkbox, then undo: back to the dragged threshold's numbers.
    await page.locator('.screen-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('require-business-email').isChecked()).toBe(false);
    await expectCards(await engine.forecast({ scenario: draft, runs: 0 }));
    expect(app.watched.problems).toEqual([]);
  });

  it('suggests points from evidence: the held-out AUC is the engine’s, Apply is one edit and undo takes it back', async () => {
    const { page } = app.watched;
    const draft = withThreshold(base, dragged);
    await page.getByTestId('suggest-points').click();
    const panel = page.getByTestId('suggest-panel');
    await panel.waitFor({ timeout: 120_000 });
    const expected = await engine.suggestWeights({ jobId: 'e2e-suggest' });
    expect(await page.getByTestId('suggest-auc-current').textContent()).toBe(formatAuc(expected.heldOut.aucCurrent));
    expect(await page.getByTestId('suggest-auc-suggested').textContent()).toBe(formatAuc(expected.heldOut.aucSuggested));
    await panel.getByText('How the points were fitted').click();
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await shoot('scenarios-10-suggest-points');
    await page.getByTestId('suggest-apply').click();
    await panel.waitFor({ state: 'detached' });
    const applied = applySuggestedPoints(draft, expected.scenario).next;
    expect(await page.getByTestId('threshold-value').textContent()).toBe(String(applied.mql?.threshold));
    await expectCards(await engine.forecast({ scenario: applied, runs: 0 }));
    await page.locator('.screen-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('threshold-value').textContent()).toBe(String(dragged));
    await expectCards(await engine.forecast({ scenario: draft, runs: 0 }));
    expect(app.watched.problems).toEqual([]);
  });

  it('reads well in dark theme and in presenter mode, where arrows move the threshold', async () => {
    const { page } = app.watched;
    await page.getByTitle('Switch to dark theme').click();
    await settle();
    await shoot('scenarios-04-dark');
    await page.getByTitle('Switch to light theme').click();
    await page.keyboard.press('F11');
    await page.getByTestId('presenter-view').waitFor();
    await page.locator('.screen-title').click(); // focus off any control: the arrows belong to the presenter
    const before = Number(await page.getByTestId('threshold-value').textContent());
    await startTiming();
    await page.keyboard.press('ArrowLeft');
    expect(Number(await page.getByTestId('threshold-value').textContent())).toBe(before - 1);
    const expected = await engine.forecast({ scenario: withThreshold(base, before - 1), runs: 0 });
    await expect
      .poll(() => page.getByTestId('pv-row-acceptance_rate').locator('.pv-after').textContent(), { timeout: 30_000 })
      .toBe(formatMetric('rate', expected.metrics.acceptance_rate.forecast));
    await page.keyboard.press('ArrowUp');
    expect(await page.getByTestId('pv-extra-reps').textContent()).toBe('+1 rep');
    await expect.poll(() => page.locator('.pv-before-after.updating').count(), { timeout: 30_000 }).toBe(0);
    const tm = await timings();
    console.log(`[scenarios e2e] presenter: slider-to-redraw ms ${JSON.stringify(tm.measures)}; long tasks ms ${JSON.stringify(tm.longTasks)}`);
    await page.waitForTimeout(800);
    await shoot('scenarios-05-presenter');
    await page.getByTitle('Switch to dark theme').click();
    await page.waitForTimeout(800);
    await shoot('scenarios-06-presenter-dark');
    await page.keyboard.press('F11');
    await page.getByTitle('Switch to light theme').click();
    expect(app.watched.problems).toEqual([]);
  });
});
