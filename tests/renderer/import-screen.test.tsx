// @vitest-environment happy-dom
// The Import screen with a fake engine: each step of the wizard as a user
// sees it, the states in between, and data rendered as text.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../engine/api/contract';
import { AppServicesProvider } from '../../renderer/app/context';
import { ImportScreen } from '../../renderer/screens/ImportScreen';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';
import { contactsPreview, dispositionsPreview, EVIL, handoffsPreview, importSummary, MULTI_FAILURE, qualityResult } from './import-fixture';
import { useDomRoot } from './dom-root';

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 0 } };
const PATHS = '/data/hubspot-contacts.csv\n/data/handoffs.csv\n/data/dispositions.csv';

function answer(method: string, params: unknown, importResult: () => Result<unknown> | Promise<Result<unknown>>): Result<unknown> | Promise<Result<unknown>> {
  if (method === 'previewFile') {
    const path = (params as { path: string }).path;
    const value = path.endsWith('hubspot-contacts.csv') ? contactsPreview() : path.endsWith('handoffs.csv') ? handoffsPreview() : dispositionsPreview();
    return { ok: true, value };
  }
  if (method === 'importFiles') return importResult();
  if (method === 'quality') return { ok: true, value: qualityResult() };
  if (method === 'openWorkspace') return { ok: true, value: { path: (params as { path: string }).path, rowCounts: {} } };
  return { ok: false, error: { message: `unexpected ${method}` } };
}

