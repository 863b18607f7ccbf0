import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../engine/scenario/errors';
import { parseScenario, parseScenarioJson, parseScoringModel } from '../../engine/scenario/schema';

const CONTRACT_EXAMPLE = {
  version: 1,
  name: 'Raise threshold to 70, 1h SLA for tier A',
  scoring: {
    activity_points: { email_open: 1, email_click: 3, pricing_page_view: 10, demo_request: 40 },
    activity_caps: { email_open: 10 },
    fit_points: [
      { field: 'company_size', op: 'between', value: [10, 500], points: 15 },
      { field: 'seniority', op: 'in', value: ['director', 'vp', 'c_level'], points: 10 },
      { field: 'email', op: 'free_email', value: true, points: -20 },
    ],
    decay_half_life_days: 30,
    lookback_days: null,
  },
  mql: { threshold: 70, high_intent_types: ['demo_request', 'pricing_request'], require_business_email: true, require_fields: ['company', 'company_size'] },
  tiers: [
    { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
    { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
  ],
  sla: { business_hours: true, acceptance_sla_hours: 4, escalate_after_hours: 4, reassign_after_hours: 8 },
  capacity: { rep_daily_capacity: null, extra_reps: 0 },
  window: { from: '2025-01-01', to: '2025-12-31' },
  simulation: { runs: 200, seed: 1 },
};

function problemsOf(input: unknown): { field: string; message: string }[] {
  try {
    parseScenario(input);
  } catch (err) {
    if (err instanceof ScenarioError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('scenario schema', () => {
  it('accepts the contract example unchanged and the minimal scenario', () => {
    expect(parseScenario(CONTRACT_EXAMPLE)).toEqual(CONTRACT_EXAMPLE);
    expect(parseScenario({ version: 1 })).toEqual({ version: 1 });
  });

  it('names the field and the bad value', () => {
    expect(problemsOf({ version: 1, mql: { threshold: 'seventy' } })).toEqual([{ field: 'mql.threshold', message: 'must be a number, got "seventy"' }]);
    expect(problemsOf({ version: 2 })).toEqual([{ field: 'version', message: 'must be 1, got 2' }]);
    expect(problemsOf({})).toEqual([{ field: 'version', message: 'is required' }]);
    expect(problemsOf({ version: 1, tiers: [{ name: 'A', min_score: 1, first_contact_sla_hours: 1 }, { name: 'B', min_score: 0, first_contact_sla_hours: 0 }] })).toEqual([
      { field: 'tiers[1].first_contact_sla_hours', message: 'must be more than 0 hours' },
    ]);
  });

  it('reports unknown fields with what is allowed, at any depth', () => {
    const problems = problemsOf({ version: 1, mql: { treshold: 70 }, tiers: [{ name: 'A', min_score: 0, first_contact_sla_hours: 1, colour: 'red' }] });
    expect(problems.map((p) => p.field).sort()).toEqual(['mql.treshold', 'tiers[0].colour']);
    expect(problems.find((p) => p.field === 'mql.treshold')?.message).toMatch(/not a known field; allowed here: threshold, high_intent_types/);
  });

  it('checks tiers, windows, simulation and fit rules', () => {
    const fields = (x: unknown) => problemsOf(x).map((p) => p.field);
    expect(fields({ version: 1, tiers: [] })).toEqual(['tiers']);
    expect(fields({ version: 1, tiers: [{ name: 'A', min_score: 5, first_contact_sla_hours: 1 }, { name: 'a', min_score: 4, first_contact_sla_hours: 1 }] })).toEqual(['tiers[1].name']);
    expect(fields({ version: 1, tiers: [{ name: 'A', min_score: 5, first_contact_sla_hours: 1 }, { name: 'B', min_score: 5, first_contact_sla_hours: 1 }] })).toEqual(['tiers[1].min_score']);
    expect(fields({ version: 1, window: { from: '2025-03-01', to: '2025-02-28' } })).toEqual(['window.to']);
    expect(fields({ version: 1, window: { from: '2025-02-29' } })).toEqual(['window.from']); // 2025 is not a leap year
    expect(fields({ version: 1, window: { from: '2025-02-28', to: '2025-02-28' } })).toEqual([]);
    expect(fields({ version: 1, simulation: { runs: 10001 } })).toEqual(['simulation.runs']);
    expect(fields({ version: 1, simulation: { runs: 0.5 } })).toEqual(['simulation.runs']);
    expect(fields({ version: 1, scoring: { decay_half_life_days: 0 } })).toEqual(['scoring.decay_half_life_days']);
    expect(fields({ version: 1, scoring: { activity_caps: { email_open: -1 } } })).toEqual(['scoring.activity_caps.email_open']);
    expect(fields({ version: 1, scoring: { fit_points: [{ field: 'company_size', op: 'between', value: [500, 10], points: 1 }] } })).toEqual(['scoring.fit_points[0].value']);
    expect(fields({ version: 1, scoring: { fit_points: [{ field: 'seniority', op: 'gt', value: 3, points: 1 }] } })).toEqual(['scoring.fit_points[0].op']);
    expect(fields({ version: 1, scoring: { fit_points: [{ field: 'region', op: 'in', value: [], points: 1 }] } })).toEqual(['scoring.fit_points[0].value']);
    expect(fields({ version: 1, scoring: { fit_points: [{ field: 'email', op: 'missing', value: 'yes', points: 1 }] } })).toEqual(['scoring.fit_points[0].value']);
    expect(fields({ version: 1, mql: { require_fields: ['company', 'shoe_size'] } })).toEqual(['mql.require_fields[1]']);
    expect(fields({ version: 1, mql: { threshold: Number.NaN } })).toEqual(['mql.threshold']);
  });

  it('turns broken JSON text into a field-named error with the source', () => {
    expect(() => parseScenarioJson('{"version": 1,', 'S.json')).toThrow(/^S\.json: \(top level\): is not valid JSON/);
  });

  it('reads scoring_model.json with the same rules', () => {
    expect(parseScoringModel({ mql: { threshold: 5 }, tiers: [{ name: 'A', min_score: 0, first_contact_sla_hours: 2 }] }).mql?.threshold).toBe(5);
    expect(() => parseScoringModel({ mql: { threshold: 5 }, window: {} }, 'scoring_model.json')).toThrow(/scoring_model\.json: window: is not a known field/);
  });

  it('property: any JSON value either validates or yields field-named problems, never another exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const problems = problemsOf(value);
        for (const p of problems) {
          expect(p.field.length).toBeGreaterThan(0);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: mutating one spot of a valid scenario gives either a valid scenario or problems naming a field under that spot', () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(CONTRACT_EXAMPLE, []);
    const render = (path: (string | number)[]) => path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc === '' ? k : `${acc}.${k}`), '');
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), fc.boolean(), (path, replacement, remove) => {
        const doc = structuredClone(CONTRACT_EXAMPLE) as unknown as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = doc;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const last = path[path.length - 1] as string | number;
        if (remove && !Array.isArray(parent)) delete parent[last];
        else parent[last] = replacement;
        const problems = problemsOf(doc);
        // A problem may land on a sibling (a duplicate tier name is reported on the later tier, a bad
        // window order on window.to), so it must name a field inside the mutated top-level block.
        const block = render(path.slice(0, 1));
        for (const p of problems) {
          expect(p.message.length).toBeGreaterThan(0);
          expect(p.field.startsWith(block)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
