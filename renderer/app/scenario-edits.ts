// Pure edits of a scenario draft: each takes the draft and returns a new one,
// so the undo history can keep every earlier draft by reference. The controls
// call these; the engine validates the result and names a bad field.
import type { Scenario } from '../../engine/api/contract';

type Scoring = NonNullable<Scenario['scoring']>;
type Mql = NonNullable<Scenario['mql']>;
export type ScenarioTier = NonNullable<Scenario['tiers']>[number];
export type FitRule = NonNullable<Scoring['fit_points']>[number];

/** Every edit names the field it changes: the undo history merges a run of edits to one field (a slider drag). */
export interface ScenarioEdit {
  readonly field: string;
  readonly next: Scenario;
}

/** One string per distinct scenario; the forecast cache and "is this answer still current" use it. */
export function scenarioKey(s: Scenario): string {
  return JSON.stringify(s);
}

const withMql = (s: Scenario, patch: Partial<Mql>): Scenario => ({ ...s, mql: { ...s.mql, ...patch } });
const withScoring = (s: Scenario, patch: Partial<Scoring>): Scenario => ({ ...s, scoring: { ...s.scoring, ...patch } });

export function threshold(s: Scenario): number {
  return s.mql?.threshold ?? 0;
}

export function setThreshold(s: Scenario, value: number): ScenarioEdit {
  return { field: 'mql.threshold', next: withMql(s, { threshold: value }) };
}

export function setActivityPoints(s: Scenario, type: string, points: number): ScenarioEdit {
  return { field: `scoring.activity_points.${type}`, next: withScoring(s, { activity_points: { ...s.scoring?.activity_points, [type]: points } }) };
}

/** A cap on the points one activity type adds; null takes the cap away (no cap). */
export function setActivityCap(s: Scenario, type: string, cap: number | null): ScenarioEdit {
  const { [type]: _old, ...rest } = s.scoring?.activity_caps ?? {};
  return { field: `scoring.activity_caps.${type}`, next: withScoring(s, { activity_caps: cap === null ? rest : { ...rest, [type]: cap } }) };
}

/** Score decay half-life in days; null: activity points never fade. */
export function setDecayHalfLife(s: Scenario, days: number | null): ScenarioEdit {
  return { field: 'scoring.decay_half_life_days', next: withScoring(s, { decay_half_life_days: days }) };
}

/** How far back activities count, in days; null: all of them. */
export function setLookback(s: Scenario, days: number | null): ScenarioEdit {
  return { field: 'scoring.lookback_days', next: withScoring(s, { lookback_days: days }) };
}

export function setRequireBusinessEmail(s: Scenario, on: boolean): ScenarioEdit {
  return { field: 'mql.require_business_email', next: withMql(s, { require_business_email: on }) };
}

/** Tick or untick a lead field the pre-flight check requires; the list keeps the order of `order` (the lead fields). */
export function toggleRequiredField(s: Scenario, field: string, on: boolean, order: readonly string[] = []): ScenarioEdit {
  const current = s.mql?.require_fields ?? [];
  const set = new Set(current);
  if (on) set.add(field);
  else set.delete(field);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  const next = current.includes(field) === on ? current : [...set].sort((a, b) => rank(a) - rank(b));
  return { field: 'mql.require_fields', next: withMql(s, { require_fields: next }) };
}

/** One end of the forecast window (YYYY-MM-DD); null leaves that end to the data. */
export function setWindow(s: Scenario, end: 'from' | 'to', date: string | null): ScenarioEdit {
  const { [end]: _old, ...rest } = s.window ?? {};
  return { field: `window.${end}`, next: { ...s, window: date === null ? rest : { ...rest, [end]: date } } };
}

export function setFitPoints(s: Scenario, index: number, points: number): ScenarioEdit {
  const rules = (s.scoring?.fit_points ?? []).map((r, i) => (i === index ? { ...r, points } : r));
  return { field: `scoring.fit_points[${index}].points`, next: withScoring(s, { fit_points: rules }) };
}

export function removeFitRule(s: Scenario, index: number): ScenarioEdit {
  return { field: `scoring.fit_points[${index}]`, next: withScoring(s, { fit_points: (s.scoring?.fit_points ?? []).filter((_, i) => i !== index) }) };
}

export function toggleHighIntent(s: Scenario, type: string, on: boolean): ScenarioEdit {
  const current = s.mql?.high_intent_types ?? [];
  const next = on ? (current.includes(type) ? current : [...current, type]) : current.filter((t) => t !== type);
  return { field: 'mql.high_intent_types', next: withMql(s, { high_intent_types: next }) };
}

