// Suggested scoring weights: activity and fit-rule points fitted to separate
// leads that became opportunities from those that did not, so marketing ops
// start from evidence. A regularised logistic regression on handed-off leads
// whose 90 days have closed (the only leads with an outcome), with each lead's
// activity counts at its MQL moment (decayed and capped as the scoring does)
// and its fit-rule matches. Coefficients become points on the current score's
// spread; the threshold is moved so the MQL volume stays the same. Judged on
// leads held out of the fit: AUC and top-decile lift, current vs suggested.
import type { ForecastSession } from '../forecast/session';
import { compileRules } from '../replay/compile';
import { buildSweepIndex, sweepThresholds } from '../replay/sweep';
import type { Policy } from '../scenario/policy';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario, type FitRule, type Scenario } from '../scenario/schema';
import { computeFitPoints } from '../scoring/fit';
import { fitLogistic } from '../stats/logistic';
import { liftByDecile, rocAuc } from '../stats/roc';
import { scoreAtHistoricalMql } from './score-at-mql';
import type { HeldOutComparison, SuggestedWeights, WeightRow } from './types';

/** Leads an activity type or a fit rule needs in the fit before it gets points of its own. */
const MIN_SUPPORT = 20;
/** Share of labelled leads held out of the fit (chosen by a hash of the lead index, so reruns agree). */
const HOLDOUT_SHARE = 0.3;
const L2 = 1;

export function isHeldOut(i: number): boolean {
  return ((Math.imul(i + 1, 2654435761) >>> 0) % 1000) / 1000 < HOLDOUT_SHARE;
}

export function describeRule(r: FitRule): string {
  const v = Array.isArray(r.value) ? (r.op === 'between' ? `${r.value[0]} and ${r.value[1]}` : r.value.join(', ')) : String(r.value);
  if (r.op === 'free_email') return `${r.field} is a free email${r.value ? '' : ' (negated)'}`;
  if (r.op === 'missing') return `${r.field} is missing${r.value ? '' : ' (negated)'}`;
  return `${r.field} ${r.op.replace('_', ' ')} ${v}`;
}

interface Design {
  /** Lead index per labelled row. */
  readonly leads: Int32Array;
  readonly y: Uint8Array;
  readonly columns: Float64Array[];
  /** Activity type code per activity column. */
  readonly types: number[];
  readonly rules: FitRule[];
  readonly support: number[];
  /** Count at which each activity column is capped (Infinity none). */
  readonly capCounts: number[];
}

/** Decayed, capped activity counts at the MQL moment and fit-rule matches, per labelled lead. */
function design(session: ForecastSession, current: Policy): Design {
  const { cols, hist } = session;
  const rules = compileRules(current, cols.activities);
  const leads: number[] = [];
  for (let i = 0; i < hist.n; i++) if (hist.handed[i] && hist.mature[i] && Number.isFinite(hist.mqlAt[i]!)) leads.push(i);
  const m = leads.length;
  const nTypes = cols.activities.types.length;
  const counts = Array.from({ length: nTypes }, () => new Float64Array(m));
  const seen = new Float64Array(nTypes);
  const { leadOffsets, typeCode, time } = cols.activities;
  leads.forEach((i, k) => {
    const t = hist.mqlAt[i]!;
    const touched = new Set<number>();
    for (let j = leadOffsets[i]!; j < leadOffsets[i + 1]!; j++) {
      const tj = time[j]!;
      if (tj > t) break;
      if (t - tj >= rules.lookbackMs) continue;
      const c = typeCode[j]!;
      counts[c]![k] = counts[c]![k]! + (rules.halfLifeMs > 0 ? 0.5 ** ((t - tj) / rules.halfLifeMs) : 1);
      touched.add(c);
    }
    for (const c of touched) seen[c] = seen[c]! + 1;
  });
  const types: number[] = [];
  const columns: Float64Array[] = [];
  const support: number[] = [];
  const capCounts: number[] = [];
  for (let c = 0; c < nTypes; c++) {
    if (seen[c]! < MIN_SUPPORT) continue;
    // A capped type stops counting where its points reach the cap: the same count cap carries over to new points.
    const cap = rules.capped[c] && rules.points[c]! > 0 ? rules.caps[c]! / rules.points[c]! : Infinity;
    types.push(c);
    columns.push(Number.isFinite(cap) ? counts[c]!.map((v) => Math.min(v, cap)) : counts[c]!);
    support.push(seen[c]!);
    capCounts.push(cap);
  }
  const fitRules: FitRule[] = [];
  const match = new Float64Array(cols.leads.n);
  for (const r of current.scoring.fit_points) {
    computeFitPoints(cols.leads, [{ ...r, points: 1 } as FitRule], match);
    const col = Float64Array.from(leads, (i) => (match[i]! > 0 ? 1 : 0));
    const n = col.reduce((a, v) => a + v, 0);
    if (n < MIN_SUPPORT || n > m - MIN_SUPPORT) continue;
    fitRules.push(r);
    columns.push(col);
    support.push(n);
  }
  return { leads: Int32Array.from(leads), y: Uint8Array.from(leads, (i) => hist.opp90[i]!), columns, types, rules: fitRules, support, capCounts };
}

