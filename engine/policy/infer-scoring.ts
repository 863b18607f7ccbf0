// Recovers the scoring in force when scoring_model.json is missing (issue #4).
// A score-triggered (or high-intent) handoff's score_at_mql is the policy's
// score of the lead's activities up to mql_at (engine/scoring/SEMANTICS.md):
// fit + sum over types of min(cap, points x decayed count). For each candidate
// half-life and lookback we regress score_at_mql on the decayed per-type counts
// plus lead-field indicators (least squares; per-type caps found as hinges of the
// partial residual), keep the best fit, turn it into activity_points, caps and
// fit rules, and adopt it only if replaying it reproduces history: each
// score-triggered handoff's first crossing at its mql_at with its score.
import { EMAIL_FREE, EMAIL_MISSING, TRIGGER_HIGH_INTENT, TRIGGER_SCORE, type SessionColumns } from '../columns/types';
import { Replayer } from '../replay/score';
import { DEFAULT_CAPACITY, DEFAULT_SIMULATION, DEFAULT_SLA, DEFAULT_WINDOW, type Policy, type ScoringPolicy } from '../scenario/policy';
import type { FitRule } from '../scenario/schema';

const DAY_MS = 86_400_000;
/** Half-lives tried (days; null = no decay) before a finer search around the best. Round values, not our generator's. */
const HALF_LIFE_GRID: readonly (number | null)[] = [null, 3, 7, 14, 21, 30, 45, 60, 90, 120, 180, 365];
const LOOKBACK_GRID: readonly (number | null)[] = [null, 7, 14, 30, 60, 90, 180, 365];
/** Rows used to fit (a deterministic stride over the handoffs beyond that): the fit has few parameters. */
const MAX_FIT_ROWS = 6000;
/** A lead field with more distinct values among the fitted leads is not a candidate for fit rules. */
const MAX_LEVELS = 40;
/** A level (or company-size bin) needs this many fitted leads to get its own coefficient. */
const MIN_LEVEL_ROWS = 5;
const SIZE_BINS = 16;
/** Fit coefficients smaller than this (points) are taken as 0: scores are recorded to a few decimals. */
const NEGLIGIBLE_POINTS = 0.5;
/** Share of score-triggered handoffs the replay must put at their mql_at (and score) for the inference to be adopted. */
export const MIN_REPRODUCED_SHARE = 0.95;
/** A replayed MQL within this of the historical mql_at counts as the same moment. */
const TIME_TOLERANCE_MS = 60_000;
/** A candidate reproducing this share needs no further candidates checked. */
const EXACT_SHARE = 0.999;
const SEARCH_ROUNDS = 2;

export interface ScoringInference {
  /** The recovered scoring, or null when it did not reproduce history (the caller stays threshold-only). */
  readonly scoring: ScoringPolicy | null;
  /** Plain-words notes: what was recovered and how well it reproduces history. */
  readonly notes: readonly string[];
  /** Share of score-triggered handoffs replayed at their mql_at with their score (NaN when not checked). */
  readonly reproduced: number;
  readonly checked: number;
  readonly elapsedMs: number;
}

interface Rows {
  /** Lead index per row. */
  readonly lead: Int32Array;
  readonly mqlAt: Float64Array;
  readonly y: Float64Array;
}

/** A lead-field design column: which rows it is 1 for, and what it stands for. */
interface FitColumn {
  readonly field: string;
  /** 'level' value, 'missing', 'free' (email), or a company-size segment starting at `lo`. */
  readonly kind: 'level' | 'missing' | 'free' | 'size';
  readonly value: string;
  readonly lo: number;
  readonly x: Float64Array;
}

interface Fitted {
  readonly rss: number;
  readonly points: Float64Array;
  readonly caps: Float64Array;
  readonly fitCoef: Float64Array;
  readonly intercept: number;
  readonly pred: Float64Array;
}

const TEXT_FIELDS = ['industry', 'region', 'seniority', 'source', 'title', 'campaign'] as const;

