// Each rep works their own queue over their working time. While working, a rep looks at the
// queue now and then (Poisson checks), takes leads by priority (tier order, then oldest first)
// until the day's capacity is used (hot first-tier leads are still taken up to 1.5x capacity),
// and each first touch takes a few minutes. Leads that wait more than STALE_DAYS are abandoned;
// some leads are ignored outright, more often when the rep's backlog is long. Both are black holes.
import { Rng, hashKeys, purpose } from './rng';
import type { Team } from './reps';
import { DAY } from './time';

export const QUEUE_PARAMS = {
  staleDays: 7,
  ignoreBase: 0.02,
  ignoreSlope: 0.35,
  /** Backlog scale: p(ignore) = base + slope * backlog / (backlog + backlogScale * capacity). */
  backlogScale: 4,
  firstTierOverCapacity: 1.5,
} as const;

export const FATE_PICKED = 0;
export const FATE_IGNORED = 1;
export const FATE_STALE = 2;
export const FATE_NEVER = 3;

export interface QueueResult {
  readonly pickup: Float64Array;
  readonly fate: Uint8Array;
}

/** priority[i]: 0 = worked first. */
export function runQueues(
  team: Team, rep: Int32Array, assigned: Float64Array, priority: Uint8Array, lead: Int32Array, nPriorities: number,
  seed: number, draw: number,
): QueueResult {
  const n = rep.length;
  const pickup = new Float64Array(n).fill(NaN);
  const fate = new Uint8Array(n).fill(FATE_NEVER);
  const byRep: number[][] = team.reps.map(() => []);
  for (let i = 0; i < n; i++) if ((rep[i] as number) >= 0) (byRep[rep[i] as number] as number[]).push(i);
  const rng = new Rng(0);
  const saltIgnore = purpose('ignore');
  const stale = QUEUE_PARAMS.staleDays * DAY;

  team.reps.forEach((r, ri) => {
    const arr = (byRep[ri] as number[]).sort((a, b) => (assigned[a] as number) - (assigned[b] as number) || a - b);
    if (arr.length === 0) return;
    rng.reseed(seed, draw, purpose('queue'), ri);
    const cal = r.worktime;
    const checkRate = 1 / (r.checkMinutes * 60);
    const cap = r.capacity;
    const hardCap = Math.ceil(cap * QUEUE_PARAMS.firstTierOverCapacity);
    const queues: number[][] = Array.from({ length: nPriorities }, () => []);
    const heads = new Array<number>(nPriorities).fill(0);
    let queued = 0;
    let ai = 0;
    const admit = (t: number): void => {
      while (ai < arr.length && (assigned[arr[ai] as number] as number) <= t) {
        const i = arr[ai++] as number;
        const u = hashKeys(seed, draw, saltIgnore, lead[i] as number) / 4294967296;
        const p = QUEUE_PARAMS.ignoreBase + (QUEUE_PARAMS.ignoreSlope * queued) / (queued + QUEUE_PARAMS.backlogScale * cap);
        if (u < p) fate[i] = FATE_IGNORED;
        else {
          (queues[priority[i] as number] as number[]).push(i);
          queued++;
        }
      }
    };
    const dropStale = (t: number): void => {
      for (let p = 0; p < nPriorities; p++) {
        const q = queues[p] as number[];
        while ((heads[p] as number) < q.length && (assigned[q[heads[p] as number] as number] as number) < t - stale) {
          fate[q[heads[p] as number] as number] = FATE_STALE;
          heads[p] = (heads[p] as number) + 1;
          queued--;
        }
      }
    };
    let iv = cal.intervalFrom(assigned[arr[0] as number] as number);
    while (iv >= 0 && iv < cal.length && (ai < arr.length || queued > 0)) {
      const ws = cal.starts[iv] as number;
      const we = cal.ends[iv] as number;
      let t = ws;
      if (queued === 0) {
        const na = assigned[arr[ai] as number] as number;
        if (na >= we) {
          iv = cal.intervalFrom(na);
          continue;
        }
        t = Math.max(ws, na);
      }
      let picks = 0;
      t += rng.exp(checkRate);
      while (t < we) {
        admit(t);
        dropStale(t);
        if (queued === 0) {
          if (ai >= arr.length) break;
          const na = assigned[arr[ai] as number] as number;
          if (na >= we) break;
          t = Math.max(t, na) + rng.exp(checkRate);
          continue;
        }
        while (queued > 0 && t < we && picks < hardCap) {
          let p = 0;
          while ((heads[p] as number) >= (queues[p] as number[]).length) p++;
          if (picks >= cap && p !== 0) break;
          const i = (queues[p] as number[])[heads[p] as number] as number;
          heads[p] = (heads[p] as number) + 1;
          queued--;
          pickup[i] = t;
          fate[i] = FATE_PICKED;
          picks++;
          t += r.serviceMinutes * 60 * rng.lognormal(1, 0.4);
        }
        if (picks >= hardCap) break;
        t += rng.exp(checkRate);
      }
      iv++;
    }
  });
  return { pickup, fate };
}
