// Expected outcomes of every candidate MQL moment a sweep index holds (each
// score record and each high-intent bypass), so a threshold sweep can sum
// them with difference arrays instead of running one forecast per threshold.
// A moment that is the lead's historical MQL (within the forecast's 7-day
// tolerance) takes the baseline replay's per-lead expectation (history, with
// censored outcomes completed); any other moment takes the session's fitted
// outcome models at that instant, with sales' contact at its typical share and
// delay (the queue is not simulated per threshold; see queue-approximation.ts).
import type { LeadExpectations } from '../forecast/types';
import { computeEtas } from '../forecast/assemble';
import { buildFeatures } from '../forecast/features';
import { evaluate, prepareScenario } from '../forecast/kernel';
import { pContact, pWorked, sizeBand } from '../forecast/outcome-models';
import { SAME_MQL_TOLERANCE_MS, type ForecastSession } from '../forecast/session';
import type { SweepIndex } from '../replay/sweep';
import { sigmoid } from '../stats/logistic';

/** Outcome sums a sweep folds per threshold, in this order. */
export const EVENT_VALUES = ['accept', 'reject', 'sql', 'opp', 'won', 'pipeline'] as const;
export const N_VALUES = EVENT_VALUES.length;

/** The baseline replayed over all time, per lead: what a "same MQL" moment keeps. */
export interface BaselineByLead {
  /** Row in `e` per lead, -1 when the lead is not a baseline MQL. */
  readonly rowOfLead: Int32Array;
  readonly e: LeadExpectations;
  /** Share of baseline MQLs sales contacted, and their median hours to first contact. */
  readonly contactShare: number;
  readonly medianHours: number;
}

const baselineCache = new WeakMap<ForecastSession, BaselineByLead>();

export function baselineByLead(session: ForecastSession): BaselineByLead {
  const cached = baselineCache.get(session);
  if (cached) return cached;
  const policy = { ...session.baseline, window: { from: null, to: null } };
  const e = evaluate(session, prepareScenario(session, policy), session.models, 0);
  const rowOfLead = new Int32Array(session.hist.n).fill(-1);
  const hours: number[] = [];
  let contacted = 0;
  for (let k = 0; k < e.n; k++) {
    rowOfLead[e.lead[k]!] = k;
    if (e.hoursWeight[k]! > 0) {
      contacted += e.hoursWeight[k]!;
      hours.push(e.hours[k]!);
    }
  }
  hours.sort((a, b) => a - b);
  const out: BaselineByLead = {
    rowOfLead,
    e,
    contactShare: e.n > 0 ? contacted / e.n : 0,
    medianHours: hours.length > 0 ? hours[hours.length >> 1]! : 24,
  };
  baselineCache.set(session, out);
  return out;
}

/** Per event (records first, then one slot per lead for its bypass), the outcome values; NaN = not computed yet. */
export interface EventOutcomes {
  /** values[e * N_VALUES + v]. */
  readonly values: Float64Array;
  /** 1 when the event is a new MQL scoring below anything sales has seen. */
  readonly extrapolated: Uint8Array;
  readonly computed: Uint8Array;
  /** Every event that decides an MQL moment at some threshold in [filledFrom, filledTo] is filled (a warm sweep inside it skips the pass). */
  filledFrom: number;
  filledTo: number;
}

export function emptyEventOutcomes(index: SweepIndex): EventOutcomes {
  const m = index.recScore.length + index.nLeads;
  return { values: new Float64Array(m * N_VALUES), extrapolated: new Uint8Array(m), computed: new Uint8Array(m), filledFrom: Infinity, filledTo: -Infinity };
}

const CHUNK = 32_768;

/**
 * Fills the events that decide an MQL moment at some threshold in
 * [minScore, maxScore]: a record below minScore never does, nor does a record
 * (or a bypass) after one already at maxScore. In chunks, so the feature
 * matrix stays small at 1M leads.
 */
