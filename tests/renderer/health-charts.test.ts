// The health screen's option builders, formatting and targets: plain data,
// tested without a DOM. Real values from the fixture must land in the series.
import { describe, expect, it } from 'vitest';
import { escapeHtml, formatAmount, formatHours, formatInteger, formatPercent, formatWeek, humanize } from '../../renderer/charts/format';
import {
  contactHistogramOption,
  funnelSteps,
  handoffFunnelOption,
  pct,
  rejectionBySourceOption,
  repLoadOption,
  scoreBandOption,
  sortScoreBands,
  tierOption,
  weeklyTrendOption,
} from '../../renderer/charts/health-charts';
import { metricStatus, TARGETS } from '../../renderer/charts/health-status';
import type { ChartOption } from '../../renderer/charts/option-types';
import { CHART_FONT, PALETTES } from '../../renderer/charts/palette';
import { EVIL, healthMetrics, histogram } from './health-fixture';

type AnySeries = { name?: string; type?: string; data?: unknown[]; stack?: string; yAxisIndex?: number; markLine?: { data: { yAxis: number }[] } };
const series = (o: ChartOption) => (o.series ?? []) as AnySeries[];
const xData = (o: ChartOption) => (o.xAxis as { data: string[] }).data;
const values = (s: AnySeries | undefined) => (s?.data ?? []).map((d) => (d !== null && typeof d === 'object' && 'value' in d ? (d as { value: unknown }).value : d));
const tooltip = (o: ChartOption, index: number): string => {
  const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
  return formatter([{ dataIndex: index }]);
};

const m = healthMetrics();

describe('number formats', () => {
  it('percent and hours with one decimal, counts with thousands separators', () => {
    expect(formatPercent(0.66787)).toBe('66.8%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('–');
    expect(formatHours(3.41472)).toBe('3.4 h');
    expect(formatHours(48.0)).toBe('48.0 h');
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatAmount(47_271_000)).toBe('$47.3M');
    expect(formatAmount(8500)).toBe('$8,500');
    expect(formatWeek('2025-01-06')).toBe('Jan 6');
    expect(humanize('content_syndication')).toBe('content syndication');
    expect(humanize('(none)')).toBe('(none)');
  });

  it('escapes every character that could open HTML', () => {
    expect(escapeHtml(EVIL)).toBe('&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;');
    expect(escapeHtml(`a&b'c\``)).toBe('a&#38;b&#39;c&#96;');
  });
});

describe('targets', () => {
  it('rates the four headline metrics green, amber or red against the field targets', () => {
    expect([0.6, 0.48, 0.8].map((v) => metricStatus('acceptance_rate', v))).toEqual(['good', 'watch', 'bad']);
    expect(metricStatus('acceptance_rate', 0.72)).toBe('watch');
    expect([0.9, 0.8, 0.7].map((v) => metricStatus('sla_compliance_rate', v))).toEqual(['good', 'watch', 'bad']);
    expect(metricStatus('sla_compliance_rate', 0.85)).toBe('watch'); // "> 85%": 85.0 is not above
    expect([0.05, 0.12, 0.2].map((v) => metricStatus('black_hole_rate', v))).toEqual(['good', 'watch', 'bad']);
    expect([3.9, 4, 9].map((v) => metricStatus('median_hours_to_first_contact', v))).toEqual(['good', 'watch', 'bad']);
    expect(metricStatus('sql_rate', 0.1)).toBeNull();
    expect(metricStatus('acceptance_rate', null)).toBeNull();
    expect(TARGETS.median_hours_to_first_contact?.label).toBe('Target < 4 h');
  });
});

describe('funnel', () => {
  it('takes MQL, accepted, SQL, opportunity and won counts from the metrics', () => {
    const steps = funnelSteps(m.metrics);
    expect(steps.map((s) => [s.stage, s.count])).toEqual([
      ['MQL', 1200],
      ['Accepted (SAL)', 732],
      ['SQL', 330],
      ['Opportunity', 210],
      ['Won', 61],
    ]);
    const o = handoffFunnelOption(steps, 'light');
    expect(values(series(o)[0])).toEqual([1200, 732, 330, 210, 61]);
    const label = (series(o)[0]?.data?.[1] as { label: { formatter: string } }).label.formatter;
    expect(label).toContain('732');
    expect(label).toContain('61.0% of MQL');
    expect(tooltip(o, 2)).toContain('45.1%'); // 330 of 732 accepted
  });
});

describe('score bands', () => {
  it('orders bands by score with "(no score)" last and draws acceptance bars and an opportunity line in percent', () => {
    expect(sortScoreBands(m.segments.score_band).map((e) => e.key)).toEqual(['50-59', '90-99', '(no score)']);
    const o = scoreBandOption(m.segments.score_band, 'dark');
    expect(xData(o)).toEqual(['50-59', '90-99', '(no score)']);
    const [bars, line] = series(o);
    expect(bars?.type).toBe('bar');
    expect(values(bars)).toEqual([50, 90, 10]);
    expect(line?.type).toBe('line');
    expect(values(line)?.slice(0, 2)).toEqual([10, 40]);
    expect(tooltip(o, 1)).toContain('90.0% (9 of 10)');
  });
});

