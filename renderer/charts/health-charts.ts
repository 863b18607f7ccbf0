// Option builders for the Handoff health screen: pure functions from the
// engine's metrics to ECharts options, tested without a DOM. Rates are drawn
// in percent (one decimal in tooltips); a null rate (no mature MQLs) is a gap,
// never a zero.
import type { Theme } from '../store/ui-slice';
import { formatHours, formatInteger, formatPercent, formatWeek, humanize } from './format';
import type { ContactHistogram, MetricSet, RejectionMix, SegmentEntry } from './health-types';
import type { ChartOption } from './option-types';
import { CHART_FONT, chartFontSize, PALETTES, type ChartPalette } from './palette';
import { indexedTooltip, type TooltipRow } from './tooltip';

/** Status colours for charts, matching the card colours in styles.css. */
/** Funnel stages from strong to light; shades rather than opacity, which would fade the labels too. */
const FUNNEL_SHADES: Readonly<Record<Theme, readonly string[]>> = {
  light: ['#3b5bdb', '#4c6ef5', '#5c7cfa', '#748ffc', '#91a7ff'],
  dark: ['#91a7ff', '#748ffc', '#5c7cfa', '#4c6ef5', '#4263eb'],
};

export const STATUS_COLORS: Readonly<Record<Theme, { good: string; watch: string; bad: string }>> = {
  light: { good: '#0ca678', watch: '#f08c00', bad: '#e03131' },
  dark: { good: '#38d9a9', watch: '#ffc078', bad: '#ff8787' },
};

/** 0.6679 -> 66.8 (percent, one decimal), null stays null so the chart shows a gap. */
export function pct(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10;
}

function base(theme: Theme, presenter: boolean) {
  const p = PALETTES[theme];
  const size = chartFontSize(presenter);
  return {
    p,
    size,
    common: {
      textStyle: { fontFamily: CHART_FONT, fontSize: size },
      animationDuration: 350,
      animationDurationUpdate: 300,
    },
  };
}

function legend(p: ChartPalette, size: number) {
  return { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: p.muted, fontSize: size } };
}

function grid(presenter: boolean, top = 36) {
  // outerBounds 'same' + 'axisLabel' is ECharts 6's containLabel: labels stay inside the card.
  return { left: 4, right: 8, top: presenter ? top + 8 : top, bottom: 4, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const };
}

function categoryAxis(p: ChartPalette, size: number, data: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'category' as const,
    data,
    axisLabel: { color: p.muted, fontSize: size, hideOverlap: true },
    axisLine: { lineStyle: { color: p.grid } },
    axisTick: { show: false },
    ...extra,
  };
}

function valueAxis(p: ChartPalette, size: number, kind: 'count' | 'percent', extra: Record<string, unknown> = {}) {
  return {
    type: 'value' as const,
    min: 0,
    ...(kind === 'percent' ? { max: 100 } : {}),
    axisLabel: { color: p.muted, fontSize: size, formatter: kind === 'percent' ? '{value}%' : (v: number) => formatInteger(v) },
    splitLine: { lineStyle: { color: p.grid } },
    ...extra,
  };
}

function rateRow(label: string, rate: { observed: number | null; numerator?: number; denominator?: number }, color?: string): TooltipRow {
  const basis = rate.denominator !== undefined ? ` (${formatInteger(rate.numerator ?? 0)} of ${formatInteger(rate.denominator)})` : '';
  return { label, value: `${formatPercent(rate.observed)}${basis}`, ...(color ? { color } : {}) };
}

// ---- Qualification funnel ---------------------------------------------------

export interface FunnelStep {
  readonly stage: string;
  readonly count: number;
  /** What the count is, in plain words, for the tooltip. */
  readonly note: string;
}

/**
 * MQL -> accepted (SAL) -> SQL -> opportunity -> won from the overall metrics.
 * SQL and opportunity count MQLs whose 90 days have closed (censored ones are
 * left out, as in their rates), so the funnel never shows an immature drop.
 */
