// The sales team: reps by territory (region) and segment, staffed to the load the policy in
// force produced (as a real team is), with IANA time zones, working hours, daily capacity and
// personal responsiveness; one rep leaves at the end of September and is replaced.
import { FIRST_NAMES, LAST_NAMES, REGIONS } from './catalog';
import { WorkCalendar, workCalendar } from './calendar';
import type { Companies, Leads } from './leads';
import { MISSING, segmentOfSize } from './leads';
import { Rng, purpose } from './rng';
import type { Mqls } from './scoring';
import { secondsOfDate } from './time';

export interface Rep {
  readonly id: string;
  readonly name: string;
  readonly region: number;
  /** 0 smb, 1 mid, 2 ent, -1 all segments. */
  readonly segment: number;
  readonly zone: string;
  readonly workStart: string;
  readonly workEnd: string;
  readonly capacity: number;
  readonly activeFrom: number | null;
  readonly activeTo: number | null;
  /** Mean minutes between looks at the queue while working. */
  readonly checkMinutes: number;
  /** Minutes a first touch takes. */
  readonly serviceMinutes: number;
  /** Working time restricted to the active period: when the rep actually works leads. */
  readonly worktime: WorkCalendar;
  /** Working hours as the reps table states them: what business-hours SLAs are measured against. */
  readonly hours: WorkCalendar;
}

export interface Team {
  readonly reps: readonly Rep[];
  /** Owner rep index of each account (-1 none). */
  readonly accountOwner: Int32Array;
}

/** Utilisation the team was staffed for: capacity = load / (reps * UTILISATION). */
export const UTILISATION = 0.75;
const WORKDAYS_2025 = 261;
const HOURS = [['09:00', '17:00'], ['09:00', '17:00'], ['09:00', '17:00'], ['08:00', '16:00'], ['09:30', '17:30'], ['10:00', '18:00']] as const;
export const CHURN = { leaves: '2025-10-01', joins: '2025-10-01' } as const;

/** MQL load per pool key (region * 4 + segment + 1) of the handed-off MQLs. */
export function poolLoads(mqls: Mqls, leads: Leads): Map<number, number> {
  const byRegionSeg = new Map<number, number>();
  const unknownSeg = new Float64Array(REGIONS.length);
  for (let i = 0; i < mqls.count; i++) {
    if (!mqls.handed[i]) continue;
    const k = mqls.lead[i] as number;
    const r = leads.region[k] as number;
    if (r === MISSING) continue;
    const s = segmentOfSize(leads.obsSize[k] as number);
    if (s < 0) unknownSeg[r] = (unknownSeg[r] as number) + 1;
    else byRegionSeg.set(r * 4 + s + 1, (byRegionSeg.get(r * 4 + s + 1) ?? 0) + 1);
  }
  // Leads without a size go to any rep of the region: spread them over its segments.
  for (let r = 0; r < REGIONS.length; r++) {
    let tot = 0;
    for (let s = 0; s < 3; s++) tot += byRegionSeg.get(r * 4 + s + 1) ?? 0;
    for (let s = 0; s < 3; s++) {
      const v = byRegionSeg.get(r * 4 + s + 1) ?? 0;
      byRegionSeg.set(r * 4 + s + 1, v + (tot > 0 ? ((unknownSeg[r] as number) * v) / tot : (unknownSeg[r] as number) / 3));
    }
  }
  return byRegionSeg;
}

