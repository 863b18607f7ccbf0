// A second, independent formulation of the section-3 metrics in plain SQL
// (one handoff and at most one disposition per lead, wall-clock SLAs), checked
// against observedMetrics on 3,000 generated MQLs, overall and by source.
// The generator is deterministic (DuckDB hash of the row number).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedMetrics } from '../../engine/metrics/observed';
import type { MetricSet, ObservedMetricsResult } from '../../engine/metrics/types';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const N = 3000;
// r(i, k): a pseudo-random integer in [0, m) for row i and stream k
const r = (k: number, m: number): string => `(hash(i * 7919 + ${k}) % ${m})::INTEGER`;

const GENERATE = [
  `INSERT INTO leads (lead_id, created_at, source)
     SELECT 'L' || i, TIMESTAMPTZ '2025-01-01 00:00:00+00',
            CASE WHEN ${r(1, 6)} = 0 THEN NULL ELSE ['web', 'event', 'paid', 'partner'][1 + ${r(2, 4)}] END
     FROM range(${N}) t(i)`,
  `INSERT INTO handoffs (lead_id, mql_at, tier, assigned_rep_id, assigned_at)
     SELECT 'L' || i, TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_minutes(${r(3, 365 * 24 * 60)}),
            ['A', 'B', 'C'][1 + ${r(4, 3)}], 'r' || ${r(5, 5)},
            CASE WHEN ${r(6, 2)} = 0 THEN TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_minutes(${r(3, 365 * 24 * 60)} + ${r(7, 600)}) END
     FROM range(${N}) t(i)`,
  `INSERT INTO dispositions (lead_id, decision, decided_at, first_contact_at, sql_at, opportunity_at, opportunity_amount, won)
     SELECT 'L' || i,
            CASE WHEN ${r(8, 10)} < 5 THEN 'accepted' WHEN ${r(8, 10)} < 7 THEN 'rejected' WHEN ${r(8, 10)} = 7 THEN 'deferred' END,
            CASE WHEN ${r(9, 10)} > 0 THEN m + to_minutes(${r(10, 4000)}) END,
            CASE WHEN ${r(11, 5)} > 0 THEN m + to_minutes(${r(12, 3000)}) END,
            -- outcomes stop at the year's end, so the last quarter's 90-day windows stay open
            CASE WHEN ${r(13, 10)} < 3 AND m + to_days(${r(14, 150)}) < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN m + to_days(${r(14, 150)}) END,
            CASE WHEN ${r(15, 20)} < 3 AND m + to_days(${r(16, 150)}) < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN m + to_days(${r(16, 150)}) END,
            1000 + ${r(17, 9000)},
            ${r(18, 20)} = 0
     FROM (SELECT i, TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_minutes(${r(3, 365 * 24 * 60)}) AS m FROM range(${N}) t(i))
     WHERE ${r(19, 100)} < 85`,
];

// The contract's definitions written directly, with this project's censoring rule. A decided_at
// without a decision is no decision; a decision without decided_at counts as in time.
const EXPECTED = `
WITH e AS (
  SELECT greatest((SELECT max(greatest(mql_at, assigned_at)) FROM handoffs),
                  (SELECT max(greatest(decided_at, first_contact_at, sql_at, opportunity_at, closed_at)) FROM dispositions),
                  (SELECT max(created_at) FROM leads)) AS data_end
),
m AS (
  SELECT h.mql_at, coalesce(h.assigned_at, h.mql_at) + to_hours(24) AS bh_end,
         h.mql_at + to_hours(CASE h.tier WHEN 'A' THEN 1 WHEN 'B' THEN 4 ELSE 24 END) AS due,
         h.mql_at + to_hours(90 * 24) AS horizon,
         l.source, d.decision, d.decided_at, d.first_contact_at, d.sql_at, d.opportunity_at, d.opportunity_amount, d.won, e.data_end
  FROM handoffs h JOIN leads l USING (lead_id) LEFT JOIN dispositions d USING (lead_id), e
)
SELECT CASE WHEN grouping(source) = 1 THEN '(all)' ELSE coalesce(source, '(none)') END AS key,
  count(*)::INTEGER AS n,
  count(*) FILTER (WHERE decision = 'accepted')::INTEGER AS accepted,
  count(*) FILTER (WHERE decision = 'rejected')::INTEGER AS rejected,
  count(*) FILTER (WHERE bh_end <= data_end)::INTEGER AS bh_den,
  count(*) FILTER (WHERE bh_end <= data_end AND NOT (coalesce(first_contact_at <= bh_end, false)
     OR (decision IS NOT NULL AND coalesce(decided_at <= bh_end, true))))::INTEGER AS bh_num,
  count(*) FILTER (WHERE due <= data_end)::INTEGER AS sla_den,
  count(*) FILTER (WHERE due <= data_end AND first_contact_at <= due)::INTEGER AS sla_num,
  quantile_cont(epoch(first_contact_at) / 3600 - epoch(mql_at) / 3600, 0.5) AS median,
  quantile_cont(epoch(first_contact_at) / 3600 - epoch(mql_at) / 3600, 0.9) AS p90,
  count(*) FILTER (WHERE horizon <= data_end)::INTEGER AS h_den,
  count(*) FILTER (WHERE horizon <= data_end AND sql_at <= horizon)::INTEGER AS sql_num,
  count(*) FILTER (WHERE horizon <= data_end AND opportunity_at <= horizon)::INTEGER AS opp_num,
  coalesce(sum(opportunity_amount) FILTER (WHERE opportunity_at <= horizon), 0)::DOUBLE AS pipeline,
  count(*) FILTER (WHERE won)::INTEGER AS won
FROM m
GROUP BY GROUPING SETS ((source), ())`;

