// The time-to-first-contact histogram on the hand-countable fixture (see
// metrics-fixture.ts). Wall-clock hours of the 11 contacted MQLs, worked out in
// metrics.test.ts: M1 0.5, M2 64.83, M3 44.5, M5 21, M6 5.5, M7 1, M8 2, M9 2.5,
// M10 119, M11 1, M13 13; never contacted: M4, M12.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeEngine, Engine } from '../../engine/api/engine';
import { contactBinIndex, contactHistogram, CONTACT_BINS } from '../../engine/metrics/contact-histogram';
import { observedMetrics } from '../../engine/metrics/observed';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { loadFixture } from './metrics-fixture';

const dir = scratchDir('hl-contact-hist-');
let ws: Workspace;

beforeAll(async () => {
  ws = await openWorkspace(join(dir, 'fixture.duckdb'));
  await loadFixture(ws, true);
});
afterAll(() => ws.close());

const countsByKey = (bins: readonly { key: string; count: number }[]) => Object.fromEntries(bins.map((b) => [b.key, b.count]));

describe('contact histogram', () => {
  it('bins the contacted MQLs by wall-clock hours (lower edge inclusive)', async () => {
    const h = await contactHistogram(ws);
    expect(countsByKey(h.bins)).toEqual({ before: 0, lt5m: 0, '5-30m': 0, '30-60m': 1, '1-4h': 4, '4-8h': 1, '8-24h': 2, '1-3d': 2, '3d+': 1 });
    expect([h.contacted, h.not_contacted]).toEqual([11, 2]);
    expect(h.bins.map((b) => b.key)).toEqual(CONTACT_BINS.map((b) => b.key));
  });

  it('covers the same MQLs as the median, under the same window and filters', async () => {
    for (const options of [{}, { from: '2025-01-08', to: '2025-01-12' }, { filters: { source: ['event'] } }, { filters: { rep: ['r_ny'] } }]) {
      const [h, m] = await Promise.all([contactHistogram(ws, options), observedMetrics(ws, options)]);
      expect(h.contacted).toBe(m.metrics.median_hours_to_first_contact.count);
      expect(h.contacted + h.not_contacted).toBe(m.metrics.mql_count.observed);
    }
    // event: M3 44.5 h, M9 2.5 h, M13 13 h contacted; M4 never
    const event = await contactHistogram(ws, { filters: { source: 'event' } });
    expect(countsByKey(event.bins)).toMatchObject({ '1-4h': 1, '8-24h': 1, '1-3d': 1 });
    expect(event.not_contacted).toBe(1);
  });

  it('puts a contact logged before the MQL in its own bin and edges where they belong', () => {
    expect(CONTACT_BINS[contactBinIndex(-0.1)]?.key).toBe('before');
    expect(CONTACT_BINS[contactBinIndex(0)]?.key).toBe('lt5m');
    expect(CONTACT_BINS[contactBinIndex(4)]?.key).toBe('4-8h');
    expect(CONTACT_BINS[contactBinIndex(24 * 30)]?.key).toBe('3d+');
  });

  it('is an EngineApi request that validates its options', async () => {
    const engine = new Engine({ dataDir: dir });
    const bad = await invokeEngine(engine, 'contactHistogram', { from: '2025-02-30' });
    expect(bad.ok ? null : bad.error.field).toBe('from');
    const extra = await invokeEngine(engine, 'contactHistogram', { sql: 'x' });
    expect(extra.ok).toBe(false);
    // Valid options reach the engine method, which asks for a workspace first.
    const none = await invokeEngine(engine, 'contactHistogram', {});
    expect(none.ok ? null : none.error.message).toMatch(/No workspace is open/);
    engine.close();
  });
});
