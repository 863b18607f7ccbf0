// A policy's handed-off MQLs (any time) in arrival order, from a replay
// result: the queue's input. Typed arrays and one radix sort (ties by lead,
// as the comparator `arrival || lead` did); no per-lead JS arrays or closures,
// which cost ~150 ms per forecast at 250k leads.
import { TRIGGER_HIGH_INTENT } from '../columns/types';
import { FLAG_DATA_COMPLETION, type ReplayResult } from '../replay/score';
import type { Policy } from '../scenario/policy';
import type { LeadHistory } from './history';
import { tierRanks, type QueueCohort } from './queue-effects';
import { stableOrderByValue } from './radix-order';

export interface PolicyCohort extends QueueCohort {
  /** Scenario score at MQL (NaN threshold-only / none). */
  readonly score: Float64Array;
  readonly tier: Int32Array;
  readonly highIntent: Uint8Array;
}

/** Same MQL within a minute (exports round times): history's instant, so the identity is exact. */
const SAME_INSTANT_MS = 60_000;

/**
 * Every handed-off MQL of the replayed policy (not held by a pre-flight
 * check), in arrival order; reps -1 (assignReps fills them). An MQL is shared
 * when the lead was handed off in history within `sameMqlToleranceMs` of it.
 */
export function buildCohort(r: ReplayResult, hist: LeadHistory, policy: Policy, sameMqlToleranceMs: number): PolicyCohort {
  const n = hist.n;
  const { mqlAt, flags } = r;
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(mqlAt[i]!) && !(flags[i]! & FLAG_DATA_COMPLETION)) m++;
  const leads = new Int32Array(m);
  const arr0 = new Float64Array(m);
  // Per MQL (lead order) what the arrival-ordered rows take, read while the leads are walked in sequence:
  // the sorted gather then reads these m-long arrays, not the lead-indexed columns at random.
  const tier0 = new Int32Array(m);
  const shared0 = new Uint8Array(m);
  const score0 = new Float64Array(m);
  const high0 = new Uint8Array(m);
  m = 0;
  for (let i = 0; i < n; i++) {
    const t = mqlAt[i]!;
    if (!Number.isFinite(t) || flags[i]! & FLAG_DATA_COMPLETION) continue;
    const h = hist.mqlAt[i]!;
    leads[m] = i;
    arr0[m] = hist.handed[i] && Math.abs(h - t) <= SAME_INSTANT_MS ? h : t;
    tier0[m] = r.tierIndex[i]!;
    shared0[m] = hist.handed[i] && Math.abs(h - t) <= sameMqlToleranceMs ? 1 : 0;
    score0[m] = r.scoreAtMql[i]!;
    high0[m++] = r.trigger[i] === TRIGGER_HIGH_INTENT ? 1 : 0;
  }
  // leads ascend, so a stable sort by arrival breaks ties by lead.
  const order = stableOrderByValue(arr0, m, new Int32Array(m));
  const rank = tierRanks(policy);
  const lastRank = Math.max(0, policy.tiers.length - 1);
  const lead = new Int32Array(m);
  const arrival = new Float64Array(m);
  const priority = new Int32Array(m);
  const shared = new Uint8Array(m);
  const score = new Float64Array(m);
  const tier = new Int32Array(m);
  const highIntent = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    const o = order[k]!;
    lead[k] = leads[o]!;
    arrival[k] = arr0[o]!;
    const t = tier0[o]!;
    priority[k] = t >= 0 ? rank[t]! : lastRank;
    shared[k] = shared0[o]!;
    score[k] = score0[o]!;
    tier[k] = t;
    highIntent[k] = high0[o]!;
  }
  return { lead, arrival, rep: new Int32Array(m).fill(-1), priority, shared, score, tier, highIntent };
}
