// Business-time answers per slot (a lead), remembered with their inputs: a
// slider move leaves most leads' simulated contacts, arrivals and reps as they
// were, so their scenario delays are the same numbers as on the last move. A WorkSchedule's answers are pure functions of
// their arguments, so a hit returns exactly what the call would.
import type { WorkSchedule } from '../calendar/business-hours';

export class BusinessMemo {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly value: Float64Array;
  private readonly sched: (WorkSchedule | undefined)[];
  hits = 0;
  misses = 0;

  constructor(n: number) {
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.value = new Float64Array(n);
    this.sched = new Array<WorkSchedule | undefined>(n);
  }

  /** s.businessMsBetween(from, to), remembered at slot. */
  between(slot: number, s: WorkSchedule, from: number, to: number): number {
    if (this.sched[slot] === s && this.x[slot] === from && this.y[slot] === to) {
      this.hits++;
      return this.value[slot]!;
    }
    this.misses++;
    const v = s.businessMsBetween(from, to);
    this.sched[slot] = s;
    this.x[slot] = from;
    this.y[slot] = to;
    this.value[slot] = v;
    return v;
  }
}
