// A scenario window (YYYY-MM-DD dates, inclusive, workspace time zone) as a
// half-open epoch-ms range [fromMs, toMs).
import { DateTime } from 'luxon';
import type { WindowPolicy } from '../scenario/policy';

export interface WindowRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export function windowRange(window: WindowPolicy, timezone: string): WindowRange {
  const day = (d: string) => {
    const t = DateTime.fromISO(d, { zone: timezone });
    if (!t.isValid) throw new RangeError(`window date "${d}" cannot be read in time zone ${timezone}: ${t.invalidExplanation ?? t.invalidReason ?? ''}`);
    return t.startOf('day');
  };
  return {
    fromMs: window.from === null ? -Infinity : day(window.from).toMillis(),
    // Inclusive "to" date: the range ends at the start of the next day.
    toMs: window.to === null ? Infinity : day(window.to).plus({ days: 1 }).toMillis(),
  };
}

export function inWindow(range: WindowRange, t: number): boolean {
  return t >= range.fromMs && t < range.toMs;
}
