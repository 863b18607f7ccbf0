// Routing of MQLs to reps, as the handoff's third stage: account owner first,
// then territory/segment, then round robin or least loaded among the eligible
// active reps. Pure and deterministic over dictionary codes and typed arrays,
// so a scenario's routing is recomputed in milliseconds per slider move.
//
// Eligibility cascade (each step only among reps active at the MQL instant):
//   1. account owner: the rep who historically owned the lead's account;
//   2. territory: rep serves the lead's region (or serves every region) and
//      the rep's segment matches the lead's size band (or either is unknown);
//   3. region only: the segment condition dropped;
//   4. anyone: every active rep (no territory covers the lead).
// Within a step: round robin keeps one pointer per eligible group; least
// loaded picks the fewest MQLs assigned in the trailing `loadWindowMs` per unit
// of daily capacity, ties to the lowest rep index.

export const RULE_ACCOUNT_OWNER = 0;
export const RULE_TERRITORY = 1;
export const RULE_REGION = 2;
export const RULE_ANY = 3;
export const RULE_NONE = 4;
export const RULE_NAMES = ['account_owner', 'territory', 'region', 'any_rep', 'no_active_rep'] as const;

export interface RoutingReps {
  /** Region codes each rep serves (from the `;`-separated list); empty = every region. */
  readonly regions: readonly (readonly number[])[];
  /** Segment (size band) code per rep; -1 = any. */
  readonly segment: ArrayLike<number>;
  /** Epoch ms; NaN = open. */
  readonly activeFrom?: ArrayLike<number>;
  readonly activeTo?: ArrayLike<number>;
  /** For least loaded: load is counted per unit of capacity; default 1 each. */
  readonly dailyCapacity?: ArrayLike<number>;
}

export interface RoutingLeads {
  /** MQL instants, ascending. */
  readonly arrival: Float64Array;
  /** Account code; -1 = none. */
  readonly account: Int32Array;
  /** Region code; -1 = unknown. */
  readonly region: Int32Array;
  /** Size band code (same dictionary as rep segments); -1 = unknown. */
  readonly sizeBand: Int32Array;
}

export interface RoutingOptions {
  /** accountOwner[account code] = rep index, -1 = none (see accountOwnersFromHistory). */
  readonly accountOwner?: Int32Array;
  readonly mode?: 'round_robin' | 'least_loaded';
  readonly loadWindowMs?: number;
}

export interface RoutingResult {
  /** Rep index per MQL; -1 when no rep is active. */
  readonly rep: Int32Array;
  /** RULE_* per MQL. */
  readonly rule: Uint8Array;
}

export function routeMqls(reps: RoutingReps, leads: RoutingLeads, options: RoutingOptions = {}): RoutingResult {
  const n = leads.arrival.length;
  const nr = reps.regions.length;
  const mode = options.mode ?? 'round_robin';
  const window = options.loadWindowMs ?? 7 * 86_400_000;
  const owner = options.accountOwner;
  const rep = new Int32Array(n).fill(-1);
  const rule = new Uint8Array(n).fill(RULE_NONE);

  const serves = reps.regions.map((list) => new Set(list));
  const active = (r: number, t: number): boolean => {
    const a = reps.activeFrom ? reps.activeFrom[r]! : Number.NaN;
    const b = reps.activeTo ? reps.activeTo[r]! : Number.NaN;
    return !(t < a) && !(t > b);
  };
  const regionOk = (r: number, region: number): boolean => region < 0 || serves[r]!.size === 0 || serves[r]!.has(region);
  const segmentOk = (r: number, band: number): boolean => band < 0 || reps.segment[r]! < 0 || reps.segment[r] === band;

  // Eligible groups by (step, region, band), built once per distinct key.
  const groups = new Map<string, Int32Array>();
  const group = (step: number, region: number, band: number): Int32Array => {
    const key = `${step}|${region}|${band}`;
    let g = groups.get(key);
    if (!g) {
      const list: number[] = [];
      for (let r = 0; r < nr; r++) {
        if (step === RULE_TERRITORY && !(regionOk(r, region) && segmentOk(r, band))) continue;
        if (step === RULE_REGION && !regionOk(r, region)) continue;
        list.push(r);
      }
      g = Int32Array.from(list);
      groups.set(key, g);
    }
    return g;
  };
  const pointer = new Map<Int32Array, number>();

  // Trailing-window load per rep, as a FIFO of past assignments.
  const load = new Float64Array(nr);
  const capacity = Float64Array.from({ length: nr }, (_, r) => {
    const c = reps.dailyCapacity ? reps.dailyCapacity[r]! : 1;
    return c > 0 && Number.isFinite(c) ? c : 1;
  });
  const fifoRep = new Int32Array(n);
  const fifoTime = new Float64Array(n);
  let head = 0;
  let tail = 0;

  const pick = (g: Int32Array, t: number): number => {
    if (mode === 'least_loaded') {
      let best = -1;
      let bestLoad = Number.POSITIVE_INFINITY;
      for (let k = 0; k < g.length; k++) {
        const r = g[k]!;
        if (!active(r, t)) continue;
        const l = load[r]! / capacity[r]!;
        if (l < bestLoad) {
          bestLoad = l;
          best = r;
        }
      }
      return best;
    }
    const start = pointer.get(g) ?? 0;
    for (let k = 0; k < g.length; k++) {
      const idx = (start + k) % g.length;
      const r = g[idx]!;
      if (active(r, t)) {
        pointer.set(g, idx + 1);
        return r;
      }
    }
    return -1;
  };

  for (let i = 0; i < n; i++) {
    const t = leads.arrival[i]!;
    while (head < tail && fifoTime[head]! <= t - window) {
      const r = fifoRep[head++]!;
      load[r] = load[r]! - 1;
    }
    let chosen = -1;
    let how: number = RULE_NONE;
    const acc = leads.account[i]!;
    if (owner && acc >= 0 && acc < owner.length) {
      const o = owner[acc]!;
      if (o >= 0 && o < nr && active(o, t)) {
        chosen = o;
        how = RULE_ACCOUNT_OWNER;
      }
    }
    for (let step = RULE_TERRITORY; chosen < 0 && step <= RULE_ANY; step++) {
      const region = step === RULE_ANY ? -1 : leads.region[i]!;
      const band = step === RULE_TERRITORY ? leads.sizeBand[i]! : -1;
      chosen = pick(group(step, region, band), t);
      if (chosen >= 0) how = step;
    }
    rep[i] = chosen;
    rule[i] = how;
    if (chosen >= 0) {
      load[chosen] = load[chosen]! + 1;
      fifoRep[tail] = chosen;
      fifoTime[tail++] = t;
    }
  }
  return { rep, rule };
}

