// Calendar dates for the checks' windows, in the workspace time zone.
import { DateTime } from 'luxon';
import { DAY_MS, OUTCOME_HORIZON_MS } from '../forecast/history';
import { windowRange } from '../replay/window';

export function isoDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? new Date(ms).toISOString().slice(0, 10);
}

/** The last date whose MQLs' 90-day outcomes had all closed by the data end. */
export function lastMatureDate(dataEnd: number, zone: string): string {
  return isoDate(dataEnd - OUTCOME_HORIZON_MS - DAY_MS, zone);
}

/** Start of a date (ms). */
export function dayStart(date: string, zone: string): number {
  return windowRange({ from: date, to: null }, zone).fromMs;
}