export function funnelSteps(m: MetricSet): FunnelStep[] {
  return [
    { stage: 'MQL', count: m.mql_count.observed ?? 0, note: 'MQL conversions in the window' },
    { stage: 'Accepted (SAL)', count: m.acceptance_rate.numerator ?? 0, note: 'accepted by sales' },
    { stage: 'SQL', count: m.sql_rate.numerator ?? 0, note: 'SQL within 90 days (mature MQLs)' },
    { stage: 'Opportunity', count: m.opportunity_rate.numerator ?? 0, note: 'opportunity within 90 days (mature MQLs)' },
    { stage: 'Won', count: m.won_count.observed ?? 0, note: 'won deals' },
  ];
}

export function handoffFunnelOption(steps: readonly FunnelStep[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const top = steps[0]?.count ?? 0;
  const max = Math.max(1, ...steps.map((s) => s.count));
  return {
    ...common,
    tooltip: indexedTooltip(p, 'item', (i) => {
      const s = steps[i];
      if (!s) return null;
      const prev = steps[i - 1];
      const rows: TooltipRow[] = [{ label: s.note, value: formatInteger(s.count) }];
      if (prev && prev.count > 0) rows.push({ label: `of ${prev.stage}`, value: formatPercent(s.count / prev.count) });
      if (i > 1 && top > 0) rows.push({ label: 'of MQLs', value: formatPercent(s.count / top) });
      return { title: s.stage, rows };
    }),
    series: [
      {
        type: 'funnel',
        name: 'Qualification funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '8%',
        gap: 3,
        left: 8,
        top: 8,
        bottom: 8,
        // Labels beside the funnel, not inside: the narrow stages (opportunity, won) cannot hold them.
        width: '52%',
        label: { position: 'right', color: p.text, fontSize: size, lineHeight: size + 6 },
        labelLine: { show: true, length: 14, lineStyle: { color: p.grid, width: 1 } },
        itemStyle: { borderWidth: 0 },
        data: steps.map((s, i) => {
          const prev = steps[i - 1];
          // The step rate is what a review argues about ("only 40% of accepted MQLs became SQLs").
          const step = !prev ? '{rate|handed to sales}' : prev.count > 0 ? `{rate|${formatPercent(s.count / prev.count)} of ${prev.stage.replace(/ \(SAL\)$/, '')}}` : '{rate|–}';
          return {
            name: s.stage,
            value: s.count,
            itemStyle: { color: FUNNEL_SHADES[theme][Math.min(i, FUNNEL_SHADES[theme].length - 1)] },
            label: {
              // Rich text on canvas (no HTML); stage names are our constants.
              formatter: `{stage|${s.stage}}  {count|${formatInteger(s.count)}}\n${step}`,
              rich: {
                stage: { color: p.muted, fontSize: size },
                count: { color: p.text, fontSize: size + 2, fontWeight: 700 },
                rate: { color: p.muted, fontSize: size - 1 },
              },
            },
          };
        }),
      },
    ],
  };
}

// ---- Score bands ------------------------------------------------------------

/** "10-19" sorts by its lower bound; "(no score)" goes last. */
export function sortScoreBands(entries: readonly SegmentEntry[]): SegmentEntry[] {
  const low = (k: string) => {
    const n = Number.parseFloat(k);
    return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
  };
  return [...entries].sort((a, b) => low(a.key) - low(b.key));
}

export function scoreBandOption(entries: readonly SegmentEntry[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const rows = sortScoreBands(entries);
  const colors = [p.series[0], p.series[2]] as const;
  return {
    ...common,
    legend: legend(p, size),
    grid: grid(presenter),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const e = rows[i];
      if (!e) return null;
      return {
        title: `Score ${e.key}`,
        rows: [
          { label: 'MQLs', value: formatInteger(e.metrics.mql_count.observed) },
          rateRow('Acceptance', e.metrics.acceptance_rate, colors[0]),
          rateRow('Opportunity', e.metrics.opportunity_rate, colors[1]),
        ],
      };
    }),
    xAxis: categoryAxis(p, size, rows.map((e) => e.key), { name: 'Score at MQL', nameLocation: 'middle', nameGap: presenter ? 34 : 28, nameTextStyle: { color: p.muted, fontSize: size } }),
    yAxis: valueAxis(p, size, 'percent'),
    series: [
      {
        type: 'bar',
        name: 'Acceptance rate',
        data: rows.map((e) => pct(e.metrics.acceptance_rate.observed)),
        barMaxWidth: 34,
        itemStyle: { color: colors[0], borderRadius: [4, 4, 0, 0] },
      },
      {
        type: 'line',
        name: 'Opportunity rate',
        data: rows.map((e) => pct(e.metrics.opportunity_rate.observed)),
        symbolSize: presenter ? 9 : 7,
        lineStyle: { width: 2.5, color: colors[1] },
        itemStyle: { color: colors[1] },
        connectNulls: false,
      },
    ],
  };
}

