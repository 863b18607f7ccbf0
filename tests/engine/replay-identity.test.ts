// Identity: replaying the policy that was in force reproduces history. The
// handoffs below were worked out by hand from SEMANTICS.md for the policy in
// MODEL; the arithmetic is in the comments next to each lead.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import { TRIGGER_HIGH_INTENT, TRIGGER_NONE, TRIGGER_SCORE, type WorkspaceColumns } from '../../engine/columns/types';
import { loadBaseline } from '../../engine/scenario/baseline';
import type { Policy } from '../../engine/scenario/policy';
import { PREFLIGHT_FREE_EMAIL, PREFLIGHT_MISSING_FIELD } from '../../engine/scoring/fit';
import { FLAG_DATA_COMPLETION, FLAG_IN_WINDOW, Replayer } from '../../engine/replay/score';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

// Half-life 10 days, lookback 30 days: activities 10 days apart decay by exactly 1/2.
export const MODEL = {
  scoring: {
    activity_points: { email_open: 1, email_click: 3, web_visit: 2, pricing_page_view: 10, demo_request: 30, trial_signup: 40, unsubscribe: -30 },
    activity_caps: { email_open: 3 },
    fit_points: [
      { field: 'company_size', op: 'between', value: [10, 500], points: 15 },
      { field: 'seniority', op: 'in', value: ['director', 'vp', 'c_level'], points: 10 },
      { field: 'email', op: 'free_email', value: true, points: -20 },
    ],
    decay_half_life_days: 10,
    lookback_days: 30,
  },
  mql: { threshold: 40, high_intent_types: ['demo_request'], require_business_email: true, require_fields: ['company'] },
  tiers: [
    { name: 'A', min_score: 60, first_contact_sla_hours: 1 },
    { name: 'B', min_score: 45, first_contact_sla_hours: 4 },
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
  ],
  sla: { business_hours: true },
};

const day = (d: number, hh = '09:00:00') => {
  const t = new Date(Date.UTC(2025, 2, 1 + d));
  return `${t.toISOString().slice(0, 10)} ${hh}+00`;
};

// lead_id, email, company, company_size, seniority
const LEADS: [string, string | null, string | null, number | null, string | null][] = [
  ['L01', 'a@acme.com', 'Acme', 100, 'VP '], // fit 15 (size) + 10 ('VP ' trimmed, any case) = 25
  ['L02', 'b@beta.io', 'Beta', 5000, 'ic'], // fit 0
  ['L03', 'c@gamma.com', 'Gamma', 200, 'director'], // fit 25
  ['L04', 'd@delta.com', 'Delta', 50, 'manager'], // fit 15
  ['L05', 'e@gmail.com', 'Epsilon', 300, 'c_level'], // fit 15 + 10 - 20 (free mail) = 5
  ['L06', 'f@zeta.com', null, null, null], // fit 0; no company
  ['L07', 'g@theta.com', 'Theta', null, null], // fit 0
  ['L08', 'h@eta.com', 'Eta', 10, 'Director'], // fit 15 (10 is inside [10, 500]) + 10 = 25
  ['L10', 'j@kappa.com', 'Kappa', 500, 'vp'], // fit 25 (500 inside)
  ['L11', 'k@lambda.com', 'Lambda', 9, null], // fit 0 (9 outside)
  ['L12', 'l@mu.com', 'Mu', 100, 'vp'], // fit 25, no activities
];

