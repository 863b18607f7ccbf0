// A threshold change inside history, found from the handoffs: score-triggered
// MQLs never score below the threshold in force, so each month's lowest
// score_at_mql tracks it. A step in that floor between two runs of months is a
// policy change; its moment is the first (for a cut) or last (for a raise)
// MQL on the far side of the step.
import { TRIGGER_SCORE, type SessionColumns } from '../columns/types';
import type { Policy } from '../scenario/policy';

export interface ThresholdChange {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

const MIN_PER_MONTH = 20;
/** A step smaller than this is noise in the floor, not a policy change. */
const MIN_STEP = 2;

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function detectThresholdChange(cols: SessionColumns, baseline: Policy): ThresholdChange | null {
  const h = cols.handoffs;
  const byMonth = new Map<number, number[]>();
  for (let i = 0; i < h.mqlAt.length; i++) {
    const t = h.mqlAt[i]!;
    const s = h.scoreAtMql[i]!;
    if (h.trigger[i] !== TRIGGER_SCORE || !Number.isFinite(t) || !Number.isFinite(s)) continue;
    const d = new Date(t);
    const key = d.getUTCFullYear() * 12 + d.getUTCMonth();
    let list = byMonth.get(key);
    if (!list) byMonth.set(key, (list = []));
    list.push(s);
  }
  const months = [...byMonth.entries()].filter(([, v]) => v.length >= MIN_PER_MONTH).sort((a, b) => a[0] - b[0]);
  if (months.length < 4) return null;
  const floors = months.map(([, v]) => v.reduce((a, x) => Math.min(a, x), Infinity));
  let best: { split: number; step: number; before: number; after: number } | null = null;
  for (let s = 2; s <= floors.length - 2; s++) {
    const before = median(floors.slice(0, s));
    const after = median(floors.slice(s));
    const mid = (before + after) / 2;
    // Every month must sit on its own side of the step (one stray month allowed).
    const wrong =
      floors.slice(0, s).filter((f) => (before > after ? f < mid : f > mid)).length +
      floors.slice(s).filter((f) => (before > after ? f > mid : f < mid)).length;
    const step = Math.abs(before - after);
    if (wrong <= 1 && step >= MIN_STEP && (!best || step > best.step)) best = { split: s, step, before, after };
  }
  if (!best) return null;
  const mid = (best.before + best.after) / 2;
  // The exact moment: the first MQL below the old floor (a cut), or just after the last one below the new floor (a raise).
  const lowSide = best.after < best.before;
  let at = lowSide ? Infinity : -Infinity;
  const splitMonth = months[best.split]![0];
  for (let i = 0; i < h.mqlAt.length; i++) {
    const t = h.mqlAt[i]!;
    const s = h.scoreAtMql[i]!;
    if (h.trigger[i] !== TRIGGER_SCORE || !Number.isFinite(t) || !(s < mid)) continue;
    const d = new Date(t);
    const key = d.getUTCFullYear() * 12 + d.getUTCMonth();
    if (lowSide && key >= splitMonth - 1 && t < at) at = t;
    if (!lowSide && key <= splitMonth && t > at) at = t + 1;
  }
  if (!Number.isFinite(at)) return null;
  // Floors sit a little above the threshold (scores jump past it): the baseline's own threshold wins when it fits.
  const snap = (floor: number) => {
    const b = baseline.mql.threshold;
    return !baseline.provenance.inferred && b <= floor + 1e-9 && floor - b < 1 ? b : Math.floor(floor);
  };
  return { at, before: snap(best.before), after: snap(best.after) };
}
