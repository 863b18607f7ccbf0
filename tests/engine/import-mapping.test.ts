import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../engine/import/importer';
import { loadSavedMapping, normaliseHeader, saveMapping, suggestMapping } from '../../engine/import/mapping';
import { previewFile } from '../../engine/import/preview';
import { openWorkspace } from '../../engine/workspace/database';
import { writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { rows } from '../support/workspace-snapshot';

describe('column mapping suggestions', () => {
  it('ignores case, spaces and punctuation', () => {
    expect(['Lead ID', 'lead_id', 'LeadId', 'LEAD-ID'].map(normaliseHeader)).toEqual(['leadid', 'leadid', 'leadid', 'leadid']);
    const s = suggestMapping('leads', ['LEAD ID', 'Created-At', 'E-Mail']);
    expect(s.mapping).toEqual({ lead_id: 'LEAD ID', created_at: 'Created-At', email: 'E-Mail' });
    expect(s.columns.map((c) => c.reason)).toEqual(['exact', 'exact', 'exact']);
    expect(suggestMapping('leads', ['Email Address']).columns[0]!.reason).toBe('synonym');
  });

  it('maps a HubSpot contacts export', () => {
    const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'Create Date', 'Company Name', 'Number of Employees', 'Original Source', 'Job Title', 'Industry', 'Lifecycle Stage'];
    const s = suggestMapping('leads', headers);
    expect(s.mapping).toEqual({
      lead_id: 'Record ID', first_name: 'First Name', last_name: 'Last Name', email: 'Email', created_at: 'Create Date',
      company: 'Company Name', company_size: 'Number of Employees', source: 'Original Source', title: 'Job Title', industry: 'Industry',
    });
    expect(s.columns.find((c) => c.source === 'Lifecycle Stage')?.canonical).toBeNull();
    expect(s.columns.find((c) => c.source === 'Record ID')?.confidence).toBe(0.9);
    expect(s.missingRequired).toEqual([]);
  });

  it('maps a Salesforce lead export and reports what is missing', () => {
    const s = suggestMapping('leads', ['Id', 'FirstName', 'LastName', 'Company', 'LeadSource', 'NumberOfEmployees', 'Industry', 'Title', 'OwnerId']);
    expect(s.mapping).toEqual({
      lead_id: 'Id', first_name: 'FirstName', last_name: 'LastName', company: 'Company', source: 'LeadSource',
      company_size: 'NumberOfEmployees', industry: 'Industry', title: 'Title',
    });
    expect(s.missingRequired).toEqual(['created_at']);
    const h = suggestMapping('handoffs', ['Lead ID', 'MQL Date', 'OwnerId', 'Lead Score']);
    expect(h.mapping).toEqual({ lead_id: 'Lead ID', mql_at: 'MQL Date', assigned_rep_id: 'OwnerId', score_at_mql: 'Lead Score' });
  });

  it('offers partial name matches for confirmation without auto-accepting them', () => {
    const s = suggestMapping('leads', ['lead_id', 'created_at', 'Primary Company Size Band']);
    expect(s.columns[2]).toEqual({ source: 'Primary Company Size Band', canonical: 'company_size', confidence: 0.5, reason: 'partial' });
    expect(s.mapping.company_size).toBeUndefined();
  });

  it('gives each canonical column to one header only, the best match first', () => {
    const s = suggestMapping('leads', ['Email Address', 'email', 'lead_id', 'created_at']);
    expect(s.mapping.email).toBe('email');
    expect(s.columns[0]!.canonical).toBeNull();
  });
});

describe('saved mappings', () => {
  const dir = scratchDir('hl-mapping-');

  it('saves a confirmed mapping with the import and reuses it first next time', async () => {
    const d = writeHistory(join(dir, 'h'));
    const custom = join(d, 'crm.csv');
    writeFileSync(custom, 'Ref,Born,Mail\nL1,2025-01-02,a@acme.com\nL2,2025-01-03,b@b.com\nL3,2025-01-04,c@c.com\n');
    const ws = await openWorkspace(join(dir, 'saved.duckdb'));
    const before = await previewFile(custom, { ws, table: 'leads' });
    expect(before.mapping?.missingRequired).toEqual(['lead_id', 'created_at']);

    await importFiles(ws, [
      { path: custom, table: 'leads', mapping: { lead_id: 'Ref', created_at: 'Born', email: 'Mail' } },
      { path: join(d, 'handoffs.csv'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]);
    expect(await rows(ws, `SELECT source_header, canonical FROM hl_mappings WHERE table_name = 'leads' ORDER BY 1`)).toEqual([
      { source_header: 'Born', canonical: 'created_at' },
      { source_header: 'Mail', canonical: 'email' },
      { source_header: 'Ref', canonical: 'lead_id' },
    ]);
    const after = await previewFile(custom, { ws, table: 'leads' });
    expect(after.mapping?.columns.map((c) => [c.source, c.canonical, c.reason])).toEqual([
      ['Ref', 'lead_id', 'saved'], ['Born', 'created_at', 'saved'], ['Mail', 'email', 'saved'],
    ]);
    // A second import of the same export needs no mapping from the caller.
    writeFileSync(custom, 'Ref,Born,Mail\nL1,2025-01-05,x@acme.com\nL2,2025-01-06,y@b.com\n');
    await importFiles(ws, [
      { path: custom, table: 'leads' },
      { path: join(d, 'handoffs.csv'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]);
    expect(await rows(ws, 'SELECT lead_id, email FROM leads ORDER BY 1')).toEqual([
      { lead_id: 'L1', email: 'x@acme.com' },
      { lead_id: 'L2', email: 'y@b.com' },
    ]);
    ws.close();
  });

  it('a saved header beats an exact canonical name, and remapping a column forgets its old header', async () => {
    const ws = await openWorkspace(':memory:');
    await saveMapping(ws, 'leads', { email: 'Work Mail' });
    expect(suggestMapping('leads', ['email', 'Work Mail'], await loadSavedMapping(ws, 'leads')).mapping).toEqual({ email: 'Work Mail' });
    await saveMapping(ws, 'leads', { email: 'Business Mail' });
    expect([...(await loadSavedMapping(ws, 'leads'))]).toEqual([['Business Mail', 'email']]);
    ws.close();
  });
});

describe('import request schemas', () => {
  it('accept a valid request and name the field of a bad one', async () => {
    const { ImportFilesRequestSchema } = await import('../../engine/import/request-schemas');
    expect(ImportFilesRequestSchema.safeParse({ files: [{ path: 'a.csv', table: 'leads', mapping: { lead_id: 'Id' } }] }).success).toBe(true);
    const bad = ImportFilesRequestSchema.safeParse({ files: [{ path: 'a.csv', table: 'contacts' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['files', 0, 'table']);
  });
});
