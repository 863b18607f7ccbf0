import { describe, expect, it } from 'vitest';
import { defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { FLAG_DECIDED_LATE, FLAG_DROPPED, FLAG_ESCALATED, FLAG_IGNORED, FLAG_REASSIGNED, FLAG_REVIEWED, FLAG_UNWORKED, HOUR_MS, KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUICK, queueSimulation, simulateQueues } from '../../engine/queue/simulate';
import { workingDays } from '../../engine/queue/working-days';

const t = (iso: string): number => Date.parse(iso);
const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
const iso = (ms: number): string => (Number.isNaN(ms) ? 'never' : new Date(ms).toISOString().slice(0, 16));

function mqls(rows: readonly [string, number, number][]) {
  return {
    arrival: Float64Array.from(rows, (r) => t(r[0])),
    rep: Int32Array.from(rows, (r) => r[1]),
    priority: Int32Array.from(rows, (r) => r[2]),
    key: Int32Array.from(rows, (_, i) => i),
  };
}

describe('working days from a WorkSchedule', () => {
  it('lists 09:00-17:00 weekdays and skips the weekend; New York follows DST', () => {
    const d = workingDays(utc, t('2025-01-03T12:00:00Z'), t('2025-01-06T12:00:00Z'));
    const list = Array.from(d.starts, (s, i) => `${iso(s)}-${iso(d.ends[i]!).slice(11)}`);
    expect(list).toContain('2025-01-03T09:00-17:00');
    expect(list).toContain('2025-01-06T09:00-17:00');
    expect(list.some((s) => s.startsWith('2025-01-04') || s.startsWith('2025-01-05'))).toBe(false);
    const ny = workingDays(new WorkSchedule(defaultScheduleSpec('America/New_York')), t('2025-03-07T12:00:00Z'), t('2025-03-10T20:00:00Z'));
    const starts = Array.from(ny.starts, iso);
    expect(starts).toContain('2025-03-07T14:00'); // EST: 09:00 = 14:00Z
    expect(starts).toContain('2025-03-10T13:00'); // EDT after the switch: 09:00 = 13:00Z
  });
});

describe('one rep, computed by hand', () => {
  it('carries work overnight and over the weekend, caps the day, and takes tier A first', () => {
    // 2025-01-02 is a Thursday. Capacity 3 a day, 60 minutes a lead, UTC 09:00-17:00.
    const m = mqls([
      ['2025-01-02T16:30:00Z', 0, 2], // 0: idle rep -> 16:30; busy until Fri 09:30 (30 min Thu + 30 min Fri)
      ['2025-01-02T20:00:00Z', 0, 2], // 1: waits for Fri 09:30, but lead 2 outranks it
      ['2025-01-03T08:00:00Z', 0, 0], // 2: tier A -> Fri 09:30 (priority jump)
      ['2025-01-03T09:45:00Z', 0, 2], // 3: behind lead 1 (older) -> 11:30
      ['2025-01-03T12:00:00Z', 0, 1], // 4: Friday's 3 are used up (2, 1, 3) -> Mon 09:00
      ['2025-01-04T10:00:00Z', 0, 2], // 5: Saturday -> Mon 10:00
    ]);
    const out = simulateQueues({ schedules: [utc], dailyCapacity: [3], serviceMs: [HOUR_MS] }, m);
    expect(Array.from(out.contactAt, iso)).toEqual([
      '2025-01-02T16:30',
      '2025-01-03T10:30',
      '2025-01-03T09:30',
      '2025-01-03T11:30',
      '2025-01-06T09:00',
      '2025-01-06T10:00',
    ]);
    expect(Array.from(out.flags)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('drops a lead not reached within the horizon, and never contacts unassigned leads', () => {
    // Capacity 1 a day: the third lead would wait until Wed; a 1-day horizon drops it (and the second).
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0],
      ['2025-01-06T09:10:00Z', 0, 0],
      ['2025-01-06T09:20:00Z', -1, 0],
    ]);
    const out = simulateQueues({ schedules: [utc], dailyCapacity: [1], serviceMs: [HOUR_MS / 4] }, m, { horizonMs: 20 * HOUR_MS });
    expect(Array.from(out.contactAt, iso)).toEqual(['2025-01-06T09:00', 'never', 'never']);
    expect(out.flags[1]! & FLAG_DROPPED).toBe(FLAG_DROPPED);
  });

  it('flags leads settled by review (no contact, no load), quick or late', () => {
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0], // tier 0: always a quick review
      ['2025-01-06T09:05:00Z', 0, 2], // tier 2: always a clean-up
      ['2025-01-06T09:06:00Z', 0, 3], // tier 3: always a clean-up after the worked horizon
      ['2025-01-06T09:10:00Z', 0, 1], // tier 1: never reviewed, contacted at once (the reviewed leads took no time)
      ['2025-01-06T09:20:00Z', 0, 1], // capacity 1: dropped at the horizon
    ]);
    const out = simulateQueues({ schedules: [utc], dailyCapacity: [1], serviceMs: [HOUR_MS / 4] }, m, {
      horizonMs: 20 * HOUR_MS,
      review: { skipByTier: [1, 0, 0, 0], lateByTier: [0, 0, 1, 0], unworkedByTier: [0, 0, 0, 1] },
    });
    expect(Array.from(out.contactAt, iso)).toEqual(['never', 'never', 'never', '2025-01-06T09:10', 'never']);
    expect(Array.from(out.flags)).toEqual([FLAG_REVIEWED, FLAG_REVIEWED | FLAG_DECIDED_LATE, FLAG_REVIEWED | FLAG_DECIDED_LATE | FLAG_UNWORKED, 0, FLAG_DROPPED]);
  });

  it('queued reviews wait and take a start like any lead, settled then: quick within the window, late after it', () => {
    // Capacity 2 a day, 15 minutes a lead, one tier; history knows which leads are reviews (ReviewModel.known).
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0], // review, started at once -> quick
      ['2025-01-06T09:05:00Z', 0, 0], // contact at 09:15 (behind the review: it took the rep's time)
      ['2025-01-06T09:10:00Z', 0, 0], // review: Monday's 2 starts are used -> Tue 09:00, 23h50 later
      ['2025-01-06T09:20:00Z', 0, 0], // review -> Tue 09:15, 23h55 later
    ]);
    const reps = { schedules: [utc], dailyCapacity: [2], serviceMs: [HOUR_MS / 4] };
    const known = [KNOWN_QUEUED, KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUEUED];
    const run = (windowMs: number) => simulateQueues(reps, m, { review: { skipByTier: [0], queuedByTier: [0], windowMs, known } });
    const out = run(24 * HOUR_MS);
    expect(Array.from(out.contactAt, iso)).toEqual(['2025-01-06T09:00', '2025-01-06T09:15', '2025-01-07T09:00', '2025-01-07T09:15']);
    expect(Array.from(out.flags)).toEqual([FLAG_REVIEWED, 0, FLAG_REVIEWED, FLAG_REVIEWED]);
    expect(Array.from(run(23 * HOUR_MS + 52 * 60_000).flags)).toEqual([FLAG_REVIEWED, 0, FLAG_REVIEWED, FLAG_REVIEWED | FLAG_DECIDED_LATE]);
    // Drawn: a queued share of 1 makes every lead a review; a known quick review skips the queue (no start).
    expect(Array.from(simulateQueues(reps, m, { review: { skipByTier: [0], queuedByTier: [1] } }).flags)).toEqual([FLAG_REVIEWED, FLAG_REVIEWED, FLAG_REVIEWED, FLAG_REVIEWED]);
    const skip = simulateQueues(reps, m, { review: { skipByTier: [0], queuedByTier: [0], known: [KNOWN_QUICK, KNOWN_NONE, KNOWN_NONE, KNOWN_NONE] } });
    expect(Array.from(skip.contactAt, iso)).toEqual(['never', '2025-01-06T09:05', '2025-01-06T09:20', '2025-01-07T09:00']);
    expect(Array.from(skip.flags)).toEqual([FLAG_REVIEWED, 0, 0, 0]);
  });

  it('escalation moves a waiting tier-C lead ahead of newer tier-A leads', () => {
    // Capacity 1 a day. Lead 1 (C) arrives Mon 10:00, escalates after 4 business hours (Mon 14:00),
    // then lead 2 (A) arrives Mon 15:00. Tue 09:00 the rep takes lead 1 (escalated), Wed 09:00 lead 2.
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0],
      ['2025-01-06T10:00:00Z', 0, 2],
      ['2025-01-06T15:00:00Z', 0, 0],
    ]);
    const reps = { schedules: [utc], dailyCapacity: [1], serviceMs: [HOUR_MS / 4] };
    const out = simulateQueues(reps, m, { escalateAfterHours: 4 });
    expect(Array.from(out.contactAt, iso)).toEqual(['2025-01-06T09:00', '2025-01-07T09:00', '2025-01-08T09:00']);
    expect(out.flags[1]! & FLAG_ESCALATED).toBe(FLAG_ESCALATED);
    // Wall-clock SLA hours: escalation at Mon 14:00 too (same day), so the same order.
    expect(Array.from(simulateQueues(reps, m, { escalateAfterHours: 4, slaBusinessHours: false }).contactAt, iso)).toEqual(Array.from(out.contactAt, iso));
    // 24 wall-clock hours: escalates Tue 10:00, after Tuesday's one contact went to lead 2 (A) at 09:00.
    expect(Array.from(simulateQueues(reps, m, { escalateAfterHours: 24, slaBusinessHours: false }).contactAt, iso)).toEqual([
      '2025-01-06T09:00',
      '2025-01-08T09:00',
      '2025-01-07T09:00',
    ]);
    const plain = simulateQueues(reps, m);
    expect(Array.from(plain.contactAt, iso)).toEqual(['2025-01-06T09:00', '2025-01-08T09:00', '2025-01-07T09:00']);
  });
});

