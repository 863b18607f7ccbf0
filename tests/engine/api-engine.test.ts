// The engine behind EngineApi, called the way both transports call it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';

describe('Engine', () => {
  const dir = scratchDir();

  it('opens the shipped sample in one call, streaming progress, and imports it only once', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    const events: ProgressEvent[] = [];
    engine.onProgress((e) => events.push(e));
    const first = await invokeEngine(engine, 'openSample', { jobId: 'sample-1' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const info = first.value as { path: string; rowCounts: Record<string, number> };
    expect(info.path).toBe(join(dir, 'data', 'sample.duckdb'));
    // The shipped world: 10,000 leads and one disposition row per handoff.
    expect(info.rowCounts.leads).toBe(10_000);
    expect(info.rowCounts.handoffs).toBeGreaterThan(1000);
    expect(info.rowCounts.dispositions).toBe(info.rowCounts.handoffs);
    expect(events.every((e) => e.jobId === 'sample-1')).toBe(true);
    expect(events.at(-1)?.fraction).toBe(1);
    expect(events.some((e) => e.fraction > 0 && e.fraction < 1)).toBe(true);

    const before = events.length;
    const again = await invokeEngine(engine, 'openSample', { jobId: 'sample-2' });
    expect(again).toEqual(first);
    // Reopening imports nothing: only the job's start and end.
    expect(events.slice(before).map((e) => e.fraction)).toEqual([0, 1]);
    engine.close();
  });

  it('measures the sample\'s handoff health as the world generator counted it', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    await engine.openSample({});
    const res = await invokeEngine(engine, 'metrics', { from: '2025-01-01', to: '2025-12-31' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const m = (res.value as { metrics: Record<string, { observed: number | null }> }).metrics;
    // truth.json's "observed" is the generator's own count over the files it wrote:
    // an independent implementation of the section-3 formulas.
    const truth = JSON.parse(readFileSync(join(import.meta.dirname, '../../sample-data/shipped/truth.json'), 'utf8')) as {
      observed: Record<string, number>;
    };
    expect(m.mql_count?.observed).toBe(truth.observed.mql_count);
    expect(m.acceptance_rate?.observed).toBeCloseTo(truth.observed.acceptance_rate ?? NaN, 4);
    expect(m.rejection_rate?.observed).toBeCloseTo(truth.observed.rejection_rate ?? NaN, 4);
    expect(m.median_hours_to_first_contact?.observed).toBeCloseTo(truth.observed.median_hours_to_first_contact ?? NaN, 2);
    expect(m.p90_hours_to_first_contact?.observed).toBeCloseTo(truth.observed.p90_hours_to_first_contact ?? NaN, 2);
    // These two leave out MQLs within 24 h / the SLA of the data's end (censored); the generator counts them.
    expect(Math.abs((m.black_hole_rate?.observed ?? NaN) - (truth.observed.black_hole_rate ?? NaN))).toBeLessThan(0.002);
    expect(Math.abs((m.sla_compliance_rate?.observed ?? NaN) - (truth.observed.sla_compliance_rate ?? NaN))).toBeLessThan(0.002);
    const unknownWindow = await invokeEngine(engine, 'metrics', { from: '2025-02-30' });
    expect(unknownWindow.ok).toBe(false);
    if (!unknownWindow.ok) expect(unknownWindow.error.message).toMatch(/^from: /);
    engine.close();
  });

  it('forecasts scenarios on the open workspace, keeping the fitted session between calls', async () => {
    const engine = new Engine({ dataDir: join(dir, 'data') });
    await engine.openSample({});
    const baseline = await invokeEngine(engine, 'forecast', { scenario: { version: 1 }, runs: 0 });
    expect(baseline.ok).toBe(true);
    if (!baseline.ok) return;
    type Forecast = { schema: string; metrics: Record<string, { observed: number | null; forecast: number | null }> };
    const base = baseline.value as Forecast;
    expect(base.schema).toBe('handoff-lab/forecast@1');
    // Identity: the policy in force forecasts the MQLs history shows.
    expect(base.metrics.mql_count?.forecast).toBe(base.metrics.mql_count?.observed);
    const raised = await invokeEngine(engine, 'forecast', { scenario: { version: 1, mql: { threshold: 75 } }, runs: 0 });
    expect(raised.ok).toBe(true);
    if (raised.ok) expect((raised.value as Forecast).metrics.mql_count?.forecast ?? Infinity).toBeLessThan(base.metrics.mql_count?.forecast ?? 0);
    const bad = await invokeEngine(engine, 'forecast', { scenario: { version: 1, mql: { threshold: 'seventy' } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.field).toBe('mql.threshold');
      expect(bad.error.message).toContain('mql.threshold');
    }
    engine.close();
  });

  it('cancels a running import and leaves the sample workspace empty, ready to try again', async () => {
    const engine = new Engine({ dataDir: join(dir, 'cancel') });
    const running = invokeEngine(engine, 'openSample', { jobId: 'slow' });
    engine.cancel('slow');
    const cancelled = await running;
    expect(cancelled.ok).toBe(false);
    const retried = await invokeEngine(engine, 'openSample', {});
    expect(retried.ok && (retried.value as { rowCounts: Record<string, number> }).rowCounts.leads).toBe(10_000);
    engine.close();
  });

  it('previews, imports and reports quality through the API, with errors located in the file', async () => {
    const engine = new Engine({ dataDir: join(dir, 'imp') });
    await engine.openWorkspace({ path: join(dir, 'imp.duckdb') });
    const good = writeHistory(join(dir, 'good'));
    const preview = await invokeEngine(engine, 'previewFile', { path: join(good, 'handoffs.csv') });
    expect(preview.ok && (preview.value as { suggestedTable: string; headers: string[] })).toMatchObject({
      suggestedTable: 'handoffs',
      headers: ['lead_id', 'mql_at', 'trigger', 'score_at_mql', 'tier', 'assigned_rep_id'],
    });
    const events: ProgressEvent[] = [];
    engine.onProgress((e) => events.push(e));
    const imported = await invokeEngine(engine, 'importDirectory', { dir: good, jobId: 'imp-1' });
    expect(imported.ok && (imported.value as { tables: Record<string, { rows: number }> }).tables.leads.rows).toBe(3);
    expect(events.filter((e) => e.jobId === 'imp-1').length).toBeGreaterThan(2);

    const broken = writeHistory(join(dir, 'broken'), { 'leads.csv': 'lead_id,created_at\nL1,2025-01-02\nL2,2025-02-30\nL3,2025-01-04\n' });
    const failed = await invokeEngine(engine, 'importDirectory', { dir: broken });
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error).toMatchObject({ file: 'leads.csv', row: 2, column: 'created_at' });
      expect(failed.error.message).toContain('2025-02-30');
      expect(failed.error.issues?.[0]).toMatchObject({ file: 'leads.csv', row: 2, rowKind: 'data_row', column: 'created_at', value: '2025-02-30' });
    }
    const quality = await invokeEngine(engine, 'quality', {});
    // The failed import changed nothing: still the three leads of the good history.
    expect(quality.ok && (quality.value as { report: { leads: number } }).report.leads).toBe(3);
    engine.close();
  });

  it('answers bad requests with data that names the field', async () => {
    const engine = new Engine({ dataDir: join(dir, 'bad') });
    expect(await invokeEngine(engine, 'dropTables', {})).toEqual({ ok: false, error: { message: 'Unknown engine request "dropTables".' } });
    const bad = await invokeEngine(engine, 'openWorkspace', { path: 42 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('path');
    const extra = await invokeEngine(engine, 'openSample', { jobId: 'x', sql: 'DROP TABLE leads' });
    expect(extra.ok).toBe(false);
    engine.close();
  });
});
