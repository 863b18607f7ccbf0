// Which typed arrays a warm session holds, largest first (paths from the session object):
//   npx tsx bench/typed-arrays.ts --workspace W.duckdb [--moves 1] [--runs 0] [--min-mb 1]
import { parseArgs } from 'node:util';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { openWorkspace } from '../engine/workspace/database';

const MB = 1024 * 1024;

function walk(root: unknown, minBytes: number): Map<ArrayBufferLike, { path: string; bytes: number }> {
  const seen = new Set<object>();
  const found = new Map<ArrayBufferLike, { path: string; bytes: number }>();
  const stack: [unknown, string, number][] = [[root, 'session', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > 12) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const buf = v.buffer;
      if (buf.byteLength >= minBytes && !found.has(buf)) found.set(buf, { path, bytes: buf.byteLength });
      continue;
    }
    if (v instanceof Map) {
      let i = 0;
      for (const [k, x] of v) if (i++ < 200) stack.push([x, `${path}<${String(k).slice(0, 30)}>`, depth + 1]);
      continue;
    }
    if (Array.isArray(v)) {
      v.slice(0, 200).forEach((x, i) => stack.push([x, `${path}[${i}]`, depth + 1]));
      continue;
    }
    for (const k of Object.getOwnPropertyNames(v)) {
      let x: unknown;
      try {
        x = (v as Record<string, unknown>)[k];
      } catch {
        continue;
      }
      stack.push([x, `${path}.${k}`, depth + 1]);
    }
  }
  return found;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, moves: { type: 'string', default: '1' }, runs: { type: 'string', default: '0' }, 'min-mb': { type: 'string', default: '1' } } });
  if (!values.workspace) throw new Error('--workspace W.duckdb');
  const ws = await openWorkspace(values.workspace);
  try {
    const session = await ForecastSession.open(ws);
    const base = session.baseline;
    for (let i = 0; i < Number(values.moves); i++) {
      await forecast(session, { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 6 + i }, window: { from: '2025-01-01', to: '2025-12-31' } }, { runs: 0 });
    }
    if (Number(values.runs) > 0) await forecast(session, { version: 1, mql: { ...base.mql, threshold: base.mql.threshold + 5 }, window: { from: '2025-01-01', to: '2025-12-31' } }, { runs: Number(values.runs) });
    const found = [...walk(session, Number(values['min-mb']) * MB).values()].sort((a, b) => b.bytes - a.bytes);
    let total = 0;
    for (const f of found) total += f.bytes;
    console.log(`typed-array buffers >= ${values['min-mb']} MB reachable from the session: ${(total / MB).toFixed(0)} MB in ${found.length}; arrayBuffers ${(process.memoryUsage().arrayBuffers / MB).toFixed(0)} MB`);
    for (const f of found) console.log(`${(f.bytes / MB).toFixed(1).padStart(8)}  ${f.path}`);
  } finally {
    ws.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
