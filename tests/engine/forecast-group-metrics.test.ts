// groupMetricValues (one radix sort for every group's hours quantiles) must
// give exactly what metricValues gives per group, ties and weights included.
import { describe, expect, it } from 'vitest';
import { metricValues } from '../../engine/forecast/assemble';
import { groupMetricValues } from '../../engine/forecast/group-metrics';
import { stableOrderByValue } from '../../engine/forecast/radix-order';
import type { LeadExpectations } from '../../engine/forecast/types';
import { Rng } from '../../engine/stats/rng';

function randomExpectations(n: number, rnd: () => number): LeadExpectations {
  const col = () => Float64Array.from({ length: n }, () => rnd());
  const hoursWeight = Float64Array.from({ length: n }, () => (rnd() < 0.2 ? 0 : rnd() < 0.5 ? 1 : rnd()));
  // Coarse hours so ties are common (ties follow row order).
  const hours = Float64Array.from(hoursWeight, (w) => (w > 0 ? Math.floor(rnd() * 20) / 4 - (rnd() < 0.05 ? 3 : 0) : Number.NaN));
  return {
    n,
    lead: Int32Array.from({ length: n }, (_, k) => k),
    accept: col(),
    reject: col(),
    blackHole: col(),
    sla: col(),
    sql: col(),
    opp: col(),
    won: col(),
    pipeline: col(),
    hours,
    hoursWeight,
    tier: Int32Array.from({ length: n }, () => Math.floor(rnd() * 3)),
    arrival: col(),
  };
}

describe('groupMetricValues', () => {
  it('equals metricValues per group, with and without weights', () => {
    const g = new Rng(42);
    const rnd = () => g.uniform();
    for (const n of [0, 1, 7, 500, 5000]) {
      const e = randomExpectations(n, rnd);
      const groupOf = Int32Array.from({ length: n }, () => Math.floor(rnd() * 5));
      const groups = [0, 1, 2, 3, 4].map((g) => ({ rows: Int32Array.from([...groupOf.keys()].filter((k) => groupOf[k] === g)) }));
      groups.push({ rows: Int32Array.from([...groupOf.keys()].filter((k) => k % 3 === 0)) });
      for (const weights of [null, Float64Array.from({ length: n }, () => Math.floor(rnd() * 3))]) {
        const all = groupMetricValues(e, groups, weights);
        expect(all.overall).toEqual(metricValues(e, null, weights));
        groups.forEach((g, gi) => expect(all.groups[gi]).toEqual(metricValues(e, g.rows, weights)));
      }
    }
  });

  it('radix order equals a stable comparator sort', () => {
    const g = new Rng(7);
    const rnd = () => g.uniform();
    const v = Float64Array.from({ length: 20000 }, () => (rnd() < 0.3 ? Math.floor(rnd() * 9) - 4 : (rnd() - 0.4) * 1e12));
    v[5] = -0;
    v[6] = 0;
    const want = Int32Array.from({ length: v.length }, (_, k) => k).sort((a, b) => v[a]! - v[b]!);
    expect(stableOrderByValue(v, v.length, new Int32Array(v.length))).toEqual(want);
  });
});
