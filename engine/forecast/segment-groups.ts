// The forecast's segments: rows of the window's MQLs per tier (scenario tier
// names), source and week (Monday, workspace time zone). Keys are decided
// per code (tier index, source code, local day), not per row, and rows are
// bucketed by a counting pass: no string or Map lookup per MQL, no luxon per
// row (a week key was a luxon startOf('week') per distinct hour).
import { LocalDays } from '../calendar/local-days';
import { NO_VALUE } from '../metrics/types';
import type { Policy } from '../scenario/policy';
import type { CodedColumn } from '../columns/types';
import { HOUR_MS } from './history';
import type { LeadExpectations } from './types';

export type SegmentDim = 'tier' | 'source' | 'week';
export const SEGMENT_DIMS: readonly SegmentDim[] = ['tier', 'source', 'week'];

export interface SegmentGroup {
  readonly dim: SegmentDim;
  readonly key: string;
  /** Ascending MQL rows. */
  readonly rows: Int32Array;
}

/** One LocalDays per time zone, widened as needed (a year of days is a few hundred entries). */
let days: { zone: string; from: number; to: number; days: LocalDays } | null = null;

function localDaysCovering(zone: string, from: number, to: number): LocalDays {
  if (!days || days.zone !== zone || from < days.from || to > days.to) {
    const lo = Math.min(from, days && days.zone === zone ? days.from : from);
    const hi = Math.max(to, days && days.zone === zone ? days.to : to);
    days = { zone, from: lo, to: hi, days: new LocalDays(zone, lo, hi) };
  }
  return days.days;
}

/**
 * Groups rows by an integer code per row (code >= 0) whose key is keyOfCode(code);
 * codes sharing a key share a group, as grouping by the key string would.
 */
function bucket(dim: SegmentDim, codeOfRow: Int32Array, nCodes: number, keyOfCode: (c: number) => string): SegmentGroup[] {
  const n = codeOfRow.length;
  const groupOfCode = new Int32Array(nCodes).fill(-1);
  const keys: string[] = [];
  const groupOfKey = new Map<string, number>();
  const count: number[] = [];
  const groupOfRow = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = codeOfRow[k]!;
    let g = groupOfCode[c]!;
    if (g < 0) {
      const key = keyOfCode(c);
      let gk = groupOfKey.get(key);
      if (gk === undefined) {
        gk = keys.length;
        groupOfKey.set(key, gk);
        keys.push(key);
        count.push(0);
      }
      g = groupOfCode[c] = gk;
    }
    groupOfRow[k] = g;
    count[g]!++;
  }
  const rows = count.map((c) => new Int32Array(c));
  const fill = new Int32Array(keys.length);
  for (let k = 0; k < n; k++) {
    const g = groupOfRow[k]!;
    rows[g]![fill[g]!++] = k;
  }
  return keys.map((key, g) => ({ dim, key, rows: rows[g]! }));
}

/**
 * Last grouping per MQL set: the expected-value path hands back the same
 * lead/arrival/tier arrays (kernel.ts cached pieces) on every call of the
 * same window cohort, so a repeat only checks the tier names.
 */
interface Memo {
  readonly arrival: Float64Array;
  readonly tier: Int32Array;
  readonly names: string;
  readonly source: CodedColumn;
  readonly timezone: string;
  readonly groups: SegmentGroup[];
}
const memo = new WeakMap<Int32Array, Memo>();

export function segmentGroups(policy: Policy, source: CodedColumn, timezone: string, e: LeadExpectations): SegmentGroup[] {
  const names = JSON.stringify(policy.tiers.map((t) => t.name));
  const m = memo.get(e.lead);
  if (m && m.arrival === e.arrival && m.tier === e.tier && m.names === names && m.source === source && m.timezone === timezone) return m.groups;
  const groups = computeSegmentGroups(policy, source, timezone, e);
  memo.set(e.lead, { arrival: e.arrival, tier: e.tier, names, source, timezone, groups });
  return groups;
}

function computeSegmentGroups(policy: Policy, source: CodedColumn, timezone: string, e: LeadExpectations): SegmentGroup[] {
  const n = e.n;
  const tierCode = new Int32Array(n);
  for (let k = 0; k < n; k++) tierCode[k] = e.tier[k]! >= 0 ? e.tier[k]! + 1 : 0;
  const tiers = bucket('tier', tierCode, policy.tiers.length + 1, (c) => (c > 0 ? policy.tiers[c - 1]!.name : NO_VALUE.tier));
  const srcCode = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = source.codes[e.lead[k]!]!;
    srcCode[k] = c >= 0 ? c + 1 : 0;
  }
  const sources = bucket('source', srcCode, source.values.length + 1, (c) => (c > 0 ? source.values[c - 1]! : NO_VALUE.source));
  return [...tiers, ...sources, ...weekGroups(timezone, e)];
}

/** Week of each row: the Monday of the local week holding its arrival's hour (floored in UTC, as before). */
function weekGroups(timezone: string, e: LeadExpectations): SegmentGroup[] {
  const n = e.n;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const h = Math.floor(e.arrival[k]! / HOUR_MS) * HOUR_MS;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  // No finite arrival: every key is '' (luxon's invalid date).
  if (!(lo <= hi)) return bucket('week', new Int32Array(n), 1, () => '');
  const ld = localDaysCovering(timezone, lo, hi);
  // Code = local day index + 1 (0: no day, key ''); the key is decided once per day from one of its instants.
  const dayCode = new Int32Array(n);
  const nCodes = ld.dayIndex(hi) + 2;
  const instantOfCode = new Float64Array(nCodes).fill(Number.NaN);
  for (let k = 0; k < n; k++) {
    const h = Math.floor(e.arrival[k]! / HOUR_MS) * HOUR_MS;
    const c = ld.dayIndex(h) + 1;
    dayCode[k] = c;
    if (c > 0 && Number.isNaN(instantOfCode[c]!)) instantOfCode[c] = h;
  }
  return bucket('week', dayCode, nCodes, (c) => (c > 0 ? ld.weekOf(instantOfCode[c]!) : ''));
}
