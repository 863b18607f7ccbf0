// Property test: whatever text or bytes a file holds, an import either succeeds
// or throws an ImportError with a plain message, and a failed import leaves the
// workspace exactly as it was. Never another exception.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../engine/import/errors';
import { importDirectory } from '../../engine/import/importer';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { TABLE_NAMES, TABLES } from '../../engine/workspace/tables';
import { DISPOSITIONS_CSV, HANDOFFS_CSV, LEADS_CSV, writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { snapshotWorkspace } from '../support/workspace-snapshot';

const FILES = ['leads.csv', 'handoffs.csv', 'dispositions.csv', 'activities.csv', 'reps.csv'] as const;
const TABLE_OF: Record<(typeof FILES)[number], (typeof TABLE_NAMES)[number]> = {
  'leads.csv': 'leads',
  'handoffs.csv': 'handoffs',
  'dispositions.csv': 'dispositions',
  'activities.csv': 'activities',
  'reps.csv': 'reps',
};

/** Cells that reach every stage: ids that exist or not, good and bad dates, numbers, quotes, separators. */
const cell = fc.oneof(
  fc.constantFrom('L1', 'L2', 'L3', 'L9', 'R1', '', ' ', '2025-01-02', '2025-01-02T10:00:00+02:00', '2025-13-45', '01/02/2025', '09:00', '25:00', 'true', 'maybe',
    '-5', '2.5', '1e309', 'NaN', '"', '""', '"a,b"', ',', ';', '\t', '\r', '=HYPERLINK("x")', 'é', '\u0000', '\uFEFF'),
  fc.string({ maxLength: 8 }),
);
const csvText = fc.record({
  file: fc.constantFrom(...FILES),
  /** Whether to start from the table's real header (so the rows are read) or a random one. */
  realHeader: fc.boolean(),
  header: fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 4 }),
  rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }),
  separator: fc.constantFrom(',', ',', ';', '\t'),
});

describe('import of arbitrary small files', () => {
  const dir = scratchDir('hl-prop-');
  let ws: Workspace;
  let n = 0;

  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'ws.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'good')));
    current = await snapshotWorkspace(ws);
  });
  afterAll(() => {
    ws.close();
    // Both outcomes were exercised, or the generators have drifted into testing only one path.
    expect(outcomes.imported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  /** The workspace as the last successful import left it. */
  let current = '';
  const outcomes = { imported: 0, refused: 0 };

  async function check(replace: Record<string, string | Buffer | null>): Promise<void> {
    const d = writeHistory(join(dir, `p${n++}`), replace);
    let caught: unknown = null;
    try {
      await importDirectory(ws, d);
    } catch (err) {
      caught = err;
    }
    if (caught === null) {
      outcomes.imported += 1;
      current = await snapshotWorkspace(ws);
      return;
    }
    outcomes.refused += 1;
    expect(caught).toBeInstanceOf(ImportError);
    const err = caught as ImportError;
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.issues.length).toBeGreaterThan(0);
    // No stack trace, no raw engine text, no catch-all: every failure is one the importer understood.
    expect(err.message).not.toMatch(/\n\s+at |Error:|DuckDB|read_csv|The import failed unexpectedly/);
    expect(await snapshotWorkspace(ws)).toBe(current);
  }

  it('CSV-shaped text with arbitrary cells: succeeds, or an ImportError and no change', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async ({ file, realHeader, header, rows, separator }) => {
        const cols = realHeader ? TABLES[TABLE_OF[file]].columns.slice(0, 6).map((c) => c.name) : header;
        const text = [cols.join(separator), ...rows.map((r) => r.join(separator))].join('\n');
        await check({ [file]: text });
      }),
      { numRuns: 60 },
    );
  });

  it('the valid history with one cell replaced by anything: succeeds, or an ImportError and no change', async () => {
    const valid = { 'leads.csv': LEADS_CSV, 'handoffs.csv': HANDOFFS_CSV, 'dispositions.csv': DISPOSITIONS_CSV } as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(valid) as (keyof typeof valid)[])), fc.nat(), fc.nat(), cell, async (file, r, c, value) => {
        const lines = valid[file].split('\n').map((l) => l.split(','));
        const row = lines[r % lines.length]!;
        row[c % row.length] = value;
        await check({ [file]: lines.map((l) => l.join(',')).join('\n') });
      }),
      { numRuns: 50 },
    );
  });

  it('arbitrary bytes and strings: succeeds, or an ImportError and no change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES, 'leads.jsonl'),
        fc.oneof(fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)), fc.string({ unit: 'binary', maxLength: 200 })),
        // leads.jsonl would sit beside leads.csv (two files for one table): it replaces the CSV.
        (file, body) => check(file === 'leads.jsonl' ? { 'leads.csv': null, 'leads.jsonl': body } : { [file]: body }),
      ),
      { numRuns: 40 },
    );
  });
});
