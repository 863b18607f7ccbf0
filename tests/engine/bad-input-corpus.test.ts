// The bad-input corpus: every file is generated here (nothing downloaded), each
// case pins the exact message the user sees, and a failing case must leave the
// workspace exactly as it was (snapshot).
//
// Where each case of the corpus lives:
//   here (bad-input-corpus.test.ts): no header row; extra columns; duplicated
//     columns (mapped: error, unmapped: ignored); mixed date formats in one
//     column; time zones mixed (offsets, Z and none: imports, rule below);
//     negative amounts (warning); a 10 MB single field; 5,000 columns; a
//     whitespace-only file; a truncated Parquet file; a JSON Lines file with one
//     broken line in the middle; a ZIP, an old .xls, a PNG, a gzip and a UTF-16
//     file named .csv; a truncated .gz; "infinity"/"epoch"/"NaN" values;
//     Latin-1 bytes (exact message); a path with unicode and spaces;
//     formula-looking cells kept as plain text.
//   tests/engine/import-errors.test.ts: wrong delimiter ("empty file, header-only
//     leads, wrong delimiter, ..."); missing required column; unparseable dates
//     ("unparseable timestamp", "collects several errors"); text in numeric
//     columns and fractions in whole numbers; duplicate lead ids and rep ids;
//     orphan handoffs/dispositions (unknown lead: fatal); first contact before
//     MQL and dispositions without a handoff (warnings, "warnings are counted");
//     non-UTF-8 (either message form); an empty file; a line over 2 MB; a broken
//     last JSON Lines line; wrong number of values per line; bad HH:MM; empty
//     required values; bad time zone name; a bad scoring_model.json.
//   tests/engine/concurrency.test.ts: a second import while one runs.
//   tests/engine/import-property.test.ts: arbitrary small CSV text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../engine/import/errors';
import { importDirectory, importFiles, type ImportSummary } from '../../engine/import/importer';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { LEADS_CSV, writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { rows, snapshotWorkspace } from '../support/workspace-snapshot';

describe('bad-input corpus', () => {
  const dir = scratchDir('hl-corpus-');
  let ws: Workspace;
  let snapshot: string;
  let n = 0;

  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'ws.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'good')), { timezone: 'Europe/Berlin' });
    snapshot = await snapshotWorkspace(ws);
    return () => ws.close();
  });

  /** The history with some files replaced must fail with exactly `message` and change nothing. */
  async function fails(replace: Record<string, string | Buffer | null>, message: string): Promise<ImportError> {
    const d = writeHistory(join(dir, `bad${n++}`), replace);
    const err = await importDirectory(ws, d).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toBe(message);
    expect(await snapshotWorkspace(ws)).toBe(snapshot);
    return err as ImportError;
  }

  /** The history with some files replaced imports, into a workspace of its own. */
  async function imports(replace: Record<string, string | Buffer | null>, folder = `ok${n++}`): Promise<{ summary: ImportSummary; ok: Workspace }> {
    const d = writeHistory(join(dir, folder), replace);
    const ok = await openWorkspace(join(dir, `${folder}.duckdb`));
    const summary = await importDirectory(ok, d, { timezone: 'Europe/Berlin' });
    return { summary, ok };
  }

  it('no header row: says the first line looks like data', async () => {
    const err = await fails(
      { 'leads.csv': LEADS_CSV.split('\n').slice(1).join('\n') },
      'leads.csv has no column for lead_id (lead id), created_at (created date), which the leads table needs. The first line looks like data, not column names ("2025-01-02 10:00", "ann@acme.com"): the file probably has no header row. Add a first line naming the columns, such as lead_id,created_at. Columns found: "L1", "2025-01-02 10:00", "ann@acme.com", "Ann", "Lee", "Acme", "50", "organic". Rename a column to lead_id or map it when importing.',
    );
    expect([err.file, err.field]).toEqual(['leads.csv', 'lead_id']);
    // A real header with a year among its names gets no such hint.
    await fails(
      { 'leads.csv': 'lead_id,email,2024,company\nL1,a@x.com,5,Acme\n' },
      'leads.csv has no column for created_at (created date), which the leads table needs. Columns found: "lead_id", "email", "2024", "company". Rename a column to created_at or map it when importing.',
    );
    await fails(
      { 'leads.csv': 'L1,2025-01-02\nL2,2025-01-03\n' },
      'leads.csv has no column for lead_id (lead id), created_at (created date), which the leads table needs. The first line looks like data, not column names ("2025-01-02"): the file probably has no header row. Add a first line naming the columns, such as lead_id,created_at. Columns found: "L1", "2025-01-02". Rename a column to lead_id or map it when importing.',
    );
  });

  it('extra columns are ignored; a duplicated column that maps to a field is refused, an unmapped one ignored', async () => {
    const extra = LEADS_CSV.split('\n').map((l, i) => l + (i === 0 ? ',notes,notes,utm_medium' : ',a,b,cpc')).join('\n');
    const { summary, ok } = await imports({ 'leads.csv': extra });
    expect(summary.tables.leads.rows).toBe(3);
    expect((await rows(ok, `SELECT column_name FROM duckdb_columns() WHERE table_name = 'leads'`)).map((r) => r.column_name)).not.toContain('notes');
    ok.close();

    const err = await fails(
      { 'leads.csv': 'lead_id,created_at,email,email\nL1,2025-01-02,a@x.com,b@x.com\nL2,2025-01-03,,\nL3,2025-01-04,,\n' },
      'leads.csv has 2 columns called "email" (columns 3 and 4), so it is not clear which one holds email. Remove or rename the extra ones.',
    );
    expect([err.file, err.column, err.field]).toEqual(['leads.csv', 'email', 'email']);
    await fails(
      { 'leads.csv': 'lead_id,created_at,lead_id\nL1,2025-01-02,X1\nL2,2025-01-03,X2\nL3,2025-01-04,X3\n' },
      'leads.csv has 2 columns called "lead_id" (columns 1 and 3), so it is not clear which one holds lead_id. Remove or rename the extra ones.',
    );
  });

  it('mixed date formats in one column: the value that is not ISO 8601 is named', async () => {
    await fails(
      { 'leads.csv': 'lead_id,created_at\nL1,2025-01-02 10:00\nL2,01/03/2025\nL3,2025-01-04\n' },
      'leads.csv, data row 2, column "created_at" (created date): "01/03/2025" is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, Europe/Berlin).',
    );
    await fails(
      { 'leads.csv': 'lead_id,created_at\nL1,2025-01-02T10:00:00Z\nL2,2025-01-03\nL3,3 Jan 2025\n' },
      'leads.csv, data row 3, column "created_at" (created date): "3 Jan 2025" is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, Europe/Berlin).',
    );
  });

  it('time zones mixed in one column import: an offset or Z is kept, a value without one is read in the workspace zone', async () => {
    const { ok } = await imports({ 'leads.csv': 'lead_id,created_at\nL1,2025-01-02 10:00\nL2,2025-01-02T10:00:00+02:00\nL3,2025-01-02T10:00:00Z\n' });
    expect(
      await rows(ok, `SELECT lead_id, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc FROM leads ORDER BY lead_id`),
    ).toEqual([
      { lead_id: 'L1', utc: '2025-01-02 09:00' },
      { lead_id: 'L2', utc: '2025-01-02 08:00' },
      { lead_id: 'L3', utc: '2025-01-02 10:00' },
    ]);
    ok.close();
  });

  it('negative opportunity amounts are a counted warning (rows kept as written), not an error', async () => {
    const { summary, ok } = await imports({ 'dispositions.csv': 'lead_id,decision,opportunity_amount\nL1,accepted,-500\nL2,rejected,1200.5\n' });
    const w = summary.warnings.find((x) => x.code === 'negative_opportunity_amount');
    expect(w?.count).toBe(1);
    expect(w?.message).toBe('dispositions.csv: 1 row has a negative opportunity amount. They are kept as written and lower the pipeline total; check for credit notes or a sign error.');
    expect(w?.examples.map((e) => e.message)).toEqual(['dispositions.csv, data row 1: opportunity amount -500.0 is below zero.']);
    expect(await rows(ok, `SELECT opportunity_amount FROM dispositions ORDER BY lead_id`)).toEqual([{ opportunity_amount: -500 }, { opportunity_amount: 1200.5 }]);
    ok.close();
  });

  it('a 10 MB single field', async () => {
    await fails(
      { 'leads.csv': `${LEADS_CSV}\nL4,2025-01-05,x@y.com,"${'a'.repeat(10_000_000)}",,,,` },
      'leads.csv has a line longer than 2 MB. Check for a cell with a stray quote that swallows the rest of the file, or a very long text cell.',
    );
  });

  it('5,000 columns: the two it needs are found, the rest ignored', async () => {
    const extra = Array.from({ length: 4998 }, (_, i) => `c${i}`);
    const csv = [['lead_id', ...extra.slice(0, 2000), 'created_at', ...extra.slice(2000)], ['L1', ...extra.map(() => 'v').slice(0, 2000), '2025-01-02', ...extra.map(() => 'v').slice(2000)]]
      .map((r) => r.join(','))
      .join('\n');
    const { summary, ok } = await imports({ 'leads.csv': `${csv}\n${csv.split('\n')[1]!.replace('L1', 'L2')}\n${csv.split('\n')[1]!.replace('L1', 'L3')}` });
    expect(summary.tables.leads.rows).toBe(3);
    expect(await rows(ok, `SELECT count(*)::INTEGER AS n FROM leads WHERE created_at IS NOT NULL`)).toEqual([{ n: 3 }]);
    ok.close();
  });

  it('a file of blank lines is empty', async () => {
    await fails({ 'leads.csv': '\n\n   \n\t\n' }, 'leads.csv is empty: it has no header row and no data. Export the table again, with a header row.');
  });

  it('a truncated Parquet file', async () => {
    const full = join(dir, 'full.parquet');
    await ws.connection.run(`COPY (SELECT 'L' || i AS lead_id, TIMESTAMP '2025-01-01' + to_minutes(i) AS created_at FROM range(5000) t(i)) TO '${full}' (FORMAT parquet)`);
    const bytes = readFileSync(full);
    await fails(
      { 'leads.csv': null, 'leads.parquet': bytes.subarray(0, Math.floor(bytes.length / 2)) },
      'leads.parquet is not a readable Parquet file. Export it again as Parquet, or as CSV.',
    );
  });

  it('a JSON Lines file with one broken line in the middle names that line', async () => {
    const lines = ['{"lead_id":"L1","created_at":"2025-01-01"}', '{"lead_id":"L2","created_at":"2025-01-02"}', '{"lead_id":"L3", created_at: }', '{"lead_id":"L4","created_at":"2025-01-04"}'];
    await fails(
      { 'leads.csv': null, 'leads.jsonl': `${lines.join('\n')}\n` },
      'leads.jsonl is not valid JSON Lines (line 3): each line must be one JSON object, like {"lead_id": "L1", "created_at": "2025-03-14T09:30:00Z"}.',
    );
  });

  it('a ZIP, an old Excel workbook, a PNG, a gzip and UTF-16 text named .csv say what they really are', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), deflateRawSync(Buffer.from(LEADS_CSV)), Buffer.alloc(32)]);
    await fails(
      { 'leads.csv': zip },
      'leads.csv is not a CSV file: it is a ZIP archive (an Excel .xlsx workbook is one too). Unzip it, or open it in Excel and save the sheet as "CSV UTF-8 (Comma delimited)".',
    );
    await fails(
      { 'leads.csv': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 1)]) },
      'leads.csv is not a CSV file: it is an old Excel workbook (.xls). Open it in Excel and save the sheet as "CSV UTF-8 (Comma delimited)".',
    );
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 7)]);
    await fails({ 'handoffs.csv': png }, 'handoffs.csv is not a CSV file: it is a PNG image. Choose the exported table instead.');
    await fails({ 'leads.csv': gzipSync(LEADS_CSV) }, 'leads.csv is gzip-compressed, but its name does not end in .gz. Rename it to leads.csv.gz, or unpack it first.');
    await fails(
      { 'leads.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LEADS_CSV, 'utf16le')]) },
      'leads.csv is saved as UTF-16 text. Save it as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)", in Google Sheets use File > Download > CSV.',
    );
  });

  it('a truncated .gz file is refused, not read up to the break (rows would be lost silently)', async () => {
    const acts = `lead_id,occurred_at,activity_type\n${Array.from({ length: 20_000 }, (_, i) => `L${1 + (i % 3)},2025-01-02 10:${String(i % 60).padStart(2, '0')},visit_${i}`).join('\n')}\n`;
    const gz = gzipSync(acts);
    await fails(
      { 'activities.csv.gz': gz.subarray(0, Math.floor(gz.length * 0.6)) },
      'activities.csv.gz could not be unpacked: it ends in .gz but is not a complete gzip file. Compress it again or use the plain CSV.',
    );
    await fails(
      { 'leads.csv': null, 'leads.csv.gz': gzipSync(LEADS_CSV).subarray(0, 30) },
      'leads.csv.gz could not be unpacked: it ends in .gz but is not a complete gzip file. Compress it again or use the plain CSV.',
    );
    // The whole file imports every row.
    const { summary, ok } = await imports({ 'activities.csv.gz': gz });
    expect(summary.tables.activities.rows).toBe(20_000);
    ok.close();
  });

  it('"infinity", "epoch" and "NaN" are not dates or numbers', async () => {
    await fails(
      { 'leads.csv': 'lead_id,created_at\nL1,infinity\nL2,epoch\nL3,2025-01-04\n' },
      'The import found 2 problems:\n- leads.csv, data row 1, column "created_at" (created date): "infinity" is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, Europe/Berlin).\n- leads.csv, data row 2, column "created_at" (created date): "epoch" is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, Europe/Berlin).',
    );
    await fails(
      { 'handoffs.csv': 'lead_id,mql_at,score_at_mql\nL1,2025-01-05,NaN\n' },
      'handoffs.csv, data row 1, column "score_at_mql" (score at MQL): "NaN" is not a number. Use digits with a dot for decimals and no currency sign or thousands separator, for example 1250.50.',
    );
  });

  it('Latin-1 bytes: the exact message', async () => {
    const latin1 = Buffer.concat([Buffer.from('lead_id,created_at,company\nL1,2025-01-01,M'), Buffer.from([0xfc]), Buffer.from('ller GmbH\nL2,2025-01-01,B\nL3,2025-01-01,C\n')]);
    await fails(
      { 'leads.csv': latin1 },
      'leads.csv is not UTF-8 text (near line 2). Save it as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)", in Google Sheets use File > Download > CSV.',
    );
  });

  it('a path with unicode, spaces and a quote imports fine', async () => {
    const folder = "Données clients 2025 – Q1 ✓ (O'Brien)";
    const d = writeHistory(join(dir, folder));
    writeFileSync(join(d, 'Leads export (1) é.csv'), LEADS_CSV);
    const ok = await openWorkspace(join(dir, 'unicode ü.duckdb'));
    const viaDir = await importDirectory(ok, d);
    expect(viaDir.tables.leads).toEqual({ file: 'leads.csv', rows: 3 });
    const viaFiles = await importFiles(ok, [
      { path: join(d, 'Leads export (1) é.csv'), table: 'leads' },
      { path: join(d, 'handoffs.csv'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]);
    expect(viaFiles.tables.leads).toEqual({ file: 'Leads export (1) é.csv', rows: 3 });
    ok.close();
  });

  it('formula-looking cells are imported as plain text, unchanged', async () => {
    const leads = [
      'lead_id,created_at,company,title,campaign',
      'L1,2025-01-02,"=HYPERLINK(""http://evil.example"",""click"")",+cmd|\' /C calc\'!A0,@SUM(1+1)',
      'L2,2025-01-03,-2+3,=1+1,"=IMPORTXML(""x"",""y"")"',
      'L3,2025-01-04,Corp,CEO,spring',
    ].join('\n');
    const { ok } = await imports({ 'leads.csv': leads });
    expect(await rows(ok, `SELECT lead_id, company, title, campaign FROM leads ORDER BY lead_id`)).toEqual([
      { lead_id: 'L1', company: '=HYPERLINK("http://evil.example","click")', title: "+cmd|' /C calc'!A0", campaign: '@SUM(1+1)' },
      { lead_id: 'L2', company: '-2+3', title: '=1+1', campaign: '=IMPORTXML("x","y")' },
      { lead_id: 'L3', company: 'Corp', title: 'CEO', campaign: 'spring' },
    ]);
    ok.close();
  });
});
