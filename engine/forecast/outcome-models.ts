// Outcome models fitted on handed-off leads (the only ones with outcomes:
// selective labels), each a logistic regression on the MQL-time features plus
// what the queue decides about the lead:
//   accept, reject        ~ features + worked (sales touched it within the horizon)
//   contacted | worked    ~ features (review can reject without outreach)
//   sql90, opp90          ~ features + contacted + f(hours to first contact)
//                           over MQLs whose 90-day window closed (so the models
//                           give the uncensored expectation)
//   won | opportunity     ~ features, over opportunities with a known result
//   amount | opportunity  = mean by company-size band
// f(h) is stats/speed-to-lead.ts's spline basis; fitting it next to the
// features is what separates "contacted fast" from "hot": the features hold
// the score's inputs (fit attributes, activity history, trigger).
import { coefficientShift } from '../stats/coefficient-draws';
import { asFloat64, type StoredColumn } from '../stats/features';
import { fitLogistic, sigmoid, type LogisticFit } from '../stats/logistic';
import type { Rng } from '../stats/rng';
import { speedBasis } from '../stats/speed-to-lead';

/**
 * Knots of f(h) (hours). Fewer than stats/speed-to-lead.ts's default four:
 * with a few thousand contacted MQLs four knots let f wiggle (a 24 h dip
 * between 4 h and 72 h), and night/weekend delays carry their own
 * confounding; a log-shaped curve with one bend at a working day is steadier.
 */
export const SPEED_KNOTS_HOURS: readonly number[] = [24];
import { HOUR_MS, type LeadHistory } from './history';

const L2 = 1;

/** A logistic fit over base features + extra columns; the base part's linear predictor is cached per lead. */
export interface Model {
  readonly fit: LogisticFit;
  readonly nBase: number;
}

export interface OutcomeModels {
  readonly accept: Model;
  readonly reject: Model;
  readonly contacted: Model;
  readonly sql: Model;
  readonly opp: Model;
  readonly won: Model;
  /** Mean opportunity amount per size band (sizeBand() codes 0..3). */
  readonly amountByBand: Float64Array;
  /** Standard error of each band's mean amount (for interval draws); zeros when not computed. */
  readonly amountSeByBand?: Float64Array;
}

/** Training rows: lead index per row, features column-major, and the history. */
export interface TrainingSet {
  readonly rows: Int32Array;
  readonly x: readonly StoredColumn[];
  readonly hist: LeadHistory;
  /** Size band per row (sizeBand). */
  readonly band: Uint8Array;
}

export function sizeBand(size: number): number {
  if (!Number.isFinite(size)) return 3;
  return size < 100 ? 0 : size < 1000 ? 1 : 2;
}

function subset(cols: readonly Float64Array[], keep: Int32Array): Float64Array[] {
  return cols.map((c) => {
    const o = new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) o[k] = c[keep[k]!]!;
    return o;
  });
}

