// The import wizard's engine calls against a fake engine: what it asks, and
// how the store follows success, failure and Cancel.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../engine/api/contract';
import { cancelImport, changeTable, previewPaths, runImport } from '../../renderer/app/import-actions';
import { createAppStore } from '../../renderer/store/app-store';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';
import { canonicalPreview, contactsPreview, dispositionsPreview, handoffsPreview, importSummary, MULTI_FAILURE, qualityResult } from './import-fixture';

const WS = { path: '/data/team.duckdb', rowCounts: { leads: 0 } };
const PATHS = ['/data/hubspot-contacts.csv', '/data/handoffs.csv', '/data/dispositions.csv'];

function previewAnswer(params: unknown): Result<unknown> {
  const { path, table } = params as { path: string; table?: string };
  if (path.endsWith('hubspot-contacts.csv')) return { ok: true, value: contactsPreview() };
  if (path.endsWith('handoffs.csv')) return { ok: true, value: handoffsPreview() };
  if (path.endsWith('dispositions.csv')) return { ok: true, value: dispositionsPreview() };
  if (path.endsWith('export.csv')) {
    const p = canonicalPreview('dispositions', ['lead_id', 'decision'], path);
    return { ok: true, value: table ? { ...p, suggestedTable: null, mapping: { ...p.mapping!, table } } : { ...p, suggestedTable: null, mapping: null } };
  }
  return { ok: false, error: { message: `${path} could not be read. Check that the file exists.` } };
}

function engine(importAnswer: () => Result<unknown> | Promise<Result<unknown>> = () => ({ ok: true, value: importSummary() })) {
  return new FakeTransport((method, params) => {
    if (method === 'previewFile') return previewAnswer(params);
    if (method === 'importFiles' || method === 'importDirectory') return importAnswer();
    if (method === 'quality') return { ok: true, value: qualityResult() };
    return { ok: false, error: { message: `unexpected ${method}` } };
  });
}

async function previewed(transport: FakeTransport, paths = PATHS) {
  const store = createAppStore();
  store.getState().workspaceOpened(WS);
  store.getState().setImportPaths(paths.join('\n'));
  const { platform } = fakePlatform(transport);
  // As App does: the engine's progress events land in the jobs slice.
  platform.client.onProgress((event) => store.getState().progressReceived(event));
  await previewPaths(platform, store);
  return { store, platform };
}

describe('previewPaths', () => {
  it('previews each file and moves to the mapping; a file that cannot be read is listed, not fatal', async () => {
    const transport = engine();
    const { store } = await previewed(transport, [...PATHS, '/data/missing.csv']);
    const s = store.getState();
    expect(s.importStep).toBe('mapping');
    expect(s.importEntries.map((e) => [e.preview.file, e.table])).toEqual([
      ['hubspot-contacts.csv', 'leads'],
      ['handoffs.csv', 'handoffs'],
      ['dispositions.csv', 'dispositions'],
    ]);
    expect(s.importActive).toBe('/data/hubspot-contacts.csv');
    expect(s.importProblems).toEqual([{ path: '/data/missing.csv', message: '/data/missing.csv could not be read. Check that the file exists.' }]);
  });

  it('a file whose name hints at no table gets the first required table still free, with its suggestion', async () => {
    const transport = engine();
    const { store } = await previewed(transport, ['/data/hubspot-contacts.csv', '/data/handoffs.csv', '/data/export.csv']);
    const last = store.getState().importEntries[2];
    expect(last?.table).toBe('dispositions');
    expect(last?.mapping.lead_id).toBe('lead_id');
    expect(transport.calls.filter((c) => c.method === 'previewFile').at(-1)?.params).toEqual({ path: '/data/export.csv', table: 'dispositions' });
  });

  it('stays on the pick step for relative paths or a folder mixed with files', async () => {
    const { store } = await previewed(engine(), ['exports/leads.csv']);
    expect(store.getState().importStep).toBe('pick');
    expect(store.getState().importProblems[0]?.message).toContain('not a full path');
    const mixed = await previewed(engine(), ['/data/exports', '/data/leads.csv']);
    expect(mixed.store.getState().importProblems[0]?.message).toBe('Give either one folder or a list of files, not both.');
  });

  it('a single folder goes to the engine as a folder, without previews', async () => {
    const transport = engine();
    const { store, platform } = await previewed(transport, ['/data/exports/']);
    expect(store.getState().importFolder).toBe('/data/exports');
    expect(transport.calls).toEqual([]);
    await runImport(platform, store);
    expect(transport.calls[0]?.method).toBe('importDirectory');
    expect(transport.calls[0]?.params).toMatchObject({ dir: '/data/exports', timezone: 'UTC' });
  });
});

