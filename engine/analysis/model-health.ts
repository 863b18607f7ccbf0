// Model health of a scoring: does the score rank leads that sales accepts and
// that become opportunities above those that do not (ROC AUC, lift by decile),
// and does a score band's promise match what the band delivered (calibration:
// a one-variable logistic fit of the outcome on the score, per 10-point band).
// An AUC above 0.85 warns that outcome information probably leaks into the score.
import type { ForecastSession } from '../forecast/session';
import { brierScore, calibrationByBand } from '../stats/calibration';
import { fitLogistic, sigmoid } from '../stats/logistic';
import { LEAKAGE_AUC, leakageWarning, liftByDecile, rocAuc } from '../stats/roc';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import { labelledScores, scoreAtHistoricalMql } from './score-at-mql';
import type { HealthBand, HealthDecile, ModelHealthReport, OutcomeHealth } from './types';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
/** A diagnostic on fewer labelled leads than this is noise. */
const MIN_LEADS = 50;

/** Score bands of 10 points (wider when the scores span more than 200 points), covering every score. */
function bands(score: Float64Array): { from: number; to: number; width: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of score) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (!Number.isFinite(lo)) return { from: 0, to: 100, width: 10 };
  let width = 10;
  while ((hi - lo) / width > 20) width *= 2;
  const from = Math.floor(lo / width) * width;
  return { from, to: Math.max(from + width, Math.ceil((hi + 1e-9) / width) * width), width };
}

/** Diagnostics of one score against one binary outcome. */
export function outcomeHealth(outcome: OutcomeHealth['outcome'], score: Float64Array, y: Uint8Array): OutcomeHealth {
  let positives = 0;
  for (const v of y) positives += v;
  const auc = rocAuc(score, y);
  // Calibration of the score read as a probability through its own logistic fit: the reliability diagram's data.
  const fit = positives > 0 && positives < y.length ? fitLogistic([score], y, { l2: 1e-3, standardErrors: false }) : null;
  const predicted = Float64Array.from(score, (s) => (fit ? sigmoid(fit.intercept + fit.coefficients[0]! * s) : positives / Math.max(1, y.length)));
  const b = bands(score);
  const calibration: HealthBand[] = calibrationByBand(predicted, y, { bandBy: score, width: b.width, from: b.from, to: b.to }).map((c) => ({
    low: c.low,
    high: c.high,
    count: c.count,
    predicted: num(c.meanPredicted),
    observed: num(c.observedRate),
  }));
  const lift: HealthDecile[] = liftByDecile(score, y).map((d) => ({
    decile: d.decile,
    count: d.count,
    positives: d.positives,
    rate: num(d.rate),
    lift: num(d.lift),
    cumulativeCapture: num(d.cumulativeCapture),
    minScore: num(d.minScore),
    maxScore: num(d.maxScore),
  }));
  return {
    outcome,
    count: y.length,
    positives,
    auc: num(auc),
    calibration,
    lift,
    brier: num(brierScore(predicted, y)),
    leakageSuspected: auc > LEAKAGE_AUC,
  };
}

export function outcomeWarnings(h: OutcomeHealth, what: string): string[] {
  const out: string[] = [];
  if (h.count < MIN_LEADS) out.push(`Only ${h.count} handed-off leads have a known ${what} outcome: the ${what} diagnostics are noise.`);
  if (h.auc !== null) {
    const leak = leakageWarning(h.auc);
    if (leak) out.push(`${what[0]!.toUpperCase()}${what.slice(1)}: ${leak}`);
    else if (h.auc < 0.55) out.push(`The score barely separates ${what} (AUC ${h.auc.toFixed(2)}, 0.5 is a coin toss).`);
  }
  return out;
}

export function modelHealth(session: ForecastSession, scenario: unknown | undefined): ModelHealthReport {
  const started = performance.now();
  const policy = scenario === undefined ? session.baseline : resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
  const scores = labelledScores(session, scoreAtHistoricalMql(session, policy));
  const acceptance = outcomeHealth('acceptance', scores.acceptScore, scores.accepted);
  const opportunity = outcomeHealth('opportunity', scores.oppScore, scores.opp);
  const warnings = [...outcomeWarnings(acceptance, 'acceptance'), ...outcomeWarnings(opportunity, 'opportunity')];
  warnings.push(
    'Outcomes exist only for leads sales received, so these diagnostics cover scores at their historical MQL moment, mostly above the threshold in force; how the score ranks leads below it cannot be checked from history.',
  );
  if (policy.provenance.thresholdOnly) warnings.push('No activity points are known: the diagnostics use the historical score_at_mql.');
  return {
    scenario: scenario === undefined ? null : policy.name,
    scoring: scenario === undefined ? 'baseline' : 'scenario',
    acceptance,
    opportunity,
    warnings,
    elapsedMs: performance.now() - started,
  };
}
