import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sample-data/world/rng';
import { makeSample } from './support';

function files(dir: string): string[] {
  return [...readdirSync(dir).filter((f) => f !== 'scenarios'), ...readdirSync(join(dir, 'scenarios')).map((f) => `scenarios/${f}`)].sort();
}

describe('sample generator determinism', () => {
  const a = makeSample({ seed: 11, leads: 2500 });
  const b = makeSample({ seed: 11, leads: 2500 });
  const c = makeSample({ seed: 12, leads: 2500 });

  it('writes byte-identical files for the same seed', () => {
    expect(files(a)).toEqual(files(b));
    expect(files(a)).toContain('activities.csv');
    expect(files(a)).toContain('scenarios/threshold_plus_7.json');
    for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('writes a different world for a different seed', () => {
    for (const f of ['leads.csv', 'activities.csv', 'handoffs.csv', 'dispositions.csv', 'truth.json']) {
      expect(readFileSync(join(c, f)).equals(readFileSync(join(a, f))), f).toBe(false);
    }
    // Scenario files depend on the policy only, not on the seed.
    expect(readFileSync(join(c, 'scenarios/reps_plus_3.json'), 'utf8')).toBe(readFileSync(join(a, 'scenarios/reps_plus_3.json'), 'utf8'));
  });

  it('keys random streams by their keys, not by call history', () => {
    const r = new Rng(1, 2, 3);
    const first = [r.next(), r.next(), r.next()];
    r.reseed(9, 9);
    r.next();
    r.reseed(1, 2, 3);
    expect([r.next(), r.next(), r.next()]).toEqual(first);
    expect(new Rng(1, 2, 4).next()).not.toBe(first[0]);
    const xs = Array.from({ length: 20000 }, () => r.next());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
