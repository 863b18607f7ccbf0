// The fast scan (grown totals, shared uncapped sum, lookback by subtraction)
// against the SEMANTICS.md formula taken literally, on random leads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledRules } from '../../engine/replay/compile';
import { ScanScratch, buildDecayCache, scanLead, scanLeadExact, type LeadScan, type ScanInputs } from '../../engine/replay/kernel';

const HOUR = 3_600_000;
const NT = 4;

const leadArb = fc.record({
  // Hour offsets, sorted below; duplicates make ties.
  hours: fc.array(fc.integer({ min: 0, max: 24 * 90 }), { minLength: 1, maxLength: 14 }),
  types: fc.array(fc.integer({ min: 0, max: NT - 1 }), { minLength: 14, maxLength: 14 }),
  points: fc.array(fc.integer({ min: -15, max: 25 }), { minLength: NT, maxLength: NT }),
  caps: fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }), { minLength: NT, maxLength: NT }),
  high: fc.array(fc.boolean(), { minLength: NT, maxLength: NT }),
  halfLifeDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  lookbackDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  fit: fc.integer({ min: -20, max: 30 }),
  threshold: fc.integer({ min: -10, max: 80 }),
});

type LeadCase = typeof leadArb extends fc.Arbitrary<infer T> ? T : never;

function setup(l: LeadCase): { inputs: ScanInputs } {
  const hours = [...l.hours].sort((a, b) => a - b);
  const n = hours.length;
  const time = Float64Array.from(hours, (h) => Date.UTC(2025, 0, 1) + h * HOUR);
  const typeCode = Uint16Array.from({ length: n }, (_, j) => l.types[j] ?? 0);
  const leadOffsets = Int32Array.from([0, n]);
  const halfLifeMs = l.halfLifeDays === null ? 0 : l.halfLifeDays * 24 * HOUR;
  const rules: CompiledRules = {
    nTypes: NT,
    points: Float64Array.from(l.points),
    caps: Float64Array.from(l.caps, (c) => (c === null ? Infinity : c)),
    capped: Uint8Array.from(l.caps, (c) => (c === null ? 0 : 1)),
    highIntent: Uint8Array.from(l.high, (h) => (h ? 1 : 0)),
    halfLifeMs,
    lookbackMs: l.lookbackDays === null ? Infinity : l.lookbackDays * 24 * HOUR,
    threshold: l.threshold,
    tierOrder: new Int32Array(0),
    tierMin: new Float64Array(0),
  };
  const decay = halfLifeMs === 0 ? null : buildDecayCache(leadOffsets, time, halfLifeMs);
  return { inputs: { leadOffsets, time, typeCode, rules, decay } };
}

const blank = (): LeadScan => ({ mqlRow: -1, trigger: 0, score: NaN, best: -Infinity });

describe('scoring kernel', () => {
  it('property: the fast scan finds the same MQL moment, trigger and score as the literal formula', () => {
    const scratch = new ScanScratch(NT);
    fc.assert(
      fc.property(leadArb, (l) => {
        const { inputs } = setup(l);
        const fast = blank();
        const exact = blank();
        scanLead(inputs, scratch, 0, l.fit, l.threshold, null, fast);
        scanLeadExact(inputs, 0, l.fit, l.threshold, null, exact);
        expect(fast.mqlRow).toBe(exact.mqlRow);
        expect(fast.trigger).toBe(exact.trigger);
        if (exact.mqlRow >= 0) expect(fast.score).toBeCloseTo(exact.score, 6);
        expect(fast.best).toBeCloseTo(exact.best, 6);
        // Scratch state is clean for the next lead.
        expect(scratch.grown.every((x) => x === 0) && scratch.seen.every((x) => x === 0)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('decays by halves per half-life, caps the decayed total, and counts ties one activity at a time', () => {
    // Types: 0 = +10 (cap 12), 1 = +4. Activities: d0 t0, d0 t0 (tie), d10 t1.
    // After 1st: 10. After 2nd: min(12, 20) = 12. d10: type-0 total 20 * 0.5 = 10 (under the cap) + 4 = 14.
    const l: LeadCase = {
      hours: [0, 0, 240], types: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], points: [10, 4, 0, 0], caps: [12, null, null, null],
      high: [false, false, false, false], halfLifeDays: 10, lookbackDays: null, fit: 0, threshold: 13,
    };
    const { inputs } = setup(l);
    const out = blank();
    scanLead(inputs, new ScanScratch(NT), 0, 0, 13, null, out);
    expect(out).toEqual({ mqlRow: 2, trigger: 1, score: 14, best: 14 });
  });

  it('leads too long for the growth factors fall back to the exact scan', () => {
    // Half-life one hour over 90 days: 2160 doublings, beyond the cache's range.
    const time = Float64Array.from([0, 90 * 24 * HOUR]);
    const cache = buildDecayCache(Int32Array.from([0, 2]), time, HOUR);
    expect(cache.exactLead[0]).toBe(1);
  });
});
