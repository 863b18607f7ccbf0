// sweep, trust, modelHealth and suggestWeights through EngineApi: validated
// requests, results shaped as the contract says, progress and cancel.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHealthReport, ProgressEvent, SuggestedWeights, ThresholdSweepResult, TrustReport } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';

const dir = scratchDir('hl-api-analysis-');
let engine: Engine;
const events: ProgressEvent[] = [];

beforeAll(async () => {
  engine = new Engine({ dataDir: join(dir, 'data') });
  engine.onProgress((e) => events.push(e));
  await engine.openSample({});
}, 60_000);
afterAll(() => engine?.close());

describe('analysis through the engine API', () => {
  it('sweeps the sample and reports progress under the job id', async () => {
    const res = await invokeEngine(engine, 'sweep', { scenario: { version: 1, mql: { threshold: 55 } }, jobId: 'sweep-1' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const r = res.value as ThresholdSweepResult;
    expect(r.currentThreshold).toBe(55);
    expect(r.baselineThreshold).toBe(60);
    expect(r.points.length).toBeGreaterThanOrEqual(101);
    const sweepEvents = events.filter((e) => e.jobId === 'sweep-1');
    expect(sweepEvents.at(-1)?.fraction).toBe(1);
    // The first sweep of a scoring says what it is doing: the index, then each anchor forecast.
    expect(sweepEvents.some((e) => /^Forecast at threshold 30$/.test(e.message))).toBe(true);
  }, 30_000);

  it('runs the trust checks with progress, and a cancelled trust job stops', async () => {
    const res = await invokeEngine(engine, 'trust', { jobId: 'trust-1' });
    expect(res.ok ? '' : res.error.message).toBe('');
    if (!res.ok) return;
    const r = res.value as TrustReport;
    expect(r.identity.passed).toBe(true);
    expect(r.summary.length).toBe(3);
    const fractions = events.filter((e) => e.jobId === 'trust-1').map((e) => e.fraction);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);

    const pending = invokeEngine(engine, 'trust', { jobId: 'trust-2', scenario: { version: 1 } });
    engine.cancel('trust-2');
    const cancelled = await pending;
    expect(cancelled.ok).toBe(false);
  }, 30_000);

  it('answers model health and suggested weights; a bad scenario names its field', async () => {
    const health = await invokeEngine(engine, 'modelHealth', {});
    expect(health.ok).toBe(true);
    if (health.ok) expect((health.value as ModelHealthReport).opportunity.lift).toHaveLength(10);
    const bad = await invokeEngine(engine, 'modelHealth', { scenario: { version: 1, scoring: { activity_points: { web_visit: 'lots' } } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('scoring.activity_points.web_visit');
    const sw = await invokeEngine(engine, 'suggestWeights', { jobId: 'sw-1' });
    expect(sw.ok).toBe(true);
    if (sw.ok) expect((sw.value as SuggestedWeights).scenario.version).toBe(1);
    const extra = await invokeEngine(engine, 'suggestWeights', { scenario: {} });
    expect(extra.ok).toBe(false);
  }, 30_000);
});
