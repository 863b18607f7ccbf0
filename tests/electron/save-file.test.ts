// Saving an export on the desktop, through main booted against the fake
// electron module: the payload is checked, the dialog is offered a sanitised
// name, and the bytes land in the chosen file and nowhere else.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/channels';
import { exportBytes } from '../../electron/save-file';
import { toCsv } from '../../engine/export/csv';
import { FakeFrame } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./fake-electron').createFakeElectron> }));

vi.mock('electron', async () => {
  const { createFakeElectron: create } = await import('./fake-electron');
  fake.current = create();
  return { default: fake.current.module, ...fake.current.module };
});

function electron() {
  if (!fake.current) throw new Error('electron mock not initialised');
  return fake.current;
}

const root = mkdtempSync(join(tmpdir(), 'hl-save-'));
const chosenDir = join(root, 'chosen');
const outsideDir = root;

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(chosenDir);
  await import('../../electron/main');
  await new Promise((r) => setTimeout(r, 0));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(electron().state.userData, { recursive: true, force: true });
});

const win = () => {
  const w = electron().state.windows[0];
  if (!w) throw new Error('no window');
  return w;
};
const trusted = () => ({ sender: { id: win().webContents.id }, senderFrame: win().webContents.mainFrame });
const save = (event: unknown, payload: unknown) => {
  const h = electron().state.handlers.get(CHANNELS.saveFile);
  if (!h) throw new Error('no save handler');
  return Promise.resolve().then(() => h(event, payload)) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
};
const dialog = () => electron().module.dialog.showSaveDialog as ReturnType<typeof vi.fn>;

const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeEach(() => {
  dialog().mockReset();
  for (const f of readdirSync(chosenDir)) rmSync(join(chosenDir, f));
});

describe('saving an export from the desktop window', () => {
  it('offers a sanitised name and writes the neutralised CSV to exactly the chosen file', async () => {
    const target = join(chosenDir, 'comparison.csv');
    dialog().mockResolvedValue({ canceled: false, filePath: target });
    const csv = toCsv([['scenario', 'value'], ['=HYPERLINK("http://evil.example")', -2], ['+1', 1], ['@SUM(A1)', 2], ['\tTab', 3]]);
    const reply = await save(trusted(), { suggestedName: '../../etc/passwd', mime: 'text/csv', data: csv, encoding: 'utf8' });
    expect(reply).toEqual({ ok: true, value: { saved: true, name: 'comparison.csv' } });
    const options = dialog().mock.calls[0]?.[1] as { defaultPath: string; filters: unknown };
    expect(options.defaultPath).toBe('etc-passwd.csv');
    expect(options.filters).toEqual([{ name: 'CSV table', extensions: ['csv'] }]);
    const written = readFileSync(target, 'utf8');
    expect(written).toContain(`"'=HYPERLINK(""http://evil.example"")",-2`);
    expect(written).toContain("'+1,1");
    expect(written).toContain("'@SUM(A1),2");
    expect(written).toContain("'\tTab,3");
    // Nothing else appeared, in the chosen folder or above it.
    expect(readdirSync(chosenDir)).toEqual(['comparison.csv']);
    expect(readdirSync(outsideDir).sort()).toEqual(['chosen']);
  });

  it('sanitises reserved and over-long names before the dialog sees them', async () => {
    dialog().mockResolvedValue({ canceled: true });
    await save(trusted(), { suggestedName: 'CON', mime: 'text/csv', data: 'a', encoding: 'utf8' });
    await save(trusted(), { suggestedName: 'a/b\\c:d*?', mime: 'text/html', data: '<p>x</p>', encoding: 'utf8' });
    await save(trusted(), { suggestedName: 'x'.repeat(300), mime: 'text/csv', data: 'a', encoding: 'utf8' });
    const names = dialog().mock.calls.map((c) => (c[1] as { defaultPath: string }).defaultPath);
    expect(names[0]).toBe('_CON.csv');
    expect(names[1]).toBe('a-b-c-d.html');
    expect(names[2]?.length).toBeLessThanOrEqual(130);
    expect(readdirSync(chosenDir)).toEqual([]);
  });

  it('writes nothing when the user cancels', async () => {
    dialog().mockResolvedValue({ canceled: true, filePath: '' });
    expect(await save(trusted(), { suggestedName: 'a', mime: 'text/csv', data: 'x', encoding: 'utf8' })).toEqual({ ok: true, value: { saved: false } });
    expect(readdirSync(chosenDir)).toEqual([]);
  });

  it('writes a PNG as bytes and refuses an image that is not one', async () => {
    const target = join(chosenDir, 'chart.png');
    dialog().mockResolvedValue({ canceled: false, filePath: target });
    expect((await save(trusted(), { suggestedName: 'chart', mime: 'image/png', data: PNG_1x1, encoding: 'base64' })).ok).toBe(true);
    expect(readFileSync(target).subarray(1, 4).toString('latin1')).toBe('PNG');
    rmSync(target);
    const bad = await save(trusted(), { suggestedName: 'chart', mime: 'image/png', data: Buffer.from('<script>').toString('base64'), encoding: 'base64' });
    expect(bad.ok).toBe(false);
    expect(readdirSync(chosenDir)).toEqual([]);
    expect(() => exportBytes({ suggestedName: 'a', mime: 'text/csv', data: 'AAAA', encoding: 'base64' })).toThrow(/as text/);
  });

  it('refuses malformed payloads without showing a dialog', async () => {
    for (const bad of [
      undefined,
      { suggestedName: 'a', mime: 'application/x-msdownload', data: 'MZ', encoding: 'utf8' },
      { suggestedName: 'a', mime: 'text/csv', data: 'x', encoding: 'utf8', path: '/etc/passwd' },
      { suggestedName: '', mime: 'text/csv', data: 'x', encoding: 'utf8' },
      { suggestedName: 'a', mime: 'text/csv', data: 42, encoding: 'utf8' },
    ]) {
      expect((await save(trusted(), bad)).ok).toBe(false);
    }
    expect(dialog()).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not our window', async () => {
    const foreign = { sender: { id: win().webContents.id }, senderFrame: new FakeFrame('https://evil.example/') };
    await expect(save(foreign, { suggestedName: 'a', mime: 'text/csv', data: 'x', encoding: 'utf8' })).rejects.toThrow(/Refused/);
    expect(dialog()).not.toHaveBeenCalled();
  });
});
