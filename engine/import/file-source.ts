// Opening a user's file with DuckDB's own readers (read_csv, read_parquet,
// read_json_objects): what format it is, its headers and their types, and the
// SQL that reads it. No bytes are parsed in JavaScript.
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { ImportError } from './errors';
import { fileKind, type FileKind } from './file-format';
import { sqlIdent, sqlString } from './sql-text';

export interface FileSource {
  readonly path: string;
  /** Base name, used in every message. */
  readonly file: string;
  readonly kind: FileKind;
  /** CSV only: the detected separator (",", ";", "\t", ...). */
  readonly delimiter: string | null;
  readonly quote: string | null;
  readonly headers: readonly string[];
  /** DuckDB type of each header as the reader delivers it (CSV and JSON: VARCHAR). */
  readonly types: readonly string[];
  /**
   * CSV only: header names written more than once. The reader renames the
   * repeats (email, email_1, ...); `names` are those names, `positions` the 1-based columns.
   */
  readonly duplicates?: readonly DuplicateHeader[];
}

export interface DuplicateHeader {
  readonly header: string;
  readonly names: readonly string[];
  readonly positions: readonly number[];
}

const SniffColumns = z.array(z.object({ name: z.string() }));

const SUPPORTED = 'CSV (.csv, .tsv, .txt, optionally .gz), Parquet (.parquet) or JSON Lines (.jsonl, .ndjson, optionally .gz)';

export async function openFileSource(connection: DuckDBConnection, path: string): Promise<FileSource> {
  const file = basename(path);
  if (!existsSync(path)) throw single(file, `${file} was not found at ${path}. Check the path and try again.`);
  const kind = fileKind(path);
  if (!kind) throw single(file, `${file} is not a supported file type. Use ${SUPPORTED}.`);
  const head = firstBytes(path, 4096);
  if (head.length === 0 || (head.length < 4096 && head.toString('latin1').replaceAll('\0', '').trim() === '')) {
    throw single(file, `${file} is empty: it has no header row and no data. Export the table again, with a header row.`);
  }
  const disguised = disguisedAs(head, file, kind);
  if (disguised) throw single(file, disguised);
  try {
    if (kind.format === 'csv') return await openCsv(connection, path, file, kind);
    if (kind.format === 'parquet') return await openParquet(connection, path, file, kind);
    return await openJson(connection, path, file, kind);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (kind.gzip && !(await gzipIsComplete(path))) throw single(file, brokenGzipMessage(file));
    throw translateReadError(err, file, kind);
  }
}

/**
 * Whether a .gz file unpacks to its end. DuckDB reads a truncated gzip file up
 * to the break without an error: its headers can be nonsense, or the rows after
 * the break are silently missing. One streaming pass, nothing kept.
 */
export async function gzipIsComplete(path: string): Promise<boolean> {
  try {
    await pipeline(createReadStream(path), createGunzip(), new Writable({ write: (_chunk, _enc, done) => done() }));
    return true;
  } catch {
    return false;
  }
}

/** The message for a .gz file that does not unpack. */
export function brokenGzipMessage(file: string): string {
  return `${file} could not be unpacked: it ends in .gz but is not a complete gzip file. Compress it again or use the plain CSV.`;
}

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** Signatures of files that are often exported or renamed by mistake, and what to do instead. */
const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx workbook is one too). Unzip it, or open it in Excel and save the sheet as "CSV UTF-8 (Comma delimited)"'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel workbook (.xls). Open it in Excel and save the sheet as "CSV UTF-8 (Comma delimited)"'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image. Choose the exported table instead'],
  [[0xff, 0xd8, 0xff], 'a JPEG image. Choose the exported table instead'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image. Choose the exported table instead'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document. Export the table itself as CSV instead'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file. Give it the .parquet extension'],
];

const UTF16_BOMS: readonly (readonly number[])[] = [[0xff, 0xfe], [0xfe, 0xff]];

/**
 * A text file (CSV, JSON Lines) whose first bytes say it is something else: the
 * reader would only report "not UTF-8", which sends the user the wrong way.
 */