function largestRemainder(weights: readonly number[], total: number, min: number): number[] {
  const out = weights.map(() => min);
  let left = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const quotas = weights.map((w) => (w / sum) * Math.max(0, left));
  quotas.forEach((q, i) => {
    const f = Math.floor(q);
    out[i] = (out[i] as number) + f;
    left -= f;
  });
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; j < order.length && left > 0; j++, left--) {
    const i = (order[j] as readonly [number, number])[1];
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

interface RepSpec {
  region: number;
  segment: number;
  capacity: number;
  zone: string;
  workStart: string;
  workEnd: string;
  activeFrom: number | null;
  activeTo: number | null;
  checkMinutes: number;
  serviceMinutes: number;
}

export function buildRep(id: string, name: string, s: RepSpec): Rep {
  const hours = workCalendar(s.zone, s.workStart, s.workEnd);
  const worktime = s.activeFrom === null && s.activeTo === null ? hours : hours.restrict(s.activeFrom ?? -Infinity, s.activeTo ?? Infinity);
  return { id, name, ...s, worktime, hours };
}

export function generateTeam(nReps: number, seed: number, loads: Map<number, number>, companies: Companies): Team {
  const rng = new Rng(seed, purpose('reps'));
  const regionLoad = REGIONS.map((_, r) => [0, 1, 2].reduce((a, s) => a + (loads.get(r * 4 + s + 1) ?? 0), 0));
  const perRegion = largestRemainder(regionLoad, Math.max(nReps, REGIONS.length), 1);
  const specs: RepSpec[] = [];
  REGIONS.forEach((region, r) => {
    const m = perRegion[r] as number;
    const segLoads = [0, 1, 2].map((s) => loads.get(r * 4 + s + 1) ?? 0);
    const plan: [number, number, number][] = []; // segment, reps, load
    if (m >= 3) {
      const perSeg = largestRemainder(segLoads, m, 1);
      perSeg.forEach((c, s) => plan.push([s, c, segLoads[s] as number]));
    } else plan.push([-1, m, segLoads.reduce((a, b) => a + b, 0)]);
    for (const [segment, count, load] of plan) {
      const perRepDay = load / WORKDAYS_2025 / count / UTILISATION;
      for (let i = 0; i < count; i++) {
        const [ws, we] = rng.pick(HOURS);
        specs.push({
          region: r, segment, zone: rng.pick(region.zones), workStart: ws, workEnd: we,
          capacity: Math.max(2, Math.round(perRepDay * rng.uniform(0.8, 1.2))),
          activeFrom: null, activeTo: null,
          checkMinutes: Math.min(120, Math.max(10, rng.lognormal(40, 0.4))),
          serviceMinutes: Math.min(45, Math.max(5, rng.lognormal(15, 0.3))),
        });
      }
    }
  });
  // Churn: one rep of the biggest pool leaves, a replacement joins the same pool the same day.
  const poolSize = new Map<string, number>();
  for (const s of specs) poolSize.set(`${s.region}|${s.segment}`, (poolSize.get(`${s.region}|${s.segment}`) ?? 0) + 1);
  let leaver = -1;
  specs.forEach((s, i) => {
    const size = poolSize.get(`${s.region}|${s.segment}`) ?? 0;
    if (size >= 2 && (leaver < 0 || size > (poolSize.get(`${specs[leaver]?.region}|${specs[leaver]?.segment}`) ?? 0))) leaver = i;
  });
  if (leaver >= 0) {
    const l = specs[leaver] as RepSpec;
    specs[leaver] = { ...l, activeTo: secondsOfDate(CHURN.leaves) };
    specs.push({ ...l, activeFrom: secondsOfDate(CHURN.joins), activeTo: null, checkMinutes: Math.min(120, rng.lognormal(50, 0.3)) });
  }
  const reps = specs.map((s, i) => buildRep(`R${String(i + 1).padStart(3, '0')}`, `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, s));
  return { reps, accountOwner: assignOwners(reps, companies) };
}

/** Account owners: a full-year rep of the account's region, matching segment when possible, in turn. */
export function assignOwners(reps: readonly Rep[], companies: Companies): Int32Array {
  const owner = new Int32Array(companies.accountCompany.length).fill(-1);
  const turn = new Map<string, number>();
  companies.accountCompany.forEach((c, a) => {
    const r = companies.region[c] as number;
    const seg = segmentOfSize(companies.size[c] as number);
    let pool = reps.map((_, i) => i).filter((i) => (reps[i] as Rep).region === r && (reps[i] as Rep).activeFrom === null && ((reps[i] as Rep).segment === seg || (reps[i] as Rep).segment === -1));
    if (pool.length === 0) pool = reps.map((_, i) => i).filter((i) => (reps[i] as Rep).region === r && (reps[i] as Rep).activeFrom === null);
    if (pool.length === 0) return;
    const key = pool.join(',');
    const t = turn.get(key) ?? 0;
    turn.set(key, t + 1);
    owner[a] = pool[t % pool.length] as number;
  });
  return owner;
}

/**
 * capacity.extra_reps and rep_daily_capacity of a scenario. Added reps join the pool with the
 * highest load per unit of capacity (median capacity of that pool, 09:00-17:00 in its first rep's
 * zone); removed reps leave the pool with the most slack (full-year reps of pools with at least
 * two); their accounts fall back to territory routing.
 */
export function adjustTeam(team: Team, loads: Map<number, number>, extra: number, capacityOverride: number | null): Team {
  let reps = team.reps.slice();
  const removed = new Set<number>();
  const pressure = (region: number, segment: number, list: readonly Rep[]): number => {
    const load = segment < 0 ? [0, 1, 2].reduce((a, s) => a + (loads.get(region * 4 + s + 1) ?? 0), 0) : loads.get(region * 4 + segment + 1) ?? 0;
    const cap = list.filter((p) => p.region === region && p.segment === segment && p.activeTo === null).reduce((a, p) => a + p.capacity, 0);
    return load / Math.max(cap, 1e-9);
  };
  const pools = [...new Set(team.reps.map((p) => `${p.region}|${p.segment}`))].map((k) => k.split('|').map(Number) as [number, number]);
  for (let i = 0; i < extra; i++) {
    const [region, segment] = pools.slice().sort((a, b) => pressure(b[0], b[1], reps) - pressure(a[0], a[1], reps))[0] as [number, number];
    const members = reps.filter((p) => p.region === region && p.segment === segment);
    const caps = members.map((p) => p.capacity).sort((a, b) => a - b);
    reps.push(buildRep(`R9${String(i + 1).padStart(2, '0')}`, `New Rep ${i + 1}`, {
      region, segment, zone: (members[0] as Rep).zone, workStart: '09:00', workEnd: '17:00',
      capacity: caps[Math.floor(caps.length / 2)] as number, activeFrom: null, activeTo: null, checkMinutes: 40, serviceMinutes: 15,
    }));
  }
  for (let i = 0; i < -extra; i++) {
    const candidates = reps
      .map((p, idx) => ({ p, idx }))
      .filter(({ p, idx }) => !removed.has(idx) && p.activeFrom === null && p.activeTo === null &&
        reps.filter((q, j) => !removed.has(j) && q.region === p.region && q.segment === p.segment && q.activeTo === null).length >= 2);
    if (candidates.length === 0) break;
    const live = reps.filter((_, j) => !removed.has(j));
    candidates.sort((a, b) => pressure(a.p.region, a.p.segment, live) - pressure(b.p.region, b.p.segment, live) || b.idx - a.idx);
    removed.add((candidates[0] as { idx: number }).idx);
  }
  const remap = new Int32Array(reps.length).fill(-1);
  const kept: Rep[] = [];
  reps.forEach((p, i) => {
    if (!removed.has(i)) {
      remap[i] = kept.length;
      kept.push(p);
    }
  });
  reps = capacityOverride === null ? kept : kept.map((p) => ({ ...p, capacity: capacityOverride }));
  const accountOwner = team.accountOwner.map((o) => (o < 0 ? -1 : (remap[o] as number)));
  return { reps, accountOwner };
}

export const repActiveAt = (rep: Rep, t: number): boolean =>
  (rep.activeFrom === null || t >= rep.activeFrom) && (rep.activeTo === null || t < rep.activeTo);

