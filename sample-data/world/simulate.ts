// One run of the handoff process under a policy: score -> route -> queues -> outcomes.
// The history is run 0 of the policy in force; the truth averages further runs per scenario.
import type { Activities } from './activities';
import type { Companies, Leads } from './leads';
import { OutcomeModel, emptyOutcome, resetOutcome } from './outcomes';
import type { Policy } from './policy';
import { runQueues } from './queue';
import type { Team } from './reps';
import { routeMqls } from './routing';
import type { Mqls } from './scoring';
import { tierOrder } from './scoring';

export interface World {
  readonly seed: number;
  readonly leads: Leads;
  readonly companies: Companies;
  readonly acts: Activities;
  readonly team: Team;
}

/** Everything that happened to each MQL of a run (NaN / 0 / -1 where nothing happened). */
export interface Records {
  readonly mqls: Mqls;
  readonly policy: Policy;
  readonly team: Team;
  readonly rep: Int32Array;
  readonly assigned: Float64Array;
  readonly rule: Uint8Array;
  readonly fate: Uint8Array;
  readonly contact: Float64Array;
  readonly channel: Uint8Array;
  readonly contactOutcome: Uint8Array;
  readonly attempts: Uint8Array;
  readonly decision: Uint8Array;
  readonly decided: Float64Array;
  readonly reason: Uint8Array;
  readonly sql: Float64Array;
  readonly opp: Float64Array;
  readonly amount: Float64Array;
  readonly closed: Float64Array;
  readonly won: Int8Array;
}

export function simulate(world: World, policy: Policy, mqls: Mqls, team: Team, draw: number): Records {
  const n = mqls.count;
  const { rep, assigned, rule } = routeMqls(mqls, world.leads, world.companies, team, world.seed, draw);
  const order = tierOrder(policy);
  const rank = new Uint8Array(policy.tiers.length);
  order.forEach((ti, r) => (rank[ti] = r));
  const priority = new Uint8Array(n);
  for (let i = 0; i < n; i++) priority[i] = rank[mqls.tier[i] as number] as number;
  const { pickup, fate } = runQueues(team, rep, assigned, priority, mqls.lead, policy.tiers.length, world.seed, draw);
  const model = new OutcomeModel(world.leads, world.companies, world.acts, world.companies.accountCustomer, world.seed);
  const rec = {
    mqls, policy, team, rep, assigned, rule, fate,
    contact: new Float64Array(n), channel: new Uint8Array(n), contactOutcome: new Uint8Array(n), attempts: new Uint8Array(n),
    decision: new Uint8Array(n), decided: new Float64Array(n), reason: new Uint8Array(n), sql: new Float64Array(n),
    opp: new Float64Array(n), amount: new Float64Array(n), closed: new Float64Array(n), won: new Int8Array(n),
  };
  const o = emptyOutcome();
  for (let i = 0; i < n; i++) {
    if (mqls.handed[i]) model.decide(o, draw, mqls.lead[i] as number, mqls.time[i] as number, assigned[i] as number, fate[i] as number, pickup[i] as number);
    else resetOutcome(o);
    rec.contact[i] = o.contact;
    rec.channel[i] = o.channel;
    rec.contactOutcome[i] = o.contactOutcome;
    rec.attempts[i] = o.attempts;
    rec.decision[i] = o.decision;
    rec.decided[i] = o.decided;
    rec.reason[i] = o.reason;
    rec.sql[i] = o.sql;
    rec.opp[i] = o.opp;
    rec.amount[i] = o.amount;
    rec.closed[i] = o.closed;
    rec.won[i] = o.won;
  }
  return rec;
}
