import { describe, expect, it } from 'vitest';
import { bootstrapWeights, combinedInterval, percentileInterval, quantileSorted } from '../../engine/stats/bootstrap';
import { hashUniform, Rng } from '../../engine/stats/rng';
import { coefficientVector, fitLogistic, oneStepRefit, sigmoid } from '../../engine/stats/logistic';

describe('rng', () => {
  it('reproduces a stream per (seed, stream) and separates streams', () => {
    const a = new Rng(7, 3);
    const b = new Rng(7, 3);
    const c = new Rng(7, 4);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  });

  it('has the right first two moments (uniform, normal, Poisson(1)) at n = 200k', () => {
    const rng = new Rng(1);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0, sp = 0, sp2 = 0, zeros = 0, outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
      const k = rng.poisson1();
      sp += k;
      sp2 += k * k;
      if (k === 0) zeros++;
    }
    expect(outside).toBe(0);
    // Tolerances are ~5 standard errors of each mean at n = 200k.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.0035);
    expect(Math.abs(sn / n)).toBeLessThan(0.012);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.016);
    expect(Math.abs(sp / n - 1)).toBeLessThan(0.012);
    expect(Math.abs(sp2 / n - (sp / n) ** 2 - 1)).toBeLessThan(0.03); // Var = 1
    expect(Math.abs(zeros / n - Math.exp(-1))).toBeLessThan(0.006);
  });

  it('hashUniform depends only on (seed, stream, key, draw)', () => {
    expect(hashUniform(1, 2, 3, 0)).toBe(hashUniform(1, 2, 3, 0));
    expect(hashUniform(1, 2, 3, 0)).not.toBe(hashUniform(1, 2, 4, 0));
    expect(hashUniform(1, 2, 3, 0)).not.toBe(hashUniform(1, 2, 3, 1));
    let s = 0;
    for (let k = 0; k < 100_000; k++) s += hashUniform(9, 0, k);
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});

describe('bootstrap', () => {
  it('percentile interval: 5th and 95th percentiles of 0..100, ignoring NaN', () => {
    const v = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentileInterval([...v, Number.NaN])).toEqual({ low: 5, high: 95, runs: 101 });
    expect(quantileSorted([1, 2], 0.25)).toBe(1.25);
  });

  it('Poisson weights are reproducible per run and differ between runs', () => {
    const a = bootstrapWeights(5, 0, 1000);
    expect(Array.from(bootstrapWeights(5, 0, 1000))).toEqual(Array.from(a));
    expect(Array.from(bootstrapWeights(5, 1, 1000))).not.toEqual(Array.from(a));
  });

  it('the bootstrap SD of a logistic slope matches its analytic standard error', () => {
    const n = 4_000;
    const rng = new Rng(21);
    const x = new Float64Array(n).map(() => rng.normal());
    const y = x.map((v) => (rng.uniform() < sigmoid(-0.5 + v) ? 1 : 0));
    const full = fitLogistic([x], y);
    const start = coefficientVector(full);
    const w = new Float64Array(n);
    const slopes = new Float64Array(150);
    for (let r = 0; r < slopes.length; r++) {
      slopes[r] = fitLogistic([x], y, { weights: bootstrapWeights(33, r, n, w), start, standardErrors: false }).coefficients[0]!;
    }
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    const sd = Math.sqrt(slopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (slopes.length - 1));
    // The SD of an SD estimate from 150 runs is ~6%; 25% is ~4 of those.
    expect(Math.abs(sd / full.standardErrors[1]! - 1)).toBeLessThan(0.25);
    const ci = percentileInterval(slopes);
    expect(ci.low).toBeLessThan(full.coefficients[0]!);
    expect(ci.high).toBeGreaterThan(full.coefficients[0]!);
  });

  it('one-step refits: the fit itself at unit weights, and close to full refits under bootstrap weights', () => {
    const n = 20_000;
    const rng = new Rng(22);
    const x1 = new Float64Array(n).map(() => rng.normal());
    const x2 = new Float64Array(n).map(() => 3 + 2 * rng.normal());
    const y = x1.map((v, i) => (rng.uniform() < sigmoid(-1 + v - 0.4 * x2[i]!) ? 1 : 0));
    const full = fitLogistic([x1, x2], y, { tolerance: 1e-12 });
    const out = new Float64Array(3);
    oneStepRefit(full, [x1, x2], y, new Float64Array(n).fill(1), out);
    const ref = coefficientVector(full);
    for (let j = 0; j < 3; j++) expect(out[j]!).toBeCloseTo(ref[j]!, 8);
    const w = new Float64Array(n);
    for (let r = 0; r < 5; r++) {
      bootstrapWeights(4, r, n, w);
      const refit = coefficientVector(fitLogistic([x1, x2], y, { weights: w, tolerance: 1e-12 }));
      oneStepRefit(full, [x1, x2], y, w, out);
      // The one-step error is second order (here ~5% of an SE): far below the runs' spread of one SE.
      for (let j = 0; j < 3; j++) expect(Math.abs(out[j]! - refit[j]!)).toBeLessThan(0.15 * full.standardErrors[j]!);
      // ...and the runs do move (the test is not comparing two copies of the full fit).
      expect(Math.abs(refit[1]! - ref[1]!)).toBeGreaterThan(0.01 * full.standardErrors[1]!);
    }
  });

  it('combines model and simulation replicates: widths add in quadrature', () => {
    const rng = new Rng(8);
    const model = new Float64Array(300).map(() => 10 + rng.normal());
    const sim = new Float64Array(300).map(() => 3 + 2 * rng.normal());
    const ci = combinedInterval(50, model, sim);
    // Normal(50, 1 + 4): 90% half-width 1.645 * sqrt(5) = 3.678; 300 runs each: ~8% tolerance.
    expect(Math.abs((ci.high - ci.low) / 2 - 3.678)).toBeLessThan(0.3);
    expect(Math.abs((ci.high + ci.low) / 2 - 50)).toBeLessThan(0.3);
    expect(combinedInterval(50, [], [])).toEqual({ low: 50, high: 50, runs: 0 });
  });
});
