// Every metric at one threshold read off a threshold sweep, by straight lines
// between the curve's neighbouring points: what the Scenario editor shows while
// a threshold drag waits for its exact forecast. Node-free (the renderer uses it).
import type { MetricName } from '../metrics/types';
import type { ThresholdSweepResult } from './types';

/** The curve's value of each metric at threshold; null outside the curve's range. */
export function curveAt(curve: Pick<ThresholdSweepResult, 'points'>, threshold: number): Record<MetricName, number | null> | null {
  const pts = curve.points;
  if (pts.length === 0 || !(threshold >= pts[0]!.threshold && threshold <= pts[pts.length - 1]!.threshold)) return null;
  let hi = pts.findIndex((p) => p.threshold >= threshold);
  const b = pts[hi]!;
  if (b.threshold === threshold || hi === 0) return { ...b.metrics };
  const a = pts[--hi]!;
  const w = (threshold - a.threshold) / (b.threshold - a.threshold);
  const out = { ...a.metrics };
  for (const m of Object.keys(out) as MetricName[]) {
    const x = a.metrics[m];
    const y = b.metrics[m];
    out[m] = x === null || y === null ? null : x + w * (y - x);
  }
  return out;
}
