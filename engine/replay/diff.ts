// Lead-level difference between a replay and history, over MQLs handed to
// sales inside the window: historically = a handoff whose (first) mql_at is in
// the window; under the scenario = an MQL moment in the window that passes the
// pre-flight checks. Counts are computed at once; reasons only for the page
// the user looks at.
import { DateTime } from 'luxon';
import { TRIGGER_HIGH_INTENT, TRIGGER_MANUAL, type SessionColumns } from '../columns/types';
import { PREFLIGHT_FREE_EMAIL, PREFLIGHT_MISSING_FIELD, PREFLIGHT_NO_EMAIL, missingRequiredFields } from '../scoring/fit';
import type { Policy } from '../scenario/policy';
import { FLAG_DATA_COMPLETION, FLAG_IN_WINDOW, type ReplayResult, type Replayer } from './score';

export const DIFF_KINDS = ['entered', 'left', 'tier_changed', 'time_moved'] as const;
/**
 * entered: MQL only under the scenario; left: MQL only historically;
 * tier_changed / time_moved: MQL under both, with another tier / an MQL time
 * more than a minute apart (a lead can be in both of these lists).
 */
export type DiffKind = (typeof DIFF_KINDS)[number];

/** MQL times closer than this count as the same moment (exports round to the minute or second). */
export const TIME_TOLERANCE_MS = 60_000;

export interface DiffCounts {
  readonly historical: number;
  readonly scenario: number;
  readonly entered: number;
  readonly left: number;
  readonly stayed: number;
  readonly tierChanged: number;
  readonly timeMoved: number;
  /** Stayed with the same tier and time. */
  readonly unchanged: number;
}

export interface ReplayDiff {
  readonly counts: DiffCounts;
  /** Lead indices per kind, ascending. */
  readonly leads: Readonly<Record<DiffKind, Int32Array>>;
}

export interface DiffRow {
  readonly leadId: string;
  readonly kind: DiffKind;
  /** Plain words, e.g. "score 64 < threshold 70". */
  readonly reason: string;
  /** epoch ms or null */
  readonly historyMqlAt: number | null;
  readonly scenarioMqlAt: number | null;
  readonly historyTier: string | null;
  readonly scenarioTier: string | null;
  readonly historyScore: number | null;
  readonly scenarioScore: number | null;
}

export interface DiffPage {
  readonly kind: DiffKind;
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly DiffRow[];
}

function historyTierName(cols: SessionColumns, i: number): string | null {
  const c = cols.handoffs.tier.codes[i];
  return c >= 0 ? (cols.handoffs.tier.values[c] ?? null) : null;
}

