// A workspace imported without scoring_model.json: the engine recovers the
// scoring in force from history (engine/policy/infer-scoring.ts) and the
// Scenarios screen says so in a disclosure listing what was inferred and how
// well it reproduces history, line by line, with the points editable.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { importDirectory } from '../../engine/import/importer';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-inferred-');
const staticDir = join(dir, 'renderer');
const engine = new Engine({ dataDir: join(dir, 'data') });
const app = useBrowserApp(engine, staticDir, { width: 1360, height: 900 });
const shipped = join(import.meta.dirname, '../../sample-data/shipped');

describe('a workspace without a scoring model, in the browser', () => {
  it('lists what the baseline inferred, as the engine says it, and replays the recovered points', async () => {
    const files = join(dir, 'no-model');
    cpSync(shipped, files, { recursive: true });
    rmSync(join(files, 'scoring_model.json'));
    const path = join(dir, 'no-model.duckdb');
    const ws = await openWorkspace(path);
    try {
      await importDirectory(ws, files);
    } finally {
      ws.close();
    }

    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.getByLabel('Or open a workspace file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'no-model.duckdb' }).waitFor();
    await page.keyboard.press('Control+4');

    const box = page.getByTestId('inferred-baseline');
    await box.waitFor({ timeout: 90_000 });
    await box.locator('summary').click();
    const baseline = await engine.baselineScenario();
    expect(baseline.inferred).toBe(true);
    expect(baseline.thresholdOnly).toBe(false);
    expect(await box.locator('li').allTextContents()).toEqual(baseline.notes);
    expect(baseline.notes.some((n) => /recovered from history/.test(n))).toBe(true);
    // Said once: the forecast's warnings leave the baseline's notes to the disclosure.
    await page.getByTestId('forecast-warnings').waitFor();
    expect(await page.getByTestId('forecast-warnings').textContent()).not.toContain('Baseline inferred');
    // Tier boundaries read as the round scores they are (90, not the lowest decayed score 90.0012).
    expect(baseline.scenario.tiers?.map((t) => t.min_score)).toEqual([90, 75, 60]);

    // The recovered points are the editor's: the points table holds them, not the threshold-only notice.
    await page.getByText('Points per activity').click();
    const demo = baseline.scenario.scoring?.activity_points?.['demo_request'];
    expect(demo).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('points-demo_request').inputValue()).toBe(String(demo));
    await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await screenshotWhole(page, 'inferred-01-baseline', 600);
  });
});
