import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../engine/scenario/errors';
import { ScenarioStore, ScenarioStoreError } from '../../engine/scenario/store';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

describe('saved scenarios', () => {
  const dir = scratchDir();
  let ws: Workspace;
  let store: ScenarioStore;
  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'store.duckdb'));
    store = new ScenarioStore(ws);
  });
  afterAll(() => ws.close());

  it('saves, replaces, lists, duplicates, renames and deletes', async () => {
    const first = await store.save('  Threshold 70 ', { version: 1, mql: { threshold: 70 } });
    expect(first.name).toBe('Threshold 70');
    expect(first.scenario).toEqual({ version: 1, name: 'Threshold 70', mql: { threshold: 70 } });
    expect(first.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const replaced = await store.save('Threshold 70', { version: 1, mql: { threshold: 72 } });
    expect(replaced.scenario.mql?.threshold).toBe(72);
    expect(replaced.createdAt).toBe(first.createdAt);

    await store.duplicate('Threshold 70', 'Copy');
    expect((await store.list()).map((s) => s.name)).toEqual(['Copy', 'Threshold 70']);
    expect((await store.get('Copy'))?.scenario).toEqual({ version: 1, name: 'Copy', mql: { threshold: 72 } });

    const renamed = await store.rename('Copy', 'Aggressive');
    expect(renamed.createdAt).toBe((await store.get('Aggressive'))?.createdAt);
    expect(renamed.scenario.name).toBe('Aggressive');
    expect(await store.get('Copy')).toBeNull();

    expect(await store.delete('Aggressive')).toBe(true);
    expect(await store.delete('Aggressive')).toBe(false);
    expect((await store.list()).map((s) => s.name)).toEqual(['Threshold 70']);
  });

  it('refuses bad names, taken names and invalid bodies without writing anything', async () => {
    await expect(store.save('   ', { version: 1 })).rejects.toThrow(/name: must not be empty/);
    await expect(store.save('x'.repeat(121), { version: 1 })).rejects.toThrow(/at most 120 characters/);
    await expect(store.save('bad', { version: 1, tiers: [] })).rejects.toBeInstanceOf(ScenarioError);
    await store.save('One', { version: 1 });
    await store.save('Two', { version: 1 });
    await expect(store.rename('One', 'Two')).rejects.toThrow(ScenarioStoreError);
    await expect(store.duplicate('Nope', 'Three')).rejects.toThrow(/from: no saved scenario is called "Nope"/);
    expect((await store.list()).map((s) => s.name)).toEqual(['One', 'Threshold 70', 'Two']);
  });

  it('re-validates bodies on read and names the broken field', async () => {
    await ws.connection.run(`INSERT INTO hl_scenarios VALUES ('Hand edited', '{"version":1,"mql":{"threshold":"high"}}', now(), now())`);
    await expect(store.get('Hand edited')).rejects.toThrow(/saved scenario "Hand edited": mql.threshold: must be a number, got "high"/);
    // The list still works: it never parses bodies.
    expect((await store.list()).map((s) => s.name)).toContain('Hand edited');
  });
});