describe('reassignment rule, computed by hand', () => {
  const reps = { schedules: [utc, utc], dailyCapacity: [1, 10], serviceMs: [HOUR_MS / 2, HOUR_MS / 2] };

  it('a lead still queued after reassign_after_hours moves to the least-loaded rep; one contacted in time stays', () => {
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0], // rep 0 takes it at once: its one lead for Monday
      ['2025-01-06T10:00:00Z', 0, 0], // waits for Tue; at Mon 12:00 (2 business hours) moves to rep 1 (idle) -> 12:00
      ['2025-01-06T16:30:00Z', 0, 0], // deadline Tue 10:30; rep 0 takes it Tue 09:00 -> stays
    ]);
    const out = simulateQueues(reps, m, { reassignAfterHours: 2 });
    expect(Array.from(out.contactAt, iso)).toEqual(['2025-01-06T09:00', '2025-01-06T12:00', '2025-01-07T09:00']);
    expect(Array.from(out.finalRep)).toEqual([0, 1, 0]);
    expect(Array.from(out.flags)).toEqual([0, FLAG_REASSIGNED, 0]);
  });

  it('reassignment rescues a lead its first rep ignored (a black hole)', () => {
    const m = mqls([['2025-01-06T10:00:00Z', 0, 0]]);
    const blackHoles = { intercept: [40, -40], slope: 0, backlogScale: [1, 1], tierEffect: [] };
    const lost = simulateQueues(reps, m, { blackHoles });
    expect(lost.contactAt[0]).toBeNaN();
    expect(lost.flags[0]! & FLAG_IGNORED).toBe(FLAG_IGNORED);
    const saved = simulateQueues(reps, m, { blackHoles, reassignAfterHours: 8 });
    // 8 business hours after Mon 10:00 is Tue 10:00.
    expect(iso(saved.contactAt[0]!)).toBe('2025-01-07T10:00');
    expect(saved.finalRep[0]).toBe(1);
  });

  it('stays put when no other rep of its team is active', () => {
    const m = mqls([
      ['2025-01-06T09:00:00Z', 0, 0],
      ['2025-01-06T10:00:00Z', 0, 0],
    ]);
    const out = simulateQueues({ ...reps, team: [0, 1] }, m, { reassignAfterHours: 2 });
    expect(Array.from(out.finalRep)).toEqual([0, 0]);
    const inactive = simulateQueues({ ...reps, activeTo: [Number.NaN, t('2025-01-01T00:00:00Z')] }, m, { reassignAfterHours: 2 });
    expect(iso(inactive.contactAt[1]!)).toBe('2025-01-07T09:00');
  });
});