export function inferScoring(cols: SessionColumns, mql: { threshold: number; high_intent_types: readonly string[] }): ScoringInference {
  const started = performance.now();
  const done = (scoring: ScoringPolicy | null, notes: string[], reproduced = NaN, checked = 0): ScoringInference => ({
    scoring,
    notes,
    reproduced,
    checked,
    elapsedMs: performance.now() - started,
  });
  const rows = fitRows(cols);
  const nTypes = cols.activities.types.length;
  if (rows.lead.length < 30 || nTypes === 0) {
    return done(null, ['scoring: too few handoffs with score_at_mql and activities to recover the activity points']);
  }
  const fitCols = fitColumns(cols, rows);

  // Half-life: the grid, then a golden-section search in log days between the best point's neighbours.
  // The search compares candidates with two rounds of cap finding; the final fit takes all its rounds.
  const evalAt = (h: number | null, l: number | null): Fitted => fitModel(decayedCounts(cols, rows, h, l), nTypes, fitCols, rows.y, SEARCH_ROUNDS);
  let best = { h: null as number | null, l: null as number | null, f: evalAt(null, null) };
  const grid = HALF_LIFE_GRID.map((h) => ({ h, f: h === null ? best.f : evalAt(h, null) }));
  grid.forEach((g) => {
    if (g.f.rss < best.f.rss) best = { h: g.h, l: null, f: g.f };
  });
  if (best.h !== null) {
    const idx = HALF_LIFE_GRID.indexOf(best.h);
    const lo = Math.log(HALF_LIFE_GRID[Math.max(1, idx - 1)] ?? best.h);
    const hi = Math.log(HALF_LIFE_GRID[Math.min(HALF_LIFE_GRID.length - 1, idx + 1)] ?? best.h);
    const h = goldenMin(lo, hi, 10, (x) => evalAt(Math.exp(x), null).rss);
    // Whole days when they fit as well: policies are written in round numbers.
    const fine = { h: Math.exp(h), f: evalAt(Math.exp(h), null) };
    const whole = [Math.floor(fine.h), Math.ceil(fine.h)].filter((d) => d > 0).map((d) => ({ h: d, f: evalAt(d, null) }));
    const bestWhole = whole.sort((a, b) => a.f.rss - b.f.rss)[0];
    const pick = bestWhole && bestWhole.f.rss <= fine.f.rss * 1.01 + 1e-9 ? bestWhole : fine;
    if (pick.f.rss < best.f.rss) best = { h: pick.h, l: null, f: pick.f };
  }
  for (const l of LOOKBACK_GRID) {
    if (l === null) continue;
    const f = evalAt(best.h, l);
    if (f.rss < best.f.rss * 0.95) best = { h: best.h, l, f };
  }

  // Company size: exact change points from the partial residual, then one refit with them.
  const sizeSegments = sizeChangePoints(cols, rows, fitCols, best.f);
  let finalCols = [...fitCols.filter((c) => c.kind !== 'size'), ...sizeSegments];
  const D = decayedCounts(cols, rows, best.h, best.l);
  let final = fitModel(D, nTypes, finalCols, rows.y);
  // Lead fields the policy does not score come out near 0: drop them and refit, so noise does not become rules.
  const kept = finalCols.filter((_, q) => Math.abs(final.fitCoef[q]!) >= NEGLIGIBLE_POINTS);
  if (kept.length < finalCols.length) {
    finalCols = kept;
    final = fitModel(D, nTypes, finalCols, rows.y);
  }
  const rmse = Math.sqrt(final.rss / rows.y.length);

  // Scoring models are written by people in whole points and days: the same fit snapped to them is tried
  // too (half-life one day either side as well), and the replay decides which reproduces history best.
  const raw = toScoring(cols, final, finalCols, best.h, best.l, nice);
  const halfLives = best.h === null ? [null] : [...new Set([Math.round(best.h), Math.round(best.h) - 1, Math.round(best.h) + 1])].filter((d) => d > 0);
  const candidates = [...halfLives.map((h) => toScoring(cols, final, finalCols, h, best.l, Math.round)), raw];
  let scoring = raw;
  let check = { share: -1, checked: 0, highIntentShare: NaN, highIntentChecked: 0 };
  for (const cand of candidates) {
    const c = verify(cols, cand, mql);
    if (c.share > check.share + 1e-9) {
      scoring = cand;
      check = c;
    }
    if (check.share >= EXACT_SHARE) break; // each check is a full replay: stop once history is reproduced
  }
  const shareText = `${(check.share * 100).toFixed(1)}% of ${check.checked} score-triggered handoffs`;
  const recovered = describe(scoring);
  if (check.share >= MIN_REPRODUCED_SHARE) {
    return done(
      scoring,
      [
        `scoring: recovered from history (no scoring_model.json): ${recovered}`,
        `scoring: the recovered points reproduce ${shareText} at their mql_at and score_at_mql (least-squares fit error ${rmse.toFixed(2)} points over ${rows.y.length} handoffs); high-intent handoffs: ${(check.highIntentShare * 100).toFixed(1)}% of ${check.highIntentChecked}`,
      ],
      check.share,
      check.checked,
    );
  }
  return done(
    null,
    [
      `scoring.activity_points: unknown; the best fit to score_at_mql (${recovered}) reproduces only ${shareText}, under the ${MIN_REPRODUCED_SHARE * 100}% needed, so it is not used; give points in a scenario to re-score, otherwise only threshold what-ifs`,
    ],
    check.share,
    check.checked,
  );
}