export function setTier(s: Scenario, index: number, patch: Partial<ScenarioTier>): ScenarioEdit {
  const key = Object.keys(patch)[0] ?? 'tier';
  const tiers = (s.tiers ?? []).map((t, i) => (i === index ? { ...t, ...patch } : t));
  return { field: `tiers[${index}].${key}`, next: { ...s, tiers } };
}

export function setBusinessHours(s: Scenario, on: boolean): ScenarioEdit {
  return { field: 'sla.business_hours', next: { ...s, sla: { ...s.sla, business_hours: on } } };
}

export function setExtraReps(s: Scenario, reps: number): ScenarioEdit {
  return { field: 'capacity.extra_reps', next: { ...s, capacity: { ...s.capacity, extra_reps: reps } } };
}

export function setRepCapacity(s: Scenario, perDay: number | null): ScenarioEdit {
  return { field: 'capacity.rep_daily_capacity', next: { ...s, capacity: { ...s.capacity, rep_daily_capacity: perDay } } };
}

/** The first tier (highest min score) is the one high-intent leads go to, and the one presenter mode's SLA control moves. */
export function topTierIndex(s: Scenario): number {
  const tiers = s.tiers ?? [];
  let best = -1;
  tiers.forEach((t, i) => {
    if (best < 0 || t.min_score > (tiers[best]?.min_score ?? -Infinity)) best = i;
  });
  return best;
}

/** Activity types the editor offers: those with points, plus capped or high-intent ones without points, sorted. */
export function activityTypes(s: Scenario): string[] {
  const set = new Set([...Object.keys(s.scoring?.activity_points ?? {}), ...Object.keys(s.scoring?.activity_caps ?? {}), ...(s.mql?.high_intent_types ?? [])]);
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** A fit rule in words: "company size between 50 and 5000", "email is a free address". */
export function describeFitRule(r: FitRule): string {
  const field = r.field.replace(/_/g, ' ');
  const v = r.value;
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String).map((t) => t.replace(/_/g, ' ')).join(', ') : String(x));
  switch (r.op) {
    case 'between':
      return Array.isArray(v) ? `${field} between ${String(v[0])} and ${String(v[1])}` : field;
    case 'gte':
      return `${field} ≥ ${String(v)}`;
    case 'gt':
      return `${field} > ${String(v)}`;
    case 'lte':
      return `${field} ≤ ${String(v)}`;
    case 'lt':
      return `${field} < ${String(v)}`;
    case 'eq':
      return `${field} is ${list(v)}`;
    case 'neq':
      return `${field} is not ${list(v)}`;
    case 'in':
      return `${field} is one of ${list(v)}`;
    case 'not_in':
      return `${field} is none of ${list(v)}`;
    case 'free_email':
      return v ? 'email is a free address' : 'email is a business address';
    case 'missing':
      return v ? `${field} is missing` : `${field} is present`;
  }
}

/** Whether an engine error's field belongs to a control's field ("tiers[1]" owns "tiers[1].min_score"). */
export function fieldMatches(errorField: string | undefined, controlField: string): boolean {
  if (!errorField) return false;
  return errorField === controlField || errorField.startsWith(`${controlField}.`) || errorField.startsWith(`${controlField}[`);
}

export function addFitRule(s: Scenario, rule: FitRule): ScenarioEdit {
  const rules = s.scoring?.fit_points ?? [];
  return { field: `scoring.fit_points[${rules.length}]`, next: withScoring(s, { fit_points: [...rules, rule] }) };
}

export type FitOp = FitRule['op'];