function sameTier(a: string | null, b: string | null): boolean {
  return a === null || b === null || a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function diffAgainstHistory(cols: SessionColumns, result: ReplayResult): ReplayDiff {
  const policy = requirePolicy(result);
  const n = cols.leads.n;
  const { fromMs, toMs } = result.window;
  const h = cols.handoffs;
  const lists: Record<DiffKind, number[]> = { entered: [], left: [], tier_changed: [], time_moved: [] };
  let historical = 0;
  let scenario = 0;
  let stayed = 0;
  let unchanged = 0;
  for (let i = 0; i < n; i++) {
    const ht = h.mqlAt[i];
    const inHistory = ht >= fromMs && ht < toMs; // false for NaN
    const inScenario = (result.flags[i] & (FLAG_IN_WINDOW | FLAG_DATA_COMPLETION)) === FLAG_IN_WINDOW;
    if (inHistory) historical++;
    if (inScenario) scenario++;
    if (inScenario && !inHistory) lists.entered.push(i);
    else if (inHistory && !inScenario) lists.left.push(i);
    else if (inHistory && inScenario) {
      stayed++;
      const tierMoved = !sameTier(historyTierName(cols, i), policy.tiers[result.tierIndex[i]]?.name ?? null);
      const timeMoved = Math.abs(result.mqlAt[i] - ht) > TIME_TOLERANCE_MS;
      if (tierMoved) lists.tier_changed.push(i);
      if (timeMoved) lists.time_moved.push(i);
      if (!tierMoved && !timeMoved) unchanged++;
    }
  }
  return {
    counts: {
      historical,
      scenario,
      entered: lists.entered.length,
      left: lists.left.length,
      stayed,
      tierChanged: lists.tier_changed.length,
      timeMoved: lists.time_moved.length,
      unchanged,
    },
    leads: {
      entered: Int32Array.from(lists.entered),
      left: Int32Array.from(lists.left),
      tier_changed: Int32Array.from(lists.tier_changed),
      time_moved: Int32Array.from(lists.time_moved),
    },
  };
}

/** One page of a diff list with the reason for each lead; `replayer` must still hold the replay the diff was made from. */
export function diffPage(replayer: Replayer, diff: ReplayDiff, kind: DiffKind, offset: number, limit: number): DiffPage {
  const cols = replayer.columns;
  const result = replayer.result;
  const list = diff.leads[kind];
  const start = Math.max(0, Math.min(Math.floor(offset), list.length));
  const end = Math.min(list.length, start + Math.max(0, Math.floor(limit)));
  const rows: DiffRow[] = [];
  for (let q = start; q < end; q++) rows.push(describeLead(replayer, cols, result, list[q], kind));
  return { kind, total: list.length, offset: start, rows };
}

const num = (x: number): number | null => (Number.isNaN(x) ? null : x);
/** Scores with up to two decimals, no trailing zeros. */
export const fmtScore = (x: number): string => String(Math.round(x * 100) / 100);

function requirePolicy(result: ReplayResult): Policy {
  if (result.policy === null) throw new Error('diff: the replay has not run yet');
  return result.policy;
}

function describeLead(replayer: Replayer, cols: SessionColumns, r: ReplayResult, i: number, kind: DiffKind): DiffRow {
  const policy = requirePolicy(r);
  const h = cols.handoffs;
  const when = (t: number) => DateTime.fromMillis(t, { zone: cols.timezone }).toFormat('yyyy-LL-dd HH:mm');
  const scenarioTier = policy.tiers[r.tierIndex[i]]?.name ?? null;
  const historyTier = historyTierName(cols, i);
  const thr = policy.mql.threshold;
  const mqlWhy = (): string => {
    if (r.trigger[i] === TRIGGER_HIGH_INTENT) {
      const row = r.mqlActivity[i];
      const type = row >= 0 ? cols.activities.types[cols.activities.typeCode[row]] : undefined;
      return `high-intent activity${type ? ` ${type}` : ''} (score ${fmtScore(r.scoreAtMql[i])})`;
    }
    return `score ${fmtScore(r.scoreAtMql[i])} >= threshold ${fmtScore(thr)}`;
  };
  let reason: string;
  switch (kind) {
    case 'entered': {
      const ht = h.mqlAt[i];
      const history = Number.isNaN(ht) ? 'never handed off historically' : `historically handed off ${when(ht)}, outside the window`;
      reason = `${mqlWhy()}; ${history}`;
      break;
    }
    case 'left': {
      const st = r.mqlAt[i];
      const parts: string[] = [];
      if (h.trigger[i] === TRIGGER_MANUAL) parts.push('a manual handoff in history (the replay makes none)');
      if (Number.isNaN(st)) {
        const best = Number.isNaN(r.maxScore[i]) ? replayer.bestScore(i) : r.maxScore[i];
        parts.push(Number.isNaN(best) ? 'no activities to score' : `score ${fmtScore(best)} < threshold ${fmtScore(thr)}`);
      } else if ((r.flags[i] & FLAG_IN_WINDOW) === 0) {
        parts.push(`MQL moves to ${when(st)}, outside the window`);
      } else {
        parts.push(`held for data completion: ${preflightWords(cols, r, i, policy)}`);
      }
      reason = parts.join('; ');
      break;
    }
    case 'tier_changed': {
      const why =
        r.trigger[i] === TRIGGER_HIGH_INTENT
          ? 'high intent goes to the first tier'
          : `score ${fmtScore(r.scoreAtMql[i])} >= ${fmtScore(policy.tiers[r.tierIndex[i]]?.min_score ?? NaN)}`;
      reason = `tier ${historyTier ?? '?'} -> ${scenarioTier ?? 'none'} (${why})`;
      break;
    }
    case 'time_moved': {
      const delta = r.mqlAt[i] - h.mqlAt[i];
      const hours = Math.abs(delta) / 3_600_000;
      const size = hours >= 48 ? `${fmtScore(hours / 24)} days` : `${fmtScore(hours)} h`;
      reason = `MQL ${size} ${delta < 0 ? 'earlier' : 'later'}: ${mqlWhy()} on ${when(r.mqlAt[i])}`;
      break;
    }
  }
  return {
    leadId: cols.leads.ids[i] ?? '',
    kind,
    reason,
    historyMqlAt: num(h.mqlAt[i]),
    scenarioMqlAt: num(r.mqlAt[i]),
    historyTier,
    scenarioTier,
    historyScore: num(h.scoreAtMql[i]),
    scenarioScore: num(r.scoreAtMql[i]),
  };
}

function preflightWords(cols: SessionColumns, r: ReplayResult, i: number, policy: Policy): string {
  const p = r.preflight[i];
  const out: string[] = [];
  if (p & PREFLIGHT_NO_EMAIL) out.push('no email');
  if (p & PREFLIGHT_FREE_EMAIL) out.push('free-mail address');
  if (p & PREFLIGHT_MISSING_FIELD) out.push(`missing ${missingRequiredFields(cols.leads, i, policy.mql.require_fields).join(', ')}`);
  return out.join(', ');
}