describe('a simulation run in slices (queueSimulation, the interval runs yield between slices)', () => {
  it('gives exactly simulateQueues\' result whatever the slice', () => {
    // Two reps, 200 leads over two weeks, escalation, reassignment and black holes: every kind of event.
    const rows: [string, number, number][] = [];
    for (let i = 0; i < 200; i++) rows.push([new Date(t('2025-01-06T08:00:00Z') + i * 97 * 60_000).toISOString(), i % 3 === 0 ? 1 : 0, i % 3]);
    const m = mqls(rows);
    const reps = { schedules: [utc, utc], dailyCapacity: [6, 9], serviceMs: [HOUR_MS / 2, HOUR_MS / 3], pickupMeanMs: [HOUR_MS / 4, HOUR_MS / 6] };
    const options = { seed: 3, run: 5, escalateAfterHours: 6, reassignAfterHours: 10, blackHoles: { intercept: [-2, -1], slope: 0.3, backlogScale: [4, 4], tierEffect: [0, 0.5, 1] } };
    const whole = simulateQueues(reps, m, options);
    expect(whole.flags.some((f) => f & FLAG_ESCALATED)).toBe(true);
    for (const slice of [1, 7, 500]) {
      const sim = queueSimulation(reps, m, options);
      let slices = 1;
      while (!sim.advance(slice)) slices++;
      if (slice === 1) expect(slices).toBeGreaterThan(200);
      expect(sim.result).toEqual(whole);
      expect(sim.advance(slice)).toBe(true);
    }
  });
});
