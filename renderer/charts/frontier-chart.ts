// The threshold frontier: what every MQL threshold would have given, from the
// engine's sweep. Two panels share the threshold axis: volume (MQLs, and rep
// load per working day) above, quality (acceptance and opportunity rate)
// below; the policy in force and the proposed threshold are marked on both.
import type { EngineResults } from '../../engine/api/contract';
import type { Theme } from '../store/ui-slice';
import { formatInteger, formatPercent } from './format';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';
import { escapeHtml } from './format';

export type SweepResult = EngineResults['sweep'];
export type SweepPoint = SweepResult['points'][number];

const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatLoad(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${ONE_DECIMAL.format(v)} / day`;
}

/** The sweep point at (or nearest to) a threshold; null for an empty sweep. */
export function pointAt(points: readonly SweepPoint[], threshold: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const p of points) if (!best || Math.abs(p.threshold - threshold) < Math.abs(best.threshold - threshold)) best = p;
  return best;
}

function pct(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 10;
}

const thresholdLabel = (t: number) => ONE_DECIMAL.format(t).replace(/\.0$/, '');

export function frontierOption(result: SweepResult, theme: Theme, presenter = false): ChartOption {
  const p = PALETTES[theme];
  const size = chartFontSize(presenter);
  const pts = result.points;
  const colors = { mql: p.series[0], load: p.series[2], accept: p.series[1], opp: p.series[3] } as const;
  const marks = (withLabels: boolean) => ({
    silent: true,
    symbol: 'none',
    lineStyle: { width: 1.5 },
    label: { show: withLabels, color: p.text, fontSize: size - 1, position: 'end' as const },
    data: [
      { xAxis: result.baselineThreshold, name: 'In force', lineStyle: { color: p.muted, type: 'solid' as const }, label: { formatter: `In force ${thresholdLabel(result.baselineThreshold)}` } },
      ...(result.currentThreshold !== result.baselineThreshold
        ? [{ xAxis: result.currentThreshold, name: 'Proposed', lineStyle: { color: p.series[4], type: 'dashed' as const }, label: { formatter: `Proposed ${thresholdLabel(result.currentThreshold)}` } }]
        : []),
    ],
  });
  const axisCommon = { axisLabel: { color: p.muted, fontSize: size, hideOverlap: true }, splitLine: { lineStyle: { color: p.grid } }, axisLine: { lineStyle: { color: p.grid } } };
  const xMin = pts[0]?.threshold ?? 0;
  const xMax = pts.at(-1)?.threshold ?? 100;
  const line = (name: string, color: string, data: (number | null)[][], xAxisIndex: number, yAxisIndex: number, markLine?: ReturnType<typeof marks>, dashed = false) => ({
    type: 'line' as const,
    name,
    data,
    xAxisIndex,
    yAxisIndex,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: 2.5, color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    itemStyle: { color },
    ...(markLine ? { markLine } : {}),
  });
  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT, fontSize: size },
    animationDuration: 350,
    animationDurationUpdate: 300,
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: p.muted, fontSize: size } },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: p.tooltipBg,
      borderColor: p.grid,
      textStyle: { color: p.text },
      axisPointer: { type: 'line', link: [{ xAxisIndex: 'all' }] },
      formatter: (params: unknown): string => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: unknown } | undefined) : undefined;
        const pt = typeof first?.dataIndex === 'number' ? pts[first.dataIndex] : undefined;
        if (!pt) return '';
        const row = (label: string, value: string, color: string) =>
          `<div class="tt-row"><span class="tt-dot" style="background:${escapeHtml(color)}"></span><span class="tt-label">${escapeHtml(label)}</span><span class="tt-value">${escapeHtml(value)}</span></div>`;
        return (
          `<div class="tt-title">Threshold ${escapeHtml(thresholdLabel(pt.threshold))}</div>` +
          row('MQLs', formatInteger(pt.metrics.mql_count), colors.mql ?? p.text) +
          row('Rep load', formatLoad(pt.repLoadPerDay), colors.load ?? p.text) +
          row('Acceptance', formatPercent(pt.metrics.acceptance_rate), colors.accept ?? p.text) +
          row('Opportunity rate', formatPercent(pt.metrics.opportunity_rate), colors.opp ?? p.text)
        );
      },
    },
    xAxis: [
      { type: 'value', gridIndex: 0, min: xMin, max: xMax, ...axisCommon, axisLabel: { show: false }, splitLine: { show: false } },
      {
        type: 'value',
        gridIndex: 1,
        min: xMin,
        max: xMax,
        name: 'MQL threshold (score)',
        nameLocation: 'middle',
        nameGap: presenter ? 30 : 26,
        nameTextStyle: { color: p.muted, fontSize: size },
        ...axisCommon,
        splitLine: { show: false },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, min: 0, name: 'MQLs', nameTextStyle: { color: p.muted, fontSize: size, align: 'left' }, ...axisCommon, axisLabel: { color: p.muted, fontSize: size, formatter: (v: number) => formatInteger(v) } },
      { type: 'value', gridIndex: 0, min: 0, name: 'per rep / day', nameTextStyle: { color: p.muted, fontSize: size, align: 'right' }, ...axisCommon, splitLine: { show: false } },
      { type: 'value', gridIndex: 1, min: 0, max: 100, ...axisCommon, axisLabel: { color: p.muted, fontSize: size, formatter: '{value}%' } },
    ],
    series: [
      line('MQLs', colors.mql ?? p.text, pts.map((pt) => [pt.threshold, pt.metrics.mql_count]), 0, 0, marks(true)),
      // Dashed: rep load follows MQL volume closely, and two solid lines on top of each other would read as one.
      line('Rep load per day', colors.load ?? p.text, pts.map((pt) => [pt.threshold, Math.round(pt.repLoadPerDay * 100) / 100]), 0, 1, undefined, true),
      line('Acceptance rate', colors.accept ?? p.text, pts.map((pt) => [pt.threshold, pct(pt.metrics.acceptance_rate)]), 1, 2, marks(false)),
      line('Opportunity rate', colors.opp ?? p.text, pts.map((pt) => [pt.threshold, pct(pt.metrics.opportunity_rate)]), 1, 2),
    ],
  };
  // Two panels: ChartOption types grid as one, so the pair is added as the wider ECharts option.
  return Object.assign(option, {
    grid: [
      // Fixed margins, the same for both panels, so one threshold sits at the same x in each (label-fitting would shift them apart).
      { left: presenter ? 72 : 60, right: presenter ? 56 : 48, top: presenter ? 52 : 44, height: '34%', outerBoundsMode: 'none' },
      { left: presenter ? 72 : 60, right: presenter ? 56 : 48, bottom: presenter ? 44 : 38, height: '34%', outerBoundsMode: 'none' },
    ],
  });
}

export function frontierSummary(result: SweepResult): string {
  const at = (t: number) => pointAt(result.points, t);
  const b = at(result.baselineThreshold);
  const c = at(result.currentThreshold);
  const say = (label: string, pt: SweepPoint | null) =>
    pt ? `${label} threshold ${thresholdLabel(pt.threshold)}: ${formatInteger(pt.metrics.mql_count)} MQLs, acceptance ${formatPercent(pt.metrics.acceptance_rate)}, opportunity rate ${formatPercent(pt.metrics.opportunity_rate)}, ${formatLoad(pt.repLoadPerDay)} per rep` : '';
  return [`Thresholds ${thresholdLabel(result.points[0]?.threshold ?? 0)} to ${thresholdLabel(result.points.at(-1)?.threshold ?? 0)}`, say('In force', b), result.currentThreshold !== result.baselineThreshold ? say('Proposed', c) : '']
    .filter(Boolean)
    .join('. ');
}

export { thresholdLabel };
