// Features of a lead at its MQL moment, for the outcome models. Only what is
// known at that moment and independent of the scoring policy: fit attributes
// (size, seniority, industry, region, source, email kind), the trigger, and the
// activity history up to the MQL (counts per type, recent activity). The
// score itself is left out on purpose: a scenario may re-weight it, so a
// model on the old score would read a new score on the wrong scale; the
// activity counts are the score's inputs and carry its information under any
// weights. The vocabulary (which categories get a column) is fixed once from
// the handed-off leads, so a scenario's features line up with the fit's.
import { EMAIL_FREE, EMAIL_MISSING, type CodedColumn, type SessionColumns } from '../columns/types';
import type { CompiledRules } from '../replay/compile';
import { DAY_MS } from './history';

/**
 * The policy in force's score of a lead at instant t (SEMANTICS.md, activities
 * at or before t): a summary of intent on the one scale sales has outcomes
 * for. A scenario with other weights still gets the OLD score of its MQLs
 * here, so the models never read a score on a scale they were not fitted on.
 */
export interface BaselineScorer {
  readonly rules: CompiledRules;
  /** Fit points per lead under the policy in force. */
  readonly fit: Float64Array;
}

export function baselineScoreAt(cols: SessionColumns, sc: BaselineScorer, i: number, t: number, perType: Float64Array): number {
  const { leadOffsets, typeCode, time } = cols.activities;
  const { points, caps, halfLifeMs, lookbackMs } = sc.rules;
  perType.fill(0);
  for (let j = leadOffsets[i]!; j < leadOffsets[i + 1]!; j++) {
    const tj = time[j]!;
    if (tj > t) break;
    if (t - tj >= lookbackMs) continue;
    const p = points[typeCode[j]!]!;
    if (p === 0) continue;
    perType[typeCode[j]!] = perType[typeCode[j]!]! + (halfLifeMs > 0 ? p * 0.5 ** ((t - tj) / halfLifeMs) : p);
  }
  let score = sc.fit[i]!;
  for (let k = 0; k < perType.length; k++) score += Math.min(caps[k]!, perType[k]!);
  return score;
}

const MAX_LEVELS = { seniority: 8, industry: 10, region: 8, source: 12 } as const;
const MAX_ACTIVITY_TYPES = 20;
/** A level needs this many handed-off leads to get its own column (rarer ones share the baseline level). */
const MIN_LEVEL_COUNT = 20;

export interface FeatureSpec {
  readonly names: readonly string[];
  /** Per categorical field: codes that get a dummy column, in column order. */
  readonly levels: Readonly<Record<keyof typeof MAX_LEVELS, readonly number[]>>;
  /** Activity type codes that get a count column. */
  readonly activityTypes: readonly number[];
  /** log1p(company_size) filled with this where missing. */
  readonly sizeFill: number;
}

function topLevels(col: CodedColumn, rows: ArrayLike<number>, max: number): number[] {
  const counts = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) {
    const c = col.codes[rows[k]!]!;
    if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= MIN_LEVEL_COUNT)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, max)
    .map(([c]) => c)
    // The most common level is the reference (no column), so dummies stay identifiable with the intercept.
    .slice(1);
}

/** Vocabulary from the fitting rows (lead indices of handed-off leads). */
export function buildFeatureSpec(cols: SessionColumns, rows: ArrayLike<number>): FeatureSpec {
  const s = cols.leads.strings;
  const levels = {
    seniority: topLevels(s.seniority, rows, MAX_LEVELS.seniority),
    industry: topLevels(s.industry, rows, MAX_LEVELS.industry),
    region: topLevels(s.region, rows, MAX_LEVELS.region),
    source: topLevels(s.source, rows, MAX_LEVELS.source),
  };
  const { leadOffsets, typeCode, types } = cols.activities;
  const typeCounts = new Float64Array(types.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    for (let j = leadOffsets[i]!; j < leadOffsets[i + 1]!; j++) typeCounts[typeCode[j]!] = typeCounts[typeCode[j]!]! + 1;
  }
  const activityTypes = Array.from(typeCounts.keys())
    .filter((t) => typeCounts[t]! >= MIN_LEVEL_COUNT)
    .sort((a, b) => typeCounts[b]! - typeCounts[a]! || a - b)
    .slice(0, MAX_ACTIVITY_TYPES);
  const sizes: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const v = cols.leads.companySize[rows[k]!]!;
    if (Number.isFinite(v) && v >= 0) sizes.push(Math.log1p(v));
  }
  sizes.sort((a, b) => a - b);
  // high_intent is column 5 (kernel.ts featuresFor compares it).
  const names: string[] = ['log_size', 'log_size_sq', 'size_missing', 'email_free', 'email_missing', 'high_intent'];
  for (const f of ['seniority', 'industry', 'region', 'source'] as const) {
    for (const c of levels[f]) names.push(`${f}=${s[f].values[c]}`);
    names.push(`${f}_missing`);
  }
  for (const t of activityTypes) names.push(`n_${types[t]}`);
  names.push('n_activities', 'n_last_7d', 'n_last_30d', 'log_age_days', 'baseline_score', 'baseline_score_sq');
  return { names, levels, activityTypes, sizeFill: sizes.length > 0 ? sizes[Math.floor(sizes.length / 2)]! : Math.log1p(100) };
}

