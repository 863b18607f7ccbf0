// Property tests for suggestMapping over arbitrary header lists (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTO_ACCEPT, normaliseHeader, suggestMapping } from '../../engine/import/mapping';
import { TABLE_NAMES, TABLES, type TableName } from '../../engine/workspace/tables';

const CANONICAL = [...new Set(TABLE_NAMES.flatMap((t) => TABLES[t].columns.map((c) => c.name)))];

/** Headers that hit every path: canonical names and their spellings, CRM-ish names, partial names, any text. */
const header = fc.oneof(
  fc.constantFrom(...CANONICAL),
  fc.constantFrom(...CANONICAL).map((c) => c.replaceAll('_', ' ').toUpperCase()),
  fc.constantFrom('Record ID', 'Create Date', 'Email Address', 'Lead Owner', 'Lead Score', 'Amount', 'Status', 'Country', 'Id', 'Name', 'Lead Email Address', 'company size bucket', 'ﬁrst_name', 'Ｌｅａｄ ＩＤ'),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const table = fc.constantFrom<TableName>(...TABLE_NAMES);
const headers = fc.array(header, { maxLength: 25 });

describe('suggestMapping properties', () => {
  it('never throws; every suggestion is a real column of the table; no column is taken twice; the mapping agrees with the suggestions', () => {
    fc.assert(
      fc.property(table, headers, fc.array(fc.tuple(header, fc.constantFrom(...CANONICAL, 'not_a_column')), { maxLength: 5 }), (t, hs, savedRows) => {
        const s = suggestMapping(t, hs, new Map(savedRows));
        const names = new Set(TABLES[t].columns.map((c) => c.name));
        expect(s.table).toBe(t);
        expect(s.columns.map((c) => c.source)).toEqual(hs);
        const taken = s.columns.flatMap((c) => (c.canonical === null ? [] : [c.canonical]));
        for (const c of taken) expect(names.has(c)).toBe(true);
        // Duplicate header texts share one suggestion object each; distinct positions of one text may repeat it.
        const bySource = new Map(s.columns.filter((c) => c.canonical !== null).map((c) => [c.source, c.canonical]));
        expect(new Set(bySource.values()).size).toBe(bySource.size);
        for (const [canonical, source] of Object.entries(s.mapping)) {
          expect(names.has(canonical)).toBe(true);
          expect(bySource.get(source)).toBe(canonical);
        }
        for (const c of s.columns) if (c.canonical !== null && c.confidence >= AUTO_ACCEPT) expect(s.mapping[c.canonical]).toBe(c.source);
        for (const r of s.missingRequired) expect(s.mapping[r]).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('an exact canonical header always wins over synonyms and partial matches (no saved mapping)', () => {
    fc.assert(
      fc.property(table, headers, fc.nat(), (t, hs, pick) => {
        const cols = TABLES[t].columns;
        const col = cols[pick % cols.length]!.name;
        // Put the exact name somewhere among arbitrary headers.
        const all = [...hs];
        all.splice(pick % (all.length + 1), 0, col);
        const s = suggestMapping(t, all);
        // The first header that normalises to the canonical name is the one mapped ("Lead ID" and "lead_id" are one name).
        const first = all.find((h) => normaliseHeader(h) === normaliseHeader(col));
        expect(s.mapping[col]).toBe(first);
        expect(s.columns.find((c) => c.source === first)).toMatchObject({ canonical: col, reason: 'exact', confidence: 1 });
      }),
      { numRuns: 200 },
    );
  });
});
