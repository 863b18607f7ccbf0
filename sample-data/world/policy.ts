// The policy blocks of DATA_CONTRACT section 2 as types, the policy in force in the world,
// and the scenarios whose truth the generator computes. Scenario files carry complete blocks
// (a block a scenario changes is written whole) so nothing depends on how a reader merges fields.

export type FitOp = 'between' | 'gte' | 'gt' | 'lte' | 'lt' | 'eq' | 'neq' | 'in' | 'not_in' | 'free_email' | 'missing';
export type FitValue = number | string | boolean | readonly (number | string)[];

export interface FitRule {
  readonly field: string;
  readonly op: FitOp;
  readonly value: FitValue;
  readonly points: number;
}

export interface ScoringBlock {
  readonly activity_points: Readonly<Record<string, number>>;
  readonly activity_caps: Readonly<Record<string, number>>;
  readonly fit_points: readonly FitRule[];
  readonly decay_half_life_days: number | null;
  readonly lookback_days: number | null;
}

export interface MqlBlock {
  readonly threshold: number;
  readonly high_intent_types: readonly string[];
  readonly require_business_email: boolean;
  readonly require_fields: readonly string[];
}

export interface Tier {
  readonly name: string;
  readonly min_score: number;
  readonly first_contact_sla_hours: number;
}

export interface SlaBlock {
  readonly business_hours: boolean;
  readonly acceptance_sla_hours: number;
  readonly escalate_after_hours: number;
  readonly reassign_after_hours: number;
}

export interface CapacityBlock {
  readonly rep_daily_capacity: number | null;
  readonly extra_reps: number;
}

export interface Policy {
  readonly scoring: ScoringBlock;
  readonly mql: MqlBlock;
  readonly tiers: readonly Tier[];
  readonly sla: SlaBlock;
  readonly capacity: CapacityBlock;
}

export const WINDOW = { from: '2025-01-01', to: '2025-12-31' } as const;

export const POLICY_IN_FORCE: Policy = {
  scoring: {
    activity_points: {
      email_open: 1, email_click: 3, web_visit: 2, pricing_page_view: 8, content_download: 6, webinar_registered: 4,
      webinar_attended: 10, demo_request: 40, pricing_request: 35, contact_form: 30, trial_signup: 25, chat: 8,
      event_attended: 12, unsubscribe: -15,
    },
    activity_caps: { email_open: 10, email_click: 15, web_visit: 20, content_download: 24, pricing_page_view: 40 },
    fit_points: [
      { field: 'company_size', op: 'between', value: [50, 5000], points: 15 },
      { field: 'seniority', op: 'in', value: ['director', 'vp', 'c_level'], points: 10 },
      { field: 'seniority', op: 'eq', value: 'ic', points: -5 },
      { field: 'industry', op: 'in', value: ['software', 'financial_services', 'healthcare'], points: 8 },
      { field: 'email', op: 'free_email', value: true, points: -15 },
    ],
    decay_half_life_days: 30,
    lookback_days: null,
  },
  mql: {
    threshold: 60,
    high_intent_types: ['demo_request', 'pricing_request', 'contact_form'],
    require_business_email: false,
    require_fields: [],
  },
  tiers: [
    { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
    { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
  ],
  sla: { business_hours: true, acceptance_sla_hours: 4, escalate_after_hours: 4, reassign_after_hours: 8 },
  capacity: { rep_daily_capacity: null, extra_reps: 0 },
};

/** --policy-change: the threshold in force from this instant on (world seconds of 2025-07-01T00:00Z). */
export const POLICY_CHANGE = { at: '2025-07-01T00:00:00Z', atDate: '2025-07-01', thresholdBefore: 60, thresholdAfter: 52 } as const;

/** A scenario: a name, a file name and the blocks it changes (complete blocks). */
export interface ScenarioDef {
  readonly file: string;
  readonly name: string;
  readonly changes: Partial<Policy>;
}

const P = POLICY_IN_FORCE;
const withThreshold = (d: number): ScenarioDef => ({
  file: `threshold_${d < 0 ? 'minus' : 'plus'}_${Math.abs(d)}.json`,
  name: `Threshold ${P.mql.threshold} -> ${P.mql.threshold + d}`,
  changes: { mql: { ...P.mql, threshold: P.mql.threshold + d } },
});

export const SCENARIOS: readonly ScenarioDef[] = [
  withThreshold(-15),
  withThreshold(-7),
  withThreshold(7),
  withThreshold(15),
  {
    file: 'reweight_pricing_x2_email_open_half.json',
    name: 'pricing_page_view points doubled (8 -> 16, cap 40 -> 80), email_open halved (1 -> 0.5)',
    changes: {
      scoring: {
        ...P.scoring,
        activity_points: { ...P.scoring.activity_points, pricing_page_view: 16, email_open: 0.5 },
        activity_caps: { ...P.scoring.activity_caps, pricing_page_view: 80 },
      },
    },
  },
  {
    file: 'require_business_email.json',
    name: 'Require a business email (free-mail and missing email go to data completion)',
    changes: { mql: { ...P.mql, require_business_email: true } },
  },
  {
    file: 'no_high_intent_bypass.json',
    name: 'No high-intent bypass (score threshold only)',
    changes: { mql: { ...P.mql, high_intent_types: [] } },
  },
  {
    file: 'sla_tier_a_30min.json',
    name: 'Tier A first-contact SLA 1h -> 0.5h',
    changes: { tiers: P.tiers.map((t) => (t.name === 'A' ? { ...t, first_contact_sla_hours: 0.5 } : t)) },
  },
  {
    file: 'sla_wall_clock.json',
    name: 'SLAs counted in wall-clock hours (business_hours false)',
    changes: { sla: { ...P.sla, business_hours: false } },
  },
  { file: 'reps_plus_3.json', name: '3 more reps', changes: { capacity: { ...P.capacity, extra_reps: 3 } } },
  { file: 'reps_minus_2.json', name: '2 fewer reps', changes: { capacity: { ...P.capacity, extra_reps: -2 } } },
];

export function applyScenario(base: Policy, changes: Partial<Policy>): Policy {
  return { ...base, ...changes };
}

/** The section-2 JSON of a scenario: version, name, changed blocks, window. */
export function scenarioJson(def: ScenarioDef, window: { from: string; to: string } = WINDOW): Record<string, unknown> {
  return { version: 1, name: def.name, ...def.changes, window };
}

/** scoring_model.json: the policy in force as the scoring, mql, tiers and sla blocks. */
export function scoringModelJson(policy: Policy): Record<string, unknown> {
  return { version: 1, name: 'Policy in force', scoring: policy.scoring, mql: policy.mql, tiers: policy.tiers, sla: policy.sla };
}
