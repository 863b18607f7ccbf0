// What sales does with a handoff once (if) a rep picks it up, and what the lead then does.
// The rep reviews the record (obvious duplicates, junk, customers and misfits are rejected
// without a call), otherwise reaches out, then accepts or rejects after the conversation.
// Accepted leads convert to SQL with a TRUE CAUSAL speed-to-lead effect: the odds of SQL are
// multiplied by speedOddsMultiplier(hours from MQL to first contact). Hot leads are also worked
// first (tier priority), so raw data confound speed with lead quality, as in real funnels.
import type { Activities } from './activities';
import { inBuyingWindow } from './activities';
import type { Companies, Leads } from './leads';
import { segmentOfSize } from './leads';
import { Rng, purpose, sigmoid } from './rng';
import { FATE_PICKED } from './queue';
import { DAY, HOUR } from './time';

export const DECISIONS = ['', 'accepted', 'rejected', 'deferred'] as const;
export const DEC_NONE = 0;
export const DEC_ACCEPTED = 1;
export const DEC_REJECTED = 2;
export const DEC_DEFERRED = 3;
export const REASONS = ['', 'not_icp', 'wrong_title', 'no_budget', 'no_timeline', 'already_customer', 'bad_data', 'competitor', 'duplicate', 'other'] as const;
const R = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<(typeof REASONS)[number], number>;
export const CHANNELS = ['', 'phone', 'email', 'linkedin'] as const;
export const CONTACT_OUTCOMES = ['', 'reached', 'voicemail', 'no_answer', 'auto_reply'] as const;

/** The causal effect: odds multiplier on SQL given acceptance, by wall-clock hours to first contact. */
export const SPEED_EFFECT = { a: 2.0, tauFastHours: 1, b: 1.0, tauSlowHours: 12 } as const;
export function speedOddsMultiplier(hours: number): number {
  if (!Number.isFinite(hours)) return 1;
  return 1 + SPEED_EFFECT.a * Math.exp(-hours / SPEED_EFFECT.tauFastHours) + SPEED_EFFECT.b * Math.exp(-hours / SPEED_EFFECT.tauSlowHours);
}

/** Logit coefficients of each step (fit and intent are the latent traits, window = inside a buying window at MQL). */
export const OUTCOME_PARAMS = {
  reviewReject: { duplicate: 0.75, junk: 0.85, customer: 0.55, misfit: 'sigmoid(-2.4 - 1.5*fit)' },
  silentAfterContact: 0.06,
  deferred: 0.03,
  accept: 'sigmoid(0.5 + 0.9*fit + 0.6*intent + 1.3*window)',
  sql: 'sigmoid(-2.0 + 0.8*fit + 0.6*intent + 0.8*window + ln speedOddsMultiplier(h))',
  opportunity: 'sigmoid(0.2 + 0.5*fit + 0.3*intent)',
  won: 'sigmoid(-0.8 + 0.7*fit + 0.3*intent)',
  amountMedian: { smb: 12_000, mid: 40_000, ent: 120_000 },
  lags: 'decision after contact: accept lognormal(5h,1.0), reject lognormal(24h,1.0); SQL lognormal(3d,0.8) after acceptance; opportunity lognormal(14d,0.9) after SQL; close lognormal(50d,0.6) after opportunity',
  neverWorked: 'no contact; 20% rejected later as other (list clean-up) 5-30 days after assignment',
} as const;

export interface Outcome {
  contact: number;
  channel: number;
  contactOutcome: number;
  attempts: number;
  decision: number;
  decided: number;
  reason: number;
  sql: number;
  opp: number;
  amount: number;
  closed: number;
  won: number;
}

export function emptyOutcome(): Outcome {
  return { contact: NaN, channel: 0, contactOutcome: 0, attempts: 0, decision: 0, decided: NaN, reason: 0, sql: NaN, opp: NaN, amount: NaN, closed: NaN, won: -1 };
}

export function resetOutcome(o: Outcome): void {
  o.contact = NaN;
  o.channel = 0;
  o.contactOutcome = 0;
  o.attempts = 0;
  o.decision = 0;
  o.decided = NaN;
  o.reason = 0;
  o.sql = NaN;
  o.opp = NaN;
  o.amount = NaN;
  o.closed = NaN;
  o.won = -1;
}

const N_U = 32;

/**
 * One handoff's outcome. All randomness comes from a fixed block of uniforms keyed by
 * (seed, draw, lead), consumed in a fixed order whatever the branch: the same lead facing a
 * different contact time or tier in another scenario sees the same luck (common random numbers).
 */
export class OutcomeModel {
  private readonly rng = new Rng(0);
  private readonly u = new Float64Array(N_U);
  private readonly salt = purpose('outcome');

  constructor(
    private readonly leads: Leads,
    private readonly companies: Companies,
    private readonly acts: Activities,
    private readonly customerOfAccount: Uint8Array,
    private readonly seed: number,
  ) {}

