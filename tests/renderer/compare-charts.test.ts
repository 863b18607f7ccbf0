// The Compare, Frontier and Trust option builders and plain-words readings, without a DOM.
import { describe, expect, it } from 'vitest';
import { deltaChartOption } from '../../renderer/charts/compare-delta-chart';
import { formatDelta, metricDelta } from '../../renderer/charts/compare-metrics';
import { frontierOption, pointAt } from '../../renderer/charts/frontier-chart';
import { reliabilityOption } from '../../renderer/charts/trust-reliability';
import { calibrationGap, readAuc, readCalibration } from '../../renderer/charts/trust-words';
import { forecastResult, modelHealthReport, sweepResult } from './compare-fixture';
import { EVIL } from './health-fixture';

type Series = { name?: string; data?: unknown[]; markLine?: { data?: Array<{ xAxis?: number; coord?: unknown }> | unknown[] } };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;
const tooltipOf = (o: unknown) => (o as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter;

describe('changes against the policy in force', () => {
  it('measures rates in points, hours in hours, counts in percent', () => {
    expect(metricDelta('rate', 0.7, 0.65)?.value).toBeCloseTo(5);
    expect(metricDelta('hours', 2, 3)).toEqual({ value: -1, unit: 'h' });
    expect(metricDelta('count', 2900, 3300)?.value).toBeCloseTo(-12.12, 2);
    expect(metricDelta('count', 5, 0)).toBeNull();
    expect(metricDelta('rate', null, 0.5)).toBeNull();
    expect(formatDelta(metricDelta('count', 2900, 3300))).toBe('−12.1%');
    expect(formatDelta({ value: 2.06, unit: 'pp' })).toBe('+2.1 pp');
  });

  it('draws one bar series per scenario, the rates in points, names escaped in the tooltip', () => {
    const base = { key: 'b', label: 'Policy in force', result: forecastResult('Baseline', 0) };
    const cols = [
      { key: 'a', label: 'Threshold 75', result: forecastResult('a', 1) },
      { key: 'e', label: EVIL, result: forecastResult('e', 2) },
    ];
    const option = deltaChartOption(cols, base, 'rates', 'light');
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['Threshold 75', EVIL]);
    // acceptance is the first rate: +2.1 and +4.2 points
    expect(series.map((s) => s.data?.[0])).toEqual([2.1, 4.2]);
    const html = tooltipOf(option)([{ dataIndex: 0 }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
    const volume = seriesOf(deltaChartOption(cols, base, 'volume', 'dark'));
    expect(volume[0]?.data?.[0]).toBe(-12.1);
  });
});

describe('the frontier chart', () => {
  it('draws volume, load, acceptance and opportunity against the threshold, marking in force and proposed', () => {
    const result = sweepResult();
    const option = frontierOption(result, 'light');
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['MQLs', 'Rep load per day', 'Acceptance rate', 'Opportunity rate']);
    expect(series[2]?.data?.[2]).toEqual([60, 58]);
    const marks = (series[0]?.markLine?.data ?? []) as Array<{ xAxis?: number }>;
    expect(marks.map((m) => m.xAxis)).toEqual([60, 75]);
    expect((option as { grid: unknown[] }).grid).toHaveLength(2);
    expect(tooltipOf(option)([{ dataIndex: 4 }])).toContain('Threshold 75');
    // Same threshold: one mark only.
    const same = seriesOf(frontierOption(sweepResult({ currentThreshold: 60 }), 'dark'));
    expect((same[0]?.markLine?.data ?? []).length).toBe(1);
    expect(pointAt(result.points, 74)?.threshold).toBe(75);
    expect(pointAt([], 10)).toBeNull();
  });
});

describe('model health in words', () => {
  it('reads the AUC, warning about leakage above 0.85', () => {
    const h = modelHealthReport(0.91, 0.55);
    expect(readAuc(h.acceptance).verdict).toBe('bad');
    expect(readAuc(h.acceptance).headline).toMatch(/leakage/);
    expect(readAuc(h.opportunity).headline).toBe('The score says little about this outcome');
    expect(readAuc(modelHealthReport(0.74, null).acceptance).verdict).toBe('good');
    expect(readAuc(modelHealthReport(0.74, null).opportunity).headline).toBe('Not enough outcomes to judge');
  });

  it('weighs the calibration gap by band size and draws bands with leads only', () => {
    const bands = modelHealthReport(0.7, 0.7).acceptance.calibration;
    expect(calibrationGap(bands)).toBeCloseTo((0.02 * 1000 + 0.05 * 1500 + 0.01 * 500) / 3000);
    expect(readCalibration(bands).verdict).toBe('watch');
    const option = reliabilityOption(bands, 'acceptance', 'light');
    expect(seriesOf(option)[0]?.data).toEqual([
      [30, 28],
      [55, 60],
      [80, 79],
    ]);
  });
});
