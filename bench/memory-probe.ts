// Where an L session's resident memory goes: RSS, V8 heap, array buffers and DuckDB's own
// accounting (duckdb_memory()) after each stage of opening a session and moving the slider.
//   npx tsx bench/memory-probe.ts --workspace W.duckdb [--moves 3] [--runs 200] [--sql 'SET ...' (run after the session opens)]
import { parseArgs } from 'node:util';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { openWorkspace, type Workspace } from '../engine/workspace/database';

const MB = 1024 * 1024;

async function duckdbMemory(ws: Workspace): Promise<string> {
  const rows = (
    await ws.connection.runAndReadAll(
      `SELECT tag, (memory_usage_bytes / 1048576)::INTEGER AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 1048576 ORDER BY memory_usage_bytes DESC`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => `${String(r.tag)} ${String(r.mb)}`).join(', ') || 'none';
}

const stages: string[] = [];

async function report(ws: Workspace, stage: string): Promise<void> {
  const m = process.memoryUsage();
  const max = process.resourceUsage().maxRSS / 1024;
  stages.push(`${stage} ${(m.rss / MB).toFixed(0)} MB`);
  console.log(
    `${stage.padEnd(34)} rss ${(m.rss / MB).toFixed(0)} MiB (max ${max.toFixed(0)}), heap ${(m.heapUsed / MB).toFixed(0)}, arrayBuffers ${(m.arrayBuffers / MB).toFixed(0)}; duckdb: ${await duckdbMemory(ws)}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, moves: { type: 'string', default: '3' }, sql: { type: 'string', multiple: true }, runs: { type: 'string', default: '0' }, json: { type: 'boolean', default: false } } });
  if (!values.workspace) throw new Error('--workspace W.duckdb');
  const ws = await openWorkspace(values.workspace);
  try {
    await report(ws, 'workspace open');
    const session = await ForecastSession.open(ws);
    await report(ws, 'session open');
    for (const sql of values.sql ?? []) {
      await ws.connection.run(sql);
      await report(ws, sql.slice(0, 34));
    }
    const base = session.baseline;
    for (let i = 0; i < Number(values.moves); i++) {
      const t = performance.now();
      await forecast(session, { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 6 + i }, window: { from: '2025-01-01', to: '2025-12-31' } }, { runs: 0 });
      await report(ws, `move ${i + 1} (${(performance.now() - t).toFixed(0)} ms)`);
    }
    const runs = Number(values.runs);
    if (runs > 0) {
      const t = performance.now();
      await forecast(session, { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 5 }, window: { from: '2025-01-01', to: '2025-12-31' } }, { runs });
      await report(ws, `${runs} runs (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
  } finally {
    ws.close();
  }
  if (values.json) console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, stages }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
