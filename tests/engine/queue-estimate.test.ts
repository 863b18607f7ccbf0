import { describe, expect, it } from 'vitest';
import { defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { DAY_MS, HOUR_MS, KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUICK, simulateQueues } from '../../engine/queue/simulate';
import { estimateQueue } from '../../engine/queue/estimate';
import { Rng } from '../../engine/stats/rng';

const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
const START = Date.parse('2025-01-06T00:00:00Z');

/** A history from known queue parameters: Poisson arrivals per rep at about their capacity. */
function history(capacities: readonly number[], days: number, seed: number, blackHoles: { intercept: number; slope: number; tier1: number } | null) {
  const rng = new Rng(seed);
  const rows: { a: number; r: number; p: number }[] = [];
  capacities.forEach((cap, r) => {
    const perMs = (cap * 5) / 7 / DAY_MS; // about capacity per working day, arriving around the clock
    for (let a = START + -Math.log(1 - rng.uniform()) / perMs; a < START + days * DAY_MS; a += -Math.log(1 - rng.uniform()) / perMs) {
      rows.push({ a, r, p: rng.uniform() < 0.3 ? 0 : 1 });
    }
  });
  rows.sort((x, y) => x.a - y.a);
  const n = rows.length;
  const mqls = {
    arrival: Float64Array.from(rows, (x) => x.a),
    rep: Int32Array.from(rows, (x) => x.r),
    priority: Int32Array.from(rows, (x) => x.p),
    key: Int32Array.from(rows, (_, i) => i),
  };
  const reps = {
    schedules: capacities.map(() => utc),
    dailyCapacity: Float64Array.from(capacities),
    serviceMs: new Float64Array(capacities.length).fill(20 * 60_000),
  };
  const horizonMs = 5 * DAY_MS;
  const sim = simulateQueues(reps, mqls, {
    seed,
    horizonMs,
    blackHoles: blackHoles && {
      intercept: new Float64Array(capacities.length).fill(blackHoles.intercept),
      slope: blackHoles.slope,
      backlogScale: Float64Array.from(capacities),
      tierEffect: [0, blackHoles.tier1],
    },
  });
  return { n, mqls, reps, horizonMs, sim };
}

describe('estimating queue parameters from history', () => {
  it('recovers known daily capacity and service time from a simulated history', () => {
    const caps = [4, 6, 9];
    const { n, mqls, horizonMs, sim } = history(caps, 120, 3, null);
    const est = estimateQueue(
      { arrival: mqls.arrival, rep: mqls.rep, priority: mqls.priority, firstContact: sim.contactAt, decided: new Uint8Array(n) },
      { schedules: caps.map(() => utc), horizonMs },
    );
    expect(Array.from(est.capacity)).toEqual(caps);
    expect(est.capacitySource).toEqual(['saturated_days', 'saturated_days', 'saturated_days']);
    for (const d of est.saturatedDays) expect(d).toBeGreaterThan(20);
    expect(Array.from(est.serviceMs)).toEqual([20 * 60_000, 20 * 60_000, 20 * 60_000]);
  });

  it('uses reps.daily_capacity when given, and the median for a rep without data', () => {
    const { n, mqls, horizonMs, sim } = history([5, 5], 40, 4, null);
    const est = estimateQueue(
      { arrival: mqls.arrival, rep: mqls.rep, priority: mqls.priority, firstContact: sim.contactAt, decided: new Uint8Array(n) },
      { schedules: [utc, utc, utc], horizonMs, dailyCapacity: [12, Number.NaN, Number.NaN] },
    );
    expect(est.capacity[0]).toBe(12);
    expect(est.capacitySource[0]).toBe('reps_table');
    expect(est.capacity[1]).toBe(5);
    expect(est.capacitySource[2]).toBe('pooled');
    expect(est.capacity[2]).toBe(8.5); // median of 12 and 5
  });

  it('reconstructs backlog by hand and counts decided leads as worked', () => {
    // Rep 0: MQLs at 0h, 1h, 2h; first contacted at 1.5h, second never (but decided), third never.
    const h = (x: number) => START + x * HOUR_MS;
    const est = estimateQueue(
      {
        arrival: Float64Array.of(h(0), h(1), h(2), h(3)),
        rep: Int32Array.of(0, 0, 0, 0),
        priority: Int32Array.of(0, 0, 0, 0),
        firstContact: Float64Array.of(h(1.5), Number.NaN, Number.NaN, Number.NaN),
        decided: Uint8Array.of(0, 1, 0, 0),
        decidedAt: Float64Array.of(Number.NaN, h(2.5), Number.NaN, Number.NaN),
      },
      { schedules: [utc] },
    );
    // At 1h: lead 0 waits (contact 1.5h) -> 1. At 2h: lead 1 waits (decided 2.5h) -> 1. At 3h: lead 2 (black hole) -> 1.
    expect(Array.from(est.backlogAtArrival)).toEqual([0, 1, 1, 1]);
    expect(Array.from(est.blackHole)).toEqual([0, 0, 1, 1]);
    expect(Array.from(est.quickReview)).toEqual([0, 1, 0, 0]);
  });

  it('splits decisions without contact into quick reviews and clean-ups (within and after the worked horizon); undecided leads are black holes', () => {
    const h = (x: number) => START + x * HOUR_MS;
    // Never contacted: decided 2h after assignment (quick), 30h after (late, within the worked horizon),
    // 400h after its MQL (late, past it), never decided; one contacted lead.
    const est = estimateQueue(
      {
        arrival: Float64Array.of(h(0), h(1), h(2), h(3), h(4)),
        rep: Int32Array.of(0, 0, 0, 0, 0),
        priority: Int32Array.of(0, 0, 0, 0, 0),
        firstContact: Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN, h(5)),
        decided: Uint8Array.of(1, 1, 1, 0, 0),
        decidedAt: Float64Array.of(h(3), h(32), h(402), Number.NaN, Number.NaN),
        assignedAt: Float64Array.of(h(1), h(2), h(3), h(4), h(5)),
      },
      { schedules: [utc], reviewWindowMs: 24 * HOUR_MS, workedHorizonMs: 14 * 24 * HOUR_MS, horizonMs: 7 * 24 * HOUR_MS },
    );
    expect(Array.from(est.quickReview)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(est.lateReview)).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(est.blackHole)).toEqual([0, 0, 0, 1, 0]);
    expect(est.skipByTier[0]).toBeCloseTo(1 / 5, 12);
    expect(est.lateByTier[0]).toBeCloseTo(1 / 5, 12);
    expect(est.unworkedByTier[0]).toBeCloseTo(1 / 5, 12);
  });

  it('tells from the delays whether decisions without contact waited in the queue, and then counts them as queued reviews', () => {
    // One rep, 09:00-17:00 UTC: 60 MQLs a working day apart at 10:00; every 3rd decided without contact, the rest contacted.
    const days = Array.from({ length: 90 }, (_, d) => START + d * DAY_MS + 10 * HOUR_MS).filter((a) => new Date(a).getUTCDay() % 6 !== 0).slice(0, 60);
    const make = (reviewDelayMs: number) => {
      const n = days.length;
      const review = (i: number) => i % 3 === 0;
      return estimateQueue(
        {
          arrival: Float64Array.from(days),
          rep: new Int32Array(n),
          priority: new Int32Array(n),
          firstContact: Float64Array.from(days, (a, i) => (review(i) ? Number.NaN : a + (1 + (i % 5)) * HOUR_MS)),
          decided: Uint8Array.from(days, (_, i) => (review(i) ? 1 : 0)),
          decidedAt: Float64Array.from(days, (a, i) => (review(i) ? a + reviewDelayMs * (1 + (i % 5)) : Number.NaN)),
        },
        { schedules: [utc], horizonMs: 7 * DAY_MS, reviewsQueued: 'auto' },
      );
    };
    // Decided 1-5 h after the MQL like the contacts: they waited for the rep; a third of the leads that reached it.
    const queued = make(HOUR_MS);
    expect(queued.reviewsQueued).toBe(true);
    expect(queued.medianReviewDelayMs).toBe(queued.medianContactDelayMs);
    expect(queued.queuedByTier[0]).toBeCloseTo(20 / 60, 12);
    expect(queued.skipByTier[0]).toBe(0);
    expect(Array.from(queued.reviewKind.slice(0, 3))).toEqual([KNOWN_QUEUED, KNOWN_NONE, KNOWN_NONE]);
    // Decided within minutes, long before any contact: settled on sight, outside the queue.
    const onSight = make(60_000);
    expect(onSight.reviewsQueued).toBe(false);
    expect(onSight.queuedByTier[0]).toBe(0);
    expect(onSight.skipByTier[0]).toBeCloseTo(20 / 60, 12);
    expect(Array.from(onSight.reviewKind.slice(0, 3))).toEqual([KNOWN_QUICK, KNOWN_NONE, KNOWN_NONE]);
  });

  it('recovers the black-hole-vs-backlog curve it was simulated with', () => {
    const caps = [4, 6, 8, 5, 7, 6];
    const truth = { intercept: -2.5, slope: 0.6, tier1: 0.5 };
    const { n, mqls, horizonMs, sim } = history(caps, 300, 5, truth);
    const est = estimateQueue(
      { arrival: mqls.arrival, rep: mqls.rep, priority: mqls.priority, firstContact: sim.contactAt, decided: new Uint8Array(n) },
      { schedules: caps.map(() => utc), horizonMs, dailyCapacity: caps },
    );
    const fit = est.blackHoleFit!;
    const se = fit.standardErrors;
    // Tolerances: 3.5 standard errors of each coefficient at this sample size (~9k MQLs).
    expect(Math.abs(est.blackHoles.slope - truth.slope)).toBeLessThan(3.5 * se[1]!);
    expect(Math.abs(est.blackHoles.tierEffect[1]! - truth.tier1)).toBeLessThan(3.5 * se[2]!);
    for (const a of Array.from(est.blackHoles.intercept)) expect(Math.abs(a - truth.intercept)).toBeLessThan(3.5 * se[0]! + 0.3);
    expect(se[1]!).toBeLessThan(0.2); // the test has power: a flat curve (slope 0) would fail it
    // Integer weights are duplicated rows for the curve too: weight 2 everywhere changes nothing but the SEs.
    const doubled = estimateQueue(
      { arrival: mqls.arrival, rep: mqls.rep, priority: mqls.priority, firstContact: sim.contactAt, decided: new Uint8Array(n) },
      { schedules: caps.map(() => utc), horizonMs, dailyCapacity: caps, weights: new Float64Array(n).fill(2) },
    );
    expect(doubled.blackHoles.slope).toBeCloseTo(est.blackHoles.slope, 1);
    expect(doubled.blackHoleFit!.standardErrors[1]!).toBeCloseTo(se[1]! / Math.SQRT2, 2);
  });
});