const dir = scratchDir('hl-cross-');
let ws: Workspace;
let result: ObservedMetricsResult;
let expected: Map<string, Record<string, unknown>>;

beforeAll(async () => {
  ws = await openWorkspace(join(dir, 'c.duckdb'));
  for (const sql of GENERATE) await ws.connection.run(sql);
  await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [
    JSON.stringify({
      tiers: [
        { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
        { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
        { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
      ],
      sla: { business_hours: false },
    }),
  ]);
  result = await observedMetrics(ws);
  const rows = (await ws.connection.runAndReadAll(EXPECTED)).getRowObjectsJS();
  expected = new Map(rows.map((row) => [String(row.key), row]));
}, 60_000);
afterAll(() => ws.close());

function check(m: MetricSet, e: Record<string, unknown>): void {
  expect(m.mql_count.observed, 'mql_count').toBe(e.n);
  expect(m.acceptance_rate, 'acceptance_rate').toMatchObject({ numerator: e.accepted, denominator: e.n });
  expect(m.rejection_rate, 'rejection_rate').toMatchObject({ numerator: e.rejected, denominator: e.n });
  expect(m.black_hole_rate, 'black_hole_rate').toMatchObject({ numerator: e.bh_num, denominator: e.bh_den, censored: Number(e.n) - Number(e.bh_den) });
  expect(m.sla_compliance_rate, 'sla_compliance_rate').toMatchObject({ numerator: e.sla_num, denominator: e.sla_den });
  expect(m.median_hours_to_first_contact.observed, 'median_hours_to_first_contact').toBeCloseTo(Number(e.median), 9);
  expect(m.p90_hours_to_first_contact.observed, 'p90_hours_to_first_contact').toBeCloseTo(Number(e.p90), 9);
  expect(m.sql_rate, 'sql_rate').toMatchObject({ numerator: e.sql_num, denominator: e.h_den, censored: Number(e.n) - Number(e.h_den) });
  expect(m.opportunity_rate, 'opportunity_rate').toMatchObject({ numerator: e.opp_num, denominator: e.h_den });
  expect(m.pipeline_amount.observed, 'pipeline_amount').toBeCloseTo(Number(e.pipeline), 6);
  expect(m.won_count.observed, 'won_count').toBe(e.won);
}

describe('observed metrics agree with a plain-SQL formulation', () => {
  it('overall', () => {
    const all = expected.get('(all)')!;
    expect(all.n).toBe(N);
    // the generator must exercise every branch, or the comparison proves little
    for (const k of ['bh_num', 'sla_num', 'sql_num', 'opp_num']) expect(Number(all[k])).toBeGreaterThan(20);
    expect(Number(all.n) - Number(all.h_den)).toBeGreaterThan(100); // immature 90-day windows
    check(result.metrics, all);
  });

  it('by source', () => {
    expect(result.segments.source.map((s) => s.key).sort()).toEqual([...expected.keys()].filter((k) => k !== '(all)').sort());
    for (const entry of result.segments.source) check(entry.metrics, expected.get(entry.key)!);
  });
});
