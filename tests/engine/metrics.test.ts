// Observed metrics on the hand-countable fixture (see metrics-fixture.ts for the table).
// Per-MQL outcomes worked out by hand (Z = UTC; "bh" = business hours):
//   black hole (24 h window): M2 (contact and decision only on 01-13), M4 (nothing);
//     M12 censored (window ends 05-01 14:30Z > data end); M10's untimed decision is not a black hole.
//   SLA (model: A 2 h, B 4 h, C 24 h, business hours), deadline vs first contact:
//     M1  Mon 10:00 NY + 2 bh = 12:00 NY (17:00Z); contact 15:30Z           -> yes
//     M2  Fri 16:30 NY + 0.5 bh Fri + 1.5 bh Mon = Mon 10:30 NY (15:30Z); contact 14:20Z -> yes
//     M3  Sat -> Mon 08:00 Berlin + 4 bh = 12:00 Berlin (11:00Z); contact 06:30Z -> yes
//     M4  never contacted, deadline Fri 01-10 14:00Z passed                   -> no
//     M5  Wed 18:00 NY: Thu 8 + Fri 8 + Mon 8 = Mon 01-13 17:00 NY; contact Thu 15:00 NY -> yes
//     M6  (default calendar) Thu 10:00 NY + 4 = 14:00 NY (19:00Z); contact 20:30Z -> no
//     M7  Mon 11:00 NY + 4 = 15:00 NY (20:00Z); contact 17:00Z                -> yes
//     M8  Tue 10:00 NY + 2 = 12:00 NY (17:00Z); contact 17:00Z (inclusive)    -> yes
//     M9  Mon 08:30 Berlin + 2 = 10:30 Berlin (09:30Z); contact 10:00Z        -> no
//     M10 Fri 15:00 Berlin: Fri 1 + Mon 8 + Tue 8 + Wed 7 = Wed 15:00 Berlin (14:00Z); contact 13:00Z -> yes
//     M11 Mon 10:00 NY + 4 = 14:00 NY (19:00Z); contact 16:00Z                -> yes
//     M12 deadline in May, after data end                                     -> censored
//     M13 no tier -> last tier C 24 bh, default calendar: Sun 22:00 NY -> Wed 01-15 17:00 NY; contact Mon -> yes
//   => 9 of 12, 1 censored.
//   wall-clock hours to first contact (11 contacted):
//     M1 0.5, M2 64 5/6 (01-10 21:30 -> 01-13 14:20), M3 44.5, M5 21, M6 5.5, M7 1, M8 2, M9 2.5,
//     M10 119, M11 1, M13 13
//     sorted: 0.5 1 1 2 2.5 5.5 13 21 44.5 64.833 119
//     median: position 10 * 0.5 = 5 -> 5.5;  p90: position 10 * 0.9 = 9 -> 64 5/6
//   90-day outcomes (M11, M12 censored: mql after 01-31): SQL M1, M6, M8, M9 -> 4 of 11;
//     opportunity M1 (day 14), M6, M8 (day 46) -> 3 of 11 (M9's opp is day 97)
//   won: M1 -> 1; open opportunities M8, M9, M11 -> 3 censored
//   pipeline: 10000 + 5000 + 20000 + 3000 (M11, immature but observed) = 38000 (M9's 7000 is after 90 days);
//     2 MQLs still inside their 90 days (M11, M12)
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { observedMetrics, MetricsInputError } from '../../engine/metrics/observed';
import { quantileCont } from '../../engine/metrics/aggregate';
import { scoreBand } from '../../engine/metrics/segments';
import type { MetricSet, ObservedMetricsResult, SegmentEntry } from '../../engine/metrics/types';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { loadFixture } from './metrics-fixture';

const dir = scratchDir('hl-metrics-');
let ws: Workspace;
let all: ObservedMetricsResult;

beforeAll(async () => {
  ws = await openWorkspace(join(dir, 'fixture.duckdb'));
  await loadFixture(ws, true);
  all = await observedMetrics(ws);
});
afterAll(() => ws.close());

function seg(list: readonly SegmentEntry[], key: string): MetricSet {
  const entry = list.find((e) => e.key === key);
  if (!entry) throw new Error(`no segment ${key}`);
  return entry.metrics;
}

