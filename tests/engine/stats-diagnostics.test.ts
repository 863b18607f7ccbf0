import { describe, expect, it } from 'vitest';
import { liftByDecile, rocAuc, leakageWarning } from '../../engine/stats/roc';
import { brierScore, calibrationByBand, scoreDiagnostics } from '../../engine/stats/calibration';
import { Rng } from '../../engine/stats/rng';

describe('ROC AUC', () => {
  it('matches a 5-point example computed on paper, with a tie', () => {
    // positives 0.35, 0.8, 0.4; negatives 0.1, 0.4.
    // pairs: (0.35>0.1)=1 (0.35<0.4)=0 (0.8>0.1)=1 (0.8>0.4)=1 (0.4>0.1)=1 (0.4=0.4)=1/2 -> 4.5 / 6
    expect(rocAuc([0.1, 0.4, 0.35, 0.8, 0.4], [0, 0, 1, 1, 1])).toBe(0.75);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 1/2 for a constant score, NaN with one class', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([7, 7, 7, 7], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });

  it('weights count rows fractionally (weight 2 = the row twice) and NaN scores are ignored', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [1, 2, 1, 1])).toBe(rocAuc([0.1, 0.4, 0.4, 0.35, 0.8], [0, 0, 0, 1, 1]));
    expect(rocAuc([0.1, Number.NaN, 0.35, 0.8, 0.4], [0, 1, 1, 1, 0])).toBe(rocAuc([0.1, 0.35, 0.8, 0.4], [0, 1, 1, 0]));
  });

  it('equals the normal-theory value for a binormal score (delta = 1 -> Phi(1/sqrt 2) = 0.7602)', () => {
    const rng = new Rng(3);
    const n = 100_000;
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      s[i] = rng.normal() + y[i]!;
    }
    // SE of AUC at n = 100k is ~0.0015.
    expect(Math.abs(rocAuc(s, y) - 0.7602)).toBeLessThan(0.006);
  });

  it('the merge path (no weights) and the index-sort path (unit weights) agree on tied random data', () => {
    const rng = new Rng(12);
    const s = Array.from({ length: 5_000 }, () => Math.floor(rng.uniform() * 20)); // many ties
    const y = s.map((v) => (rng.uniform() < 0.2 + v / 40 ? 1 : 0));
    expect(rocAuc(s, y)).toBeCloseTo(rocAuc(s, y, new Float64Array(5_000).fill(1)), 12);
  });

  it('flags leakage above 0.85 only', () => {
    expect(leakageWarning(0.9)).toMatch(/leaking/);
    expect(leakageWarning(0.85)).toBeNull();
  });
});

describe('lift by decile', () => {
  it('cuts 20 ranked rows into tenths of 2, top first', () => {
    const score = Array.from({ length: 20 }, (_, i) => i); // 19 is the top
    const y = score.map((s) => (s >= 18 || s === 0 ? 1 : 0)); // top 2 positive, plus the lowest
    const lift = liftByDecile(score, y);
    expect(lift).toHaveLength(10);
    expect(lift[0]).toMatchObject({ decile: 1, count: 2, positives: 2, rate: 1, minScore: 18, maxScore: 19 });
    expect(lift[0]!.lift).toBeCloseTo(1 / (3 / 20), 12);
    expect(lift[0]!.cumulativeCapture).toBeCloseTo(2 / 3, 12);
    expect(lift[9]).toMatchObject({ positives: 1, minScore: 0, maxScore: 1, cumulativeCapture: 1 });
    expect(lift.slice(1, 9).every((d) => d.positives === 0)).toBe(true);
  });
});

describe('calibration and Brier', () => {
  it('bands predictions in 10-point bands with mean predicted, observed rate and counts', () => {
    const p = [0.05, 0.08, 0.15, 0.55, 0.95, 1.0];
    const y = [0, 1, 0, 1, 1, 1];
    const bands = calibrationByBand(p, y);
    expect(bands).toHaveLength(10);
    expect(bands[0]).toMatchObject({ low: 0, high: 10, count: 2, observedRate: 0.5 });
    expect(bands[0]!.meanPredicted).toBeCloseTo(0.065, 12);
    expect(bands[1]).toMatchObject({ count: 1, observedRate: 0 });
    expect(bands[2]!.count).toBe(0);
    expect(bands[2]!.observedRate).toBeNaN();
    expect(bands[9]).toMatchObject({ low: 90, high: 100, count: 2, observedRate: 1 }); // 1.0 goes to the last band
  });

  it('can band by a lead score instead', () => {
    const bands = calibrationByBand([0.2, 0.4, 0.6], [0, 1, 1], { bandBy: [12, 18, 47], width: 10, from: 0, to: 100 });
    expect(bands[1]).toMatchObject({ count: 2, observedRate: 0.5 });
    expect(bands[1]!.meanPredicted).toBeCloseTo(0.3, 12);
    expect(bands[4]!.count).toBe(1);
  });

  it('computes the Brier score by hand', () => {
    // (0.2-0)^2 + (0.7-1)^2 + (0.5-1)^2 = 0.04 + 0.09 + 0.25 = 0.38 -> / 3
    expect(brierScore([0.2, 0.7, 0.5], [0, 1, 1])).toBeCloseTo(0.38 / 3, 12);
  });

  it('bundles diagnostics with the leakage warning', () => {
    const d = scoreDiagnostics([1, 2, 3, 4], [0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]);
    expect(d.auc).toBe(1);
    expect(d.leakageSuspected).toBe(true);
    expect(d.warnings[0]).toMatch(/AUC 1.00/);
    expect(d.brier).toBeCloseTo((0.01 + 0.04 + 0.04 + 0.01) / 4, 12);
  });
});
