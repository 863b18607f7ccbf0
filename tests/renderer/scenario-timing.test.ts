// Slider-to-redraw timing (renderer/app/scenario-timing.ts) with the real Performance API.
import { beforeEach, describe, expect, it } from 'vitest';
import { markDrawn, markInput, MEASURE, PREVIEW_MEASURE } from '../../renderer/app/scenario-timing';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const durations = (name: string) => performance.getEntriesByName(name).map((e) => e.duration);

beforeEach(() => {
  performance.clearMeasures();
  performance.clearMarks();
});

describe('slider-to-redraw timing', () => {
  it('measures a preview once and the exact answer after it, both from the input', () => {
    markInput('t61');
    busy(5);
    markDrawn('t61', true);
    markDrawn('t61', true);
    busy(5);
    markDrawn('t61');
    const [preview] = durations(PREVIEW_MEASURE);
    const [exact] = durations(MEASURE);
    expect(durations(PREVIEW_MEASURE)).toHaveLength(1);
    expect(preview).toBeGreaterThanOrEqual(5);
    expect(exact).toBeGreaterThanOrEqual(preview! + 5);
    // Drawn once: a later draw of the same answer measures nothing.
    markDrawn('t61');
    expect(durations(MEASURE)).toHaveLength(1);
  });

  it('times from the first of consecutive inputs, but anew when a threshold is asked again after others', () => {
    markInput('t70');
    busy(5);
    markInput('t70');
    markDrawn('t70');
    expect(durations(MEASURE)[0]).toBeGreaterThanOrEqual(5);
    // t71 is never drawn (the drag moved on); coming back to it later starts its clock again.
    markInput('t71');
    markInput('t72');
    busy(20);
    markInput('t71');
    markDrawn('t71');
    expect(durations(MEASURE)[1]).toBeLessThan(20);
  });
});
