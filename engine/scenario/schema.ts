// The scenario JSON of DATA_CONTRACT section 2 (`"version": 1`) and the
// scoring_model.json of section 1, as one strict schema. Unknown fields and bad
// values are errors naming the field; an omitted block keeps the baseline
// (see resolve.ts), so everything but `version` is optional here.
import { z } from 'zod';
import { TABLES } from '../workspace/tables';
import { ScenarioError, describeValue, problemsFromZod } from './errors';

/** Lead fields a fit rule or `require_fields` may name: every leads column but the id. */
export const LEAD_FIELDS: readonly string[] = TABLES.leads.columns.map((c) => c.name).filter((n) => n !== 'lead_id' && n !== 'created_at');
/** Lead fields holding numbers; numeric ops (between, gte, ...) only make sense on these. */
export const NUMERIC_LEAD_FIELDS: readonly string[] = TABLES.leads.columns
  .filter((c) => c.kind === 'integer' || c.kind === 'number')
  .map((c) => c.name);

export const FIT_OPS = ['between', 'gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'in', 'not_in', 'free_email', 'missing'] as const;
export type FitOp = (typeof FIT_OPS)[number];

export type FitRule =
  | { readonly field: string; readonly op: 'between'; readonly value: readonly [number, number]; readonly points: number }
  | { readonly field: string; readonly op: 'gte' | 'gt' | 'lte' | 'lt'; readonly value: number; readonly points: number }
  | { readonly field: string; readonly op: 'eq' | 'neq'; readonly value: string | number; readonly points: number }
  | { readonly field: string; readonly op: 'in' | 'not_in'; readonly value: readonly (string | number)[]; readonly points: number }
  | { readonly field: string; readonly op: 'free_email' | 'missing'; readonly value: boolean; readonly points: number };

const MAX_HOURS = 24 * 366;
const MAX_DAYS = 3660;

const finite = (what = 'a number') => z.number({ error: () => `must be ${what}` });
const positiveHours = z
  .number()
  .gt(0, { error: 'must be more than 0 hours' })
  .max(MAX_HOURS, { error: `must be at most ${MAX_HOURS} hours (a year)` });
const positiveDaysOrNull = z
  .number()
  .gt(0, { error: 'must be more than 0 days, or null for none' })
  .max(MAX_DAYS, { error: `must be at most ${MAX_DAYS} days, or null for none` })
  .nullable();
const activityType = z
  .string()
  .min(1, { error: 'activity type names must not be empty' })
  .max(200, { error: 'activity type names must be at most 200 characters' });

function checkRuleValue(rule: { field: string; op: FitOp; value: unknown }, ctx: z.core.$RefinementCtx): void {
  const bad = (message: string, path: PropertyKey[] = ['value']) => ctx.addIssue({ code: 'custom', path, message, input: rule.value });
  const got = `got ${describeValue(rule.value)}`;
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const isScalar = (v: unknown) => isNum(v) || (typeof v === 'string' && v.trim() !== '');
  const numericOp = rule.op === 'between' || rule.op === 'gte' || rule.op === 'gt' || rule.op === 'lte' || rule.op === 'lt';
  if (numericOp && !NUMERIC_LEAD_FIELDS.includes(rule.field)) {
    bad(`op "${rule.op}" compares numbers; it works on ${NUMERIC_LEAD_FIELDS.join(', ')}, not on ${rule.field}`, ['op']);
    return;
  }
  if (rule.op === 'free_email' && rule.field !== 'email') {
    bad(`op "free_email" checks an email address; its field must be "email", not "${rule.field}"`, ['op']);
    return;
  }
  switch (rule.op) {
    case 'between':
      if (!Array.isArray(rule.value) || rule.value.length !== 2 || !isNum(rule.value[0]) || !isNum(rule.value[1])) {
        bad(`op "between" needs a list of two numbers [low, high], ${got}`);
      } else if (rule.value[0] > rule.value[1]) {
        bad(`op "between" needs low <= high, got [${rule.value[0]}, ${rule.value[1]}]`);
      }
      return;
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt':
      if (!isNum(rule.value)) bad(`op "${rule.op}" needs a number, ${got}`);
      return;
    case 'eq':
    case 'neq':
      if (!isScalar(rule.value)) bad(`op "${rule.op}" needs non-empty text or a number, ${got}`);
      return;
    case 'in':
    case 'not_in':
      if (!Array.isArray(rule.value) || rule.value.length === 0) bad(`op "${rule.op}" needs a non-empty list of values, ${got}`);
      else rule.value.forEach((v, i) => {
        if (!isScalar(v)) bad(`list items must be non-empty text or numbers, got ${describeValue(v)}`, ['value', i]);
      });
      return;
    case 'free_email':
    case 'missing':
      if (typeof rule.value !== 'boolean') bad(`op "${rule.op}" needs true or false, ${got}`);
      return;
  }
}

const fitRuleSchema = z
  .strictObject({
    field: z.enum(LEAD_FIELDS as [string, ...string[]]),
    op: z.enum(FIT_OPS),
    value: z.unknown(),
    points: finite(),
  })
  .superRefine(checkRuleValue)
  .transform((r) => r as FitRule);

export const scoringBlock = z.strictObject({
  activity_points: z.record(activityType, finite()).optional(),
  activity_caps: z.record(activityType, z.number().min(0, { error: 'a cap must be 0 or more (it limits the points one activity type adds)' })).optional(),
  fit_points: z.array(fitRuleSchema).max(500, { error: 'at most 500 fit rules' }).optional(),
  decay_half_life_days: positiveDaysOrNull.optional(),
  lookback_days: positiveDaysOrNull.optional(),
});

const requiredField = z.enum(LEAD_FIELDS as [string, ...string[]]);

export const mqlBlock = z.strictObject({
  threshold: finite().optional(),
  high_intent_types: z.array(activityType).max(1000, { error: 'at most 1000 types' }).optional(),
  require_business_email: z.boolean().optional(),
  require_fields: z.array(requiredField).optional(),
});

export const tierSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'a tier needs a non-empty name' }).max(40, { error: 'tier names must be at most 40 characters' }),
  min_score: finite(),
  first_contact_sla_hours: positiveHours,
});

