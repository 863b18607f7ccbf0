import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../engine/import/errors';
import { importDirectory, importFiles, type ImportOptions } from '../../engine/import/importer';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { DISPOSITIONS_CSV, HANDOFFS_CSV, LEADS_CSV, writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { snapshotWorkspace } from '../support/workspace-snapshot';

// Every broken case runs against one workspace that already holds a good
// history, and must leave it byte-for-byte as it was.
describe('import: broken input gives plain messages and changes nothing', () => {
  const dir = scratchDir('hl-import-errors-');
  let ws: Workspace;
  let snapshot: string;
  let n = 0;

  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'ws.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'good')), { timezone: 'Europe/Berlin' });
    await ws.connection.run(`INSERT INTO hl_mappings VALUES ('leads', 'Ref', 'lead_id')`);
    snapshot = await snapshotWorkspace(ws);
    return () => ws.close();
  });

  /** Import a history with some files replaced; return the error after checking the workspace is unchanged. */
  async function failing(replace: Record<string, string | Buffer | null>, options: ImportOptions = {}): Promise<ImportError> {
    const d = writeHistory(join(dir, `case${n++}`), replace);
    let caught: unknown;
    try {
      await importDirectory(ws, d, options);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect(await snapshotWorkspace(ws)).toBe(snapshot);
    const err = caught as ImportError;
    expect(err.message).not.toMatch(/Error:|Exception|at .*\.ts|DuckDB|read_csv/);
    return err;
  }

  it('missing required column: says which, lists what was found and how to fix it', async () => {
    const err = await failing({ 'leads.csv': 'lead_id,email\nL1,a@b.com\n' });
    expect(err.message).toBe(
      'leads.csv has no column for created_at (created date), which the leads table needs. Columns found: "lead_id", "email". Rename a column to created_at or map it when importing.',
    );
    expect([err.file, err.field]).toEqual(['leads.csv', 'created_at']);
  });

  it('unparseable timestamp: file, line, column and value', async () => {
    const err = await failing({ 'leads.csv': LEADS_CSV.replace('2025-01-04', '04/01/2025') });
    expect(err.issues).toHaveLength(1);
    expect(err.message).toBe(
      'leads.csv, data row 3, column "created_at" (created date): "04/01/2025" is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, Europe/Berlin).',
    );
    expect([err.file, err.row, err.column, err.field]).toEqual(['leads.csv', 3, 'created_at', 'created_at']);
    expect(err.issues[0]!.rowKind).toBe('data_row');
  });

  it('collects several errors per file and across files, not just the first', async () => {
    const leads = ['lead_id,created_at,company_size', 'L1,yesterday,5', 'L2,2025-01-02,many', 'L3,2025-13-45,7'].join('\n');
    const disp = DISPOSITIONS_CSV.replace('true', 'maybe');
    const err = await failing({ 'leads.csv': leads, 'dispositions.csv': disp });
    expect(err.issues.map((i) => [i.file, i.row, i.column, i.value])).toEqual([
      ['leads.csv', 1, 'created_at', 'yesterday'],
      ['leads.csv', 2, 'company_size', 'many'],
      ['leads.csv', 3, 'created_at', '2025-13-45'],
      ['dispositions.csv', 1, 'won', 'maybe'],
    ]);
    expect(err.message.split('\n')[0]).toBe('The import found 4 problems:');
    expect(err.issues[1]!.message).toContain('"many" is not a whole number');
    expect(err.issues[3]!.message).toBe('dispositions.csv, data row 1, column "won" (won): "maybe" is not a yes/no value. Use true or false (yes/no and 1/0 also work).');
  });

  it('text in a number and a fraction in a whole-number column', async () => {
    const handoffs = HANDOFFS_CSV.replace('55.5', '55,5 pts');
    const err1 = await failing({ 'handoffs.csv': `"${handoffs.split('\n')[0]!.split(',').join('","')}"\n${handoffs.split('\n').slice(1).map((l) => l.replace('55,5 pts', '"55,5 pts"')).join('\n')}` });
    expect(err1.message).toBe('handoffs.csv, data row 2, column "score_at_mql" (score at MQL): "55,5 pts" is not a number. Use digits with a dot for decimals and no currency sign or thousands separator, for example 1250.50.');
    const err2 = await failing({ 'leads.csv': LEADS_CSV.replace(',200,', ',2.5,') });
    expect(err2.message).toBe('leads.csv, data row 2, column "company_size" (company size (employees)): "2.5" is not a whole number. Use digits only, without thousands separators, decimals or units, for example 250.');
    expect([err2.row, err2.issues[0]!.rowKind]).toEqual([2, 'data_row']);
  });

  it('bad HH:MM clock in reps', async () => {
    const err = await failing({ 'reps.csv': 'rep_id,work_start,work_end\nR1,09:00,17:00\nR2,9am,25:00\n' });
    expect(err.issues.map((i) => i.message)).toEqual([
      'reps.csv, data row 2, column "work_start" (work start (HH:MM)): "9am" is not a clock time. Write it as HH:MM in 24-hour form, for example 09:00 or 17:30.',
      'reps.csv, data row 2, column "work_end" (work end (HH:MM)): "25:00" is not a clock time. Write it as HH:MM in 24-hour form, for example 09:00 or 17:30.',
    ]);
  });

  it('empty required value', async () => {
    const err = await failing({ 'handoffs.csv': 'lead_id,mql_at\nL1,2025-01-05\n,2025-01-06\n' });
    expect(err.message).toBe('handoffs.csv, data row 2, column "lead_id" (lead id): the lead id is empty. Every row needs a lead id: fill it in or remove the row.');
  });

  it('duplicate lead_id and duplicate rep_id', async () => {
    const err = await failing({
      'leads.csv': `${LEADS_CSV}\nL2,2025-02-01,dup@beta.com,Bob,Stone,Beta,200,event`,
      'reps.csv': 'rep_id,name\nR1,Rita\nR2,Raj\nR1,Rita again\n',
    });
    expect(err.issues.map((i) => i.message)).toEqual([
      'leads.csv, data row 4: lead id "L2" appears more than once. Each lead must have one row: remove or merge the duplicates.',
      'reps.csv, data row 3: rep id "R1" appears more than once. Each rep must have one row.',
    ]);
  });

  it('handoffs and dispositions for unknown leads', async () => {
    const err = await failing({
      'handoffs.csv': `${HANDOFFS_CSV}\nL9,2025-01-07 09:00,manual,,,`,
      'dispositions.csv': `${DISPOSITIONS_CSV}\nL8,R1,accepted,,,,`,
    });
    expect(err.issues.map((i) => i.message)).toEqual([
      'handoffs.csv, data row 3: lead id "L9" is not in leads.csv. Every handoff must belong to a known lead: add the lead to leads.csv or remove this row.',
      'dispositions.csv, data row 3: lead id "L8" is not in leads.csv. Every disposition must belong to a known lead: add the lead to leads.csv or remove this row.',
    ]);
  });

  it('lists the first ten problems of a file and counts the rest', async () => {
    const lines = ['lead_id,mql_at'];
    for (let i = 0; i < 25; i++) lines.push(`X${i},2025-01-05`);
    const err = await failing({ 'handoffs.csv': lines.join('\n') });
    expect(err.issues).toHaveLength(11);
    expect(err.issues[9]!.message).toContain('data row 10: lead id "X9"');
    expect(err.issues[10]!.message).toBe('handoffs.csv: 15 more rows with problems like these (25 rows in all).');
  });

  it('empty file, header-only leads, wrong delimiter, lines with the wrong number of values', async () => {
    expect((await failing({ 'leads.csv': '' })).message).toBe('leads.csv is empty: it has no header row and no data. Export the table again, with a header row.');
    expect((await failing({ 'leads.csv': 'lead_id,created_at\n' })).message).toBe(
      'leads.csv has a header but no data rows. Export the leads again; the import needs at least one lead.',
    );
    expect((await failing({ 'leads.csv': 'lead_id^created_at\nL1^2025-01-01\nL2^2025-01-02\n' })).message).toBe(
      'leads.csv has no column for lead_id (lead id), created_at (created date), which the leads table needs. Only one column was found, "lead_id^created_at": the values are probably separated by a character other than comma, semicolon or tab. Save the file with one of those separators. Columns found: "lead_id^created_at". Rename a column to lead_id or map it when importing.',
    );
    const err = await failing({ 'leads.csv': 'lead_id,created_at\nL1,2025-01-01,extra\nL2,2025-01-02\nL3\n' });
    expect(err.issues.map((i) => i.message)).toEqual([
      'leads.csv, line 2: this line has more values than the header has columns (2). A value probably contains the separator without quotes around it: put the value in double quotes.',
      'leads.csv, line 4: this line has fewer values than the header has columns (2). Fill in the missing values, or leave them empty between separators.',
    ]);
  });

  it('non-UTF-8 text', async () => {
    const latin1 = Buffer.concat([Buffer.from('lead_id,created_at,company\nL1,2025-01-01,M'), Buffer.from([0xfc]), Buffer.from('ller GmbH\n')]);
    const err = await failing({ 'leads.csv': latin1 });
    expect(err.message).toMatch(/^leads\.csv(, line 2:| is not UTF-8 text)/);
    expect(err.message).toContain('UTF-8');
    expect(err.message).toContain('CSV UTF-8 (Comma delimited)');
  });

  it('broken JSON Lines and a bad value in Parquet name the line or data row', async () => {
    const e1 = await failing({ 'leads.csv': null, 'leads.jsonl': '{"lead_id":"L1","created_at":"2025-01-01"}\nnot json\n' });
    expect(e1.message).toBe('leads.jsonl is not valid JSON Lines (line 2): each line must be one JSON object, like {"lead_id": "L1", "created_at": "2025-03-14T09:30:00Z"}.');
    const e2 = await failing({ 'leads.csv': null, 'leads.jsonl': '{"lead_id":"L1","created_at":"2025-01-01"}\n{"lead_id":"L2","created_at":"soon"}\n' });
    expect(e2.message).toMatch(/^leads\.jsonl, data row 2, column "created_at" \(created date\): "soon" is not a date and time\./);
    const d = join(dir, 'pq');
    writeHistory(d);
    await ws.connection.run(`COPY (SELECT * FROM (VALUES ('L1', '2025-01-05', 'x'), ('L2', 'later', 'y')) v(lead_id, mql_at, tier)) TO '${join(d, 'h.parquet')}' (FORMAT parquet)`);
    const err = await importFiles(ws, [
      { path: join(d, 'leads.csv'), table: 'leads' },
      { path: join(d, 'h.parquet'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]).then(() => null, (e: unknown) => e as ImportError);
    expect(err?.message).toMatch(/^h\.parquet, data row 2, column "mql_at" \(MQL time\): "later" is not a date and time\./);
    expect(await snapshotWorkspace(ws)).toBe(snapshot);
  });

  it('missing table file, two files for one table, missing folder', async () => {
    expect((await failing({ 'handoffs.csv': null })).message).toBe(
      `No handoffs file was found in ${join(dir, `case${n - 1}`)}. Name it handoffs.csv (or handoffs.csv.gz, handoffs.tsv, handoffs.parquet, handoffs.jsonl). Data files found: dispositions.csv, leads.csv.`,
    );
    expect((await failing({ 'leads.jsonl': '{"lead_id":"L1"}\n' })).message).toBe('The folder has 2 files for leads: leads.csv, leads.jsonl. Keep only one of them.');
    const err = await importDirectory(ws, join(dir, 'nope')).then(() => null, (e: unknown) => e as ImportError);
    expect(err?.message).toBe(`The folder ${join(dir, 'nope')} was not found. Choose the folder that holds leads.csv, handoffs.csv and dispositions.csv.`);
  });

  it('a mapping naming a column the file lacks', async () => {
    const d = writeHistory(join(dir, 'map'));
    const err = await importFiles(ws, [
      { path: join(d, 'leads.csv'), table: 'leads', mapping: { lead_id: 'Lead Ref', created_at: 'created_at' } },
      { path: join(d, 'handoffs.csv'), table: 'handoffs' },
      { path: join(d, 'dispositions.csv'), table: 'dispositions' },
    ]).then(() => null, (e: unknown) => e as ImportError);
    expect(err?.issues[0]!.message).toBe(
      'leads.csv: the mapping takes lead_id from column "Lead Ref", but the file has no such column. Columns found: "lead_id", "created_at", "email", "first_name", "last_name", "company", "company_size", "source".',
    );
    expect(await snapshotWorkspace(ws)).toBe(snapshot);
  });

  it('scoring_model.json that is not a JSON object, or fails the registered check', async () => {
    expect((await failing({ 'scoring_model.json': '{"mql": ' })).message).toMatch(/^scoring_model\.json is not valid JSON \(.*\)\. Check commas, quotes and brackets\.$/);
    expect((await failing({ 'scoring_model.json': '[1, 2]' })).message).toBe(
      'scoring_model.json must hold one JSON object with "scoring", "mql", "tiers" and "sla" blocks, not a list.',
    );
    const err = await failing(
      { 'scoring_model.json': '{"mql": {"threshold": "high"}}' },
      { validateScoringModel: (m) => (typeof (m.mql as { threshold?: unknown }).threshold === 'number' ? [] : [{ field: 'mql.threshold', message: 'must be a number' }]) },
    );
    expect([err.message, err.field]).toEqual(['scoring_model.json, field "mql.threshold": must be a number', 'mql.threshold']);
  });

  it('scoring_model.json is checked against the scenario schema by default', async () => {
    const err = await failing({ 'scoring_model.json': '{"mql": {"threshold": "high"}, "tierz": []}' });
    expect(err.issues.map((i) => [i.field, i.message])).toEqual([
      ['mql.threshold', 'scoring_model.json, field "mql.threshold": must be a number'],
      ['tierz', 'scoring_model.json, field "tierz": is not a known field; check its spelling.'],
    ]);
  });

  it('a second import while one is running is refused; the first completes', async () => {
    const d = writeHistory(join(dir, `case${n++}`));
    const first = importDirectory(ws, d);
    const second = await importDirectory(ws, d).then(() => null, (e: unknown) => e as ImportError);
    expect(second?.message).toBe('Another import into this workspace is still running. Wait for it to finish, or cancel it, and try again.');
    await first;
    // Re-importing the same history leaves the same tables; only the import log grows.
    await ws.connection.run(`DELETE FROM hl_imports WHERE rowid = (SELECT max(rowid) FROM hl_imports)`);
    expect(await snapshotWorkspace(ws)).toBe(snapshot);
  });

  it('a bad time zone name', async () => {
    const err = await failing({}, { timezone: 'Mars/Olympus' });
    expect(err.message).toBe('"Mars/Olympus" is not a time zone name. Use an IANA name such as UTC, Europe/Berlin or America/New_York.');
  });

  it('cancelled before start and cancelled mid-way', async () => {
    const before = new AbortController();
    before.abort();
    const e1 = await failing({}, { signal: before.signal });
    expect([e1.cancelled, e1.message]).toEqual([true, 'The import was cancelled. The workspace is unchanged.']);
    const mid = new AbortController();
    const e2 = await failing({}, { signal: mid.signal, onProgress: (p) => { if (p.stage === 'checking') mid.abort(); } });
    expect(e2.cancelled).toBe(true);
    // Cancelled while file headers are read: the interrupted reader must not be reported as a broken file.
    const reading = new AbortController();
    const e3 = await failing({}, { signal: reading.signal, onProgress: (p) => { if (p.stage === 'reading' && !p.table) reading.abort(); } });
    expect([e3.cancelled, e3.message]).toEqual([true, 'The import was cancelled. The workspace is unchanged.']);
  });
});

describe('import: warnings are counted, rows kept', () => {
  const dir = scratchDir('hl-import-warn-');
  it('activities for unknown leads, contact before MQL, MQL before creation, disposition without handoff, unknown rep', async () => {
    const d = writeHistory(join(dir, 'w'), {
      'activities.csv': 'lead_id,occurred_at,activity_type\nL1,2025-01-02 11:00,web_visit\nZ1,2025-01-02 12:00,web_visit\nZ2,2025-01-02 13:00,email_open\n',
      'handoffs.csv': 'lead_id,mql_at,assigned_rep_id\nL1,2025-01-05 09:00,R1\nL2,2025-01-01 09:00,R7\n',
      'dispositions.csv': 'lead_id,decision,first_contact_at\nL1,accepted,2025-01-05 08:00\nL2,rejected,2025-01-06 08:00\nL3,,\n',
      'reps.csv': 'rep_id,name\nR1,Rita\n',
    });
    const ws = await openWorkspace(join(dir, 'w.duckdb'));
    const s = await importDirectory(ws, d);
    expect(s.warnings.map((w) => [w.code, w.count, w.examples.map((e) => e.row)])).toEqual([
      ['activities_unknown_lead', 2, [2, 3]],
      ['first_contact_before_mql', 1, [1]],
      ['mql_before_created', 1, [2]],
      ['disposition_without_handoff', 1, [3]],
      ['unknown_rep', 1, [2]],
    ]);
    expect(s.warnings[0]!.message).toBe('activities.csv: 2 activities belong to leads that are not in leads.csv; they are kept but never count towards a score.');
    expect(s.tables.activities.rows).toBe(3);
    ws.close();
  });
});

describe('import: leftovers and huge fields', () => {
  const dir = scratchDir('hl-import-leftover-');

  it('a staging table left by a killed import is dropped when the workspace reopens; history stays', async () => {
    const path = join(dir, 'killed.duckdb');
    const ws = await openWorkspace(path);
    await importDirectory(ws, writeHistory(join(dir, 'h')));
    await ws.connection.run(`CREATE TABLE hl_stage_leads AS SELECT * FROM leads`);
    ws.close();
    const again = await openWorkspace(path);
    const tables = (await again.connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'hl%stage%'`)).getRowObjectsJS();
    expect(tables).toEqual([]);
    expect((await again.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM leads`)).getRowObjectsJS()).toEqual([{ n: 3 }]);
    again.close();
  });

  it('a line longer than 2 MB is named, not a crash', async () => {
    const ws = await openWorkspace(join(dir, 'huge.duckdb'));
    const huge = `${LEADS_CSV}\nL4,2025-01-05,x@y.com,"${'a'.repeat(3_000_000)}",,,,`;
    const err = await importDirectory(ws, writeHistory(join(dir, 'huge'), { 'leads.csv': huge })).then(() => null, (e: unknown) => e as ImportError);
    expect(err).toBeInstanceOf(ImportError);
    expect(err?.message).toMatch(/^leads\.csv(, line 5:)? .*(longer than 2 MB)/);
    ws.close();
  });
});
