import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  businessHoursBetween,
  defaultScheduleSpec,
  HOUR_MS,
  parseClock,
  WorkSchedule,
} from '../../engine/calendar/business-hours';
import { LocalDays, localDayEndMs, localDayStartMs } from '../../engine/calendar/local-days';
import { buildRepSchedules } from '../../engine/calendar/rep-schedules';
import { ZoneOffsets } from '../../engine/calendar/zone-offsets';
import { getWorkspaceTimezone } from '../../engine/workspace/settings';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { join } from 'node:path';
import { DateTime } from 'luxon';

const t = (iso: string): number => Date.parse(iso);
const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
const ny = new WorkSchedule(defaultScheduleSpec('America/New_York'));

// 2025-01-03 is a Friday, 2025-01-04/05 the weekend, 2025-01-06 a Monday.
describe('business hours, UTC 09:00-17:00 Mon-Fri', () => {
  it('skips the weekend', () => {
    // Fri 16:00-17:00 = 1 h, Mon 09:00-10:00 = 1 h
    expect(businessHoursBetween(t('2025-01-03T16:00:00Z'), t('2025-01-06T10:00:00Z'), utc)).toBe(2);
    // Saturday noon to Monday 09:30: only Monday's half hour
    expect(businessHoursBetween(t('2025-01-04T12:00:00Z'), t('2025-01-06T09:30:00Z'), utc)).toBe(0.5);
  });

  it('starts counting at work start for a start before hours, and is 0 for a reversed span', () => {
    // Mon 07:00 -> 12:00: 09:00-12:00 = 3 h
    expect(businessHoursBetween(t('2025-01-06T07:00:00Z'), t('2025-01-06T12:00:00Z'), utc)).toBe(3);
    // Mon 18:00 -> Tue 08:00: nothing
    expect(businessHoursBetween(t('2025-01-06T18:00:00Z'), t('2025-01-07T08:00:00Z'), utc)).toBe(0);
    expect(businessHoursBetween(t('2025-01-06T12:00:00Z'), t('2025-01-06T10:00:00Z'), utc)).toBe(0);
  });

  it('counts multi-week spans: two full weeks are 10 days x 8 h = 80 h', () => {
    expect(businessHoursBetween(t('2025-01-06T09:00:00Z'), t('2025-01-20T09:00:00Z'), utc)).toBe(80);
    // 52 weeks from Mon 2025-01-06 09:00: 52 x 40 = 2080 h
    expect(businessHoursBetween(t('2025-01-06T09:00:00Z'), t('2026-01-05T09:00:00Z'), utc)).toBe(2080);
  });

  it('inverse: the earliest instant at which N business hours have elapsed', () => {
    // Fri 16:00 + 4 h: 1 h on Friday, 3 h on Monday from 09:00 -> Mon 12:00
    expect(addBusinessHours(t('2025-01-03T16:00:00Z'), 4, utc)).toBe(t('2025-01-06T12:00:00Z'));
    // Saturday noon + 1 h -> Monday 10:00
    expect(addBusinessHours(t('2025-01-04T12:00:00Z'), 1, utc)).toBe(t('2025-01-06T10:00:00Z'));
    // Mon 09:00 + 80 h ends exactly at Fri 2025-01-17 17:00 (not the following Monday 09:00)
    expect(addBusinessHours(t('2025-01-06T09:00:00Z'), 80, utc)).toBe(t('2025-01-17T17:00:00Z'));
    // Before hours + 1 h: Mon 07:00 -> Mon 10:00
    expect(addBusinessHours(t('2025-01-06T07:00:00Z'), 1, utc)).toBe(t('2025-01-06T10:00:00Z'));
    // 0 h from outside hours is the start itself
    expect(addBusinessHours(t('2025-01-04T12:00:00Z'), 0, utc)).toBe(t('2025-01-04T12:00:00Z'));
    // 1000 h = 25 weeks of 40 h from Mon 09:00 -> Fri 17:00 of the 25th week: 2025-01-06 + 24 weeks + 4 days = 2025-06-27
    expect(addBusinessHours(t('2025-01-06T09:00:00Z'), 1000, utc)).toBe(t('2025-06-27T17:00:00Z'));
  });

  it("work left in the day: to the working interval's end, 0 outside working time", () => {
    const h = 3_600_000;
    expect(utc.workLeftInDay(t('2025-01-06T09:00:00Z'))).toBe(8 * h);
    expect(utc.workLeftInDay(t('2025-01-06T15:30:00Z'))).toBe(1.5 * h);
    expect(utc.workLeftInDay(t('2025-01-06T17:00:00Z'))).toBe(0); // the day's end: the next start is tomorrow
    expect(utc.workLeftInDay(t('2025-01-06T07:00:00Z'))).toBe(0);
    expect(utc.workLeftInDay(t('2025-01-04T12:00:00Z'))).toBe(0); // Saturday
    // New York's 09:00-17:00 in UTC (winter, UTC-5): 20:00 UTC is 15:00 there.
    expect(ny.workLeftInDay(t('2025-01-06T20:00:00Z'))).toBe(2 * h);
  });
});

