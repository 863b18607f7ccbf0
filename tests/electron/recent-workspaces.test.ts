import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentStore, MAX_RECENT } from '../../electron/recent-workspaces';
import { scratchDir } from '../support/tmp';

const dir = scratchDir('hl-recent-');

describe('createRecentStore', () => {
  it('starts empty, puts the latest first and keeps each path once', () => {
    let t = 0;
    const store = createRecentStore(join(dir, 'a', 'recent.json'), () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)));
    expect(store.list()).toEqual([]);
    store.add('/w/one.duckdb');
    store.add('/w/two.duckdb');
    store.add('/w/one.duckdb');
    expect(store.list().map((r) => r.path)).toEqual(['/w/one.duckdb', '/w/two.duckdb']);
    expect(store.list()[0]?.openedAt).toBe('2026-01-01T00:00:02.000Z');
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    const store = createRecentStore(join(dir, 'b.json'));
    for (let i = 0; i < MAX_RECENT + 5; i += 1) store.add(`/w/${i}.duckdb`);
    expect(store.list()).toHaveLength(MAX_RECENT);
    expect(store.list()[0]?.path).toBe(`/w/${MAX_RECENT + 4}.duckdb`);
  });

  it('treats a corrupt or foreign file as empty and then repairs it', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, '{not json');
    const store = createRecentStore(file);
    expect(store.list()).toEqual([]);
    writeFileSync(file, JSON.stringify([{ path: 42 }]));
    expect(store.list()).toEqual([]);
    store.add('/w/ok.duckdb');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
  });
});
