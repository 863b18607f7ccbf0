// A scenario's pool of reps (forecast/queue-effects.ts scenarioPool): which team a hire joins and which rep a
// cut removes, by each team's MQLs per unit of capacity weighted by the share of history its reps were active.
import { describe, expect, it } from 'vitest';
import { defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { activeShare, newHirePickup, scenarioPool, type RepPoolState } from '../../engine/forecast/queue-effects';
import { estimateQueue } from '../../engine/queue/estimate';
import type { Policy } from '../../engine/scenario/policy';

const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2026-01-01T00:00:00Z');
const OCT = Date.parse('2025-10-01T00:00:00Z');
const N = Number.NaN;

/**
 * Team A (region 0): rep 0 (capacity 5) left on Oct 1, rep 1 (4) all year, rep 2 (5) joined on Oct 1: 9 a day over the
 * year, 14 if part-year reps counted in full. Team B (region 1): reps 3 and 4 (5 each) all year. Loads: A 1970, B 2000.
 */
function base(): { pool: RepPoolState; load: Float64Array } {
  const nr = 5;
  const estimate = estimateQueue(
    { arrival: Float64Array.of(FROM, FROM, OCT, FROM, FROM), rep: Int32Array.of(0, 1, 2, 3, 4), priority: new Int32Array(nr), firstContact: new Float64Array(nr).fill(N), decided: new Uint8Array(nr) },
    { schedules: Array.from({ length: nr }, () => utc), dailyCapacity: [5, 4, 5, 5, 5] },
  );
  (estimate.pickupMeanMs as Float64Array).set([10, 20, 30, 40, 200].map((m) => m * 60_000));
  const pool: RepPoolState = {
    ids: ['a0', 'a1', 'a2', 'b3', 'b4'],
    schedules: Array.from({ length: nr }, () => utc),
    regions: [[0], [0], [0], [1], [1]],
    segment: new Int32Array(nr).fill(-1),
    activeFrom: Float64Array.of(N, N, OCT, N, N),
    activeTo: Float64Array.of(OCT, N, N, N, N),
    capacity: estimate.capacity,
    serviceMs: estimate.serviceMs,
    blackHoles: estimate.blackHoles,
    repOfCode: Int32Array.of(0, 1, 2, 3, 4),
    accountOwner: new Int32Array(0),
    estimate,
    horizonMs: 7 * 86_400_000,
    reviewWindowMs: 24 * 3_600_000,
    spanFrom: FROM,
    spanTo: TO,
    reviewKindOfLead: new Int8Array(0),
    historyIgnoreChance: new Float64Array(0),
    calibratedServiceMs: null,
  };
  return { pool, load: Float64Array.of(700, 1000, 270, 1000, 1000) };
}
const policy = (extra: number): Policy => ({ capacity: { extra_reps: extra, rep_daily_capacity: null } }) as unknown as Policy;

describe('scenario pool: hires and cuts by time-weighted team load', () => {
  it('weights a rep by the share of history it was active', () => {
    const { pool } = base();
    expect(activeShare(pool, 1)).toBe(1);
    expect(activeShare(pool, 0)).toBeCloseTo((OCT - FROM) / (TO - FROM), 12);
    expect(activeShare(pool, 0) + activeShare(pool, 2)).toBeCloseTo(1, 12);
  });

  it('a hire joins the team with the most MQLs per time-weighted capacity and looks at the queue as the median rep', () => {
    const { pool, load } = base();
    const p = scenarioPool(pool, policy(1), load);
    // A: 1970 / 9 = 219 a unit, B: 2000 / 10 = 200 (A would be 141 with part-year reps counted in full).
    expect(p.team[5]).toBe(p.team[0]);
    expect(p.capacity[5]).toBe(5); // the team's median-capacity rep
    expect(p.pickupMeanMs[5]).toBe(30 * 60_000); // median of 10, 20, 30, 40, 200 minutes, not the template's
    expect(Array.from(newHirePickup([1, 2, 9], [0, 1, 2, 2], 3))).toEqual([1, 2, 9, 2]);
  });

  it('each cut comes from the team with the least load per capacity, keeping a rep active at the end', () => {
    const { pool, load } = base();
    // First cut: B (200 < 219), the tie on slack to the lower index. Then B (2000 / 5 = 400) is busier than A,
    // and A keeps rep 2 (active at the end) after cutting rep 1, its only full-year rep.
    expect(Array.from(scenarioPool(pool, policy(-1), load).removed)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(scenarioPool(pool, policy(-2), load).removed)).toEqual([0, 1, 0, 1, 0]);
  });
});
