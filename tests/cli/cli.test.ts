// The CLI as a user runs it: real files, a real workspace, exit codes and the
// one line a user reads when something is wrong.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../engine/cli/main';
import type { CliOutput } from '../../engine/cli/command';
import { writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/handoff-lab.mjs');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliOutput = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('handoff-lab CLI', () => {
  const dir = scratchDir();
  const data = writeHistory(join(dir, 'export'));
  const ws = join(dir, 'team.duckdb');

  it('imports a folder, then reports quality and metrics from the workspace', async () => {
    const imported = await cli(['import', '--workspace', ws, '--dir', data]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/leads\s+leads\.csv\s+3/);
    expect(imported.out).toMatch(/handoffs\s+handoffs\.csv\s+2/);

    const quality = await cli(['quality', '--workspace', ws, '--format', 'json']);
    expect(quality.code).toBe(0);
    const q = JSON.parse(quality.out) as { quality: { leads: number; freeEmail: { count: number; base: number } } };
    expect(q.quality.leads).toBe(3);
    // bob@gmail.com is the one free-mail address among three.
    expect(q.quality.freeEmail).toMatchObject({ count: 1, base: 3 });

    const metrics = await cli(['metrics', '--workspace', ws, '--format', 'json']);
    expect(metrics.code).toBe(0);
    const m = JSON.parse(metrics.out) as { metrics: Record<string, { observed: number | null }>; segments: Record<string, unknown[]> };
    // Two MQLs: L1 accepted, L2 rejected.
    expect(m.metrics.mql_count?.observed).toBe(2);
    expect(m.metrics.acceptance_rate?.observed).toBe(0.5);
    expect(m.metrics.rejection_rate?.observed).toBe(0.5);
    expect(Object.keys(m.segments)).toEqual(expect.arrayContaining(['tier', 'source', 'week']));

    const table = await cli(['metrics', '--workspace', ws, '--from', '2025-01-01', '--to', '2025-01-31']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/acceptance_rate\s+50\.0%\s+1 of 2/);
  });

  it('fails a bad import with one line naming file, row and column, and keeps the workspace', async () => {
    const broken = writeHistory(join(dir, 'broken'), {
      'handoffs.csv': 'lead_id,mql_at,score_at_mql\nL1,2025-01-05 09:00,72\nL2,not a date,55\n',
    });
    const res = await cli(['import', '--workspace', ws, '--dir', broken]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('handoffs.csv');
    expect(res.err).toContain('mql_at');
    expect(res.err).toContain('not a date');
    expect(res.err).not.toMatch(/\n\s+at /);
    const after = JSON.parse((await cli(['quality', '--workspace', ws, '--format', 'json'])).out) as { quality: { leads: number; handoffs: number } };
    expect(after.quality).toMatchObject({ leads: 3, handoffs: 2 });
  });

  it('says how to call it when flags are wrong', async () => {
    expect((await cli(['metrics', '--workspace', ws, '--format', 'xml'])).err).toContain('--format must be "table" or "json"');
    expect((await cli(['metrics', '--workspace', ws, '--format', 'xml'])).code).toBe(2);
    const missing = await cli(['metrics', '--workspace', join(dir, 'nope.duckdb')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('was not found');
    expect(existsSync(join(dir, 'nope.duckdb'))).toBe(false);
    expect((await cli(['metrics', '--workspace', ws, '--from', '2025-13-01'])).err).toMatch(/from/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['import', '--workspace', ws, '--bogus', 'x'])).code).toBe(2);
  });

  it('runs as an installed command: exit codes, no stack trace unless --debug', async () => {
    const ok = await run(process.execPath, [BIN, 'metrics', '--workspace', ws, '--format', 'json']);
    expect((JSON.parse(ok.stdout) as { metrics: { mql_count: { observed: number } } }).metrics.mql_count.observed).toBe(2);
    const bad = await run(process.execPath, [BIN, 'import', '--workspace', ws, '--dir', join(dir, 'missing-folder')]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad?.code).toBe(1);
    expect(bad?.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad?.stderr).toContain('missing-folder was not found');
    const debug = await run(process.execPath, [BIN, 'import', '--workspace', ws, '--dir', join(dir, 'missing-folder'), '--debug']).then(
      () => null,
      (e: { stderr: string }) => e,
    );
    expect(debug?.stderr).toMatch(/\n\s+at /);
  });
});
