// Buffered CSV writing: rows are appended to a string buffer flushed in ~1 MB chunks with
// synchronous writes, so a 20M-row file streams to disk without growing the heap.
import { closeSync, openSync, writeSync } from 'node:fs';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export class CsvWriter {
  private readonly fd: number;
  private buf = '';
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.buf = `${header.join(',')}\n`;
  }

  /** A row of already-safe fields (ids, numbers, timestamps, vocabulary words). */
  raw(line: string): void {
    this.buf += line;
    this.buf += '\n';
    this.rows++;
    if (this.buf.length > 1 << 20) this.flush();
  }

  /** A row of arbitrary text fields, quoted where needed. */
  row(fields: readonly string[]): void {
    this.raw(fields.map(csvField).join(','));
  }

  private flush(): void {
    if (this.buf.length > 0) writeSync(this.fd, this.buf);
    this.buf = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
