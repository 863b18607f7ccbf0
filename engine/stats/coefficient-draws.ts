// Draws from a fitted logistic model's sampling distribution, N(0, covariance)
// of [intercept, coefficients...] (the inverse penalised Hessian): what the
// interval runs use instead of refitting on resampled rows.
import { choleskyFactor } from './cholesky';
import type { LogisticFit } from './logistic';
import type { Rng } from './rng';

/** Cholesky factor of each fit's covariance (null: none, or not positive definite), computed once per fit. */
const factors = new WeakMap<LogisticFit, Float64Array | null>();

function covarianceFactor(fit: LogisticFit): Float64Array | null {
  let l = factors.get(fit);
  if (l === undefined) {
    l = null;
    const p = fit.coefficients.length + 1;
    if (fit.covariance && fit.covariance.length === p * p) {
      const a = Float64Array.from(fit.covariance);
      l = choleskyFactor(a, p) ? a : null;
    }
    factors.set(fit, l);
  }
  return l;
}

/** One draw of the shift of [intercept, coefficients...]; null (and no random numbers used) without a usable covariance. */
export function coefficientShift(fit: LogisticFit, rng: Rng): Float64Array | null {
  const l = covarianceFactor(fit);
  if (!l) return null;
  const p = fit.coefficients.length + 1;
  const z = Float64Array.from({ length: p }, () => rng.normal());
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let v = 0;
    for (let k = 0; k <= i; k++) v += l[i * p + k]! * z[k]!;
    out[i] = v;
  }
  return out;
}
