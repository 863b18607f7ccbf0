// The import wizard's logic without a DOM: the path list, the mapping and its
// checks, the request the engine gets, a failure's problems grouped by file,
// and the canonical column list kept in step with the engine's.
import { describe, expect, it } from 'vitest';
import {
  badgeFor,
  checkMapping,
  entryFromPreview,
  groupIssues,
  importBlockers,
  importRequest,
  isCancellation,
  parsePathList,
  rowText,
  shareText,
  summaryRows,
  timezoneProblem,
} from '../../renderer/app/import-model';
import { contactsPreview, dispositionsPreview, handoffsPreview, importSummary, MULTI_FAILURE } from './import-fixture';

describe('parsePathList', () => {
  it('splits lines into files and folders, drops quotes, blanks and repeats, and flags relative paths', () => {
    const list = parsePathList(' /data/leads.csv \n\n"/data/handoffs.csv.gz"\n/data/leads.csv\nexports/x.csv\nC:\\exports\\reps.parquet\n/data/exports/\n');
    expect(list.files).toEqual(['/data/leads.csv', '/data/handoffs.csv.gz', 'C:\\exports\\reps.parquet']);
    expect(list.folders).toEqual(['/data/exports']);
    expect(list.relative).toEqual(['exports/x.csv']);
  });
});

describe('mapping', () => {
  it('pre-fills every suggestion, partial ones too, and badges each by how it was found', () => {
    const e = entryFromPreview(contactsPreview(), null);
    expect(e.table).toBe('leads');
    expect(e.mapping.lead_id).toBe('Record ID');
    expect(e.mapping.email).toBe('Lead Email Address');
    expect(e.mapping.company).toBe('');
    expect(badgeFor(e, 'lead_id')).toBe('synonym');
    expect(badgeFor(e, 'email')).toBe('partial');
    expect(badgeFor(e, 'company')).toBe('none');
    expect(badgeFor({ ...e, mapping: { ...e.mapping, company: 'Favourite Colour' } }, 'company')).toBe('manual');
  });

  it('flags missing required columns, repeated headers, partial matches and ignored columns', () => {
    const e = entryFromPreview(contactsPreview(), null);
    expect(checkMapping(e)).toEqual({ missingRequired: [], ignored: ['Favourite Colour'], repeated: [], toConfirm: ['email'] });
    const broken = { ...e, mapping: { ...e.mapping, lead_id: '', company: 'Create Date' } };
    const check = checkMapping(broken);
    expect(check.missingRequired).toEqual(['lead_id']);
    expect(check.repeated).toEqual(['Create Date']);
    expect(check.ignored).toEqual(['Record ID', 'Favourite Colour']);
  });

  it('blocks the import until the required tables and columns are there and the time zone is real', () => {
    const leads = entryFromPreview(contactsPreview(), null);
    const handoffs = entryFromPreview(handoffsPreview(), null);
    const dispositions = entryFromPreview(dispositionsPreview(), null);
    expect(importBlockers([leads, handoffs, dispositions], 'UTC')).toEqual([]);
    expect(importBlockers([leads, handoffs], 'UTC')).toEqual(['No file is marked as dispositions; the import needs leads, handoffs and dispositions.']);
    expect(importBlockers([leads, handoffs, { ...dispositions, table: 'handoffs' }], 'UTC')[0]).toContain('are both marked as handoffs');
    const noId = { ...leads, mapping: { ...leads.mapping, lead_id: '' } };
    expect(importBlockers([noId, handoffs, dispositions], 'UTC')).toEqual(['hubspot-contacts.csv: choose a column for lead id (required for leads).']);
    expect(importBlockers([leads, handoffs, dispositions], 'Mars/Olympus')).toEqual([
      '“Mars/Olympus” is not a time zone name. Use an IANA name such as UTC, Europe/Berlin or America/New_York.',
    ]);
  });

  it('validates time zones by name', () => {
    expect(timezoneProblem('Europe/Berlin')).toBeNull();
    expect(timezoneProblem(' UTC ')).toBeNull();
    expect(timezoneProblem('')).toContain('Enter a time zone');
    expect(timezoneProblem('GMT+25')).toContain('is not a time zone name');
  });

  it('sends only the mapped columns, per file, with the time zone and job id', () => {
    const leads = entryFromPreview(contactsPreview(), null);
    const handoffs = entryFromPreview(handoffsPreview(), null);
    expect(importRequest([leads, handoffs], ' Europe/Berlin ', 'job-1')).toEqual({
      files: [
        { path: '/data/hubspot-contacts.csv', table: 'leads', mapping: { lead_id: 'Record ID', created_at: 'Create Date', email: 'Lead Email Address' } },
        { path: '/data/handoffs.csv', table: 'handoffs', mapping: { lead_id: 'lead_id', mql_at: 'mql_at', tier: 'tier' } },
      ],
      timezone: 'Europe/Berlin',
      jobId: 'job-1',
    });
  });
});