/** Which comparisons a lead field offers: numbers compare, text matches, email can be a free address. */
export function opsFor(field: string, numeric: boolean): FitOp[] {
  if (numeric) return ['between', 'gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'missing'];
  return field === 'email' ? ['free_email', 'eq', 'neq', 'in', 'not_in', 'missing'] : ['in', 'not_in', 'eq', 'neq', 'missing'];
}

export const OP_WORDS: Readonly<Record<FitOp, string>> = {
  between: 'between',
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  free_email: 'is a free address',
  missing: 'is missing',
};

/** Whether an op takes a typed value (free_email and missing do not). */
export const opTakesValue = (op: FitOp): boolean => op !== 'free_email' && op !== 'missing';

/**
 * A fit rule from what the user typed, or a message saying what to type. The
 * engine checks the rule again (and names the field if it disagrees).
 */
export function buildFitRule(field: string, op: FitOp, valueText: string, points: number, numeric: boolean): { rule: FitRule } | { error: string } {
  const parts = valueText
    .split(/[,;]|\s+-\s+|\s+to\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const num = (t: string) => (t !== '' && Number.isFinite(Number(t)) ? Number(t) : null);
  const scalar = (t: string): string | number => (numeric && num(t) !== null ? (num(t) as number) : t);
  switch (op) {
    case 'between': {
      const [a, b] = parts.map(num);
      if (parts.length !== 2 || a === null || b === null || a === undefined || b === undefined) return { error: 'Type two numbers, low and high, e.g. 50, 5000.' };
      return a > b ? { error: 'The low number must not be above the high one.' } : { rule: { field, op, value: [a, b], points } };
    }
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      const v = num(valueText.trim());
      return v === null ? { error: 'Type a number.' } : { rule: { field, op, value: v, points } };
    }
    case 'eq':
    case 'neq': {
      const t = valueText.trim();
      if (t === '') return { error: 'Type the value to compare with.' };
      if (numeric && num(t) === null) return { error: 'Type a number.' };
      return { rule: { field, op, value: scalar(t), points } };
    }
    case 'in':
    case 'not_in':
      return parts.length === 0 ? { error: 'Type one or more values, separated by commas.' } : { rule: { field, op, value: parts.map(scalar), points } };
    case 'free_email':
    case 'missing':
      return { rule: { field, op, value: true, points } };
  }
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  'mql.threshold': 'MQL threshold',
  'mql.high_intent_types': 'High-intent activities',
  'capacity.extra_reps': 'Extra reps',
  'capacity.rep_daily_capacity': 'New leads per rep a day',
  'sla.business_hours': 'Business hours',
  'scoring.decay_half_life_days': 'Score half-life',
  'scoring.lookback_days': 'Lookback',
  'mql.require_business_email': 'Require a business email',
  'mql.require_fields': 'Required fields',
  'window.from': 'Window from',
  'window.to': 'Window to',
  min_score: 'minimum score',
  first_contact_sla_hours: 'first-contact SLA',
  name: 'name',
};

/** An engine field path in the words of the control that holds it: "tiers[0].first_contact_sla_hours" -> "Tier A first-contact SLA". */
export function fieldLabel(field: string, s: Scenario | null): string {
  const direct = FIELD_WORDS[field];
  if (direct) return direct;
  const tier = /^tiers\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (tier) {
    const name = s?.tiers?.[Number(tier[1])]?.name ?? String(Number(tier[1]) + 1);
    return `Tier ${name}${tier[2] ? ` ${FIELD_WORDS[tier[2]] ?? tier[2].replace(/_/g, ' ')}` : ''}`;
  }
  const points = /^scoring\.activity_points\.(\w+)/.exec(field);
  if (points) return `Points for ${points[1]!.replace(/_/g, ' ')}`;
  const cap = /^scoring\.activity_caps\.(\w+)/.exec(field);
  if (cap) return `Cap for ${cap[1]!.replace(/_/g, ' ')}`;
  const rule = /^scoring\.fit_points\[(\d+)\]/.exec(field);
  if (rule) return `Fit rule ${Number(rule[1]) + 1}`;
  return field;
}

export function addTier(s: Scenario): ScenarioEdit {
  const tiers = s.tiers ?? [];
  const used = new Set(tiers.map((t) => t.name.toUpperCase()));
  const name = [...'ABCDEFGHIJKLMNOPQRST'].find((c) => !used.has(c)) ?? `T${tiers.length + 1}`;
  // Below the lowest tier's minimum, so the new tier catches what fell through (a unique min score, as the schema asks).
  const lowest = Math.min(0, ...tiers.map((t) => t.min_score));
  const slowest = Math.max(24, ...tiers.map((t) => t.first_contact_sla_hours));
  return { field: `tiers[${tiers.length}]`, next: { ...s, tiers: [...tiers, { name, min_score: lowest - 10, first_contact_sla_hours: slowest * 2 }] } };
}

export function removeTier(s: Scenario, index: number): ScenarioEdit {
  return { field: `tiers[${index}]`, next: { ...s, tiers: (s.tiers ?? []).filter((_, i) => i !== index) } };
}

/** The field of the "apply suggested points" edit: its own name, so it never merges with a neighbouring edit. */
export const SUGGESTED_FIELD = 'suggested:scoring+mql.threshold';

/**
 * Take the scoring block and MQL threshold of a suggested scenario (the engine's
 * suggestWeights answer), keeping everything else of the draft: one edit, one undo step.
 */
export function applySuggestedPoints(s: Scenario, suggested: Scenario): ScenarioEdit {
  const { scoring: _old, ...rest } = s;
  const next: Scenario = { ...rest, ...(suggested.scoring ? { scoring: suggested.scoring } : {}) };
  const t = suggested.mql?.threshold;
  return { field: SUGGESTED_FIELD, next: t === undefined ? next : withMql(next, { threshold: t }) };
}
