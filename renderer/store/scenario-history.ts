// Undo/redo for the scenario draft, as pure functions over an immutable
// history. A run of edits to the same field within a short time (a slider
// drag, a held arrow key, typing in a number box) is one step, so Ctrl+Z
// undoes the gesture, not the last pixel.
import type { Scenario } from '../../engine/api/contract';

export interface ScenarioHistory {
  readonly past: readonly Scenario[];
  readonly present: Scenario;
  readonly future: readonly Scenario[];
  /** The field and time of the last edit, for merging a gesture into one step. */
  readonly last: { readonly field: string; readonly at: number } | null;
}

/** Edits to one field closer together than this merge into one undo step. */
export const MERGE_MS = 1000;
/** Enough for a workshop; older steps fall off. */
export const MAX_STEPS = 200;

export function startHistory(present: Scenario): ScenarioHistory {
  return { past: [], present, future: [], last: null };
}

export function pushEdit(h: ScenarioHistory, next: Scenario, field: string, at: number): ScenarioHistory {
  if (next === h.present) return h;
  const merge = h.last !== null && h.last.field === field && at - h.last.at < MERGE_MS && h.past.length > 0;
  const past = merge ? h.past : [...h.past, h.present].slice(-MAX_STEPS);
  return { past, present: next, future: [], last: { field, at } };
}

export function undo(h: ScenarioHistory): ScenarioHistory {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], last: null };
}

export function redo(h: ScenarioHistory): ScenarioHistory {
  const next = h.future[0];
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), last: null };
}

export const canUndo = (h: ScenarioHistory | null): boolean => (h?.past.length ?? 0) > 0;
export const canRedo = (h: ScenarioHistory | null): boolean => (h?.future.length ?? 0) > 0;
