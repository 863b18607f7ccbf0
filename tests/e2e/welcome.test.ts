// The workbench in a real browser against the real server and a real Engine:
// the same path a user takes with `npm run web`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { Engine } from '../../engine/api/engine';
import { startServer, type RunningServer } from '../../engine/server/server';
import { scratchDir } from '../support/tmp';
import { launchChromium, openWatchedPage, screenshot, type WatchedPage } from './browser';

const dir = scratchDir('hl-e2e-');
const staticDir = join(dir, 'renderer');
const engine = new Engine();
let server: RunningServer;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  server = await startServer({ engine, staticDir });
  browser = await launchChromium();
  watched = await openWatchedPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  engine.close();
});

describe('browser mode', () => {
  it('renders the Welcome screen and reaches /api/health through the UI client', async () => {
    const { page } = watched;
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await page.getByTestId('engine-status').getByText(/Engine .* connected/).waitFor();
    expect(await page.getByTestId('open-sample').isVisible()).toBe(true);
    await screenshot(page, '01-welcome-light');
    expect(watched.problems).toEqual([]);
  });

  it('shows a clear error, not a crash, when the engine cannot open the sample', async () => {
    const { page } = watched;
    await page.getByTestId('open-sample').click();
    // Until the integrator adds openSample this is the missing-method message;
    // afterwards the sample opens and its workspace card appears instead.
    const outcome = page.getByRole('alert').or(page.getByRole('heading', { level: 3, name: /\.duckdb$/ }));
    await outcome.first().waitFor();
    await screenshot(page, '02-open-sample');
    expect(watched.problems).toEqual([]);
  });

  it('opens a workspace by path and draws its chart', async () => {
    const { page } = watched;
    const path = join(dir, 'team.duckdb');
    await page.getByLabel('Or open a workspace file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'team.duckdb' }).waitFor();
    await page.locator('.echart canvas').first().waitFor();
    expect(await page.getByRole('button', { name: /team\.duckdb/ }).count()).toBeGreaterThan(0);
    await screenshot(page, '03-workspace-open');
    expect(watched.problems).toEqual([]);
  });

  it('switches screens with Ctrl+number and themes with the top bar', async () => {
    const { page } = watched;
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor();
    await page.getByTitle('Switch to dark theme').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, '04-health-dark');
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await screenshot(page, '05-welcome-dark');
    expect(watched.problems).toEqual([]);
  });

  it('refuses the page without the token: the UI says so instead of failing silently', async () => {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.getByTestId('engine-status').getByText('Engine unreachable').waitFor();
    await screenshot(page, '06-no-token');
    // The 401 itself is logged by Chromium as a failed resource; nothing else may go wrong.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });
});
