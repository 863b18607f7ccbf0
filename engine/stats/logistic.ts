// L2-regularised logistic regression with observation weights and an offset,
// fitted by Newton's method (IRLS) with a Cholesky solve. Used for the outcome
// models, the speed-to-lead effect and the black-hole curve of the queue.
//
// Why these choices:
// - Columns are standardised internally (weighted mean 0, sd 1) so one L2
//   penalty means the same thing for every column and Newton is well
//   conditioned; coefficients come back on the original scale.
// - Standardised values are formed per block of rows in a small scratch buffer,
//   never as a full copy: 1M x 50 would otherwise cost 400 MB.
// - Weights make the bootstrap a weighted refit (Poisson(1) weights), and let
//   integer weights stand in for duplicated rows exactly.
// - The offset is a known log-odds shift per row (e.g. a selection correction
//   or a fixed effect from another model); it is not estimated.
// - The intercept is not penalised; the penalty keeps separated data finite.
// - A large fit without a given start first fits every WARM_STRIDE-th row: that
//   fit is a few percent of the cost, and from its coefficients Newton on all
//   rows needs a few iterations instead of a dozen (the optimum is the same; the
//   outcome models at session open took ~half its time, seconds at 1M leads).
import { choleskyFactor, choleskyInverse, choleskySolveFactored } from './cholesky';
import { columnsOf, Features } from './features';

export interface LogisticOptions {
  /** Observation weights (>= 0); default 1 each. */
  readonly weights?: ArrayLike<number>;
  /** Known log-odds shift per row; default 0. */
  readonly offset?: ArrayLike<number>;
  /** L2 penalty on the standardised slopes: objective = -loglik + l2/2 * sum(beta_std^2). Default 1e-3. */
  readonly l2?: number;
  readonly maxIterations?: number;
  /** Converged when the largest Newton step on the standardised scale is below this. Default 1e-8. */
  readonly tolerance?: number;
  /** Starting coefficients on the original scale (intercept first), e.g. the full-data fit for a bootstrap refit. */
  readonly start?: ArrayLike<number>;
  /** Compute standard errors from the inverse penalised Hessian (costs one p x p inverse). Default true. */
  readonly standardErrors?: boolean;
  /** Start from a fit on a subsample of rows when there are many and no start is given (see the header). Default true. */
  readonly warmStart?: boolean;
}

export interface LogisticFit {
  /** Intercept on the original scale. */
  readonly intercept: number;
  /** Slopes on the original scale, one per feature column. */
  readonly coefficients: Float64Array;
  /** Standard errors on the original scale, intercept first (length p + 1); NaN when not computed. */
  readonly standardErrors: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** -2 * weighted log-likelihood at the solution (without the penalty). */
  readonly deviance: number;
  /** Sum of the weights. */
  readonly weightSum: number;
  /**
   * Inverse penalised Hessian on the original scale, (p + 1) x (p + 1) row-major, intercept first
   * (the covariance of the coefficients); null when not computed. Used by oneStepRefit.
   */
  readonly covariance: Float64Array | null;
  /** Per-column scale the penalty was applied on (the weighted sd). */
  readonly scales: Float64Array;
  readonly l2: number;
}

const BLOCK = 512;

/** Rows from which a fit without a start begins with a subsample fit, and the subsample's stride. */
export const WARM_START_ROWS = 32_768;
const WARM_STRIDE = 8;

/** Every WARM_STRIDE-th row (a fixed stride: the same rows every time). */
function strided(a: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(Math.ceil(n / WARM_STRIDE));
  for (let i = 0, k = 0; i < n; i += WARM_STRIDE, k++) out[k] = a[i]!;
  return out;
}

/**
 * Coefficients (original scale, intercept first) of the same fit on every WARM_STRIDE-th row: a start
 * close to the full optimum. The penalty is scaled with the rows so it weighs as it does on all of them.
 */