/** Handoffs whose score_at_mql the scoring explains: score- or high-intent-triggered, with a score and activities. */
function fitRows(cols: SessionColumns): Rows {
  const { handoffs, activities } = cols;
  const picked: number[] = [];
  for (let i = 0; i < cols.leads.n; i++) {
    const t = handoffs.trigger[i];
    if (t !== TRIGGER_SCORE && t !== TRIGGER_HIGH_INTENT) continue;
    const y = handoffs.scoreAtMql[i]!;
    const at = handoffs.mqlAt[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(at)) continue;
    const a0 = activities.leadOffsets[i]!;
    if (a0 === activities.leadOffsets[i + 1] || activities.time[a0]! > at) continue;
    picked.push(i);
  }
  const stride = Math.max(1, picked.length / MAX_FIT_ROWS);
  const lead: number[] = [];
  for (let q = 0; q < picked.length; q += stride) lead.push(picked[Math.floor(q)]!);
  return {
    lead: Int32Array.from(lead),
    mqlAt: Float64Array.from(lead, (i) => handoffs.mqlAt[i]!),
    y: Float64Array.from(lead, (i) => handoffs.scoreAtMql[i]!),
  };
}

/** Per row and type: the decayed count of the lead's activities up to mql_at (rows x nTypes, row-major). */
function decayedCounts(cols: SessionColumns, rows: Rows, halfLifeDays: number | null, lookbackDays: number | null): Float64Array {
  const { leadOffsets, time, typeCode, types } = cols.activities;
  const T = types.length;
  const D = new Float64Array(rows.lead.length * T);
  const hl = halfLifeDays === null ? 0 : halfLifeDays * DAY_MS;
  const lb = lookbackDays === null ? Infinity : lookbackDays * DAY_MS;
  for (let r = 0; r < rows.lead.length; r++) {
    const i = rows.lead[r]!;
    const at = rows.mqlAt[r]!;
    for (let j = leadOffsets[i]!; j < leadOffsets[i + 1]!; j++) {
      const t = time[j]!;
      if (t > at) break;
      if (!(t > at - lb)) continue;
      D[r * T + typeCode[j]!] += hl === 0 ? 1 : 0.5 ** ((at - t) / hl);
    }
  }
  return D;
}

/** Indicator columns for lead fields that could carry fit points; the most common level of each field is the reference. */
function fitColumns(cols: SessionColumns, rows: Rows): FitColumn[] {
  const n = rows.lead.length;
  const out: FitColumn[] = [];
  const push = (field: string, kind: FitColumn['kind'], value: string, lo: number, on: (i: number) => boolean): void => {
    const x = Float64Array.from(rows.lead, (i) => (on(i) ? 1 : 0));
    let c = 0;
    for (const v of x) c += v;
    if (c >= MIN_LEVEL_ROWS && c <= n - MIN_LEVEL_ROWS) out.push({ field, kind, value, lo, x });
  };
  for (const field of TEXT_FIELDS) {
    const col = cols.leads.strings[field];
    const counts = new Map<number, number>();
    for (const i of rows.lead) counts.set(col.codes[i]!, (counts.get(col.codes[i]!) ?? 0) + 1);
    if (counts.size < 2 || counts.size > MAX_LEVELS) continue;
    const ref = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const code of counts.keys()) {
      if (code === ref) continue;
      if (code < 0) push(field, 'missing', '', NaN, (i) => col.codes[i]! < 0);
      else push(field, 'level', col.values[code]!, NaN, (i) => col.codes[i] === code);
    }
  }
  const kind = cols.leads.emailKind;
  push('email', 'free', '', NaN, (i) => kind[i] === EMAIL_FREE);
  push('email', 'missing', '', NaN, (i) => kind[i] === EMAIL_MISSING);
  // company_size: quantile bins for the search; sizeChangePoints replaces them with exact segments.
  const size = cols.leads.companySize;
  const present = Array.from(rows.lead, (i) => size[i]!).filter(Number.isFinite).sort((a, b) => a - b);
  if (present.length >= 2 * MIN_LEVEL_ROWS) {
    push('company_size', 'missing', '', NaN, (i) => !Number.isFinite(size[i]!));
    const edges = new Set<number>();
    for (let b = 1; b < SIZE_BINS; b++) edges.add(present[Math.floor((b * present.length) / SIZE_BINS)]!);
    for (const lo of [...edges].sort((a, b) => a - b)) push('company_size', 'size', '', lo, (i) => size[i]! >= lo);
  }
  return out;
}

