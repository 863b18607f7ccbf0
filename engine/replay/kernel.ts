// The per-lead scoring scan of SEMANTICS.md, over the CSR activity arrays.
//
// Decay without a pow per activity: every activity j of a lead carries a
// growth factor g[j] = 2^((t_j - t_ref) / half_life) (t_ref = the lead's first
// activity), computed once per half-life and cached. Totals are kept in that
// "grown" frame: adding activity j adds points * g[j]; the decayed total at
// activity j is (grown total) / g[j]. All types decay alike, so uncapped types
// share one running sum; only capped types (min(cap, total) per type) are
// tracked one by one. Lookback subtracts an expired activity's grown value.
// Leads whose span is so long against the half-life that g would overflow
// (2^600) take scanLeadExact, the direct formula, which is also the reference
// the tests hold the fast scan to.
import { TRIGGER_HIGH_INTENT, TRIGGER_NONE, TRIGGER_SCORE } from '../columns/types';
import type { CompiledRules } from './compile';
import { slack } from './compile';

/** g exponents above this switch a lead to the exact scan (2^600 ~ 1e180 leaves room for points and sums). */
const MAX_GROWTH_EXPONENT = 600;

export interface DecayCache {
  readonly halfLifeMs: number;
  /** Growth factor per activity row. */
  readonly g: Float64Array;
  /** 1 for leads that must take the exact scan. */
  readonly exactLead: Uint8Array;
}

export function buildDecayCache(leadOffsets: Int32Array, time: Float64Array, halfLifeMs: number): DecayCache {
  const nLeads = leadOffsets.length - 1;
  const g = new Float64Array(time.length);
  const exactLead = new Uint8Array(nLeads);
  for (let i = 0; i < nLeads; i++) {
    const a0 = leadOffsets[i];
    const a1 = leadOffsets[i + 1];
    if (a0 === a1) continue;
    const ref = time[a0];
    for (let j = a0; j < a1; j++) {
      const e = ((time[j]) - ref) / halfLifeMs;
      if (e > MAX_GROWTH_EXPONENT) {
        exactLead[i] = 1;
        break;
      }
      g[j] = 2 ** e;
    }
  }
  return { halfLifeMs, g, exactLead };
}

/** Scratch state reused across leads and calls: nothing is allocated per lead. */
export class ScanScratch {
  /** Grown total per capped type. */
  readonly grown: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: Int32Array;
  constructor(nTypes: number) {
    this.grown = new Float64Array(nTypes);
    this.seen = new Uint8Array(nTypes);
    this.touched = new Int32Array(nTypes);
  }
}

/** One lead's outcome; a single instance is reused. */
export interface LeadScan {
  /** Activity row of the MQL moment, -1 for none. */
  mqlRow: number;
  /** 1 score_threshold, 2 high_intent, 0 none. */
  trigger: number;
  /** Score right after the MQL activity. */
  score: number;
  /** Highest score reached up to the MQL moment (or over all activities); -Infinity without activities. */
  best: number;
}

/**
 * Called with each new running maximum of the score (a "record") and the row
 * it happens at, in time order: the threshold sweep's precomputation.
 */
export interface RecordSink {
  push(score: number, row: number): void;
}

export interface ScanInputs {
  readonly leadOffsets: Int32Array;
  readonly time: Float64Array;
  readonly typeCode: Uint16Array;
  readonly rules: CompiledRules;
  /** null when the policy has no decay. */
  readonly decay: DecayCache | null;
}

/**
 * Scans lead i in time order and stops at its MQL moment: the first activity
 * after which score >= threshold (trigger 1), or else the first high-intent
 * activity (trigger 2). threshold = Infinity scans up to the first high-intent
 * activity only, which is what the sweep needs.
 */
