// The metric values of all MQLs and of every segment group at once. Per group
// the sums are the same loop as assemble.ts metricValues (same order, same
// floating-point result); the hours quantiles come from ONE stable sort of
// every contacted MQL's hours, walked once to hand each group its items
// already in order, instead of one comparator sort per group (the forecast's
// largest cost at a million leads: ~60 groups, each sorting its share).
import { emptySums, type MetricValues } from './assemble';
import type { MetricSums } from './types';
import { stableOrderByValue } from './radix-order';
import type { LeadExpectations } from './types';
import { sortedWeightedQuantiles } from './weighted-quantile';
import { scratchCapacity } from './scratch-capacity';

export interface RowGroup {
  /** MQL rows of the group, ascending (quantile ties follow row order, as metricValues does). */
  readonly rows: Int32Array;
}

export interface GroupedValues {
  readonly overall: MetricValues;
  /** Per group, in the order given. */
  readonly groups: MetricValues[];
}

const PS = [0.5, 0.9] as const;

/** Grow-only scratch, reused by every call (the slider path allocates nothing n-sized here). */
class Scratch {
  order = new Int32Array(0);
  hours = new Float64Array(0);
  memberOffsets = new Int32Array(0);
  members = new Int32Array(0);
  slotOffsets = new Int32Array(0);
  itemW = new Float64Array(0);
  itemMo = new Int32Array(0);
  itemMembers = new Int32Array(0);
  sortedV = new Float64Array(0);
  sortedW = new Float64Array(0);
  rank = new Float64Array(0);
}
const scratch = new Scratch();

function grownI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  return a.length >= n ? a : new Int32Array(scratchCapacity(n));
}
function grownF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  return a.length >= n ? a : new Float64Array(scratchCapacity(n));
}

/**
 * The expected-value path's last answer per expectations object: kernel.ts
 * hands back the same arrays (cached pieces) with a fresh `sla` column when
 * only the SLA can have changed, and then only the SLA rates are re-summed.
 */
interface PointMemo {
  readonly groups: readonly RowGroup[];
  readonly sla: Float64Array;
  readonly values: GroupedValues;
}
const pointMemo = new WeakMap<Float64Array, PointMemo>();

export function groupMetricValues(e: LeadExpectations, groups: readonly RowGroup[], weights: Float64Array | null): GroupedValues {
  if (weights !== null) return computeGroupMetricValues(e, groups, weights);
  const memo = pointMemo.get(e.accept);
  if (memo && memo.groups === groups) {
    if (memo.sla === e.sla) return memo.values;
    const values = { overall: withSla(memo.values.overall, e, null), groups: memo.values.groups.map((v, gi) => withSla(v, e, groups[gi]!.rows)) };
    pointMemo.set(e.accept, { groups, sla: e.sla, values });
    return values;
  }
  const values = computeGroupMetricValues(e, groups, null);
  pointMemo.set(e.accept, { groups, sla: e.sla, values });
  return values;
}

/** v with its SLA rate re-summed from e.sla (unit weights), the same loop order as the full computation. */
function withSla(v: MetricValues, e: LeadExpectations, rows: Int32Array | null): MetricValues {
  const m = rows ? rows.length : e.n;
  let sla = 0;
  for (let q = 0; q < m; q++) sla += 1 * e.sla[rows ? rows[q]! : q]!;
  return { ...v, sla_compliance_rate: m > 0 ? sla / m : null };
}

