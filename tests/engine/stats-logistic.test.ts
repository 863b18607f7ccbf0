import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic, coefficientVector, sigmoid, WARM_START_ROWS } from '../../engine/stats/logistic';
import { Rng } from '../../engine/stats/rng';
import { choleskyInverse, choleskySolve } from '../../engine/stats/cholesky';

/** Rows from a known logistic model: x1 ~ N(0,1), x2 ~ N(5, 2^2), x3 ~ Bernoulli(0.3). */
function simulate(n: number, seed: number, beta: readonly number[], offset?: Float64Array) {
  const rng = new Rng(seed);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const x3 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rng.normal();
    x2[i] = 5 + 2 * rng.normal();
    x3[i] = rng.uniform() < 0.3 ? 1 : 0;
    const eta = beta[0]! + beta[1]! * x1[i]! + beta[2]! * x2[i]! + beta[3]! * x3[i]! + (offset ? offset[i]! : 0);
    y[i] = rng.uniform() < sigmoid(eta) ? 1 : 0;
  }
  return { x: [x1, x2, x3], y };
}

describe('cholesky', () => {
  it('solves and inverts a hand-checked 2x2 system', () => {
    // [[4, 2], [2, 3]] x = [2, 1] -> x = [0.5, 0]; inverse = [[3, -2], [-2, 4]] / 8
    expect(Array.from(choleskySolve(Float64Array.of(4, 2, 2, 3), 2, Float64Array.of(2, 1))!)).toEqual([0.5, 0]);
    const inv = choleskyInverse(Float64Array.of(4, 2, 2, 3), 2)!;
    expect(Array.from(inv).map((v) => v * 8)).toEqual([3, -2, -2, 4].map((v) => expect.closeTo(v, 12)));
    expect(choleskySolve(Float64Array.of(1, 2, 2, 1), 2, Float64Array.of(1, 1))).toBeNull(); // indefinite
  });
});

