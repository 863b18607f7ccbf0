// bench/RESULTS.md: machine, date, load, and one table per size (rewritten by each run).
import { writeFileSync } from 'node:fs';
import type { Stats } from './measure';

export interface Row {
  readonly step: string;
  readonly stats: Stats;
  /** The reference's timing (same process, same data), when there is one. */
  readonly reference?: { readonly label: string; readonly stats: Stats };
  /** How the ratio reads, e.g. "engine / read_csv" or "SQL / engine". */
  readonly ratio?: { readonly value: number; readonly label: string };
  readonly target?: string;
  /** null: the target is not for this size (informational). */
  readonly pass?: boolean | null;
  readonly note?: string;
  /** Default ms. */
  readonly unit?: 'ms' | 'MB';
}

export interface SizeSection {
  readonly size: string;
  readonly counts: string;
  readonly rows: readonly Row[];
  readonly notes: readonly string[];
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly duckdb: string;
  readonly date: string;
  readonly loadAtStart: readonly number[];
  readonly loadAtEnd: readonly number[];
  readonly command: string;
}

const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`);

const mb = (x: number): string => `${x.toFixed(0)} MB`;

export function fmtStats(s: Stats, unit: 'ms' | 'MB' = 'ms'): string {
  const f = unit === 'ms' ? ms : mb;
  return s.runs === 1 ? `${f(s.median)} (n=1)` : `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.runs})`;
}

function row(r: Row): string {
  const ref = r.reference ? `${r.reference.label}: ${fmtStats(r.reference.stats)}` : '';
  const ratio = r.ratio ? `${r.ratio.value.toFixed(2)}x ${r.ratio.label}` : '';
  const pass = r.pass === undefined || r.pass === null ? (r.target ? 'n/a at this size' : '') : r.pass ? '**pass**' : '**FAIL**';
  const cells = [r.step, fmtStats(r.stats, r.unit), ref, ratio, r.target ?? '', pass, r.note ?? ''];
  return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}

export function writeResults(path: string, machine: Machine, sections: readonly SizeSection[], preface: readonly string[]): void {
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(`Written by \`${machine.command}\` (bench/run.ts); every run rewrites this file.`, '');
  out.push('| | |', '|---|---|');
  out.push(`| date | ${machine.date} |`);
  out.push(`| machine | ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB RAM, ${machine.os} |`);
  out.push(`| node | ${machine.node} |`);
  out.push(`| DuckDB | ${machine.duckdb} (@duckdb/node-api, threads 2) |`);
  out.push(`| load average at start (1/5/15 min) | ${machine.loadAtStart.map((x) => x.toFixed(2)).join(' / ')} |`);
  out.push(`| load average at end | ${machine.loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} |`);
  out.push('');
  for (const p of preface) out.push(p);
  if (preface.length > 0) out.push('');
  out.push('Times: median (min–max, n = timed runs after one untimed warm-up). Ratio > 1 in "x slower" means the engine is slower than the reference.', '');
  for (const s of sections) {
    out.push(`## ${s.size}: ${s.counts}`, '');
    out.push('| step | engine: median (min–max) | reference: median (min–max) | ratio | DESIGN.md target | result | note |');
    out.push('|---|---|---|---|---|---|---|');
    for (const r of s.rows) out.push(row(r));
    out.push('');
    for (const n of s.notes) out.push(`- ${n}`);
    if (s.notes.length > 0) out.push('');
  }
  writeFileSync(path, out.join('\n'));
}
