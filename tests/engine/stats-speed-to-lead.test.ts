import { describe, expect, it } from 'vitest';
import { estimateSpeedToLead, speedBasis } from '../../engine/stats/speed-to-lead';
import { Rng } from '../../engine/stats/rng';
import { sigmoid } from '../../engine/stats/logistic';

describe('speed-to-lead effect', () => {
  it('the basis is a linear spline in log1p(hours), capped', () => {
    const [l, k1, k4] = speedBasis([0, 1, 4, 1000], [1, 4], 336);
    expect(Array.from(l!)).toEqual([0, Math.log1p(1), Math.log1p(4), Math.log1p(336)]);
    expect(Array.from(k1!)).toEqual([0, 0, Math.log1p(4) - Math.log(2), Math.log1p(336) - Math.log(2)]);
    expect(k4![2]).toBe(0);
  });

  it('adjusting for the score removes the confounding that the naive curve keeps', () => {
    // Hot leads (high score) convert more AND are contacted faster. True effect: -0.3 per log1p(hour).
    const n = 60_000;
    const rng = new Rng(42);
    const score = new Float64Array(n);
    const hours = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      score[i] = rng.normal();
      hours[i] = Math.exp(1.5 - 0.9 * score[i]! + 1.0 * rng.normal());
      y[i] = rng.uniform() < sigmoid(-1.5 + 1.0 * score[i]! - 0.3 * Math.log1p(hours[i]!)) ? 1 : 0;
    }
    const truth = Math.exp(-0.3 * (Math.log1p(0.5) - Math.log1p(24))); // 2.33
    const adjusted = estimateSpeedToLead(y, hours, [score]);
    const naive = estimateSpeedToLead(y, hours, []);
    const mAdj = adjusted.multiplier(0.5, 24);
    const mNaive = naive.multiplier(0.5, 24);
    // The 0.5h-vs-24h log odds ratio has SE ~0.07 here; 0.25 on the log scale is ~3.5 SE.
    expect(Math.abs(Math.log(mAdj) - Math.log(truth))).toBeLessThan(0.25);
    expect(mNaive).toBeGreaterThan(truth * 2); // the naive curve credits speed with the score's effect
    expect(adjusted.multiplier(3, 3)).toBe(1);
    expect(adjusted.logOdds(0)).toBe(0);
    // NaN hours (never contacted) are left out rather than breaking the fit.
    const withGaps = Float64Array.from(hours);
    withGaps[0] = Number.NaN;
    expect(Number.isFinite(estimateSpeedToLead(y, withGaps, [score]).multiplier(1, 10))).toBe(true);
  });
});