export function fillEventOutcomes(session: ForecastSession, index: SweepIndex, out: EventOutcomes, minScore: number, maxScore: number, signal?: AbortSignal): void {
  if (minScore >= out.filledFrom && maxScore <= out.filledTo) return;
  const from = Math.min(minScore, out.filledFrom);
  const to = Math.max(maxScore, out.filledTo);
  const base = baselineByLead(session);
  const { hist, models, cols } = session;
  const nRec = index.recScore.length;
  const pending: number[] = [];
  const leadOfRecord = new Int32Array(nRec);
  for (let i = 0; i < index.nLeads; i++) for (let r = index.recOffsets[i]!; r < index.recOffsets[i + 1]!; r++) leadOfRecord[r] = i;
  const leadOf = (ev: number) => (ev < nRec ? leadOfRecord[ev]! : ev - nRec);
  const timeOf = (ev: number) => (ev < nRec ? index.recTime[ev]! : index.bypassTime[ev - nRec]!);
  const set = (ev: number, src: LeadExpectations, k: number) => {
    const o = ev * N_VALUES;
    out.values[o] = src.accept[k]!;
    out.values[o + 1] = src.reject[k]!;
    out.values[o + 2] = src.sql[k]!;
    out.values[o + 3] = src.opp[k]!;
    out.values[o + 4] = src.won[k]!;
    out.values[o + 5] = src.pipeline[k]!;
    out.computed[ev] = 1;
  };
  const slackMin = from - 1e-9 * Math.max(1, Math.abs(from));
  const slackMax = to - 1e-9 * Math.max(1, Math.abs(to));
  // The score reached before an event: at or above the top threshold, the event never decides an MQL moment.
  const before = (ev: number): number => {
    const i = leadOf(ev);
    const r = ev < nRec ? ev - 1 : index.recOffsets[i + 1]! - 1;
    return r >= index.recOffsets[i]! ? index.recScore[r]! : -Infinity;
  };
  for (let ev = 0; ev < nRec + index.nLeads; ev++) {
    if (out.computed[ev]) continue;
    const t = timeOf(ev);
    if (!(t === t)) continue;
    if (ev < nRec && index.recScore[ev]! < slackMin) continue;
    if (before(ev) >= slackMax) continue;
    const i = leadOf(ev);
    const row = base.rowOfLead[i]!;
    if (row >= 0 && hist.handed[i] && Math.abs(hist.mqlAt[i]! - t) <= SAME_MQL_TOLERANCE_MS) set(ev, base.e, row);
    else pending.push(ev);
  }
  const w = base.contactShare;
  const h = base.medianHours;
  for (let c0 = 0; c0 < pending.length; c0 += CHUNK) {
    signal?.throwIfAborted();
    const chunk = pending.slice(c0, c0 + CHUNK);
    const leads = Int32Array.from(chunk, leadOf);
    const x = buildFeatures(
      cols,
      session.spec,
      leads,
      Float64Array.from(chunk, timeOf),
      Uint8Array.from(chunk, (ev) => (ev < nRec ? 0 : 1)),
      session.scorer,
    );
    const eta = computeEtas(models, x, chunk.length);
    chunk.forEach((ev, q) => {
      const i = leads[q]!;
      const pc = sigmoid(eta.contacted[q]!);
      // With share w sales works the lead (contacted at the typical delay); otherwise never touched.
      const sqlW = pc * pContact(models.sql, eta.sql[q]!, h) + (1 - pc) * pContact(models.sql, eta.sql[q]!, Number.NaN);
      const oppW = pc * pContact(models.opp, eta.opp[q]!, h) + (1 - pc) * pContact(models.opp, eta.opp[q]!, Number.NaN);
      const opp = w * oppW + (1 - w) * pContact(models.opp, eta.opp[q]!, Number.NaN);
      const o = ev * N_VALUES;
      out.values[o] = w * pWorked(models.accept, eta.accept[q]!, 1) + (1 - w) * pWorked(models.accept, eta.accept[q]!, 0);
      out.values[o + 1] = w * pWorked(models.reject, eta.reject[q]!, 1) + (1 - w) * pWorked(models.reject, eta.reject[q]!, 0);
      out.values[o + 2] = w * sqlW + (1 - w) * pContact(models.sql, eta.sql[q]!, Number.NaN);
      out.values[o + 3] = opp;
      out.values[o + 4] = opp * sigmoid(eta.won[q]!);
      out.values[o + 5] = opp * models.amountByBand[sizeBand(cols.leads.companySize[i]!)]!;
      out.computed[ev] = 1;
      if (ev < nRec && index.recScore[ev]! < hist.scoreSupportFloor) out.extrapolated[ev] = 1;
    });
  }
  out.filledFrom = from;
  out.filledTo = to;
}