/**
 * Feature columns for `rows` (lead indices), each at its MQL instant `at[k]`
 * with trigger highIntent[k]. Activities at or before the instant count (the
 * MQL activity itself included). Column-major: one Float64Array per feature.
 */
export function buildFeatures(
  cols: SessionColumns,
  spec: FeatureSpec,
  rows: ArrayLike<number>,
  at: ArrayLike<number>,
  highIntent: ArrayLike<number>,
  scorer: BaselineScorer,
): Float64Array[] {
  const m = rows.length;
  const x = spec.names.map(() => new Float64Array(m));
  const s = cols.leads.strings;
  const { leadOffsets, typeCode, time } = cols.activities;
  const typeColumn = new Int32Array(cols.activities.types.length).fill(-1);
  let col = 0;
  const cLogSize = col++;
  const cLogSize2 = col++;
  const cSizeMissing = col++;
  const cFree = col++;
  const cEmailMissing = col++;
  const cHigh = col++;
  const catStart: Record<string, number> = {};
  for (const f of ['seniority', 'industry', 'region', 'source'] as const) {
    catStart[f] = col;
    col += spec.levels[f].length + 1;
  }
  spec.activityTypes.forEach((t, k) => (typeColumn[t] = col + k));
  col += spec.activityTypes.length;
  const cAll = col++;
  const c7 = col++;
  const c30 = col++;
  const cAge = col++;
  const cScore = col++;
  const cScore2 = col++;
  const perType = new Float64Array(cols.activities.types.length);
  const levelIndex = (['seniority', 'industry', 'region', 'source'] as const).map((f) => {
    const map = new Int32Array(s[f].values.length).fill(-1);
    spec.levels[f].forEach((code, k) => (map[code] = k));
    return { f, map, start: catStart[f]!, missing: catStart[f]! + spec.levels[f].length };
  });
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    const t = at[k]!;
    const size = cols.leads.companySize[i]!;
    const ls = Number.isFinite(size) && size >= 0 ? Math.log1p(size) : spec.sizeFill;
    x[cLogSize]![k] = ls;
    x[cLogSize2]![k] = (ls - spec.sizeFill) ** 2;
    x[cSizeMissing]![k] = Number.isFinite(size) ? 0 : 1;
    const ek = cols.leads.emailKind[i]!;
    x[cFree]![k] = ek === EMAIL_FREE ? 1 : 0;
    x[cEmailMissing]![k] = ek === EMAIL_MISSING ? 1 : 0;
    x[cHigh]![k] = highIntent[k]! ? 1 : 0;
    for (const li of levelIndex) {
      const code = s[li.f].codes[i]!;
      if (code < 0) x[li.missing]![k] = 1;
      else if (li.map[code]! >= 0) x[li.start + li.map[code]!]![k] = 1;
    }
    let all = 0;
    let n7 = 0;
    let n30 = 0;
    const a0 = leadOffsets[i]!;
    const a1 = leadOffsets[i + 1]!;
    for (let j = a0; j < a1; j++) {
      const tj = time[j]!;
      if (tj > t) break;
      all++;
      if (t - tj <= 7 * DAY_MS) n7++;
      if (t - tj <= 30 * DAY_MS) n30++;
      const c = typeColumn[typeCode[j]!]!;
      if (c >= 0) x[c]![k] = x[c]![k]! + 1;
    }
    for (let c = typeColumn.length > 0 ? cAll - spec.activityTypes.length : cAll; c < cAll; c++) x[c]![k] = Math.log1p(x[c]![k]!);
    x[cAll]![k] = Math.log1p(all);
    x[c7]![k] = Math.log1p(n7);
    x[c30]![k] = Math.log1p(n30);
    const created = cols.leads.createdAt[i]!;
    x[cAge]![k] = Number.isFinite(created) ? Math.log1p(Math.max(0, t - created) / DAY_MS) : 0;
    // Score in hundreds, squared around 60 points: a gentle curve, not a cliff at any threshold.
    const sc = baselineScoreAt(cols, scorer, i, t, perType) / 100;
    x[cScore]![k] = sc;
    x[cScore2]![k] = (sc - 0.6) ** 2;
  }
  return x;
}
