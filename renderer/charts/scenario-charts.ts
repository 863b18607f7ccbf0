// Option builders for the Scenario editor: pure functions from a forecast to
// ECharts options, tested without a DOM. Two pictures people would rather look
// at than read: how each rate moves (with its 90% interval as a whisker) and
// where the MQL volume goes by tier.
import type { Theme } from '../store/ui-slice';
import { formatInteger } from './format';
import { STATUS_COLORS } from './health-charts';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';
import { formatDelta, formatMetric, METRIC_LABELS, type ForecastResult, type MetricDelta, type Verdict } from './scenario-deltas';
import { indexedTooltip, type TooltipRow } from './tooltip';

function base(theme: Theme, presenter: boolean) {
  const p = PALETTES[theme];
  const size = chartFontSize(presenter);
  // Short update animations: a slider move should read as motion, never as lag.
  return { p, size, common: { textStyle: { fontFamily: CHART_FONT, fontSize: size }, animationDuration: 250, animationDurationUpdate: 220 } };
}

export function verdictColor(theme: Theme, verdict: Verdict): string {
  const s = STATUS_COLORS[theme];
  return verdict === 'better' ? s.good : verdict === 'worse' ? s.bad : PALETTES[theme].series[0]!;
}

/** A symmetric axis around zero with a round step: ±1, ±2, ±5, ±10 … percentage points. */
export function symmetricAxis(spread: number): { bound: number; step: number } {
  const target = Math.max(0.5, spread * 1.15);
  for (const bound of [0.5, 1, 2, 3, 4, 5, 8, 10, 15, 20, 30, 40, 50, 60, 80, 100]) {
    if (bound >= target) return { bound, step: bound / 2 };
  }
  return { bound: 100, step: 50 };
}

/** Percentage points, one decimal: 0.0123 -> 1.2. */
const pp = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);

/**
 * Rates only (all in percentage points, so the bars share one axis). Bars:
 * scenario minus baseline; whiskers: the 90% interval of that change, when the
 * interval runs are in.
 */
export function rateDeltaOption(deltas: readonly MetricDelta[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  // ECharts draws a category axis bottom-up: reverse so the first metric is on top.
  const rows = [...deltas].filter((d) => d.kind === 'rate').reverse();
  const spread = Math.max(...rows.flatMap((d) => [d.delta, d.deltaLow, d.deltaHigh].map((x) => Math.abs(pp(x) ?? 0))));
  const { bound, step } = symmetricAxis(spread);
  const whiskers: Array<[{ coord: [number, number] }, { coord: [number, number] }]> = [];
  rows.forEach((d, i) => {
    const lo = pp(d.deltaLow);
    const hi = pp(d.deltaHigh);
    if (lo !== null && hi !== null) whiskers.push([{ coord: [lo, i] }, { coord: [hi, i] }]);
  });
  return {
    ...common,
    grid: { left: 4, right: 16, top: 8, bottom: 4, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const d = rows[i];
      if (!d) return null;
      const out: TooltipRow[] = [
        { label: 'Policy in force', value: formatMetric(d.kind, d.baseline) },
        { label: 'History', value: formatMetric(d.kind, d.history) },
        { label: 'Scenario', value: formatMetric(d.kind, d.forecast) },
        { label: 'Change', value: formatDelta(d.kind, d.delta), color: verdictColor(theme, d.verdict) },
      ];
      if (d.deltaLow !== null && d.deltaHigh !== null) out.push({ label: '90% interval of the change', value: `${formatDelta(d.kind, d.deltaLow)} to ${formatDelta(d.kind, d.deltaHigh)}` });
      return { title: METRIC_LABELS[d.name], rows: out };
    }),
    xAxis: {
      type: 'value',
      min: -bound,
      max: bound,
      interval: step,
      axisLabel: { color: p.muted, fontSize: size, formatter: (v: number) => `${v > 0 ? '+' : ''}${v} pp` },
      splitLine: { lineStyle: { color: p.grid } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((d) => METRIC_LABELS[d.name]),
      axisLabel: {
        color: p.text,
        fontSize: size,
        lineHeight: size + 4,
        // The change is written beside its name, where no whisker can cross it.
        formatter: (_: string, i: number) => {
          const d = rows[i];
          return d ? `{name|${METRIC_LABELS[d.name]}}\n{${d.verdict}|${formatDelta('rate', d.delta)}}` : '';
        },
        rich: {
          name: { color: p.text, fontSize: size, align: 'right' },
          better: { color: verdictColor(theme, 'better'), fontSize: size, fontWeight: 700, align: 'right' },
          worse: { color: verdictColor(theme, 'worse'), fontSize: size, fontWeight: 700, align: 'right' },
          same: { color: p.muted, fontSize: size, fontWeight: 700, align: 'right' },
          neutral: { color: verdictColor(theme, 'neutral'), fontSize: size, fontWeight: 700, align: 'right' },
        },
      },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'Change against baseline',
        barMaxWidth: presenter ? 26 : 18,
        data: rows.map((d) => ({ value: pp(d.delta), itemStyle: { color: verdictColor(theme, d.verdict), borderRadius: 3 } })),
        markLine: {
          silent: true,
          animation: false,
          symbol: ['none', 'none'],
          label: { show: false },
          lineStyle: { color: p.text, width: 1.5, type: 'solid', opacity: 0.75 },
          // The zero line first: "no change" is the reference every bar is read against.
          data: [{ xAxis: 0, lineStyle: { color: p.muted, width: 1, type: 'dashed' } }, ...whiskers],
        },
      },
    ],
  };
}