// ---- Weekly trend -------------------------------------------------------------

export function weeklyTrendOption(entries: readonly SegmentEntry[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const rows = [...entries].sort((a, b) => a.key.localeCompare(b.key));
  const colors = [p.series[5], p.series[0], p.series[1]] as const;
  return {
    ...common,
    legend: legend(p, size),
    grid: grid(presenter, 52),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const e = rows[i];
      if (!e) return null;
      return {
        title: `Week of ${formatWeek(e.key)}, ${e.key.slice(0, 4)}`,
        rows: [
          { label: 'MQLs', value: formatInteger(e.metrics.mql_count.observed), color: colors[0] },
          rateRow('Acceptance', e.metrics.acceptance_rate, colors[1]),
          rateRow('SLA compliance', e.metrics.sla_compliance_rate, colors[2]),
        ],
      };
    }),
    xAxis: categoryAxis(p, size, rows.map((e) => formatWeek(e.key))),
    yAxis: [valueAxis(p, size, 'count', { name: 'MQLs', nameTextStyle: { color: p.muted, fontSize: size, align: 'left' } }), valueAxis(p, size, 'percent', { splitLine: { show: false } })],
    series: [
      {
        type: 'bar',
        name: 'MQLs',
        data: rows.map((e) => e.metrics.mql_count.observed ?? 0),
        barMaxWidth: 18,
        itemStyle: { color: colors[0], opacity: 0.45, borderRadius: [3, 3, 0, 0] },
      },
      trendLine('Acceptance rate', rows.map((e) => pct(e.metrics.acceptance_rate.observed)), colors[1]),
      trendLine('SLA compliance', rows.map((e) => pct(e.metrics.sla_compliance_rate.observed)), colors[2]),
    ],
  };
}

// ---- Rep load -------------------------------------------------------------------

/** MQLs per rep (bars) against each rep's SLA compliance (dots), the 85% target as a line. */
export function repLoadOption(entries: readonly SegmentEntry[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const s = STATUS_COLORS[theme];
  // Busiest first: load is the question this chart answers.
  const rows = [...entries].sort((a, b) => (b.metrics.mql_count.observed ?? 0) - (a.metrics.mql_count.observed ?? 0) || a.key.localeCompare(b.key));
  const colors = [p.series[4], s.good] as const;
  return {
    ...common,
    legend: legend(p, size),
    grid: grid(presenter),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const e = rows[i];
      if (!e) return null;
      return {
        title: `Rep ${e.key}`,
        rows: [
          { label: 'MQLs', value: formatInteger(e.metrics.mql_count.observed), color: colors[0] },
          rateRow('SLA compliance', e.metrics.sla_compliance_rate, colors[1]),
          rateRow('Acceptance', e.metrics.acceptance_rate),
          { label: 'Median first contact', value: formatHours(e.metrics.median_hours_to_first_contact.observed) },
        ],
      };
    }),
    xAxis: categoryAxis(p, size, rows.map((e) => e.key), { axisLabel: { color: p.muted, fontSize: size, hideOverlap: true, interval: 0, rotate: rows.length > 12 ? 40 : 0 } }),
    yAxis: [valueAxis(p, size, 'count'), valueAxis(p, size, 'percent', { splitLine: { show: false } })],
    series: [
      {
        type: 'bar',
        name: 'MQLs',
        data: rows.map((e) => e.metrics.mql_count.observed ?? 0),
        barMaxWidth: 30,
        itemStyle: { color: colors[0], opacity: 0.75, borderRadius: [4, 4, 0, 0] },
      },
      {
        type: 'line',
        name: 'SLA compliance',
        yAxisIndex: 1,
        data: rows.map((e) => pct(e.metrics.sla_compliance_rate.observed)),
        lineStyle: { width: 0 },
        symbol: 'circle',
        symbolSize: presenter ? 12 : 10,
        itemStyle: { color: colors[1], borderColor: p.tooltipBg, borderWidth: 2 },
        markLine: targetLine(85, 'SLA target 85%', s.good, size),
      },
    ],
  };
}