/**
 * Least squares of y on: per type, points x count (or the cap where it binds), the fit columns and an
 * intercept. Caps make it piecewise linear: which rows are capped is fixed, the linear fit solved, the
 * assignment updated; a type gets a cap where a hinge of its partial residual fits clearly better.
 */
function fitModel(D: Float64Array, T: number, fitCols: readonly FitColumn[], y: Float64Array, rounds = 6): Fitted {
  const n = y.length;
  const caps = new Float64Array(T).fill(Infinity);
  let cur = solveCapped(D, T, fitCols, y, caps, null);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (let k = 0; k < T; k++) {
      const p = cur.points[k]!;
      if (!(p > 0)) {
        if (caps[k] !== Infinity) {
          caps[k] = Infinity;
          changed = true;
        }
        continue;
      }
      // Partial residual of type k: what it should contribute given the rest.
      const r = new Float64Array(n);
      const d = new Float64Array(n);
      let rssNone = 0;
      for (let i = 0; i < n; i++) {
        d[i] = D[i * T + k]!;
        r[i] = y[i]! - cur.pred[i]! + Math.min(caps[k]!, p * d[i]!);
        rssNone += (r[i]! - p * d[i]!) ** 2;
      }
      const hinge = bestHinge(d, r);
      const want = hinge !== null && rssNone - hinge.rss > Math.max(0.01 * cur.rss, 1e-6 * n) ? hinge.cap : Infinity;
      if (Math.abs(want - caps[k]!) > 1e-6 * (1 + Math.abs(want)) || (want === Infinity) !== (caps[k] === Infinity)) {
        caps[k] = want;
        changed = true;
      }
    }
    const next = solveCapped(D, T, fitCols, y, caps, cur);
    for (let k = 0; k < T; k++) if (caps[k] !== Infinity) caps[k] = next.caps[k]!;
    const moved = Math.abs(next.rss - cur.rss) > 1e-9 * (1 + cur.rss);
    cur = next;
    if (!changed && !moved) break;
  }
  return cur;
}

/** For a type's partial residual r against its count d: r ~ p x min(d, b), the best b over quantiles of d. */
function bestHinge(d: Float64Array, r: Float64Array): { cap: number; rss: number } | null {
  const pos = Array.from(d).filter((v) => v > 0).sort((a, b) => a - b);
  if (pos.length < 2 * MIN_LEVEL_ROWS) return null;
  let best: { cap: number; rss: number } | null = null;
  // Quantiles, and the top counts one by one: a cap may bind for a handful of leads only.
  const cands = new Set<number>();
  for (let q = 1; q < 20; q++) cands.add(pos[Math.floor((q * (pos.length - 1)) / 20)]!);
  for (let q = Math.max(0, pos.length - 2 * MIN_LEVEL_ROWS); q < pos.length - 1; q++) cands.add(pos[q]!);
  for (const b of cands) {
    if (b <= 0) continue;
    let sm = 0;
    let smr = 0;
    for (let i = 0; i < d.length; i++) {
      const m = Math.min(d[i]!, b);
      sm += m * m;
      smr += m * r[i]!;
    }
    if (sm === 0) continue;
    const p = smr / sm;
    let rss = 0;
    for (let i = 0; i < d.length; i++) rss += (r[i]! - p * Math.min(d[i]!, b)) ** 2;
    if (p > 0 && (best === null || rss < best.rss)) best = { cap: p * b, rss };
  }
  return best;
}

