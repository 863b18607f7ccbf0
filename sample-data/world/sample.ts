// The whole generator: build the world, write the history (run 0 of the policy in force), then
// the truth for the policy in force and every scenario, the scenario files and scoring_model.json.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ACTIVITY_PARAMS, generateActivities } from './activities';
import { writeActivities, writeHandoffs, writeLeads, writeReps } from './history';
import { generateCompanies, generateLeads } from './leads';
import { computeMetrics } from './metrics';
import { OUTCOME_PARAMS, SPEED_EFFECT } from './outcomes';
import type { Policy } from './policy';
import { POLICY_CHANGE, POLICY_IN_FORCE, SCENARIOS, WINDOW, applyScenario, scenarioJson, scoringModelJson } from './policy';
import { QUEUE_PARAMS } from './queue';
import { CHURN, UTILISATION, generateTeam, poolLoads } from './reps';
import { ROUTING_DELAY } from './routing';
import { scoreMqls } from './scoring';
import type { World } from './simulate';
import { simulate } from './simulate';
import { DATA_END, MONTH_FACTOR, WEEKDAY_FACTOR, secondsOfDate } from './time';
import type { MetricSummary, Window } from './truth';
import { expectedMetrics, roundMetrics, teamFor } from './truth';

export type Size = 'S' | 'M' | 'L';
export const SIZES: Readonly<Record<Size, { leads: number; draws: number }>> = {
  S: { leads: 20_000, draws: 12 },
  M: { leads: 250_000, draws: 5 },
  L: { leads: 1_000_000, draws: 3 },
};

export interface SampleOptions {
  readonly out: string;
  readonly leads: number;
  readonly seed: number;
  readonly draws: number;
  readonly policyChange: boolean;
  readonly gzip: boolean;
  readonly log?: (msg: string) => void;
}

export interface SampleSummary {
  readonly leads: number;
  readonly activities: number;
  readonly handoffs: number;
  readonly reps: number;
  readonly timings: Record<string, number>;
}

/** Reps scale with volume so each rep's load stays that of an inbound SDR team (a few new MQLs a day). */
export const repsFor = (leads: number): number => Math.max(8, Math.round(leads / 2500));

const FULL: Window = { fromT: 0, toT: DATA_END };
type Summary = ReturnType<typeof expectedMetrics>[number];

