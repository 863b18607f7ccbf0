// The forecast session's open reported as a job (engine/forecast/session.ts stages, through
// EngineApi baselineScenario with a jobId): the stages in order with rising fractions, and a
// cancel that stops the open at its next stage, after which a new call opens it in full.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(import.meta.dirname, '../../sample-data/shipped');

let engine: Engine;
beforeAll(async () => {
  engine = new Engine({ dataDir: join(scratchDir('hl-session-progress-'), 'data'), sampleDir: SHIPPED });
  await engine.openSample({});
}, 120_000);
afterAll(() => engine?.close());

describe('the forecast session open as a job', () => {
  it('is cancelled at its next stage, then opens in full with its stages in order', async () => {
    const cancelled: ProgressEvent[] = [];
    const offCancel = engine.onProgress((e) => {
      if (e.jobId !== 'open-1') return;
      cancelled.push(e);
      // Cancelled while it reads the tables: it stops before fitting anything.
      if (e.message === 'Reading the activities') engine.cancel('open-1');
    });
    const first = await invokeEngine(engine, 'baselineScenario', { jobId: 'open-1' });
    offCancel();
    expect(first.ok).toBe(false);
    expect(first.ok ? '' : first.error.message).toMatch(/cancelled/i);
    expect(cancelled.map((e) => e.message)).not.toContain('Fitting the outcome models (acceptance, contact, conversion)');

    const events: ProgressEvent[] = [];
    const off = engine.onProgress((e) => {
      if (e.jobId === 'open-2') events.push(e);
    });
    const second = await invokeEngine(engine, 'baselineScenario', { jobId: 'open-2' });
    off();
    expect(second.ok).toBe(true);
    const messages = events.map((e) => e.message);
    const order = ['Reading the leads', 'Reading the activities', 'Reading the handoffs', 'Reading the dispositions', "Reading the policy in force and the reps' schedules", "Rebuilding each lead's history", 'Fitting the outcome models (acceptance, contact, conversion)', "Estimating each rep's queue and replaying the policy in force", 'Done'];
    expect(messages.filter((m) => order.includes(m))).toEqual(order);
    const fractions = events.map((e) => e.fraction);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]!).toBeGreaterThanOrEqual(fractions[k - 1]!);

    // Open now: another call reports no stages.
    const later: string[] = [];
    const off3 = engine.onProgress((e) => {
      if (e.jobId === 'open-3') later.push(e.message);
    });
    expect((await invokeEngine(engine, 'baselineScenario', { jobId: 'open-3' })).ok).toBe(true);
    off3();
    expect(later).toEqual(['Starting', 'Done']);
  }, 120_000);
});