function pick(n: number, pred: (k: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (pred(k)) out.push(k);
  return Int32Array.from(out);
}

/** Hours from MQL to first contact per training row (NaN when not contacted). */
function hoursOf(t: TrainingSet): Float64Array {
  const h = new Float64Array(t.rows.length);
  for (let k = 0; k < h.length; k++) {
    const i = t.rows[k]!;
    h[k] = (t.hist.contactAt[i]! - t.hist.mqlAt[i]!) / HOUR_MS;
  }
  return h;
}

/** contacted indicator + speed basis (zeros for rows never contacted). */
export function contactColumns(hours: ArrayLike<number>): Float64Array[] {
  const n = hours.length;
  const c = new Float64Array(n);
  const basis = speedBasis(Float64Array.from({ length: n }, (_, k) => (Number.isFinite(hours[k]!) ? hours[k]! : 0)), SPEED_KNOTS_HOURS);
  for (let k = 0; k < n; k++) {
    if (Number.isFinite(hours[k]!)) c[k] = 1;
    else for (const b of basis) b[k] = 0;
  }
  return [c, ...basis];
}

export interface FitOptions {
  /** Bootstrap weights per training row. */
  readonly weights?: Float64Array;
  /** Previous fits to start from (bootstrap refits converge in a few steps). */
  readonly start?: OutcomeModels;
  /**
   * Newton steps per model. Bootstrap refits take ONE step from the full-data
   * fit (the one-step bootstrap: the same first-order variability at a
   * fraction of the cost, which dominates an interval run at 100k MQLs).
   */
  readonly maxIterations?: number;
}

function fitOne(x: Float64Array[], y: Uint8Array | Float64Array, nBase: number, w: Float64Array | undefined, start: Model | undefined, maxIterations = 50): Model {
  const s = start ? [start.fit.intercept, ...start.fit.coefficients] : undefined;
  // The full-data fit keeps its covariance: interval runs draw coefficients from it (drawOutcomeModels).
  const fit = fitLogistic(x, y, { l2: L2, weights: w, start: s, standardErrors: !w && !start, maxIterations });
  return { fit, nBase };
}

export function fitOutcomeModels(t: TrainingSet, options: FitOptions = {}): OutcomeModels {
  const { hist, rows } = t;
  // Doubles for the fits only: the session keeps its columns compact.
  const x = t.x.map(asFloat64);
  const n = rows.length;
  const nb = x.length;
  const w = options.weights;
  const st = options.start;
  const col = (src: ArrayLike<number>) => Float64Array.from({ length: n }, (_, k) => src[rows[k]!]!);
  const worked = col(hist.worked);
  const withWorked = [...x, worked];
  const accept = fitOne(withWorked, col(hist.accepted), nb, w, st?.accept, options.maxIterations);
  const reject = fitOne(withWorked, col(hist.rejected), nb, w, st?.reject, options.maxIterations);

  const wk = pick(n, (k) => worked[k]! === 1);
  const contactedY = Float64Array.from(wk, (k) => (Number.isFinite(hist.contactAt[rows[k]!]!) ? 1 : 0));
  const contacted = fitOne(subset(x, wk), contactedY, nb, w ? Float64Array.from(wk, (k) => w[k]!) : undefined, st?.contacted, options.maxIterations);

  const hours = hoursOf(t);
  const mat = pick(n, (k) => hist.mature[rows[k]!]! === 1);
  const xm = [...subset(x, mat), ...contactColumns(Float64Array.from(mat, (k) => hours[k]!))];
  const wm = w ? Float64Array.from(mat, (k) => w[k]!) : undefined;
  const sql = fitOne(xm, Float64Array.from(mat, (k) => hist.sql90[rows[k]!]!), nb, wm, st?.sql, options.maxIterations);
  const opp = fitOne(xm, Float64Array.from(mat, (k) => hist.opp90[rows[k]!]!), nb, wm, st?.opp, options.maxIterations);

  const wonRows = pick(n, (k) => hist.opp[rows[k]!]! === 1 && hist.won[rows[k]!]! >= 0);
  const won = fitOne(
    subset(x, wonRows),
    Float64Array.from(wonRows, (k) => hist.won[rows[k]!]!),
    nb,
    w ? Float64Array.from(wonRows, (k) => w[k]!) : undefined,
    st?.won,
    options.maxIterations,
  );

  const sum = new Float64Array(4);
  const cnt = new Float64Array(4);
  let all = 0;
  let allN = 0;
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    if (!hist.opp90[i]) continue;
    const wt = w ? w[k]! : 1;
    sum[t.band[k]!] = sum[t.band[k]!]! + wt * hist.amount[i]!;
    cnt[t.band[k]!] = cnt[t.band[k]!]! + wt;
    all += wt * hist.amount[i]!;
    allN += wt;
  }
  const pooled = allN > 0 ? all / allN : 0;
  // Bands with few opportunities lean on the pooled mean (a prior worth 5 opportunities).
  const amountByBand = Float64Array.from(sum, (s, b) => (s + 5 * pooled) / (cnt[b]! + 5));
  const sq = new Float64Array(4);
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    if (!hist.opp90[i]) continue;
    const d = hist.amount[i]! - amountByBand[t.band[k]!]!;
    sq[t.band[k]!] = sq[t.band[k]!]! + (w ? w[k]! : 1) * d * d;
  }
  const amountSeByBand = Float64Array.from(sq, (v, b) => Math.sqrt(v / Math.max(1, cnt[b]!)) / Math.sqrt(cnt[b]! + 5));
  return { accept, reject, contacted, sql, opp, won, amountByBand, amountSeByBand };
}

