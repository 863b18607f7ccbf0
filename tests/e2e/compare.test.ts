// Compare, Frontier and Trust end to end: Chromium against the real server and
// one Engine over the shipped sample. Two scenarios are saved through the
// engine directly; the table, the CSV download and the frontier and trust
// numbers are checked against the same Engine's answers, formatted the way the
// UI formats them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { formatInteger, formatPercent } from '../../renderer/charts/format';
import { pointAt } from '../../renderer/charts/frontier-chart';
import { scratchDir } from '../support/tmp';
import { SCREENSHOT_DIR, screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-compare-');
const engine = new Engine({ dataDir: join(dir, 'data') });
const app = useBrowserApp(engine, join(dir, 'renderer'), { width: 1360, height: 900 });

const scenarioFile = (name: string): unknown => JSON.parse(readFileSync(join('sample-data', 'shipped', 'scenarios', name), 'utf8'));

// One ordinary name and one a spreadsheet would run as a formula: the CSV must neutralise it, the page show it as text.
const PLAIN = 'Threshold 60 to 75';
const FORMULA = '=HYPERLINK("http://evil.example","SLA 30 min")';

async function shoot(name: string): Promise<void> {
  await app.watched.page.waitForTimeout(800); // chart entry animations
  await screenshotWhole(app.watched.page, name, 700);
}

async function goTo(label: string): Promise<void> {
  await app.watched.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: label }).click();
  await app.watched.page.getByRole('heading', { level: 1, name: label }).waitFor();
}