  private norm(i: number): number {
    return Math.sqrt(-2 * Math.log(1 - (this.u[i] as number))) * Math.cos(2 * Math.PI * (this.u[i + 1] as number));
  }

  private logn(i: number, median: number, sigma: number): number {
    return median * Math.exp(sigma * this.norm(i));
  }

  decide(out: Outcome, draw: number, k: number, mqlT: number, assigned: number, fate: number, pickup: number): void {
    resetOutcome(out);
    this.rng.reseed(this.seed, draw, this.salt, k);
    for (let i = 0; i < N_U; i++) this.u[i] = this.rng.next();
    const u = this.u;
    const L = this.leads;
    const fit = L.fit[k] as number;
    const intent = L.intent[k] as number;

    if (fate !== FATE_PICKED) {
      if ((u[0] as number) < 0.2) {
        out.decision = DEC_REJECTED;
        out.reason = R.other;
        out.decided = assigned + (5 + 25 * (u[1] as number)) * DAY;
      }
      return;
    }
    const window = inBuyingWindow(this.acts, k, mqlT) ? 1 : 0;
    const acc = this.companies.account[L.company[k] as number] as number;
    const customer = acc >= 0 && this.customerOfAccount[acc] === 1;
    // Review: reasons a rep sees in the record, before any outreach.
    let reviewReason = 0;
    if ((L.dupOf[k] as number) >= 0 && (u[2] as number) < OUTCOME_PARAMS.reviewReject.duplicate) reviewReason = R.duplicate;
    else if (L.junk[k] === 1 && (u[2] as number) < OUTCOME_PARAMS.reviewReject.junk) reviewReason = R.bad_data;
    else if (customer && (u[2] as number) < OUTCOME_PARAMS.reviewReject.customer) reviewReason = R.already_customer;
    else if ((u[3] as number) < sigmoid(-2.4 - 1.5 * fit)) reviewReason = (L.trueSeniority[k] as number) === 0 && (u[4] as number) < 0.5 ? R.wrong_title : R.not_icp;

    const attemptContact = reviewReason === 0 || (u[5] as number) < 0.15;
    if (attemptContact) {
      out.contact = pickup + 60 + 420 * (u[6] as number);
      const c = u[7] as number;
      out.channel = c < 0.5 ? 1 : c < 0.85 ? 2 : 3;
      const o = u[8] as number;
      out.contactOutcome = out.channel === 1 ? (o < 0.35 ? 1 : o < 0.75 ? 2 : 3) : out.channel === 2 ? (o < 0.3 ? 1 : o < 0.45 ? 4 : 3) : o < 0.25 ? 1 : 3;
      out.attempts = 1 + Math.min(7, Math.floor(Math.log(1 - (u[9] as number)) / Math.log(0.55)));
    }
    if (reviewReason !== 0) {
      out.decision = DEC_REJECTED;
      out.reason = reviewReason;
      out.decided = (attemptContact ? out.contact : pickup) + this.logn(10, 600, 0.8);
      return;
    }
    const contact = out.contact;
    if ((u[12] as number) < OUTCOME_PARAMS.silentAfterContact) return;
    if ((u[13] as number) < OUTCOME_PARAMS.deferred) {
      out.decision = DEC_DEFERRED;
      out.decided = contact + this.logn(14, 2 * DAY, 0.6);
      return;
    }
    if ((u[16] as number) >= sigmoid(0.5 + 0.9 * fit + 0.6 * intent + 1.3 * window)) {
      out.decision = DEC_REJECTED;
      const r = u[17] as number;
      out.reason = r < 0.35 ? R.no_budget : r < 0.7 ? R.no_timeline : r < 0.85 ? R.competitor : R.other;
      out.decided = contact + this.logn(18, DAY, 1.0);
      return;
    }
    out.decision = DEC_ACCEPTED;
    out.decided = contact + this.logn(18, 5 * HOUR, 1.0);
    out.attempts = Math.max(out.attempts, 1 + Math.floor(3 * (u[20] as number)));
    const hours = (contact - mqlT) / HOUR;
    if ((u[21] as number) >= sigmoid(-2.0 + 0.8 * fit + 0.6 * intent + 0.8 * window + Math.log(speedOddsMultiplier(hours)))) return;
    out.sql = out.decided + this.logn(22, 3 * DAY, 0.8);
    if ((u[24] as number) >= sigmoid(0.2 + 0.5 * fit + 0.3 * intent)) return;
    out.opp = out.sql + this.logn(25, 14 * DAY, 0.9);
    const seg = segmentOfSize(this.companies.size[L.company[k] as number] as number);
    const base = OUTCOME_PARAMS.amountMedian[seg === 2 ? 'ent' : seg === 1 ? 'mid' : 'smb'];
    out.amount = Math.max(1000, Math.round(this.logn(27, base * Math.exp(0.25 * fit), 0.6) / 100) * 100);
    out.closed = out.opp + this.logn(29, 50 * DAY, 0.6);
    out.won = (u[31] as number) < sigmoid(-0.8 + 0.7 * fit + 0.3 * intent) ? 1 : 0;
  }
}
