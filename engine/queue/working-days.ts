// A rep's working days as a table of [start, end) instants, read off the
// colleague's WorkSchedule (engine/calendar) through its public questions only
// (addBusinessMs / businessMsBetween), so time zones and DST stay in one place.
// The queue needs whole working days because daily capacity resets per day.
import { WorkSchedule } from '../calendar/business-hours';

export interface WorkingDays {
  /** starts[d] < ends[d] <= starts[d + 1], epoch ms. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Working days of a schedule overlapping [fromMs, toMs]. Empty for a schedule with no working time. */
export function workingDays(schedule: WorkSchedule, fromMs: number, toMs: number): WorkingDays {
  const starts: number[] = [];
  const ends: number[] = [];
  if (!schedule.isEmpty && toMs >= fromMs) {
    schedule.prepare(fromMs - 2 * DAY_MS, toMs + 2 * DAY_MS);
    const { startMinute, endMinute } = schedule.spec;
    const nominal = (((endMinute - startMinute + 1440) % 1440) || 1440) * 60_000;
    // Begin a day early so the day holding fromMs is listed whole.
    let p = fromMs - DAY_MS;
    for (;;) {
      const s = schedule.addBusinessMs(p, 1) - 1; // first working instant at or after p
      if (!Number.isFinite(s) || s > toMs) break;
      const e = endOfRun(schedule, s, nominal);
      starts.push(s);
      ends.push(e);
      p = e;
    }
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}

/** End of the working stretch that starts at s: normally s + nominal; DST can make it an hour shorter or longer. */
function endOfRun(schedule: WorkSchedule, s: number, nominal: number): number {
  const e = s + nominal;
  const worked = schedule.businessMsBetween(s, e);
  if (worked === nominal) {
    const more = schedule.businessMsBetween(s, e + 2 * HOUR_MS) - nominal;
    // 2 h more of work: the next day starts right away (a 24-hour shift); some: a fall-back hour.
    return more > 0 && more < 2 * HOUR_MS ? e + more : e;
  }
  // Shorter than nominal (a spring-forward inside the shift): the last instant still fully worked.
  let lo = s;
  let hi = e;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (schedule.businessMsBetween(s, mid) === mid - s) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Index of the first working day that ends after t (days.starts.length when none). */
export function dayEndingAfter(days: WorkingDays, t: number): number {
  const ends = days.ends;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * dayEndingAfter starting from a guess: a rep's clock only moves forward, so
 * the answer is almost always the guess or the next few days (no binary search).
 */
export function dayEndingAfterFrom(days: WorkingDays, t: number, hint: number): number {
  const ends = days.ends;
  const n = ends.length;
  let d = hint < 0 ? 0 : hint > n ? n : hint;
  if (d > 0 && ends[d - 1]! > t) return dayEndingAfter(days, t); // the guess is past the answer
  for (let k = 0; k < 8; k++, d++) {
    if (d >= n || ends[d]! > t) return d;
  }
  return dayEndingAfter(days, t);
}
