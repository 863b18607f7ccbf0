// A restarted simulation (queue/restart.ts: results copied from the previous
// run where a rep's MQLs and quiet state match) must equal a full simulation,
// bit for bit, over sequences of runs whose MQLs change a little each time
// (a slider drag), under light and heavy load.
import { describe, expect, it } from 'vitest';
import { defaultScheduleSpec, WorkSchedule } from '../../engine/calendar/business-hours';
import { DAY_MS, HOUR_MS, KNOWN_LATE, KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUICK, simulateQueues, type QueueMqls, type QueueOptions, type QueueReps } from '../../engine/queue/simulate';
import { SimulationMemo } from '../../engine/queue/restart';
import { Rng } from '../../engine/stats/rng';

/** Uniforms from the engine's own generator. */
function rng(seed: number): () => number {
  const r = new Rng(seed, 1);
  return () => r.uniform();
}

interface Lead {
  key: number;
  at: number;
  rep: number;
  prio: number;
  known: number;
}

const START = Date.parse('2025-01-06T00:00:00Z');
const SPAN = 60 * DAY_MS;

/** The leads as simulate.ts MQLs (ascending arrival, ties by key) plus the known review kinds. */
function toMqls(leads: readonly Lead[]): { mqls: QueueMqls; known: Int8Array } {
  const s = [...leads].sort((a, b) => a.at - b.at || a.key - b.key);
  return {
    mqls: {
      arrival: Float64Array.from(s, (l) => l.at),
      rep: Int32Array.from(s, (l) => l.rep),
      priority: Int32Array.from(s, (l) => l.prio),
      key: Int32Array.from(s, (l) => l.key),
    },
    known: Int8Array.from(s, (l) => l.known),
  };
}

function world(seed: number, perDay: number, nr: number, capacity = [2, 10]) {
  const u = rng(seed);
  const zones = ['UTC', 'America/New_York', 'Europe/Berlin'];
  const reps: QueueReps = {
    schedules: Array.from({ length: nr }, (_, r) => new WorkSchedule(defaultScheduleSpec(zones[r % zones.length]!))),
    dailyCapacity: Float64Array.from({ length: nr }, () => capacity[0]! + u() * (capacity[1]! - capacity[0]!)),
    serviceMs: Float64Array.from({ length: nr }, () => (0.2 + u()) * HOUR_MS),
    pickupMeanMs: Float64Array.from({ length: nr }, (_, r) => (r % 3 === 2 ? 0 : (0.3 + u() * 2) * HOUR_MS)),
    urgentCapacity: Float64Array.from({ length: nr }, (_, r) => (r % 2 === 0 ? 12 + u() * 4 : 0)),
  };
  const newLead = (key: number, at?: number): Lead => ({
    key,
    at: at ?? START + Math.floor(u() * SPAN),
    rep: u() < 0.02 ? -1 : Math.floor(u() * nr),
    prio: Math.floor(u() * 3),
    known: u() < 0.5 ? -1 : [KNOWN_NONE, KNOWN_QUEUED, KNOWN_QUICK, KNOWN_LATE][Math.floor(u() * 4)]!,
  });
  const n = Math.round((perDay * SPAN) / DAY_MS);
  // The first and last MQLs stay put: the span (and so the working-day tables) is the same in every run.
  const leads: Lead[] = [newLead(0, START), newLead(1, START + SPAN)];
  for (let k = 2; k < n; k++) leads.push(newLead(k));
  return { u, reps, leads, newLead };
}

