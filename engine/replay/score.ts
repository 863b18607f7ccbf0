// Re-scoring every lead under a policy: the MQL moment, trigger, score and
// tier per lead, as typed arrays. A Replayer owns its output buffers and
// caches (fit points, pre-flight, decay factors) and reuses them across calls,
// so dragging a slider allocates nothing: each call overwrites the last result.
import { TRIGGER_HIGH_INTENT, TRIGGER_MANUAL, TRIGGER_NONE, TRIGGER_SCORE, type SessionColumns } from '../columns/types';
import type { Policy } from '../scenario/policy';
import { computeFitPoints, computePreflight } from '../scoring/fit';
import { compileRules, slack, tierFor, type CompiledRules } from './compile';
import {
  ScanScratch,
  buildDecayCache,
  buildTypeHistogram,
  scanLead,
  scoreBound,
  type DecayCache,
  type LeadScan,
  type RecordSink,
  type ScanInputs,
  type TypeHistogram,
} from './kernel';
import { windowRange, type WindowRange } from './window';

/** flags bits */
export const FLAG_IN_WINDOW = 1;
/** Failed a pre-flight check: goes to the data-completion queue at its MQL moment, not to sales. */
export const FLAG_DATA_COMPLETION = 2;

export interface ReplaySummary {
  /** MQL moments anywhere in time. */
  mqls: number;
  /** MQL moments inside the window (handed to sales + data-completion queue). */
  mqlsInWindow: number;
  handedInWindow: number;
  dataCompletionInWindow: number;
  /** Handed-to-sales MQLs in the window per tier (index into policy.tiers). */
  readonly handedPerTier: Int32Array;
  /** Handed MQLs in the window that no tier's min_score admits (tierIndex -1). */
  untieredInWindow: number;
}

export interface ReplayResult {
  /**
   * 'rescore': MQL moments re-computed from activities. 'threshold_only': the
   * activity points are unknown, so each historical handoff is kept when its
   * score_at_mql reaches the threshold (or it was high-intent), at its historical time.
   */
  mode: 'rescore' | 'threshold_only';
  /** The policy of the last call (null before the first). */
  readonly policy: Policy | null;
  readonly window: WindowRange;
  /** Per lead (lead index): epoch ms of the MQL moment, NaN for none. */
  readonly mqlAt: Float64Array;
  /** Score right after the MQL activity; NaN for none. */
  readonly scoreAtMql: Float64Array;
  /** Index into policy.tiers; -1 for none. */
  readonly tierIndex: Int8Array;
  /** TRIGGER_SCORE, TRIGGER_HIGH_INTENT or TRIGGER_NONE (columns/types). */
  readonly trigger: Uint8Array;
  /** FLAG_IN_WINDOW | FLAG_DATA_COMPLETION */
  readonly flags: Uint8Array;
  /** Activity row of the MQL moment; -1 for none (and in threshold-only mode). */
  readonly mqlActivity: Int32Array;
  /**
   * Highest score reached up to the MQL moment, or over all activities. NaN
   * without activities, and for leads skipped because their score bound stays
   * below the threshold: Replayer.bestScore(i) computes it for those on demand.
   */
  readonly maxScore: Float64Array;
  /** Fit points per lead. */
  readonly fit: Float64Array;
  /** PREFLIGHT_* bits (scoring/fit.ts); 0 = passes. */
  readonly preflight: Uint8Array;
  readonly summary: ReplaySummary;
  /** Wall-clock ms of the last call. */
  elapsedMs: number;
}

const MAX_TIERS = 127; // tierIndex is an Int8Array

/**
 * Per-lead score records for one scoring (replay/sweep.ts explains records):
 * the running maxima of a lead's score up to its first high-intent activity,
 * which does not depend on the threshold. A threshold drag then reads each
 * lead's MQL moment off its records (the first record reaching the threshold,
 * else the bypass) instead of scanning its activities again; same answer,
 * field for field. Leads whose score bound is below `floor` have none and are
 * scanned when a lower threshold reaches them.
 */
