// The draws of the 90% intervals (interval-runs.ts runs them): (1) the outcome
// models' coefficients from their fits' covariance (the normal approximation of
// the bootstrap), (2) queue draws for the baseline and the scenario (common
// random numbers within a draw): the black-hole curve, the queue response's
// scale (how well the simulation reproduces history's delays:
// queue-effects.ts DelayCalibration.responseSd), how history's contacts are
// moved (rank-matched or each lead's own change) and the queue estimate's own
// parameters, stratified over the draws of a call, and (3) for newly qualified
// MQLs that score below anything sales has seen, a log-odds shift per run (the
// models say nothing reliable there, so the interval widens with how many such
// leads the scenario adds). The luck of this year's outcomes (the truth is an
// expectation, history one draw of it) is interval-runs.ts's resampling.
import { normalQuantile } from '../stats/normal-quantile';
import { hashUniform, poissonWeights, Rng } from '../stats/rng';
import { drawOutcomeModels, fitOutcomeModels, type OutcomeModels } from './outcome-models';
import { queueDraw, type QueueDraw } from './queue-effects';
import type { ForecastSession } from './session';

/** SD of the per-run log-odds shift for extrapolated MQLs. */
export const EXTRAPOLATION_SD = 0.5;
const STREAM_EXTRAPOLATION = 0xe7a;
const STREAM_QUEUE_PARAMS = 0x9a7a;
const STREAM_MODELS = 0x30de1;
const STREAM_STRATA = 0x57a7;
const STREAM_STRATA_ORDER = 0x57a8;
const STREAM_RANK_MATCHED = 0x57a9;

/**
 * Models of interval run `run` (>= 1), cached on the session: they do not
 * depend on the scenario. Coefficients are drawn from the full-data fits'
 * covariance (outcome-models.ts drawOutcomeModels), not refitted: a draw
 * costs microseconds where a refit passed over every training row.
 */
export function bootstrapModels(session: ForecastSession, run: number, cache: Map<number, OutcomeModels>): OutcomeModels {
  let m = cache.get(run);
  if (!m) {
    m = drawOutcomeModels(session.models, new Rng(session.seed ^ STREAM_MODELS, run + 1));
    cache.set(run, m);
  }
  return m;
}

/** The one-step bootstrap refit of run `run` (the previous method; kept for comparison in tests). */
export function refitBootstrapModels(session: ForecastSession, run: number): OutcomeModels {
  const w = poissonWeights(session.seed, run, new Float64Array(session.training.rows.length));
  return fitOutcomeModels(session.training, { weights: w, start: session.models, maxIterations: 1 });
}

export function extrapolationShift(seed: number, run: number): number {
  return new Rng(seed ^ STREAM_EXTRAPOLATION, run + 1).normal() * EXTRAPOLATION_SD;
}

/**
 * Queue draw j of k (0 <= j < k) for the two-level interval runs
 * (interval-runs.ts): the same parameters as runQueueDraw, but every normal
 * the draw takes (black-hole curve, response scale, throughput, review
 * shares) comes from a Latin hypercube over the k draws: the i-th normal of
 * draw j falls in stratum perm_i(j) of k equal-probability strata. Why: 200
 * runs share k simulated queues, and k independent draws give the interval's
 * queue part from a handful of values (the largest of 10 normals averages
 * 1.54 sd where a 95th percentile is 1.64): strata spread the k draws over
 * the whole distribution. Uniforms (bootstrap resampling of idle delays) stay
 * plain random; rank-matched in exactly half the draws.
 */
export function stratifiedQueueDraw(session: ForecastSession, seed: number, k: number, j: number): QueueDraw | null {
  const rng = new StratifiedRng(seed, k, j);
  const u4 = (strataOrder(seed ^ STREAM_RANK_MATCHED, 0, k)[j]! + 0.5) / k;
  return queueDraw(session.pool, rng.normal(), rng.normal(), rng.normal(), session.delayCalibration.responseSd, u4, rng);
}

/** A random permutation of 0..k-1 for the i-th stratified normal (the same for every draw of a set). */
function strataOrder(seed: number, i: number, k: number): Int32Array {
  const rng = new Rng(seed ^ STREAM_STRATA_ORDER, i + 1);
  const perm = Int32Array.from({ length: k }, (_, t) => t);
  for (let t = k - 1; t > 0; t--) {
    const u = Math.floor(rng.uniform() * (t + 1));
    const x = perm[t]!;
    perm[t] = perm[u]!;
    perm[u] = x;
  }
  return perm;
}

/** Normals from a Latin hypercube over k draws (see stratifiedQueueDraw); uniforms from a plain stream. */
class StratifiedRng extends Rng {
  private calls = 0;
  constructor(
    private readonly seed: number,
    private readonly k: number,
    private readonly j: number,
  ) {
    super(seed ^ STREAM_QUEUE_PARAMS, j + 1);
  }

  override normal(): number {
    const i = this.calls++;
    const stratum = strataOrder(this.seed, i, this.k)[this.j]!;
    return normalQuantile((stratum + hashUniform(this.seed ^ STREAM_STRATA, i, this.j)) / this.k);
  }
}

/** 5th and 95th percentiles (type 7) of finite replicates; null when none. */
export function interval90(values: readonly (number | null)[]): { low: number; high: number } | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const q = (p: number) => {
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(v.length - 1, lo + 1);
    return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
  };
  return { low: q(0.05), high: q(0.95) };
}
