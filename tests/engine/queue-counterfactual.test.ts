import { describe, expect, it } from 'vitest';
import { defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { counterfactualContactTimes } from '../../engine/queue/counterfactual';
import { DAY_MS, HOUR_MS, simulateQueues } from '../../engine/queue/simulate';
import { routeMqls } from '../../engine/queue/routing';
import { Rng } from '../../engine/stats/rng';

const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => (Number.isNaN(ms) ? 'never' : new Date(ms).toISOString().slice(0, 16));
const opts = { schedules: [utc, utc], fallback: utc };

/** A month of MQLs around the clock, tiers A/B/C, for `reps` reps round robin. */
function world(n: number, seed: number) {
  const rng = new Rng(seed);
  const start = t('2025-03-03T00:00:00Z');
  const arrival = new Float64Array(n);
  let a = start;
  for (let i = 0; i < n; i++) arrival[i] = a += -Math.log(1 - rng.uniform()) * ((28 * DAY_MS) / n);
  return {
    arrival,
    priority: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 3)),
    key: Int32Array.from({ length: n }, (_, i) => i),
  };
}

function runWith(repsCount: number, m: ReturnType<typeof world>, seed = 1) {
  const n = m.arrival.length;
  const routed = routeMqls(
    { regions: Array.from({ length: repsCount }, () => []), segment: new Int32Array(repsCount).fill(-1) },
    { arrival: m.arrival, account: new Int32Array(n).fill(-1), region: new Int32Array(n).fill(-1), sizeBand: new Int32Array(n).fill(-1) },
  );
  const reps = {
    schedules: Array.from({ length: repsCount }, () => utc),
    dailyCapacity: new Float64Array(repsCount).fill(6),
    serviceMs: new Float64Array(repsCount).fill(20 * 60_000),
  };
  const blackHoles = {
    intercept: new Float64Array(repsCount).fill(-3),
    slope: 0.8,
    backlogScale: new Float64Array(repsCount).fill(6),
    tierEffect: [0, 0.3, 0.6],
  };
  const sim = simulateQueues(reps, { ...m, rep: routed.rep }, { seed, blackHoles, horizonMs: 7 * DAY_MS, reassignAfterHours: 8 });
  return { sim, rep: routed.rep };
}

