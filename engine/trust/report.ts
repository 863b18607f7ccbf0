// The trust report: identity, time-split backtest, the policy-change test
// when history holds one, and warnings for a scenario (extrapolation), with
// plain-words summary lines for the trust panel.
import { DAY_MS } from '../forecast/history';
import { prepareScenario } from '../forecast/kernel';
import type { ForecastSession } from '../forecast/session';
import type { Policy } from '../scenario/policy';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import { describeError, predictionErrors, type ErrorBounds } from './errors';
import { fitBefore, forecastAllNew } from './held-out-forecast';
import { identityCheck } from './identity';
import { dayStart, isoDate, lastMatureDate } from './periods';
import { detectThresholdChange, type ThresholdChange } from './policy-change';
import type { BacktestReport, IdentityCheck, NotAvailable, PolicyChangeReport, TrustReport } from './types';

/** Bounds the backtest's errors are held to (rates absolute; counts, hours and sums relative). */
export const BACKTEST_BOUNDS: ErrorBounds = { rate: 0.05, mqlCount: 0.02, hours: 0.35, amounts: 0.15 };
/** A threshold change makes new MQLs the models never saw: wider bounds. */
export const POLICY_CHANGE_BOUNDS: ErrorBounds = { rate: 0.05, mqlCount: 0.1, hours: 0.5, amounts: 0.25 };
/** Share of the mature history the backtest fits on; the rest is forecast. */
const FIT_SHARE = 2 / 3;
const MIN_TEST_MQLS = 100;

export interface TrustOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
}

const mutable = (p: Policy, threshold: number, from: string, to: string): Policy => ({
  ...p,
  mql: { ...p.mql, threshold },
  window: { from, to },
});

async function backtest(session: ForecastSession, change: ThresholdChange | null): Promise<BacktestReport | NotAvailable> {
  const { hist, cols, baseline } = session;
  const zone = cols.timezone;
  const matureTo = lastMatureDate(hist.dataEnd, zone);
  const matureEnd = dayStart(matureTo, zone) + DAY_MS;
  // A backtest across a policy change would test the change, not the models: stay in the baseline's regime.
  const regimeStart = change && change.after === baseline.mql.threshold ? change.at : -Infinity;
  // The change's own day is mixed: each regime keeps whole days only.
  const regimeEnd = change && change.before === baseline.mql.threshold ? dayStart(isoDate(change.at, zone), zone) : matureEnd;
  const times: number[] = [];
  for (let i = 0; i < hist.n; i++) {
    const t = hist.mqlAt[i]!;
    if (hist.handed[i] && t >= regimeStart && t < Math.min(matureEnd, regimeEnd)) times.push(t);
  }
  times.sort((a, b) => a - b);
  if (times.length < 3 * MIN_TEST_MQLS) return { available: false, reason: `A backtest needs at least ${3 * MIN_TEST_MQLS} MQLs whose 90-day outcomes have closed; the history has ${times.length}.` };
  const from = isoDate(times[Math.floor(times.length * FIT_SHARE)]!, zone);
  const to = isoDate(Math.min(matureEnd, regimeEnd) - 1, zone);
  const first = isoDate(Number.isFinite(regimeStart) ? regimeStart : times[0]!, zone);
  const fit = fitBefore(session, dayStart(from, zone));
  const policy = mutable(baseline, baseline.mql.threshold, from, to);
  const forecastValues = forecastAllNew(session, policy, fit.models);
  const actual = await session.observed(from, to);
  if (!actual) return { available: false, reason: 'The backtest needs the workspace database for the actual metrics.' };
  const fitLast = isoDate(dayStart(from, zone) - 1, zone);
  return {
    available: true,
    fitPeriod: { from: first, to: fitLast },
    testPeriod: { from, to },
    fitMqls: fit.rows,
    testMqls: forecastValues.mql_count,
    errors: predictionErrors(forecastValues, actual.metrics, BACKTEST_BOUNDS),
  };
}

async function policyChangeTest(session: ForecastSession, change: ThresholdChange | null): Promise<PolicyChangeReport | NotAvailable> {
  if (!change) return { available: false, reason: 'History shows no change of the MQL threshold (the lowest score of score-triggered MQLs stays level month to month), so there is no second regime to forecast.' };
  const { hist, cols, baseline } = session;
  const zone = cols.timezone;
  const from = isoDate(change.at, zone);
  const to = lastMatureDate(hist.dataEnd, zone);
  if (dayStart(to, zone) <= dayStart(from, zone)) return { available: false, reason: `The threshold changed on ${from}, too late for any 90-day outcome after it to have closed.` };
  const fit = fitBefore(session, dayStart(from, zone));
  const policy = mutable(baseline, change.after, from, to);
  const forecastValues = forecastAllNew(session, policy, fit.models);
  const actual = await session.observed(from, to);
  if (!actual) return { available: false, reason: 'The policy-change test needs the workspace database for the actual metrics.' };
  const firstMql = hist.mqlAt.reduce((a, t, i) => (hist.handed[i] && t < a ? t : a), Infinity);
  return {
    available: true,
    changedAt: new Date(change.at).toISOString(),
    thresholdBefore: change.before,
    thresholdAfter: change.after,
    fitPeriod: { from: isoDate(firstMql, zone), to: isoDate(dayStart(from, zone) - 1, zone) },
    testPeriod: { from, to },
    fitMqls: fit.rows,
    testMqls: forecastValues.mql_count,
    errors: predictionErrors(forecastValues, actual.metrics, POLICY_CHANGE_BOUNDS),
  };
}