describe('groupIssues', () => {
  it('groups the engine’s problems by file, with row kind, column and value', () => {
    const groups = groupIssues(MULTI_FAILURE);
    expect(groups.map((g) => [g.file, g.issues.length])).toEqual([
      ['hubspot-contacts.csv', 2],
      ['handoffs.csv', 1],
      [null, 1],
    ]);
    const [first, second] = groups[0]?.issues ?? [];
    expect([first?.row, first?.rowKind, first?.column, first?.value]).toEqual([4, 'data_row', 'Create Date', 'next tuesday']);
    expect(first?.detail).toBe('"next tuesday" is not a date and time. Write it in ISO 8601.');
    expect(second && rowText(second)).toBe('data row 9');
    expect(second?.value).toBe('31/02/2025');
    const line = groups[1]?.issues[0];
    expect(line && rowText(line)).toBe('line 7');
    expect(line?.column).toBeNull();
    expect(groups[2]?.issues[0]?.message).toContain('No dispositions file was given');
  });

  it('keeps a single problem whole, located by the structured fields', () => {
    const groups = groupIssues({ message: 'leads.csv has no column for lead_id (lead id), which the leads table needs.', file: 'leads.csv', field: 'lead_id' });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.file).toBe('leads.csv');
    expect(groups[0]?.issues[0]?.row).toBeNull();
  });

  it('uses the engine\'s structured issue list when it sends one, even where the text would not parse', () => {
    const groups = groupIssues({
      message: 'The import found 2 problems',
      issues: [
        { message: 'a value that will not parse', file: 'leads.csv', row: 3, rowKind: 'line', column: 'Created', value: 'soon' },
        { message: 'another', file: 'handoffs.csv', row: 8, column: 'mql_at', value: '' },
      ],
    });
    expect(groups.map((g) => g.file)).toEqual(['leads.csv', 'handoffs.csv']);
    const first = groups[0]?.issues[0];
    expect([first && rowText(first), first?.column, first?.value]).toEqual(['line 3', 'Created', 'soon']);
    const second = groups[1]?.issues[0];
    expect([second && rowText(second), second?.value]).toEqual(['data row 8', '']);
  });

  it('tells a cancellation from a failure', () => {
    expect(isCancellation({ message: 'The import was cancelled. The workspace is unchanged.' })).toBe(true);
    expect(isCancellation(MULTI_FAILURE)).toBe(false);
  });
});

describe('summary', () => {
  it('lists every table in canonical order, supplied or not', () => {
    expect(summaryRows(importSummary()).map((r) => [r.table, r.rows, r.file])).toEqual([
      ['leads', 1234, 'hubspot-contacts.csv'],
      ['activities', 0, null],
      ['handoffs', 456, 'handoffs.csv'],
      ['dispositions', 450, 'dispositions.csv'],
      ['reps', 0, null],
    ]);
  });

  it('writes shares with one decimal, tiny ones as <0.1%, and none as a dash', () => {
    expect([shareText(0.1896), shareText(0.0004), shareText(0), shareText(null)]).toEqual(['19.0%', '<0.1%', '0.0%', '—']);
  });
});
