// Opening a user's file with DuckDB's own readers (read_csv, read_parquet,
// read_json_objects): what format it is, its headers and their types, and the
// SQL that reads it. No bytes are parsed in JavaScript.
import { existsSync, statSync } from 'node:fs';
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
}

const SniffColumns = z.array(z.object({ name: z.string() }));

const SUPPORTED = 'CSV (.csv, .tsv, .txt, optionally .gz), Parquet (.parquet) or JSON Lines (.jsonl, .ndjson, optionally .gz)';

export async function openFileSource(connection: DuckDBConnection, path: string): Promise<FileSource> {
  const file = basename(path);
  if (!existsSync(path)) throw single(file, `${file} was not found at ${path}. Check the path and try again.`);
  const kind = fileKind(path);
  if (!kind) throw single(file, `${file} is not a supported file type. Use ${SUPPORTED}.`);
  if (statSync(path).size === 0) {
    throw single(file, `${file} is empty: it has no header row and no data. Export the table again, with a header row.`);
  }
  try {
    if (kind.format === 'csv') return await openCsv(connection, path, file, kind);
    if (kind.format === 'parquet') return await openParquet(connection, path, file, kind);
    return await openJson(connection, path, file, kind);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw translateReadError(err, file, kind);
  }
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
  return {
    path,
    file,
    kind,
    delimiter,
    quote: quoteRaw === '(empty)' ? '' : quoteRaw,
    headers: cols.map((c) => String(c.name)),
    types: cols.map(() => 'VARCHAR'),
  };
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
    return single(file, `${file} could not be unpacked: it ends in .gz but is not a complete gzip file. Compress it again or use the plain CSV.`);
  }
  return single(
    file,
    `${file} could not be read as CSV${at}. Check that it is UTF-8 text with a header row and comma, semicolon or tab separators, and that quotes around values are closed.`,
    line,
  );
}
