import { describe, expect, it } from 'vitest';
import { asFloat64, compactColumn } from '../../engine/stats/features';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, k) => Object.is(v, b[k]));

describe('compact feature columns', () => {
  it('keeps dummies as bytes, counts as 16-bit integers, anything else as doubles, each read back exactly', () => {
    const dummy = Float64Array.from([0, 1, 1, 0, 1]);
    const counts = Float64Array.from([0, 3, 65535, 12, 1]);
    const cases: [Float64Array, string][] = [
      [dummy, 'Uint8Array'],
      [counts, 'Uint16Array'],
      [Float64Array.from([0, 1, 65536]), 'Float64Array'],
      [Float64Array.from([0, 1.5, 2]), 'Float64Array'],
      [Float64Array.from([0, -1, 2]), 'Float64Array'],
      [Float64Array.from([0, -0, 1]), 'Float64Array'],
      [Float64Array.from([0, NaN, 1]), 'Float64Array'],
      [Float64Array.from([Math.log1p(250), 0]), 'Float64Array'],
    ];
    for (const [col, kind] of cases) {
      const stored = compactColumn(col);
      expect(stored.constructor.name).toBe(kind);
      expect(same(stored, col)).toBe(true);
      expect(same(asFloat64(stored), col)).toBe(true);
    }
    // A column that stays doubles is kept as it is, not copied.
    const frac = Float64Array.from([0.25, 1]);
    expect(compactColumn(frac)).toBe(frac);
    expect(asFloat64(frac)).toBe(frac);
  });
});
