// The Compare screen's chart: each scenario's forecast change against the
// policy in force, one bar per scenario per metric. Rates and volumes are two
// charts because their units differ (percentage points vs percent change).
// Scenario names reach the canvas as text and tooltips through tooltipHtml.
import type { Theme } from '../store/ui-slice';
import { COMPARE_METRICS, formatDelta, formatInterval, formatMetric, metricDelta, type CompareColumn, type CompareMetricSpec } from './compare-metrics';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';
import { indexedTooltip, type TooltipRow } from './tooltip';

export type DeltaGroup = 'rates' | 'volume';

export const DELTA_GROUPS: Readonly<Record<DeltaGroup, { readonly title: string; readonly unit: string; readonly metrics: readonly CompareMetricSpec[] }>> = {
  rates: {
    title: 'Rates: change in percentage points',
    unit: 'pp',
    metrics: COMPARE_METRICS.filter((m) => m.kind === 'rate'),
  },
  volume: {
    title: 'Volume and value: change in percent',
    unit: '%',
    metrics: COMPARE_METRICS.filter((m) => m.kind === 'count' || m.kind === 'amount'),
  },
};

/** Rounded for the bar (one decimal); the tooltip and table carry the exact formatting. */
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

export function deltaChartOption(columns: readonly CompareColumn[], baseline: CompareColumn, group: DeltaGroup, theme: Theme, presenter = false): ChartOption {
  const p = PALETTES[theme];
  const size = chartFontSize(presenter);
  const { metrics, unit } = DELTA_GROUPS[group];
  const colors = columns.map((_, i) => p.series[i % p.series.length] ?? p.text);
  const deltas = columns.map((col) => metrics.map((spec) => metricDelta(spec.kind, col.result.metrics[spec.name].forecast, baseline.result.metrics[spec.name].forecast)));
  return {
    textStyle: { fontFamily: CHART_FONT, fontSize: size },
    animationDuration: 350,
    animationDurationUpdate: 300,
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: p.muted, fontSize: size } },
    // Room for the legend: long scenario names wrap, so allow a line per name in presenter mode and per two otherwise.
    grid: { left: 4, right: 24, top: 8 + Math.ceil(columns.length / (presenter ? 1 : 2)) * (size + 12), bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const spec = metrics[i];
      if (!spec) return null;
      const rows: TooltipRow[] = [{ label: 'Policy in force', value: formatMetric(spec.kind, baseline.result.metrics[spec.name].forecast) }];
      columns.forEach((col, c) => {
        const m = col.result.metrics[spec.name];
        rows.push({ label: col.label, value: `${formatDelta(deltas[c]?.[i] ?? null)} → ${formatMetric(spec.kind, m.forecast)} (90%: ${formatInterval(spec.kind, m)})`, color: colors[c] ?? p.text });
      });
      return { title: spec.label, rows };
    }),
    // Metrics read top to bottom in table order: the category axis is inverted.
    yAxis: {
      type: 'category',
      inverse: true,
      data: metrics.map((m) => m.label),
      axisLabel: { color: p.muted, fontSize: size },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    xAxis: {
      type: 'value',
      // The unit is in the chart's title; bare numbers keep the ticks apart at presenter sizes.
      axisLabel: { color: p.muted, fontSize: size, hideOverlap: true, formatter: unit === '%' ? '{value}%' : '{value}' },
      splitLine: { lineStyle: { color: p.grid } },
    },
    series: columns.map((col, c) => ({
      type: 'bar' as const,
      name: col.label,
      data: (deltas[c] ?? []).map((d) => (d ? round1(d.value) : null)),
      barMaxWidth: 16,
      itemStyle: { color: colors[c] ?? p.text, borderRadius: 3 },
      label: { show: true, position: 'right' as const, color: p.muted, fontSize: size - 1, formatter: (v: { value?: unknown }) => (typeof v.value === 'number' && v.value !== 0 ? `${v.value > 0 ? '+' : ''}${v.value}` : '') },
      // Zero is the policy in force: a line there makes "no change" visible.
      ...(c === 0 ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: p.muted, type: 'solid' as const, width: 1 }, data: [{ xAxis: 0 }] } } : {}),
    })),
  };
}

/** One sentence per group for screen readers and the figure's label. */
export function deltaSummary(columns: readonly CompareColumn[], baseline: CompareColumn, group: DeltaGroup): string {
  const { metrics } = DELTA_GROUPS[group];
  return columns
    .map((col) => `${col.label}: ${metrics.map((spec) => `${spec.label} ${formatDelta(metricDelta(spec.kind, col.result.metrics[spec.name].forecast, baseline.result.metrics[spec.name].forecast))}`).join(', ')}`)
    .join('; ');
}
