// The forecast's per-session caches (engine/forecast/scenario-cache.ts) must
// never change an answer: a scenario forecast after other scenarios (sharing
// some blocks, differing in others) equals the same forecast from empty
// caches. The sequence moves one block at a time, as sliders do.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../engine/forecast/forecast';
import { clearScenarioCaches } from '../../engine/forecast/scenario-cache';
import { ForecastSession } from '../../engine/forecast/session';
import type { ForecastResult } from '../../engine/forecast/types';
import { importDirectory } from '../../engine/import/importer';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const SHIPPED = join(__dirname, '../../sample-data/shipped');
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };

let ws: Workspace;
let session: ForecastSession;

beforeAll(async () => {
  ws = await openWorkspace(join(scratchDir('hl-forecast-cache-'), 'w.duckdb'));
  await importDirectory(ws, SHIPPED);
  session = await ForecastSession.open(ws);
}, 120_000);
afterAll(() => ws?.close());

const strip = (f: ForecastResult) => ({ ...f, details: { ...f.details, elapsedMs: 0 } });

describe('scenario caches', () => {
  it('a forecast after other scenarios equals the same forecast from empty caches', async () => {
    const b = session.baseline;
    const th = b.mql.threshold;
    const tiersA30 = b.tiers.map((t, i) => (i === 0 ? { ...t, first_contact_sla_hours: 0.5 } : t));
    const sequence: unknown[] = [
      { version: 1, window: WINDOW },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 } },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 }, tiers: tiersA30 },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 }, tiers: tiersA30, sla: { ...b.sla, business_hours: false } },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 }, capacity: { rep_daily_capacity: null, extra_reps: 3 } },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 }, capacity: { rep_daily_capacity: null, extra_reps: -2 } },
      { version: 1, window: { from: '2025-04-01', to: '2025-09-30' }, mql: { ...b.mql, threshold: th + 5 } },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th - 4 } },
      { version: 1, window: WINDOW, mql: { ...b.mql, threshold: th + 5 } },
      { version: 1, window: WINDOW },
    ];
    for (const s of sequence) {
      const cached = strip(await forecast(session, s, { runs: 0 }));
      clearScenarioCaches(session);
      const fresh = strip(await forecast(session, s, { runs: 0 }));
      expect(cached).toEqual(fresh);
    }
  }, 120_000);

  it('a threshold drag in one session equals fresh sessions, move for move', async () => {
    // A drag builds score records (replay), keeps queue looks, delays and packed history across calls:
    // none of it may change a number against a session that never saw the earlier moves.
    const b = session.baseline;
    const th = b.mql.threshold;
    const drag = [th + 1, th + 2, th + 3.5, th - 2, th - 6, th + 5].map((t) => ({ version: 1, window: WINDOW, mql: { ...b.mql, threshold: t } }));
    const counts = new Set<number>();
    for (const s of drag) {
      const dragged = strip(await forecast(session, s, { runs: 0 }));
      const fresh = strip(await forecast(await ForecastSession.open(ws), s, { runs: 0 }));
      expect(dragged).toEqual(fresh);
      counts.add(dragged.metrics.mql_count.forecast ?? -1);
    }
    expect(counts.size).toBeGreaterThan(3); // the drag really moves the MQL set
  }, 240_000);
});