function sd(v: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let k = 0; k < v.length; k++) {
    const x = v[k]!;
    if (!Number.isFinite(x)) continue;
    s += x;
    s2 += x * x;
    n++;
  }
  return n > 1 ? Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) : 0;
}

function compare(held: Int32Array, y: Uint8Array, current: Float64Array, suggested: Float64Array): HeldOutComparison {
  const cur = Float64Array.from(held, (i) => current[i]!);
  const sug = Float64Array.from(held, (i) => suggested[i]!);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    leads: held.length,
    positives: y.reduce((a, v) => a + v, 0),
    aucCurrent: num(rocAuc(cur, y)),
    aucSuggested: num(rocAuc(sug, y)),
    topDecileLiftCurrent: num(liftByDecile(cur, y)[0]?.lift ?? Number.NaN),
    topDecileLiftSuggested: num(liftByDecile(sug, y)[0]?.lift ?? Number.NaN),
  };
}

/** The threshold whose MQL count under `policy` is closest to `target` (searched over the scores seen). */
function thresholdForVolume(session: ForecastSession, policy: Policy, target: number): number {
  const index = buildSweepIndex(session.replayer, policy);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of index.recScore) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (!Number.isFinite(lo)) return policy.mql.threshold;
  lo = Math.max(1, Math.floor(lo));
  hi = Math.max(lo + 1, Math.ceil(hi));
  const ts = Array.from({ length: Math.min(1000, hi - lo + 1) }, (_, k) => lo + Math.round(((hi - lo) * k) / Math.max(1, Math.min(999, hi - lo))));
  const r = sweepThresholds(index, ts);
  let best = 0;
  for (let k = 1; k < ts.length; k++) if (Math.abs(r.handed[k]! - target) < Math.abs(r.handed[best]! - target)) best = k;
  return ts[best]!;
}

