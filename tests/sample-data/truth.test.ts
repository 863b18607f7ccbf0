// The truth is obtained by re-running the same world under each policy: check that it moves
// the way the mechanisms say it must, and that what a scenario does not touch stays put.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TruthMetrics } from './support';
import { makeSample, readTruth, scenarioTruth } from './support';

describe('truth across scenarios', () => {
  const dir = makeSample({ seed: 21, draws: 3 });
  const t = readTruth(dir);
  const base = t.baseline.metrics;
  const s = (f: string): TruthMetrics => scenarioTruth(t, f);

  it('lists every scenario file with its metrics, and the baseline', () => {
    expect(t.baseline.file).toBe('scoring_model.json');
    expect(t.scenarios.length).toBe(11);
    for (const sc of t.scenarios) {
      const json = JSON.parse(readFileSync(join(dir, sc.file), 'utf8')) as { version: number; name: string; window: unknown };
      expect(json.version).toBe(1);
      expect(json.name).toBe(sc.name);
      expect(json.window).toEqual({ from: '2025-01-01', to: '2025-12-31' });
      expect(sc.metrics.mql_count).toBeGreaterThan(0);
    }
  });

  it('raising the threshold gives fewer MQLs, higher acceptance and fewer black holes', () => {
    const ladder = [s('threshold_minus_15.json'), s('threshold_minus_7.json'), base, s('threshold_plus_7.json'), s('threshold_plus_15.json')];
    for (let i = 1; i < ladder.length; i++) expect(ladder[i]!.mql_count).toBeLessThan(ladder[i - 1]!.mql_count);
    expect(s('threshold_plus_15.json').acceptance_rate).toBeGreaterThan(s('threshold_minus_15.json').acceptance_rate);
    expect(s('threshold_plus_15.json').black_hole_rate).toBeLessThan(s('threshold_minus_15.json').black_hole_rate);
    expect(s('threshold_plus_15.json').median_hours_to_first_contact).toBeLessThan(s('threshold_minus_15.json').median_hours_to_first_contact);
  });

  it('more reps: better SLA compliance, fewer black holes, faster contact and (speed-to-lead) more SQLs; fewer reps: the reverse', () => {
    const plus = s('reps_plus_3.json');
    const minus = s('reps_minus_2.json');
    expect(plus.mql_count).toBe(base.mql_count);
    expect(minus.mql_count).toBe(base.mql_count);
    expect(plus.sla_compliance_rate).toBeGreaterThan(base.sla_compliance_rate);
    expect(plus.black_hole_rate).toBeLessThan(base.black_hole_rate);
    expect(plus.median_hours_to_first_contact).toBeLessThan(base.median_hours_to_first_contact);
    expect(plus.sql_rate).toBeGreaterThan(base.sql_rate);
    expect(minus.sla_compliance_rate).toBeLessThan(base.sla_compliance_rate);
    expect(minus.black_hole_rate).toBeGreaterThan(base.black_hole_rate);
    expect(minus.sql_rate).toBeLessThan(base.sql_rate);
  });

  it('SLA changes move only SLA compliance', () => {
    for (const f of ['sla_tier_a_30min.json', 'sla_wall_clock.json']) {
      const m = s(f);
      expect(m.sla_compliance_rate, f).toBeLessThan(base.sla_compliance_rate);
      for (const k of Object.keys(base) as (keyof TruthMetrics)[]) if (k !== 'sla_compliance_rate') expect(m[k], `${f} ${k}`).toBe(base[k]);
    }
  });

  it('pre-flight and bypass rules change who is handed off', () => {
    const strict = s('require_business_email.json');
    expect(strict.data_completion_count).toBeGreaterThan(0);
    expect(strict.mql_count + strict.data_completion_count).toBe(base.mql_count);
    expect(base.data_completion_count).toBe(0);
    const noBypass = s('no_high_intent_bypass.json');
    expect(noBypass.mql_count).toBeLessThan(base.mql_count);
    const reweight = s('reweight_pricing_x2_email_open_half.json');
    expect(reweight.mql_count).not.toBe(base.mql_count);
  });

  it('the history draw is close to the expectation it was drawn from', () => {
    const h = t.history_uncensored;
    expect(h.mql_count).toBe(base.mql_count);
    expect(Math.abs(h.acceptance_rate - base.acceptance_rate)).toBeLessThan(0.04);
    expect(Math.abs(h.black_hole_rate - base.black_hole_rate)).toBeLessThan(0.04);
    expect(Math.abs(h.opportunity_rate - base.opportunity_rate)).toBeLessThan(0.04);
  });
});