/** One smoothed rate line on the right-hand (percent) axis of a count-and-rate chart. */
function trendLine(name: string, data: (number | null)[], color: string) {
  return { type: 'line' as const, name, yAxisIndex: 1, data, showSymbol: false, smooth: 0.2, lineStyle: { width: 2.5, color }, itemStyle: { color } };
}

/** Rate bars (percent) with their value on top and a target line. */
function labelledRateBars(name: string, data: (number | null)[], color: string, target: ReturnType<typeof targetLine>, textColor: string, size: number) {
  return {
    type: 'bar' as const,
    name,
    data,
    barMaxWidth: 36,
    itemStyle: { color, borderRadius: [4, 4, 0, 0] },
    label: { show: true, position: 'top' as const, color: textColor, fontSize: size - 1, formatter: (v: { value?: unknown }) => formatPercent(typeof v.value === 'number' ? v.value / 100 : null) },
    markLine: target,
  };
}

/** A dashed target line; label null where bar labels would collide with it (the chart's subtitle names it instead). */
function targetLine(value: number, label: string | null, color: string, size: number) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed' as const, color, width: 1.5, opacity: 0.8 },
    label: label === null ? { show: false } : { formatter: label, position: 'insideEndTop' as const, color, fontSize: size - 1 },
    data: [{ yAxis: value }],
  };
}

// ---- Rejection reasons by source --------------------------------------------------

/** Rejected MQLs per source, stacked by reason; sources with most rejections first. */
export function rejectionBySourceOption(bySource: readonly RejectionMix[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const sources = [...bySource].filter((m) => m.rejected > 0).sort((a, b) => b.rejected - a.rejected || a.source.localeCompare(b.source));
  const totals = new Map<string, number>();
  for (const m of sources) for (const r of m.reasons) totals.set(r.reason, (totals.get(r.reason) ?? 0) + r.count);
  const reasons = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const palette = [...p.series, p.muted, '#a9e34b', '#ff922b', '#845ef7'];
  const colorOf = (i: number) => palette[i % palette.length]!;
  return {
    ...common,
    legend: { ...legend(p, size), type: 'scroll' as const, right: 0, pageTextStyle: { color: p.muted } },
    grid: grid(presenter, 56),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const m = sources[i];
      if (!m) return null;
      return {
        title: `${humanize(m.source)}: ${formatInteger(m.rejected)} rejected`,
        rows: reasons
          .map((reason, k) => ({ reason, k, hit: m.reasons.find((r) => r.reason === reason) }))
          .filter((x) => x.hit && x.hit.count > 0)
          .map((x) => ({ label: humanize(x.reason), value: `${formatInteger(x.hit!.count)} (${formatPercent(x.hit!.share)})`, color: colorOf(x.k) })),
      };
    }),
    xAxis: categoryAxis(p, size, sources.map((m) => humanize(m.source)), {
      axisLabel: { color: p.muted, fontSize: size, interval: 0, rotate: sources.length > 12 ? 30 : 0, width: 92, overflow: sources.length > 12 ? 'truncate' : 'break', lineHeight: size + 3 },
    }),
    yAxis: valueAxis(p, size, 'count', { name: 'Rejected MQLs', nameTextStyle: { color: p.muted, fontSize: size, align: 'left' } }),
    series: reasons.map((reason, k) => ({
      type: 'bar' as const,
      name: humanize(reason),
      stack: 'reasons',
      barMaxWidth: 44,
      emphasis: { focus: 'series' as const },
      itemStyle: { color: colorOf(k) },
      data: sources.map((m) => m.reasons.find((r) => r.reason === reason)?.count ?? 0),
    })),
  };
}

// ---- Tiers ----------------------------------------------------------------------

export interface TierPolicy {
  readonly name: string;
  readonly first_contact_sla_hours: number;
}

