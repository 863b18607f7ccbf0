// Golden-output check for performance work: every forecast field of a fixed
// sequence of scenarios, written to a JSON file, and a comparison of two such
// files to a relative tolerance. The sequence revisits scenarios in an order
// that exercises per-session caches (threshold moves, SLA-only, capacity-only,
// back to an earlier scenario), so a cache keyed on the wrong inputs shows up.
//
//   npx tsx bench/forecast-golden.ts --workspace W.duckdb [--dir scenarios-dir] --out A.json [--runs 3]
//   npx tsx bench/forecast-golden.ts --compare A.json B.json [--tol 1e-9]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forecast } from '../engine/forecast/forecast';
import { ForecastSession } from '../engine/forecast/session';
import { openWorkspace } from '../engine/workspace/database';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

async function produce(wsPath: string, dir: string | undefined, out: string, runs: number): Promise<void> {
  const ws = await openWorkspace(wsPath);
  try {
    const session = await ForecastSession.open(ws);
    const base = session.baseline;
    const window = { from: '2025-01-01', to: '2025-12-31' };
    const th = base.mql.threshold;
    const mk = (extra: Record<string, unknown>): unknown => ({ version: 1, window, ...extra });
    const fromDir: { name: string; scenario: unknown }[] = dir
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => ({ name: f, scenario: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }))
      : [];
    const cases: { name: string; scenario: unknown; runs: number }[] = [
      { name: 'baseline', scenario: mk({}), runs: 0 },
      { name: 'th+5', scenario: mk({ mql: { ...base.mql, threshold: th + 5 } }), runs: 0 },
      { name: 'th+6', scenario: mk({ mql: { ...base.mql, threshold: th + 6 } }), runs: 0 },
      { name: 'th-8', scenario: mk({ mql: { ...base.mql, threshold: th - 8 } }), runs: 0 },
      { name: 'th+5 again', scenario: mk({ mql: { ...base.mql, threshold: th + 5 } }), runs: 0 },
      ...fromDir.map((c) => ({ ...c, runs: 0 })),
      { name: 'th+5 third', scenario: mk({ mql: { ...base.mql, threshold: th + 5 } }), runs: 0 },
      { name: 'baseline again', scenario: mk({}), runs: 0 },
      { name: 'th-3 window H1', scenario: { version: 1, window: { from: '2025-01-01', to: '2025-06-30' }, mql: { ...base.mql, threshold: th - 3 } }, runs: 0 },
      ...fromDir.map((c) => ({ ...c, name: `${c.name} again`, runs: 0 })),
      ...(runs > 0 ? [{ name: `th+5 runs ${runs}`, scenario: mk({ mql: { ...base.mql, threshold: th + 5 } }), runs }] : []),
    ];
    const results: Record<string, Json> = {};
    for (const c of cases) {
      const t0 = performance.now();
      const f = await forecast(session, c.scenario, { runs: c.runs, seed: 7 });
      const { elapsedMs: _ignored, ...details } = f.details;
      results[c.name] = JSON.parse(JSON.stringify({ ...f, details })) as Json;
      console.error(`${c.name}: ${(performance.now() - t0).toFixed(0)} ms`);
    }
    writeFileSync(out, JSON.stringify(results, null, 1));
  } finally {
    ws.close();
  }
}

function compare(a: Json, b: Json, tol: number, path: string, diffs: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    if (!(Math.abs(a - b) <= tol * scale) && !(Number.isNaN(a) && Number.isNaN(b))) diffs.push(`${path}: ${a} vs ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) diffs.push(`${path}: length ${a.length} vs ${b.length}`);
    for (let k = 0; k < Math.min(a.length, b.length); k++) compare(a[k]!, b[k]!, tol, `${path}[${k}]`, diffs);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(k in a) || !(k in b)) diffs.push(`${path}.${k}: missing on one side`);
      else compare(a[k]!, b[k]!, tol, `${path}.${k}`, diffs);
    }
    return;
  }
  if (a !== b) diffs.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workspace: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' }, runs: { type: 'string', default: '0' }, compare: { type: 'boolean' }, tol: { type: 'string', default: '1e-9' } },
  });
  if (values.compare) {
    const [fa, fb] = positionals;
    if (!fa || !fb) throw new Error('--compare A.json B.json');
    const diffs: string[] = [];
    compare(JSON.parse(readFileSync(fa, 'utf8')) as Json, JSON.parse(readFileSync(fb, 'utf8')) as Json, Number(values.tol), '', diffs);
    console.log(diffs.length === 0 ? 'identical within tolerance' : `${diffs.length} differences:\n${diffs.slice(0, 40).join('\n')}`);
    if (diffs.length > 0) process.exitCode = 1;
    return;
  }
  if (!values.workspace || !values.out) throw new Error('--workspace W.duckdb --out A.json');
  await produce(values.workspace, values.dir, values.out, Number(values.runs));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
