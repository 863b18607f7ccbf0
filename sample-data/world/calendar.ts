// Working time of a rep: the intervals when they work (their hours, Monday to Friday, in their
// IANA time zone, DST included), with running totals so "business seconds between two instants"
// is two binary searches. Queues consume this time; business-hours SLAs are measured with it.
import { DateTime } from 'luxon';
import { DAY, EPOCH_MS, SIM_HORIZON } from './time';

export class WorkCalendar {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** cum[i] = working seconds before interval i. */
  private readonly cum: Float64Array;

  constructor(starts: readonly number[], ends: readonly number[]) {
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cum = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) this.cum[i + 1] = (this.cum[i] as number) + (ends[i] as number) - (starts[i] as number);
  }

  get length(): number {
    return this.starts.length;
  }

  /** Index of the last interval starting at or before t (-1 if none). */
  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /** Working seconds before instant t. */
  before(t: number): number {
    const i = this.indexAt(t);
    if (i < 0) return 0;
    return (this.cum[i] as number) + Math.min(t, this.ends[i] as number) - (this.starts[i] as number);
  }

  between(a: number, b: number): number {
    return b <= a ? 0 : this.before(b) - this.before(a);
  }

  /** The interval in progress at t, else the next one; -1 when the calendar has ended. */
  intervalFrom(t: number): number {
    const i = this.indexAt(t);
    if (i >= 0 && t < (this.ends[i] as number)) return i;
    return i + 1 < this.starts.length ? i + 1 : -1;
  }

  /** A copy restricted to [from, to). */
  restrict(from: number, to: number): WorkCalendar {
    const s: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < this.starts.length; i++) {
      const a = Math.max(from, this.starts[i] as number);
      const b = Math.min(to, this.ends[i] as number);
      if (b > a) {
        s.push(a);
        e.push(b);
      }
    }
    return new WorkCalendar(s, e);
  }
}

const cache = new Map<string, WorkCalendar>();
const zoneOffsets = new Map<string, Int32Array>();
const FIRST_DAY = -7;

/**
 * UTC offset (seconds) of a zone at local noon of each world day. DST switches happen at night,
 * so the noon offset is the one in force during working hours; one luxon call per zone and day.
 */
function offsetsOf(zone: string, lastDay: number): Int32Array {
  let o = zoneOffsets.get(zone);
  if (!o) {
    o = new Int32Array(lastDay - FIRST_DAY + 1);
    for (let d = FIRST_DAY; d <= lastDay; d++) {
      const date = new Date(EPOCH_MS + d * DAY * 1000);
      const noon = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 12 }, { zone });
      o[d - FIRST_DAY] = noon.offset * 60;
    }
    zoneOffsets.set(zone, o);
  }
  return o;
}

/** Monday-Friday work_start..work_end in a time zone, from a week before 2025 to the simulation horizon. */
export function workCalendar(zone: string, workStart: string, workEnd: string): WorkCalendar {
  const key = `${zone}|${workStart}|${workEnd}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [sh, sm] = workStart.split(':').map(Number) as [number, number];
  const [eh, em] = workEnd.split(':').map(Number) as [number, number];
  const starts: number[] = [];
  const ends: number[] = [];
  const lastDay = Math.ceil(SIM_HORIZON / DAY) + 2;
  const offsets = offsetsOf(zone, lastDay);
  for (let d = FIRST_DAY; d <= lastDay; d++) {
    // World day d is a calendar date; 2025-01-01 (d = 0) was a Wednesday, so (d + 2) mod 7 is 0 on Mondays.
    if ((((d + 2) % 7) + 7) % 7 >= 5) continue;
    const off = offsets[d - FIRST_DAY] as number;
    starts.push(d * DAY + sh * 3600 + sm * 60 - off);
    ends.push(d * DAY + eh * 3600 + em * 60 - off);
  }
  const cal = new WorkCalendar(starts, ends);
  cache.set(key, cal);
  return cal;
}