/**
 * The historical owner of each account: the rep with most handoffs of its
 * leads, ties to the rep who had the latest one. -1 for accounts never handed off.
 */
export function accountOwnersFromHistory(account: Int32Array, rep: Int32Array, at: Float64Array, accounts: number): Int32Array {
  const order = Array.from({ length: account.length }, (_, i) => i).filter((i) => account[i]! >= 0 && account[i]! < accounts && rep[i]! >= 0);
  order.sort((a, b) => account[a]! - account[b]! || rep[a]! - rep[b]!);
  const owner = new Int32Array(accounts).fill(-1);
  const bestCount = new Int32Array(accounts);
  const bestLast = new Float64Array(accounts).fill(Number.NEGATIVE_INFINITY);
  let k = 0;
  while (k < order.length) {
    const acc = account[order[k]!]!;
    const r = rep[order[k]!]!;
    let count = 0;
    let last = Number.NEGATIVE_INFINITY;
    while (k < order.length && account[order[k]!] === acc && rep[order[k]!] === r) {
      count++;
      last = Math.max(last, at[order[k]!]!);
      k++;
    }
    if (count > bestCount[acc]! || (count === bestCount[acc]! && last > bestLast[acc]!)) {
      owner[acc] = r;
      bestCount[acc] = count;
      bestLast[acc] = last;
    }
  }
  return owner;
}

export interface RepPool<S> {
  readonly schedules: readonly S[];
  readonly dailyCapacity: ArrayLike<number>;
  readonly serviceMs: ArrayLike<number>;
  readonly regions: readonly (readonly number[])[];
  readonly segment: ArrayLike<number>;
  readonly activeFrom?: ArrayLike<number>;
  readonly activeTo?: ArrayLike<number>;
  readonly team?: ArrayLike<number>;
}

export interface ExtendedPool<S> {
  readonly schedules: S[];
  readonly dailyCapacity: Float64Array;
  readonly serviceMs: Float64Array;
  readonly regions: (readonly number[])[];
  readonly segment: Int32Array;
  readonly activeFrom: Float64Array;
  readonly activeTo: Float64Array;
  readonly team: Int32Array;
  /** For each rep of the extended pool, the rep it copies (itself for the originals). */
  readonly templateOf: Int32Array;
}

/**
 * The scenario's `capacity.extra_reps`: adds that many copies of the median rep
 * (by daily capacity; lower median, ties to the lowest index) with its schedule,
 * capacity, service time and team. Clones serve every region and segment and
 * are active throughout: new hires join the general pool.
 */
export function addAverageReps<S>(pool: RepPool<S>, extra: number): ExtendedPool<S> {
  const nr = pool.schedules.length;
  const k = Math.max(0, Math.floor(extra));
  const ranked = Array.from({ length: nr }, (_, r) => r).sort((a, b) => pool.dailyCapacity[a]! - pool.dailyCapacity[b]! || a - b);
  const median = nr > 0 ? ranked[Math.floor((nr - 1) / 2)]! : -1;
  if (k > 0 && median < 0) throw new RangeError('Extra reps need at least one rep to copy');
  const total = nr + k;
  const templateOf = Int32Array.from({ length: total }, (_, r) => (r < nr ? r : median));
  const orig = (arr: ArrayLike<number> | undefined, r: number, dflt: number): number => (arr ? arr[r]! : dflt);
  return {
    schedules: Array.from(templateOf, (r) => pool.schedules[r]!),
    dailyCapacity: Float64Array.from(templateOf, (r) => pool.dailyCapacity[r]!),
    serviceMs: Float64Array.from(templateOf, (r) => pool.serviceMs[r]!),
    regions: Array.from(templateOf, (r, i) => (i < nr ? pool.regions[r]! : [])),
    segment: Int32Array.from(templateOf, (r, i) => (i < nr ? pool.segment[r]! : -1)),
    activeFrom: Float64Array.from(templateOf, (r, i) => (i < nr ? orig(pool.activeFrom, r, Number.NaN) : Number.NaN)),
    activeTo: Float64Array.from(templateOf, (r, i) => (i < nr ? orig(pool.activeTo, r, Number.NaN) : Number.NaN)),
    team: Int32Array.from(templateOf, (r) => orig(pool.team, r, 0)),
    templateOf,
  };
}