describe('Compare, Frontier and Trust in the browser', () => {
  it('opens the sample and asks for saved scenarios when there are none', async () => {
    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.getByTestId('open-sample').click();
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor({ timeout: 60_000 });
    // The health metric table leaves as CSV too, with the engine's numbers.
    const all = await engine.metrics({});
    const [healthCsv] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('health-csv').click()]);
    const healthRows = readFileSync(await healthCsv.path(), 'utf8').split('\r\n');
    expect(healthRows.find((l) => l.startsWith('acceptance_rate,'))?.split(',')[1]).toBe(String(all.metrics.acceptance_rate.observed));
    await page.locator('.health-body:not(.updating) .echart canvas').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'compare-health-export.png') });
    await goTo('Compare');
    await page.getByRole('heading', { name: 'No saved scenarios yet' }).waitFor();
    expect(await page.getByTestId('go-scenarios').textContent()).toBe('Go to Scenarios');
    await shoot('compare-00-empty');
    expect(app.watched.problems).toEqual([]);
  });

  it('compares two saved scenarios with the engine’s forecasts and exports a neutralised CSV', async () => {
    const { page } = app.watched;
    const plain = await engine.saveScenario({ name: PLAIN, scenario: scenarioFile('threshold_plus_15.json') });
    const formula = await engine.saveScenario({ name: FORMULA, scenario: scenarioFile('sla_tier_a_30min.json') });
    // Leave and come back: Compare lists the scenarios afresh each time it opens.
    await goTo('Handoff health');
    await goTo('Compare');
    for (const name of [PLAIN, FORMULA]) await page.getByTestId('compare-option').filter({ hasText: name }).locator('input').check();
    await page.getByTestId('compare-run').click();
    // Progress shows in the running column.
    await page.getByTestId('compare-table').getByRole('progressbar').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('compare-cancel').waitFor({ state: 'detached', timeout: 200_000 });

    const [fPlain, fFormula] = [await engine.forecast({ scenario: plain.scenario }), await engine.forecast({ scenario: formula.scenario })];
    const cell = (metric: string, column: string) => page.locator(`[data-testid="cell-${metric}"][data-column="${column.replace(/"/g, '\\"')}"] .cell-value`);
    expect(await cell('acceptance_rate', PLAIN).textContent()).toBe(formatPercent(fPlain.metrics.acceptance_rate.forecast));
    expect(await cell('mql_count', PLAIN).textContent()).toBe(formatInteger(fPlain.metrics.mql_count.forecast));
    expect(await cell('sla_compliance_rate', FORMULA).textContent()).toBe(formatPercent(fFormula.metrics.sla_compliance_rate.forecast));
    // The formula-looking name is shown as text in the column head.
    expect(await page.getByTestId('compare-table').locator('thead').textContent()).toContain(FORMULA);
    await page.getByTestId('compare-delta-rates').locator('canvas').first().waitFor();
    await shoot('compare-01-light');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^scenario-comparison-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('scenario,metric,window_from,window_to,observed,forecast,low_90,high_90,change_vs_policy_in_force,change_unit');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""SLA 30 min"")",acceptance_rate,`);
    expect(lines.some((l) => l.startsWith('=') || l.startsWith('"='))).toBe(false);
    const row = lines.find((l) => l.startsWith(`${PLAIN},acceptance_rate,`));
    expect(row?.split(',')[5]).toBe(String(fPlain.metrics.acceptance_rate.forecast));

    // The one-page report (names as text) and a chart as PNG.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    expect(report.suggestedFilename()).toMatch(/^scenario-comparison-\d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync(await report.path(), 'utf8');
    expect(html).toContain('=HYPERLINK(&#34;http://evil.example&#34;,&#34;SLA 30 min&#34;)');
    expect(html).toContain(formatPercent(fPlain.metrics.acceptance_rate.forecast));
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    // How the saved report looks, opened on its own (its CSP allows no script and only data: images).
    const reader = await app.openPage({ width: 1200, height: 800 });
    await reader.page.setContent(html);
    await reader.page.waitForTimeout(300);
    await reader.page.screenshot({ path: join(SCREENSHOT_DIR, 'compare-03-report.png'), fullPage: true });
    await reader.page.close();
    expect(reader.problems).toEqual([]);
    // Print: the comparison alone, without the app's chrome.
    await page.emulateMedia({ media: 'print' });
    await screenshotWhole(page, 'compare-04-print', 600);
    await page.emulateMedia({ media: 'screen' });
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-delta-rates').getByRole('button', { name: /Save .* as PNG/ }).click()]);
    expect(png.suggestedFilename()).toBe('scenario-changes-rates.png');
    expect(readFileSync(await png.path()).subarray(1, 4).toString('latin1')).toBe('PNG');

    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await shoot('compare-02-dark');
    await page.getByRole('button', { name: /Switch to light theme/ }).click();
    // Presenter mode: bigger type and charts for the room; the table must still fit.
    await page.getByTitle('Presenter mode (F11)').click();
    await shoot('compare-05-presenter');
    await page.getByTitle('Presenter mode (F11)').click();
    expect(app.watched.problems).toEqual([]);
  }, 300_000);

  it('shows the threshold frontier with the in-force and proposed thresholds the engine sweeps', async () => {
    const { page } = app.watched;
    await goTo('Frontier');
    await page.getByTestId('frontier-scenario').selectOption({ label: PLAIN });
    await page.getByTestId('frontier-in-force').waitFor({ timeout: 120_000 });
    await page.getByTestId('frontier-proposed').waitFor({ timeout: 120_000 });
    const scenario = (await engine.getScenario({ name: PLAIN })).scenario;
    const sweep = await engine.sweep({ scenario });
    const inForce = pointAt(sweep.points, sweep.baselineThreshold);
    const proposed = pointAt(sweep.points, sweep.currentThreshold);
    await expect.poll(() => page.getByTestId('frontier-in-force-acceptance').textContent(), { timeout: 30_000 }).toBe(formatPercent(inForce?.metrics.acceptance_rate));
    expect(await page.getByTestId('frontier-proposed-acceptance').textContent()).toBe(formatPercent(proposed?.metrics.acceptance_rate));
    await page.getByTestId('frontier-chart').locator('canvas').first().waitFor();
    await shoot('frontier-01-light');
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await shoot('frontier-02-dark');
    await page.getByRole('button', { name: /Switch to light theme/ }).click();
    expect(app.watched.problems).toEqual([]);
  }, 240_000);

  it('shows the trust checks and model health the engine computes', async () => {
    const { page } = app.watched;
    await goTo('Trust');
    await page.getByTestId('trust-identity').waitFor({ timeout: 180_000 });
    await page.getByTestId('auc-acceptance').waitFor({ timeout: 120_000 });
    const health = await engine.modelHealth({});
    expect(await page.getByTestId('auc-acceptance').textContent()).toBe(health.acceptance.auc === null ? '–' : health.acceptance.auc.toFixed(2));
    expect(await page.getByTestId('auc-opportunity').textContent()).toBe(health.opportunity.auc === null ? '–' : health.opportunity.auc.toFixed(2));
    await shoot('trust-01-light');
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await shoot('trust-02-dark');
    await page.getByRole('button', { name: /Switch to light theme/ }).click();
    expect(app.watched.problems).toEqual([]);
  }, 300_000);
});