describe('observed metrics, overall', () => {
  it('reports the window, time zone, data end and policy', () => {
    expect(all.window).toEqual({ from: null, to: null });
    expect(all.timezone).toBe('America/New_York');
    expect(all.data_end).toBe('2025-05-01T00:00:00.000Z');
    expect(all.policy.source).toBe('scoring_model');
    expect(all.policy.tiers.map((t) => [t.name, t.first_contact_sla_hours])).toEqual([['A', 2], ['B', 4], ['C', 24]]);
  });

  it('counts MQLs and decisions over all 13 MQLs', () => {
    const m = all.metrics;
    expect(m.mql_count).toEqual({ observed: 13 });
    // accepted: M1 M2 M6 M8 M9 M10 M11 (7); rejected: M3 ("Rejected " normalised) and M7 (2); M5 deferred
    expect(m.acceptance_rate).toEqual({ observed: 7 / 13, numerator: 7, denominator: 13, censored: 0 });
    expect(m.rejection_rate).toEqual({ observed: 2 / 13, numerator: 2, denominator: 13, censored: 0 });
  });

  it('black holes: late contact still counts, the open 24 h window is censored', () => {
    expect(all.metrics.black_hole_rate).toEqual({ observed: 2 / 12, numerator: 2, denominator: 12, censored: 1 });
  });

  it('SLA compliance in each rep calendar, with the model\'s 2 h tier A', () => {
    expect(all.metrics.sla_compliance_rate).toEqual({ observed: 9 / 12, numerator: 9, denominator: 12, censored: 1 });
  });

  it('hours to first contact: quantile_cont over the 11 contacted MQLs', () => {
    expect(all.metrics.median_hours_to_first_contact).toEqual({ observed: 5.5, count: 11 });
    expect(all.metrics.p90_hours_to_first_contact.observed).toBeCloseTo(64 + 5 / 6, 10);
    expect(all.metrics.p90_hours_to_first_contact.count).toBe(11);
  });

  it('90-day outcomes leave immature MQLs out of both numerator and denominator', () => {
    expect(all.metrics.sql_rate).toEqual({ observed: 4 / 11, numerator: 4, denominator: 11, censored: 2 });
    expect(all.metrics.opportunity_rate).toEqual({ observed: 3 / 11, numerator: 3, denominator: 11, censored: 2 });
    expect(all.metrics.won_count).toEqual({ observed: 1, censored: 3 });
    expect(all.metrics.pipeline_amount).toEqual({ observed: 38000, censored: 2 });
  });

  it('warns about the tierless MQL and the untimed decision', () => {
    expect(all.warnings).toContain("1 MQL has no tier or one not in the policy; they were measured against tier C's 24 h SLA.");
    expect(all.warnings).toContain('1 MQL has a decision without a decision time; they are not counted as black holes.');
    expect(all.warnings.some((w) => /No scoring model/.test(w))).toBe(false);
  });
});

