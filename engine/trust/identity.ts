// Identity: replaying the policy in force must give back history. Rates within
// 0.005; mql_count exactly when the policy came from scoring_model.json (an
// inferred threshold may miss a few MQLs). Compared over MQLs whose 90-day
// outcomes had closed by the data end: there the forecast (uncensored) and the
// observed metrics (censored) count the same outcomes.
import { forecast } from '../forecast/forecast';
import type { ForecastSession } from '../forecast/session';
import { METRIC_NAMES, type MetricName } from '../metrics/types';
import type { WindowPolicy } from '../scenario/policy';
import { isRate } from './errors';
import type { IdentityCheck, IdentityRow } from './types';

export const IDENTITY_RATE_TOLERANCE = 0.005;
/** Hours and sums: relative (outcomes of open opportunities are expectations in the replay). */
const RELATIVE_TOLERANCE: Partial<Record<MetricName, number>> = {
  median_hours_to_first_contact: 0.001,
  p90_hours_to_first_contact: 0.001,
  won_count: 0.1,
  pipeline_amount: 0.1,
};
const OPEN_DEALS_NOTE = 'The replay counts open opportunities at their expected result; history counts only deals already closed, so a gap of a few percent is censoring, not the replay.';

export async function identityCheck(session: ForecastSession, window: WindowPolicy): Promise<IdentityCheck> {
  const known = !session.baseline.provenance.inferred;
  const f = await forecast(session, { version: 1, window: { ...(window.from !== null ? { from: window.from } : {}), ...(window.to !== null ? { to: window.to } : {}) } }, { runs: 0 });
  const rows: IdentityRow[] = METRIC_NAMES.map((metric) => {
    const m = f.metrics[metric];
    const observed = m.observed;
    const replayed = m.forecast;
    const difference = observed === null || replayed === null ? null : replayed - observed;
    let tolerance: number | null;
    if (isRate(metric)) tolerance = IDENTITY_RATE_TOLERANCE;
    else if (metric === 'mql_count') tolerance = known ? 0 : observed === null ? null : Math.max(1, 0.01 * observed);
    else tolerance = observed === null ? null : (RELATIVE_TOLERANCE[metric] ?? 0) * Math.abs(observed);
    const passed = difference === null ? observed === replayed : tolerance !== null && Math.abs(difference) <= tolerance + 1e-9;
    return { metric, observed, replayed, difference, tolerance, passed, ...(metric === 'won_count' || metric === 'pipeline_amount' ? { note: OPEN_DEALS_NOTE } : {}) };
  });
  return { passed: rows.every((r) => r.passed), scoringModelKnown: known, rows };
}