export function scanLead(inp: ScanInputs, s: ScanScratch, i: number, fit: number, threshold: number, records: RecordSink | null, out: LeadScan): void {
  const a0 = inp.leadOffsets[i];
  const a1 = inp.leadOffsets[i + 1];
  out.mqlRow = -1;
  out.trigger = TRIGGER_NONE;
  out.score = NaN;
  out.best = -Infinity;
  if (a0 === a1) return;
  if (inp.decay !== null && inp.decay.exactLead[i] === 1) {
    scanLeadExact(inp, i, fit, threshold, records, out);
    return;
  }
  const { time, typeCode } = inp;
  const { points, caps, capped, highIntent, lookbackMs, nonNegative } = inp.rules;
  const g = inp.decay === null ? null : inp.decay.g;
  const hasLookback = lookbackMs !== Infinity;
  const thr = threshold - slack(threshold);
  const grown = s.grown;
  const seen = s.seen;
  const touched = s.touched;
  let nTouched = 0;
  let sumUncapped = 0;
  let tail = a0;
  let best = -Infinity;
  for (let j = a0; j < a1; j++) {
    const k = typeCode[j];
    // An activity worth nothing cannot raise the score (without negative points) and is not a
    // bypass: nothing to evaluate. The lookback catches up at the next evaluated activity.
    // The first activity is always evaluated so that `best` starts from a real score.
    if (nonNegative && j > a0 && points[k] === 0 && highIntent[k] === 0) continue;
    const t = time[j];
    const gj = g === null ? 1 : (g[j]);
    if (hasLookback) {
      // Activities at or before t - lookback leave the window (it is open on the left).
      const cut = t - lookbackMs;
      while ((time[tail]) <= cut) {
        const kk = typeCode[tail];
        const pp = points[kk];
        if (pp !== 0) {
          const v = g === null ? pp : pp * (g[tail]);
          if (capped[kk] === 1) grown[kk] = (grown[kk]) - v;
          else sumUncapped -= v;
        }
        tail++;
      }
    }
    const p = points[k];
    if (p !== 0) {
      const v = p * gj;
      if (capped[k] === 1) {
        if (seen[k] === 0) {
          seen[k] = 1;
          touched[nTouched++] = k;
        }
        grown[k] = (grown[k]) + v;
      } else sumUncapped += v;
    }
    // One division per activity; the decayed totals are grown totals times 1/g.
    const inv = g === null ? 1 : 1 / gj;
    let score = fit + sumUncapped * inv;
    for (let q = 0; q < nTouched; q++) {
      const kk = touched[q];
      const a = grown[kk] * inv;
      const c = caps[kk];
      score += a < c ? a : c;
    }
    if (score > best) {
      best = score;
      if (records !== null) records.push(score, j);
    }
    if (isMqlMoment(out, j, score, thr, highIntent[k] === 1)) break;
  }
  out.best = best;
  for (let q = 0; q < nTouched; q++) {
    const kk = touched[q];
    grown[kk] = 0;
    seen[kk] = 0;
  }
}

/**
 * Whether activity j is the MQL moment: the threshold is reached (that wins a
 * tie with a bypass), or the activity is a high-intent bypass. Records it in out.
 */
function isMqlMoment(out: LeadScan, j: number, score: number, thr: number, highIntent: boolean): boolean {
  // Written as >= so a NaN threshold (the sweep passes Infinity, minus its slack) never matches.
  const reached = score >= thr;
  if (!reached && !highIntent) return false;
  out.mqlRow = j;
  out.trigger = reached ? TRIGGER_SCORE : TRIGGER_HIGH_INTENT;
  out.score = score;
  return true;
}

/**
 * The SEMANTICS.md formula taken literally: after activity j, for each type,
 * sum points * 0.5^((t_j - t)/half_life) over the lead's activities up to j
 * (in order) inside the lookback, cap it, add fit. Quadratic in a lead's
 * activity count: used for leads the fast scan cannot grow safely, and by tests.
 */