/** Identity over the baseline's own regime and mature MQLs. */
function identityWindow(session: ForecastSession, change: ThresholdChange | null): { from: string | null; to: string } {
  const zone = session.cols.timezone;
  const matureTo = lastMatureDate(session.hist.dataEnd, zone);
  const w = session.baseline.window;
  let from = w.from;
  let to = w.to !== null && w.to < matureTo ? w.to : matureTo;
  if (change && change.before === session.baseline.mql.threshold) {
    const last = isoDate(dayStart(isoDate(change.at, zone), zone) - 1, zone);
    if (last < to) to = last;
  } else if (change && change.after === session.baseline.mql.threshold) {
    const first = isoDate(change.at + DAY_MS, zone);
    if (from === null || first > from) from = first;
  }
  return { from, to };
}

function worst(errors: readonly { withinTolerance: boolean | null }[]): number {
  return errors.filter((e) => e.withinTolerance === false).length;
}

export async function trustReport(session: ForecastSession, scenario: unknown | undefined, options: TrustOptions = {}): Promise<TrustReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const policy = scenario === undefined ? null : resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
  const change = detectThresholdChange(session.cols, session.baseline);
  progress(0.1, 'Replaying the policy in force');
  const idWindow = identityWindow(session, change);
  const identity: IdentityCheck = await identityCheck(session, idWindow);
  options.signal?.throwIfAborted();
  progress(0.35, 'Backtest: fitting on the earlier history');
  const bt = await backtest(session, change);
  options.signal?.throwIfAborted();
  progress(0.7, 'Forecasting across the policy change');
  const pc = await policyChangeTest(session, change);
  options.signal?.throwIfAborted();

  const summary: string[] = [];
  const failed = identity.rows.filter((r) => !r.passed);
  summary.push(
    identity.passed
      ? `Identity holds: replaying the policy in force (${idWindow.from ?? 'start of data'} to ${idWindow.to}) gives back all ${identity.rows.length} observed metrics${identity.scoringModelKnown ? ', the MQL count exactly' : ''}.`
      : `Identity fails on ${failed.map((r) => r.metric).join(', ')}: replaying the policy in force does not give back history${identity.scoringModelKnown ? '' : ' (the policy was inferred from the data)'}.`,
  );
  if (bt.available) {
    const off = worst(bt.errors);
    summary.push(
      `Backtest: fitted on ${bt.fitPeriod.from} to ${bt.fitPeriod.to}, forecast ${bt.testPeriod.from} to ${bt.testPeriod.to} (${bt.testMqls.toLocaleString('en-US')} MQLs): ` +
        `${bt.errors.filter((e) => ['acceptance_rate', 'sql_rate', 'opportunity_rate', 'black_hole_rate'].includes(e.metric)).map(describeError).join(', ')}; ` +
        (off === 0 ? 'every metric within its bound.' : `${off} metric${off > 1 ? 's' : ''} outside their bound.`),
    );
  } else summary.push(`Backtest not available: ${bt.reason}`);
  if (pc.available) {
    const off = worst(pc.errors);
    summary.push(
      `Threshold changed ${pc.thresholdBefore} -> ${pc.thresholdAfter} on ${pc.testPeriod.from}: forecast from the first regime alone, ` +
        `${pc.errors.filter((e) => ['mql_count', 'acceptance_rate', 'opportunity_rate'].includes(e.metric)).map(describeError).join(', ')}; ` +
        (off === 0 ? 'every metric within its bound.' : `${off} metric${off > 1 ? 's' : ''} outside their bound.`),
    );
  } else summary.push(`Policy-change test not available: ${pc.reason}`);

  const warnings: string[] = [];
  if (change) warnings.push(`History holds two MQL thresholds (${change.before} until ${isoDate(change.at, session.cols.timezone)}, then ${change.after}); the policy in force is read as ${session.baseline.mql.threshold}, so identity covers only that regime.`);
  warnings.push('The out-of-sample checks refit the outcome models on the earlier period; rep capacities and delays come from the whole history.');
  if (policy) {
    const st = prepareScenario(session, policy);
    if (st.extrapolated > 0) {
      warnings.push(
        `${st.extrapolated.toLocaleString('en-US')} of the scenario's ${st.entered.toLocaleString('en-US')} newly qualified MQLs score below any lead sales has seen: their outcomes are extrapolated, and neither check covers them.`,
      );
    }
    const t = policy.mql.threshold;
    if (pc.available && (t < Math.min(pc.thresholdBefore, pc.thresholdAfter) || t > Math.max(pc.thresholdBefore, pc.thresholdAfter)) && t !== session.baseline.mql.threshold) {
      warnings.push(`The scenario's threshold ${t} lies outside the thresholds history has run (${pc.thresholdBefore}, ${pc.thresholdAfter}).`);
    }
  }
  progress(1, 'Trust checks done');
  return { scenario: policy?.name ?? null, identity, backtest: bt, policyChange: pc, summary, warnings, elapsedMs: performance.now() - started };
}
