// Debian's Chromium driven by playwright-core: nothing is downloaded, the
// flags keep it quiet and offline, and every page error fails the test.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../engine/api/engine';
import { startServer, type RunningServer } from '../../engine/server/server';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'e2e');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not installed: apt-get install -y chromium (the e2e tests never download a browser).');
  }
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

export interface WatchedPage {
  readonly page: Page;
  /** Uncaught errors and console errors (CSP violations land there) seen so far. */
  readonly problems: string[];
}

export async function openWatchedPage(browser: Browser, viewport = { width: 1360, height: 860 }): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Vitest runs with NODE_ENV=test and Vite's build follows it, which would serve
 * React's development build (several times slower per render): every suite
 * tests, and times, what users get.
 */
async function buildForProduction(outDir: string): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = before;
  }
}

/** The built UI served by the real server around an Engine, with one watched Chromium page. */
export interface BrowserApp {
  readonly server: RunningServer;
  readonly watched: WatchedPage;
  /** Another watched page in the same browser (close it when done). */
  openPage(viewport?: { width: number; height: number }): Promise<WatchedPage>;
}

/**
 * Build the renderer into staticDir, serve it with `engine`, open Chromium on a
 * watched page; all torn down after the file's tests. Fields are read in tests
 * (after beforeAll has run), hence the getters.
 */
export function useBrowserApp(engine: Engine, staticDir: string, viewport?: { width: number; height: number }): BrowserApp {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage | undefined;
  beforeAll(async () => {
    await buildForProduction(staticDir);
    server = await startServer({ engine, staticDir });
    browser = await launchChromium();
    watched = await openWatchedPage(browser, viewport);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    engine.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser app is not started yet (read it inside a test).');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get watched() {
      return ready(watched);
    },
    openPage: (size) => openWatchedPage(ready(browser), size),
  };
}

/**
 * The app scrolls inside its content pane, so a full-page screenshot would stop
 * at the window: grow the window to the content, shoot, and restore it.
 */
export async function screenshotWhole(page: Page, name: string, settleMs: number): Promise<void> {
  const size = page.viewportSize() ?? { width: 1360, height: 900 };
  const height = await page.evaluate(() => document.querySelector('.content')?.scrollHeight ?? 900);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.waitForTimeout(settleMs); // charts follow their container's new size
  await screenshot(page, name);
  await page.setViewportSize(size);
}