function subsampleStart(cols: readonly Float64Array[], n: number, y: ArrayLike<number>, options: LogisticOptions): Float64Array {
  const fit = fitLogistic(
    cols.map((c) => strided(c, n)),
    strided(y, n),
    {
      l2: (options.l2 ?? 1e-3) / WARM_STRIDE,
      ...(options.weights ? { weights: strided(options.weights, n) } : {}),
      ...(options.offset ? { offset: strided(options.offset, n) } : {}),
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      tolerance: 1e-6,
      standardErrors: false,
      warmStart: false,
    },
  );
  return coefficientVector(fit);
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** log(1 + exp(z)) without overflow. */
function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function fitLogistic(x: Features, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const { cols, rows: n } = columnsOf(x, y.length);
  if (y.length !== n) throw new RangeError(`Outcome has ${y.length} rows, features ${n}`);
  const w = options.weights;
  const off = options.offset;
  if (w && w.length !== n) throw new RangeError(`Weights have ${w.length} rows, expected ${n}`);
  if (off && off.length !== n) throw new RangeError(`Offset has ${off.length} rows, expected ${n}`);
  const l2 = options.l2 ?? 1e-3;
  const maxIter = options.maxIterations ?? 50;
  const tol = options.tolerance ?? 1e-8;
  const p = cols.length;
  const q = p + 1; // intercept + slopes

  // Weighted means and sds of the columns.
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += w ? w[i]! : 1;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const c = cols[j]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i]! : 1) * c[i]!;
    const m = wsum > 0 ? s / wsum : 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = c[i]! - m;
      v += (w ? w[i]! : 1) * d * d;
    }
    const sd = wsum > 0 ? Math.sqrt(v / wsum) : 0;
    mean[j] = m;
    scale[j] = sd > 1e-12 * (Math.abs(m) + 1) ? sd : 1; // a constant column: centred to 0, its slope stays 0
  }

  // beta: standardised coefficients, beta[0] the intercept.
  const beta = new Float64Array(q);
  const start = options.start ?? (options.warmStart !== false && n >= WARM_START_ROWS ? subsampleStart(cols, n, y, options) : undefined);
  if (start) {
    if (start.length !== q) throw new RangeError(`Start has ${start.length} values, expected ${q}`);
    let b0 = start[0]!;
    for (let j = 0; j < p; j++) {
      beta[j + 1] = start[j + 1]! * scale[j]!;
      b0 += start[j + 1]! * mean[j]!;
    }
    beta[0] = b0;
  } else {
    // Start the intercept at the weighted log-odds of y, so iteration 1 is already close.
    let sy = 0;
    for (let i = 0; i < n; i++) sy += (w ? w[i]! : 1) * y[i]!;
    const rate = wsum > 0 ? Math.min(1 - 1e-6, Math.max(1e-6, sy / wsum)) : 0.5;
    beta[0] = logit(rate);
  }

  const z = new Float64Array(BLOCK * p); // standardised block, column-major
  const hw = new Float64Array(BLOCK); // IRLS weights of the block
  const eb = new Float64Array(BLOCK); // linear predictor of the block
  const rb = new Float64Array(BLOCK); // weighted residuals of the block
  const wz = new Float64Array(BLOCK * p); // IRLS weight times each standardised column
  const hess = new Float64Array(q * q);
  const grad = new Float64Array(q);

  // One pass: penalised objective at `b`, and (when wanted) its gradient and Hessian.
  const pass = (b: Float64Array, wantDerivatives: boolean): { deviance: number; objective: number } => {
    let dev = 0;
    if (wantDerivatives) {
      hess.fill(0);
      grad.fill(0);
    }
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      for (let j = 0; j < p; j++) {
        const c = cols[j]!;
        const m = mean[j]!;
        const inv = 1 / scale[j]!;
        const base = j * BLOCK;
        for (let r = 0; r < len; r++) z[base + r] = (c[start + r]! - m) * inv;
      }
      // Linear predictor of the block, column by column (contiguous reads).
      for (let r = 0; r < len; r++) eb[r] = b[0]! + (off ? off[start + r]! : 0);
      for (let j = 0; j < p; j++) {
        const bj = b[j + 1]!;
        if (bj === 0) continue;
        const base = j * BLOCK;
        for (let r = 0; r < len; r++) eb[r] = eb[r]! + bj * z[base + r]!;
      }
      let h00 = 0;
      let g0 = 0;
      for (let r = 0; r < len; r++) {
        const i = start + r;
        const eta = eb[r]!;
        const wi = w ? w[i]! : 1;
        const yi = y[i]!;
        // -2 * (y*eta - log(1+e^eta)), the weighted deviance contribution
        dev += 2 * wi * (log1pExp(eta) - yi * eta);
        if (wantDerivatives) {
          const mu = sigmoid(eta);
          rb[r] = wi * (yi - mu);
          hw[r] = wi * mu * (1 - mu);
          g0 += rb[r]!;
          h00 += hw[r]!;
        }
      }
      if (wantDerivatives) {
        // Gradient and the lower triangle of Z' W Z, with the intercept as column 0.
        grad[0] = grad[0]! + g0;
        hess[0] = hess[0]! + h00;
        for (let j = 0; j < p; j++) {
          const bj = j * BLOCK;
          let gj = 0;
          let s0 = 0;
          for (let r = 0; r < len; r++) {
            const zj = z[bj + r]!;
            const v = hw[r]! * zj;
            wz[bj + r] = v;
            s0 += v;
            gj += rb[r]! * zj;
          }
          grad[j + 1] = grad[j + 1]! + gj;
          hess[(j + 1) * q] = hess[(j + 1) * q]! + s0;
        }
        accumulateCrossProducts(wz, z, len, p, hess, q);
      }
    }
    let pen = 0;
    for (let j = 1; j < q; j++) pen += b[j]! * b[j]!;
    if (wantDerivatives) {
      for (let j = 1; j < q; j++) {
        grad[j] = grad[j]! - l2 * b[j]!;
        hess[j * q + j] = hess[j * q + j]! + l2;
      }
      for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) hess[k * q + j] = hess[j * q + k]!;
    }
    return { deviance: dev, objective: dev / 2 + (l2 / 2) * pen };
  };

  let current = pass(beta, true);
  let iterations = 0;
  let converged = false;
  const step = new Float64Array(q);
  const trial = new Float64Array(q);
  const factor = new Float64Array(q * q);
  while (iterations < maxIter) {
    iterations++;
    factor.set(hess);
    if (!choleskyFactor(factor, q)) {
      // Only possible with zero total weight or l2 = 0 on degenerate data: nudge the diagonal.
      for (let j = 0; j < q; j++) factor[j * q + j] = hess[j * q + j]! + 1e-8 * (1 + wsum);
      for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) if (j !== k) factor[j * q + k] = hess[j * q + k]!;
      if (!choleskyFactor(factor, q)) break;
    }
    step.set(grad);
    choleskySolveFactored(factor, q, step);
    // Step halving keeps the objective from rising (Newton can overshoot far from the optimum).
    // The full step is tried with derivatives, so an accepted step costs one pass.
    for (let j = 0; j < q; j++) trial[j] = beta[j]! + step[j]!;
    const before = current.objective;
    const slack = 1e-12 * (1 + Math.abs(before));
    let next = pass(trial, true);
    if (next.objective > before + slack) {
      let t = 1;
      for (let halvings = 0; halvings < 30; halvings++) {
        t /= 2;
        for (let j = 0; j < q; j++) trial[j] = beta[j]! + t * step[j]!;
        if (pass(trial, false).objective <= before + slack) break;
      }
      next = pass(trial, true);
    }
    let maxStep = 0;
    for (let j = 0; j < q; j++) maxStep = Math.max(maxStep, Math.abs(trial[j]! - beta[j]!));
    beta.set(trial);
    current = next;
    if (maxStep < tol) {
      converged = true;
      break;
    }
  }

  // Back to the original scale: slope_j = b_j / s_j, intercept = b_0 - sum b_j m_j / s_j.
  const coefficients = new Float64Array(p);
  let intercept = beta[0]!;
  for (let j = 0; j < p; j++) {
    coefficients[j] = beta[j + 1]! / scale[j]!;
    intercept -= coefficients[j]! * mean[j]!;
  }
  const standardErrors = new Float64Array(q).fill(Number.NaN);
  let covariance: Float64Array | null = null;
  if (options.standardErrors !== false) {
    const cov = choleskyInverse(hess, q);
    if (cov) {
      // theta = T beta with T = [[1, -m/s], [0, diag(1/s)]]; Var(theta) = T Cov T'.
      const tr = new Float64Array(q * q);
      tr[0] = 1;
      for (let j = 0; j < p; j++) {
        tr[j + 1] = -mean[j]! / scale[j]!;
        tr[(j + 1) * q + j + 1] = 1 / scale[j]!;
      }
      // Full T Cov T' (q is small): the covariance on the original scale.
      const tc = new Float64Array(q * q);
      for (let a = 0; a < q; a++) {
        for (let l = 0; l < q; l++) {
          let v = 0;
          for (let k = 0; k < q; k++) v += tr[a * q + k]! * cov[k * q + l]!;
          tc[a * q + l] = v;
        }
      }
      covariance = new Float64Array(q * q);
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < q; b++) {
          let v = 0;
          for (let l = 0; l < q; l++) v += tc[a * q + l]! * tr[b * q + l]!;
          covariance[a * q + b] = v;
        }
        standardErrors[a] = Math.sqrt(Math.max(0, covariance[a * q + a]!));
      }
    }
  }
  return {
    intercept,
    coefficients,
    standardErrors,
    iterations,
    converged,
    deviance: current.deviance,
    weightSum: wsum,
    covariance,
    scales: scale,
    l2,
  };
}