describe('logistic regression', () => {
  const truth = [-1, 0.8, -0.3, 1.2];

  it('on many rows starts from a subsample fit: the same optimum, fewer passes over all rows', () => {
    // Far from the intercept-only start (large slopes, a rare level) so Newton needs several steps from it.
    const n = 3 * WARM_START_ROWS;
    const steep = [-3, 2.5, 0.9, -2];
    const { x, y } = simulate(n, 23, steep);
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const warm = fitLogistic(x, y, { weights: w });
    const cold = fitLogistic(x, y, { weights: w, warmStart: false });
    expect(warm.converged && cold.converged).toBe(true);
    const a = coefficientVector(warm);
    const b = coefficientVector(cold);
    for (let j = 0; j < a.length; j++) expect(a[j]!, `coefficient ${j}`).toBeCloseTo(b[j]!, 8);
    for (let j = 0; j < a.length; j++) expect(warm.standardErrors[j]!).toBeCloseTo(cold.standardErrors[j]!, 8);
    expect(warm.deviance).toBeCloseTo(cold.deviance, 6);
    expect(warm.iterations).toBeLessThan(cold.iterations);
  });

  it('recovers known coefficients within 3 standard errors (n = 50k)', () => {
    const { x, y } = simulate(50_000, 11, truth);
    const fit = fitLogistic(x, y);
    expect(fit.converged).toBe(true);
    const est = coefficientVector(fit);
    for (let j = 0; j < 4; j++) {
      // SEs at n = 50k are ~0.01-0.03: the test fails for a biased fit, not for noise (3 SE ~ 0.3% two-sided).
      expect(fit.standardErrors[j]!).toBeGreaterThan(0.002);
      expect(fit.standardErrors[j]!).toBeLessThan(0.1);
      expect(Math.abs(est[j]! - truth[j]!)).toBeLessThan(3 * fit.standardErrors[j]!);
    }
  });

  it('accepts a column-major buffer and gives the same fit as a list of columns', () => {
    const { x, y } = simulate(3_000, 12, truth);
    const data = new Float64Array(3 * 3_000);
    x.forEach((c, j) => data.set(c, j * 3_000));
    const a = fitLogistic(x, y);
    const b = fitLogistic({ data, rows: 3_000, cols: 3 }, y);
    expect(Array.from(coefficientVector(b))).toEqual(Array.from(coefficientVector(a)));
  });

  it('integer weights equal duplicated rows', () => {
    const { x, y } = simulate(2_000, 13, truth);
    const rng = new Rng(99);
    const w = new Float64Array(2_000).map(() => Math.floor(rng.uniform() * 4)); // 0..3
    const dup: number[][] = [[], [], []];
    const ydup: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      for (let k = 0; k < w[i]!; k++) {
        for (let j = 0; j < 3; j++) dup[j]!.push(x[j]![i]!);
        ydup.push(y[i]!);
      }
    }
    const weighted = fitLogistic(x, y, { weights: w, tolerance: 1e-12 });
    const duplicated = fitLogistic(dup.map((c) => Float64Array.from(c)), Float64Array.from(ydup), { tolerance: 1e-12 });
    const a = coefficientVector(weighted);
    const b = coefficientVector(duplicated);
    for (let j = 0; j < 4; j++) expect(a[j]!).toBeCloseTo(b[j]!, 8);
    expect(weighted.deviance).toBeCloseTo(duplicated.deviance, 6);
    expect(weighted.standardErrors[1]!).toBeCloseTo(duplicated.standardErrors[1]!, 8);
  });

  it('an offset is a known shift: fitting with it recovers the other coefficients, and without it its column gets slope 1', () => {
    const n = 40_000;
    const rng = new Rng(5);
    const z = new Float64Array(n).map(() => rng.normal());
    const offset = z.map((v) => 0.7 * v);
    const { x, y } = simulate(n, 14, truth, offset);
    const withOffset = fitLogistic(x, y, { offset });
    const est = coefficientVector(withOffset);
    for (let j = 0; j < 4; j++) expect(Math.abs(est[j]! - truth[j]!)).toBeLessThan(3 * withOffset.standardErrors[j]!);
    const asColumn = fitLogistic([...x, offset], y);
    expect(Math.abs(asColumn.coefficients[3]! - 1)).toBeLessThan(3 * asColumn.standardErrors[4]!);
  });

  it('standardisation is internal: rescaling a column rescales its coefficient', () => {
    const { x, y } = simulate(5_000, 15, truth);
    const a = fitLogistic(x, y, { l2: 0 });
    const b = fitLogistic([x[0]!.map((v) => v * 1000), x[1]!, x[2]!], y, { l2: 0 });
    expect(b.coefficients[0]! * 1000).toBeCloseTo(a.coefficients[0]!, 8);
    expect(b.intercept).toBeCloseTo(a.intercept, 8);
  });

  it('the L2 penalty keeps separated data finite, and a constant column gets slope 0', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => i);
    const y = x.map((v) => (v >= 100 ? 1 : 0));
    const fit = fitLogistic([x, new Float64Array(200).fill(3)], y, { l2: 1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);
    expect(fit.coefficients[0]!).toBeGreaterThan(0);
    expect(fit.coefficients[1]).toBe(0);
    // With the threshold at 99.5 by symmetry: P(99.5) = 1/2.
    expect(fit.intercept + fit.coefficients[0]! * 99.5 + fit.coefficients[1]! * 3).toBeCloseTo(0, 6);
  });

  it('standard errors equal a naive inverse of X\'WX at the solution (7 columns: exercises every Hessian tile)', () => {
    const n = 3_000;
    const p = 7;
    const rng = new Rng(31);
    const cols = Array.from({ length: p }, (_, j) => new Float64Array(n).map(() => j + (1 + j / 3) * rng.normal()));
    const y = new Float64Array(n).map((_, i) => {
      let eta = -0.5;
      for (let j = 0; j < p; j++) eta += (0.3 - 0.1 * j) * (cols[j]![i]! - j);
      return rng.uniform() < sigmoid(eta) ? 1 : 0;
    });
    const w = new Float64Array(n).map(() => 0.5 + rng.uniform());
    const fit = fitLogistic(cols, y, { l2: 0, weights: w, tolerance: 1e-12 });
    const q = p + 1;
    const h = new Float64Array(q * q);
    const b = coefficientVector(fit);
    for (let i = 0; i < n; i++) {
      const xi = [1, ...cols.map((c) => c[i]!)];
      let eta = 0;
      for (let a = 0; a < q; a++) eta += b[a]! * xi[a]!;
      const mu = sigmoid(eta);
      for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) h[a * q + c] = h[a * q + c]! + w[i]! * mu * (1 - mu) * xi[a]! * xi[c]!;
    }
    const cov = choleskyInverse(h, q)!;
    for (let a = 0; a < q; a++) expect(fit.standardErrors[a]! / Math.sqrt(cov[a * q + a]!)).toBeCloseTo(1, 6);
    // Column order does not matter.
    const reversed = fitLogistic([...cols].reverse(), y, { l2: 0, weights: w, tolerance: 1e-12 });
    for (let j = 0; j < p; j++) expect(reversed.coefficients[p - 1 - j]!).toBeCloseTo(fit.coefficients[j]!, 8);
  });

  it('predicts into a preallocated array, with an offset', () => {
    const fit = { intercept: -1, coefficients: Float64Array.of(2, 0.5) };
    const out = new Float64Array(2);
    predictLogistic(fit, [Float64Array.of(0, 1), Float64Array.of(2, -2)], out, Float64Array.of(0, 0.5));
    expect(out[0]).toBeCloseTo(sigmoid(-1 + 1), 12);
    expect(out[1]).toBeCloseTo(sigmoid(-1 + 2 - 1 + 0.5), 12);
  });

  it('a warm start from the solution converges in one or two steps', () => {
    const { x, y } = simulate(5_000, 16, truth);
    const a = fitLogistic(x, y);
    const b = fitLogistic(x, y, { start: coefficientVector(a) });
    expect(b.iterations).toBeLessThanOrEqual(2);
    expect(b.intercept).toBeCloseTo(a.intercept, 7);
  });
});