describe('<ImportScreen>', () => {
  const dom = useDomRoot();
  let store: AppStore;

  beforeEach(() => {
    store = createAppStore();
  });

  async function mount(importResult: () => Result<unknown> | Promise<Result<unknown>> = () => ({ ok: true, value: importSummary() })) {
    const transport = new FakeTransport((m, p) => answer(m, p, importResult));
    const { platform } = fakePlatform(transport);
    platform.client.onProgress((e) => store.getState().progressReceived(e));
    await act(async () => {
      dom.root.render(
        <AppServicesProvider platform={platform} store={store}>
          <ImportScreen />
        </AppServicesProvider>,
      );
    });
    return transport;
  }

  const flush = () => act(async () => new Promise((r) => setTimeout(r, 10)));
  const byTestId = <T extends Element = HTMLElement>(id: string) => dom.container.querySelector<T>(`[data-testid="${id}"]`);
  const button = (label: string) => [...dom.container.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);

  /** Set a controlled field's value the way a user's typing does. */
  async function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null, value: string) {
    if (!el) throw new Error('no such field');
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    await act(async () => {
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
      el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    });
  }

  async function toMapping() {
    await type(byTestId<HTMLTextAreaElement>('import-paths'), PATHS);
    await act(async () => byTestId<HTMLButtonElement>('preview-files')?.click());
    await flush();
  }

  it('without a workspace, explains and creates one at a typed path', async () => {
    const transport = await mount();
    expect(dom.container.textContent).toContain('Import goes into a workspace');
    expect(button('Create / open')?.disabled).toBe(true);
    await type(byTestId<HTMLInputElement>('workspace-path'), '/data/new.duckdb');
    await act(async () => button('Create / open')?.click());
    await flush();
    expect(transport.calls).toContainEqual({ method: 'openWorkspace', params: { path: '/data/new.duckdb' } });
    expect(byTestId('import-paths')).not.toBeNull();
  });

  it('previews the typed paths and shows the suggested mapping with its badges, first rows as text', async () => {
    store.getState().workspaceOpened(WS);
    await mount();
    await toMapping();
    const card = byTestId('file-hubspot-contacts.csv');
    expect(card).not.toBeNull();
    expect(card?.textContent).toContain('semicolon-separated');
    const leadId = byTestId('map-lead_id');
    expect(leadId?.querySelector('select')?.value).toBe('Record ID');
    expect(leadId?.querySelector('.badge')?.textContent).toBe('CRM synonym');
    expect(leadId?.textContent).toContain('required');
    expect(byTestId('map-email')?.querySelector('.badge')?.textContent).toBe('partial: confirm');
    expect(dom.container.querySelector('[aria-label="Columns not imported"]')?.textContent).toBe('Favourite Colour');
    // The hostile cell is shown as text, never parsed.
    expect(dom.container.querySelector('img')).toBeNull();
    expect(card?.querySelector('.preview-table')?.textContent).toContain(EVIL);
    expect(byTestId('tab-hubspot-contacts.csv')?.textContent).toContain('Leads · 1 to confirm');
    expect(byTestId('run-import')?.textContent).toBe('Import 3 files');
    expect(byTestId('replace-note')?.textContent).toBe('All or nothing: the import fills this workspace only if every file checks out.');
  });

  it('says the import replaces the history a workspace already holds', async () => {
    store.getState().workspaceOpened({ path: '/data/team.duckdb', rowCounts: { leads: 1200, handoffs: 300 } });
    await mount();
    await toMapping();
    expect(byTestId('replace-note')?.textContent).toContain('holds 1,500 rows of history; importing replaces them');
  });

  it('flags a required column without a source and an invalid time zone, and keeps Import disabled', async () => {
    store.getState().workspaceOpened(WS);
    await mount();
    await toMapping();
    await type(byTestId('map-created_at')?.querySelector('select') ?? null, '');
    expect(byTestId('map-created_at')?.querySelector('.badge')?.textContent).toBe('missing');
    expect(dom.container.textContent).toContain('Required without a column: created_at.');
    expect(dom.container.querySelector('[aria-label="Before importing"]')?.textContent).toContain('choose a column for created date');
    expect(byTestId<HTMLButtonElement>('run-import')?.disabled).toBe(true);
    await type(byTestId('map-created_at')?.querySelector('select') ?? null, 'Create Date');
    expect(byTestId<HTMLButtonElement>('run-import')?.disabled).toBe(false);
    await type(byTestId<HTMLInputElement>('import-timezone'), 'Berlin');
    expect(byTestId('import-timezone')?.getAttribute('aria-invalid')).toBe('true');
    expect(dom.container.textContent).toContain('“Berlin” is not a time zone name');
    expect(byTestId<HTMLButtonElement>('run-import')?.disabled).toBe(true);
  });

  it('shows the job’s progress with a Cancel that reaches the engine', async () => {
    store.getState().workspaceOpened(WS);
    let release: (r: Result<unknown>) => void = () => undefined;
    const transport = await mount(() => new Promise<Result<unknown>>((r) => (release = r)));
    await toMapping();
    await act(async () => byTestId<HTMLButtonElement>('run-import')?.click());
    const jobId = store.getState().importJobId ?? '';
    await act(async () => transport.emit({ jobId, fraction: 0.62, message: 'Checking ids and dates across tables' }));
    const bar = dom.container.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('62');
    expect(dom.container.textContent).toContain('Checking ids and dates across tables');
    await act(async () => byTestId<HTMLButtonElement>('cancel-import')?.click());
    expect(transport.cancelled).toEqual([jobId]);
    expect(dom.container.textContent).toContain('Cancelling…');
    await act(async () => release({ ok: false, error: { message: 'The import was cancelled. The workspace is unchanged.' } }));
    await flush();
    expect(byTestId('run-import')).not.toBeNull();
    expect(store.getState().notice).toBe('Import cancelled. The workspace is unchanged.');
  });

  it('on failure lists the problems by file with row, column and value, and says the workspace is unchanged', async () => {
    store.getState().workspaceOpened(WS);
    await mount(() => ({ ok: false, error: MULTI_FAILURE }));
    await toMapping();
    await act(async () => byTestId<HTMLButtonElement>('run-import')?.click());
    await flush();
    const failure = byTestId('import-failure');
    expect(failure?.querySelector('h3')?.textContent).toBe('The import stopped: 4 problems to fix');
    expect(failure?.textContent).toContain('The workspace is unchanged.');
    const groups = [...(failure?.querySelectorAll('.issue-group') ?? [])];
    expect(groups.map((g) => g.querySelector('h4')?.textContent)).toEqual(['hubspot-contacts.csv', 'handoffs.csv', 'The import as a whole']);
    const firstRow = [...(groups[0]?.querySelectorAll('tbody tr:first-child td') ?? [])].map((td) => td.textContent);
    expect(firstRow.slice(0, 3)).toEqual(['data row 4', 'Create Date', 'next tuesday']);
    expect(groups[1]?.querySelector('tbody td')?.textContent).toBe('line 7');
    await act(async () => button('Back to the mapping')?.click());
    expect(byTestId('run-import')).not.toBeNull();
  });

  it('on success shows rows per table, warnings with counts, the quality checks and what the data can answer', async () => {
    store.getState().workspaceOpened(WS);
    await mount();
    await toMapping();
    await act(async () => byTestId<HTMLButtonElement>('run-import')?.click());
    await flush();
    expect(byTestId('count-leads')?.querySelector('.count-value')?.textContent).toBe('1,234');
    expect(byTestId('count-reps')?.textContent).toContain('not supplied');
    const warning = dom.container.querySelector('[aria-label="Import warnings"] li');
    expect(warning?.querySelector('.warn-count')?.textContent).toBe('7');
    expect(warning?.textContent).toContain(EVIL);
    expect(dom.container.querySelector('img')).toBeNull();
    const quality = byTestId('data-quality');
    const noEmail = [...(quality?.querySelectorAll('tbody tr') ?? [])].find((tr) => tr.textContent?.startsWith('No email address'));
    expect(noEmail?.textContent).toContain('234 / 1,234');
    expect(noEmail?.textContent).toContain('19.0%');
    expect(quality?.textContent).toContain('50.0% of leads lack a company size.');
    expect(byTestId('cap-full_replay')?.className).toBe('cap-no');
    expect(byTestId('cap-threshold_only')?.className).toBe('cap-yes');
    await act(async () => byTestId<HTMLButtonElement>('go-health')?.click());
    expect(store.getState().screen).toBe('health');
  });

  it('a file dropped in the browser has no path: says so kindly and asks for it', async () => {
    store.getState().workspaceOpened(WS);
    await mount();
    const zone = byTestId('drop-zone');
    const file = new File(['lead_id\n1'], 'leads.csv', { type: 'text/csv' });
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    await act(async () => zone?.dispatchEvent(drop));
    expect(dom.container.querySelector('.drop-note')?.textContent).toContain('a dropped file does not tell the app where it lives on disk');
    expect(dom.container.querySelector('.drop-note')?.textContent).toContain('leads.csv');
    expect(byTestId<HTMLTextAreaElement>('import-paths')?.value).toBe('');
  });

  it('in a shell that gives dropped files their path, a drop adds the paths', async () => {
    store.getState().workspaceOpened(WS);
    await mount();
    await type(byTestId<HTMLTextAreaElement>('import-paths'), '/data/leads.csv');
    const file = new File(['lead_id\n1'], 'handoffs.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'path', { value: '/data/handoffs.csv' });
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    await act(async () => byTestId('drop-zone')?.dispatchEvent(drop));
    expect(byTestId<HTMLTextAreaElement>('import-paths')?.value).toBe('/data/leads.csv\n/data/handoffs.csv');
    expect(dom.container.querySelector('.drop-note')).toBeNull();
  });
});