function disguisedAs(head: Buffer, file: string, kind: FileKind): string | null {
  if (kind.format === 'parquet') return null;
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  if (kind.gzip) return null;
  if (isGzip) return `${file} is gzip-compressed, but its name does not end in .gz. Rename it to ${file}.gz, or unpack it first.`;
  if (UTF16_BOMS.some((bom) => bom.every((b, i) => head[i] === b))) {
    return `${file} is saved as UTF-16 text. Save it as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)", in Google Sheets use File > Download > CSV.`;
  }
  const what = kind.format === 'csv' ? 'a CSV file' : 'a JSON Lines file';
  for (const [magic, advice] of SIGNATURES) {
    if (magic.every((b, i) => head[i] === b)) return `${file} is not ${what}: it is ${advice}.`;
  }
  return null;
}

async function openCsv(connection: DuckDBConnection, path: string, file: string, kind: FileKind): Promise<FileSource> {
  const sniffWith = async (extra: string) =>
    (
      await connection.runAndReadAll(
        `SELECT Delimiter AS d, Quote AS q, Columns AS cols FROM sniff_csv(${sqlString(path)}, header = true, all_varchar = true${extra})`,
      )
    ).getRowObjectsJS()[0];
  let sniff = await sniffWith('');
  let cols = SniffColumns.parse(sniff?.cols ?? []);
  const only = cols.length === 1 ? cols[0]!.name : '';
  const headerDelimiter = [',', ';', '\t'].find((d) => only.includes(d));
  if (headerDelimiter) {
    // Rows with a wrong number of values make the sniffer give up on the real
    // separator; the header still shows it. Read with it, and let the import
    // report the bad lines one by one.
    sniff = await sniffWith(`, delim = ${sqlString(headerDelimiter)}, ignore_errors = true`);
    cols = SniffColumns.parse(sniff?.cols ?? []);
  }
  const delimiter = String(sniff?.d ?? ',');
  const quoteRaw = String(sniff?.q ?? '"');
  const quote = quoteRaw === '(empty)' ? '' : quoteRaw;
  const headers = cols.map((c) => String(c.name));
  // The reader renames a repeated header (email, email_1); a name ending in _<n> is
  // the hint, and the header line read as data tells renamed from real.
  const duplicates = headers.some((h) => /_\d+$/.test(h)) ? await duplicateHeaders(connection, path, delimiter, quote, headers) : [];
  return {
    path,
    file,
    kind,
    delimiter,
    quote,
    headers,
    types: cols.map(() => 'VARCHAR'),
    ...(duplicates.length > 0 ? { duplicates } : {}),
  };
}

async function duplicateHeaders(connection: DuckDBConnection, path: string, delimiter: string, quote: string, headers: readonly string[]): Promise<DuplicateHeader[]> {
  let raw: unknown[];
  try {
    const row = (
      await connection.runAndReadAll(
        `SELECT * FROM read_csv(${sqlString(path)}, header = false, delim = ${sqlString(delimiter)}, quote = ${sqlString(quote)}, all_varchar = true, null_padding = true, ignore_errors = true) LIMIT 1`,
      )
    ).getRowsJS()[0];
    raw = row ?? [];
  } catch {
    return [];
  }
  if (raw.length !== headers.length) return [];
  const byName = new Map<string, number[]>();
  raw.forEach((v, i) => {
    const name = String(v ?? '').trim();
    byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  return [...byName.entries()]
    .filter(([, at]) => at.length > 1)
    .map(([header, at]) => ({ header, names: at.map((i) => headers[i]!), positions: at.map((i) => i + 1) }));
}

async function openParquet(connection: DuckDBConnection, path: string, file: string, kind: FileKind): Promise<FileSource> {
  const rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`)).getRowObjectsJS();
  return {
    path,
    file,
    kind,
    delimiter: null,
    quote: null,
    headers: rows.map((r) => String(r.column_name)),
    types: rows.map((r) => String(r.column_type)),
  };
}

/** JSON keys in first-seen order over the first rows; every value is read as text and typed later. */
async function openJson(connection: DuckDBConnection, path: string, file: string, kind: FileKind): Promise<FileSource> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT json_type(json) AS t, json_keys(json) AS k FROM read_json_objects(${sqlString(path)}, format = 'auto') LIMIT 1000`,
    )
  ).getRowObjectsJS();
  const headers: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (String(r.t) !== 'OBJECT') {
      throw single(file, `${file}, line ${i + 1}: each line must be one JSON object like {"lead_id": "L1", ...}, but this one is a ${String(r.t).toLowerCase()}.`, i + 1);
    }
    for (const k of z.array(z.string()).parse(r.k ?? [])) {
      if (!seen.has(k)) {
        seen.add(k);
        headers.push(k);
      }
    }
  });
  return { path, file, kind, delimiter: null, quote: null, headers, types: headers.map(() => 'VARCHAR') };
}

