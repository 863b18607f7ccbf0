// A threshold drag answered at once from the draft's threshold curve (a sweep
// of the draft with every other block held), while the exact forecast of the
// new threshold is on its way. The curve's MQL count and outcome metrics are
// within a fraction of a point of the exact forecast (bench/preview-accuracy.ts);
// its queue metrics are interpolated between five exact forecasts and can be
// far off near saturation, so those keep the last exact answer, marked as such.
import { curveAt, type Scenario, type ThresholdSweepResult } from '../../engine/api/contract';
import type { MetricName } from '../charts/health-types';
import type { ForecastResult } from '../store/scenario-slice';
import { scenarioKey } from './scenario-edits';

const curveKeys = new WeakMap<Scenario, string>();

/** What a threshold curve answers for: the draft without its threshold (and name); memoised per draft object, as renders ask for it on every move. */
export function curveKey(s: Scenario): string {
  let key = curveKeys.get(s);
  if (key === undefined) {
    const { threshold: _dropped, ...mql } = s.mql ?? {};
    curveKeys.set(s, (key = scenarioKey({ ...s, name: '', mql })));
  }
  return key;
}

export interface ThresholdPreview {
  /** The shown answer with the curve's values at the draft's threshold (no intervals). */
  readonly result: ForecastResult;
  /** Metrics still showing the older answer: the curve only approximates them. */
  readonly stale: ReadonlySet<MetricName>;
}

/** The curve's answer for draft, built on the older answer on screen; null when the curve does not cover it. */
export function thresholdPreview(curve: { readonly key: string; readonly result: ThresholdSweepResult } | null, draft: Scenario, shown: ForecastResult): ThresholdPreview | null {
  const t = draft.mql?.threshold;
  if (curve === null || t === undefined || curve.key !== curveKey(draft)) return null;
  const values = curveAt(curve.result, t);
  if (values === null) return null;
  const stale = new Set<MetricName>(curve.result.approximateMetrics ?? []);
  const metrics = { ...shown.metrics };
  for (const m of Object.keys(metrics) as MetricName[]) {
    const v = values[m];
    if (stale.has(m) || v === null || v === undefined) {
      // The older answer's number, without its interval: that range was for another threshold.
      stale.add(m);
      metrics[m] = { ...metrics[m], low: null, high: null };
      continue;
    }
    metrics[m] = { ...metrics[m], forecast: m === 'mql_count' ? Math.round(v) : v, low: null, high: null };
  }
  return { result: { ...shown, metrics, details: { ...shown.details, runs: 0 } }, stale };
}
