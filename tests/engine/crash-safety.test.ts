// A killed process never corrupts a workspace (DESIGN "Safety the app must
// keep"): real child processes do the writing and are SIGKILLed at points they
// announce themselves; the workspace is then reopened here.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../engine/import/importer';
import { ScenarioStore } from '../../engine/scenario/store';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { TABLE_NAMES } from '../../engine/workspace/tables';
import { writeBigHistory, type BigHistoryCounts } from '../support/big-history';
import { runChild } from '../support/child-process';
import { crashScenario } from '../support/crash-child';
import { writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';
import { rows, snapshotWorkspace } from '../support/workspace-snapshot';

/** What tells an old history from a new one: row counts, import log length and the extra tables. */
async function state(ws: Workspace): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of TABLE_NAMES) out[t] = Number((await rows(ws, `SELECT count(*) AS n FROM ${t}`))[0]!.n);
  out.imports = Number((await rows(ws, `SELECT count(*) AS n FROM hl_imports`))[0]!.n);
  out.tables = (await rows(ws, `SELECT table_name FROM duckdb_tables() ORDER BY 1`)).map((r) => String(r.table_name));
  return out;
}

/** Table names in the file as it is on disk, read without openWorkspace's clean-up. */
async function rawTables(path: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).getRowObjectsJS().map((r) => String(r.table_name));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