describe('weekly trend', () => {
  it('sorts weeks, puts volume on bars and acceptance/SLA on the percent axis, with gaps for undefined rates', () => {
    const o = weeklyTrendOption(m.segments.week, 'light');
    expect(xData(o)).toEqual(['Jan 6', 'Jan 13']);
    const [vol, acc, sla] = series(o);
    expect(values(vol)).toEqual([33, 44]);
    expect(values(acc)).toEqual([75, 12.5]);
    expect(acc?.yAxisIndex).toBe(1);
    expect(values(sla)?.[0]).toBeNull();
    expect(pct(null)).toBeNull();
  });
});

describe('rep load', () => {
  it('puts the busiest rep first with its SLA compliance and the 85% target line', () => {
    const o = repLoadOption(m.segments.rep, 'light', true);
    expect(xData(o)).toEqual(['R1', 'R2']);
    expect(values(series(o)[0])).toEqual([120, 80]);
    expect(values(series(o)[1])).toEqual([90, 70]);
    expect(series(o)[1]?.markLine?.data[0]?.yAxis).toBe(85);
    expect(o.textStyle).toEqual({ fontFamily: CHART_FONT, fontSize: 16 });
  });
});

describe('tiers', () => {
  it('orders tiers as the policy lists them and names each one with its SLA', () => {
    const o = tierOption(m.segments.tier, m.policy.tiers, 'light');
    expect(xData(o)).toEqual(['Tier A · 1 h SLA', 'Tier C · 24 h SLA']);
    expect(values(series(o)[0])).toEqual([25, 90]);
    expect(values(series(o)[1])).toEqual([5, 30]);
    expect(series(o)[1]?.markLine?.data[0]?.yAxis).toBe(10);
  });
});

describe('rejection reasons by source', () => {
  it('stacks one series per reason over sources sorted by rejections', () => {
    const o = rejectionBySourceOption(m.rejection_reasons.by_source, 'light');
    // Axis labels and legend are drawn on canvas (text, not HTML), so the name shows as typed, underscores as spaces.
    expect(xData(o)).toEqual([humanize(EVIL), 'organic']);
    const s = series(o);
    expect(s.map((x) => x.name)).toEqual(['no budget', 'not ICP', humanize(EVIL)]);
    expect(s.every((x) => x.stack === 'reasons')).toBe(true);
    expect(values(s[0])).toEqual([150, 40]);
    expect(values(s[1])).toEqual([0, 60]);
  });

  it('escapes source and reason names in its HTML tooltip', () => {
    const html = tooltip(rejectionBySourceOption(m.rejection_reasons.by_source, 'light'), 0);
    expect(html).toContain('150 (75.0%)');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=&#34;window.  xss=1&#34;&#62;: 200 rejected');
  });
});

describe('time to first contact', () => {
  it('draws the bins with their counts, hiding an empty "before MQL" bin', () => {
    const o = contactHistogramOption(histogram(), 'light');
    expect(xData(o)).toEqual(['< 5\nmin', '5–30\nmin', '1–4\nh', '8–24\nh', '3+\ndays']);
    expect(values(series(o)[0])).toEqual([7, 11, 13, 17, 19]);
    expect(tooltip(o, 4)).toContain('28.4%'); // 19 of 67 contacted
    const withBefore = histogram({ bins: [{ key: 'before', label: 'Before MQL', min_hours: null, max_hours: 0, count: 2 }] });
    expect(values(series(contactHistogramOption(withBefore, 'dark'))[0])).toEqual([2]);
  });

  it('uses the theme palette', () => {
    const light = contactHistogramOption(histogram(), 'light');
    const dark = contactHistogramOption(histogram(), 'dark');
    expect((light.tooltip as { backgroundColor: string }).backgroundColor).toBe(PALETTES.light.tooltipBg);
    expect((dark.tooltip as { backgroundColor: string }).backgroundColor).toBe(PALETTES.dark.tooltipBg);
  });
});

describe('every health tooltip escapes data', () => {
  it('never lets a name through as HTML', () => {
    const options = [
      scoreBandOption([{ key: EVIL, metrics: m.metrics }], 'light'),
      weeklyTrendOption([{ key: EVIL, metrics: m.metrics }], 'light'),
      repLoadOption([{ key: EVIL, metrics: m.metrics }], 'light'),
      tierOption([{ key: EVIL, metrics: m.metrics }], [], 'light'),
    ];
    for (const o of options) {
      const html = tooltip(o, 0);
      expect(html.length).toBeGreaterThan(0);
      expect(html).not.toMatch(/<img/);
    }
  });
});
