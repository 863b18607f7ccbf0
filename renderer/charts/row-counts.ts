// Rows per workspace table as a horizontal bar chart: the first picture of a
// freshly opened workspace (what is in it, and what is missing).
import type { Theme } from '../store/ui-slice';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES } from './palette';

/** Readable names for the canonical tables; unknown tables keep their own name. */
const TABLE_LABELS: Readonly<Record<string, string>> = {
  leads: 'Leads',
  activities: 'Activities',
  dispositions: 'Dispositions',
  handoffs: 'Handoffs',
  reps: 'Reps',
  accounts: 'Accounts',
  opportunities: 'Opportunities',
};

export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ?? table.replace(/_/g, ' ');
}

export function rowCountsOption(rowCounts: Readonly<Record<string, number>>, theme: Theme, presenter = false): ChartOption {
  const p = PALETTES[theme];
  // Largest at the top: ECharts draws category axes bottom-up, so sort ascending.
  const entries = Object.entries(rowCounts).sort((a, b) => a[1] - b[1] || b[0].localeCompare(a[0]));
  return {
    textStyle: { fontFamily: CHART_FONT, fontSize: chartFontSize(presenter) },
    animationDuration: 300,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, backgroundColor: p.tooltipBg, textStyle: { color: p.text } },
    xAxis: { type: 'value', axisLabel: { color: p.muted, fontSize: chartFontSize(presenter) }, splitLine: { lineStyle: { color: p.grid } } },
    yAxis: {
      type: 'category',
      data: entries.map(([table]) => tableLabel(table)),
      axisLabel: { color: p.text, fontSize: chartFontSize(presenter) },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'Rows',
        data: entries.map(([, n]) => n),
        barMaxWidth: presenter ? 26 : 18,
        itemStyle: { color: p.series[0], borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: p.muted, fontSize: chartFontSize(presenter), formatter: ({ value }) => formatCount(Number(value)) },
      },
    ],
  };
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (Math.abs(n) >= 10_000) return `${Math.round(n / 1000)}k`;
  return n.toLocaleString('en-US');
}
