// The disposition-to-handoff rule and the merging of several disposition rows
// (engine/metrics/handoff-facts.ts), on a workspace small enough to read whole.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedMetrics } from '../../engine/metrics/observed';
import type { ObservedMetricsResult } from '../../engine/metrics/types';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

// UTC workspace, no reps, no scoring model (tier C = 24 business hours, 09:00-17:00 Mon-Fri UTC).
// Lead X: H1 mql Mon 01-06 10:00, H2 mql Mon 01-20 10:00.
//   dA: contact 01-05 09:00, before every handoff of X        -> H1 (the first handoff)
//   dB: rejected 01-07 12:00                                  -> H1 (latest handoff at or before it)
//   dE: accepted 01-08 09:00                                  -> H1; the later decision is final: accepted
//   dC: contact 01-20 11:00, accepted 01-21 09:00             -> H2
//   dD: no event time at all, amount without opportunity      -> H1, changes nothing
// Lead Y: H3 mql 01-07 10:00; two rejections at the same instant, reasons bad_data / no_budget
//   -> rejected, reason = the alphabetically last at the tie: no_budget
// Lead Z: H4 mql 01-08 10:00; accepted and rejected at the same instant -> accepted wins the tie
// Lead W: H5 mql 01-09 10:00; decision '  ' (blank = none) and nothing else -> black hole
// Data end 2025-12-31 (an activity): everything is mature.
const dir = scratchDir('hl-join-');
let ws: Workspace;
let r: ObservedMetricsResult;

beforeAll(async () => {
  ws = await openWorkspace(join(dir, 'j.duckdb'));
  for (const sql of [
    `INSERT INTO leads (lead_id, created_at, source) VALUES ('X', '2025-01-01 00:00:00+00', 'web'), ('Y', '2025-01-01 00:00:00+00', 'web'), ('Z', '2025-01-01 00:00:00+00', 'web'), ('W', '2025-01-01 00:00:00+00', 'web')`,
    `INSERT INTO activities (lead_id, occurred_at, activity_type) VALUES ('X', '2025-12-31 00:00:00+00', 'email_open')`,
    `INSERT INTO handoffs (lead_id, mql_at, tier) VALUES
       ('X', '2025-01-20 10:00:00+00', 'C'), ('X', '2025-01-06 10:00:00+00', 'C'),
       ('Y', '2025-01-07 10:00:00+00', 'C'), ('Z', '2025-01-08 10:00:00+00', 'C'), ('W', '2025-01-09 10:00:00+00', 'C')`,
    `INSERT INTO dispositions (lead_id, decision, decided_at, rejection_reason, first_contact_at, opportunity_amount) VALUES
       ('X', NULL,       NULL,                      NULL,       '2025-01-05 09:00:00+00', NULL),
       ('X', 'rejected', '2025-01-07 12:00:00+00', 'not_icp',  NULL, NULL),
       ('X', 'accepted', '2025-01-08 09:00:00+00', NULL,       NULL, NULL),
       ('X', 'accepted', '2025-01-21 09:00:00+00', NULL,       '2025-01-20 11:00:00+00', NULL),
       ('X', NULL,       NULL,                      NULL,       NULL, 500),
       ('Y', 'rejected', '2025-01-07 15:00:00+00', 'bad_data', NULL, NULL),
       ('Y', 'rejected', '2025-01-07 15:00:00+00', 'no_budget', NULL, NULL),
       ('Z', 'rejected', '2025-01-08 15:00:00+00', 'other',    NULL, NULL),
       ('Z', 'accepted', '2025-01-08 15:00:00+00', NULL,       NULL, NULL),
       ('W', '  ',       NULL,                      NULL,       NULL, NULL)`,
  ]) {
    await ws.connection.run(sql);
  }
  r = await observedMetrics(ws);
});
afterAll(() => ws.close());

describe('joining dispositions to handoffs', () => {
  it('counts each handoff once and takes each one\'s final decision', () => {
    expect(r.metrics.mql_count.observed).toBe(5);
    // accepted: H1 (final), H2, H4 (tie) = 3 of 5; rejected: H3 = 1 of 5
    expect(r.metrics.acceptance_rate).toMatchObject({ numerator: 3, denominator: 5 });
    expect(r.metrics.rejection_rate).toMatchObject({ numerator: 1, denominator: 5 });
    expect(r.rejection_reasons.overall.reasons).toEqual([{ reason: 'no_budget', count: 1, share: 1 }]);
  });

  it('keeps a contact logged before the MQL on the first handoff (negative hours, within SLA)', () => {
    // contacted: H1 at -25 h (01-05 09:00 vs 01-06 10:00), H2 at +1 h -> median (-25 + 1) / 2 = -12
    expect(r.metrics.median_hours_to_first_contact).toEqual({ observed: -12, count: 2 });
    // in SLA: H1 and H2; H3, H4, H5 never contacted -> 2 of 5
    expect(r.metrics.sla_compliance_rate).toMatchObject({ numerator: 2, denominator: 5, censored: 0 });
  });

  it('black holes: only W has neither a decision nor a contact within 24 h', () => {
    // H1 contact before mql; H2 contact +1 h; H3 rejected +5 h; H4 decided +5 h; H5 blank decision = none
    expect(r.metrics.black_hole_rate).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('puts both of lead X\'s MQLs in their own weeks', () => {
    expect(r.segments.week.map((e) => [e.key, e.metrics.mql_count.observed])).toEqual([
      ['2025-01-06', 4],
      ['2025-01-20', 1],
    ]);
    expect(r.metrics.pipeline_amount.observed).toBe(0); // dD's amount has no opportunity
  });
});