export const tiersBlock = z
  .array(tierSchema)
  .min(1, { error: 'needs at least one tier' })
  .max(20, { error: 'at most 20 tiers' })
  .superRefine((tiers, ctx) => {
    const names = new Map<string, number>();
    const scores = new Map<number, number>();
    tiers.forEach((t, i) => {
      const key = t.name.toLowerCase();
      const firstName = names.get(key);
      if (firstName !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `tier name "${t.name}" is already used by tiers[${firstName}]; names must be unique` });
      else names.set(key, i);
      // Tiers are tried from the highest min_score down: two equal ones would make the order a coin toss.
      const firstScore = scores.get(t.min_score);
      if (firstScore !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'min_score'], message: `min_score ${t.min_score} is already used by tiers[${firstScore}]; each tier needs its own` });
      else scores.set(t.min_score, i);
    });
  });

export const slaBlock = z.strictObject({
  business_hours: z.boolean().optional(),
  acceptance_sla_hours: positiveHours.optional(),
  escalate_after_hours: positiveHours.optional(),
  reassign_after_hours: positiveHours.optional(),
});

export const capacityBlock = z.strictObject({
  rep_daily_capacity: z
    .number()
    .int({ error: 'must be a whole number of leads a day, or null to use the data' })
    .min(1, { error: 'must be at least 1 lead a day, or null to use the data' })
    .max(10000, { error: 'must be at most 10000 leads a day' })
    .nullable()
    .optional(),
  extra_reps: z
    .number()
    .int({ error: 'must be a whole number of reps (negative removes reps)' })
    .min(-1000, { error: 'must be at least -1000' })
    .max(1000, { error: 'must be at most 1000' })
    .optional(),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
const dateString = z.string().refine(isCalendarDate, { error: (iss) => `must be a date written YYYY-MM-DD, got ${describeValue(iss.input)}` });

export const windowBlock = z
  .strictObject({ from: dateString.optional(), to: dateString.optional() })
  .superRefine((w, ctx) => {
    // ISO dates compare correctly as text.
    if (w.from !== undefined && w.to !== undefined && isCalendarDate(w.from) && isCalendarDate(w.to) && w.from > w.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must be on or after window.from (${w.from}), got "${w.to}"` });
    }
  });

export const simulationBlock = z.strictObject({
  runs: z
    .number()
    .int({ error: 'must be a whole number of runs' })
    .min(1, { error: 'must be at least 1 run' })
    .max(10000, { error: 'must be at most 10000 runs' })
    .optional(),
  seed: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(0xffffffff, { error: 'must be at most 4294967295' })
    .optional(),
});

const version = z.literal(1);
const scenarioName = z.string().max(200, { error: 'must be at most 200 characters' });

const scenarioShape = {
  version,
  name: scenarioName.optional(),
  scoring: scoringBlock.optional(),
  mql: mqlBlock.optional(),
  tiers: tiersBlock.optional(),
  sla: slaBlock.optional(),
  capacity: capacityBlock.optional(),
  window: windowBlock.optional(),
  simulation: simulationBlock.optional(),
};
export const scenarioSchema = z.strictObject(scenarioShape, { error: (iss) => `must be an object with "version": 1, got ${describeValue(iss.input)}` });

// scoring_model.json is the scenario's scoring, mql, tiers and sla blocks. A
// `version` and a `name` are tolerated so a saved scenario file can serve as one.
const scoringModelShape = {
  version: z.literal(1).optional(),
  name: scenarioName.optional(),
  scoring: scoringBlock.optional(),
  mql: mqlBlock.optional(),
  tiers: tiersBlock.optional(),
  sla: slaBlock.optional(),
};
export const scoringModelSchema = z.strictObject(scoringModelShape, { error: (iss) => `must be an object, got ${describeValue(iss.input)}` });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScoringModel = z.infer<typeof scoringModelSchema>;
export type ScoringBlock = z.infer<typeof scoringBlock>;
export type MqlBlock = z.infer<typeof mqlBlock>;
export type Tier = z.infer<typeof tierSchema>;

const ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(scenarioShape),
  scoring: Object.keys(scoringBlock.shape),
  'scoring.fit_points.[]': ['field', 'op', 'value', 'points'],
  mql: Object.keys(mqlBlock.shape),
  'tiers.[]': Object.keys(tierSchema.shape),
  sla: Object.keys(slaBlock.shape),
  capacity: Object.keys(capacityBlock.shape),
  window: ['from', 'to'],
  simulation: ['runs', 'seed'],
};
const MODEL_ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = { ...ALLOWED_KEYS, '': Object.keys(scoringModelShape) };

function parseWith<T>(schema: z.ZodType<T>, allowed: Readonly<Record<string, readonly string[]>>, input: unknown, source?: string): T {
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(input, { reportInput: true });
  } catch (err) {
    // Exotic inputs (getters that throw, revoked proxies) must still come back as a field-named problem.
    throw new ScenarioError([{ field: '(top level)', message: `cannot be read: ${(err as Error).message}` }], source);
  }
  if (result.success) return result.data;
  throw new ScenarioError(problemsFromZod(result.error.issues, (p) => allowed[p]), source);
}

/** A validated scenario, or a ScenarioError listing every problem by field. */
export function parseScenario(input: unknown, source?: string): Scenario {
  return parseWith(scenarioSchema, ALLOWED_KEYS, input, source);
}

/** A validated scoring_model.json (blocks scoring, mql, tiers, sla; same rules as a scenario). */
export function parseScoringModel(input: unknown, source?: string): ScoringModel {
  return parseWith(scoringModelSchema, MODEL_ALLOWED_KEYS, input, source);
}

/** JSON text to a scenario; a syntax error is a ScenarioError too. */
export function parseScenarioJson(text: string, source?: string): Scenario {
  return parseScenario(parseJsonText(text, source), source);
}

export function parseScoringModelJson(text: string, source?: string): ScoringModel {
  return parseScoringModel(parseJsonText(text, source), source);
}

function parseJsonText(text: string, source?: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (err) {
    throw new ScenarioError([{ field: '(top level)', message: `is not valid JSON: ${(err as Error).message}` }], source);
  }
}