/**
 * The linear fit for a given set of capped types: a capped type's rows above the cap (by the previous
 * fit's points) contribute the cap, a parameter of its own; below it, points x count.
 */
function solveCapped(D: Float64Array, T: number, fitCols: readonly FitColumn[], y: Float64Array, caps: Float64Array, prev: Fitted | null): Fitted {
  const n = y.length;
  const cappedTypes: number[] = [];
  for (let k = 0; k < T; k++) if (caps[k] !== Infinity) cappedTypes.push(k);
  const P = T + cappedTypes.length + fitCols.length + 1;
  const atCap = (i: number, k: number): boolean => {
    if (caps[k] === Infinity) return false;
    const p = prev?.points[k] ?? 0;
    return p * D[i * T + k]! >= caps[k]!;
  };
  // Rows are sparse (a lead has a few activity types and one level per field): only non-zeros are visited.
  const row = new Float64Array(P);
  const nz = new Int32Array(P);
  let nnz = 0;
  const A = new Float64Array(P * P);
  const b = new Float64Array(P);
  const fill = (i: number): void => {
    for (let q = 0; q < nnz; q++) row[nz[q]!] = 0;
    nnz = 0;
    const set = (u: number, v: number): void => {
      if (v === 0) return;
      row[u] = v;
      nz[nnz++] = u;
    };
    for (let k = 0; k < T; k++) if (!atCap(i, k)) set(k, D[i * T + k]!);
    cappedTypes.forEach((k, q) => set(T + q, atCap(i, k) ? 1 : 0));
    fitCols.forEach((c, q) => set(T + cappedTypes.length + q, c.x[i]!));
    set(P - 1, 1);
  };
  for (let i = 0; i < n; i++) {
    fill(i);
    for (let q = 0; q < nnz; q++) {
      const u = nz[q]!;
      const ru = row[u]!;
      b[u] += ru * y[i]!;
      for (let w = 0; w < nnz; w++) {
        const v = nz[w]!;
        if (v >= u) A[u * P + v] += ru * row[v]!;
      }
    }
  }
  for (let u = 0; u < P; u++) for (let v = 0; v < u; v++) A[u * P + v] = A[v * P + u]!;
  const beta = solveSymmetric(A, b, P);
  const pred = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    fill(i);
    let s = 0;
    for (let q = 0; q < nnz; q++) s += row[nz[q]!]! * beta[nz[q]!]!;
    pred[i] = s;
    rss += (y[i]! - s) ** 2;
  }
  const points = beta.slice(0, T);
  const outCaps = new Float64Array(T).fill(Infinity);
  cappedTypes.forEach((k, q) => (outCaps[k] = beta[T + q]!));
  return { rss, points, caps: outCaps, fitCoef: beta.slice(T + cappedTypes.length, P - 1), intercept: beta[P - 1]!, pred };
}

/** Solves A x = b (A symmetric positive semi-definite) with a tiny ridge, by Cholesky. */
function solveSymmetric(A: Float64Array, b: Float64Array, P: number): Float64Array {
  let trace = 0;
  for (let u = 0; u < P; u++) trace += A[u * P + u]!;
  const ridge = 1e-10 * (trace / P + 1);
  const L = new Float64Array(P * P);
  for (let u = 0; u < P; u++) {
    for (let v = 0; v <= u; v++) {
      let s = A[u * P + v]! + (u === v ? ridge : 0);
      for (let w = 0; w < v; w++) s -= L[u * P + w]! * L[v * P + w]!;
      if (u === v) L[u * P + u] = Math.sqrt(Math.max(s, 1e-300));
      else L[u * P + v] = s / L[v * P + v]!;
    }
  }
  const z = new Float64Array(P);
  for (let u = 0; u < P; u++) {
    let s = b[u]!;
    for (let w = 0; w < u; w++) s -= L[u * P + w]! * z[w]!;
    z[u] = s / L[u * P + u]!;
  }
  const x = new Float64Array(P);
  for (let u = P - 1; u >= 0; u--) {
    let s = z[u]!;
    for (let w = u + 1; w < P; w++) s -= L[w * P + u]! * x[w]!;
    x[u] = s / L[u * P + u]!;
  }
  return x;
}