describe('observed metrics, segments', () => {
  it('by tier, in policy order with the missing tier last', () => {
    expect(all.segments.tier.map((e) => e.key)).toEqual(['A', 'B', 'C', '(none)']);
    const a = seg(all.segments.tier, 'A'); // M1 M2 M8 M9
    expect(a.mql_count.observed).toBe(4);
    expect(a.acceptance_rate.observed).toBe(1);
    expect(a.black_hole_rate).toMatchObject({ numerator: 1, denominator: 4 }); // M2
    expect(a.sla_compliance_rate).toMatchObject({ numerator: 3, denominator: 4 }); // M9 misses
    // hours 0.5, 2, 2.5, 64 5/6: median position 1.5 -> 2.25; p90 position 2.7 -> 2.5 + 0.7 * (64 5/6 - 2.5)
    expect(a.median_hours_to_first_contact.observed).toBeCloseTo(2.25, 10);
    expect(a.p90_hours_to_first_contact.observed).toBeCloseTo(2.5 + 0.7 * (64 + 5 / 6 - 2.5), 10);
    expect(a.sql_rate).toMatchObject({ numerator: 3, denominator: 4, censored: 0 }); // M1 M8 M9
    expect(a.opportunity_rate).toMatchObject({ numerator: 2, denominator: 4 }); // M1 M8
    expect(a.pipeline_amount.observed).toBe(30000);
    const c = seg(all.segments.tier, 'C'); // M4 M5 M10 M12
    expect(c.black_hole_rate).toEqual({ observed: 1 / 3, numerator: 1, denominator: 3, censored: 1 });
    expect(c.sla_compliance_rate).toMatchObject({ numerator: 2, denominator: 3, censored: 1 }); // M5 M10
    // hours 21, 119: median 70; p90 position 0.9 -> 21 + 0.9 * 98 = 109.2
    expect(c.median_hours_to_first_contact.observed).toBe(70);
    expect(c.p90_hours_to_first_contact.observed).toBeCloseTo(109.2, 10);
    expect(seg(all.segments.tier, 'B').median_hours_to_first_contact.observed).toBe(3.25); // 1 1 5.5 44.5
    expect(seg(all.segments.tier, '(none)').mql_count.observed).toBe(1);
  });

  it('by source, missing source last', () => {
    expect(all.segments.source.map((e) => [e.key, e.metrics.mql_count.observed])).toEqual([
      ['event', 4],
      ['organic', 3],
      ['paid_search', 5],
      ['(none)', 1],
    ]);
    const paid = seg(all.segments.source, 'paid_search'); // M1 M2 M7 M8 M11
    expect(paid.acceptance_rate).toMatchObject({ numerator: 4, denominator: 5 });
    expect(paid.sla_compliance_rate).toMatchObject({ numerator: 5, denominator: 5 });
    expect(paid.sql_rate).toMatchObject({ numerator: 2, denominator: 4, censored: 1 }); // M11 censored
    expect(paid.median_hours_to_first_contact.observed).toBe(1); // 0.5 1 1 2 64.8
    expect(paid.pipeline_amount.observed).toBe(33000);
    const event = seg(all.segments.source, 'event'); // M3 M4 M9 M13
    expect(event.black_hole_rate).toMatchObject({ numerator: 1, denominator: 4 });
    expect(event.sla_compliance_rate).toMatchObject({ numerator: 2, denominator: 4 });
    expect(event.median_hours_to_first_contact.observed).toBe(13); // 2.5 13 44.5
  });

  it('by week, Monday in the workspace time zone (M13 is Sunday night in New York)', () => {
    expect(all.segments.week.map((e) => [e.key, e.metrics.mql_count.observed])).toEqual([
      ['2025-01-06', 9],
      ['2025-01-13', 2],
      ['2025-02-10', 1],
      ['2025-04-28', 1],
    ]);
    const first = seg(all.segments.week, '2025-01-06'); // M1-M7 (without M8), M10, M13
    expect(first.acceptance_rate).toMatchObject({ numerator: 4, denominator: 9 }); // M1 M2 M6 M10
    expect(first.black_hole_rate).toMatchObject({ numerator: 2, denominator: 9 });
    expect(first.sla_compliance_rate).toMatchObject({ numerator: 7, denominator: 9 }); // M4 M6 miss
  });

  it('by rep, including the rep without a reps row and the unassigned MQL', () => {
    expect(all.segments.rep.map((e) => [e.key, e.metrics.mql_count.observed])).toEqual([
      ['r_ber', 4],
      ['r_none', 1],
      ['r_ny', 7],
      ['(unassigned)', 1],
    ]);
    expect(seg(all.segments.rep, 'r_ny').sla_compliance_rate).toEqual({ observed: 1, numerator: 6, denominator: 6, censored: 1 });
    expect(seg(all.segments.rep, 'r_ber').sla_compliance_rate).toMatchObject({ numerator: 2, denominator: 4 }); // M4 M9 miss
  });

  it('by 10-point score band', () => {
    expect(all.segments.score_band.map((e) => [e.key, e.metrics.mql_count.observed])).toEqual([
      ['50-59', 1],
      ['60-69', 3],
      ['70-79', 2],
      ['80-89', 2],
      ['90-99', 4],
      ['(no score)', 1],
    ]);
    expect(scoreBand(69.5)).toBe('60-69');
    expect(scoreBand(-5)).toBe('-10--1');
    expect(scoreBand(Number.NaN)).toBe('(no score)');
  });

  it('rejection reasons by source', () => {
    expect(all.rejection_reasons.overall).toEqual({
      source: '(all)',
      rejected: 2,
      reasons: [
        { reason: 'no_timeline', count: 1, share: 0.5 },
        { reason: 'not_icp', count: 1, share: 0.5 },
      ],
    });
    expect(all.rejection_reasons.by_source).toEqual([
      { source: 'event', rejected: 1, reasons: [{ reason: 'not_icp', count: 1, share: 1 }] },
      { source: 'paid_search', rejected: 1, reasons: [{ reason: 'no_timeline', count: 1, share: 1 }] },
    ]);
  });
});

