// The reliability diagram: per score band, the rate the score predicts
// against the rate that happened. On the diagonal the score is honest; above
// it, leads do better than predicted; below, worse. Dot size is band size.
import type { Theme } from '../store/ui-slice';
import { formatInteger, formatPercent } from './format';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';
import { indexedTooltip } from './tooltip';
import type { HealthBand } from './trust-words';

function pct(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 10;
}

export function bandLabel(b: HealthBand): string {
  return `score ${Math.round(b.low)}–${Math.round(b.high)}`;
}

export function reliabilityOption(bands: readonly HealthBand[], outcomeLabel: string, theme: Theme, presenter = false): ChartOption {
  const p = PALETTES[theme];
  const size = chartFontSize(presenter);
  const shown = bands.filter((b) => b.count > 0 && b.predicted !== null && b.observed !== null);
  const maxCount = Math.max(1, ...shown.map((b) => b.count));
  const top = Math.min(100, Math.ceil(Math.max(10, ...shown.flatMap((b) => [pct(b.predicted) ?? 0, pct(b.observed) ?? 0])) / 10) * 10);
  const axis = (name: string, nameGap: number) => ({
    type: 'value' as const,
    min: 0,
    max: top,
    name,
    nameLocation: 'middle' as const,
    nameGap: presenter ? nameGap + 8 : nameGap,
    nameTextStyle: { color: p.muted, fontSize: size },
    axisLabel: { color: p.muted, fontSize: size, formatter: '{value}%' },
    splitLine: { lineStyle: { color: p.grid } },
    axisLine: { lineStyle: { color: p.grid } },
  });
  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT, fontSize: size },
    animationDuration: 350,
    grid: { left: presenter ? 72 : 60, right: 16, top: 16, bottom: presenter ? 52 : 44, outerBoundsMode: 'none' },
    tooltip: indexedTooltip(p, 'item', (i) => {
      const b = shown[i];
      if (!b) return null;
      return {
        title: bandLabel(b),
        rows: [
          { label: 'Leads', value: formatInteger(b.count) },
          { label: `Predicted ${outcomeLabel}`, value: formatPercent(b.predicted) },
          { label: `Observed ${outcomeLabel}`, value: formatPercent(b.observed) },
        ],
      };
    }),
    xAxis: axis('Predicted by the score', 28),
    yAxis: axis('What happened', 42),
  };
  // ChartOption's series list is typed for bar, line and funnel; the scatter goes in as the wider ECharts option.
  return Object.assign(option, {
    series: [
      {
        type: 'scatter',
        name: 'Score bands',
        data: shown.map((b) => [pct(b.predicted), pct(b.observed)]),
        symbolSize: (_v: unknown, params: { dataIndex: number }) => 8 + 18 * Math.sqrt((shown[params.dataIndex]?.count ?? 0) / maxCount),
        itemStyle: { color: p.series[0], opacity: 0.85, borderColor: p.tooltipBg, borderWidth: 1 },
        // The diagonal: a perfectly calibrated score lies on it.
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.muted, type: 'dashed', width: 1 },
          label: { show: true, formatter: 'predicted = observed', color: p.muted, fontSize: size - 2, position: 'insideStartTop' },
          data: [[{ coord: [0, 0] }, { coord: [top, top] }]],
        },
      },
    ],
  });
}

export function reliabilitySummary(bands: readonly HealthBand[], outcomeLabel: string): string {
  return bands
    .filter((b) => b.count > 0)
    .map((b) => `${bandLabel(b)}: predicted ${formatPercent(b.predicted)}, observed ${formatPercent(b.observed)} ${outcomeLabel} over ${formatInteger(b.count)} leads`)
    .join('; ');
}
