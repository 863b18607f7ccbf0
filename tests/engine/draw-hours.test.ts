// drawHours (two passes over the sorted rows, no per-group copies) must give bit for bit what
// reading each group's own sorted copy gives (the reference below: the copies it replaced).
import { describe, expect, it } from 'vitest';
import { drawHours, DrawHourBuffers } from '../../engine/forecast/draw-hours';
import { membership, type Membership } from '../../engine/forecast/interval-runs';
import type { LeadExpectations } from '../../engine/forecast/types';
import { Rng } from '../../engine/stats/rng';

/** Each group's contacted rows in ascending hours (ties by row), with ranks; then the resampled quantile read off them. */
function reference(e: LeadExpectations, mem: Membership, G: number): { hours: Float64Array; hoursSd: Float64Array } {
  const groups: { v: number[]; w: number[] }[] = Array.from({ length: G }, () => ({ v: [], w: [] }));
  const rows = Array.from({ length: e.n }, (_, q) => q)
    .filter((q) => e.hoursWeight[q]! > 0)
    .sort((a, b) => e.hours[a]! - e.hours[b]! || a - b);
  for (const q of rows) {
    const gs = [0, ...Array.from(mem.members.subarray(mem.offsets[q]!, mem.offsets[q + 1]!))];
    for (const g of gs) {
      groups[g]!.v.push(e.hours[q]!);
      groups[g]!.w.push(e.hoursWeight[q]!);
    }
  }
  const quantile = (g: number, p: number, z: number): number | null => {
    const { v, w } = groups[g]!;
    if (v.length === 0) return null;
    const rank: number[] = [];
    let before = 0;
    for (let k = 0; k < v.length; k++) {
      rank.push(before + (w[k]! - 1) / 2);
      before += w[k]!;
    }
    const last = v.length - 1;
    const total = rank[last]! + (w[last]! + 1) / 2;
    const target = p * Math.max(0, total - 1) + z * Math.sqrt(total * p * (1 - p));
    if (target <= rank[0]!) return v[0]!;
    if (target >= rank[last]!) return v[last]!;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (rank[mid]! <= target) lo = mid;
      else hi = mid;
    }
    const span = rank[hi]! - rank[lo]!;
    const f = span > 0 ? (target - rank[lo]!) / span : 0;
    return v[lo]! + f * (v[hi]! - v[lo]!);
  };
  const hours = new Float64Array(G * 2).fill(Number.NaN);
  const hoursSd = new Float64Array(G * 2);
  for (let g = 0; g < G; g++) {
    [0.5, 0.9].forEach((p, i) => {
      const q = quantile(g, p, 0);
      if (q === null) return;
      hours[g * 2 + i] = q;
      hoursSd[g * 2 + i] = ((quantile(g, p, 1) ?? q) - (quantile(g, p, -1) ?? q)) / 2;
    });
  }
  return { hours, hoursSd };
}

function draw(n: number, nGroups: number, seed: number, weights: 'contacts' | 'fractional') {
  const rng = new Rng(seed, 1);
  const hoursWeight = Float64Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 0 : weights === 'contacts' ? 1 : 0.2 + 0.8 * rng.uniform()));
  // Coarse hours: ties are common (they keep row order).
  const hours = Float64Array.from(hoursWeight, (w) => (w > 0 ? Math.floor(rng.uniform() * 40) / 4 : Number.NaN));
  const e = { n, hours, hoursWeight } as unknown as LeadExpectations;
  // Every row in a few of the groups (as tier, source and week), some groups small or empty.
  const groups = Array.from({ length: nGroups }, () => [] as number[]);
  for (let q = 0; q < n; q++) for (let d = 0; d < 3; d++) groups[(Math.floor(rng.uniform() * (nGroups - 2)) + d * 7) % (nGroups - 1)]!.push(q);
  const rowGroups = groups.map((r) => ({ rows: Int32Array.from(new Set(r)).sort() }));
  return { e, mem: membership(rowGroups, n), G: nGroups + 1 };
}

describe('drawHours', () => {
  for (const weights of ['contacts', 'fractional'] as const) {
    it(`gives each group's quantiles exactly as its own sorted copy does (${weights})`, () => {
      for (const [n, nGroups, seed] of [
        [2000, 12, 1],
        [300, 30, 2],
        [5, 4, 3],
      ] as const) {
        const { e, mem, G } = draw(n, nGroups, seed, weights);
        const buf = new DrawHourBuffers(n);
        const got = drawHours(e, mem, G, buf);
        const want = reference(e, mem, G);
        expect(Array.from(got.hours)).toEqual(Array.from(want.hours));
        expect(Array.from(got.hoursSd)).toEqual(Array.from(want.hoursSd));
        // The buffers serve the next draw: the same answer again.
        expect(Array.from(drawHours(e, mem, G, buf).hours)).toEqual(Array.from(want.hours));
      }
    });
  }
});
