// Routing of handed-off MQLs, in MQL time order: the account's owner when the lead's company is
// an existing account and the owner is still active; else the territory (region) and segment
// pool in turn; a lead without region goes to global round robin.
import { hashKeys, purpose } from './rng';
import type { Companies, Leads } from './leads';
import { MISSING, segmentOfSize } from './leads';
import type { Team } from './reps';
import { repActiveAt } from './reps';
import type { Mqls } from './scoring';

export const ROUTING_RULES = ['account_owner', 'territory_segment', 'territory', 'round_robin'] as const;
export const RULE_ACCOUNT = 0;
export const RULE_TERRITORY_SEGMENT = 1;
export const RULE_TERRITORY = 2;
export const RULE_ROUND_ROBIN = 3;

/** Routing lag (enrichment, assignment rules): log-normal, median 4 minutes, capped at 3 hours. */
export const ROUTING_DELAY = { medianSeconds: 240, sigma: 1.0, capSeconds: 3 * 3600 } as const;

export interface Assignments {
  readonly rep: Int32Array;
  readonly assigned: Float64Array;
  readonly rule: Uint8Array;
}

export function routeMqls(mqls: Mqls, leads: Leads, companies: Companies, team: Team, seed: number, draw: number): Assignments {
  const rep = new Int32Array(mqls.count).fill(-1);
  const assigned = new Float64Array(mqls.count).fill(NaN);
  const rule = new Uint8Array(mqls.count);
  const pools = new Map<string, number[]>();
  const poolOf = (key: string, pred: (i: number) => boolean): number[] => {
    let p = pools.get(key);
    if (!p) {
      p = team.reps.map((_, i) => i).filter(pred);
      pools.set(key, p);
    }
    return p;
  };
  const turn = new Map<string, number>();
  const nextIn = (key: string, pool: readonly number[], t: number): number => {
    let c = turn.get(key) ?? 0;
    for (let tries = 0; tries < pool.length; tries++, c++) {
      const r = pool[c % pool.length] as number;
      if (repActiveAt(team.reps[r] as Team['reps'][number], t)) {
        turn.set(key, c + 1);
        return r;
      }
    }
    return -1;
  };
  const all = team.reps.map((_, i) => i);
  const salt = purpose('routing');
  for (let i = 0; i < mqls.count; i++) {
    if (!mqls.handed[i]) continue;
    const k = mqls.lead[i] as number;
    const u = (hashKeys(seed, draw, salt, k) + 0.5) / 4294967296;
    const v = (hashKeys(seed, draw, salt + 1, k) + 0.5) / 4294967296;
    // Box-Muller from two keyed uniforms: the same lead gets the same lag in every scenario.
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    const t = (mqls.time[i] as number) + Math.min(ROUTING_DELAY.capSeconds, Math.round(ROUTING_DELAY.medianSeconds * Math.exp(ROUTING_DELAY.sigma * z)));
    assigned[i] = t;
    const acc = companies.account[leads.company[k] as number] as number;
    const owner = acc >= 0 ? (team.accountOwner[acc] as number) : -1;
    if (owner >= 0 && repActiveAt(team.reps[owner] as Team['reps'][number], t)) {
      rep[i] = owner;
      rule[i] = RULE_ACCOUNT;
      continue;
    }
    const r = leads.region[k] as number;
    if (r !== MISSING) {
      const seg = segmentOfSize(leads.obsSize[k] as number);
      if (seg >= 0) {
        const key = `${r}|${seg}`;
        const pool = poolOf(key, (j) => team.reps[j]?.region === r && (team.reps[j]?.segment === seg || team.reps[j]?.segment === -1));
        const pick = nextIn(key, pool, t);
        if (pick >= 0) {
          rep[i] = pick;
          rule[i] = team.reps[pick]?.segment === -1 ? RULE_TERRITORY : RULE_TERRITORY_SEGMENT;
          continue;
        }
      }
      const key = `${r}|*`;
      const pick = nextIn(key, poolOf(key, (j) => team.reps[j]?.region === r), t);
      if (pick >= 0) {
        rep[i] = pick;
        rule[i] = RULE_TERRITORY;
        continue;
      }
    }
    rep[i] = nextIn('*', all, t);
    rule[i] = RULE_ROUND_ROBIN;
  }
  return { rep, assigned, rule };
}
