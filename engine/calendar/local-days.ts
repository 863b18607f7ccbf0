// Local calendar days of a time zone as UTC instants, so that "which local
// date / week is this instant in" is a binary search instead of a time-zone
// conversion per row (DuckDB's timezone() or luxon per row cost ~100 ms on
// 250k rows; this costs a few ms).
import { DateTime } from 'luxon';
import { isoDateOfDay, isoWeekday, localDayNumber, ZoneOffsets } from './zone-offsets';

const DAY_MS = 86_400_000;

/** The instant local midnight starts `date` (YYYY-MM-DD) in `zone`. */
export function localDayStartMs(date: string, zone: string): number {
  const d = DateTime.fromISO(date, { zone });
  if (!d.isValid) throw new RangeError(`"${date}" is not a date`);
  return d.startOf('day').toMillis();
}

/** The instant the local day after `date` starts: the exclusive end of a window that includes `date`. */
export function localDayEndMs(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}

export class LocalDays {
  /** starts[i] = UTC ms of local midnight of day i; one extra entry closes the last day. */
  private readonly starts: Float64Array;
  private readonly dates: string[];
  private readonly weekStarts: string[];


  /** Covers every instant in [fromMs, toMs] of the zone. */
  constructor(
    readonly zone: string,
    fromMs: number,
    toMs: number,
  ) {
    const offsets = new ZoneOffsets(zone, fromMs, toMs);
    const first = localDayNumber(offsets.toLocal(fromMs));
    const last = localDayNumber(offsets.toLocal(toMs));
    const starts: number[] = [];
    this.dates = [];
    this.weekStarts = [];
    for (let day = first; day <= last + 1; day++) {
      starts.push(offsets.fromLocal(day * DAY_MS));
      if (day > last) break;
      this.dates.push(isoDateOfDay(day));
      this.weekStarts.push(isoDateOfDay(day - (isoWeekday(day) - 1)));
    }
    this.starts = Float64Array.from(starts);
  }

  /** Index of the local day holding ms; -1 outside the covered span. */
  dayIndex(ms: number): number {
    const s = this.starts;
    if (!(ms >= s[0]!) || !(ms < s[s.length - 1]!)) return -1;
    let lo = 0;
    let hi = s.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= ms) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Local date, YYYY-MM-DD. */
  dateOf(ms: number): string {
    return this.dates[this.dayIndex(ms)] ?? '';
  }

  /** Every distinct week start (Monday) in the covered span, ascending. */
  weekStartsInOrder(): string[] {
    return [...new Set(this.weekStarts)];
  }

  /** Monday of the local week, YYYY-MM-DD. */
  weekOf(ms: number): string {
    return this.weekStarts[this.dayIndex(ms)] ?? '';
  }
}