// In file order; ties at one instant are scored one activity at a time.
const ACTIVITIES: [string, string, string][] = [
  // L01: d0 pricing -> 25+10 = 35. d10 web_visit: 10*0.5 + 2 -> 32. d10 pricing (same instant): 5+2+10 -> 42 >= 40: MQL d10, 42, tier C.
  ['L01', day(0), 'pricing_page_view'],
  ['L01', day(10), 'web_visit'],
  ['L01', day(10), 'pricing_page_view'],
  ['L01', day(12), 'trial_signup'], // after the MQL: ignored
  // L02, all at one instant: opens 1,2,3,3,3 (cap 3); click -> 6; demo (high intent, +30) -> 36 < 40: MQL high_intent, 36, first tier A.
  ...Array.from({ length: 5 }, (): [string, string, string] => ['L02', day(1), 'email_open']),
  ['L02', day(1), 'email_click'],
  ['L02', day(1), 'demo_request'],
  // L03: click -> 28; demo -> 58: threshold and high intent at the same activity => score_threshold, 58, tier B (45 <= 58 < 60).
  ['L03', day(0, '10:00:00'), 'email_click'],
  ['L03', day(0, '10:00:00'), 'demo_request'],
  // L04: d0 unsubscribe -> 15-30 = -15. d30: the unsubscribe is exactly 30 days old, outside the lookback (window is > t-30d):
  // pricing x3 -> 25, 35, 45: MQL at the 3rd, 45 (tier B: 45 >= 45). Without the lookback it would be 41.25 (tier C).
  ['L04', day(0), 'unsubscribe'],
  ['L04', day(30), 'pricing_page_view'],
  ['L04', day(30), 'pricing_page_view'],
  ['L04', day(30), 'pricing_page_view'],
  ['L04', day(30), 'email_click'],
  // L05: fit 5; pricing x4 -> 15, 25, 35, 45: MQL at the 4th (45, tier B) but free mail: data-completion queue, not handed.
  ...Array.from({ length: 4 }, (): [string, string, string] => ['L05', day(2), 'pricing_page_view']),
  // L06: demo -> 30, high intent: MQL 30, but company is empty: data-completion queue.
  ['L06', day(3), 'demo_request'],
  // L07: ten opens, capped at 3: never an MQL, best score 3.
  ...Array.from({ length: 10 }, (): [string, string, string] => ['L07', day(5), 'email_open']),
  // L08: d0 pricing -> 35; d10 pricing: 10*0.5 + 10 + 25 = 40 exactly = threshold: MQL d10, 40, tier C.
  ['L08', day(0), 'pricing_page_view'],
  ['L08', day(10), 'pricing_page_view'],
  // L10: trial_signup -> 25 + 40 = 65: MQL, tier A (>= 60).
  ['L10', day(4), 'trial_signup'],
  // L11: types are matched trimmed and case-insensitively; webinar_registered scores 0:
  // 10, 20, 30, 30, 40: MQL at the 5th, 40, tier C.
  ['L11', day(6), 'Pricing_Page_View'],
  ['L11', day(6), 'pricing_page_view '],
  ['L11', day(6), 'pricing_page_view'],
  ['L11', day(6), 'webinar_registered'],
  ['L11', day(6), 'pricing_page_view'],
];

// What happened under MODEL: lead, mql_at, trigger, score_at_mql, tier.
const HANDOFFS: [string, string, string, number, string][] = [
  ['L01', day(10), 'score_threshold', 42, 'C'],
  ['L02', day(1), 'high_intent', 36, 'A'],
  ['L03', day(0, '10:00:00'), 'score_threshold', 58, 'B'],
  ['L04', day(30), 'score_threshold', 45, 'B'],
  ['L08', day(10), 'score_threshold', 40, 'C'],
  ['L10', day(4), 'score_threshold', 65, 'A'],
  ['L11', day(6), 'score_threshold', 40, 'C'],
];