interface ScoreRecords {
  readonly key: string;
  readonly floor: number;
  /** scoreBound per lead (it does not depend on the threshold either). */
  readonly bound: Float64Array;
  readonly has: Uint8Array;
  readonly offsets: Int32Array;
  readonly score: Float64Array;
  /** Activity row of each record (its time is the activity column's: a second copy cost 8 bytes a record, 29 MiB at L). */
  readonly row: Int32Array;
  /** Row and score at the first high-intent activity (where the records stop); -1 / NaN none. */
  readonly bypassRow: Int32Array;
  readonly bypassScore: Float64Array;
}

/** Records per chunk of a RecordBuffer. */
const RECORD_CHUNK = 1 << 20;

/**
 * Records in fixed-size chunks, copied once into arrays of the exact size: a doubling buffer copied as it grew
 * and, at L (millions of records), held up to twice the records' memory while the slices were taken.
 */
class RecordBuffer implements RecordSink {
  private readonly scores: Float64Array[] = [];
  private readonly rows: Int32Array[] = [];
  private score = new Float64Array(0);
  private row = new Int32Array(0);
  private k = RECORD_CHUNK;
  n = 0;
  push(score: number, row: number): void {
    if (this.k === RECORD_CHUNK) {
      this.score = new Float64Array(RECORD_CHUNK);
      this.row = new Int32Array(RECORD_CHUNK);
      this.scores.push(this.score);
      this.rows.push(this.row);
      this.k = 0;
    }
    this.score[this.k] = score;
    this.row[this.k] = row;
    this.k++;
    this.n++;
  }
  /** The records in one array each; the chunks are dropped. */
  take(): { score: Float64Array; row: Int32Array } {
    const score = new Float64Array(this.n);
    const row = new Int32Array(this.n);
    for (let c = 0; c < this.scores.length; c++) {
      const len = Math.min(RECORD_CHUNK, this.n - c * RECORD_CHUNK);
      score.set(this.scores[c].subarray(0, len), c * RECORD_CHUNK);
      row.set(this.rows[c].subarray(0, len), c * RECORD_CHUNK);
    }
    this.scores.length = 0;
    this.rows.length = 0;
    this.score = new Float64Array(0);
    this.row = new Int32Array(0);
    return { score, row };
  }
}

export class Replayer {
  readonly result: ReplayResult;
  private readonly scratch: ScanScratch;
  private readonly scan: LeadScan = { mqlRow: -1, trigger: 0, score: NaN, best: -Infinity };
  private decay: DecayCache | null = null;
  private histogram: TypeHistogram | null = null;
  /** Leads skipped by the score bound in the last re-score. */
  skippedLeads = 0;
  private fitKey: string | null = null;
  private preflightKey: string | null = null;
  /** Scoring key and threshold of the last activity re-score: a second threshold on the same scoring builds the records. */
  private lastScoring: { key: string; threshold: number } | null = null;
  private records: ScoreRecords | null = null;

  constructor(readonly columns: SessionColumns) {
    const n = columns.leads.n;
    this.scratch = new ScanScratch(columns.activities.types.length);
    this.result = {
      mode: 'rescore',
      policy: null,
      window: { fromMs: -Infinity, toMs: Infinity },
      mqlAt: new Float64Array(n),
      scoreAtMql: new Float64Array(n),
      tierIndex: new Int8Array(n),
      trigger: new Uint8Array(n),
      flags: new Uint8Array(n),
      mqlActivity: new Int32Array(n),
      maxScore: new Float64Array(n),
      fit: new Float64Array(n),
      preflight: new Uint8Array(n),
      summary: { mqls: 0, mqlsInWindow: 0, handedInWindow: 0, dataCompletionInWindow: 0, handedPerTier: new Int32Array(MAX_TIERS), untieredInWindow: 0 },
      elapsedMs: 0,
    };
  }

