// npx tsx bench/import-timing.ts [--size M|L] [--runs 3] [--trace]
// Step 1 of bench/run.ts alone: in one process, alternates DuckDB's read_csv
// import and importDirectory of the same world into fresh files (warm-up pair
// first), and prints medians (min-max) and the ratio. The machine is shared,
// so only the ratio within one process means much. --trace logs each SQL
// statement's wall time for the last engine run, to see where the time goes.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBConnection } from '@duckdb/node-api';
import { importDirectory } from '../engine/import/importer';
import { openWorkspace } from '../engine/workspace/database';
import { statsOf, type Stats } from './measure';
import { openReferenceDb, referenceImport } from './sql-reference';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    runs: { type: 'string', default: '3' },
    trace: { type: 'boolean', default: false },
  },
});
const dir = join('bench/data', values.size.toUpperCase());
const runs = Number(values.runs);
const log = (s: string): void => void process.stderr.write(`${s}\n`);

interface TraceEntry {
  readonly sql: string;
  readonly ms: number;
}
const traced: TraceEntry[] = [];
let tracing = false;
let traceLabel = '';

/** Wraps the connection's statement methods so each statement's wall time is recorded while tracing. */
function installTrace(): void {
  const proto = DuckDBConnection.prototype;
  const run = proto.run;
  const readAll = proto.runAndReadAll;
  // runAndReadAll may call run itself: only the outermost call is recorded.
  let depth = 0;
  const timed = async <T>(sql: string, call: () => Promise<T>): Promise<T> => {
    if (!tracing || depth > 0) return call();
    const t0 = performance.now();
    depth++;
    try {
      return await call();
    } finally {
      depth--;
      traced.push({ sql: `${traceLabel}: ${sql}`, ms: performance.now() - t0 });
    }
  };
  proto.run = function (this: DuckDBConnection, ...args: Parameters<typeof run>) {
    return timed(args[0], () => run.apply(this, args));
  };
  proto.runAndReadAll = function (this: DuckDBConnection, ...args: Parameters<typeof readAll>) {
    return timed(args[0], () => readAll.apply(this, args));
  };
}

function rmDb(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

/** Wall and CPU time (ms) of one call; CPU (all of DuckDB's threads, in this process) suffers less from a shared machine. */
interface Took {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Took> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

async function engineOnce(path: string): Promise<Took> {
  rmDb(path);
  const ws = await openWorkspace(path);
  const took = await timed(async () => {
    await importDirectory(ws, dir);
    await ws.connection.run('CHECKPOINT');
  });
  ws.close();
  rmDb(path);
  return took;
}

async function referenceOnce(path: string): Promise<Took> {
  rmDb(path);
  const ref = await openReferenceDb(path);
  const took = await timed(() => referenceImport(dir, ref.connection));
  ref.close();
  rmDb(path);
  return took;
}

const fmt = (s: Stats): string => `${(s.median / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}-${(s.max / 1000).toFixed(2)})`;

async function main(): Promise<void> {
  if (values.trace) installTrace();
  const scratch = mkdtempSync(join(os.tmpdir(), 'hl-import-timing-'));
  const ref: Took[] = [];
  const eng: Took[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const warm = i === 0;
      tracing = values.trace && i === runs;
      traceLabel = 'ref';
      const r = await referenceOnce(join(scratch, 'ref.duckdb'));
      traceLabel = 'eng';
      const e = await engineOnce(join(scratch, 'ws.duckdb'));
      tracing = false;
      log(
        `${warm ? 'warm-up' : `run ${i}/${runs}`}: reference ${(r.wall / 1000).toFixed(2)} s (cpu ${(r.cpu / 1000).toFixed(2)}), ` +
          `engine ${(e.wall / 1000).toFixed(2)} s (cpu ${(e.cpu / 1000).toFixed(2)}), ratio ${(e.wall / r.wall).toFixed(2)} (cpu ${(e.cpu / r.cpu).toFixed(2)})`,
      );
      if (!warm) {
        ref.push(r);
        eng.push(e);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const k of ['wall', 'cpu'] as const) {
    const r = statsOf(ref.map((t) => t[k]));
    const e = statsOf(eng.map((t) => t[k]));
    log(`${dir} ${k}: reference ${fmt(r)}, engine ${fmt(e)}, ratio of medians ${(e.median / r.median).toFixed(2)}`);
  }
  if (values.trace) {
    log('\nstatements of the last reference and engine runs, >= 20 ms, in order:');
    for (const t of traced) if (t.ms >= 20) log(`${t.ms.toFixed(0).padStart(7)} ms  ${t.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    log(`${traced.length} statements, ${(traced.reduce((s, t) => s + t.ms, 0) / 1000).toFixed(2)} s in all`);
  }
}

await main();