/** A slider move: drop some MQLs, add some, move some, re-tier some (never the two pinned ones). */
function move(u: () => number, leads: readonly Lead[], newLead: (key: number) => Lead, nextKey: number, share: number): { leads: Lead[]; nextKey: number } {
  const out: Lead[] = [];
  for (const l of leads) {
    if (l.key <= 1 || u() >= share) {
      out.push(l);
      continue;
    }
    const what = u();
    if (what < 0.4) continue; // dropped
    if (what < 0.7) out.push({ ...l, at: l.at + Math.floor((u() - 0.5) * 2 * DAY_MS) }); // moved
    else if (what < 0.85) out.push({ ...l, prio: (l.prio + 1) % 3 });
    else out.push({ ...l, known: l.known === -1 ? KNOWN_NONE : -1 });
  }
  const add = Math.round(leads.length * share * 0.5);
  for (let k = 0; k < add; k++) out.push(newLead(nextKey++));
  return { leads: out.filter((l) => l.at >= START && l.at <= START + SPAN), nextKey };
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

describe('restartable queue simulation', () => {
  const cases = [
    { name: 'light load', seed: 11, perDay: 20, nr: 6, share: 0.02 },
    { name: 'heavy load (backlogs, horizon drops, urgent room)', seed: 12, perDay: 70, nr: 5, share: 0.02 },
    { name: 'large moves', seed: 13, perDay: 30, nr: 4, share: 0.2 },
    // Days that fill up while first-tier leads squeeze into the urgent room: superseded wakes (simulate.ts place).
    { name: 'full days and urgent room', seed: 14, perDay: 14, nr: 4, share: 0.03, capacity: [2, 3.5] },
  ];
  for (const c of cases) {
    it(`equals a full simulation over a drag of moves: ${c.name}`, () => {
      const w = world(c.seed, c.perDay, c.nr, c.capacity);
      const memo = new SimulationMemo();
      let leads = w.leads;
      let nextKey = leads.length;
      for (let step = 0; step < 20; step++) {
        const { mqls, known } = toMqls(leads);
        const options: QueueOptions = {
          seed: 5,
          horizonMs: 7 * DAY_MS,
          blackHoles: { intercept: Float64Array.from({ length: c.nr }, () => -2), slope: 0.8, backlogScale: w.reps.dailyCapacity, tierEffect: [0.3, 0, -0.2], maxBacklog: 4, queuedOnly: step % 4 !== 3 },
          review: { skipByTier: [0.05, 0.05, 0.1], lateByTier: [0.02], unworkedByTier: [0.01], queuedByTier: [0.1], windowMs: 24 * HOUR_MS, known },
        };
        const full = simulateQueues(w.reps, mqls, options);
        const restarted = simulateQueues(w.reps, mqls, { ...options, restart: memo });
        expect(same(restarted.contactAt, full.contactAt)).toBe(true);
        expect(same(restarted.flags, full.flags)).toBe(true);
        expect(same(restarted.ignoreP, full.ignoreP)).toBe(true);
        expect(same(restarted.finalRep, full.finalRep)).toBe(true);
        const next = move(w.u, leads, w.newLead, nextKey, c.share);
        leads = next.leads;
        nextKey = next.nextKey;
      }
      // The restart did copy rows (else this test proves nothing).
      expect(memo.copied).toBeGreaterThan(0);
    });
  }

  it('equals a full simulation with one rep whose full days leave superseded wakes (many small worlds)', () => {
    // Capacity 1-3.5 a day and an urgent room: a first-tier lead re-plans a rep whose next start waited for
    // tomorrow, and the wake planned before still fires (simulate.ts place); a rep with such a wake pending is not quiet.
    const utc = new WorkSchedule(defaultScheduleSpec('UTC'));
    let copied = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const u = rng(seed);
      const cap = 1 + Math.floor(u() * 3) + (u() < 0.5 ? 0.5 : 0);
      const reps: QueueReps = { schedules: [utc], dailyCapacity: [cap], serviceMs: [(0.1 + u() * 0.5) * HOUR_MS], pickupMeanMs: [(0.5 + u() * 2) * HOUR_MS], urgentCapacity: [cap + 2 + Math.floor(u() * 3)] };
      const perDay = cap * (0.6 + u() * 0.8);
      const span = 30 * DAY_MS;
      let leads: Lead[] = Array.from({ length: Math.round(perDay * 30) }, (_, k) => ({
        key: k,
        at: k === 0 ? START : k === 1 ? START + span : START + Math.floor(u() * span),
        rep: 0,
        prio: u() < 0.3 ? 0 : 2,
        known: -1,
      }));
      const memo = new SimulationMemo();
      for (let step = 0; step < 10; step++) {
        const { mqls } = toMqls(leads);
        const full = simulateQueues(reps, mqls, { seed: 3, horizonMs: 5 * DAY_MS });
        const restarted = simulateQueues(reps, mqls, { seed: 3, horizonMs: 5 * DAY_MS, restart: memo });
        expect(same(restarted.contactAt, full.contactAt)).toBe(true);
        expect(same(restarted.flags, full.flags)).toBe(true);
        leads = leads.filter((l) => l.key <= 1 || u() > 0.03);
      }
      copied += memo.copied;
    }
    expect(copied).toBeGreaterThan(0);
  });

  it('starts afresh when a parameter or the span changes, and without a memo record after escalation', () => {
    const w = world(21, 20, 4);
    const memo = new SimulationMemo();
    const { mqls } = toMqls(w.leads);
    simulateQueues(w.reps, mqls, { seed: 1, restart: memo });
    const slower = { ...w.reps, serviceMs: Float64Array.from(w.reps.serviceMs, (s) => s * 2) };
    const copied = memo.copied;
    expect(same(simulateQueues(slower, mqls, { seed: 1, restart: memo }).contactAt, simulateQueues(slower, mqls, { seed: 1 }).contactAt)).toBe(true);
    expect(memo.copied).toBe(copied);
    // Same again: everything copied.
    simulateQueues(slower, mqls, { seed: 1, restart: memo });
    expect(memo.copied).toBeGreaterThan(copied);
    simulateQueues(slower, mqls, { seed: 1, escalateAfterHours: 4, restart: memo });
    expect(memo.last).toBeNull();
  });
});