describe('changeTable', () => {
  it('asks for the new table’s suggestion and uses it', async () => {
    const transport = engine();
    const { store, platform } = await previewed(transport);
    await changeTable(platform, store, '/data/dispositions.csv', 'activities');
    expect(transport.calls.at(-1)?.params).toEqual({ path: '/data/dispositions.csv', table: 'activities' });
    const e = store.getState().importEntries.find((x) => x.path === '/data/dispositions.csv');
    expect(e?.table).toBe('activities');
  });
});

describe('runImport', () => {
  it('sends the confirmed mapping, then shows the summary, new row counts and the quality report', async () => {
    const transport = engine();
    const { store, platform } = await previewed(transport);
    store.getState().setImportTimezone('Europe/Berlin');
    await runImport(platform, store);
    const call = transport.calls.find((c) => c.method === 'importFiles');
    expect(call?.params).toMatchObject({ timezone: 'Europe/Berlin', files: [{ path: '/data/hubspot-contacts.csv', table: 'leads', mapping: { lead_id: 'Record ID' } }, {}, {}] });
    expect((call?.params as { jobId: string }).jobId).toMatch(/^import-/);
    const s = store.getState();
    expect(s.importStep).toBe('done');
    expect(s.workspace?.rowCounts).toMatchObject({ leads: 1234, handoffs: 456 });
    expect(s.importQualityStatus).toBe('ready');
    expect(s.importQuality?.report.leads).toBe(1234);
  });

  it('does not ask the engine while a required column has no source', async () => {
    const transport = engine();
    const { store, platform } = await previewed(transport);
    store.getState().setImportMapping('/data/hubspot-contacts.csv', 'created_at', '');
    await runImport(platform, store);
    expect(transport.calls.some((c) => c.method === 'importFiles')).toBe(false);
    expect(store.getState().importStep).toBe('mapping');
  });

  it('keeps the engine’s problems on failure', async () => {
    const { store, platform } = await previewed(engine(() => ({ ok: false, error: MULTI_FAILURE })));
    await runImport(platform, store);
    expect(store.getState().importStep).toBe('failed');
    expect(store.getState().importFailure).toEqual(MULTI_FAILURE);
    store.getState().importBack();
    expect(store.getState().importStep).toBe('mapping');
  });

  it('Cancel asks the engine to stop the job, and waits for its answer before going back', async () => {
    let answer: (r: Result<unknown>) => void = () => undefined;
    const transport = engine(() => new Promise<Result<unknown>>((r) => (answer = r)));
    const { store, platform } = await previewed(transport);
    const running = runImport(platform, store);
    const jobId = store.getState().importJobId ?? '';
    transport.emit({ jobId, fraction: 0.4, message: 'Reading handoffs.csv' });
    expect(store.getState().jobs[jobId]?.fraction).toBe(0.4);
    expect(store.getState().jobsShownOn[jobId]).toBe('import');
    await cancelImport(platform, store);
    expect(transport.cancelled).toEqual([jobId]);
    expect(store.getState().importStep).toBe('running');
    expect(store.getState().importCancelling).toBe(true);
    answer({ ok: false, error: { message: 'The import was cancelled. The workspace is unchanged.' } });
    await running;
    expect(store.getState().importStep).toBe('mapping');
    expect(store.getState().notice).toBe('Import cancelled. The workspace is unchanged.');
    expect(store.getState().jobs[jobId]).toBeUndefined();
  });

  it('an error after Cancel is the cancellation, not a problem with the files', async () => {
    let answer: (r: Result<unknown>) => void = () => undefined;
    const { store, platform } = await previewed(engine(() => new Promise<Result<unknown>>((r) => (answer = r))));
    const running = runImport(platform, store);
    await cancelImport(platform, store);
    answer({ ok: false, error: { message: 'leads.csv.gz could not be read as CSV.', file: 'leads.csv.gz' } });
    await running;
    expect(store.getState().importStep).toBe('mapping');
    expect(store.getState().importFailure).toBeNull();
  });

  it('an import that finished before the cancel arrived is shown as done, and says so', async () => {
    let answer: (r: Result<unknown>) => void = () => undefined;
    const { store, platform } = await previewed(engine(() => new Promise<Result<unknown>>((r) => (answer = r))));
    const running = runImport(platform, store);
    await cancelImport(platform, store);
    answer({ ok: true, value: importSummary() });
    await running;
    expect(store.getState().importStep).toBe('done');
    expect(store.getState().notice).toBe('The import finished before it could be cancelled.');
  });
});
