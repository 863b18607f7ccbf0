// Chart colours per theme. Kept in TypeScript, not read from CSS at runtime,
// so option builders stay pure and testable without a DOM.
import type { Theme } from '../store/ui-slice';

/** The UI's font stack, so chart labels match the text around them. */
export const CHART_FONT = "Inter, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

export interface ChartPalette {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly series: readonly string[];
  readonly tooltipBg: string;
}

export const PALETTES: Readonly<Record<Theme, ChartPalette>> = {
  light: {
    text: '#1c2433',
    muted: '#667085',
    grid: '#e6e9ef',
    series: ['#3b5bdb', '#12b886', '#f59f00', '#e64980', '#7048e8', '#15aabf'],
    tooltipBg: '#ffffff',
  },
  dark: {
    text: '#e6e9f2',
    muted: '#98a2b3',
    grid: '#2a3142',
    series: ['#748ffc', '#38d9a9', '#ffc078', '#f783ac', '#9775fa', '#66d9e8'],
    tooltipBg: '#1b2130',
  },
};

/** Label size for charts: presenter mode is read from the back of a room. */
export function chartFontSize(presenter: boolean): number {
  return presenter ? 16 : 12;
}