describe('counterfactual contact times', () => {
  it('returns the observed times unchanged when the scenario equals the baseline (same seed, same draws)', () => {
    const m = world(2_000, 4);
    const base = runWith(3, m);
    const again = runWith(3, m);
    expect(Array.from(again.sim.contactAt)).toEqual(Array.from(base.sim.contactAt)); // deterministic
    // Observed history: arbitrary times, some off-hours, some never.
    const rng = new Rng(9);
    const observed = m.arrival.map((a) => (rng.uniform() < 0.1 ? Number.NaN : a + rng.uniform() * 60 * HOUR_MS));
    const timeline = (contact: Float64Array) => ({ arrival: m.arrival, contact, rep: base.rep });
    const out = counterfactualContactTimes(timeline(observed), timeline(base.sim.contactAt), timeline(again.sim.contactAt), {
      schedules: [utc, utc, utc],
      fallback: utc,
    });
    expect(Array.from(out)).toEqual(Array.from(observed));
  });

  it('shifts the observed delay by the simulated change in business hours (hand-computed)', () => {
    const a = Float64Array.of(t('2025-01-06T10:00:00Z'), t('2025-01-06T16:00:00Z'));
    const rep = Int32Array.of(0, 0);
    // Lead 0: observed 5 business hours (Mon 10:00 -> 15:00); baseline sim 2 h, scenario 1 h -> 4 h -> Mon 14:00.
    // Lead 1: observed 2 business hours (Mon 16:00 -> Tue 10:00); baseline 1 h, scenario 4 h -> 5 h -> Tue 13:00.
    const out = counterfactualContactTimes(
      { arrival: a, rep, contact: Float64Array.of(t('2025-01-06T15:00:00Z'), t('2025-01-07T10:00:00Z')) },
      { arrival: a, rep, contact: Float64Array.of(t('2025-01-06T12:00:00Z'), t('2025-01-06T17:00:00Z')) },
      { arrival: a, rep, contact: Float64Array.of(t('2025-01-06T11:00:00Z'), t('2025-01-07T12:00:00Z')) },
      opts,
    );
    expect(Array.from(out, iso)).toEqual(['2025-01-06T14:00', '2025-01-07T13:00']);
  });

  it('rank-matches changes among leads that arrived at the same point of the working day', () => {
    // One tier: 40 leads at Mon 09:00 (8 h of work left) and 40 at Mon 16:30 (half an hour left), each
    // contacted k minutes after arrival in history and in the simulated baseline. The scenario delays only
    // the late leads, by 2 business hours (past the day's end). Ranked across the tier, the k-th shortest
    // observed delay would take the k-th change whoever it was; by time of day, the late leads take the
    // night and the morning leads nothing.
    const m = 40;
    const arrival = new Float64Array(2 * m);
    const observed = new Float64Array(2 * m);
    const scenario = new Float64Array(2 * m);
    for (let k = 0; k < m; k++) {
      arrival[k] = t('2025-01-06T09:00:00Z');
      arrival[m + k] = t('2025-01-06T16:30:00Z');
      observed[k] = arrival[k]! + (k + 1) * 30_000;
      observed[m + k] = arrival[m + k]! + (k + 1) * 30_000;
      scenario[k] = observed[k]!;
      scenario[m + k] = utc.addBusinessMs(arrival[m + k]!, (k + 1) * 30_000 + 2 * HOUR_MS);
    }
    const rep = new Int32Array(2 * m);
    const out = counterfactualContactTimes({ arrival, rep, contact: observed }, { arrival, rep, contact: observed }, { arrival, rep, contact: scenario }, { ...opts, rankGroup: new Int32Array(2 * m) });
    for (let k = 0; k < m; k++) {
      expect(out[k], `morning lead ${k}`).toBe(observed[k]);
      expect(out[m + k], `late lead ${k}`).toBe(scenario[m + k]);
    }
  });

  it('lays the delay from a moved MQL time, and handles never-contacted cases by the documented table', () => {
    const N = Number.NaN;
    const a = t('2025-01-06T10:00:00Z');
    const later = t('2025-01-06T13:00:00Z');
    const c = t('2025-01-06T11:00:00Z');
    const arr = (x: number) => Float64Array.of(x, a, a, a, a, a);
    const rep = Int32Array.of(0, 0, 0, 0, 0, 0);
    const out = counterfactualContactTimes(
      { arrival: arr(a), rep, contact: Float64Array.of(c, c, N, N, c, c) },
      { arrival: arr(a), rep, contact: Float64Array.of(c, c, N, c, N, c) },
      { arrival: arr(later), rep, contact: Float64Array.of(later + HOUR_MS, N, c, c, c, c) },
      { ...opts, inHistory: Uint8Array.of(1, 1, 1, 1, 1, 0) },
    );
    expect(Array.from(out, iso)).toEqual([
      '2025-01-06T14:00', // MQL 3 h later, same 1 h delay
      'never', // the scenario loses a lead the baseline reached
      '2025-01-06T11:00', // rescued: baseline and history both lost it
      'never', // history's black hole stays
      '2025-01-06T11:00', // nothing simulated to shift by: observed
      '2025-01-06T11:00', // only in the scenario: its simulated time
    ]);
  });

  it('moves a settlement without contact across the black-hole window when the simulations do, and only then', () => {
    const N = Number.NaN;
    const I = Number.POSITIVE_INFINITY; // simulated: settled after the window (history.ts DECIDED_LATE)
    const a = t('2025-01-06T10:00:00Z');
    const arr = Float64Array.of(a, a, a, a);
    const rep = Int32Array.of(0, 0, 0, 0);
    const out = counterfactualContactTimes(
      { arrival: arr, rep, contact: Float64Array.of(N, N, N, N) },
      { arrival: arr, rep, contact: Float64Array.of(-I, I, -I, N) },
      { arrival: arr, rep, contact: Float64Array.of(I, -I, -I, I) },
      opts,
    );
    // Quick in the baseline, late in the scenario: late; the reverse: quick; unchanged: history's (no contact);
    // one the baseline lost: history's too (nothing to move).
    expect(Array.from(out)).toEqual([I, -I, N, N]);
  });
});

describe('capacity drives delays and black holes', () => {
  it('more reps -> shorter delays and fewer black holes (monotone)', () => {
    const m = world(3_000, 7);
    let prevMissed = Number.POSITIVE_INFINITY;
    let prevDelay = Number.POSITIVE_INFINITY;
    for (const k of [3, 4, 5, 6]) {
      const { sim } = runWith(k, m);
      let missed = 0;
      let delay = 0;
      for (let i = 0; i < m.arrival.length; i++) {
        const c = sim.contactAt[i]!;
        if (Number.isNaN(c)) missed++;
        delay += Number.isNaN(c) ? 7 * 24 : (c - m.arrival[i]!) / HOUR_MS; // never reached counts as the horizon
      }
      expect(missed).toBeLessThan(prevMissed);
      expect(delay).toBeLessThan(prevDelay);
      prevMissed = missed;
      prevDelay = delay;
    }
  });
});
