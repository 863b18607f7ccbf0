// Calibration of predicted probabilities: reliability-diagram data by band and
// the Brier score. A model can rank well (high AUC) and still promise twice the
// conversion it delivers; these show that.
import { LEAKAGE_AUC, leakageWarning, liftByDecile, rocAuc, DecileLift } from './roc';

export interface CalibrationBand {
  /** Band bounds on the banding scale, [low, high); the last band includes its top. */
  readonly low: number;
  readonly high: number;
  readonly count: number;
  /** Mean predicted probability in the band (NaN when empty). */
  readonly meanPredicted: number;
  /** Observed outcome rate in the band (NaN when empty). */
  readonly observedRate: number;
}

export interface CalibrationOptions {
  /** Values to band rows by; default the predicted probability in points (0-100). */
  readonly bandBy?: ArrayLike<number>;
  /** Band width on the banding scale; default 10 points. */
  readonly width?: number;
  /** Lowest band start; default 0. */
  readonly from?: number;
  /** Top of the last band; default 100. Values outside [from, to] go to the end bands. */
  readonly to?: number;
}

/** Predicted vs observed rate per band (10-point bands by default). */
export function calibrationByBand(
  predicted: ArrayLike<number>,
  outcome: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationBand[] {
  const width = options.width ?? 10;
  const from = options.from ?? 0;
  const to = options.to ?? 100;
  if (!(width > 0) || !(to > from)) throw new RangeError('Calibration bands need a positive width and to > from');
  const nb = Math.ceil((to - from) / width - 1e-9);
  const count = new Float64Array(nb);
  const sumP = new Float64Array(nb);
  const sumY = new Float64Array(nb);
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i]!;
    const v = options.bandBy ? options.bandBy[i]! : p * 100;
    if (Number.isNaN(v) || Number.isNaN(p)) continue;
    const b = Math.min(nb - 1, Math.max(0, Math.floor((v - from) / width)));
    count[b] = count[b]! + 1;
    sumP[b] = sumP[b]! + p;
    sumY[b] = sumY[b]! + (outcome[i]! > 0 ? 1 : 0);
  }
  const out: CalibrationBand[] = [];
  for (let b = 0; b < nb; b++) {
    const c = count[b]!;
    out.push({
      low: from + b * width,
      high: Math.min(to, from + (b + 1) * width),
      count: c,
      meanPredicted: c > 0 ? sumP[b]! / c : Number.NaN,
      observedRate: c > 0 ? sumY[b]! / c : Number.NaN,
    });
  }
  return out;
}

/** Mean squared difference between predicted probability and outcome (0 perfect, 0.25 a coin). */
export function brierScore(predicted: ArrayLike<number>, outcome: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i]!;
    if (Number.isNaN(p)) continue;
    const d = p - (outcome[i]! > 0 ? 1 : 0);
    s += d * d;
    n++;
  }
  return n > 0 ? s / n : Number.NaN;
}

export interface ScoreDiagnostics {
  readonly auc: number;
  readonly lift: DecileLift[];
  /** Present when predicted probabilities were given. */
  readonly calibration: CalibrationBand[] | null;
  readonly brier: number | null;
  /** AUC above LEAKAGE_AUC. */
  readonly leakageSuspected: boolean;
  readonly warnings: string[];
}

/** Everything the model-diagnostics panel shows for one score (and optionally its predicted probabilities). */
export function scoreDiagnostics(
  score: ArrayLike<number>,
  outcome: ArrayLike<number>,
  predicted?: ArrayLike<number>,
  calibration?: CalibrationOptions,
): ScoreDiagnostics {
  const auc = rocAuc(score, outcome);
  const warning = leakageWarning(auc);
  return {
    auc,
    lift: liftByDecile(score, outcome),
    calibration: predicted ? calibrationByBand(predicted, outcome, calibration) : null,
    brier: predicted ? brierScore(predicted, outcome) : null,
    leakageSuspected: auc > LEAKAGE_AUC,
    warnings: warning ? [warning] : [],
  };
}