/** CSV reader options shared by preview and import, so both see the same columns. */
export function csvOptions(src: FileSource): string {
  const parts = ['header = true'];
  if (src.delimiter !== null) parts.push(`delim = ${sqlString(src.delimiter)}`);
  if (src.quote !== null) parts.push(`quote = ${sqlString(src.quote)}`);
  return parts.join(', ');
}

/**
 * A SELECT over the whole file whose columns are the file's headers (only
 * `columns` when given), every value as the reader delivers it. CSV and JSON
 * give text; Parquet its own types.
 */
export function rawSelectSql(src: FileSource, columns?: readonly string[]): string {
  const path = sqlString(src.path);
  if (src.kind.format === 'csv') {
    const list = columns ? columns.map(sqlIdent).join(', ') : '*';
    return `SELECT ${list} FROM read_csv(${path}, ${csvOptions(src)}, all_varchar = true)`;
  }
  if (src.kind.format === 'parquet') {
    const list = columns ? columns.map(sqlIdent).join(', ') : '*';
    return `SELECT ${list} FROM read_parquet(${path})`;
  }
  const keys = columns ?? src.headers;
  const list = keys.length > 0 ? keys.map((k) => `json ->> ${sqlString(k)} AS ${sqlIdent(k)}`).join(', ') : 'NULL AS "(no keys)"';
  return `SELECT ${list} FROM read_json_objects(${path}, format = 'auto')`;
}

function single(file: string, message: string, row?: number): ImportError {
  return new ImportError([{ file, message, ...(row !== undefined ? { row, rowKind: 'line' as const } : {}) }]);
}

/** DuckDB's reader errors, in words: the raw text is never shown. */
export function translateReadError(err: unknown, file: string, kind: FileKind): ImportError {
  const text = err instanceof Error ? err.message : String(err);
  const lineMatch = /line:?\s*(\d+)/i.exec(text);
  const line = lineMatch ? Number(lineMatch[1]) : undefined;
  const at = line !== undefined ? ` (near line ${line})` : '';
  if (/unicode|utf-?8|encoding/i.test(text)) {
    return single(
      file,
      `${file} is not UTF-8 text${at}. Save it as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)", in Google Sheets use File > Download > CSV.`,
      line,
    );
  }
  if (/maximum line size|line size/i.test(text)) {
    // The sniffer reports where it stopped, not the long line itself: no line number rather than a wrong one.
    return single(file, `${file} has a line longer than 2 MB. Check for a cell with a stray quote that swallows the rest of the file, or a very long text cell.`);
  }
  if (kind.format === 'parquet') {
    return single(file, `${file} is not a readable Parquet file. Export it again as Parquet, or as CSV.`);
  }
  if (kind.format === 'jsonl') {
    // DuckDB's JSON reader counts lines from one past the file's (seen on 1.5: a bad line 2 is reported as line 3).
    const jsonLine = /in line (\d+)/.exec(text);
    const l = jsonLine ? Math.max(1, Number(jsonLine[1]) - 1) : undefined;
    const at = l !== undefined ? ` (line ${l})` : '';
    const line = l;
    return single(file, `${file} is not valid JSON Lines${at}: each line must be one JSON object, like {"lead_id": "L1", "created_at": "2025-03-14T09:30:00Z"}.`, line);
  }
  if (/gzip|zlib|decompress|compress/i.test(text)) {
    return single(file, brokenGzipMessage(file));
  }
  return single(
    file,
    `${file} could not be read as CSV${at}. Check that it is UTF-8 text with a header row and comma, semicolon or tab separators, and that quotes around values are closed.`,
    line,
  );
}
