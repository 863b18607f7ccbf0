// Scenario against baseline, as numbers and as chart options, without a DOM.
import { describe, expect, it } from 'vitest';
import { rateDeltaOption, symmetricAxis, tierVolumeOption, tierVolumes } from '../../renderer/charts/scenario-charts';
import { forecastDeltas, formatDelta, formatInterval, formatMetric, metricDelta, verdictOf } from '../../renderer/charts/scenario-deltas';
import { forecastFor } from './scenario-fixture';

describe('scenario deltas', () => {
  it('computes the change and its interval against the baseline', () => {
    const d = metricDelta('sla_compliance_rate', { observed: 0.7, forecast: 0.8, low: 0.77, high: 0.84 }, true);
    expect(d.delta).toBeCloseTo(0.1);
    expect(d.deltaLow).toBeCloseTo(0.07);
    expect(d.deltaHigh).toBeCloseTo(0.14);
    expect(d.status).toBe('watch');
    expect(d.baselineStatus).toBe('bad');
    expect(d.verdict).toBe('better');
  });

  it('measures against the baseline’s own forecast when given, keeping history beside it', () => {
    const base = { observed: 354, forecast: 472, low: 472, high: 472 };
    const d = metricDelta('won_count', { observed: 354, forecast: 480, low: 470, high: 490 }, true, base);
    expect([d.baseline, d.history, d.delta, d.deltaLow, d.deltaHigh]).toEqual([472, 354, 8, -2, 18]);
    // The policy in force against itself: no change, however far the model is from history.
    expect(metricDelta('won_count', base, false, base).verdict).toBe('same');
  });

  it('ignores low/high of an expected-values answer (they only repeat the forecast)', () => {
    const d = metricDelta('acceptance_rate', { observed: 0.6, forecast: 0.62, low: 0.62, high: 0.62 }, false);
    expect([d.low, d.high, d.deltaLow, d.deltaHigh]).toEqual([null, null, null, null]);
    expect(formatInterval(d)).toBeNull();
  });

  it('a missing value gives no change rather than a made-up one', () => {
    const d = metricDelta('median_hours_to_first_contact', { observed: null, forecast: 2, low: 2, high: 2 }, true);
    expect(d.delta).toBeNull();
    expect(d.verdict).toBe('neutral');
    expect(formatDelta('hours', d.delta)).toBe('–');
  });

  it('knows which way is better, and that acceptance has a target band', () => {
    expect(verdictOf('black_hole_rate', 0.2, 0.1)).toBe('better');
    expect(verdictOf('median_hours_to_first_contact', 2, 3)).toBe('worse');
    expect(verdictOf('mql_count', 100, 120)).toBe('neutral');
    expect(verdictOf('sql_rate', 0.3, 0.3001)).toBe('same');
    // Inside 50–70% is on target either way; towards the band is better, away from it worse.
    expect(verdictOf('acceptance_rate', 0.6, 0.65)).toBe('neutral');
    expect(verdictOf('acceptance_rate', 0.8, 0.72)).toBe('better');
    expect(verdictOf('acceptance_rate', 0.55, 0.4)).toBe('worse');
  });

  it('formats changes in each metric’s unit', () => {
    expect(formatDelta('rate', 0.0123)).toBe('+1.2 pp');
    expect(formatDelta('rate', -0.05)).toBe('−5.0 pp');
    expect(formatDelta('count', -65)).toBe('−65');
    expect(formatDelta('count', 1200)).toBe('+1,200');
    expect(formatDelta('hours', -1.04)).toBe('−1.0 h');
    expect(formatDelta('amount', 3_600_000)).toBe('+$3.6M');
    expect(formatDelta('amount', -8500)).toBe('−$8,500');
    expect(formatDelta('amount', -605_872)).toBe('−$606k');
    expect(formatMetric('count', 3234.6)).toBe('3,235');
    expect(formatInterval(metricDelta('mql_count', { observed: 1, forecast: 2, low: 2, high: 2 }, true))).toBe('exact (replayed, not sampled)');
  });

  it('reads every metric of a forecast', () => {
    const all = forecastDeltas(forecastFor(70, 200), ['mql_count', 'acceptance_rate']);
    expect(all.map((d) => [d.name, d.delta])).toEqual([
      ['mql_count', -200],
      ['acceptance_rate', expect.closeTo(0.1, 6)],
    ]);
    expect(formatInterval(all[1]!)).toBe('74.8% – 78.8%');
  });
});

describe('scenario charts', () => {
  it('draws rate changes in percentage points with interval whiskers, first metric on top', () => {
    const deltas = forecastDeltas(forecastFor(70, 200), ['mql_count', 'acceptance_rate', 'black_hole_rate']);
    const option = rateDeltaOption(deltas, 'light');
    const series = option.series?.[0] as { data: Array<{ value: number }>; markLine: { data: unknown[] } };
    // Counts are not rates: only the two rates, bottom-up.
    expect(series.data.map((d) => d.value)).toEqual([-10, 10]);
    expect((option.yAxis as { data: string[] }).data).toEqual(['Black-hole rate', 'Acceptance rate']);
    // The zero line, then one whisker per rate.
    expect(series.markLine.data.slice(1)).toEqual([
      [{ coord: [-12, 0] }, { coord: [-8, 0] }],
      [{ coord: [8, 1] }, { coord: [12, 1] }],
    ]);
  });

  it('has no whiskers before the interval runs are in', () => {
    const option = rateDeltaOption(forecastDeltas(forecastFor(70), ['acceptance_rate']), 'dark', true);
    const series = option.series?.[0] as { markLine: { data: unknown[] } };
    expect(series.markLine.data).toHaveLength(1);
  });

  it('picks a round symmetric axis', () => {
    expect(symmetricAxis(0)).toEqual({ bound: 0.5, step: 0.25 });
    expect(symmetricAxis(3.3)).toEqual({ bound: 4, step: 2 });
    expect(symmetricAxis(6.1)).toEqual({ bound: 8, step: 4 });
  });

  it('puts tier volumes in the scenario’s tier order, baseline beside scenario', () => {
    const rows = tierVolumes(forecastFor(65), ['A', 'B', 'C']);
    expect(rows).toEqual([
      { tier: 'A', baseline: 1387, scenario: 1700 },
      { tier: 'B', baseline: 463, scenario: 500 },
      { tier: 'C', baseline: 1450, scenario: 1000 },
    ]);
    const option = tierVolumeOption(rows, 'light');
    expect(option.series?.map((s) => s.data)).toEqual([
      [1387, 463, 1450],
      [1700, 500, 1000],
    ]);
  });
});
