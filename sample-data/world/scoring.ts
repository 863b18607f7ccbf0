// Scoring per engine/scoring/SEMANTICS.md, implemented independently of the engine: fit points
// from observed lead fields, per-type decayed activity sums with caps, the MQL moment at an
// activity (threshold crossing or high-intent bypass), pre-flight checks and tiers.
import type { Activities } from './activities';
import { ACTIVITY_TYPES, INDUSTRIES, REGIONS, SENIORITIES, SOURCES } from './catalog';
import type { Companies, Leads } from './leads';
import { FLAG_NO_COMPANY, FLAG_NO_FIRST, FLAG_NO_LAST, MISSING } from './leads';
import type { FitRule, Policy } from './policy';
import { DAY } from './time';

export const TRIGGER_SCORE = 0;
export const TRIGGER_HIGH_INTENT = 1;
export const TRIGGERS = ['score_threshold', 'high_intent'] as const;

export interface Mqls {
  readonly count: number;
  /** Sorted by time, then lead. */
  readonly lead: Int32Array;
  readonly time: Int32Array;
  readonly trigger: Uint8Array;
  readonly score: Float64Array;
  readonly tier: Uint8Array;
  /** 1 when the lead passes pre-flight and is handed to sales; 0 = data-completion queue. */
  readonly handed: Uint8Array;
}

type FieldValue = number | string | null;

/** The observed value of a leads column for lead k, as the export shows it (null = empty). */
export function fieldValue(leads: Leads, companies: Companies, k: number, field: string): FieldValue {
  switch (field) {
    case 'company_size': {
      const v = leads.obsSize[k] as number;
      return v < 0 ? null : v;
    }
    case 'industry': {
      const v = leads.obsIndustry[k] as number;
      return v === MISSING ? null : (INDUSTRIES[v] as (typeof INDUSTRIES)[number]).name;
    }
    case 'seniority': {
      const v = leads.obsSeniority[k] as number;
      return v === MISSING ? null : (SENIORITIES[v] as (typeof SENIORITIES)[number]).name;
    }
    case 'region': {
      const v = leads.region[k] as number;
      return v === MISSING ? null : (REGIONS[v] as (typeof REGIONS)[number]).name;
    }
    case 'source':
      return (SOURCES[leads.source[k] as number] as (typeof SOURCES)[number]).name;
    case 'campaign':
      return leads.campaigns[leads.campaign[k] as number] ?? null;
    case 'title': {
      const v = leads.title[k] as number;
      return v === 0xffff ? null : (leads.titles[v] ?? null);
    }
    case 'account_id': {
      const a = companies.account[leads.company[k] as number] as number;
      return a < 0 ? null : `ACC-${String(a + 1).padStart(6, '0')}`;
    }
    case 'company':
      return (leads.flags[k] as number) & FLAG_NO_COMPANY ? null : (companies.name[leads.company[k] as number] ?? null);
    case 'first_name':
      return (leads.flags[k] as number) & FLAG_NO_FIRST ? null : 'x';
    case 'last_name':
      return (leads.flags[k] as number) & FLAG_NO_LAST ? null : 'x';
    case 'email':
      return (leads.emailKind[k] as number) === 0 ? null : 'x';
    default:
      throw new Error(`fit rule field "${field}" is not a leads column the sample world can evaluate`);
  }
}

const norm = (v: number | string): string => String(v).trim().toLowerCase();

function ruleMatches(rule: FitRule, leads: Leads, companies: Companies, k: number): boolean {
  if (rule.op === 'free_email') {
    if (rule.field !== 'email') throw new Error('free_email applies to the email field');
    const kind = leads.emailKind[k] as number;
    if (kind === 0) return false;
    return (kind === 2) === (rule.value === true);
  }
  const v = fieldValue(leads, companies, k, rule.field);
  if (rule.op === 'missing') return (v === null) === (rule.value === true);
  if (v === null) return false;
  if (['first_name', 'last_name', 'email'].includes(rule.field)) {
    throw new Error(`fit rule op "${rule.op}" on ${rule.field} is not supported by the sample world`);
  }
  const num = typeof v === 'number' ? v : Number(v);
  switch (rule.op) {
    case 'between': {
      const [lo, hi] = rule.value as readonly number[];
      return num >= (lo as number) && num <= (hi as number);
    }
    case 'gte':
      return num >= (rule.value as number);
    case 'gt':
      return num > (rule.value as number);
    case 'lte':
      return num <= (rule.value as number);
    case 'lt':
      return num < (rule.value as number);
    case 'eq':
      return typeof rule.value === 'number' ? num === rule.value : norm(v) === norm(rule.value as string);
    case 'neq':
      return typeof rule.value === 'number' ? num !== rule.value : norm(v) !== norm(rule.value as string);
    case 'in':
      return (rule.value as readonly (string | number)[]).some((x) => norm(x) === norm(v));
    case 'not_in':
      return !(rule.value as readonly (string | number)[]).some((x) => norm(x) === norm(v));
  }
}

export function fitScores(policy: Policy, leads: Leads, companies: Companies): Float64Array {
  const fit = new Float64Array(leads.n);
  for (let k = 0; k < leads.n; k++) {
    let s = 0;
    for (const rule of policy.scoring.fit_points) if (ruleMatches(rule, leads, companies, k)) s += rule.points;
    fit[k] = s;
  }
  return fit;
}

