// Slider move to redrawn forecast, in the real UI: Chromium (playwright-core,
// Debian's build) against the browser mode, on a workspace of any size.
//
//   npx tsx bench/slider-browser.ts --workspace W.duckdb [--moves 8] [--pause 150]
//
// Each move presses ArrowRight on the threshold slider and waits until the
// cards show the answer for that threshold, then --pause ms before the next
// move (past the editor's INTERVAL_DELAY_MS, e.g. 2500, the still draft's
// interval job is running when the next move comes: the engine-queue case); the UI's own performance measure
// 'hl:slider-to-redraw' (input -> chart drawn) is read back, and
// 'hl:slider-to-preview' (input -> the threshold curve's preview drawn, when
// the exact answer was not there first; the curve is waited for before the
// first move), with the long tasks (> 50 ms) the UI thread ran meanwhile. The engine-only time of
// the same forecasts is measured after, in this process, as the reference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { Engine } from '../engine/api/engine';
import { startServer } from '../engine/server/server';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, moves: { type: 'string' }, pause: { type: 'string' } } });
  if (!values.workspace) throw new Error('--workspace W.duckdb is required');
  const moves = Number(values.moves ?? 8);
  const pause = Number(values.pause ?? 150);
  const dir = mkdtempSync(join(tmpdir(), 'hl-slider-'));
  const staticDir = join(dir, 'renderer');
  process.env.NODE_ENV = 'production';
  await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir: staticDir, emptyOutDir: true } });
  const engine = new Engine({ dataDir: join(dir, 'data') });
  const server = await startServer({ engine, staticDir });
  const browser = await chromium.launch({ executablePath: execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim(), headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.getByLabel('Or open a workspace file on this computer').fill(values.workspace);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3 }).first().waitFor({ timeout: 120_000 });
    await page.keyboard.press('Control+4');
    const t0 = performance.now();
    const answer = page.getByTestId('scenario-forecast');
    await page.getByTestId('threshold-slider').waitFor({ timeout: 600_000 });
    const current = () => answer.getAttribute('data-answer');
    for (let i = 0; i < 1200 && (await current()) !== 'current'; i++) await page.waitForTimeout(500);
    console.log(`first answer (session open + baseline forecast): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    await page.locator('[data-testid="threshold-slider"][data-curve="ready"]').waitFor({ timeout: 600_000 });
    console.log(`threshold curve ready (the drag preview's sweep): ${((performance.now() - t1) / 1000).toFixed(1)} s later`);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks?: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks?.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const slider = page.getByTestId('threshold-slider');
    const thresholds: number[] = [];
    const redraw: number[] = [];
    const preview: number[] = [];
    for (let i = 0; i < moves; i++) {
      await slider.focus();
      await page.evaluate(() => {
        performance.clearMeasures('hl:slider-to-redraw');
        performance.clearMeasures('hl:slider-to-preview');
      });
      await page.keyboard.press('ArrowRight');
      thresholds.push(Number(await page.getByTestId('threshold-value').textContent()));
      await page.waitForFunction(() => performance.getEntriesByName('hl:slider-to-redraw').length > 0, undefined, { timeout: 120_000 });
      redraw.push(await page.evaluate(() => performance.getEntriesByName('hl:slider-to-redraw')[0]!.duration));
      const p = await page.evaluate(() => performance.getEntriesByName('hl:slider-to-preview')[0]?.duration ?? null);
      if (p !== null) preview.push(p);
      await page.waitForTimeout(pause);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks?: number[] }).__longTasks ?? []);
    // Leaving the screen cancels the interval runs the still draft started, so the reference runs alone.
    await page.keyboard.press('Control+1');
    await page.waitForTimeout(1500);
    const base = (await engine.baselineScenario()).scenario;
    const engineMs: number[] = [];
    for (const t of thresholds) {
      const started = performance.now();
      await engine.forecast({ scenario: { ...base, mql: { ...base.mql, threshold: t + 0.5 } }, runs: 0 });
      engineMs.push(performance.now() - started);
    }
    const fmt = (xs: readonly number[]) => `median ${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
    console.log(`moves ${moves} (pause ${pause} ms), thresholds ${thresholds.join(', ')}`);
    console.log(`slider move -> redrawn chart (exact answer): ${fmt(redraw)}  [${redraw.map((x) => Math.round(x)).join(', ')}]`);
    console.log(`slider move -> preview drawn (from the threshold curve): ${preview.length ? `${fmt(preview)}  [${preview.map((x) => Math.round(x)).join(', ')}]` : 'none drawn'} in ${preview.length} of ${moves} moves`);
    console.log(`engine forecast alone (runs 0, new thresholds): ${fmt(engineMs)}`);
    console.log(`long tasks (> 50 ms) on the UI thread during the moves: ${longTasks.length}${longTasks.length ? ` (max ${Math.round(Math.max(...longTasks))} ms)` : ''}`);
  } finally {
    await browser.close();
    await server.close();
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
