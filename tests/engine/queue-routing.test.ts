import { describe, expect, it } from 'vitest';
import {
  accountOwnersFromHistory,
  addAverageReps,
  routeMqls,
  RULE_ACCOUNT_OWNER,
  RULE_ANY,
  RULE_NONE,
  RULE_REGION,
  RULE_TERRITORY,
} from '../../engine/queue/routing';

const H = 3_600_000;
// Regions: 0 = emea, 1 = na, 2 = apac. Segments: 0 = smb, 1 = mid, 2 = ent.
const reps = {
  regions: [[0], [0, 1], [1], [0]],
  segment: [0, 1, -1, 2],
  activeFrom: [Number.NaN, Number.NaN, Number.NaN, 10 * H],
  activeTo: [Number.NaN, 5 * H, Number.NaN, Number.NaN],
};

function leads(rows: readonly [number, number, number, number][]) {
  return {
    arrival: Float64Array.from(rows, (r) => r[0] * H),
    account: Int32Array.from(rows, (r) => r[1]),
    region: Int32Array.from(rows, (r) => r[2]),
    sizeBand: Int32Array.from(rows, (r) => r[3]),
  };
}

describe('routing', () => {
  it('account owner first, then territory and segment, then region, then anyone; only active reps', () => {
    const owner = Int32Array.of(2, 1); // account 0 -> rep 2, account 1 -> rep 1 (inactive after 5h)
    const out = routeMqls(
      reps,
      leads([
        [1, 0, 0, 0], // owner rep 2 (even though it does not serve emea)
        [2, -1, 0, 1], // emea + mid: rep 1
        [3, -1, 1, 1], // na + mid: rep 1 (rep 2 serves na, any segment: round robin starts at rep 1)
        [4, -1, 1, 1], // na + mid: rep 2 (round robin)
        [6, 1, 0, 2], // owner rep 1 inactive now; emea + ent: rep 3 not active until 10h -> region only: rep 0
        [7, -1, 2, -1], // apac: nobody serves it -> anyone: first active in the any-group round robin
        [11, -1, 0, 2], // emea + ent: rep 3 now active
      ]),
      { accountOwner: owner },
    );
    expect(Array.from(out.rep)).toEqual([2, 1, 1, 2, 0, 0, 3]);
    expect(Array.from(out.rule)).toEqual([RULE_ACCOUNT_OWNER, RULE_TERRITORY, RULE_TERRITORY, RULE_TERRITORY, RULE_REGION, RULE_ANY, RULE_TERRITORY]);
  });

  it('round robin cycles and least loaded balances by capacity over a trailing window', () => {
    const pool = { regions: [[], [], []], segment: [-1, -1, -1] };
    const six = leads(Array.from({ length: 6 }, (_, i) => [i, -1, 0, -1] as [number, number, number, number]));
    expect(Array.from(routeMqls(pool, six).rep)).toEqual([0, 1, 2, 0, 1, 2]);
    // Capacities 2:1:1 -> loads per capacity 0,0,0 -> rep 0; 0.5,0,0 -> rep 1; 0.5,1,0 -> rep 2; 0.5,1,1 -> rep 0; 1,1,1 -> rep 0 (tie, lowest); ...
    const ll = routeMqls({ ...pool, dailyCapacity: [2, 1, 1] }, six, { mode: 'least_loaded' });
    expect(Array.from(ll.rep)).toEqual([0, 1, 2, 0, 0, 1]);
    // A 1-hour window forgets earlier assignments: every lead sees empty loads -> rep 0.
    expect(Array.from(routeMqls(pool, six, { mode: 'least_loaded', loadWindowMs: H }).rep)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(routeMqls({ ...pool, activeTo: [-1, -1, -1] }, six).rule)).toEqual(new Array(6).fill(RULE_NONE));
  });

  it('finds account owners: most handoffs, ties to the latest', () => {
    const owner = accountOwnersFromHistory(
      Int32Array.of(0, 0, 0, 1, 1, -1),
      Int32Array.of(3, 3, 1, 2, 0, 1),
      Float64Array.of(1, 2, 9, 5, 4, 1),
      3,
    );
    expect(Array.from(owner)).toEqual([3, 2, -1]);
  });

  it('extra reps copy the median rep and serve everywhere', () => {
    const pool = {
      schedules: ['a', 'b', 'c'],
      dailyCapacity: [10, 4, 7],
      serviceMs: [1, 2, 3],
      regions: [[0], [1], [2]],
      segment: [0, 1, 2],
    };
    const ext = addAverageReps(pool, 2);
    expect(Array.from(ext.templateOf)).toEqual([0, 1, 2, 2, 2]);
    expect(ext.schedules).toEqual(['a', 'b', 'c', 'c', 'c']);
    expect(Array.from(ext.dailyCapacity)).toEqual([10, 4, 7, 7, 7]);
    expect(ext.regions[3]).toEqual([]);
    expect(ext.segment[4]).toBe(-1);
    expect(addAverageReps(pool, 0).schedules).toHaveLength(3);
  });
});
