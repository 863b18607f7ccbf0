// A time zone's UTC offsets over a span as a short list of transitions, so
// converting between wall-clock and instants is arithmetic plus a binary
// search. Asking luxon/Intl per conversion costs microseconds each, which adds
// up when building calendars for a year of many reps.
import { IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export class ZoneOffsets {
  /** at[i] = first instant with offset offsets[i] (minutes east of UTC); at[0] = -Infinity. */
  private readonly at: number[];
  private readonly offsets: number[];

  /** Learns the transitions in [fromMs, toMs] (widened by two days each side). */
  constructor(zoneName: string, fromMs: number, toMs: number) {
    const zone = IANAZone.create(zoneName);
    if (!zone.isValid) throw new RangeError(`"${zoneName}" is not a known time zone`);
    const offset = (ms: number): number => zone.offset(ms);
    const from = fromMs - 2 * DAY_MS;
    const to = toMs + 2 * DAY_MS;
    this.at = [Number.NEGATIVE_INFINITY];
    this.offsets = [offset(from)];
    // Daily samples; real zones change offset at most once in a day.
    let prevT = from;
    let prevO = this.offsets[0]!;
    for (let t = from + DAY_MS; ; t += DAY_MS) {
      const tt = Math.min(t, to);
      const o = offset(tt);
      if (o !== prevO) {
        // Bisect to the first minute with the new offset (transitions fall on whole minutes).
        let lo = Math.floor(prevT / MINUTE_MS);
        let hi = Math.ceil(tt / MINUTE_MS);
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offset(mid * MINUTE_MS) === prevO) lo = mid;
          else hi = mid;
        }
        this.at.push(hi * MINUTE_MS);
        this.offsets.push(o);
        prevO = o;
      }
      prevT = tt;
      if (tt >= to) break;
    }
  }

  /** Offset in minutes at an instant. */
  offsetAt(ms: number): number {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (at[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return this.offsets[lo]!;
  }

  /** Wall-clock fields of an instant, as ms since 1970-01-01T00:00 local. */
  toLocal(ms: number): number {
    return ms + this.offsetAt(ms) * MINUTE_MS;
  }

  /**
   * The instant of a local wall-clock time (ms since 1970-01-01T00:00 local).
   * A time repeated by a fall-back takes its first occurrence; a time skipped
   * by a spring-forward moves forward by the gap (as luxon does).
   */
  fromLocal(local: number): number {
    const before = this.offsetAt(local - 2 * DAY_MS);
    const after = this.offsetAt(local + 2 * DAY_MS);
    const ub = local - before * MINUTE_MS;
    const ua = local - after * MINUTE_MS;
    const okB = this.offsetAt(ub) === before;
    const okA = this.offsetAt(ua) === after;
    if (okB && okA) return Math.min(ub, ua);
    if (okB) return ub;
    if (okA) return ua;
    return ub; // in a gap: read with the offset before it, i.e. later by the gap
  }
}

/** Days since 1970-01-01 of a local ms value, and the ISO weekday (1 = Monday) of such a day. */
export function localDayNumber(local: number): number {
  return Math.floor(local / DAY_MS);
}

export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** YYYY-MM-DD of a local day number. */
export function isoDateOfDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
