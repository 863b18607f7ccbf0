// A palette column must give back every value bit for bit (the interval runs' kept
// baseline draws read their ignore chances through it), and refuse what it cannot keep.
import { describe, expect, it } from 'vitest';
import { decodePalette, paletteOf, paletteValue } from '../../engine/forecast/palette-column';
import { scratchCapacity } from '../../engine/forecast/scratch-capacity';
import { Rng } from '../../engine/stats/rng';

describe('palette column', () => {
  it('keeps every value exactly, in 2 bytes a row', () => {
    const rng = new Rng(3, 1);
    const levels = Float64Array.from({ length: 3000 }, () => 1 / (1 + Math.exp(-rng.normal())));
    const values = Float64Array.from({ length: 50_000 }, () => levels[Math.floor(rng.uniform() * levels.length)]!);
    values[7] = 0;
    const p = paletteOf(values)!;
    expect(p).not.toBeNull();
    expect(p.codes.BYTES_PER_ELEMENT).toBe(2);
    const back = decodePalette(p, new Float64Array(values.length));
    expect(Buffer.from(back.buffer).equals(Buffer.from(values.buffer))).toBe(true);
    for (let k = 0; k < values.length; k += 997) expect(Object.is(paletteValue(p, k), values[k])).toBe(true);
  });

  it('refuses more than 65,536 distinct values, -0 and NaN', () => {
    expect(paletteOf(Float64Array.from({ length: 70_000 }, (_, k) => k / 3))).toBeNull();
    expect(paletteOf(Float64Array.of(0.5, -0, 0.5))).toBeNull();
    expect(paletteOf(Float64Array.of(0.5, Number.NaN))).toBeNull();
    expect(paletteOf(Float64Array.from({ length: 65_536 }, (_, k) => k))).not.toBeNull();
  });
});

describe('scratch capacity', () => {
  it('grows an eighth past what is asked, not to double', () => {
    expect(scratchCapacity(10)).toBe(1024);
    expect(scratchCapacity(800_000)).toBe(900_000);
    // A cohort 3% larger than the last fits without another regrowth.
    expect(scratchCapacity(340_000)).toBeGreaterThan(340_000 * 1.03);
  });
});