describe('crash safety: SIGKILL during an import', () => {
  const dir = scratchDir('hl-crash-');
  const wsPath = join(dir, 'ws.duckdb');
  const big = join(dir, 'big');
  let counts: BigHistoryCounts;
  let before: string;
  let oldState: Record<string, unknown>;

  beforeAll(async () => {
    // 60k leads, 600k activities (~35 MB of CSV): the import takes a few seconds.
    counts = await writeBigHistory(big, 60_000, 10);
    const ws = await openWorkspace(wsPath);
    await importDirectory(ws, writeHistory(join(dir, 'small')));
    before = await snapshotWorkspace(ws);
    oldState = await state(ws);
    ws.close();
  });

  const newState = (): Record<string, unknown> => ({
    leads: counts.leads,
    activities: counts.activities,
    handoffs: counts.handoffs,
    dispositions: counts.dispositions,
    reps: 0,
    imports: 2,
    tables: oldState.tables,
  });

  it('killed while reading the big file: reopens with exactly the previous history and no staging tables', async () => {
    const run = await runChild(['import', wsPath, big], (l) => l === 'PROGRESS reading activities.csv');
    expect(run.killedAt).toBe('PROGRESS reading activities.csv');
    expect(run.signal).toBe('SIGKILL');
    expect(run.lines).not.toContain('DONE');
    // leads.csv was staged (and committed) before the kill: the file really holds a leftover.
    expect(await rawTables(wsPath)).toContain('hl_stage_leads');

    const ws = await openWorkspace(wsPath);
    try {
      expect(await snapshotWorkspace(ws)).toBe(before);
      expect(await rows(ws, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'hl_stage_%' OR table_name LIKE 'hl_rejects%'`)).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('killed right after "saving" (the swap): the workspace is wholly old or wholly new, never mixed', async () => {
    const run = await runChild(['import', wsPath, big], (l) => l.startsWith('PROGRESS saving'));
    expect(run.killedAt).toBe('PROGRESS saving -');
    expect(run.lines).toContain('PROGRESS checking -');
    const ws = await openWorkspace(wsPath);
    try {
      const now = await state(ws);
      // The swap is one transaction: either its COMMIT reached the file or nothing of it did.
      expect([oldState, newState()]).toContainEqual(now);
      if (now.imports === oldState.imports) expect(await snapshotWorkspace(ws)).toBe(before);
      // Wholly new: the small history's L1 (Ann at Acme) is gone; the big history has an L1 of its own.
      else expect(await rows(ws, `SELECT count(*)::INTEGER AS n FROM leads WHERE email = 'ann@acme.com'`)).toEqual([{ n: 0 }]);
    } finally {
      ws.close();
    }
  });

  it('after the kills the same import runs to completion; killed right after its COMMIT it reopens wholly new', async () => {
    // "done" is reported after the swap's COMMIT returned and before the workspace is closed (no checkpoint yet).
    const run = await runChild(['import', wsPath, big], (l) => l.startsWith('PROGRESS done'));
    expect(run.killedAt).toBe('PROGRESS done -');
    const ws = await openWorkspace(wsPath);
    try {
      const now = await state(ws);
      expect({ ...now, imports: 0 }).toEqual({ ...newState(), imports: 0 });
      // Two imports logged if the kill at "saving" lost its swap, three if that swap had committed.
      expect([2, 3]).toContain(now.imports);
      expect(await rows(ws, `SELECT lead_id, company_size FROM leads WHERE lead_id IN ('L0', 'L59999') ORDER BY 1`)).toEqual([
        { lead_id: 'L0', company_size: 0n },
        { lead_id: 'L59999', company_size: 59999n % 5000n },
      ]);
    } finally {
      ws.close();
    }
  });
});

describe('crash safety: SIGKILL during scenario saves', () => {
  const dir = scratchDir('hl-crash-scn-');
  const wsPath = join(dir, 'scn.duckdb');

  it('every scenario that survives is whole and valid; the saves before the kill all survive', async () => {
    const ws = await openWorkspace(wsPath);
    await new ScenarioStore(ws).save('kept', { version: 1, mql: { threshold: 70 } });
    ws.close();

    const run = await runChild(['scenarios', wsPath, '5000'], (l) => l === 'SAVED 40');
    expect(run.killedAt).toBe('SAVED 40');
    const printed = run.lines.filter((l) => l.startsWith('SAVED ')).length;
    expect(run.lines).not.toContain('DONE');

    const again = await openWorkspace(wsPath);
    try {
      const store = new ScenarioStore(again);
      const names = (await store.list()).map((s) => s.name);
      expect(names).toContain('kept');
      const saved = names.filter((n) => n !== 'kept').map((n) => Number(n.slice(1))).sort((a, b) => a - b);
      // Every save the child reported is there, plus at most the one it was doing when killed... or more
      // that committed before the kill reached it; never a gap.
      expect(saved.length).toBeGreaterThanOrEqual(printed);
      expect(saved).toEqual(saved.map((_, i) => i));
      for (const i of saved) {
        const got = await store.get(`s${i}`);
        expect(got?.scenario).toEqual({ ...crashScenario(i), name: `s${i}` });
      }
      expect((await store.get('kept'))?.scenario.mql?.threshold).toBe(70);
      // And the workspace takes new writes.
      await store.save('after', { version: 1 });
      expect((await store.list()).map((s) => s.name)).toContain('after');
    } finally {
      again.close();
    }
  });

  it('killed mid-way through renames (delete + insert in one transaction): the scenario is under exactly one name, whole', async () => {
    const path = join(dir, 'rename.duckdb');
    const ws = await openWorkspace(path);
    const created = (await new ScenarioStore(ws).save('a', { version: 1, mql: { threshold: 64 } })).createdAt;
    ws.close();

    const run = await runChild(['renames', path, '5000'], (l) => l === 'RENAMED 30');
    expect(run.killedAt).toBe('RENAMED 30');
    const again = await openWorkspace(path);
    try {
      const store = new ScenarioStore(again);
      const names = (await store.list()).map((s) => s.name);
      expect(names).toHaveLength(1);
      expect(['a', 'b']).toContain(names[0]);
      const got = await store.getOrThrow(names[0]!);
      expect(got.scenario).toEqual({ version: 1, name: names[0], mql: { threshold: 64 } });
      expect(got.createdAt).toBe(created);
    } finally {
      again.close();
    }
  });
});