/** Linear predictor of the base features per row (intercept included). */
export function baseEta(m: Model, x: readonly StoredColumn[], out: Float64Array): Float64Array {
  out.fill(m.fit.intercept);
  for (let j = 0; j < m.nBase; j++) {
    const b = m.fit.coefficients[j]!;
    if (b === 0) continue;
    const c = x[j]!;
    for (let k = 0; k < out.length; k++) out[k] = out[k]! + b * c[k]!;
  }
  return out;
}

/** P(outcome) of an accept/reject model given the base eta and worked (0/1). */
export function pWorked(m: Model, eta: number, worked: number): number {
  return sigmoid(eta + m.fit.coefficients[m.nBase]! * worked);
}

const LOG_KNOTS = SPEED_KNOTS_HOURS.map((k) => Math.log1p(k));
/** Hours are capped like stats/speed-to-lead.ts (two weeks). */
const MAX_HOURS = 336;

/** Log-odds of contact after `hours` from the speed basis of a model (0 at h = 0). */
function speedZ(m: Model, hours: number): number {
  const c = m.fit.coefficients;
  const l = Math.log1p(Math.min(MAX_HOURS, Math.max(0, hours)));
  let z = c[m.nBase + 1]! * l;
  for (let b = 0; b < LOG_KNOTS.length; b++) z += c[m.nBase + 2 + b]! * Math.max(0, l - LOG_KNOTS[b]!);
  return z;
}

/** P(outcome) of an sql/opp model given base eta and hours to first contact (NaN = never contacted). Inline basis: no allocation per lead. */
export function pContact(m: Model, eta: number, hours: number): number {
  if (!Number.isFinite(hours)) return sigmoid(eta);
  return sigmoid(eta + m.fit.coefficients[m.nBase]! + speedZ(m, hours));
}

/** The fitted speed-to-lead effect of a model: log-odds of contact after h hours against contact at once. */
export function speedLogOdds(m: Model, hours: number): number {
  return speedZ(m, hours);
}

const MODEL_KEYS = ['accept', 'reject', 'contacted', 'sql', 'opp', 'won'] as const;

/**
 * One interval run's models: every coefficient vector drawn from the normal
 * approximation N(beta, covariance) of its full-data fit (the inverse
 * penalised Hessian), each band's mean amount from N(mean, se^2). Why: the
 * same first-order uncertainty as a bootstrap refit, for the cost of a
 * p x p triangular product instead of passes over every training row (what
 * made 200 runs slow at 1M leads). A fit without covariance stays as fitted.
 */
export function drawOutcomeModels(m: OutcomeModels, rng: Rng): OutcomeModels {
  const out: Record<(typeof MODEL_KEYS)[number], Model> = { ...m };
  for (const key of MODEL_KEYS) {
    const model = m[key];
    const fit = model.fit;
    const beta = coefficientShift(fit, rng);
    if (!beta) continue;
    out[key] = {
      nBase: model.nBase,
      fit: { ...fit, intercept: fit.intercept + beta[0]!, coefficients: Float64Array.from(fit.coefficients, (c, j) => c + beta[j + 1]!) },
    };
  }
  const se = m.amountSeByBand;
  const amountByBand = se ? Float64Array.from(m.amountByBand, (a, b) => Math.max(0, a + se[b]! * rng.normal())) : m.amountByBand;
  return { ...m, ...out, amountByBand };
}
