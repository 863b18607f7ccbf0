// The machinery both out-of-sample checks share: fit the outcome models on
// history up to a moment (as they would have been fitted then), and forecast a
// later window treating every MQL there as new (no observed outcome of the
// window is used). The queue model (rep capacities, delays) is the session's,
// estimated on the whole history; the checks say so.
import { computeEtas, expectations, metricValues, type MetricValues } from '../forecast/assemble';
import { OUTCOME_HORIZON_MS, type LeadHistory } from '../forecast/history';
import { prepareScenario, windowEtas } from '../forecast/kernel';
import { fitOutcomeModels, type OutcomeModels, type TrainingSet } from '../forecast/outcome-models';
import { simulateCohort } from '../forecast/queue-effects';
import type { ForecastSession } from '../forecast/session';
import type { Policy } from '../scenario/policy';

export interface PeriodFit {
  readonly models: OutcomeModels;
  /** Handed-off MQLs the models were fitted on. */
  readonly rows: number;
}

/**
 * Outcome models fitted on MQLs before `endMs`, with a 90-day outcome counted
 * only when its window closed by then (as at that moment).
 */
export function fitBefore(session: ForecastSession, endMs: number): PeriodFit {
  const { training, hist } = session;
  const keep: number[] = [];
  for (let k = 0; k < training.rows.length; k++) if (hist.mqlAt[training.rows[k]!]! < endMs) keep.push(k);
  const mature = new Uint8Array(hist.n);
  for (let i = 0; i < hist.n; i++) mature[i] = hist.mqlAt[i]! + OUTCOME_HORIZON_MS <= Math.min(endMs, hist.dataEnd) ? 1 : 0;
  const histThen: LeadHistory = { ...hist, mature };
  const subset: TrainingSet = {
    rows: Int32Array.from(keep, (k) => training.rows[k]!),
    x: training.x.map((c) => Float64Array.from(keep, (k) => c[k]!)),
    hist: histThen,
    band: Uint8Array.from(keep, (k) => training.band[k]!),
  };
  return { models: fitOutcomeModels(subset), rows: keep.length };
}

/** Expected metrics of a policy's window with every MQL predicted by `models` and first contacts simulated. */
export function forecastAllNew(session: ForecastSession, policy: Policy, models: OutcomeModels): MetricValues {
  const st = prepareScenario(session, policy);
  const sim = st.sameQueue ? session.baseContact0 : simulateCohort(st.pool, st.cohort, st.cohort.lead, session.seed, 0);
  const { rep, arrival } = st.inWindow;
  const contact = Float64Array.from(st.rows, (k, q) => {
    const c = sim[k]!;
    if (!Number.isFinite(c)) return c;
    const r = rep[q]!;
    const s = r >= 0 && r < st.pool.schedules.length ? st.pool.schedules[r]! : session.repSchedules.fallback;
    const a = arrival[q]!;
    // The simulation's delays on history's scale, as the forecast does for new MQLs.
    return s.addBusinessMs(a, session.delayCalibration.map(st.cohort.priority[k]!, s.businessMsBetween(a, c)));
  });
  const trainEtas = computeEtas(models, session.training.x, session.training.rows.length);
  const e = expectations(
    {
      hist: session.hist,
      policy,
      schedules: st.pool.schedules,
      fallback: session.repSchedules.fallback,
      companySize: session.cols.leads.companySize,
      deadlines: session.deadlineCache,
    },
    models,
    windowEtas(trainEtas, models, st.feats),
    { ...st.inWindow, shared: new Uint8Array(st.rows.length), contact },
  );
  return metricValues(e, null, null);
}
