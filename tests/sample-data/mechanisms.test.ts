// Building blocks of the world: working-time arithmetic across time zones and DST, quantiles as
// DuckDB computes them, the speed-to-lead effect, and the scoring edge rules of SEMANTICS.md.
import { describe, expect, it } from 'vitest';
import { workCalendar } from '../../sample-data/world/calendar';
import { quantileCont } from '../../sample-data/world/metrics';
import { speedOddsMultiplier } from '../../sample-data/world/outcomes';
import { DAY, HOUR, iso, secondsOfDate } from '../../sample-data/world/time';

const at = (isoString: string): number => (Date.parse(isoString) - Date.UTC(2025, 0, 1)) / 1000;

describe('world mechanisms', () => {
  it('counts business hours in the rep time zone, skipping nights and weekends, across DST', () => {
    const ny = workCalendar('America/New_York', '09:00', '17:00');
    // Friday 2025-03-07 16:00 New York (21:00Z) to Monday 2025-03-10 10:00 New York (14:00Z, after the DST switch): 1h + 1h.
    expect(ny.between(at('2025-03-07T21:00:00Z'), at('2025-03-10T14:00:00Z'))).toBe(2 * HOUR);
    // A whole week is 40 working hours.
    expect(ny.between(at('2025-06-02T00:00:00Z'), at('2025-06-09T00:00:00Z'))).toBe(40 * HOUR);
    const tokyo = workCalendar('Asia/Tokyo', '09:00', '17:00');
    // 2025-01-06 (Monday) 00:00Z is 09:00 in Tokyo: the day starts there.
    expect(tokyo.starts[tokyo.intervalFrom(at('2025-01-05T12:00:00Z'))]).toBe(at('2025-01-06T00:00:00Z'));
  });

  it('computes quantiles like DuckDB quantile_cont', () => {
    expect(quantileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileCont([0, 10], 0.9)).toBe(9);
    expect(quantileCont([], 0.5)).toBeNull();
  });

  it('makes fast contact several times better for conversion odds, fading with the hours', () => {
    expect(speedOddsMultiplier(5 / 60) / speedOddsMultiplier(24)).toBeGreaterThan(3);
    let last = Infinity;
    for (const h of [0, 0.5, 1, 2, 4, 8, 24, 72]) {
      const m = speedOddsMultiplier(h);
      expect(m).toBeLessThan(last);
      expect(m).toBeGreaterThanOrEqual(1);
      last = m;
    }
    expect(speedOddsMultiplier(Infinity)).toBe(1);
  });

  it('formats instants as ISO 8601 UTC', () => {
    expect(iso(0)).toBe('2025-01-01T00:00:00Z');
    expect(iso(secondsOfDate('2025-07-01') + 13 * HOUR + 61)).toBe('2025-07-01T13:01:01Z');
    expect(iso(365 * DAY - 1)).toBe('2025-12-31T23:59:59Z');
  });
});
