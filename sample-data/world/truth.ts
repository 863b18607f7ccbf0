// Ground truth: every policy (the policy in force and each scenario) is re-run on the SAME world
// (same leads, activities, latent traits): re-scored, re-routed, re-queued, with fresh outcome
// draws; metrics are averaged over the draws and are UNCENSORED (outcomes simulated past the
// data end). The history files are one further draw (run 0), censored at the data end.
import type { Metrics, MetricName } from './metrics';
import { METRIC_NAMES, computeMetrics } from './metrics';
import type { Policy } from './policy';
import type { Team } from './reps';
import { adjustTeam } from './reps';
import type { Mqls } from './scoring';
import type { World } from './simulate';
import { simulate } from './simulate';

export type MetricSummary = Record<MetricName | 'data_completion_count', number | null>;

export interface Window {
  readonly fromT: number;
  readonly toT: number;
}

function round(name: string, v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const digits = name.endsWith('_rate') ? 5 : name.includes('hours') ? 4 : 2;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const NAMES = [...METRIC_NAMES, 'data_completion_count'] as const;

export function summarise(runs: readonly Metrics[]): { mean: MetricSummary; sd: MetricSummary } {
  const mean = {} as MetricSummary;
  const sd = {} as MetricSummary;
  for (const name of NAMES) {
    const xs = runs.map((m) => m[name]).filter((x): x is number => x !== null && Number.isFinite(x));
    if (xs.length === 0) {
      mean[name] = null;
      sd[name] = null;
      continue;
    }
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (xs.length - 1) : 0;
    mean[name] = round(name, mu);
    sd[name] = round(name, Math.sqrt(v));
  }
  return { mean, sd };
}

export function roundMetrics(m: Metrics): MetricSummary {
  const out = {} as MetricSummary;
  for (const name of NAMES) out[name] = round(name, m[name]);
  return out;
}

/** The team a scenario works with: the history's team, adjusted by the capacity block. */
export function teamFor(world: World, policy: Policy, loads: Map<number, number>): Team {
  const { extra_reps, rep_daily_capacity } = policy.capacity;
  if ((extra_reps ?? 0) === 0 && (rep_daily_capacity ?? null) === null) return world.team;
  return adjustTeam(world.team, loads, extra_reps ?? 0, rep_daily_capacity ?? null);
}

/** A measurement taken on every run: a window, and the policy whose SLAs it measures against. */
export interface Measure {
  readonly window: Window;
  readonly policy?: Policy;
}

/** Mean and spread of each measure over draws 1..draws of one policy. */
export function expectedMetrics(
  world: World, policy: Policy, mqls: Mqls, team: Team, draws: number, measures: readonly Measure[],
): { mean: MetricSummary; sd: MetricSummary }[] {
  const perMeasure: Metrics[][] = measures.map(() => []);
  for (let d = 1; d <= draws; d++) {
    const rec = simulate(world, policy, mqls, team, d);
    measures.forEach((m, i) => (perMeasure[i] as Metrics[]).push(computeMetrics(rec, m.window, Infinity, m.policy ?? policy)));
  }
  return perMeasure.map(summarise);
}