/** Linear predictor (log-odds) of each row into `out`: intercept + X b (+ offset). */
export function predictLogit(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  x: Features,
  out: Float64Array,
  offset?: ArrayLike<number>,
): Float64Array {
  const { cols, rows } = columnsOf(x, out.length);
  if (rows !== out.length) throw new RangeError(`Output has ${out.length} rows, features ${rows}`);
  if (cols.length !== fit.coefficients.length) throw new RangeError(`Model has ${fit.coefficients.length} features, got ${cols.length}`);
  out.fill(fit.intercept);
  if (offset) for (let i = 0; i < rows; i++) out[i] = out[i]! + offset[i]!;
  for (let j = 0; j < cols.length; j++) {
    const b = fit.coefficients[j]!;
    if (b === 0) continue;
    const c = cols[j]!;
    for (let i = 0; i < rows; i++) out[i] = out[i]! + b * c[i]!;
  }
  return out;
}

/** Predicted probabilities into a preallocated `out` (no allocation per call: the slider path uses this). */
export function predictLogistic(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  x: Features,
  out: Float64Array,
  offset?: ArrayLike<number>,
): Float64Array {
  predictLogit(fit, x, out, offset);
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/** The fit's coefficients as one vector, intercept first (the `start` of a refit). */
export function coefficientVector(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>): Float64Array {
  const v = new Float64Array(fit.coefficients.length + 1);
  v[0] = fit.intercept;
  v.set(fit.coefficients, 1);
  return v;
}

/**
 * One Newton step from a full-data fit under new row weights, keeping the
 * full-data Hessian: beta_w = beta + Cov * gradient_w(beta). For Poisson(1)
 * bootstrap weights this is the "one-step bootstrap": each run costs one pass
 * over the data (gradient only) instead of a full refit, and its spread matches
 * the refits' to first order. With all weights 1 it returns the fit itself.
 * Writes intercept-first coefficients into `out`.
 */
export function oneStepRefit(
  fit: LogisticFit,
  x: Features,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
  out: Float64Array,
  offset?: ArrayLike<number>,
  scratch?: Float64Array,
): Float64Array {
  const cov = fit.covariance;
  if (!cov) throw new RangeError('oneStepRefit needs a fit with standard errors (its covariance)');
  const { cols, rows: n } = columnsOf(x, y.length);
  const p = cols.length;
  const q = p + 1;
  if (out.length !== q) throw new RangeError(`Output has ${out.length} values, expected ${q}`);
  const eta = predictLogit(fit, cols, scratch && scratch.length === n ? scratch : new Float64Array(n), offset);
  // eta becomes the weighted residual w * (y - p).
  let g0 = 0;
  for (let i = 0; i < n; i++) {
    const r = weights[i]! * (y[i]! - sigmoid(eta[i]!));
    eta[i] = r;
    g0 += r;
  }
  const grad = new Float64Array(q);
  grad[0] = g0;
  for (let j = 0; j < p; j++) {
    const c = cols[j]!;
    let g = 0;
    for (let i = 0; i < n; i++) g += eta[i]! * c[i]!;
    // The penalty l2/2 * (b_j * s_j)^2 on the original scale.
    const sj = fit.scales[j]!;
    grad[j + 1] = g - fit.l2 * sj * sj * fit.coefficients[j]!;
  }
  for (let a = 0; a < q; a++) {
    let v = a === 0 ? fit.intercept : fit.coefficients[a - 1]!;
    for (let b = 0; b < q; b++) v += cov[a * q + b]! * grad[b]!;
    out[a] = v;
  }
  return out;
}

/**
 * hess[(j+1)*q + k+1] += sum_r wz[j][r] * z[k][r] for k <= j, over one block
 * (columns BLOCK apart). Tiles of two rows by four columns: six loads feed
 * eight products, which is what bounds this loop in JavaScript.
 */
function accumulateCrossProducts(wz: Float64Array, z: Float64Array, len: number, p: number, hess: Float64Array, q: number): void {
  let j = 0;
  for (; j + 1 < p; j += 2) {
    const w0 = j * BLOCK;
    const w1 = w0 + BLOCK;
    const row0 = (j + 1) * q + 1;
    const row1 = row0 + q;
    let k = 0;
    for (; k + 3 <= j; k += 4) {
      const c0 = k * BLOCK;
      const c1 = c0 + BLOCK;
      const c2 = c1 + BLOCK;
      const c3 = c2 + BLOCK;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let r = 0; r < len; r++) {
        const u = wz[w0 + r]!;
        const v = wz[w1 + r]!;
        const z0 = z[c0 + r]!;
        const z1 = z[c1 + r]!;
        const z2 = z[c2 + r]!;
        const z3 = z[c3 + r]!;
        a0 += u * z0;
        a1 += u * z1;
        a2 += u * z2;
        a3 += u * z3;
        b0 += v * z0;
        b1 += v * z1;
        b2 += v * z2;
        b3 += v * z3;
      }
      hess[row0 + k] = hess[row0 + k]! + a0;
      hess[row0 + k + 1] = hess[row0 + k + 1]! + a1;
      hess[row0 + k + 2] = hess[row0 + k + 2]! + a2;
      hess[row0 + k + 3] = hess[row0 + k + 3]! + a3;
      hess[row1 + k] = hess[row1 + k]! + b0;
      hess[row1 + k + 1] = hess[row1 + k + 1]! + b1;
      hess[row1 + k + 2] = hess[row1 + k + 2]! + b2;
      hess[row1 + k + 3] = hess[row1 + k + 3]! + b3;
    }
    for (let kk = k; kk <= j; kk++) {
      const c = kk * BLOCK;
      let a = 0;
      let b = 0;
      for (let r = 0; r < len; r++) {
        const zk = z[c + r]!;
        a += wz[w0 + r]! * zk;
        b += wz[w1 + r]! * zk;
      }
      hess[row0 + kk] = hess[row0 + kk]! + a;
      hess[row1 + kk] = hess[row1 + kk]! + b;
    }
    // Row j + 1 also has column j + 1 (its diagonal).
    const c = (j + 1) * BLOCK;
    let d = 0;
    for (let r = 0; r < len; r++) d += wz[w1 + r]! * z[c + r]!;
    hess[row1 + j + 1] = hess[row1 + j + 1]! + d;
  }
  if (j < p) {
    // The last row when p is odd.
    const w0 = j * BLOCK;
    const row0 = (j + 1) * q + 1;
    for (let k = 0; k <= j; k++) {
      const c = k * BLOCK;
      let a = 0;
      for (let r = 0; r < len; r++) a += wz[w0 + r]! * z[c + r]!;
      hess[row0 + k] = hess[row0 + k]! + a;
    }
  }
}
