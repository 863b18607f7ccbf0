// Rep load along a threshold sweep, and the queue metrics it drives. The
// forecast simulates each rep's queue over business hours; doing that for 100+
// thresholds would cost 100+ forecasts. Instead the sweep runs the exact
// forecast at a few anchor thresholds and, between them, moves the queue
// metrics (black holes, SLA compliance, hours to first contact) linearly with
// the load on reps (MQLs per rep per working day). Queues respond to load
// smoothly between anchors a few points apart, so this is a fair curve, not a
// simulation: the UI labels these metrics approximate
// (ThresholdSweepResult.approximateMetrics).
import { DAY_MS } from '../forecast/history';
import type { ScenarioPool } from '../forecast/queue-effects';
import type { ForecastSession } from '../forecast/session';
import type { MetricName } from '../metrics/types';
import type { WindowRange } from '../replay/window';

export const QUEUE_METRICS: readonly MetricName[] = ['black_hole_rate', 'sla_compliance_rate', 'median_hours_to_first_contact', 'p90_hours_to_first_contact'];

export interface LoadModel {
  /** Working days (Monday-Friday) the window spans within the data, times the scenario's reps. */
  readonly repDays: number;
  perRepDay(handed: number): number;
}

export function repLoad(session: ForecastSession, pool: ScenarioPool, window: WindowRange): LoadModel {
  const { hist } = session;
  let first = Infinity;
  for (let i = 0; i < hist.n; i++) if (hist.handed[i] && hist.mqlAt[i]! < first) first = hist.mqlAt[i]!;
  const fromMs = Math.max(window.fromMs, first);
  const toMs = Math.min(window.toMs, hist.dataEnd);
  const workdays = Math.max(1, ((toMs - fromMs) / DAY_MS) * (5 / 7));
  let reps = 0;
  for (let r = 0; r < pool.capacity.length; r++) if (!pool.removed[r]) reps++;
  const repDays = Math.max(1, reps) * workdays;
  return { repDays, perRepDay: (handed) => handed / repDays };
}

/** Linear interpolation of y at x between (x0, y0) and (x1, y1); null when an end is null. */
export function lerp(x: number, x0: number, y0: number | null, x1: number, y1: number | null): number | null {
  if (y0 === null || y1 === null) return y0 ?? y1;
  if (x1 === x0) return y0;
  const w = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return y0 + w * (y1 - y0);
}
