// Reading DuckDB results column by column into typed arrays, chunk by chunk,
// without building row objects. Queries hand over only INTEGER, DOUBLE and
// VARCHAR columns: every BIGINT or timestamp is converted in SQL, on purpose
// and with a comment there, so no BigInt becomes a Number silently here.
import {
  DuckDBDoubleVector,
  DuckDBIntegerVector,
  DuckDBVarCharVector,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';

export type ColumnSink =
  | { readonly kind: 'f64'; readonly out: Float64Array } // NULL -> NaN
  | { readonly kind: 'i32'; readonly out: Int32Array; readonly nullAs: number }
  | { readonly kind: 'u16'; readonly out: Uint16Array }
  | { readonly kind: 'u8'; readonly out: Uint8Array }
  | { readonly kind: 'i8'; readonly out: Int8Array; readonly nullAs: number }
  | { readonly kind: 'str'; readonly out: (string | null)[] }
  /** VARCHAR dictionary-encoded while reading: NULL -> -1. */
  | { readonly kind: 'dict'; readonly out: Int32Array; readonly dict: DictionaryBuilder }
  | { readonly kind: 'skip' };

/** Codes in first-seen order. */
export class DictionaryBuilder {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
}

export class ColumnReadError extends Error {
  override readonly name = 'ColumnReadError';
}

function intVector(v: DuckDBVector, col: number): DuckDBIntegerVector {
  if (v instanceof DuckDBIntegerVector) return v;
  throw new ColumnReadError(`column ${col}: expected INTEGER from the loader query, got ${v.type.toString()}`);
}

function fill(sink: ColumnSink, v: DuckDBVector, col: number, at: number, n: number): void {
  switch (sink.kind) {
    case 'skip':
      return;
    case 'f64': {
      if (!(v instanceof DuckDBDoubleVector)) throw new ColumnReadError(`column ${col}: expected DOUBLE, got ${v.type.toString()}`);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = v.getItem(i) ?? NaN;
      return;
    }
    case 'i32': {
      const iv = intVector(v, col);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = iv.getItem(i) ?? sink.nullAs;
      return;
    }
    case 'u16': {
      const iv = intVector(v, col);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = iv.getItem(i) ?? 0;
      return;
    }
    case 'u8': {
      const iv = intVector(v, col);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = iv.getItem(i) ?? 0;
      return;
    }
    case 'i8': {
      const iv = intVector(v, col);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = iv.getItem(i) ?? sink.nullAs;
      return;
    }
    case 'dict': {
      if (!(v instanceof DuckDBVarCharVector)) throw new ColumnReadError(`column ${col}: expected VARCHAR, got ${v.type.toString()}`);
      const out = sink.out;
      const dict = sink.dict;
      for (let i = 0; i < n; i++) {
        const s = v.getItem(i);
        out[at + i] = s === null ? -1 : dict.code(s);
      }
      return;
    }
    case 'str': {
      if (!(v instanceof DuckDBVarCharVector)) throw new ColumnReadError(`column ${col}: expected VARCHAR, got ${v.type.toString()}`);
      const out = sink.out;
      for (let i = 0; i < n; i++) out[at + i] = v.getItem(i);
      return;
    }
  }
}

/**
 * Streams `sql` and writes column i of every chunk into sinks[i], rows in
 * result order starting at index 0. Returns the number of rows read.
 * `limit` guards the preallocated arrays: more rows than that is an error.
 */
export async function readColumns(
  conn: DuckDBConnection,
  sql: string,
  params: DuckDBValue[],
  sinks: readonly ColumnSink[],
  limit: number,
): Promise<number> {
  const result = await conn.stream(sql, params);
  if (result.columnCount !== sinks.length) {
    throw new ColumnReadError(`loader query returned ${result.columnCount} columns, expected ${sinks.length}`);
  }
  let rows = 0;
  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (rows + n > limit) throw new ColumnReadError(`loader query returned more than the ${limit} rows counted before it (was the workspace changed meanwhile?)`);
    for (let c = 0; c < sinks.length; c++) {
      const sink = sinks[c];
      if (sink) fill(sink, chunk.getColumnVector(c), c, rows, n);
    }
    rows += n;
  }
  return rows;
}

/** A single INTEGER from a count query (counts are cast to INTEGER in SQL; workspaces stay far below 2^31 rows). */
export async function readCount(conn: DuckDBConnection, sql: string): Promise<number> {
  const out = new Int32Array(1);
  const n = await readColumns(conn, sql, [], [{ kind: 'i32', out, nullAs: 0 }], 1);
  return n === 0 ? 0 : (out[0] ?? 0);
}