  /** Compiled rules and scan inputs for a policy, with the fit, pre-flight and decay caches brought up to date. */
  prepare(policy: Policy): { rules: CompiledRules; inputs: ScanInputs } {
    const { leads, activities } = this.columns;
    const rules = compileRules(policy, activities);
    const fitKey = JSON.stringify(policy.scoring.fit_points);
    if (fitKey !== this.fitKey) {
      computeFitPoints(leads, policy.scoring.fit_points, this.result.fit);
      this.fitKey = fitKey;
    }
    const preflightKey = JSON.stringify([policy.mql.require_business_email, policy.mql.require_fields]);
    if (preflightKey !== this.preflightKey) {
      computePreflight(leads, policy.mql.require_business_email, policy.mql.require_fields, this.result.preflight);
      this.preflightKey = preflightKey;
    }
    let decay: DecayCache | null = null;
    if (rules.halfLifeMs > 0) {
      if (this.decay === null || this.decay.halfLifeMs !== rules.halfLifeMs) {
        this.decay = buildDecayCache(activities.leadOffsets, activities.time, rules.halfLifeMs);
      }
      decay = this.decay;
    }
    return { rules, inputs: { leadOffsets: activities.leadOffsets, time: activities.time, typeCode: activities.typeCode, rules, decay } };
  }

  /** Re-scores every lead under `policy`. Returns this.result, overwritten by the next call. */
  rescore(policy: Policy): ReplayResult {
    const started = performance.now();
    if (policy.tiers.length > MAX_TIERS) throw new RangeError(`at most ${MAX_TIERS} tiers`);
    const r = this.result as { -readonly [K in keyof ReplayResult]: ReplayResult[K] };
    r.policy = policy;
    r.window = windowRange(policy.window, this.columns.timezone);
    const { rules, inputs } = this.prepare(policy);
    if (policy.provenance.thresholdOnly) this.fromHistory(rules);
    else {
      const key = JSON.stringify([policy.scoring, policy.mql.high_intent_types]);
      if (this.records?.key === key) this.fromRecords(rules, inputs, this.records);
      else if (this.lastScoring?.key === key && this.lastScoring.threshold !== rules.threshold) {
        this.records = null; // the old records' memory goes before the new ones are built
        this.records = this.buildRecords(key, rules, inputs);
        this.fromRecords(rules, inputs, this.records);
      } else this.fromActivities(rules, inputs);
      this.lastScoring = { key, threshold: rules.threshold };
    }
    this.keepManualHandoffs(rules);
    this.summarise(policy.tiers.length);
    r.elapsedMs = performance.now() - started;
    return this.result;
  }

  private fromActivities(rules: CompiledRules, inputs: ScanInputs): void {
    const r = this.result;
    r.mode = 'rescore';
    const { mqlAt, scoreAtMql, tierIndex, trigger, mqlActivity, maxScore, fit } = r;
    const time = this.columns.activities.time;
    const scratch = this.scratch;
    const scan = this.scan;
    const n = this.columns.leads.n;
    const threshold = rules.threshold;
    const thr = threshold - slack(threshold);
    this.histogram ??= buildTypeHistogram(this.columns.activities.leadOffsets, this.columns.activities.typeCode, rules.nTypes);
    const hist = this.histogram;
    let skipped = 0;
    for (let i = 0; i < n; i++) {
      if (scoreBound(hist, rules, i, fit[i]) < thr) {
        // Cannot reach the threshold and has no high-intent activity: no MQL, no scan.
        skipped++;
        markNoMql(r, i);
        continue;
      }
      scanLead(inputs, scratch, i, fit[i], threshold, null, scan);
      maxScore[i] = scan.best === -Infinity ? NaN : scan.best;
      if (scan.mqlRow < 0) {
        clearMql(r, i);
        continue;
      }
      mqlAt[i] = time[scan.mqlRow];
      scoreAtMql[i] = scan.score;
      trigger[i] = scan.trigger === 1 ? TRIGGER_SCORE : TRIGGER_HIGH_INTENT;
      tierIndex[i] = tierFor(rules, scan.score, scan.trigger === 2);
      mqlActivity[i] = scan.mqlRow;
    }
    this.skippedLeads = skipped;
  }

