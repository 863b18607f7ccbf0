// Chart options are plain data: tested without a DOM or ECharts instance.
import { describe, expect, it } from 'vitest';
import { ladderFunnelOption, stepRates } from '../../renderer/charts/funnel';
import { CHART_FONT, PALETTES } from '../../renderer/charts/palette';
import { formatCount, rowCountsOption, tableLabel } from '../../renderer/charts/row-counts';

describe('rowCountsOption', () => {
  const option = rowCountsOption({ leads: 20000, activities: 400000, reps: 40 }, 'light');
  const yAxis = option.yAxis as { data: string[] };
  const series = option.series?.[0] as { data: number[]; itemStyle: { color: string } };

  it('lists tables by size with the largest on top (ECharts draws categories bottom-up)', () => {
    expect(yAxis.data).toEqual(['Reps', 'Leads', 'Activities']);
    expect(series.data).toEqual([40, 20000, 400000]);
  });

  it('follows the theme palette', () => {
    expect(series.itemStyle.color).toBe(PALETTES.light.series[0]);
    const dark = rowCountsOption({ leads: 1 }, 'dark').series?.[0] as { itemStyle: { color: string } };
    expect(dark.itemStyle.color).toBe(PALETTES.dark.series[0]);
  });

  it('uses the UI font for its labels, larger in presenter mode', () => {
    expect(option.textStyle).toEqual({ fontFamily: CHART_FONT, fontSize: 12 });
    const big = rowCountsOption({ leads: 1 }, 'light', true);
    expect(big.textStyle).toEqual({ fontFamily: CHART_FONT, fontSize: 16 });
    expect((big.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize).toBe(16);
  });

  it('is JSON-serialisable apart from label formatters', () => {
    expect(() => JSON.stringify(option)).not.toThrow();
  });

  it('names tables for people', () => {
    expect(tableLabel('leads')).toBe('Leads');
    expect(tableLabel('score_events')).toBe('score events');
  });
});

describe('formatCount', () => {
  it('shortens large numbers', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(9_999)).toBe('9,999');
    expect(formatCount(20_000)).toBe('20k');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(20_500_000)).toBe('20.5M');
    expect(formatCount(Number.NaN)).toBe('–');
  });
});

describe('ladderFunnelOption', () => {
  const steps = [
    { stage: 'Lead', count: 1000 },
    { stage: 'MQL', count: 200 },
    { stage: 'SAL', count: 120 },
    { stage: 'SQL', count: 0 },
    { stage: 'Opportunity', count: 0 },
  ];

  it('computes step-to-step rates, with none after an empty step', () => {
    expect(stepRates(steps)).toEqual([null, 0.2, 0.6, 0, null]);
  });

  it('keeps the ladder order and puts the rate in each label', () => {
    const series = ladderFunnelOption(steps, 'dark').series?.[0] as { sort: string; max: number; data: Array<{ name: string; value: number; label: { formatter: string } }> };
    expect(series.sort).toBe('none');
    expect(series.max).toBe(1000);
    expect(series.data.map((d) => d.name)).toEqual(['Lead', 'MQL', 'SAL', 'SQL', 'Opportunity']);
    expect(series.data[1]?.label.formatter).toBe('MQL  200  (20%)');
    expect(series.data[0]?.label.formatter).toBe('Lead  1000');
  });
});
