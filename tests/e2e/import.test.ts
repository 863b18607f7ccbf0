// The import wizard end to end: Chromium against the real server and a real
// Engine with a scratch dataDir. A small history is written as CSV files (the
// leads with HubSpot headers), imported by typing the paths, and the counts
// on screen are checked against the engine's own report of the same
// workspace. Then a file with a bad date fails with its file, row, column and
// value, and the workspace keeps what it had.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';
import { screenshot, screenshotWhole, useBrowserApp } from './browser';

const dir = scratchDir('hl-e2e-import-');
const staticDir = join(dir, 'renderer');
const engine = new Engine({ dataDir: join(dir, 'data') });

const LEADS = 12;
const day = (d: number, h = 10) => `2025-03-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00`;

function contactsCsv(badRow: number | null): string {
  const lines = ['Record ID,Create Date,Email,First Name,Last Name,Company Name,Number of Employees,Original Source,Favourite Colour'];
  for (let i = 1; i <= LEADS; i++) {
    const created = badRow !== null && (i === badRow || i === badRow + 5) ? (i === badRow ? 'next tuesday' : '31/02/2025') : day(i);
    lines.push(`C${i},${created},p${i}@${i % 3 ? 'acme.com' : 'gmail.com'},Pat${i},Lee,${i % 4 ? 'Acme' : ''},${i * 10},${i % 2 ? 'organic' : 'paid_search'},blue`);
  }
  return lines.join('\n');
}

function writeFixture(): { contacts: string; broken: string; handoffs: string; dispositions: string; activities: string } {
  const contacts = join(dir, 'hubspot-contacts.csv');
  const broken = join(dir, 'hubspot-contacts-march.csv');
  const handoffs = join(dir, 'handoffs.csv');
  const dispositions = join(dir, 'dispositions.csv');
  const activities = join(dir, 'activities.csv');
  writeFileSync(contacts, contactsCsv(null));
  writeFileSync(broken, contactsCsv(4));
  const h = ['lead_id,mql_at,trigger,score_at_mql,tier,assigned_rep_id'];
  const d = ['lead_id,rep_id,decision,decided_at,rejection_reason,first_contact_at'];
  const a = ['lead_id,occurred_at,activity_type,detail'];
  for (let i = 1; i <= 8; i++) {
    h.push(`C${i},${day(i, 14)},score_threshold,${60 + i},${i % 2 ? 'A' : 'B'},R${1 + (i % 2)}`);
    d.push(`C${i},R${1 + (i % 2)},${i % 3 ? 'accepted' : 'rejected'},${day(i + 1, 9)},${i % 3 ? '' : 'not_icp'},${day(i, 16)}`);
  }
  for (let i = 1; i <= LEADS; i++) a.push(`C${i},${day(i, 12)},web_visit,/pricing`);
  writeFileSync(handoffs, h.join('\n'));
  writeFileSync(dispositions, d.join('\n'));
  writeFileSync(activities, a.join('\n'));
  return { contacts, broken, handoffs, dispositions, activities };
}

const files = writeFixture();

const app = useBrowserApp(engine, staticDir, { width: 1360, height: 900 });

/** The app scrolls inside its content pane: grow the window to the content for a whole-screen picture. */
async function shoot(name: string): Promise<void> {
  await screenshotWhole(app.watched.page, name, 300);
}

async function previewPaths(paths: readonly string[]): Promise<void> {
  const { page } = app.watched;
  await page.getByTestId('import-paths').fill(paths.join('\n'));
  await page.getByTestId('preview-files').click();
  await page.getByTestId('run-import').waitFor();
}

const mappingRow = (file: string, canonical: string) => app.watched.page.getByTestId(`file-${file}`).getByTestId(`map-${canonical}`);

