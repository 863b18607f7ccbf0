// Undo/redo of the scenario draft: a gesture on one field is one step, a new
// edit drops the redo branch, and the history has a ceiling.
import { describe, expect, it } from 'vitest';
import { setExtraReps, setThreshold } from '../../renderer/app/scenario-edits';
import { MAX_STEPS, MERGE_MS, pushEdit, redo, startHistory, undo } from '../../renderer/store/scenario-history';
import { BASE } from './scenario-fixture';

const t = (h: ReturnType<typeof startHistory>) => h.present.mql?.threshold;

describe('scenario history', () => {
  it('merges a run of edits to one field into one undo step', () => {
    let h = startHistory(BASE);
    for (let i = 1; i <= 5; i++) h = pushEdit(h, setThreshold(h.present, 60 + i).next, 'mql.threshold', 1000 + i * 50);
    expect(t(h)).toBe(65);
    expect(h.past.length).toBe(1);
    h = undo(h);
    expect(t(h)).toBe(60);
    h = redo(h);
    expect(t(h)).toBe(65);
  });

  it('starts a new step after a pause or on another field', () => {
    let h = startHistory(BASE);
    h = pushEdit(h, setThreshold(h.present, 61).next, 'mql.threshold', 0);
    h = pushEdit(h, setThreshold(h.present, 62).next, 'mql.threshold', MERGE_MS + 1);
    h = pushEdit(h, setExtraReps(h.present, 2).next, 'capacity.extra_reps', MERGE_MS + 2);
    expect(h.past.map((s) => [s.mql?.threshold, s.capacity?.extra_reps])).toEqual([
      [60, 0],
      [61, 0],
      [62, 0],
    ]);
    h = undo(undo(h));
    expect([t(h), h.present.capacity?.extra_reps]).toEqual([61, 0]);
  });

  it('drops the redo branch on a new edit, and undo after undo does not merge', () => {
    let h = startHistory(BASE);
    h = pushEdit(h, setThreshold(h.present, 70).next, 'mql.threshold', 0);
    h = undo(h);
    expect(h.future.length).toBe(1);
    h = pushEdit(h, setThreshold(h.present, 50).next, 'mql.threshold', 10);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(t(undo(h))).toBe(60);
  });

  it('nothing to undo or redo leaves the history as it is', () => {
    const h = startHistory(BASE);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(pushEdit(h, h.present, 'x', 0)).toBe(h);
  });

  it('keeps at most MAX_STEPS steps', () => {
    let h = startHistory(BASE);
    for (let i = 0; i < MAX_STEPS + 20; i++) h = pushEdit(h, setThreshold(h.present, i).next, 'mql.threshold', i * (MERGE_MS + 1));
    expect(h.past.length).toBe(MAX_STEPS);
  });
});