  /** Records of every lead whose score bound reaches a floor somewhat below this threshold (a drag explores around it). */
  private buildRecords(key: string, rules: CompiledRules, inputs: ScanInputs): ScoreRecords {
    const n = this.columns.leads.n;
    const fit = this.result.fit;
    this.histogram ??= buildTypeHistogram(this.columns.activities.leadOffsets, this.columns.activities.typeCode, rules.nTypes);
    const hist = this.histogram;
    const t = rules.threshold;
    const floor = t - Math.max(10, 0.25 * Math.abs(t));
    const has = new Uint8Array(n);
    const bound = new Float64Array(n);
    const offsets = new Int32Array(n + 1);
    const bypassRow = new Int32Array(n).fill(-1);
    const bypassScore = new Float64Array(n).fill(NaN);
    const buf = new RecordBuffer();
    const scan = this.scan;
    for (let i = 0; i < n; i++) {
      bound[i] = scoreBound(hist, rules, i, fit[i]);
      if (bound[i] >= floor) {
        has[i] = 1;
        scanLead(inputs, this.scratch, i, fit[i], Infinity, buf, scan);
        if (scan.trigger === 2) {
          bypassRow[i] = scan.mqlRow;
          bypassScore[i] = scan.score;
        }
      }
      offsets[i + 1] = buf.n;
    }
    const { score, row } = buf.take();
    return { key, floor, bound, has, offsets, score, row, bypassRow, bypassScore };
  }

  /** fromActivities' result read off the records (leads without records are scanned). */
  private fromRecords(rules: CompiledRules, inputs: ScanInputs, rec: ScoreRecords): void {
    const r = this.result;
    r.mode = 'rescore';
    const { mqlAt, scoreAtMql, tierIndex, trigger, mqlActivity, maxScore, fit } = r;
    const time = this.columns.activities.time;
    const n = this.columns.leads.n;
    const threshold = rules.threshold;
    const thr = threshold - slack(threshold);
    const { bound, has, offsets, score, row, bypassRow, bypassScore } = rec;
    const scan = this.scan;
    let skipped = 0;
    for (let i = 0; i < n; i++) {
      if (bound[i] < thr) {
        skipped++;
        markNoMql(r, i);
        continue;
      }
      let mqlRow = -1;
      let mqlTime = NaN;
      let mqlScore = NaN;
      let how = 0;
      let best = -Infinity;
      if (has[i] === 1) {
        const r0 = offsets[i];
        const r1 = offsets[i + 1];
        let q = r0;
        while (q < r1 && !(score[q] >= thr)) q++;
        if (q < r1) {
          mqlRow = row[q];
          mqlTime = time[mqlRow];
          mqlScore = score[q];
          how = 1;
          best = mqlScore;
        } else {
          if (r1 > r0) best = score[r1 - 1];
          if (bypassRow[i] >= 0) {
            mqlRow = bypassRow[i];
            mqlTime = time[mqlRow];
            mqlScore = bypassScore[i];
            how = 2;
          }
        }
      } else {
        scanLead(inputs, this.scratch, i, fit[i], threshold, null, scan);
        mqlRow = scan.mqlRow;
        if (mqlRow >= 0) mqlTime = time[mqlRow];
        mqlScore = scan.score;
        how = scan.trigger;
        best = scan.best;
      }
      maxScore[i] = best === -Infinity ? NaN : best;
      if (mqlRow < 0) {
        clearMql(r, i);
        continue;
      }
      mqlAt[i] = mqlTime;
      scoreAtMql[i] = mqlScore;
      trigger[i] = how === 1 ? TRIGGER_SCORE : TRIGGER_HIGH_INTENT;
      tierIndex[i] = tierFor(rules, mqlScore, how === 2);
      mqlActivity[i] = mqlRow;
    }
    this.skippedLeads = skipped;
  }

  /**
   * Lead i's highest score up to its MQL moment (or over all its activities)
   * under the last policy re-scored; NaN without activities or in threshold-only mode.
   */
  bestScore(i: number): number {
    const policy = this.result.policy;
    if (policy === null || this.result.mode === 'threshold_only') return NaN;
    const { rules, inputs } = this.prepare(policy);
    scanLead(inputs, this.scratch, i, this.result.fit[i], rules.threshold, null, this.scan);
    return this.scan.best === -Infinity ? NaN : this.scan.best;
  }