/** SLA compliance and black-hole rate side by side per tier, with each tier's SLA in its label and both targets drawn. */
export function tierOption(entries: readonly SegmentEntry[], tiers: readonly TierPolicy[], theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const s = STATUS_COLORS[theme];
  const order = new Map(tiers.map((t, i) => [t.name, i]));
  const rows = [...entries].sort((a, b) => (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99) || a.key.localeCompare(b.key));
  const slaOf = (key: string) => tiers.find((t) => t.name === key)?.first_contact_sla_hours;
  const label = (key: string) => {
    const h = slaOf(key);
    return h === undefined ? `Tier ${key}` : `Tier ${key} · ${h} h SLA`;
  };
  const colors = [p.series[1], p.series[3]] as const;
  return {
    ...common,
    legend: legend(p, size),
    grid: grid(presenter),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const e = rows[i];
      if (!e) return null;
      return {
        title: label(e.key),
        rows: [
          { label: 'MQLs', value: formatInteger(e.metrics.mql_count.observed) },
          rateRow('SLA compliance', e.metrics.sla_compliance_rate, colors[0]),
          rateRow('Black hole', e.metrics.black_hole_rate, colors[1]),
        ],
      };
    }),
    xAxis: categoryAxis(p, size, rows.map((e) => label(e.key)), { axisLabel: { color: p.muted, fontSize: size, interval: 0 } }),
    yAxis: valueAxis(p, size, 'percent'),
    series: [
      labelledRateBars('SLA compliance', rows.map((e) => pct(e.metrics.sla_compliance_rate.observed)), colors[0], targetLine(85, null, s.good, size), p.text, size),
      labelledRateBars('Black-hole rate', rows.map((e) => pct(e.metrics.black_hole_rate.observed)), colors[1], targetLine(10, null, s.bad, size), p.text, size),
    ],
  };
}

// ---- Time to first contact -------------------------------------------------------------

/** Bins of hours from MQL to first contact; bins inside 4 h in the target colour, later ones warmer. */
export function contactHistogramOption(h: ContactHistogram, theme: Theme, presenter = false): ChartOption {
  const { p, size, common } = base(theme, presenter);
  const s = STATUS_COLORS[theme];
  // "Before MQL" only when it happened: it flags a data problem, not a speed.
  const bins = h.bins.filter((b) => b.key !== 'before' || b.count > 0);
  const colorOf = (max: number | null, min: number | null) => {
    if (max !== null && max <= 0) return p.muted;
    if (max !== null && max <= 4) return s.good;
    if (min !== null && min < 24) return s.watch;
    return s.bad;
  };
  return {
    ...common,
    grid: grid(presenter, 24),
    tooltip: indexedTooltip(p, 'axis', (i) => {
      const b = bins[i];
      if (!b) return null;
      return {
        title: b.key === 'before' ? 'Contact logged before the MQL' : `First contact ${b.label} after MQL`,
        rows: [
          { label: 'MQLs', value: formatInteger(b.count), color: colorOf(b.max_hours, b.min_hours) },
          { label: 'of contacted', value: formatPercent(h.contacted > 0 ? b.count / h.contacted : null) },
        ],
      };
    }),
    // "5–30 min" on two lines: nine bins side by side must not run into each other.
    xAxis: categoryAxis(p, size, bins.map((b) => b.label.replace(/ (?=\S+$)/, '\n')), { axisLabel: { color: p.muted, fontSize: size, interval: 0, lineHeight: size + 3 } }),
    yAxis: valueAxis(p, size, 'count', { name: 'MQLs', nameTextStyle: { color: p.muted, fontSize: size, align: 'left' } }),
    series: [
      {
        type: 'bar',
        name: 'Contacted MQLs',
        barCategoryGap: '18%',
        label: { show: true, position: 'top', color: p.muted, fontSize: size - 1, formatter: (v: { value?: unknown }) => (typeof v.value === 'number' && v.value > 0 ? formatInteger(v.value) : '') },
        data: bins.map((b) => ({ value: b.count, itemStyle: { color: colorOf(b.max_hours, b.min_hours), borderRadius: [4, 4, 0, 0] } })),
      },
    ],
  };
}
