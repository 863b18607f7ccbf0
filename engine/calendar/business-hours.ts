// Business-hours arithmetic on instants (epoch milliseconds) for one rep's
// working week. The SLA metrics and the queue simulation call this for every
// MQL, so a schedule precomputes its working intervals as UTC instants once
// (through the zone's DST transitions) and then answers each question with two binary
// searches over a prefix sum: O(log intervals), never a walk over minutes.
import { IANAZone } from 'luxon';
import { isoWeekday, localDayNumber, ZoneOffsets } from './zone-offsets';

export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far a schedule's interval table reaches beyond a query, so that nearby queries reuse it. */
const PAD_MS = 60 * DAY_MS;
/** An inverse query that finds no working time in this span gives up (a week with no working time). */
const MAX_SEARCH_MS = 20 * 366 * DAY_MS;

export interface ScheduleSpec {
  /** IANA time zone name, e.g. "America/New_York". */
  readonly timezone: string;
  /** Minutes after local midnight the working day starts (09:00 = 540). */
  readonly startMinute: number;
  /** Minutes after local midnight it ends; at or before startMinute means the shift runs past midnight. */
  readonly endMinute: number;
  /** Working weekdays, 1 = Monday ... 7 = Sunday (luxon / ISO numbering). */
  readonly weekdays: readonly number[];
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/** Parses "HH:MM" (or "H:MM", optional ":SS") into minutes after midnight; null when not a clock time. */
export function parseClock(text: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/**
 * A rep's working week with its interval table. Build one per rep and reuse it:
 * the table grows on demand (covering the queried span plus padding).
 */
export class WorkSchedule {
  readonly spec: ScheduleSpec;
  private readonly weekdaySet: ReadonlySet<number>;
  /** Working intervals in UTC ms, sorted and disjoint: starts[i] < ends[i] <= starts[i + 1]. */
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** cum[i] = working ms in intervals 0..i-1 (length n + 1). */
  private cum = new Float64Array(1);
  private coverFrom = Number.POSITIVE_INFINITY;
  private coverTo = Number.NEGATIVE_INFINITY;

  constructor(spec: ScheduleSpec) {
    if (!IANAZone.isValidZone(spec.timezone)) throw new ScheduleError(`"${spec.timezone}" is not a known time zone`);
    for (const m of [spec.startMinute, spec.endMinute]) {
      if (!Number.isInteger(m) || m < 0 || m > 1440) throw new ScheduleError(`Working hours must be clock times between 00:00 and 24:00`);
    }
    this.spec = spec;
    this.weekdaySet = new Set(spec.weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  }

  /** True when the week holds no working time at all (then no SLA deadline is ever reached). */
  get isEmpty(): boolean {
    return this.weekdaySet.size === 0 || this.spec.startMinute === this.spec.endMinute;
  }

  /** Builds the interval table for a span up front (e.g. the data's whole range) so queries never rebuild it. */
  prepare(fromMs: number, toMs: number): void {
    if (Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs >= fromMs) this.cover(fromMs, toMs);
  }

  /**
   * The working intervals (UTC ms, sorted, disjoint) that overlap [fromMs, toMs], clipped to it:
   * what a queue simulation walks day by day.
   */
  workingIntervals(fromMs: number, toMs: number): { starts: Float64Array; ends: Float64Array } {
    if (!(toMs > fromMs) || this.isEmpty) return { starts: new Float64Array(0), ends: new Float64Array(0) };
    this.cover(fromMs, toMs);
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = this.firstEndingAfter(fromMs); i < this.starts.length && this.starts[i]! < toMs; i++) {
      starts.push(Math.max(this.starts[i]!, fromMs));
      ends.push(Math.min(this.ends[i]!, toMs));
    }
    return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
  }

  /** Working ms left in the working interval holding t (0 when t is outside working time). */
  workLeftInDay(t: number): number {
    if (this.isEmpty || !Number.isFinite(t)) return 0;
    this.cover(t, t + DAY_MS);
    const i = this.firstEndingAfter(t);
    return i < this.starts.length && this.starts[i]! <= t ? this.ends[i]! - t : 0;
  }

  /** Index of the first interval whose end is after t. */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Working milliseconds in [startMs, endMs]; 0 when endMs <= startMs. */
  businessMsBetween(startMs: number, endMs: number): number {
    if (!(endMs > startMs) || this.isEmpty) return 0;
    this.cover(startMs, endMs);
    return this.cumAt(endMs) - this.cumAt(startMs);
  }

  /**
   * The earliest instant at which `ms` working milliseconds have elapsed since startMs
   * (startMs itself for ms <= 0). Infinity for a schedule with no working time.
   */
  addBusinessMs(startMs: number, ms: number): number {
    if (!(ms > 0)) return startMs;
    if (this.isEmpty) return Number.POSITIVE_INFINITY;
    // Guess the span from the weekly working time, then widen until the target is covered.
    const weekly = this.weeklyWorkMs();
    let span = Math.max(14 * DAY_MS, Math.ceil(ms / weekly + 2) * 7 * DAY_MS);
    for (;;) {
      this.cover(startMs, startMs + span);
      const target = this.cumAt(startMs) + ms;
      const n = this.starts.length;
      if (n > 0 && this.cum[n]! >= target) return this.instantAtCum(target);
      if (span > MAX_SEARCH_MS) return Number.POSITIVE_INFINITY;
      span *= 2;
    }
  }

  /** Working ms in [coverFrom, t]: prefix sum up to the interval holding or preceding t. */
  private cumAt(t: number): number {
    // i = number of intervals starting at or before t.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const i = lo - 1;
    return this.cum[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  /** The earliest instant whose cumAt equals target (target within the table). */
  private instantAtCum(target: number): number {
    // First interval i with cum[i + 1] >= target.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo]! + (target - this.cum[lo]!);
  }

  private weeklyWorkMs(): number {
    const perDay = (this.spec.endMinute - this.spec.startMinute + 1440) % 1440 || 1440;
    return Math.max(1, this.weekdaySet.size * perDay * 60_000 - HOUR_MS); // minus an hour for a DST week
  }

  /** Makes the interval table reach [fromMs, toMs], rebuilding it with padding when it does not. */
  private cover(fromMs: number, toMs: number): void {
    if (fromMs >= this.coverFrom && toMs <= this.coverTo) return;
    const from = Math.min(fromMs, this.coverFrom) - PAD_MS;
    const to = Math.max(toMs, this.coverTo) + PAD_MS;
    this.build(from, to);
  }

  /**
   * Lists the working intervals of every local day from the day before `from`
   * (a shift past midnight may reach into it) to the day after `to`. Local
   * times become instants through the zone's offset transitions (DST-aware):
   * a start skipped by a spring-forward gap moves forward past the gap, a
   * time repeated by a fall-back takes its first occurrence.
   */
  private build(from: number, to: number): void {
    const { timezone, startMinute, endMinute } = this.spec;
    const zone = new ZoneOffsets(timezone, from, to);
    const overnight = endMinute <= startMinute;
    const starts: number[] = [];
    const ends: number[] = [];
    const lastDay = localDayNumber(zone.toLocal(to)) + 1;
    for (let day = localDayNumber(zone.toLocal(from)) - 1; day <= lastDay; day++) {
      if (!this.weekdaySet.has(isoWeekday(day))) continue;
      const s = zone.fromLocal(day * DAY_MS + startMinute * 60_000);
      const e = zone.fromLocal((overnight ? day + 1 : day) * DAY_MS + endMinute * 60_000);
      // A DST jump can swallow a tiny shift; keep the table strictly increasing.
      const prevEnd = ends.length > 0 ? ends[ends.length - 1]! : Number.NEGATIVE_INFINITY;
      const start = Math.max(s, prevEnd);
      if (e > start) {
        starts.push(start);
        ends.push(e);
      }
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    const cum = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) cum[i + 1] = cum[i]! + ends[i]! - starts[i]!;
    this.cum = cum;
    this.coverFrom = from;
    this.coverTo = to;
  }
}

/** Working hours elapsed between two instants under a schedule (0 when end <= start). */
export function businessHoursBetween(startMs: number, endMs: number, schedule: WorkSchedule): number {
  return schedule.businessMsBetween(startMs, endMs) / HOUR_MS;
}

/** The instant (epoch ms) when `hours` working hours have elapsed from startMs; Infinity if never. */
export function addBusinessHours(startMs: number, hours: number, schedule: WorkSchedule): number {
  return schedule.addBusinessMs(startMs, Math.round(hours * HOUR_MS));
}

/** Monday to Friday. */
export const WEEKDAYS_MON_FRI: readonly number[] = [1, 2, 3, 4, 5];

/** The contract's default working week: 09:00-17:00 Monday to Friday in the given zone. */
export function defaultScheduleSpec(timezone: string): ScheduleSpec {
  return { timezone, startMinute: 9 * 60, endMinute: 17 * 60, weekdays: WEEKDAYS_MON_FRI };
}
