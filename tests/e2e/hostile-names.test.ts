// Imported text is data, never markup or a formula, on every screen that shows
// it. The shipped sample is imported, then every lead id is prefixed with text
// that is both an HTML injection and a spreadsheet formula, and a scenario is
// saved under a hostile name. The Scenarios screen lists leads that leave the
// MQL set (their ids shown), the saved scenario appears in the pickers, and the
// lead list's CSV download carries the ids neutralised.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { importDirectory } from '../../engine/import/importer';
import { ScenarioStore } from '../../engine/scenario/store';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-hostile-');
const staticDir = join(dir, 'renderer');
const engine = new Engine({ dataDir: join(dir, 'data') });
const app = useBrowserApp(engine, staticDir, { width: 1360, height: 900 });

const EVIL = '=HYPERLINK("http://evil.example")<img src=x onerror=alert(1)>';
const EVIL_NAME = '<img src=x onerror=alert(2)> @SUM(A1)';
const shipped = join(import.meta.dirname, '../../sample-data/shipped');

describe('hostile names from the data, in the browser', () => {
  it('lists hostile lead ids and scenario names as text, and exports them neutralised', async () => {
    const path = join(dir, 'hostile.duckdb');
    const ws = await openWorkspace(path);
    try {
      await importDirectory(ws, shipped);
      // Bound values: the hostile text is data, never SQL.
      for (const table of ['leads', 'activities', 'handoffs', 'dispositions']) {
        await ws.connection.run(`UPDATE ${table} SET lead_id = $1 || lead_id`, [EVIL]);
      }
      const store = new ScenarioStore(ws);
      await store.save(EVIL_NAME, JSON.parse(readFileSync(join(shipped, 'scenarios', 'threshold_plus_15.json'), 'utf8')));
      // Compare needs two saved scenarios before it lists them.
      await store.save('Plain', JSON.parse(readFileSync(join(shipped, 'scenarios', 'threshold_minus_7.json'), 'utf8')));
    } finally {
      ws.close();
    }

    const { page } = app.watched;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.getByLabel('Or open a workspace file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'hostile.duckdb' }).waitFor();

    await page.keyboard.press('Control+4');
    const slider = page.getByTestId('threshold-slider');
    await slider.waitFor({ timeout: 90_000 });
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('diff-tab-left').click();
    const firstId = page.getByTestId('lead-diff').locator('tbody tr td.mono').first();
    await expect.poll(() => firstId.textContent(), { timeout: 60_000 }).toMatch(/^=HYPERLINK\("http:\/\/evil\.example"\)<img src=x onerror=alert\(1\)>/);
    // The saved scenario's name is an option's text in the editor's picker.
    expect(await page.getByTestId('scenario-open').locator('option').allTextContents()).toContain(EVIL_NAME);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('lead-diff-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-left-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    const threshold = Number(await page.getByTestId('threshold-value').textContent());
    const diff = await engine.leadDiff({ scenario: { version: 1, mql: { threshold } }, kind: 'left', limit: 0 });
    expect(lines).toHaveLength(diff.counts.left + 1);
    // A formula-looking cell starts with an apostrophe, so a spreadsheet shows it as text.
    expect(lines.slice(1).every((l) => l.startsWith(`"'=HYPERLINK(""http://evil.example"")<img src=x onerror=alert(1)>`))).toBe(true);

    // Compare lists the scenario by its name, as text.
    await page.keyboard.press('Control+5');
    await page.getByText(EVIL_NAME, { exact: true }).first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('.content img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.keyboard.press('Control+4');
    await page.getByTestId('lead-diff').locator('tbody tr').first().waitFor();
    await screenshotWhole(page, 'hostile-01-scenarios', 600);
    expect(await page.locator('.content img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(app.watched.problems).toEqual([]);
  });
});
