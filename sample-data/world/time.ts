// World clock: every instant is whole seconds since 2025-01-01T00:00:00Z (fits an Int32 for
// decades), so 20M activity times cost 80 MB and compare as integers.

export const EPOCH_MS = Date.UTC(2025, 0, 1);
export const DAY = 86_400;
export const HOUR = 3_600;
export const YEAR_DAYS = 365;
/** The data end: nothing that happens at or after this instant is in the history files. */
export const DATA_END = YEAR_DAYS * DAY;
/** Outcome simulations run this far past the data end so the truth is uncensored. */
export const SIM_HORIZON = DATA_END + 400 * DAY;

/** Day of week of a world day index, 0 = Monday (2025-01-01 was a Wednesday). */
export function weekday(day: number): number {
  return (((day + 2) % 7) + 7) % 7;
}

/** Month (0-11) of a world day index within 2025. */
const MONTH_OF_DAY: readonly number[] = Array.from({ length: 366 }, (_, d) => new Date(EPOCH_MS + d * DAY * 1000).getUTCMonth());

export function monthOf(day: number): number {
  return MONTH_OF_DAY[day] ?? new Date(EPOCH_MS + day * DAY * 1000).getUTCMonth();
}

/**
 * Seasonality of inbound demand. Monthly: January restart, February-March peak, summer lull,
 * September-October peak, December holidays. Weekly: weekdays full, Friday a bit lower, weekends low.
 */
export const MONTH_FACTOR: readonly number[] = [1.0, 1.1, 1.15, 1.05, 1.0, 0.9, 0.75, 0.7, 1.1, 1.2, 1.1, 0.7];
export const WEEKDAY_FACTOR: readonly number[] = [1.05, 1.1, 1.1, 1.05, 0.9, 0.2, 0.16];

export function dayFactor(day: number): number {
  const m = day < 0 ? 0 : day >= YEAR_DAYS ? 11 : monthOf(day);
  return (MONTH_FACTOR[m] as number) * (WEEKDAY_FACTOR[weekday(day)] as number);
}

/** Hour-of-day (local) weights of human activity: business hours heavy, some evening. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.0, 4.5, 4.5, 3.5, 4.0, 4.5, 4.2, 3.8, 3.0, 2.0, 1.6, 1.4, 1.2, 0.8, 0.4,
];

const dayPrefix = new Map<number, string>();

function datePart(day: number): string {
  let s = dayPrefix.get(day);
  if (s === undefined) {
    s = new Date(EPOCH_MS + day * DAY * 1000).toISOString().slice(0, 10);
    dayPrefix.set(day, s);
  }
  return s;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

let clock: string[] | null = null;

/** "THH:MM:SSZ" for every second of a day, built once: formatting 20M timestamps stays cheap. */
function clockPart(r: number): string {
  if (clock === null) {
    clock = new Array<string>(DAY);
    for (let x = 0; x < DAY; x++) {
      const h = Math.floor(x / HOUR);
      const m = Math.floor((x - h * HOUR) / 60);
      clock[x] = `T${pad2(h)}:${pad2(m)}:${pad2(x - h * HOUR - m * 60)}Z`;
    }
  }
  return clock[r] as string;
}

/** ISO 8601 UTC with a Z offset, second precision: what the CSVs carry. */
export function iso(t: number): string {
  const s = Math.round(t);
  const day = Math.floor(s / DAY);
  return datePart(day) + clockPart(s - day * DAY);
}

export function isoDate(day: number): string {
  return datePart(day);
}

/** World seconds of an ISO date (YYYY-MM-DD) at 00:00 UTC. */
export function secondsOfDate(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH_MS) / 1000);
}
