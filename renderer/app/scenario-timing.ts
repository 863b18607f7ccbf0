// Slider-to-redraw timing as User Timing entries an e2e test (or DevTools)
// can read: 'hl:slider-input' when a control moves, 'hl:forecast-drawn' when
// the chart showing that scenario's answer has been drawn, and one
// 'hl:slider-to-redraw' measure between them. Marks are keyed by the scenario
// they ask for, so a coalesced drag measures from the input whose answer is
// actually drawn.

export const INPUT_MARK = 'hl:slider-input';
export const DRAWN_MARK = 'hl:forecast-drawn';
export const MEASURE = 'hl:slider-to-redraw';

/** Draft key -> when its input happened; only the last few matter. */
const inputs = new Map<string, number>();
const KEEP = 64;

function perf(): Performance | null {
  return typeof performance !== 'undefined' && typeof performance.mark === 'function' ? performance : null;
}

export function markInput(key: string): void {
  const p = perf();
  if (!p) return;
  const mark = p.mark(INPUT_MARK);
  // The first input that asked for this scenario starts the clock.
  if (!inputs.has(key)) inputs.set(key, mark.startTime);
  if (inputs.size > KEEP) inputs.delete(inputs.keys().next().value as string);
}

/** Call once the chart for key has been drawn; records the measure if an input asked for it. */
export function markDrawn(key: string): void {
  const p = perf();
  const start = inputs.get(key);
  if (!p || start === undefined) return;
  inputs.delete(key);
  const mark = p.mark(DRAWN_MARK);
  p.measure(MEASURE, { start, end: mark.startTime });
}
