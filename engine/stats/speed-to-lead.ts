// Speed-to-lead: how the odds of an outcome (e.g. an opportunity) change with
// hours to first contact, estimated from the data's own variation in response
// time. Hot leads are also contacted faster, so a naive curve mixes "fast" with
// "hot"; adjusting for the confounders (score, tier, source...) in the same
// logistic model removes that as far as they are measured.
//
// f(h) is a linear spline in log1p(h) with knots at 1, 4, 24 and 72 hours:
// flexible where response times differ most, log-shaped (so the first hour
// matters more than the tenth), and flat-sloped beyond the data instead of
// extrapolating a straight line in hours. Hours are capped at `maxHours`
// (default two weeks) because later contacts are rare and mostly black holes.
import { fitLogistic, LogisticFit, LogisticOptions } from './logistic';
import { columnsOf, Features } from './features';

export const DEFAULT_KNOTS_HOURS: readonly number[] = [1, 4, 24, 72];

export interface SpeedToLeadOptions extends Pick<LogisticOptions, 'weights' | 'offset' | 'l2' | 'maxIterations'> {
  readonly knotsHours?: readonly number[];
  readonly maxHours?: number;
}

export interface SpeedToLeadEffect {
  /** The full model: confounders first, then the basis of f(h). */
  readonly fit: LogisticFit;
  readonly knotsHours: readonly number[];
  readonly maxHours: number;
  /** f(h): the log-odds contribution of contact after h hours (f(0) = 0). */
  logOdds(h: number): number;
  /** Odds ratio of contacting at hNew instead of hOld, other things equal: exp(f(hNew) - f(hOld)). */
  multiplier(hNew: number, hOld: number): number;
}

/** The basis columns of f(h) for hours h (NaN hours give NaN: leave uncontacted rows out of the fit). */
export function speedBasis(hours: ArrayLike<number>, knotsHours: readonly number[] = DEFAULT_KNOTS_HOURS, maxHours = 336): Float64Array[] {
  const n = hours.length;
  const cols = [new Float64Array(n), ...knotsHours.map(() => new Float64Array(n))];
  const lk = knotsHours.map((k) => Math.log1p(k));
  for (let i = 0; i < n; i++) {
    const l = Math.log1p(Math.min(maxHours, Math.max(0, hours[i]!)));
    cols[0]![i] = l;
    for (let k = 0; k < lk.length; k++) cols[k + 1]![i] = Math.max(0, l - lk[k]!);
  }
  return cols;
}

/**
 * Fits logit P(y) = a + X b + f(h) (+ offset) over rows with a finite h and returns f.
 * Pass an empty confounder list for the naive curve.
 */
export function estimateSpeedToLead(
  outcome: ArrayLike<number>,
  hours: ArrayLike<number>,
  confounders: Features,
  options: SpeedToLeadOptions = {},
): SpeedToLeadEffect {
  const knotsHours = options.knotsHours ?? DEFAULT_KNOTS_HOURS;
  const maxHours = options.maxHours ?? 336;
  const n = hours.length;
  const { cols } = columnsOf(confounders, n);
  // Rows with an observed contact time only.
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(hours[i]!) && (!options.weights || options.weights[i]! > 0)) keep.push(i);
  const m = keep.length;
  const pick = (src: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(m);
    for (let k = 0; k < m; k++) out[k] = src[keep[k]!]!;
    return out;
  };
  const all = m === n;
  const h = all ? Float64Array.from(hours) : pick(hours);
  const x = [...cols.map((c) => (all ? c : pick(c))), ...speedBasis(h, knotsHours, maxHours)];
  const fit = fitLogistic(x, all ? outcome : pick(outcome), {
    weights: options.weights ? (all ? options.weights : pick(options.weights)) : undefined,
    offset: options.offset ? (all ? options.offset : pick(options.offset)) : undefined,
    l2: options.l2,
    maxIterations: options.maxIterations,
  });
  const basisCoef = fit.coefficients.subarray(cols.length);
  const lk = knotsHours.map((k) => Math.log1p(k));
  const logOdds = (hh: number): number => {
    const l = Math.log1p(Math.min(maxHours, Math.max(0, hh)));
    let f = basisCoef[0]! * l;
    for (let k = 0; k < lk.length; k++) f += basisCoef[k + 1]! * Math.max(0, l - lk[k]!);
    return f;
  };
  return {
    fit,
    knotsHours,
    maxHours,
    logOdds,
    multiplier: (hNew, hOld) => Math.exp(logOdds(hNew) - logOdds(hOld)),
  };
}
