// Slider-to-redraw timing as User Timing entries an e2e test (or DevTools)
// can read: 'hl:slider-input' when a control moves, 'hl:forecast-drawn' when
// the chart showing that scenario's answer has been drawn, and one
// 'hl:slider-to-redraw' measure between them. Marks are keyed by the scenario
// they ask for, so a coalesced drag measures from the input whose answer is
// actually drawn. A threshold drag previewed from the curve (threshold-preview.ts)
// first records 'hl:slider-to-preview'; the exact answer's draw still records
// 'hl:slider-to-redraw' from the same input.

export const INPUT_MARK = 'hl:slider-input';
export const DRAWN_MARK = 'hl:forecast-drawn';
export const MEASURE = 'hl:slider-to-redraw';
export const PREVIEW_MEASURE = 'hl:slider-to-preview';

/** Draft key -> when its input happened; only the last few matter. */
const inputs = new Map<string, number>();
const KEEP = 64;
/** Inputs whose preview has been drawn: measured once each. */
const previewed = new Set<string>();
let lastInput: string | null = null;

function perf(): Performance | null {
  return typeof performance !== 'undefined' && typeof performance.mark === 'function' ? performance : null;
}

export function markInput(key: string): void {
  const p = perf();
  if (!p) return;
  const mark = p.mark(INPUT_MARK);
  // The first of consecutive inputs that asked for this scenario starts the clock. A scenario asked
  // again after others (a drag coming back to a threshold whose answer was never drawn) starts anew.
  if (inputs.has(key) && lastInput !== key) {
    inputs.delete(key);
    previewed.delete(key);
  }
  lastInput = key;
  if (!inputs.has(key)) inputs.set(key, mark.startTime);
  if (inputs.size > KEEP) {
    const oldest = inputs.keys().next().value as string;
    inputs.delete(oldest);
    previewed.delete(oldest);
  }
}

/** Call once the chart for key has been drawn (preview: from the threshold curve); records the measure if an input asked for it. */
export function markDrawn(key: string, preview = false): void {
  const p = perf();
  const start = inputs.get(key);
  if (!p || start === undefined) return;
  if (preview) {
    if (previewed.has(key)) return;
    previewed.add(key);
    p.measure(PREVIEW_MEASURE, { start, end: p.now() });
    return;
  }
  inputs.delete(key);
  previewed.delete(key);
  const mark = p.mark(DRAWN_MARK);
  p.measure(MEASURE, { start, end: mark.startTime });
}