export function suggestWeights(session: ForecastSession, current: Policy = session.baseline): SuggestedWeights {
  const started = performance.now();
  const { cols } = session;
  const d = design(session, current);
  const train: number[] = [];
  const held: number[] = [];
  d.leads.forEach((i, k) => (isHeldOut(i) ? held : train).push(k));
  if (train.length < 200 || held.length < 50 || d.columns.length === 0) {
    throw new Error(`Suggested weights need at least 300 handed-off leads whose 90-day outcome is known; the history has ${d.leads.length}.`);
  }
  const x = d.columns.map((c) => Float64Array.from(train, (k) => c[k]!));
  const yTrain = Uint8Array.from(train, (k) => d.y[k]!);
  const fit = fitLogistic(x, yTrain, { l2: L2, standardErrors: false });

  // Points on the current score's spread: one point of the suggested score is worth as much spread as one of today's.
  const currentScore = scoreAtHistoricalMql(session, current);
  let eta = new Float64Array(train.length);
  x.forEach((col, j) => col.forEach((v, k) => (eta[k] = eta[k]! + fit.coefficients[j]! * v)));
  const curTrain = Float64Array.from(train, (k) => currentScore[d.leads[k]!]!);
  const spread = sd(curTrain);
  const scale = sd(eta) > 0 ? (spread > 0 ? spread : 20) / sd(eta) : 0;
  eta = new Float64Array(0);
  const pointsOf = (j: number) => Math.round(fit.coefficients[j]! * scale);

  const activity_points: Record<string, number> = {};
  const activity_caps: Record<string, number> = {};
  const rows: WeightRow[] = [];
  const nameOf = (c: number) => cols.activities.types[c]!;
  const currentPoints = (type: string) => current.scoring.activity_points[type] ?? 0;
  d.types.forEach((c, j) => {
    const p = pointsOf(j);
    const type = nameOf(c);
    if (p !== 0) activity_points[type] = p;
    const capCount = d.capCounts[j]!;
    if (p > 0 && Number.isFinite(capCount)) activity_caps[type] = Math.max(1, Math.round(capCount * p));
    rows.push({ kind: 'activity', key: type, current: currentPoints(type), suggested: p, support: d.support[j]! });
  });
  // Types too rare to fit keep their current points.
  for (const [type, p] of Object.entries(current.scoring.activity_points)) {
    if (rows.some((r) => r.kind === 'activity' && r.key === type)) continue;
    activity_points[type] = p;
    if (current.scoring.activity_caps[type] !== undefined) activity_caps[type] = current.scoring.activity_caps[type]!;
    rows.push({ kind: 'activity', key: type, current: p, suggested: p, support: 0 });
  }
  const fit_points: FitRule[] = current.scoring.fit_points.map((r) => {
    const j = d.rules.indexOf(r);
    const p = j >= 0 ? pointsOf(d.types.length + j) : r.points;
    rows.push({ kind: 'fit', key: describeRule(r), current: r.points, suggested: p, support: j >= 0 ? d.support[d.types.length + j]! : 0 });
    return { ...r, points: p } as FitRule;
  });

  const draft: Scenario = parseScenario(
    {
      version: 1,
      name: 'Suggested weights (fitted on opportunities)',
      scoring: { activity_points, activity_caps, fit_points, decay_half_life_days: current.scoring.decay_half_life_days, lookback_days: current.scoring.lookback_days },
    },
    'suggested scenario',
  );
  const draftPolicy = resolvePolicy(current, draft);
  // Same MQL volume as today's policy, so the comparison is about who qualifies, not how many.
  const target = sweepThresholds(buildSweepIndex(session.replayer, current), [current.mql.threshold]).handed[0]!;
  const threshold = thresholdForVolume(session, draftPolicy, target);
  const scenario = parseScenario({ ...draft, mql: { threshold } }, 'suggested scenario');

  const heldLeads = Int32Array.from(held, (k) => d.leads[k]!);
  const heldOut = compare(heldLeads, Uint8Array.from(held, (k) => d.y[k]!), currentScore, scoreAtHistoricalMql(session, draftPolicy));
  const notes = [
    `Fitted on ${train.length.toLocaleString('en-US')} handed-off leads whose 90-day outcome is known (opportunity or not), judged on ${held.length.toLocaleString('en-US')} held out.`,
    `Points are a regularised logistic regression's coefficients scaled to the current score's spread and rounded; decay (${current.scoring.decay_half_life_days ?? 'none'}) and lookback (${current.scoring.lookback_days ?? 'none'}) are kept, caps keep their activity counts.`,
    `Threshold ${threshold} gives about the same MQL volume as today's ${current.mql.threshold}.`,
  ];
  if (current.mql.high_intent_types.length > 0) {
    notes.push(`High-intent types (${current.mql.high_intent_types.join(', ')}) hand a lead to sales whatever its score: their points only set its tier, and among handed-off leads they mark the ones that came in on that action alone.`);
  }
  const warnings: string[] = [
    'Only leads sales received have outcomes: the fit learns what separates good MQLs from poor ones, not how leads below today\'s threshold would have done.',
  ];
  if (heldOut.aucSuggested !== null && heldOut.aucCurrent !== null && heldOut.aucSuggested <= heldOut.aucCurrent) {
    warnings.push(`The suggested weights do not rank held-out leads better than the current ones (AUC ${heldOut.aucSuggested.toFixed(3)} vs ${heldOut.aucCurrent.toFixed(3)}): keep the current weights.`);
  }
  if (heldOut.aucSuggested !== null && heldOut.aucSuggested > 0.85) warnings.push('The suggested score separates outcomes suspiciously well (AUC above 0.85): check that no activity is logged after the sale.');
  return { scenario, outcome: 'opportunity', rows, heldOut, notes, warnings, elapsedMs: performance.now() - started };
}
