// The fast scan (grown totals, shared uncapped sum, lookback by subtraction)
// against the SEMANTICS.md formula taken literally, on random leads.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { SYNTHETIC_TYPES, fillSynthetic } from '../../engine/columns/synthetic';
import { Replayer } from '../../engine/replay/score';
import { buildBaseline } from '../../engine/scenario/baseline';
import { resolvePolicy } from '../../engine/scenario/resolve';
import { parseScenario } from '../../engine/scenario/schema';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import type { CompiledRules } from '../../engine/replay/compile';
import { ScanScratch, buildDecayCache, scanLead, scanLeadExact, type LeadScan, type ScanInputs } from '../../engine/replay/kernel';

const HOUR = 3_600_000;
const NT = 4;

const leadArb = fc.record({
  // Hour offsets, sorted below; duplicates make ties.
  hours: fc.array(fc.integer({ min: 0, max: 24 * 90 }), { minLength: 1, maxLength: 14 }),
  types: fc.array(fc.integer({ min: 0, max: NT - 1 }), { minLength: 14, maxLength: 14 }),
  // Zeros and all-non-negative tables are common on purpose: they take the scan's skip path.
  points: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 25 }), fc.integer({ min: -15, max: 25 })), { minLength: NT, maxLength: NT }),
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
    nonNegative: l.points.every((p) => p >= 0),
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

describe('whole re-score against the literal formula', () => {
  const dir = scratchDir();

  it('property: every lead of a synthetic workspace gets the MQL moment, trigger and score of scanLeadExact, under random policies', async () => {
    const ws = await openWorkspace(join(dir, 'kernel.duckdb'));
    await fillSynthetic(ws, 300, 10);
    const cols = await loadColumns(ws);
    ws.close();
    const replayer = new Replayer(cols);
    const base = buildBaseline(null, { threshold: 0, thresholdHow: '', tiers: [], highIntentTypes: [] });
    const typeArb = fc.constantFrom(...SYNTHETIC_TYPES);
    const policyArb = fc.record({
      points: fc.dictionary(typeArb, fc.integer({ min: -10, max: 30 })),
      caps: fc.dictionary(typeArb, fc.integer({ min: 0, max: 40 })),
      high: fc.uniqueArray(typeArb, { maxLength: 2 }),
      half: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      look: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
      threshold: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(policyArb, (p) => {
        const policy = resolvePolicy(base, parseScenario({
          version: 1,
          scoring: {
            activity_points: p.points, activity_caps: p.caps, decay_half_life_days: p.half, lookback_days: p.look,
            fit_points: [{ field: 'company_size', op: 'between', value: [10, 500], points: 15 }],
          },
          mql: { threshold: p.threshold, high_intent_types: p.high },
        }));
        const r = replayer.rescore(policy);
        const { rules, inputs } = replayer.prepare(policy);
        const exact = blank();
        for (let i = 0; i < cols.leads.n; i++) {
          scanLeadExact(inputs, i, r.fit[i], rules.threshold, null, exact);
          const expected = exact.mqlRow < 0 ? NaN : cols.activities.time[exact.mqlRow];
          if (!Object.is(r.mqlAt[i], expected)) expect({ i, mqlAt: r.mqlAt[i] }).toEqual({ i, mqlAt: expected });
          if (exact.mqlRow >= 0) {
            expect(r.trigger[i]).toBe(exact.trigger);
            expect(r.scoreAtMql[i]).toBeCloseTo(exact.score, 6);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