  /**
   * A handoff history marks manual was sales' doing, not the policy's: it stands under any policy (lowest
   * tier) unless the policy qualifies the lead earlier. Dropping it would put every forecast below history.
   */
  private keepManualHandoffs(rules: CompiledRules): void {
    const h = this.columns.handoffs;
    const r = this.result;
    const lowest = rules.tierOrder[rules.tierOrder.length - 1] ?? -1;
    for (let i = 0; i < this.columns.leads.n; i++) {
      const at = h.mqlAt[i];
      if (h.trigger[i] !== TRIGGER_MANUAL || Number.isNaN(at) || r.mqlAt[i] <= at) continue;
      r.mqlAt[i] = at;
      r.scoreAtMql[i] = h.scoreAtMql[i];
      r.trigger[i] = TRIGGER_SCORE;
      r.tierIndex[i] = lowest;
      r.mqlActivity[i] = -1;
    }
  }

  /** Threshold-only mode: re-threshold the historical handoffs (see ReplayResult.mode). */
  private fromHistory(rules: CompiledRules): void {
    const r = this.result;
    r.mode = 'threshold_only';
    const h = this.columns.handoffs;
    const thr = rules.threshold - slack(rules.threshold);
    for (let i = 0; i < this.columns.leads.n; i++) {
      const at = h.mqlAt[i];
      const score = h.scoreAtMql[i];
      const hist = h.trigger[i];
      // A handoff without score_at_mql cannot be re-thresholded: it stays as history has it (lowest tier).
      const unknown = Number.isNaN(score);
      const keep = !Number.isNaN(at) && (hist === TRIGGER_HIGH_INTENT || (hist !== TRIGGER_MANUAL && (unknown || score >= thr)));
      r.maxScore[i] = score;
      r.mqlActivity[i] = -1;
      if (!keep) {
        r.mqlAt[i] = NaN;
        r.scoreAtMql[i] = NaN;
        r.tierIndex[i] = -1;
        r.trigger[i] = TRIGGER_NONE;
        continue;
      }
      const high = hist === TRIGGER_HIGH_INTENT;
      r.mqlAt[i] = at;
      r.scoreAtMql[i] = score;
      r.trigger[i] = high ? TRIGGER_HIGH_INTENT : TRIGGER_SCORE;
      r.tierIndex[i] = unknown && !high ? (rules.tierOrder[rules.tierOrder.length - 1] ?? -1) : tierFor(rules, score, high);
    }
  }

  private summarise(nTiers: number): void {
    const r = this.result;
    const s = r.summary;
    const { fromMs, toMs } = r.window;
    s.mqls = 0;
    s.mqlsInWindow = 0;
    s.handedInWindow = 0;
    s.dataCompletionInWindow = 0;
    s.untieredInWindow = 0;
    s.handedPerTier.fill(0);
    const { mqlAt, flags, preflight, tierIndex } = r;
    for (let i = 0; i < this.columns.leads.n; i++) {
      const at = mqlAt[i];
      let f = 0;
      if (at === at) {
        s.mqls++;
        if (at >= fromMs && at < toMs) {
          f = FLAG_IN_WINDOW;
          s.mqlsInWindow++;
          if (preflight[i] !== 0) {
            f |= FLAG_DATA_COMPLETION;
            s.dataCompletionInWindow++;
          } else {
            s.handedInWindow++;
            const t = tierIndex[i];
            if (t >= 0 && t < nTiers) s.handedPerTier[t]++;
            else s.untieredInWindow++;
          }
        } else if (preflight[i] !== 0) f = FLAG_DATA_COMPLETION;
      }
      flags[i] = f;
    }
  }
}

/** Lead i cannot reach the threshold and has no high-intent activity: no MQL, and nothing was scanned. */
function markNoMql(r: ReplayResult, i: number): void {
  r.maxScore[i] = NaN;
  clearMql(r, i);
}

/** Lead i has no MQL moment under the policy. */
function clearMql(r: ReplayResult, i: number): void {
  r.mqlAt[i] = NaN;
  r.scoreAtMql[i] = NaN;
  r.tierIndex[i] = -1;
  r.trigger[i] = TRIGGER_NONE;
  r.mqlActivity[i] = -1;
}