function computeGroupMetricValues(e: LeadExpectations, groups: readonly RowGroup[], weights: Float64Array | null): GroupedValues {
  const n = e.n;
  const G = groups.length + 1; // group 0: every MQL
  const s = scratch;

  // Row -> groups (CSR), so one walk of the sorted items serves every group.
  s.memberOffsets = grownI32(s.memberOffsets, n + 1);
  const mo = s.memberOffsets;
  mo.fill(0, 0, n + 1);
  for (const g of groups) for (let q = 0; q < g.rows.length; q++) mo[g.rows[q]! + 1]!++;
  for (let k = 0; k < n; k++) mo[k + 1] = mo[k + 1]! + mo[k]!;
  const nMembers = mo[n]!;
  s.members = grownI32(s.members, nMembers);
  const members = s.members;
  const cursor = new Int32Array(n); // n int32 per call: cheaper than a second pass to rebuild offsets
  groups.forEach((g, gi) => {
    for (let q = 0; q < g.rows.length; q++) {
      const k = g.rows[q]!;
      members[mo[k]! + cursor[k]!++] = gi + 1;
    }
  });

  // Items for the quantiles: MQLs with a (possibly probable) contact, gathered in row order with what the
  // sorted walk needs (hours, weighted hours weight as metricValues: hoursWeight * w, and their groups), so
  // the walk in (hours, row) order reads item-indexed arrays only. Slots per group are counted here too:
  // a count does not depend on the order.
  s.hours = grownF64(s.hours, n);
  s.order = grownI32(s.order, n);
  s.itemW = grownF64(s.itemW, n);
  s.itemMo = grownI32(s.itemMo, n + 1);
  s.itemMembers = grownI32(s.itemMembers, nMembers);
  const itemW = s.itemW;
  const itemMo = s.itemMo;
  const itemMembers = s.itemMembers;
  const hoursWeight = e.hoursWeight;
  const slotCount = new Int32Array(G + 1);
  let nItems = 0;
  let nItemMembers = 0;
  itemMo[0] = 0;
  for (let k = 0; k < n; k++) {
    if (!(hoursWeight[k]! > 0)) continue;
    const w = weights ? hoursWeight[k]! * weights[k]! : hoursWeight[k]! * 1;
    s.hours[nItems] = e.hours[k]!;
    itemW[nItems] = w;
    for (let m = mo[k]!; m < mo[k + 1]!; m++) itemMembers[nItemMembers++] = members[m]!;
    itemMo[++nItems] = nItemMembers;
    if (!(w > 0)) continue;
    slotCount[1]!++;
    for (let m = mo[k]!; m < mo[k + 1]!; m++) slotCount[members[m]! + 1]!++;
  }
  const order = stableOrderByValue(s.hours, nItems, s.order);

  s.slotOffsets = grownI32(s.slotOffsets, G + 1);
  const so = s.slotOffsets;
  so[0] = 0;
  for (let g = 0; g < G; g++) so[g + 1] = so[g]! + slotCount[g + 1]!;
  const total = so[G]!;
  s.sortedV = grownF64(s.sortedV, total);
  s.sortedW = grownF64(s.sortedW, total);
  const sv = s.sortedV;
  const sw = s.sortedW;
  const put = new Int32Array(G);
  for (let g = 0; g < G; g++) put[g] = so[g]!;
  const hours = s.hours;
  for (let j = 0; j < nItems; j++) {
    const it = order[j]!;
    const w = itemW[it]!;
    if (!(w > 0)) continue;
    const v = hours[it]!;
    let p = put[0]!++;
    sv[p] = v;
    sw[p] = w;
    for (let m = itemMo[it]!; m < itemMo[it + 1]!; m++) {
      p = put[itemMembers[m]!]!++;
      sv[p] = v;
      sw[p] = w;
    }
  }
  s.rank = grownF64(s.rank, n);

  const values = (rows: Int32Array | null, g: number): MetricValues => {
    const sums = emptySums();
    const m = rows ? rows.length : n;
    const wsum = weights ? addWeighted(sums, e, rows, m, weights) : addUnweighted(sums, e, rows, m);
    const rate = (x: number) => (wsum > 0 ? x / wsum : null);
    const [med, p90] = sortedWeightedQuantiles(sv, sw, so[g]!, so[g + 1]!, PS, s.rank);
    // Counts and sums scale with the bootstrap weights' total back to the group's size.
    const scale = wsum > 0 ? m / wsum : 0;
    return {
      mql_count: m,
      acceptance_rate: rate(sums.accept),
      rejection_rate: rate(sums.reject),
      black_hole_rate: rate(sums.blackHole),
      sla_compliance_rate: rate(sums.sla),
      median_hours_to_first_contact: med ?? null,
      p90_hours_to_first_contact: p90 ?? null,
      sql_rate: rate(sums.sql),
      opportunity_rate: rate(sums.opp),
      won_count: sums.won * scale,
      pipeline_amount: sums.pipeline * scale,
    };
  };
  return { overall: values(null, 0), groups: groups.map((g, gi) => values(g.rows, gi + 1)) };
}

/** Sums of the weighted expectations of rows (all rows when null); returns the weight total. Same order and operations as metricValues. */
function addWeighted(sums: MetricSums, e: LeadExpectations, rows: Int32Array | null, m: number, weights: Float64Array): number {
  let wsum = 0;
  for (let q = 0; q < m; q++) {
    const k = rows ? rows[q]! : q;
    const w = weights[k]!;
    if (w === 0) continue;
    wsum += w;
    sums.accept += w * e.accept[k]!;
    sums.reject += w * e.reject[k]!;
    sums.blackHole += w * e.blackHole[k]!;
    sums.sla += w * e.sla[k]!;
    sums.sql += w * e.sql[k]!;
    sums.opp += w * e.opp[k]!;
    sums.won += w * e.won[k]!;
    sums.pipeline += w * e.pipeline[k]!;
  }
  return wsum;
}

/** Unit weights: w * x === x and the total is the count, so plain sums give the same floats. */
function addUnweighted(sums: MetricSums, e: LeadExpectations, rows: Int32Array | null, m: number): number {
  const { accept, reject, blackHole, sla, sql, opp, won, pipeline } = e;
  let a = 0;
  let r = 0;
  let b = 0;
  let l = 0;
  let s = 0;
  let o = 0;
  let w = 0;
  let p = 0;
  for (let q = 0; q < m; q++) {
    const k = rows ? rows[q]! : q;
    a += accept[k]!;
    r += reject[k]!;
    b += blackHole[k]!;
    l += sla[k]!;
    s += sql[k]!;
    o += opp[k]!;
    w += won[k]!;
    p += pipeline[k]!;
  }
  sums.accept = a;
  sums.reject = r;
  sums.blackHole = b;
  sums.sla = l;
  sums.sql = s;
  sums.opp = o;
  sums.won = w;
  sums.pipeline = p;
  return m;
}