function goldenMin(lo: number, hi: number, iters: number, f: (x: number) => number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 0; k < iters; k++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Company size's contribution as a step function with exact change points: binary segmentation of the
 * partial residual (score minus everything but the size bins) sorted by size. Returns 'size' columns
 * (size >= lo), each change point placed at the roundest number between the neighbouring sizes.
 */
function sizeChangePoints(cols: SessionColumns, rows: Rows, fitCols: readonly FitColumn[], f: Fitted): FitColumn[] {
  const size = cols.leads.companySize;
  const sizeCols = fitCols.map((c, q) => ({ c, q })).filter(({ c }) => c.kind === 'size');
  if (sizeCols.length === 0) return [];
  const pts: { s: number; r: number }[] = [];
  for (let i = 0; i < rows.lead.length; i++) {
    const s = size[rows.lead[i]!]!;
    if (!Number.isFinite(s)) continue;
    let part = 0;
    for (const { c, q } of sizeCols) part += c.x[i]! * f.fitCoef[q]!;
    pts.push({ s, r: rows.y[i]! - f.pred[i]! + part });
  }
  pts.sort((a, b) => a.s - b.s);
  const total = sse(pts, 0, pts.length);
  const cuts: number[] = [];
  const split = (a: number, b: number, depth: number): void => {
    if (depth > 4 || b - a < 2 * MIN_LEVEL_ROWS) return;
    const base = sse(pts, a, b);
    let bestAt = -1;
    let bestSse = base;
    // prefix sums over [a, b)
    let sl = 0;
    let sl2 = 0;
    let sAll = 0;
    let s2All = 0;
    for (let k = a; k < b; k++) {
      sAll += pts[k]!.r;
      s2All += pts[k]!.r ** 2;
    }
    for (let k = a; k < b - 1; k++) {
      sl += pts[k]!.r;
      sl2 += pts[k]!.r ** 2;
      if (pts[k]!.s === pts[k + 1]!.s) continue;
      const nl = k - a + 1;
      const nr = b - a - nl;
      if (nl < MIN_LEVEL_ROWS || nr < MIN_LEVEL_ROWS) continue;
      const e = sl2 - (sl * sl) / nl + (s2All - sl2) - ((sAll - sl) ** 2) / nr;
      if (e < bestSse) {
        bestSse = e;
        bestAt = k;
      }
    }
    // A real step removes a clear share of the segment's and the whole residual's spread.
    if (bestAt < 0 || base - bestSse < 0.05 * base || base - bestSse < 0.002 * total + 1e-6) return;
    cuts.push(roundestIn(pts[bestAt]!.s, pts[bestAt + 1]!.s));
    split(a, bestAt + 1, depth + 1);
    split(bestAt + 1, b, depth + 1);
  };
  split(0, pts.length, 0);
  return cuts
    .sort((a, b) => a - b)
    .map((lo) => ({ field: 'company_size', kind: 'size' as const, value: '', lo, x: Float64Array.from(rows.lead, (i) => (size[i]! >= lo ? 1 : 0)) }));
}

function sse(pts: readonly { r: number }[], a: number, b: number): number {
  let s = 0;
  let s2 = 0;
  for (let k = a; k < b; k++) {
    s += pts[k]!.r;
    s2 += pts[k]!.r ** 2;
  }
  return b > a ? s2 - (s * s) / (b - a) : 0;
}

/** The number in (a, b] with the most trailing zeros (a change point between two observed sizes). */
function roundestIn(a: number, b: number): number {
  for (let p = 10 ** Math.ceil(Math.log10(Math.max(1, Math.abs(b)))); p >= 1; p /= 10) {
    const c = (Math.floor(a / p) + 1) * p;
    if (c <= b) return c;
  }
  return b;
}

/** Points rounded to the nearest integer when within 0.05 of it, else to 0.01: history's scores are rounded too. */
function nice(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 0.05 ? r : Math.round(x * 100) / 100;
}

function toScoring(
  cols: SessionColumns,
  f: Fitted,
  fitCols: readonly FitColumn[],
  halfLife: number | null,
  lookback: number | null,
  nice: (x: number) => number,
): ScoringPolicy {
  const types = cols.activities.types;
  const activity_points: Record<string, number> = {};
  const activity_caps: Record<string, number> = {};
  types.forEach((t, k) => {
    const p = nice(f.points[k]!);
    if (p !== 0) activity_points[t] = p;
    const c = f.caps[k]!;
    if (c !== Infinity && p > 0) activity_caps[t] = nice(c);
  });
  const fit_points: FitRule[] = [];
  const intercept = nice(f.intercept);
  // The intercept applies to every lead: written as a rule nobody escapes (a field present or missing).
  if (intercept !== 0) {
    fit_points.push({ field: 'company_size', op: 'missing', value: true, points: intercept });
    fit_points.push({ field: 'company_size', op: 'missing', value: false, points: intercept });
  }
  const byField = new Map<string, Map<number, string[]>>();
  fitCols.forEach((c, q) => {
    const pts = nice(f.fitCoef[q]!);
    if (pts === 0) return;
    if (c.kind === 'level') {
      const m = byField.get(c.field) ?? new Map<number, string[]>();
      m.set(pts, [...(m.get(pts) ?? []), c.value]);
      byField.set(c.field, m);
    } else if (c.kind === 'missing') fit_points.push({ field: c.field, op: 'missing', value: true, points: pts });
    else if (c.kind === 'free') fit_points.push({ field: 'email', op: 'free_email', value: true, points: pts });
    else fit_points.push({ field: 'company_size', op: 'gte', value: c.lo, points: pts });
  });
  for (const [field, m] of byField) {
    for (const [pts, values] of m) {
      fit_points.push(values.length === 1 ? { field, op: 'eq', value: values[0]!, points: pts } : { field, op: 'in', value: values.sort(), points: pts });
    }
  }
  return {
    activity_points,
    activity_caps,
    fit_points,
    decay_half_life_days: halfLife === null ? null : Math.round(halfLife * 100) / 100,
    lookback_days: lookback,
  };
}

function describe(s: ScoringPolicy): string {
  const pts = Object.entries(s.activity_points)
    .map(([t, p]) => `${t} ${p}${s.activity_caps[t] !== undefined ? ` (cap ${s.activity_caps[t]})` : ''}`)
    .join(', ');
  const fit = s.fit_points
    .map((r) => `${r.field} ${r.op} ${Array.isArray(r.value) ? r.value.join('/') : String(r.value)}: ${r.points}`)
    .join('; ');
  const decay = s.decay_half_life_days === null ? 'no decay' : `half-life ${s.decay_half_life_days} days`;
  const lookback = s.lookback_days === null ? 'no lookback' : `lookback ${s.lookback_days} days`;
  return `activity points ${pts || 'none'}; fit points ${fit || 'none'}; ${decay}; ${lookback}`;
}

/** Replays the scoring with history's threshold and high-intent types: which handoffs land at their mql_at with their score. */
function verify(
  cols: SessionColumns,
  scoring: ScoringPolicy,
  mql: { threshold: number; high_intent_types: readonly string[] },
): { share: number; checked: number; highIntentShare: number; highIntentChecked: number } {
  const policy: Policy = {
    name: null,
    scoring,
    mql: { threshold: mql.threshold, high_intent_types: mql.high_intent_types, require_business_email: false, require_fields: [] },
    tiers: [{ name: 'All', min_score: -1e12, first_contact_sla_hours: 24 }],
    sla: DEFAULT_SLA,
    capacity: DEFAULT_CAPACITY,
    window: DEFAULT_WINDOW,
    simulation: DEFAULT_SIMULATION,
    provenance: { inferred: true, notes: [], thresholdOnly: false },
  };
  const r = new Replayer(cols).rescore(policy);
  const h = cols.handoffs;
  let ok = 0;
  let checked = 0;
  let hiOk = 0;
  let hiChecked = 0;
  for (let i = 0; i < cols.leads.n; i++) {
    const t = h.trigger[i];
    if ((t !== TRIGGER_SCORE && t !== TRIGGER_HIGH_INTENT) || !Number.isFinite(h.mqlAt[i]!)) continue;
    const y = h.scoreAtMql[i]!;
    const sameTime = Math.abs(r.mqlAt[i]! - h.mqlAt[i]!) <= TIME_TOLERANCE_MS;
    const sameScore = !Number.isFinite(y) || Math.abs(r.scoreAtMql[i]! - y) <= Math.max(0.5, 0.01 * Math.abs(y));
    if (t === TRIGGER_SCORE) {
      checked++;
      if (sameTime && sameScore) ok++;
    } else {
      hiChecked++;
      if (sameTime && sameScore) hiOk++;
    }
  }
  return { share: checked > 0 ? ok / checked : 0, checked, highIntentShare: hiChecked > 0 ? hiOk / hiChecked : NaN, highIntentChecked: hiChecked };
}