export function scanLeadExact(inp: ScanInputs, i: number, fit: number, threshold: number, records: RecordSink | null, out: LeadScan): void {
  const a0 = inp.leadOffsets[i];
  const a1 = inp.leadOffsets[i + 1];
  const { time, typeCode } = inp;
  const { points, caps, highIntent, lookbackMs, halfLifeMs, nTypes } = inp.rules;
  const thr = threshold - slack(threshold);
  const totals = new Float64Array(nTypes); // rare path: allocation is fine here
  out.mqlRow = -1;
  out.trigger = TRIGGER_NONE;
  out.score = NaN;
  let best = -Infinity;
  for (let j = a0; j < a1; j++) {
    const t = time[j];
    totals.fill(0);
    for (let m = a0; m <= j; m++) {
      const tm = time[m];
      if (lookbackMs !== Infinity && !(tm > t - lookbackMs)) continue;
      const km = typeCode[m];
      const factor = halfLifeMs === 0 ? 1 : 0.5 ** ((t - tm) / halfLifeMs);
      totals[km] = (totals[km]) + (points[km]) * factor;
    }
    let score = fit;
    for (let k = 0; k < nTypes; k++) score += Math.min(caps[k], totals[k]);
    if (score > best) {
      best = score;
      if (records !== null) records.push(score, j);
    }
    if (isMqlMoment(out, j, score, thr, highIntent[typeCode[j]] === 1)) break;
  }
  out.best = best;
}

/**
 * How many activities of each type each lead has (CSR: entries of lead i are
 * offsets[i]..offsets[i+1]-1). Policy-independent, built once. It gives each
 * lead an upper bound on its score under any policy (see scoreBound), so leads
 * that cannot reach the threshold are skipped without a scan.
 */
export interface TypeHistogram {
  readonly offsets: Int32Array;
  readonly type: Uint16Array;
  /** Uint16 when every count fits (10 MiB less at L), else Int32. */
  readonly count: Uint16Array | Int32Array;
}

export function buildTypeHistogram(leadOffsets: Int32Array, typeCode: Uint16Array, nTypes: number): TypeHistogram {
  const nLeads = leadOffsets.length - 1;
  const counts = new Int32Array(nTypes);
  const touched = new Int32Array(nTypes);
  const offsets = new Int32Array(nLeads + 1);
  let type = new Uint16Array(Math.max(16, typeCode.length >> 1));
  let count = new Int32Array(type.length);
  let m = 0;
  for (let i = 0; i < nLeads; i++) {
    let nt = 0;
    for (let j = leadOffsets[i]; j < leadOffsets[i + 1]; j++) {
      const k = typeCode[j];
      if (counts[k] === 0) touched[nt++] = k;
      counts[k]++;
    }
    if (m + nt > type.length) {
      const grownType = new Uint16Array(Math.max(type.length * 2, m + nt));
      grownType.set(type);
      type = grownType;
      const grownCount = new Int32Array(grownType.length);
      grownCount.set(count);
      count = grownCount;
    }
    for (let q = 0; q < nt; q++) {
      const k = touched[q];
      type[m] = k;
      count[m] = counts[k];
      m++;
      counts[k] = 0;
    }
    offsets[i + 1] = m;
  }
  let maxCount = 0;
  for (let e = 0; e < m; e++) if (count[e] > maxCount) maxCount = count[e];
  return { offsets, type: type.slice(0, m), count: maxCount <= 0xffff ? Uint16Array.from(count.subarray(0, m)) : count.slice(0, m) };
}

/**
 * An upper bound on lead i's score at any moment: fit plus, for each type with
 * positive points, min(cap, points x count). Decay (a factor <= 1) and the
 * lookback (a subset) only lower a positive type's total; negative types only
 * lower the score. Returns Infinity when the lead has a high-intent activity
 * type, which can make it an MQL at any score: such leads are always scanned.
 */
export function scoreBound(h: TypeHistogram, rules: CompiledRules, i: number, fit: number): number {
  const { points, caps, highIntent } = rules;
  let bound = fit;
  for (let e = h.offsets[i]; e < h.offsets[i + 1]; e++) {
    const k = h.type[e];
    if (highIntent[k] === 1) return Infinity;
    const p = points[k];
    if (p > 0) {
      const total = p * h.count[e];
      const c = caps[k];
      bound += total < c ? total : c;
    }
  }
  return bound;
}