describe('Import wizard in the browser', () => {
  it('asks for a workspace first, and creates one at a typed path', async () => {
    const { page } = app.watched;
    await page.goto(app.server.url);
    await page.getByTestId('engine-status').getByText(/connected/).waitFor();
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Import goes into a workspace' }).waitFor();
    await shoot('import-00-no-workspace');
    await page.getByTestId('workspace-path').fill(join(dir, 'team.duckdb'));
    await page.getByRole('button', { name: 'Create / open' }).click();
    await page.getByTestId('import-paths').waitFor();
    expect(app.watched.problems).toEqual([]);
  });

  it('previews typed paths and suggests the mapping, HubSpot headers included', async () => {
    const { page } = app.watched;
    // Paths the engine cannot read are named, with the reason, and the wizard stays here.
    await page.getByTestId('import-paths').fill([join(dir, 'no-such-file.csv'), 'exports/leads.csv'].join('\n'));
    await page.getByTestId('preview-files').click();
    const problems = page.getByRole('list', { name: 'Files that could not be read' });
    await problems.waitFor();
    expect(await problems.locator('li').count()).toBe(2);
    expect(await problems.textContent()).toContain('not a full path');
    await shoot('import-01b-pick-problems');
    await page.getByTestId('import-paths').fill([files.contacts, files.activities, files.handoffs, files.dispositions].join('\n'));
    await shoot('import-01-pick');
    await page.getByTestId('preview-files').click();
    await page.getByTestId('run-import').waitFor();
    // The contacts file went to leads (from its name) with Record ID -> lead_id as a CRM synonym.
    expect(await page.getByTestId('file-hubspot-contacts.csv').getByTestId('file-table').inputValue()).toBe('leads');
    const leadId = mappingRow('hubspot-contacts.csv', 'lead_id');
    expect(await leadId.locator('select').inputValue()).toBe('Record ID');
    expect(await leadId.locator('.badge').textContent()).toBe('CRM synonym');
    expect(await mappingRow('hubspot-contacts.csv', 'created_at').locator('select').inputValue()).toBe('Create Date');
    // The column nothing takes is listed as not imported.
    expect(await page.getByTestId('file-hubspot-contacts.csv').getByLabel('Columns not imported').textContent()).toContain('Favourite Colour');
    // The first rows are shown as read.
    expect(await page.getByTestId('file-hubspot-contacts.csv').getByRole('table', { name: 'First rows of the file' }).textContent()).toContain('p1@acme.com');
    await shoot('import-02-mapping');
    // A required column left without a source stops the import before the engine is asked.
    await leadId.locator('select').selectOption('');
    expect(await leadId.locator('.badge').textContent()).toBe('missing');
    expect(await page.getByTestId('run-import').isDisabled()).toBe(true);
    expect(await page.getByTestId('tab-hubspot-contacts.csv').textContent()).toContain('1 to fix');
    await shoot('import-02b-mapping-missing');
    await leadId.locator('select').selectOption('Record ID');
    expect(await page.getByTestId('run-import').isEnabled()).toBe(true);
    // Every file has its tab; the handoffs file maps by exact names.
    await page.getByTestId('tab-handoffs.csv').click();
    expect(await mappingRow('handoffs.csv', 'mql_at').locator('.badge').textContent()).toBe('exact');
    expect(await page.getByTestId('tab-handoffs.csv').textContent()).toContain('Handoffs · ready');
    expect(app.watched.problems).toEqual([]);
  });

  it('imports, and the summary counts are the ones the engine reports for the workspace', async () => {
    const { page } = app.watched;
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('data-quality').waitFor({ timeout: 30_000 });
    const { report, capabilities } = await engine.quality();
    expect(report.leads).toBe(LEADS);
    const count = (table: string) => page.getByTestId(`count-${table}`).locator('.count-value').textContent();
    expect(await count('leads')).toBe(report.leads.toLocaleString('en-US'));
    expect(await count('handoffs')).toBe(report.handoffs.toLocaleString('en-US'));
    expect(await count('dispositions')).toBe(report.dispositions.toLocaleString('en-US'));
    expect(await count('activities')).toBe(String(LEADS));
    expect(await count('reps')).toBe('0');
    // The capability checklist says what the engine says.
    for (const c of capabilities.capabilities) {
      const item = page.getByTestId(`cap-${c.key}`);
      expect(await item.getAttribute('class')).toBe(c.available ? 'cap-yes' : 'cap-no');
    }
    await shoot('import-03-done');
    // On to Handoff health, which measures the imported handoffs; the wizard keeps its place meanwhile.
    await page.getByTestId('go-health').click();
    await page.getByRole('heading', { level: 1, name: 'Handoff health' }).waitFor();
    await expect.poll(() => page.getByTestId('metric-mql_count').locator('.metric-value').textContent(), { timeout: 30_000 }).toBe(String(report.handoffs));
    await page.keyboard.press('Control+2');
    await page.getByTestId('import-summary').waitFor();
    expect(app.watched.problems).toEqual([]);
  });

  it('a long folder import shows its progress, and Cancel leaves the workspace as it was', async () => {
    const { page } = app.watched;
    const before = (await engine.quality()).report;
    await page.getByRole('button', { name: 'Import other files' }).click();
    // The shipped sample is a folder of canonical files big enough to take a few seconds.
    await previewPaths([join(process.cwd(), 'sample-data', 'shipped')]);
    expect(await page.locator('.folder-card').textContent()).toContain('sample-data/shipped');
    expect(await page.getByTestId('replace-note').textContent()).toContain('importing replaces them');
    await shoot('import-02c-folder');
    await page.getByTestId('run-import').click();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor();
    // The import screen shows its own bar; the corner jobs panel does not repeat it.
    expect(await page.locator('.jobs').count()).toBe(0);
    // Quickly, while the engine is still reading: a window-sized picture, then Cancel.
    await screenshot(page, 'import-03a-progress');
    await page.getByTestId('cancel-import').click();
    await page.getByTestId('run-import').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Import cancelled. The workspace is unchanged.' }).count()).toBe(1);
    const after = (await engine.quality()).report;
    expect([after.leads, after.handoffs, after.dispositions]).toEqual([before.leads, before.handoffs, before.dispositions]);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    expect(app.watched.problems).toEqual([]);
  });

  it('a bad date fails with its file, row, column and value, and the workspace is unchanged', async () => {
    const { page } = app.watched;
    const before = (await engine.quality()).report;
    await previewPaths([files.broken, files.handoffs, files.dispositions]);
    await page.getByTestId('run-import').click();
    const failure = page.getByTestId('import-failure');
    await failure.waitFor({ timeout: 30_000 });
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('hubspot-contacts-march.csv');
    expect(text).toContain('data row 4');
    expect(text).toContain('Create Date');
    expect(await failure.locator('code.value').first().textContent()).toBe('next tuesday');
    expect(text).toContain('data row 9');
    expect(await failure.locator('code.value').nth(1).textContent()).toBe('31/02/2025');
    expect(text).toContain('The workspace is unchanged.');
    const after = (await engine.quality()).report;
    expect([after.leads, after.handoffs, after.dispositions]).toEqual([before.leads, before.handoffs, before.dispositions]);
    await shoot('import-04-error');
    expect(app.watched.problems).toEqual([]);
  });

  it('reads well in dark theme', async () => {
    const { page } = app.watched;
    await page.getByTitle('Switch to dark theme').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shoot('import-04-error-dark');
    await page.getByRole('button', { name: 'Back to the mapping' }).click();
    await page.getByTestId('run-import').waitFor();
    await page.getByTestId('tab-hubspot-contacts-march.csv').click();
    await shoot('import-02-mapping-dark');
    // A small window: the mapping stacks under the table, and nothing scrolls sideways but the preview rows.
    const size = page.viewportSize() ?? { width: 1360, height: 900 };
    await page.setViewportSize({ width: 980, height: 760 });
    try {
      const overflow = await page.evaluate(() => {
        const el = document.querySelector('.content');
        return el ? el.scrollWidth - el.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await shoot('import-05-small-window-dark');
    } finally {
      await page.setViewportSize(size);
    }
    expect(app.watched.problems).toEqual([]);
  });
});