export interface TierVolume {
  readonly tier: string;
  readonly baseline: number | null;
  readonly scenario: number | null;
}

/** MQLs per tier, baseline (history) against scenario, in the scenario's tier order. */
export function tierVolumes(result: ForecastResult, tierOrder: readonly string[]): TierVolume[] {
  const order = new Map(tierOrder.map((t, i) => [t, i]));
  return [...result.segments.tier]
    .sort((a, b) => (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99) || a.key.localeCompare(b.key))
    .map((s) => ({ tier: s.key, baseline: s.metrics.mql_count.observed, scenario: s.metrics.mql_count.forecast }));
}

export function tierVolumeOption(rows: readonly TierVolume[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const colors = [p.muted, p.series[0]!] as const;
  const count = (v: { value?: unknown }) => (typeof v.value === 'number' ? formatInteger(v.value) : '');
  return {
    ...common,
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: p.muted, fontSize: size } },
    grid: { left: 4, right: 8, top: presenter ? 44 : 36, bottom: 4, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const r = rows[i];
      if (!r) return null;
      const change = r.baseline !== null && r.scenario !== null ? formatDelta('count', r.scenario - r.baseline) : '–';
      return {
        title: `Tier ${r.tier}`,
        rows: [
          { label: 'Baseline MQLs', value: formatInteger(r.baseline), color: colors[0] },
          { label: 'Scenario MQLs', value: formatInteger(r.scenario === null ? null : Math.round(r.scenario)), color: colors[1] },
          { label: 'Change', value: change },
        ],
      };
    }),
    xAxis: {
      type: 'category',
      data: rows.map((r) => `Tier ${r.tier}`),
      axisLabel: { color: p.muted, fontSize: size, interval: 0 },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', min: 0, axisLabel: { color: p.muted, fontSize: size, formatter: (v: number) => formatInteger(v) }, splitLine: { lineStyle: { color: p.grid } } },
    series: [
      {
        type: 'bar',
        name: 'Baseline',
        barMaxWidth: 34,
        itemStyle: { color: colors[0], opacity: 0.55, borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: p.muted, fontSize: size - 1, formatter: count },
        data: rows.map((r) => r.baseline),
      },
      {
        type: 'bar',
        name: 'Scenario',
        barMaxWidth: 34,
        itemStyle: { color: colors[1], borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: p.text, fontSize: size - 1, formatter: count },
        data: rows.map((r) => (r.scenario === null ? null : Math.round(r.scenario))),
      },
    ],
  };
}