export function passesPreflight(policy: Policy, leads: Leads, companies: Companies, k: number): boolean {
  if (policy.mql.require_business_email && (leads.emailKind[k] as number) !== 1) return false;
  for (const f of policy.mql.require_fields) if (fieldValue(leads, companies, k, f) === null) return false;
  return true;
}

/** Tier index for a score: tiers tried from the highest min_score down. */
export function tierOrder(policy: Policy): number[] {
  return policy.tiers.map((_, i) => i).sort((a, b) => (policy.tiers[b] as { min_score: number }).min_score - (policy.tiers[a] as { min_score: number }).min_score);
}

/**
 * MQL moments of every lead under a policy. `thresholdAt` lets the history switch threshold
 * mid-year (--policy-change); a scenario uses the policy's own threshold throughout.
 */
export function scoreMqls(
  policy: Policy,
  leads: Leads,
  companies: Companies,
  acts: Activities,
  window: { fromT: number; toT: number },
  thresholdAt: (t: number) => number = () => policy.mql.threshold,
): Mqls {
  const nTypes = ACTIVITY_TYPES.length;
  const points = new Float64Array(nTypes);
  const caps = new Float64Array(nTypes).fill(Infinity);
  const highIntent = new Uint8Array(nTypes);
  ACTIVITY_TYPES.forEach((t, i) => {
    points[i] = policy.scoring.activity_points[t] ?? 0;
    const cap = policy.scoring.activity_caps[t];
    if (cap !== undefined) caps[i] = cap;
    if (policy.mql.high_intent_types.includes(t)) highIntent[i] = 1;
  });
  const hl = policy.scoring.decay_half_life_days;
  const hlSec = hl === null || hl === undefined ? 0 : hl * DAY;
  const lb = policy.scoring.lookback_days;
  const lookback = lb === null || lb === undefined ? 0 : lb * DAY;
  const fit = fitScores(policy, leads, companies);
  const order = tierOrder(policy);
  const sums = new Float64Array(nTypes);
  let negativeCaps = 0;
  caps.forEach((c, j) => {
    if (c < 0) negativeCaps |= 1 << j;
  });

  const outLead: number[] = [];
  const outT: number[] = [];
  const outTrig: number[] = [];
  const outScore: number[] = [];
  for (let k = 0; k < leads.n; k++) {
    const a0 = acts.offsets[k] as number;
    const a1 = acts.offsets[k + 1] as number;
    sums.fill(0);
    let seen = 0;
    let lastT = 0;
    const f = fit[k] as number;
    for (let i = a0; i < a1; i++) {
      const t = acts.time[i] as number;
      const kind = acts.type[i] as number;
      let score = f;
      if (lookback > 0) {
        // Rare path (no scenario uses it by default): recompute the window sum from scratch.
        sums.fill(0);
        seen = 0;
        for (let j = i; j >= a0 && (acts.time[j] as number) > t - lookback; j--) {
          const tj = acts.time[j] as number;
          const kj = acts.type[j] as number;
          sums[kj] = (sums[kj] as number) + (points[kj] as number) * (hlSec > 0 ? Math.pow(0.5, (t - tj) / hlSec) : 1);
          seen |= 1 << kj;
        }
      } else {
        if (hlSec > 0 && i > a0) {
          const d = Math.pow(0.5, (t - lastT) / hlSec);
          for (let m = seen; m !== 0; m &= m - 1) {
            const j = 31 - Math.clz32(m & -m);
            sums[j] = (sums[j] as number) * d;
          }
        }
        sums[kind] = (sums[kind] as number) + (points[kind] as number);
      }
      seen |= 1 << kind;
      // Types without activity add min(cap, 0) = 0 unless their cap is negative: visit only the
      // others, in type order, so the float sum is the one a full loop would give.
      for (let m = seen | negativeCaps; m !== 0; m &= m - 1) {
        const j = 31 - Math.clz32(m & -m);
        const s = sums[j] as number;
        const c = caps[j] as number;
        score += s < c ? s : c;
      }
      lastT = t;
      const crossed = score >= thresholdAt(t);
      if (crossed || highIntent[kind] === 1) {
        if (t >= window.fromT && t < window.toT) {
          outLead.push(k);
          outT.push(t);
          outTrig.push(crossed ? TRIGGER_SCORE : TRIGGER_HIGH_INTENT);
          outScore.push(score);
        }
        break;
      }
    }
  }
  const count = outLead.length;
  const idx = Array.from({ length: count }, (_, i) => i).sort((a, b) => (outT[a] as number) - (outT[b] as number) || (outLead[a] as number) - (outLead[b] as number));
  const m = {
    count, lead: new Int32Array(count), time: new Int32Array(count), trigger: new Uint8Array(count),
    score: new Float64Array(count), tier: new Uint8Array(count), handed: new Uint8Array(count),
  };
  idx.forEach((src, i) => {
    const k = outLead[src] as number;
    m.lead[i] = k;
    m.time[i] = outT[src] as number;
    m.trigger[i] = outTrig[src] as number;
    const s = outScore[src] as number;
    m.score[i] = s;
    let tier = order[order.length - 1] as number;
    if (m.trigger[i] === TRIGGER_HIGH_INTENT) tier = order[0] as number;
    else for (const ti of order) if (s >= (policy.tiers[ti] as { min_score: number }).min_score) { tier = ti; break; }
    m.tier[i] = tier;
    m.handed[i] = passesPreflight(policy, leads, companies, k) ? 1 : 0;
  });
  return m;
}
