import { describe, expect, it } from 'vitest';
import { businessHoursBetween, defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { DAY_MS, FLAG_REASSIGNED, simulateQueues } from '../../engine/queue/simulate';
import { workingDays, dayEndingAfter } from '../../engine/queue/working-days';
import { Rng } from '../../engine/stats/rng';

// Reps in four time zones (two DST regimes) over a year: every simulated contact must respect the rules.
describe('queue invariants at scale', () => {
  it('contacts fall inside the contacting rep\'s working hours, after the MQL, within the horizon, at most capacity a day', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
    const schedules = zones.map((z) => new WorkSchedule(defaultScheduleSpec(z)));
    const nr = 12;
    const n = 20_000;
    const rng = new Rng(77);
    const start = Date.parse('2025-01-01T00:00:00Z');
    const arrival = new Float64Array(n);
    let a = start;
    for (let i = 0; i < n; i++) arrival[i] = a += -Math.log(1 - rng.uniform()) * ((365 * DAY_MS) / n);
    const reps = {
      schedules: Array.from({ length: nr }, (_, r) => schedules[r % 4]!),
      dailyCapacity: Float64Array.from({ length: nr }, (_, r) => 4 + (r % 5)),
      serviceMs: Float64Array.from({ length: nr }, (_, r) => (10 + 5 * (r % 3)) * 60_000),
    };
    const mqls = {
      arrival,
      rep: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * nr)),
      priority: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 3)),
      key: Int32Array.from({ length: n }, (_, i) => i),
    };
    const horizonMs = 10 * DAY_MS;
    const blackHoles = { intercept: new Float64Array(nr).fill(-3), slope: 0.5, backlogScale: reps.dailyCapacity, tierEffect: [] };
    const out = simulateQueues(reps, mqls, { seed: 3, horizonMs, blackHoles, escalateAfterHours: 4, reassignAfterHours: 16 });
    const days = reps.schedules.map((s) => workingDays(s, start - DAY_MS, a + horizonMs + DAY_MS));
    const perDay = reps.schedules.map((_, r) => new Int32Array(days[r]!.starts.length));
    let contacted = 0;
    let reassigned = 0;
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = out.contactAt[i]!;
      if (out.flags[i]! & FLAG_REASSIGNED) reassigned++;
      if (Number.isNaN(c)) continue;
      contacted++;
      const r = out.finalRep[i]!;
      if (c < arrival[i]! || c - arrival[i]! >= horizonMs) bad.push(`lead ${i}: contact outside [MQL, MQL + horizon)`);
      const d = dayEndingAfter(days[r]!, c);
      if (!(c >= days[r]!.starts[d]!)) bad.push(`lead ${i}: contact outside rep ${r}'s working hours`);
      else perDay[r]![d] = perDay[r]![d]! + 1;
      // Cross-check with the calendar module: a contact in working hours has working time right after it.
      if (businessHoursBetween(c, c + 60_000, reps.schedules[r]!) <= 0) bad.push(`lead ${i}: calendar says rep ${r} is off at contact`);
    }
    perDay.forEach((counts, r) => counts.forEach((k, d) => {
      if (k > reps.dailyCapacity[r]!) bad.push(`rep ${r} day ${d}: ${k} contacts`);
    }));
    expect(bad.slice(0, 5)).toEqual([]);
    // The run is not trivial: most leads are reached, and some go through every rule.
    expect(contacted).toBeGreaterThan(n * 0.6);
    expect(contacted).toBeLessThan(n);
    expect(reassigned).toBeGreaterThan(0);
  });
});
