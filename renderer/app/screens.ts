// The workbench's screens, in navigation order; Ctrl/Cmd+1..7 follow this order.
export const SCREENS = [
  { id: 'welcome', label: 'Welcome', blurb: 'Open a workspace or the sample' },
  { id: 'import', label: 'Import', blurb: 'Load leads, activities and dispositions' },
  { id: 'health', label: 'Handoff health', blurb: 'Acceptance, speed to lead, black holes' },
  { id: 'scenarios', label: 'Scenarios', blurb: 'Thresholds, weights, SLAs, capacity' },
  { id: 'compare', label: 'Compare', blurb: 'Saved scenarios side by side' },
  { id: 'frontier', label: 'Frontier', blurb: 'Volume against acceptance and conversion' },
  { id: 'trust', label: 'Trust', blurb: 'Replay check and backtest' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenAt(index: number): ScreenId | null {
  return SCREENS[index]?.id ?? null;
}
