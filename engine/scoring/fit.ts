// Fit points per lead (SEMANTICS.md "Fit rules"), one vectorised pass per rule:
// string rules are decided once per dictionary value, then spread over the
// codes, so a million leads cost a million array reads per rule.
import { EMAIL_FREE, EMAIL_OTHER, type LeadColumns, type LeadStringField, LEAD_STRING_FIELDS } from '../columns/types';
import type { FitRule } from '../scenario/schema';

const norm = (v: string | number): string => String(v).trim().toLowerCase();

function isStringField(field: string): field is LeadStringField {
  return (LEAD_STRING_FIELDS as readonly string[]).includes(field);
}

/** Whether a non-empty string value matches a rule (ops that compare text). */
function stringMatches(rule: FitRule, value: string): boolean {
  const v = norm(value);
  switch (rule.op) {
    case 'eq':
      return v === norm(rule.value);
    case 'neq':
      return v !== norm(rule.value);
    case 'in':
      return rule.value.some((x) => norm(x) === v);
    case 'not_in':
      return !rule.value.some((x) => norm(x) === v);
    case 'missing':
      return rule.value === false;
    default:
      // Numeric ops on text fields are refused by the schema; free_email is handled by emailKind.
      return false;
  }
}

const asNumber = (x: string | number): number => (typeof x === 'number' ? x : x.trim() === '' ? NaN : Number(x));

/** Whether a present number matches a rule (company_size). */
function numberMatches(rule: FitRule, x: number): boolean {
  switch (rule.op) {
    case 'between':
      return rule.value[0] <= x && x <= rule.value[1];
    case 'gte':
      return x >= rule.value;
    case 'gt':
      return x > rule.value;
    case 'lte':
      return x <= rule.value;
    case 'lt':
      return x < rule.value;
    case 'eq':
      return x === asNumber(rule.value);
    case 'neq':
      return x !== asNumber(rule.value);
    case 'in':
      return rule.value.some((v) => asNumber(v) === x);
    case 'not_in':
      return !rule.value.some((v) => asNumber(v) === x);
    case 'missing':
      return rule.value === false;
    default:
      return false;
  }
}

/** Adds each rule's points to out[i] for every lead i it matches. out is zeroed first. */
export function computeFitPoints(leads: LeadColumns, rules: readonly FitRule[], out: Float64Array): void {
  out.fill(0, 0, leads.n);
  for (const rule of rules) addRule(leads, rule, out);
}

function addRule(leads: LeadColumns, rule: FitRule, out: Float64Array): void {
  const n = leads.n;
  const p = rule.points;
  if (rule.field === 'company_size') {
    const xs = leads.companySize;
    for (let i = 0; i < n; i++) {
      const x = xs[i] ?? NaN;
      const hit = Number.isNaN(x) ? rule.op === 'missing' && rule.value === true : numberMatches(rule, x);
      if (hit) out[i] = (out[i] ?? 0) + p;
    }
    return;
  }
  if (rule.op === 'free_email') {
    // An empty email matches neither true nor false (it only matches `missing`).
    const want = rule.value ? EMAIL_FREE : EMAIL_OTHER;
    const kinds = leads.emailKind;
    for (let i = 0; i < n; i++) if (kinds[i] === want) out[i] = (out[i] ?? 0) + p;
    return;
  }
  if (!isStringField(rule.field)) return; // the schema allows only lead fields
  const col = leads.strings[rule.field];
  const hitByCode = new Uint8Array(col.values.length);
  col.values.forEach((v, k) => (hitByCode[k] = stringMatches(rule, v) ? 1 : 0));
  const emptyHit = rule.op === 'missing' && rule.value === true;
  const codes = col.codes;
  for (let i = 0; i < n; i++) {
    const c = codes[i] ?? -1;
    if (c < 0 ? emptyHit : hitByCode[c] === 1) out[i] = (out[i] ?? 0) + p;
  }
}

/** Pre-flight failure reasons, as bits of a per-lead byte. */
export const PREFLIGHT_NO_EMAIL = 1;
export const PREFLIGHT_FREE_EMAIL = 2;
export const PREFLIGHT_MISSING_FIELD = 4;

/**
 * Pre-flight checks per lead (SEMANTICS.md "MQL moment"): 0 = passes, otherwise
 * PREFLIGHT_* bits saying why the lead would go to the data-completion queue.
 */
export function computePreflight(
  leads: LeadColumns,
  requireBusinessEmail: boolean,
  requireFields: readonly string[],
  out: Uint8Array,
): void {
  const n = leads.n;
  out.fill(0, 0, n);
  if (requireBusinessEmail) {
    const kinds = leads.emailKind;
    for (let i = 0; i < n; i++) {
      const k = kinds[i];
      if (k === EMAIL_FREE) out[i] = (out[i] ?? 0) | PREFLIGHT_FREE_EMAIL;
      else if (k !== EMAIL_OTHER) out[i] = (out[i] ?? 0) | PREFLIGHT_NO_EMAIL;
    }
  }
  for (const field of requireFields) {
    const missing = missingMask(leads, field);
    if (missing === null) continue;
    for (let i = 0; i < n; i++) if (missing(i)) out[i] = (out[i] ?? 0) | PREFLIGHT_MISSING_FIELD;
  }
}

/** The required fields a lead lacks, for explaining a data-completion hold. */
export function missingRequiredFields(leads: LeadColumns, lead: number, requireFields: readonly string[]): string[] {
  return requireFields.filter((f) => missingMask(leads, f)?.(lead) === true);
}

function missingMask(leads: LeadColumns, field: string): ((i: number) => boolean) | null {
  if (field === 'company_size') return (i) => Number.isNaN(leads.companySize[i] ?? NaN);
  if (isStringField(field)) {
    const codes = leads.strings[field].codes;
    return (i) => (codes[i] ?? -1) < 0;
  }
  return null;
}
