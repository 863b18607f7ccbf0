// The one-pass import (column-sql.ts guardedSelectList) must accept exactly the
// values the listing path accepts and store the same values: it decides whether
// a file is clean, and the listing path is only asked for the messages.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_BROKEN, guardedSelectList, stagedSql, valueSql } from '../../engine/import/column-sql';
import { CLOCK_PATTERN } from '../../engine/import/value-rules';
import type { ColumnDef, ColumnKind } from '../../engine/workspace/tables';

const TRICKY = [
  '2025-01-01T00:00:00Z', ' 2025-01-01 10:00', '2025-01-01 10:00 ', '2025-01-01 10:00\t', '\t2025-01-01', '2025-01-01\n', '\n2025-01-01',
  '2025-01-01T10:00:00+01:00 ', '2025-01-01T10:00Z ', '\u00a02025-01-01', '2025-01-01\u00a0', '\u30002025-01-01 10:00\u3000', '2025-13-01',
  '2025-01-01 25:00', '1/2/2025', '20250101', '2025-06-01 12:00 Europe/Paris', '2025-01-01 10:00+0100', 'infinity', '-infinity', 'epoch',
  ' epoch', 'inf', '-inf', 'NaN', ' nan', '12', ' 12 ', '12\t', '\t12', '\u00a012', '12\u00a0', '1e3', '-5', ' -5', '+5', '.5', '5.', '2.5',
  '1,5', '1_000', '0x10', '9e15', '1e16', '1e309', '-0', 'true', ' true ', 'yes', ' no', 'T', 'f', '1', '0', '09:00', '9:00', ' 17:30 ',
  '25:00', '09:00:30', '', ' ', '   ', '\t', '\u00a0', '  \u00a0 ', 'x', 'é', '"', 'L1', ' L1', 'L1 ',
];

const KINDS: readonly ColumnKind[] = ['timestamp', 'date', 'number', 'integer', 'boolean', 'clock', 'string'];

describe('one-pass import accepts and stores exactly what the listing path does', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run(`SET TimeZone = 'Europe/Berlin'`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  /** The listing path's verdict and stored value (as text), by the rules of stage.ts. */
  async function listing(col: ColumnDef, x: string | null): Promise<{ bad: boolean; value: string | null }> {
    const types = new Map([['x', 'VARCHAR']]);
    const s = stagedSql(col, types, 'x');
    const rules = [`(${valueSql(types, 'x')} IS NOT NULL AND ${s} IS NULL)`];
    if (col.required) rules.push(col.kind === 'string' ? `${s} IS NULL OR TRIM(${s}) = ''` : `${s} IS NULL`);
    else if (col.kind === 'integer') rules.push(`${s} <> trunc(${s}) OR abs(${s}) > 9e15`);
    else if (col.kind === 'clock') rules.push(`${s} IS NOT NULL AND TRIM(${s}) <> '' AND NOT regexp_full_match(TRIM(${s}), '${CLOCK_PATTERN}')`);
    const final =
      col.kind === 'integer'
        ? `CAST(CAST(${s} AS BIGINT) AS VARCHAR)`
        : col.kind === 'clock'
          ? `CASE WHEN TRIM(${s}) = '' THEN NULL ELSE lpad(split_part(TRIM(${s}), ':', 1), 2, '0') || ':' || split_part(TRIM(${s}), ':', 2) END`
          : `CAST(${s} AS VARCHAR)`;
    const row = (
      await c.runAndReadAll(`SELECT coalesce(${rules.map((r) => `(${r})`).join(' OR ')}, false) AS bad, ${final} AS value FROM (SELECT $1::VARCHAR AS x)`, [x])
    ).getRowObjectsJS()[0]!;
    return { bad: row.bad === true, value: row.value === null ? null : String(row.value) };
  }

  async function onePass(col: ColumnDef, x: string | null): Promise<{ bad: boolean; value: string | null }> {
    const list = guardedSelectList([col], { [col.name]: 'x' }, new Map([['x', 'VARCHAR']]));
    try {
      const row = (await c.runAndReadAll(`SELECT CAST(v.${col.name} AS VARCHAR) AS value FROM (SELECT ${list} FROM (SELECT $1::VARCHAR AS x)) v`, [x])).getRowObjectsJS()[0]!;
      return { bad: false, value: row.value === null ? null : String(row.value) };
    } catch (err) {
      expect((err as Error).message).toContain(RULE_BROKEN);
      return { bad: true, value: null };
    }
  }

  async function agree(kind: ColumnKind, required: boolean, x: string | null): Promise<void> {
    const col: ColumnDef = { name: 'v', kind, required, label: 'v' };
    const want = await listing(col, x);
    const got = await onePass(col, x);
    expect({ kind, required, x, ...got }).toEqual({ kind, required, x, bad: want.bad, value: want.bad ? null : want.value });
  }

  it('on values that probe blanks, offsets, special words and number forms', async () => {
    for (const kind of KINDS) {
      for (const required of kind === 'integer' || kind === 'clock' ? [false] : [false, true]) {
        for (const x of [...TRICKY, null]) await agree(kind, required, x);
      }
    }
  });

  it('on arbitrary short text', async () => {
    const chars = fc.constantFrom('0', '1', '2', '5', '9', '-', '+', ':', '.', 'T', 'Z', 'e', ' ', '\t', '\u00a0', 'a', '/');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS), fc.boolean(), fc.array(chars, { maxLength: 12 }), async (kind, required, cs) => {
        await agree(kind, required && kind !== 'integer' && kind !== 'clock', cs.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
