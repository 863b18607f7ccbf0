// The workbench in a real browser against the real server and a real Engine:
// the same path a user takes with `npm run web`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine } from '../../engine/api/engine';
import type { ProgressListener } from '../../engine/api/transport';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { screenshot, useBrowserApp } from './browser';

/** The real Engine plus the progress stream and cancel the jobs will use. */
class StreamingEngine extends Engine {
  private readonly listeners = new Set<ProgressListener>();
  readonly cancelled: string[] = [];
  override onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ProgressEvent): void {
    for (const l of this.listeners) l(event);
  }
  override cancel(jobId: string): void {
    this.cancelled.push(jobId);
  }
}

const dir = scratchDir('hl-e2e-');
const staticDir = join(dir, 'renderer');
// A scratch dataDir: the sample is imported here, never into the home folder.
const engine = new StreamingEngine({ dataDir: join(dir, 'data') });

const app = useBrowserApp(engine, staticDir);

/** Rows of nothing in particular: enough for the workspace card to have something to draw. */
async function seedWorkspace(path: string, rows: Record<string, number>): Promise<void> {
  const ws = await openWorkspace(path);
  try {
    for (const [table, n] of Object.entries(rows)) {
      await ws.connection.run(`INSERT INTO ${table} DEFAULT VALUES`);
      await ws.connection.run(`INSERT INTO ${table} SELECT t.* FROM ${table} t, range(${n - 1})`);
    }
  } finally {
    ws.close();
  }
}

describe('browser mode', () => {
  it('renders the Welcome screen and reaches /api/health through the UI client', async () => {
    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await page.getByTestId('engine-status').getByText(/Engine .* connected/).waitFor();
    expect(await page.getByTestId('open-sample').isVisible()).toBe(true);
    await screenshot(page, '01-welcome-light');
    expect(app.watched.problems).toEqual([]);
  });

  it('opens the sample in one click and lands on Handoff health', async () => {
    const { page } = app.watched;
    await page.getByTestId('open-sample').click();
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('metric-acceptance_rate').locator('.metric-value').getByText(/%$/).waitFor({ timeout: 30_000 });
    await screenshot(page, '02-open-sample');
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    expect(app.watched.problems).toEqual([]);
  });

  it('opens an empty workspace by path and says it is empty', async () => {
    const { page } = app.watched;
    await page.getByLabel('Or open a workspace file on this computer').fill(join(dir, 'empty.duckdb'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'empty.duckdb' }).waitFor();
    await page.getByText('This workspace is empty').waitFor();
    expect(app.watched.problems).toEqual([]);
  });

  it('opens a workspace with rows and draws its chart', async () => {
    const { page } = app.watched;
    const path = join(dir, 'team.duckdb');
    await seedWorkspace(path, { leads: 1200, activities: 9600, handoffs: 240, dispositions: 180, reps: 12 });
    await page.getByLabel('Or open a workspace file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'team.duckdb' }).waitFor();
    await page.locator('.echart canvas').first().waitFor();
    await page.waitForTimeout(500); // let the bar animation finish before the screenshot
    expect(await page.getByRole('button', { name: /team\.duckdb/ }).count()).toBeGreaterThan(0);
    await screenshot(page, '03-workspace-open');
    expect(app.watched.problems).toEqual([]);
  });

  it('streams job progress over the WebSocket (allowed by the CSP) and cancels through the API', async () => {
    const { page } = app.watched;
    // The socket opens asynchronously after load; keep emitting until the panel shows it.
    let fraction = 0.2;
    const timer = setInterval(() => {
      fraction = Math.min(0.95, fraction + 0.05);
      engine.emit({ jobId: 'intervals-1', fraction, message: 'Bootstrapping 90% intervals' });
    }, 100);
    try {
      await page.getByRole('progressbar').waitFor();
      await screenshot(page, '04a-job-progress');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => engine.cancelled).toEqual(['intervals-1']);
    } finally {
      clearInterval(timer);
    }
    await page.getByRole('progressbar').waitFor({ state: 'detached' });
    expect(app.watched.problems).toEqual([]);
  });

  it('switches screens with Ctrl+number and themes with the top bar', async () => {
    const { page } = app.watched;
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor();
    await page.getByTitle('Switch to dark theme').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, '04-health-dark');
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await screenshot(page, '05-welcome-dark');
    expect(app.watched.problems).toEqual([]);
  });

  it('presenter mode enlarges the UI for a projector', async () => {
    const { page } = app.watched;
    await page.keyboard.press('F11');
    expect(await page.locator('html').getAttribute('data-presenter')).toBe('true');
    const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(size).toBe('17px');
    await screenshot(page, '06-presenter-dark');
    await page.keyboard.press('F11');
    expect(app.watched.problems).toEqual([]);
  });

  it('stays usable in a small window', async () => {
    const { page, problems } = await app.openPage({ width: 900, height: 700 });
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await screenshot(page, '07-small-window');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses the page without the token: the UI says so instead of failing silently', async () => {
    const { page, problems } = await app.openPage();
    await page.goto(`http://127.0.0.1:${app.server.port}/`);
    await page.getByTestId('engine-status').getByText('Engine unreachable').waitFor();
    expect(await page.getByTestId('engine-banner').textContent()).toContain('no valid access token');
    await screenshot(page, '08-no-token');
    // The 401 itself is logged by Chromium as a failed resource; nothing else may go wrong.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });
});
