// Handoff health end to end: Chromium against the real server and a real
// Engine over the shipped sample. The numbers on the cards are checked against
// engine.metrics() computed here in the test process, formatted the way the UI
// formats them (renderer/charts/format.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openWorkspace } from '../../engine/workspace/database';
import { formatHours, formatPercent } from '../../renderer/charts/format';
import { scratchDir } from '../support/tmp';
import { screenshot, screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-health-');
const staticDir = join(dir, 'renderer');
// A scratch dataDir: the sample workspace is imported here, never into the home folder.
const engine = new Engine({ dataDir: join(dir, 'data') });

const app = useBrowserApp(engine, staticDir, { width: 1360, height: 900 });

const cardValue = (name: string) => app.watched.page.getByTestId(`metric-${name}`).locator('.metric-value');

/** A whole-screen picture, charts given time to follow the taller window. */
async function shoot(name: string): Promise<void> {
  await screenshotWhole(app.watched.page, name, 600);
}

/** Wait for charts to finish their entry animation before a screenshot. */
async function settle(): Promise<void> {
  await app.watched.page.locator('.health-body:not(.updating) .echart canvas').first().waitFor();
  await app.watched.page.waitForTimeout(700);
}

describe('Handoff health in the browser', () => {
  it('opens the sample from Welcome with import progress, and lands on Handoff health', async () => {
    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.getByTestId('open-sample').click();
    // The first open imports the sample: the jobs panel shows the engine's progress for our job id.
    await page.getByRole('progressbar').waitFor({ timeout: 30_000 });
    await screenshot(page, 'health-00-import-progress');
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor({ timeout: 60_000 });
    await page.getByRole('progressbar').waitFor({ state: 'detached' });
    expect(app.watched.problems).toEqual([]);
  });

  it('shows the acceptance rate the engine computes, with its basis', async () => {
    const all = await engine.metrics({});
    const acceptance = all.metrics.acceptance_rate;
    await expect.poll(() => cardValue('acceptance_rate').textContent(), { timeout: 30_000 }).toBe(formatPercent(acceptance.observed));
    const card = app.watched.page.getByTestId('metric-acceptance_rate');
    expect(await card.textContent()).toContain(`${acceptance.numerator?.toLocaleString('en-US')} of ${acceptance.denominator?.toLocaleString('en-US')} MQLs`);
    expect(await card.textContent()).toContain('Target 50–70%');
    expect(await cardValue('median_hours_to_first_contact').textContent()).toBe(formatHours(all.metrics.median_hours_to_first_contact.observed));
    // Every chart drew something.
    for (const id of ['chart-funnel', 'chart-contact', 'chart-weekly', 'chart-score', 'chart-tiers', 'chart-rejections', 'chart-reps']) {
      await app.watched.page.getByTestId(id).locator('canvas').first().waitFor();
    }
    await settle();
    await shoot('health-01-light');
    // Tooltips are wired to the data: hovering a week names it and gives its numbers.
    const weekly = app.watched.page.getByTestId('chart-weekly').locator('canvas').first();
    await weekly.scrollIntoViewIfNeeded();
    const box = await weekly.boundingBox();
    if (!box) throw new Error('the weekly chart has no canvas');
    await app.watched.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55);
    const tip = app.watched.page.getByTestId('chart-weekly').locator('.tt-title');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/^Week of [A-Z][a-z]{2} \d{1,2}, 2025$/);
    expect(await app.watched.page.getByTestId('chart-weekly').locator('.tt-row').count()).toBe(3);
    await screenshot(app.watched.page, 'health-01a-tooltip');
    await app.watched.page.mouse.move(5, 5);
    expect(app.watched.problems).toEqual([]);
  });

  it('follows the window filter: the cards change to the engine value for that window', async () => {
    const { page } = app.watched;
    const window = { from: '2025-07-01', to: '2025-09-30' };
    const [all, part] = await Promise.all([engine.metrics({}), engine.metrics(window)]);
    // The check means something only if the window changes the number.
    expect(formatPercent(part.metrics.sla_compliance_rate.observed)).not.toBe(formatPercent(all.metrics.sla_compliance_rate.observed));
    await page.getByTestId('filter-from').fill(window.from);
    await page.getByTestId('filter-to').fill(window.to);
    await expect.poll(() => cardValue('sla_compliance_rate').textContent(), { timeout: 30_000 }).toBe(formatPercent(part.metrics.sla_compliance_rate.observed));
    await expect.poll(() => cardValue('acceptance_rate').textContent()).toBe(formatPercent(part.metrics.acceptance_rate.observed));
    await expect.poll(() => cardValue('mql_count').textContent()).toBe(part.metrics.mql_count.observed?.toLocaleString('en-US'));
    await settle();
    await shoot('health-02-window-light');
    expect(app.watched.problems).toEqual([]);
  });

  it('follows a source filter chosen from the menu', async () => {
    const { page } = app.watched;
    const window = { from: '2025-07-01', to: '2025-09-30' };
    const source = (await engine.metrics({})).segments.source[0]!.key;
    const expected = await engine.metrics({ ...window, filters: { source: [source] } });
    await page.getByTestId('filter-source').selectOption(source);
    await expect.poll(() => cardValue('mql_count').textContent(), { timeout: 30_000 }).toBe(expected.metrics.mql_count.observed?.toLocaleString('en-US'));
    expect(await cardValue('acceptance_rate').textContent()).toBe(formatPercent(expected.metrics.acceptance_rate.observed));
    await page.getByRole('button', { name: 'Reset filters' }).click();
    const all = await engine.metrics({});
    await expect.poll(() => cardValue('mql_count').textContent(), { timeout: 30_000 }).toBe(all.metrics.mql_count.observed?.toLocaleString('en-US'));
    expect(app.watched.problems).toEqual([]);
  });

  it('reads well in dark theme and in presenter mode', async () => {
    const { page } = app.watched;
    await page.getByTitle('Switch to dark theme').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await settle();
    await shoot('health-03-dark');
    await page.keyboard.press('F11');
    await settle();
    await shoot('health-04-presenter-dark');
    await page.keyboard.press('F11');
    expect(app.watched.problems).toEqual([]);
  });

  it('fits a small window: cards and charts reflow to fewer columns', async () => {
    const { page } = app.watched;
    const size = page.viewportSize() ?? { width: 1360, height: 900 };
    await page.setViewportSize({ width: 980, height: 760 });
    try {
      await settle();
      // No horizontal scrolling: the content pane is as wide as it needs to be, no wider.
      const overflow = await page.evaluate(() => {
        const el = document.querySelector('.content');
        return el ? el.scrollWidth - el.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await shoot('health-06-small-window');
    } finally {
      await page.setViewportSize(size);
    }
    expect(app.watched.problems).toEqual([]);
  });

  it('shows hostile names from data as text: no script runs from a source, rep or reason name', async () => {
    const { page } = app.watched;
    const evil = '<img src=x onerror=alert(1)>';
    const path = join(dir, 'hostile.duckdb');
    const ws = await openWorkspace(path);
    try {
      // Bound values, as anywhere else: the hostile text is data, never SQL.
      for (let i = 0; i < 8; i++) {
        const id = `L${i}`;
        const at = `2025-03-0${1 + (i % 5)} 10:00:00+00`;
        await ws.connection.run('INSERT INTO leads (lead_id, created_at, source) VALUES ($1, $2::TIMESTAMPTZ, $3)', [id, at, i % 2 ? evil : 'organic']);
        await ws.connection.run('INSERT INTO handoffs (lead_id, mql_at, score_at_mql, tier, assigned_rep_id) VALUES ($1, $2::TIMESTAMPTZ, 70, $3, $4)', [id, at, 'A', evil]);
        await ws.connection.run(
          `INSERT INTO dispositions (lead_id, decision, decided_at, rejection_reason, first_contact_at) VALUES ($1, 'rejected', $2::TIMESTAMPTZ + INTERVAL 2 HOUR, $3, $2::TIMESTAMPTZ + INTERVAL 1 HOUR)`,
          [id, at, evil],
        );
      }
    } finally {
      ws.close();
    }
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.keyboard.press('Control+1');
    await page.getByLabel('Or open a workspace file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'hostile.duckdb' }).waitFor();
    await page.keyboard.press('Control+3');
    await expect.poll(() => cardValue('mql_count').textContent(), { timeout: 30_000 }).toBe('8');
    // The menus list the name as text.
    expect(await page.getByTestId('filter-source').locator('option').allTextContents()).toContain(evil);
    // Hover the charts whose tooltips carry the names (ECharts renders tooltips as HTML).
    for (const id of ['chart-rejections', 'chart-reps']) {
      const canvas = page.getByTestId(id).locator('canvas').first();
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      if (!box) throw new Error(`${id} has no canvas`);
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
      const tip = page.getByTestId(id).locator('.tt-title');
      await tip.waitFor();
      expect(await tip.textContent()).toContain(evil);
    }
    await page.waitForTimeout(300);
    expect(await page.locator('.content img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await shoot('health-05-hostile-names');
    expect(app.watched.problems).toEqual([]);
  });
});
