// Scenarios through the EngineApi: the baseline as a full scenario, saving and
// managing scenarios, and the lead-level diff against history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineResults } from '../../engine/api/contract';
import { Engine, invokeEngine } from '../../engine/api/engine';
import { scratchDir } from '../support/tmp';

const shipped = join(import.meta.dirname, '../../sample-data/shipped');
const scenarioFile = (name: string): unknown => JSON.parse(readFileSync(join(shipped, 'scenarios', name), 'utf8'));
const model = JSON.parse(readFileSync(join(shipped, 'scoring_model.json'), 'utf8')) as { mql: { threshold: number }; scoring: { activity_points: Record<string, number> } };

describe('EngineApi scenarios', () => {
  const dir = scratchDir();
  const engine = new Engine({ dataDir: join(dir, 'data') });
  beforeAll(async () => {
    await engine.openSample({});
  }, 120_000);
  afterAll(() => engine.close());

  async function call<M extends keyof EngineResults>(method: M, params: unknown): Promise<EngineResults[M]> {
    const res = await invokeEngine(engine, method, params);
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value as EngineResults[M];
  }

  it('gives the policy in force as a complete scenario read from scoring_model.json', async () => {
    const base = await call('baselineScenario', {});
    expect(base.inferred).toBe(false);
    expect(base.thresholdOnly).toBe(false);
    expect(base.scenario.mql?.threshold).toBe(model.mql.threshold);
    expect(base.scenario.scoring?.activity_points).toEqual(model.scoring.activity_points);
    // The baseline replays as history: nobody enters or leaves.
    const diff = await call('leadDiff', { scenario: base.scenario, kind: 'entered' });
    expect(diff.counts.entered).toBe(0);
    expect(diff.counts.left).toBe(0);
    expect(diff.counts.scenario).toBe(diff.counts.historical);
  }, 120_000);

  it('lists the leads a higher threshold drops, each with its score under the new threshold', async () => {
    const plus15 = scenarioFile('threshold_plus_15.json') as { mql: { threshold: number } };
    const diff = await call('leadDiff', { scenario: plus15, kind: 'left', limit: 5 });
    // A higher threshold only removes MQLs: every historical MQL either stays or leaves.
    expect(diff.counts.entered).toBe(0);
    expect(diff.counts.left).toBeGreaterThan(100);
    expect(diff.counts.historical - diff.counts.left).toBe(diff.counts.scenario);
    expect(diff.page.total).toBe(diff.counts.left);
    expect(diff.page.rows).toHaveLength(5);
    for (const row of diff.page.rows) {
      expect(row.kind).toBe('left');
      expect(row.scenarioMqlAt).toBeNull();
      expect(row.historyScore).not.toBeNull();
      expect(row.historyScore!).toBeLessThan(plus15.mql.threshold);
    }
    const next = await call('leadDiff', { scenario: plus15, kind: 'left', offset: 5, limit: 5 });
    expect(next.page.rows.map((r) => r.leadId)).not.toEqual(diff.page.rows.map((r) => r.leadId));
  }, 120_000);

  it('saves, lists, duplicates, renames and deletes scenarios, refusing name clashes by field', async () => {
    const body = scenarioFile('threshold_minus_7.json');
    const saved = await call('saveScenario', { name: '  Lower bar  ', scenario: body });
    expect(saved.name).toBe('Lower bar');
    expect(saved.scenario.name).toBe('Lower bar');
    expect(saved.scenario.mql).toEqual((body as { mql: unknown }).mql);

    const clash = await invokeEngine(engine, 'saveScenario', { name: 'Lower bar', scenario: body, overwrite: false });
    expect(clash).toMatchObject({ ok: false, error: { field: 'name', message: expect.stringMatching(/already exists/) } });

    await call('duplicateScenario', { from: 'Lower bar', to: 'Lower bar (copy)' });
    await call('renameScenario', { from: 'Lower bar (copy)', to: 'Another bar' });
    expect((await call('listScenarios', {})).map((s) => s.name)).toEqual(['Another bar', 'Lower bar']);
    expect((await call('getScenario', { name: 'Another bar' })).scenario.mql).toEqual((body as { mql: unknown }).mql);

    const bad = await invokeEngine(engine, 'saveScenario', { name: 'Broken', scenario: { version: 1, mql: { threshold: 'high' } } });
    expect(bad).toMatchObject({ ok: false, error: { field: 'mql.threshold' } });

    expect(await call('deleteScenario', { name: 'Another bar' })).toEqual({ deleted: true });
    expect(await call('deleteScenario', { name: 'Another bar' })).toEqual({ deleted: false });
    const missing = await invokeEngine(engine, 'getScenario', { name: 'Another bar' });
    expect(missing).toMatchObject({ ok: false, error: { field: 'name' } });
  }, 120_000);
});