export function generateSample(opts: SampleOptions): SampleSummary {
  const log = opts.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - t0);
    log(`${name}: ${timings[name]} ms`);
    t0 = now;
  };
  const { seed } = opts;
  mkdirSync(join(opts.out, 'scenarios'), { recursive: true });

  const companies = generateCompanies(Math.max(50, Math.round(opts.leads / 3)), seed);
  const leads = generateLeads(opts.leads, seed, companies);
  const acts = generateActivities(leads, seed);
  lap('world');

  const changeT = secondsOfDate(POLICY_CHANGE.atDate);
  const historyThreshold = opts.policyChange
    ? (t: number): number => (t < changeT ? POLICY_CHANGE.thresholdBefore : POLICY_CHANGE.thresholdAfter)
    : undefined;
  const historyMqls = scoreMqls(POLICY_IN_FORCE, leads, companies, acts, FULL, historyThreshold);
  const loads = poolLoads(historyMqls, leads);
  const team = generateTeam(repsFor(opts.leads), seed, loads, companies);
  const world: World = { seed, leads, companies, acts, team };
  const history = simulate(world, POLICY_IN_FORCE, historyMqls, team, 0);
  lap('history');

  const nLeads = writeLeads(opts.out, world);
  const nActs = writeActivities(opts.out, world);
  const { handoffs } = writeHandoffs(opts.out, history);
  const nReps = writeReps(opts.out, world);
  lap('write');

  // Truth.
  const H1: Window = { fromT: 0, toT: changeT };
  const H2: Window = { fromT: changeT, toT: DATA_END };
  // Scenarios that change only how SLAs are measured (tiers' SLA hours, business_hours) run exactly
  // like the baseline: they are measured on the baseline's runs. Others are re-scored (MQL sets are
  // shared between scenarios with the same scoring, mql and tier thresholds) and re-run.
  const sameRun = (p: Policy): boolean =>
    JSON.stringify([p.scoring, p.mql, p.tiers.map((t) => [t.name, t.min_score]), p.capacity]) ===
    JSON.stringify([POLICY_IN_FORCE.scoring, POLICY_IN_FORCE.mql, POLICY_IN_FORCE.tiers.map((t) => [t.name, t.min_score]), POLICY_IN_FORCE.capacity]);
  const policies = SCENARIOS.map((def) => applyScenario(POLICY_IN_FORCE, def.changes));
  const measuredOnBaseline = SCENARIOS.map((_, i) => !opts.policyChange && sameRun(policies[i] as Policy));
  const baseRuns = expectedMetrics(world, POLICY_IN_FORCE, historyMqls, team, opts.draws, [
    { window: FULL }, { window: H1 }, { window: H2 },
    ...policies.filter((_, i) => measuredOnBaseline[i]).map((policy) => ({ window: FULL, policy })),
  ]);
  const [baseFull, baseH1, baseH2] = baseRuns as [Summary, Summary, Summary];
  let nextShared = 3;
  const mqlCache = new Map<string, ReturnType<typeof scoreMqls>>();
  const scenarioTruth: { file: string; name: string; metrics: MetricSummary; sd: MetricSummary }[] = [];
  SCENARIOS.forEach((def, i) => {
    const policy = policies[i] as Policy;
    let r: Summary;
    if (measuredOnBaseline[i]) r = baseRuns[nextShared++] as Summary;
    else {
      const key = JSON.stringify([policy.scoring, policy.mql, policy.tiers.map((t) => [t.name, t.min_score])]);
      let mqls = mqlCache.get(key);
      if (!mqls) {
        mqls = scoreMqls(policy, leads, companies, acts, FULL);
        mqlCache.set(key, mqls);
      }
      r = (expectedMetrics(world, policy, mqls, teamFor(world, policy, loads), opts.draws, [{ window: FULL }]) as [Summary])[0];
    }
    scenarioTruth.push({ file: `scenarios/${def.file}`, name: def.name, metrics: r.mean, sd: r.sd });
    writeFileSync(join(opts.out, 'scenarios', def.file), `${JSON.stringify(scenarioJson(def), null, 2)}\n`);
  });
  lap('truth');

  let policyChange: Record<string, unknown> | null = null;
  if (opts.policyChange) {
    const after: Policy = applyScenario(POLICY_IN_FORCE, { mql: { ...POLICY_IN_FORCE.mql, threshold: POLICY_CHANGE.thresholdAfter } });
    const afterDef = { file: 'policy_change_after.json', name: `Threshold ${POLICY_CHANGE.thresholdBefore} -> ${POLICY_CHANGE.thresholdAfter} (the change of ${POLICY_CHANGE.atDate})`, changes: { mql: after.mql } };
    writeFileSync(join(opts.out, 'scenarios', afterDef.file), `${JSON.stringify(scenarioJson(afterDef, { from: POLICY_CHANGE.atDate, to: WINDOW.to }), null, 2)}\n`);
    const beforeMqls = scoreMqls(POLICY_IN_FORCE, leads, companies, acts, FULL);
    const [cfH2] = expectedMetrics(world, POLICY_IN_FORCE, beforeMqls, team, opts.draws, [{ window: H2 }]);
    const afterMqls = scoreMqls(after, leads, companies, acts, FULL);
    const [afterH2] = expectedMetrics(world, after, afterMqls, team, opts.draws, [{ window: H2 }]);
    policyChange = {
      at: POLICY_CHANGE.at,
      what: `mql.threshold ${POLICY_CHANGE.thresholdBefore} -> ${POLICY_CHANGE.thresholdAfter}; every other block unchanged. A lead is scored after each activity against the threshold in force at that activity's time.`,
      scoring_model_json: 'describes the policy BEFORE the change (threshold 60)',
      scenario_file: `scenarios/${afterDef.file}`,
      observed: { h1: roundMetrics(computeMetrics(history, H1, DATA_END)), h2: roundMetrics(computeMetrics(history, H2, DATA_END)) },
      expected: {
        h1_history: baseH1.mean,
        h2_history: baseH2.mean,
        h2_if_no_change: cfH2?.mean,
        h2_if_threshold_52_all_year: afterH2?.mean,
      },
      notes: 'h2_history is what the switch really produced (leads that reached 52-59 in H1 became MQL at their next activity after July 1); h2_if_threshold_52_all_year is the literal scenario file replayed over the whole year, counting H2 MQLs only.',
    };
    lap('policy change');
  }

  writeFileSync(join(opts.out, 'scoring_model.json'), `${JSON.stringify(scoringModelJson(POLICY_IN_FORCE), null, 2)}\n`);
  const truth = {
    schema: 'handoff-lab/sample-truth@1',
    generator: {
      seed, leads: nLeads, activities: nActs, handoffs, reps: nReps, draws: opts.draws, policy_change: opts.policyChange,
      data_end: '2026-01-01T00:00:00Z',
    },
    window: WINDOW,
    definition: {
      population: 'MQLs whose mql_at falls in the window (2025-01-01..2025-12-31 UTC) and that pass the pre-flight checks (handed to sales); data_completion_count counts those that fail pre-flight (only require_business_email changes it).',
      metrics: 'DATA_CONTRACT section 3, same formulas as the observed ones.',
      censoring: 'metrics/sd are UNCENSORED expectations: outcomes of each MQL are simulated to completion even past the data end (2026-01-01), so sql_rate, opportunity_rate, won_count and pipeline_amount include conversions the history files cannot show yet. observed = the same formulas on the history files as written (censored at the data end: anything at or after 2026-01-01T00:00Z is absent). history_uncensored = the history draw without censoring (the gap to observed is the censoring).',
      opportunity_rate: 'MQLs with an opportunity created within 90 days of mql_at / MQLs',
      won_count: 'MQLs of the window whose opportunity is won (no 90-day limit; closed_at may be after the data end in the uncensored truth)',
      pipeline_amount: 'sum of opportunity_amount over MQLs of the window with an opportunity (no 90-day limit)',
      sla_compliance_rate: "first contact within the tier SLA; with sla.business_hours the hours count only inside the assigned rep's work_start..work_end, Monday-Friday, in the rep's timezone (reps.csv)",
      expectation: 'mean over `draws` independent outcome draws of the same world (routing lag, queue timing, ignoring, decisions, conversions); sd is the spread between draws, not the error of the mean',
    },
    mechanisms: {
      seasonality: { month_factor: MONTH_FACTOR, weekday_factor_mon_to_sun: WEEKDAY_FACTOR },
      activities: ACTIVITY_PARAMS,
      routing_delay: ROUTING_DELAY,
      staffing: { utilisation: UTILISATION, reps: 'max(8, round(leads/2500))', churn: CHURN },
      queue: QUEUE_PARAMS,
      outcomes: OUTCOME_PARAMS,
      speed_to_lead: {
        ...SPEED_EFFECT,
        formula: 'odds(SQL | accepted) multiplied by 1 + a*exp(-h/tauFastHours) + b*exp(-h/tauSlowHours), h = wall-clock hours from mql_at to first_contact_at',
        examples: Object.fromEntries([0.083, 1, 4, 24, 72].map((h) => [`${h}h`, Math.round((1 + SPEED_EFFECT.a * Math.exp(-h / SPEED_EFFECT.tauFastHours) + SPEED_EFFECT.b * Math.exp(-h / SPEED_EFFECT.tauSlowHours)) * 1000) / 1000])),
      },
    },
    observed: roundMetrics(computeMetrics(history, FULL, DATA_END)),
    history_uncensored: roundMetrics(computeMetrics(history, FULL)),
    baseline: { file: 'scoring_model.json', name: opts.policyChange ? 'History policy (threshold 60, then 52 from 2025-07-01)' : 'Policy in force', metrics: baseFull.mean, sd: baseFull.sd },
    scenarios: scenarioTruth,
    policy_change: policyChange,
  };
  writeFileSync(join(opts.out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);

  if (opts.gzip) {
    for (const f of ['leads', 'activities', 'handoffs', 'dispositions', 'reps']) {
      const p = join(opts.out, `${f}.csv`);
      writeFileSync(`${p}.gz`, gzipSync(readFileSync(p), { level: 9 }));
      rmSync(p);
    }
    lap('gzip');
  }
  return { leads: nLeads, activities: nActs, handoffs, reps: nReps, timings };
}