export async function buildIdentityWorkspace(path: string): Promise<Workspace> {
  const ws = await openWorkspace(path);
  const c = ws.connection;
  for (const [id, email, company, size, seniority] of LEADS) {
    await c.run(`INSERT INTO leads (lead_id, created_at, email, company, company_size, seniority) VALUES ($1, '2025-02-01 00:00:00+00', $2, $3, $4, $5)`, [
      id, email, company, size, seniority,
    ]);
  }
  for (const [id, at, type] of ACTIVITIES) {
    await c.run(`INSERT INTO activities (lead_id, occurred_at, activity_type) VALUES ($1, $2::TIMESTAMPTZ, $3)`, [id, at, type]);
  }
  for (const [id, at, trigger, score, tier] of HANDOFFS) {
    await c.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES ($1, $2::TIMESTAMPTZ, $3, $4, $5)`, [id, at, trigger, score, tier]);
  }
  await c.run(`INSERT OR REPLACE INTO hl_meta VALUES ('scoring_model', $1)`, [JSON.stringify(MODEL)]);
  return ws;
}

describe('replaying the policy in force', () => {
  const dir = scratchDir();
  let ws: Workspace;
  let cols: WorkspaceColumns;
  let policy: Policy;
  let replayer: Replayer;
  const idx = (id: string) => cols.leads.ids.indexOf(id);

  beforeAll(async () => {
    ws = await buildIdentityWorkspace(join(dir, 'identity.duckdb'));
    cols = await loadColumns(ws);
    policy = await loadBaseline(ws);
    replayer = new Replayer(cols);
  });
  afterAll(() => ws.close());

  it('reads the baseline from the stored scoring model, nothing inferred', () => {
    expect(policy.provenance.inferred).toBe(false);
    expect(policy.provenance.thresholdOnly).toBe(false);
    expect(policy.mql.threshold).toBe(40);
  });

  it('reproduces every handoff: mql_at, trigger, score_at_mql and tier', () => {
    const r = replayer.rescore(policy);
    expect(r.mode).toBe('rescore');
    for (const [id, at, trigger, score, tier] of HANDOFFS) {
      const i = idx(id);
      expect({ id, at: r.mqlAt[i] }).toEqual({ id, at: Date.parse(at.replace(' ', 'T').replace('+00', 'Z')) });
      expect({ id, trigger: r.trigger[i] }).toEqual({ id, trigger: trigger === 'high_intent' ? TRIGGER_HIGH_INTENT : TRIGGER_SCORE });
      expect(r.scoreAtMql[i]).toBeCloseTo(score, 9);
      expect({ id, tier: policy.tiers[r.tierIndex[i] ?? -1]?.name }).toEqual({ id, tier });
      expect(r.flags[i]).toBe(FLAG_IN_WINDOW);
      // And it agrees with what the loader aligned from the handoffs table.
      expect(r.mqlAt[i]).toBe(cols.handoffs.mqlAt[i]);
    }
    // 7 handed + L05 and L06 held for data completion = 9 MQLs.
    expect(r.summary).toMatchObject({ mqls: 9, mqlsInWindow: 9, handedInWindow: 7, dataCompletionInWindow: 2, untieredInWindow: 0 });
    expect(Array.from(r.summary.handedPerTier.slice(0, 3))).toEqual([2, 2, 3]); // A: L02 L10; B: L03 L04; C: L01 L08 L11
  });

  it('sends pre-flight failures to the data-completion queue at their MQL moment', () => {
    const r = replayer.rescore(policy);
    const l05 = idx('L05');
    expect(r.scoreAtMql[l05]).toBe(45);
    expect(r.flags[l05]).toBe(FLAG_IN_WINDOW | FLAG_DATA_COMPLETION);
    expect(r.preflight[l05]).toBe(PREFLIGHT_FREE_EMAIL);
    const l06 = idx('L06');
    expect(r.trigger[l06]).toBe(TRIGGER_HIGH_INTENT);
    expect(r.scoreAtMql[l06]).toBe(30);
    expect(r.preflight[l06]).toBe(PREFLIGHT_MISSING_FIELD);
  });

  it('leaves non-qualifying leads without an MQL and remembers their best score', () => {
    const r = replayer.rescore(policy);
    const l07 = idx('L07');
    expect(r.trigger[l07]).toBe(TRIGGER_NONE);
    expect(Number.isNaN(r.mqlAt[l07])).toBe(true);
    // Ten opens capped at 3 bound L07 to 3 < 40: skipped without a scan; its best score comes on demand.
    expect(Number.isNaN(r.maxScore[l07])).toBe(true);
    expect(replayer.bestScore(l07)).toBe(3);
    expect(replayer.skippedLeads).toBe(2); // L07 and L12 (no activities, bound = fit 25 < 40)
    const l12 = idx('L12');
    expect(Number.isNaN(r.mqlAt[l12])).toBe(true);
    expect(Number.isNaN(r.maxScore[l12])).toBe(true);
  });

  it('computes fit points by hand-checked rules', () => {
    const r = replayer.rescore(policy);
    const fits = Object.fromEntries(LEADS.map(([id]) => [id, r.fit[idx(id)]]));
    expect(fits).toEqual({ L01: 25, L02: 0, L03: 25, L04: 15, L05: 5, L06: 0, L07: 0, L08: 25, L10: 25, L11: 0, L12: 25 });
  });

  it('without the lookback, L04 keeps the decayed unsubscribe and lands in tier C', () => {
    const r = replayer.rescore({ ...policy, scoring: { ...policy.scoring, lookback_days: null } });
    // d30: -30 * 0.5^3 = -3.75; 15 - 3.75 + 10 + 10 + 10 = 41.25 at the 3rd pricing view.
    const i = idx('L04');
    expect(r.scoreAtMql[i]).toBeCloseTo(41.25, 9);
    expect(policy.tiers[r.tierIndex[i]]?.name).toBe('C');
  });
});