describe('observed metrics, window and filters', () => {
  it('reads window dates in the workspace time zone', async () => {
    // 01-13..01-31 New York: M8 (Tue), M9 (Mon 02:30 NY); not M13 (Sunday 22:00 NY although 01-13 in UTC)
    const r = await observedMetrics(ws, { from: '2025-01-13', to: '2025-01-31' });
    expect(r.metrics.mql_count.observed).toBe(2);
    expect(r.metrics.sla_compliance_rate).toMatchObject({ numerator: 1, denominator: 2 });
    const sunday = await observedMetrics(ws, { from: '2025-01-12', to: '2025-01-12' });
    expect(sunday.metrics.mql_count.observed).toBe(1);
    expect(sunday.segments.source.map((e) => e.key)).toEqual(['event']);
  });

  it('filters by source, tier, rep segment and rep', async () => {
    const paid = await observedMetrics(ws, { filters: { source: 'paid_search' } });
    expect(paid.metrics.mql_count.observed).toBe(5);
    expect(paid.metrics.acceptance_rate).toMatchObject({ numerator: 4, denominator: 5 });
    const ent = await observedMetrics(ws, { filters: { segment: ['ent'] } }); // r_ber: M3 M4 M9 M10
    expect(ent.metrics.mql_count.observed).toBe(4);
    const ab = await observedMetrics(ws, { filters: { tier: ['A', 'B'], rep: ['r_ny'] } }); // M1 M2 M7 M8 M11
    expect(ab.metrics.mql_count.observed).toBe(5);
    const none = await observedMetrics(ws, { filters: { rep: '(unassigned)' } });
    expect(none.metrics.mql_count.observed).toBe(1);
  });

  it('an empty selection gives nulls, not zeros, for undefined rates', async () => {
    const r = await observedMetrics(ws, { filters: { source: ['nope'] } });
    expect(r.metrics.mql_count.observed).toBe(0);
    expect(r.metrics.acceptance_rate.observed).toBeNull();
    expect(r.metrics.median_hours_to_first_contact).toEqual({ observed: null, count: 0 });
    expect(r.metrics.pipeline_amount.observed).toBe(0);
    expect(r.segments.tier).toEqual([]);
  });

  it('rejects bad options in plain words', async () => {
    await expect(observedMetrics(ws, { from: '2025-02-30' })).rejects.toThrow(MetricsInputError);
    await expect(observedMetrics(ws, { from: '2025-03-01', to: '2025-02-01' })).rejects.toThrow(/starts after it ends/);
  });
});

describe('observed metrics without a scoring model, and with wall-clock SLAs', () => {
  it('infers tiers with default SLAs (A 1 h): M8, contacted after 2 h, now misses', async () => {
    const ws2 = await openWorkspace(join(dir, 'inferred.duckdb'));
    await loadFixture(ws2, false);
    const r = await observedMetrics(ws2);
    ws2.close();
    expect(r.policy.source).toBe('inferred');
    expect(r.policy.tiers.map((t) => [t.name, t.first_contact_sla_hours])).toEqual([['A', 1], ['B', 4], ['C', 24]]);
    expect(r.metrics.sla_compliance_rate).toMatchObject({ numerator: 8, denominator: 12, censored: 1 });
    expect(r.warnings.some((w) => /No scoring model/.test(w))).toBe(true);
  });

  it('counts wall-clock hours when sla.business_hours is false', async () => {
    // A 2 h, B 4 h, C 24 h of wall-clock time: M1 0.5 y, M2 64.8 n, M3 44.5 n, M4 n, M5 21 y, M6 5.5 n,
    // M7 1 y, M8 2 y, M9 2.5 n, M10 119 n, M11 1 y, M13 13 y; M12 censored (01-05 14:30Z > data end) -> 6 of 12
    const ws3 = await openWorkspace(join(dir, 'wall.duckdb'));
    await loadFixture(ws3, false);
    await ws3.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [
      JSON.stringify({
        tiers: [
          { name: 'A', min_score: 90, first_contact_sla_hours: 2 },
          { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
          { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
        ],
        sla: { business_hours: false },
      }),
    ]);
    const r = await observedMetrics(ws3);
    ws3.close();
    expect(r.policy.business_hours).toBe(false);
    expect(r.metrics.sla_compliance_rate).toEqual({ observed: 0.5, numerator: 6, denominator: 12, censored: 1 });
  });
});

describe('quantileCont', () => {
  it('matches DuckDB quantile_cont', async () => {
    const values = [0.5, 64 + 5 / 6, 44.5, 21, 5.5, 1, 2, 2.5, 119, 1, 13];
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const row = (
      await c.runAndReadAll(
        `SELECT quantile_cont(x, 0.5) AS q50, quantile_cont(x, 0.9) AS q90, quantile_cont(x, 0.37) AS q37 FROM (SELECT unnest([${values.join(',')}]::DOUBLE[]) AS x)`,
      )
    ).getRowObjectsJS()[0]!;
    c.closeSync();
    db.closeSync();
    const sorted = Float64Array.from(values).sort();
    expect(quantileCont(sorted, 0.5)).toBeCloseTo(Number(row.q50), 12);
    expect(quantileCont(sorted, 0.9)).toBeCloseTo(Number(row.q90), 12);
    expect(quantileCont(sorted, 0.37)).toBeCloseTo(Number(row.q37), 12);
    expect(quantileCont(new Float64Array(0), 0.5)).toBeNull();
  });
});
