// A queue draw's hours-to-first-contact quantiles per group (interval-runs.ts):
// the median and p90 of each group's contacted MQLs and their Poisson-bootstrap
// sd, read in two passes over the draw's contacted rows in ascending hours,
// without a per-group copy of the sorted hours (at L those copies were ~40 MB
// a draw: every row sits in four groups).
//
// The quantile (weighted-quantile.ts's ranks): a group's items in ascending
// hours carry rank = (weight before) + (weight - 1) / 2; the p-quantile in a
// resampled year is at rank p(total - 1) + Z sqrt(total p (1 - p)) (the count
// of resampled items below a fixed item is, to first order, normal with that
// sd), read between the items around it by linear interpolation.
import type { Membership } from './interval-runs';
import { stableOrderByValue } from './radix-order';
import type { LeadExpectations } from './types';

const PS = [0.5, 0.9] as const;
/** Per p: the quantile at Z = 0, +1 and -1. */
const ZS = [0, 1, -1] as const;
const T = PS.length * ZS.length;

/** The row-sized arrays, made once per intervalRuns call and rewritten by every draw. */
export class DrawHourBuffers {
  readonly itemRow: Int32Array;
  readonly hours: Float64Array;
  readonly order: Int32Array;
  /** The items in ascending hours: value, weight and their groups (CSR), gathered once so both passes read in sequence. */
  readonly value: Float64Array;
  readonly weight: Float64Array;
  readonly groupStart: Int32Array;
  groups: Int32Array;
  constructor(m: number) {
    this.itemRow = new Int32Array(m);
    this.hours = new Float64Array(m);
    this.order = new Int32Array(m);
    this.value = new Float64Array(m);
    this.weight = new Float64Array(m);
    this.groupStart = new Int32Array(m + 1);
    this.groups = new Int32Array(0);
  }
}

export interface DrawHours {
  /** G x 2: median and p90 of hours (NaN: no contacted MQL in the group). */
  readonly hours: Float64Array;
  /** G x 2: their bootstrap sd (half the distance between the quantiles at rank -1 and +1 sd). */
  readonly hoursSd: Float64Array;
}

export function drawHours(e: LeadExpectations, mem: Membership, G: number, buf: DrawHourBuffers = new DrawHourBuffers(e.n)): DrawHours {
  const m = e.n;
  let n = 0;
  const { itemRow, hours: itemHours } = buf;
  for (let q = 0; q < m; q++) {
    if (e.hoursWeight[q]! > 0) {
      itemHours[n] = e.hours[q]!;
      itemRow[n++] = q;
    }
  }
  // Ties keep row order, as group-metrics.ts's point values do.
  const order = stableOrderByValue(itemHours, n, buf.order);
  // Gathered in that order once: the passes below then read in sequence (row-indexed reads at random cost
  // most of this function at L's 300k contacted MQLs, and there are two passes).
  const { value: sv, weight: sw, groupStart } = buf;
  if (buf.groups.length < mem.members.length) buf.groups = new Int32Array(mem.members.length);
  const sg = buf.groups;
  let links = 0;
  for (let i = 0; i < n; i++) {
    const q = itemRow[order[i]!]!;
    sv[i] = e.hours[q]!;
    sw[i] = e.hoursWeight[q]!;
    groupStart[i] = links;
    for (let u = mem.offsets[q]!; u < mem.offsets[q + 1]!; u++) sg[links++] = mem.members[u]!;
  }
  groupStart[n] = links;

  // Pass 1: per group its first item, and its last item's rank and weight (the total weight follows).
  const count = new Int32Array(G);
  const before = new Float64Array(G);
  const firstRank = new Float64Array(G);
  const firstValue = new Float64Array(G);
  const lastRank = new Float64Array(G);
  const lastWeight = new Float64Array(G);
  const lastValue = new Float64Array(G);
  const visit = (g: number, v: number, w: number): void => {
    const rank = before[g]! + (w - 1) / 2;
    if (count[g] === 0) {
      firstRank[g] = rank;
      firstValue[g] = v;
    }
    count[g]!++;
    lastRank[g] = rank;
    lastWeight[g] = w;
    lastValue[g] = v;
    before[g] = before[g]! + w;
  };
  for (let i = 0; i < n; i++) {
    const v = sv[i]!;
    const w = sw[i]!;
    visit(0, v, w);
    for (let u = groupStart[i]!; u < groupStart[i + 1]!; u++) visit(sg[u]!, v, w);
  }

  // The targets: those at or beyond a group's first or last rank take that item's value now; the rest wait for pass 2.
  const target = new Float64Array(G * T);
  const value = new Float64Array(G * T).fill(Number.NaN);
  const pending = new Uint8Array(G * T);
  let open = 0;
  for (let g = 0; g < G; g++) {
    if (count[g] === 0) continue;
    const total = lastRank[g]! + (lastWeight[g]! + 1) / 2;
    for (let a = 0; a < PS.length; a++) {
      const p = PS[a]!;
      for (let b = 0; b < ZS.length; b++) {
        const s = g * T + a * ZS.length + b;
        const t = p * Math.max(0, total - 1) + ZS[b]! * Math.sqrt(total * p * (1 - p));
        target[s] = t;
        if (t <= firstRank[g]!) value[s] = firstValue[g]!;
        else if (t >= lastRank[g]!) value[s] = lastValue[g]!;
        else {
          pending[s] = 1;
          open++;
        }
      }
    }
  }

  // Pass 2: a pending target is read between the last item at or below it and the first above it.
  if (open > 0) {
    before.fill(0);
    const prevRank = new Float64Array(G);
    const prevValue = new Float64Array(G);
    // Per group its lowest pending target: most items pass below it, and one comparison says so.
    const nextTarget = new Float64Array(G).fill(Number.POSITIVE_INFINITY);
    const lowestPending = (g: number): number => {
      let t = Number.POSITIVE_INFINITY;
      for (let s = g * T; s < g * T + T; s++) if (pending[s] === 1 && target[s]! < t) t = target[s]!;
      return t;
    };
    for (let g = 0; g < G; g++) nextTarget[g] = lowestPending(g);
    const step = (g: number, v: number, w: number): void => {
      const rank = before[g]! + (w - 1) / 2;
      if (rank > nextTarget[g]!) {
        for (let s = g * T; s < g * T + T; s++) {
          if (pending[s] === 0 || !(rank > target[s]!)) continue;
          const span = rank - prevRank[g]!;
          const f = span > 0 ? (target[s]! - prevRank[g]!) / span : 0;
          value[s] = prevValue[g]! + f * (v - prevValue[g]!);
          pending[s] = 0;
          open--;
        }
        nextTarget[g] = lowestPending(g);
      }
      prevRank[g] = rank;
      prevValue[g] = v;
      before[g] = before[g]! + w;
    };
    for (let i = 0; i < n && open > 0; i++) {
      const v = sv[i]!;
      const w = sw[i]!;
      step(0, v, w);
      for (let u = groupStart[i]!; u < groupStart[i + 1]!; u++) step(sg[u]!, v, w);
    }
  }

  const hours = new Float64Array(G * 2).fill(Number.NaN);
  const hoursSd = new Float64Array(G * 2);
  for (let g = 0; g < G; g++) {
    if (count[g] === 0) continue;
    for (let a = 0; a < PS.length; a++) {
      const s = g * T + a * ZS.length;
      const q = value[s]!;
      hours[g * 2 + a] = q;
      hoursSd[g * 2 + a] = (value[s + 1]! - value[s + 2]!) / 2;
    }
  }
  return { hours, hoursSd };
}