describe('business hours across time zones and DST', () => {
  it('uses the schedule zone: 09:00 Berlin in winter is 08:00 UTC', () => {
    const berlin = new WorkSchedule(defaultScheduleSpec('Europe/Berlin'));
    // Mon 2025-01-06 07:30Z (08:30 Berlin) -> 09:00Z (10:00 Berlin) = 1 h
    expect(businessHoursBetween(t('2025-01-06T07:30:00Z'), t('2025-01-06T09:00:00Z'), berlin)).toBe(1);
    // Tokyo 09:00 JST = 00:00Z; Mon 00:00Z -> 02:00Z = 2 h; Sun 23:00Z is Monday 08:00 JST: before hours
    const tokyo = new WorkSchedule(defaultScheduleSpec('Asia/Tokyo'));
    expect(businessHoursBetween(t('2025-01-05T23:00:00Z'), t('2025-01-06T02:00:00Z'), tokyo)).toBe(2);
  });

  it('New York spring-forward weekend (2025-03-09): a full week is still 40 business hours', () => {
    // Mon 2025-03-03 09:00 EST = 14:00Z to Mon 2025-03-10 09:00 EDT = 13:00Z (167 wall-clock hours)
    expect(businessHoursBetween(t('2025-03-03T14:00:00Z'), t('2025-03-10T13:00:00Z'), ny)).toBe(40);
    // Fri 16:00 EST (21:00Z) -> Mon 10:00 EDT (14:00Z): 1 h + 1 h
    expect(businessHoursBetween(t('2025-03-07T21:00:00Z'), t('2025-03-10T14:00:00Z'), ny)).toBe(2);
    // Fri 16:00 EST + 2 h -> Mon 10:00 EDT = 14:00Z (a naive fixed offset would give 15:00Z)
    expect(addBusinessHours(t('2025-03-07T21:00:00Z'), 2, ny)).toBe(t('2025-03-10T14:00:00Z'));
  });

  it('a shift that spans the DST switch is shorter or longer in real hours', () => {
    const night = new WorkSchedule({ timezone: 'America/New_York', startMinute: 0, endMinute: 8 * 60, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    // 2025-03-09 00:00 EST = 05:00Z to 08:00 EDT = 12:00Z: 7 real hours
    expect(businessHoursBetween(t('2025-03-09T05:00:00Z'), t('2025-03-09T13:00:00Z'), night)).toBe(7);
    // 2025-11-02 00:00 EDT = 04:00Z to 08:00 EST = 13:00Z: 9 real hours
    expect(businessHoursBetween(t('2025-11-02T04:00:00Z'), t('2025-11-02T14:00:00Z'), night)).toBe(9);
  });

  it('an overnight shift belongs to the day it starts on', () => {
    const overnight = new WorkSchedule({ timezone: 'UTC', startMinute: 22 * 60, endMinute: 6 * 60, weekdays: [1, 2, 3, 4, 5] });
    // Mon 23:00 -> Tue 01:00 = 2 h
    expect(businessHoursBetween(t('2025-01-06T23:00:00Z'), t('2025-01-07T01:00:00Z'), overnight)).toBe(2);
    // Friday's shift runs into Saturday: Fri 23:00 -> Sat 05:00 = 6 h; Sat 22:00 -> Sun 02:00 = 0
    expect(businessHoursBetween(t('2025-01-10T23:00:00Z'), t('2025-01-11T05:00:00Z'), overnight)).toBe(6);
    expect(businessHoursBetween(t('2025-01-11T22:00:00Z'), t('2025-01-12T02:00:00Z'), overnight)).toBe(0);
  });

  it('lists the working intervals of a span, clipped to it', () => {
    // Fri 2025-01-03 16:00 to Tue 01-07 10:00 UTC: Fri 16-17, Mon 09-17, Tue 09-10
    const { starts, ends } = utc.workingIntervals(t('2025-01-03T16:00:00Z'), t('2025-01-07T10:00:00Z'));
    expect([...starts].map((x) => new Date(x).toISOString())).toEqual(['2025-01-03T16:00:00.000Z', '2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z']);
    expect([...ends].map((x) => new Date(x).toISOString())).toEqual(['2025-01-03T17:00:00.000Z', '2025-01-06T17:00:00.000Z', '2025-01-07T10:00:00.000Z']);
    expect(utc.workingIntervals(t('2025-01-04T00:00:00Z'), t('2025-01-05T23:00:00Z')).starts).toHaveLength(0);
  });

  it('a week without working time never reaches a deadline', () => {
    const none = new WorkSchedule({ timezone: 'UTC', startMinute: 540, endMinute: 1020, weekdays: [] });
    expect(addBusinessHours(t('2025-01-06T09:00:00Z'), 1, none)).toBe(Number.POSITIVE_INFINITY);
    expect(businessHoursBetween(t('2025-01-06T09:00:00Z'), t('2025-02-06T09:00:00Z'), none)).toBe(0);
  });

  it('is additive and the inverse undoes the forward count (random spans, New York)', () => {
    const lo = t('2024-10-01T00:00:00Z');
    const span = 400 * 24 * HOUR_MS;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 1, max: 2000 * 60 }),
        (a, b, c, minutes) => {
          const [x, y, z] = [lo + a, lo + b, lo + c].sort((p, q) => p - q) as [number, number, number];
          expect(ny.businessMsBetween(x, z)).toBe(ny.businessMsBetween(x, y) + ny.businessMsBetween(y, z));
          const end = ny.addBusinessMs(x, minutes * 60_000);
          expect(ny.businessMsBetween(x, end)).toBe(minutes * 60_000);
          // earliest: one millisecond earlier is not enough
          expect(ny.businessMsBetween(x, end - 1)).toBeLessThan(minutes * 60_000);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('business hours against a brute-force walk', () => {
  it('matches counting 15-minute steps with luxon across the 2025 DST switches', () => {
    // Both zones switch in March and October/November; spans start on 15-minute marks so a step is all in or all out.
    const cases = [
      { zone: 'America/New_York', around: '2025-03-09T12:00:00Z' },
      { zone: 'America/New_York', around: '2025-11-02T12:00:00Z' },
      { zone: 'Europe/Berlin', around: '2025-03-30T12:00:00Z' },
      { zone: 'Europe/Berlin', around: '2025-10-26T12:00:00Z' },
    ];
    const STEP = 15 * 60_000;
    for (const { zone, around } of cases) {
      const schedule = new WorkSchedule({ timezone: zone, startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 15, weekdays: [1, 2, 3, 4, 5, 7] });
      fc.assert(
        fc.property(fc.integer({ min: -5 * 96, max: 5 * 96 }), fc.integer({ min: 0, max: 6 * 96 }), (startStep, steps) => {
          const start = t(around) + startStep * STEP;
          let expected = 0;
          for (let k = 0; k < steps; k++) {
            const local = DateTime.fromMillis(start + k * STEP, { zone });
            const minute = local.hour * 60 + local.minute;
            if ([1, 2, 3, 4, 5, 7].includes(local.weekday) && minute >= 8 * 60 + 30 && minute < 17 * 60 + 15) expected += STEP;
          }
          expect(schedule.businessMsBetween(start, start + steps * STEP)).toBe(expected);
        }),
        { numRuns: 25, seed: 3 },
      );
    }
  });
});

describe('rep schedules', () => {
  it('parses clock times', () => {
    expect(parseClock('09:00')).toBe(540);
    expect(parseClock('7:30')).toBe(450);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('nine')).toBeNull();
  });

  it('defaults field by field, shares equal schedules and reports unusable rows', () => {
    const s = buildRepSchedules(
      [
        { repId: 'r1', timezone: 'America/New_York', workStart: '08:00', workEnd: null },
        { repId: 'r2', timezone: null, workStart: null, workEnd: null },
        { repId: 'r3', timezone: 'Mars/Base', workStart: 'soon', workEnd: '17:00' },
      ],
      'Europe/London',
    );
    expect(s.forRep('r1').spec).toMatchObject({ timezone: 'America/New_York', startMinute: 480, endMinute: 1020 });
    expect(s.forRep('r2')).toBe(s.fallback);
    expect(s.forRep('r3')).toBe(s.fallback); // bad zone and clock both fall back, to the same shared object
    expect(s.forRep('nobody')).toBe(s.fallback);
    expect(s.forRep(null).spec.timezone).toBe('Europe/London');
    expect(s.warnings).toHaveLength(2);
    expect(s.warnings[0]).toMatch(/r3: unknown time zone/);
  });
});

describe('zone offsets and local days agree with luxon', () => {
  const lo = t('2024-01-01T00:00:00Z');
  const hi = t('2026-12-31T00:00:00Z');
  // southern-hemisphere DST, half-hour and 45-minute offsets, DST switches at local midnight
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham'];

  it('maps instants to wall-clock time and back (first occurrence in a fall-back)', () => {
    for (const zone of zones) {
      const z = new ZoneOffsets(zone, lo, hi);
      const days = new LocalDays(zone, lo, hi);
      fc.assert(
        fc.property(fc.integer({ min: lo, max: hi }), (ms) => {
          const dt = DateTime.fromMillis(ms, { zone });
          const local = z.toLocal(ms);
          expect(local).toBe(ms + dt.offset * 60_000);
          const back = z.fromLocal(local);
          expect(back).toBeLessThanOrEqual(ms);
          expect(z.toLocal(back)).toBe(local);
          expect(days.dateOf(ms)).toBe(dt.toISODate());
          expect(days.weekOf(ms)).toBe(dt.startOf('week').toISODate());
        }),
        { numRuns: 300, seed: 11 },
      );
    }
  });

  it('resolves the New York DST edges', () => {
    const z = new ZoneOffsets('America/New_York', t('2025-01-01T00:00:00Z'), t('2025-12-31T00:00:00Z'));
    const local = (iso: string): number => Date.parse(`${iso}Z`);
    // 2025-03-09 02:30 does not exist: moved forward to 03:30 EDT = 07:30Z
    expect(z.fromLocal(local('2025-03-09T02:30:00'))).toBe(t('2025-03-09T07:30:00Z'));
    // 2025-11-02 01:30 happens twice: the first (EDT) is 05:30Z
    expect(z.fromLocal(local('2025-11-02T01:30:00'))).toBe(t('2025-11-02T05:30:00Z'));
    // window bounds: 2025-03-09 starts at 05:00Z (EST) and ends at 04:00Z next day (EDT): a 23-hour day
    expect(localDayStartMs('2025-03-09', 'America/New_York')).toBe(t('2025-03-09T05:00:00Z'));
    expect(localDayEndMs('2025-03-09', 'America/New_York')).toBe(t('2025-03-10T04:00:00Z'));
  });
});

describe('workspace time zone', () => {
  const dir = scratchDir('hl-tz-');
  it('defaults to UTC and refuses an unknown zone in plain words', async () => {
    const ws = await openWorkspace(join(dir, 'tz.duckdb'));
    try {
      expect(await getWorkspaceTimezone(ws)).toBe('UTC');
      await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('timezone', 'Europe/Paris')`);
      expect(await getWorkspaceTimezone(ws)).toBe('Europe/Paris');
      await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ('timezone', 'Mars/Olympus')`);
      await expect(getWorkspaceTimezone(ws)).rejects.toThrow('The workspace time zone "Mars/Olympus" is not a known time zone');
    } finally {
      ws.close();
    }
  });
});
