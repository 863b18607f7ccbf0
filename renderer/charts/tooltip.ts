// Tooltips are the one place ECharts renders HTML, and their text comes from
// data (source, rep, reason names). Every builder's tooltip goes through
// tooltipHtml, which escapes all of it; the formatter only looks up the
// hovered index and reads the builder's own rows, never ECharts' strings.
import { escapeHtml } from './format';
import type { ChartPalette } from './palette';

export interface TooltipRow {
  readonly label: string;
  readonly value: string;
  /** A palette colour (ours, not data). */
  readonly color?: string;
}

export function tooltipHtml(title: string, rows: readonly TooltipRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<div class="tt-row">${r.color ? `<span class="tt-dot" style="background:${escapeHtml(r.color)}"></span>` : ''}` +
        `<span class="tt-label">${escapeHtml(r.label)}</span><span class="tt-value">${escapeHtml(r.value)}</span></div>`,
    )
    .join('');
  return `<div class="tt-title">${escapeHtml(title)}</div>${body}`;
}

/** The data index ECharts passes for an axis (array) or item (object) tooltip; -1 if none. */
export function hoveredIndex(params: unknown): number {
  const first: unknown = Array.isArray(params) ? params[0] : params;
  if (first && typeof first === 'object' && 'dataIndex' in first) {
    const i = (first as { dataIndex: unknown }).dataIndex;
    if (typeof i === 'number') return i;
  }
  return -1;
}

/** The tooltip block every health chart uses: themed, HTML-escaped, built from our rows. */
export function indexedTooltip(
  p: ChartPalette,
  trigger: 'axis' | 'item',
  content: (index: number) => { title: string; rows: readonly TooltipRow[] } | null,
) {
  return {
    trigger,
    confine: true,
    axisPointer: { type: 'shadow' as const },
    backgroundColor: p.tooltipBg,
    borderColor: p.grid,
    textStyle: { color: p.text },
    extraCssText: 'box-shadow: 0 6px 20px rgba(16,24,40,0.18); border-radius: 8px;',
    formatter: (params: unknown): string => {
      const c = content(hoveredIndex(params));
      return c ? tooltipHtml(c.title, c.rows) : '';
    },
  };
}
