import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importDirectory, importFiles } from '../../engine/import/importer';
import { previewFile } from '../../engine/import/preview';
import { openWorkspace } from '../../engine/workspace/database';
import { DISPOSITIONS_CSV, HANDOFFS_CSV, LEADS_CSV, writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { rows } from '../support/workspace-snapshot';

const iso = (v: unknown): string => (v as Date).toISOString();

describe('import: file formats', () => {
  const dir = scratchDir('hl-import-formats-');

  it('reads comma CSV with BOM, semicolon CSV and tab TSV, and stores typed values', async () => {
    const d = writeHistory(join(dir, 'mixed'), {
      'leads.csv': `\uFEFF${LEADS_CSV}`,
      'handoffs.csv': HANDOFFS_CSV.replaceAll(',', ';'),
      'dispositions.csv': null,
      'dispositions.tsv': DISPOSITIONS_CSV.replaceAll(',', '\t'),
    });
    const ws = await openWorkspace(join(dir, 'mixed.duckdb'));
    const summary = await importDirectory(ws, d);
    expect(summary.tables.leads).toEqual({ file: 'leads.csv', rows: 3 });
    expect(summary.tables.handoffs).toEqual({ file: 'handoffs.csv', rows: 2 });
    expect(summary.tables.dispositions).toEqual({ file: 'dispositions.tsv', rows: 2 });
    expect(summary.tables.activities).toEqual({ file: null, rows: 0 });
    expect(summary.warnings).toEqual([]);

    const leads = await rows(ws, 'SELECT lead_id, created_at, company_size FROM leads ORDER BY lead_id');
    // No offset: read in the workspace zone (UTC); +02:00 is converted; a date alone is midnight.
    expect(leads.map((r) => [r.lead_id, iso(r.created_at), r.company_size])).toEqual([
      ['L1', '2025-01-02T10:00:00.000Z', 50n],
      ['L2', '2025-01-03T08:00:00.000Z', 200n],
      ['L3', '2025-01-04T00:00:00.000Z', null],
    ]);
    const h = await rows(ws, 'SELECT lead_id, score_at_mql, tier FROM handoffs ORDER BY lead_id');
    expect(h).toEqual([
      { lead_id: 'L1', score_at_mql: 72, tier: 'B' },
      { lead_id: 'L2', score_at_mql: 55.5, tier: 'A' },
    ]);
    const d2 = await rows(ws, 'SELECT lead_id, contact_attempts, won, rejection_reason FROM dispositions ORDER BY lead_id');
    expect(d2).toEqual([
      { lead_id: 'L1', contact_attempts: 2n, won: true, rejection_reason: null },
      { lead_id: 'L2', contact_attempts: 1n, won: false, rejection_reason: 'not_icp' },
    ]);
    const types = await rows(ws, `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'leads' AND column_name IN ('created_at', 'company_size') ORDER BY 1`);
    expect(types).toEqual([
      { column_name: 'company_size', data_type: 'BIGINT' },
      { column_name: 'created_at', data_type: 'TIMESTAMP WITH TIME ZONE' },
    ]);
    ws.close();
  });

  it('reads gzip CSV, Parquet written by DuckDB, JSON Lines and gzip JSON Lines', async () => {
    const d = writeHistory(join(dir, 'formats'), { 'leads.csv': null, 'handoffs.csv': null, 'leads.csv.gz': gzipSync(LEADS_CSV) });
    const ws = await openWorkspace(join(dir, 'formats.duckdb'));
    // Parquet with native types: a TIMESTAMP without zone and a DOUBLE score.
    await ws.connection.run(
      `COPY (SELECT * FROM (VALUES ('L1', TIMESTAMP '2025-01-05 09:00:00', 72.0, 'R1'), ('L2', TIMESTAMP '2025-01-06 09:00:00', 55.5, 'R2')) v(lead_id, mql_at, score_at_mql, assigned_rep_id))
       TO '${join(d, 'handoffs.parquet')}' (FORMAT parquet)`,
    );
    const activities = [
      { lead_id: 'L1', occurred_at: '2025-01-02T11:00:00Z', activity_type: 'web_visit', detail: '/pricing' },
      { lead_id: 'L1', occurred_at: '2025-01-03T11:00:00+01:00', activity_type: 'demo_request' },
      { lead_id: 'L3', occurred_at: '2025-01-04 12:00', activity_type: 'email_open' },
    ];
    writeFileSync(join(d, 'activities.jsonl.gz'), gzipSync(activities.map((a) => JSON.stringify(a)).join('\n')));
    writeFileSync(join(d, 'reps.ndjson'), '{"rep_id":"R1","name":"Rita","work_start":"8:30","work_end":"16:00","daily_capacity":12}\n{"rep_id":"R2","name":"Raj"}\n');
    const summary = await importDirectory(ws, d);
    expect(Object.fromEntries(Object.entries(summary.tables).map(([t, v]) => [t, v.rows]))).toEqual({
      leads: 3, activities: 3, handoffs: 2, dispositions: 2, reps: 2,
    });
    const act = await rows(ws, 'SELECT lead_id, occurred_at, activity_type, detail FROM activities ORDER BY occurred_at');
    expect(act.map((r) => [r.lead_id, iso(r.occurred_at), r.activity_type, r.detail])).toEqual([
      ['L1', '2025-01-02T11:00:00.000Z', 'web_visit', '/pricing'],
      ['L1', '2025-01-03T10:00:00.000Z', 'demo_request', null],
      ['L3', '2025-01-04T12:00:00.000Z', 'email_open', null],
    ]);
    const h = await rows(ws, 'SELECT lead_id, mql_at, score_at_mql FROM handoffs ORDER BY lead_id');
    expect(h.map((r) => [r.lead_id, iso(r.mql_at), r.score_at_mql])).toEqual([
      ['L1', '2025-01-05T09:00:00.000Z', 72],
      ['L2', '2025-01-06T09:00:00.000Z', 55.5],
    ]);
    // Clock normalised to HH:MM, integer typed.
    expect(await rows(ws, 'SELECT rep_id, work_start, work_end, daily_capacity FROM reps ORDER BY rep_id')).toEqual([
      { rep_id: 'R1', work_start: '08:30', work_end: '16:00', daily_capacity: 12n },
      { rep_id: 'R2', work_start: null, work_end: null, daily_capacity: null },
    ]);
    ws.close();
  });

  it('reads values without an offset in the chosen time zone and saves it as the workspace zone', async () => {
    const d = writeHistory(join(dir, 'tz'));
    const ws = await openWorkspace(join(dir, 'tz.duckdb'));
    const before = await rows(ws, `SELECT current_setting('TimeZone') AS tz`);
    const summary = await importDirectory(ws, d, { timezone: 'America/New_York' });
    expect(summary.timezone).toBe('America/New_York');
    const leads = await rows(ws, 'SELECT lead_id, created_at FROM leads ORDER BY lead_id');
    expect(leads.map((r) => iso(r.created_at))).toEqual([
      '2025-01-02T15:00:00.000Z', // 10:00 New York (EST, -05:00)
      '2025-01-03T08:00:00.000Z', // explicit +02:00 wins
      '2025-01-04T05:00:00.000Z', // midnight New York
    ]);
    expect(await rows(ws, `SELECT value FROM hl_meta WHERE key = 'timezone'`)).toEqual([{ value: 'America/New_York' }]);
    // The connection's own zone is put back after the import.
    expect(await rows(ws, `SELECT current_setting('TimeZone') AS tz`)).toEqual(before);
    // The next import without a zone uses the saved one.
    await importDirectory(ws, d);
    expect(iso((await rows(ws, `SELECT created_at FROM leads WHERE lead_id = 'L1'`))[0]!.created_at)).toBe('2025-01-02T15:00:00.000Z');
    ws.close();
  });

  it('replaces the previous history and stores scoring_model.json as text', async () => {
    const ws = await openWorkspace(join(dir, 'replace.duckdb'));
    const first = writeHistory(join(dir, 'first'), { 'scoring_model.json': '{"mql": {"threshold": 60}}' });
    const first1 = await importDirectory(ws, first);
    expect(first1.scoringModel).toBe(true);
    expect(await rows(ws, `SELECT value FROM hl_meta WHERE key = 'scoring_model'`)).toEqual([{ value: '{"mql":{"threshold":60}}' }]);
    const second = writeHistory(join(dir, 'second'), {
      'leads.csv': 'lead_id,created_at\nN1,2025-02-01\n',
      'handoffs.csv': 'lead_id,mql_at\nN1,2025-02-02\n',
      'dispositions.csv': 'lead_id,decision\nN1,accepted\n',
    });
    const s2 = await importDirectory(ws, second);
    expect(s2.scoringModel).toBe(false);
    expect(await rows(ws, 'SELECT lead_id FROM leads')).toEqual([{ lead_id: 'N1' }]);
    expect(await rows(ws, 'SELECT count(*)::INTEGER AS n FROM handoffs')).toEqual([{ n: 1 }]);
    expect(await rows(ws, `SELECT value FROM hl_meta WHERE key = 'scoring_model'`)).toEqual([]);
    expect(await rows(ws, 'SELECT count(*)::INTEGER AS n FROM hl_imports')).toEqual([{ n: 2 }]);
    // No staging tables are left behind.
    expect(await rows(ws, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'hl_stage%' OR table_name LIKE 'hl_rejects%'`)).toEqual([]);
    ws.close();
  });

  it('reports progress per file and stage', async () => {
    const d = writeHistory(join(dir, 'progress'));
    const ws = await openWorkspace(join(dir, 'progress.duckdb'));
    const seen: string[] = [];
    const fractions: number[] = [];
    await importDirectory(ws, d, { onProgress: (p) => { seen.push(`${p.stage}:${p.file ?? ''}`); fractions.push(p.fraction); } });
    expect(seen).toEqual(['reading:', 'reading:leads.csv', 'reading:handoffs.csv', 'reading:dispositions.csv', 'checking:', 'saving:', 'done:']);
    // Reading is 90% of the bar, split by file size.
    const [l, h, di] = [LEADS_CSV, HANDOFFS_CSV, DISPOSITIONS_CSV].map((x) => Buffer.byteLength(x));
    const total = l! + h! + di!;
    expect(fractions).toEqual([0, 0, 0.9 * (l! / total), 0.9 * ((l! + h!) / total), 0.9, 0.97, 1]);
    ws.close();
  });

  it('previews a semicolon file: separator, headers, first rows as text, table and mapping', async () => {
    const path = join(dir, 'hubspot-contacts.csv');
    writeFileSync(path, 'Record ID;Create Date;Email;First Name;Last Name;Company Name;Number of Employees;Original Source;Favourite Colour\n' +
      '101;2025-01-02 10:00;a@x.com;Ann;Lee;Acme;50;ORGANIC_SEARCH;blue\n102;2025-01-03 11:00;b@y.com;Bob;;Beta;;PAID_SEARCH;\n');
    const p = await previewFile(path);
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(';');
    expect(p.headers[0]).toBe('Record ID');
    expect(p.rows).toEqual([
      ['101', '2025-01-02 10:00', 'a@x.com', 'Ann', 'Lee', 'Acme', '50', 'ORGANIC_SEARCH', 'blue'],
      ['102', '2025-01-03 11:00', 'b@y.com', 'Bob', '', 'Beta', '', 'PAID_SEARCH', ''],
    ]);
    expect(p.suggestedTable).toBe('leads');
    expect(p.mapping?.mapping).toEqual({
      lead_id: 'Record ID', created_at: 'Create Date', email: 'Email', first_name: 'First Name', last_name: 'Last Name',
      company: 'Company Name', company_size: 'Number of Employees', source: 'Original Source',
    });
    expect(p.mapping?.columns.at(-1)).toEqual({ source: 'Favourite Colour', canonical: null, confidence: 0, reason: null });
    expect(p.mapping?.missingRequired).toEqual([]);
  });

  it('previews Parquet and JSON Lines with their headers', async () => {
    const ws = await openWorkspace(':memory:');
    const pq = join(dir, 'preview.parquet');
    await ws.connection.run(`COPY (SELECT 'L1' AS lead_id, 3 AS n) TO '${pq}' (FORMAT parquet)`);
    const p1 = await previewFile(pq);
    expect([p1.format, p1.headers, p1.rows]).toEqual(['parquet', ['lead_id', 'n'], [['L1', '3']]]);
    const jl = join(dir, 'events.jsonl');
    writeFileSync(jl, '{"lead_id":"L1","activity_type":"web_visit"}\n{"lead_id":"L2","occurred_at":"2025-01-01"}\n');
    const p2 = await previewFile(jl);
    expect([p2.format, p2.headers, p2.rows, p2.suggestedTable]).toEqual([
      'jsonl', ['lead_id', 'activity_type', 'occurred_at'], [['L1', 'web_visit', ''], ['L2', '', '2025-01-01']], 'activities',
    ]);
    ws.close();
  });

  it('imports explicit files with a mapping from CRM headers', async () => {
    const d = join(dir, 'sf');
    writeHistory(d);
    writeFileSync(join(d, 'sf-leads.csv'), 'Id,CreatedDate,FirstName,LastName,Company,NumberOfEmployees,LeadSource\n' +
      'L1,2025-01-02T10:00:00.000+0000,Ann,Lee,Acme,50,Web\nL2,2025-01-03T10:00:00.000+0000,Bob,Stone,Beta,10,Partner\n');
    const ws = await openWorkspace(join(dir, 'sf.duckdb'));
    await importFiles(ws, [
      { path: join(d, 'sf-leads.csv'), table: 'leads' },
      { path: join(d, 'handoffs.csv'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]);
    expect(await rows(ws, 'SELECT lead_id, company, company_size, source FROM leads ORDER BY 1')).toEqual([
      { lead_id: 'L1', company: 'Acme', company_size: 50n, source: 'Web' },
      { lead_id: 'L2', company: 'Beta', company_size: 10n, source: 'Partner' },
    ]);
    ws.close();
  });
});
