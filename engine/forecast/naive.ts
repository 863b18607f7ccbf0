// The naive forecaster the real one is measured against: the new MQL set
// (re-scored under the scenario) times history's rates per 10-point band of
// score at MQL. No queueing, no response time, no censoring adjustment:
// what a spreadsheet would do. Bands history never saw take the nearest band's rates.
import { METRIC_NAMES, type MetricName } from '../metrics/types';
import { quantileCont } from '../metrics/aggregate';
import { resolvePolicy } from '../scenario/resolve';
import { parseScenario } from '../scenario/schema';
import { HOUR_MS, BLACK_HOLE_MS } from './history';
import type { ForecastSession } from './session';
import { windowRange } from '../replay/window';

const BAND = 10;

export type NaiveForecast = Readonly<Record<MetricName, number | null>>;

export function naiveForecast(session: ForecastSession, scenario: unknown): NaiveForecast {
  const { hist, cols } = session;
  const policy = resolvePolicy(session.baseline, parseScenario(scenario, 'scenario'));
  const range = windowRange(policy.window, cols.timezone);
  // History per band (score_at_mql of the first handoff; every handoff in time, outcomes as observed).
  const stats = new Map<number, { n: number; acc: number; rej: number; bh: number; sql: number; opp: number; won: number; pipe: number; mature: number }>();
  const hours: number[] = [];
  // Historical SLA per band: contact within the baseline tier's SLA (business hours of the assigned rep when the baseline says so).
  const tierSla = new Map(session.baseline.tiers.map((t) => [t.name.trim().toLowerCase(), t.first_contact_sla_hours]));
  const lastSla = session.baseline.tiers.reduce((a, t) => (a === null || t.min_score < a.min_score ? t : a), null as null | { min_score: number; first_contact_sla_hours: number });
  const slaBand = new Map<number, number>();
  for (let i = 0; i < hist.n; i++) {
    if (!hist.handed[i]) continue;
    const s = cols.handoffs.scoreAtMql[i]!;
    if (!Number.isFinite(s)) continue;
    const b = Math.floor(s / BAND);
    let st = stats.get(b);
    if (!st) stats.set(b, (st = { n: 0, acc: 0, rej: 0, bh: 0, sql: 0, opp: 0, won: 0, pipe: 0, mature: 0 }));
    st.n++;
    st.acc += hist.accepted[i]!;
    st.rej += hist.rejected[i]!;
    const c = hist.contactAt[i]!;
    const ref = hist.mqlAt[i]! + hist.routingLagMs[i]!;
    const early = (Number.isFinite(c) && c <= ref + BLACK_HOLE_MS) || (hist.decided[i]! === 1 && (!Number.isFinite(hist.decidedAt[i]!) || hist.decidedAt[i]! <= ref + BLACK_HOLE_MS));
    st.bh += early ? 0 : 1;
    if (hist.mature[i]) {
      st.mature++;
      st.sql += hist.sql90[i]!;
      st.opp += hist.opp90[i]!;
    }
    st.won += hist.won[i]! === 1 ? 1 : 0;
    st.pipe += hist.opp90[i]! ? hist.amount[i]! : 0;
    if (Number.isFinite(c)) {
      hours.push((c - hist.mqlAt[i]!) / HOUR_MS);
      const tc = cols.handoffs.tier.codes[i]!;
      const h = (tc >= 0 ? tierSla.get(cols.handoffs.tier.values[tc]!.trim().toLowerCase()) : undefined) ?? lastSla?.first_contact_sla_hours ?? 24;
      const code = hist.repCode[i]!;
      const r = code >= 0 ? session.pool.repOfCode[code]! : -1;
      const sched = r >= 0 ? session.pool.schedules[r]! : session.repSchedules.fallback;
      const deadline = session.baseline.sla.business_hours ? sched.addBusinessMs(hist.mqlAt[i]!, h * HOUR_MS) : hist.mqlAt[i]! + h * HOUR_MS;
      if (c <= deadline) slaBand.set(b, (slaBand.get(b) ?? 0) + 1);
    }
  }
  const bands = [...stats.keys()].sort((a, b) => a - b);
  const nearest = (b: number): number => bands.reduce((best, x) => (Math.abs(x - b) < Math.abs(best - b) ? x : best), bands[0] ?? 0);
  const r = session.replayer.rescore(policy);
  let n = 0;
  const sum = { acc: 0, rej: 0, bh: 0, sla: 0, sql: 0, opp: 0, won: 0, pipe: 0 };
  for (let i = 0; i < hist.n; i++) {
    const t = r.mqlAt[i]!;
    if (!Number.isFinite(t) || t < range.fromMs || t >= range.toMs || r.flags[i]! & 2) continue;
    n++;
    const band = nearest(Math.floor(r.scoreAtMql[i]! / BAND));
    const st = stats.get(band);
    if (!st) continue;
    sum.sla += (slaBand.get(band) ?? 0) / st.n;
    sum.acc += st.acc / st.n;
    sum.rej += st.rej / st.n;
    sum.bh += st.bh / st.n;
    sum.sql += st.mature > 0 ? st.sql / st.mature : 0;
    sum.opp += st.mature > 0 ? st.opp / st.mature : 0;
    sum.won += st.won / st.n;
    sum.pipe += st.pipe / st.n;
  }
  const sorted = Float64Array.from(hours).sort();
  const rate = (x: number) => (n > 0 ? x / n : null);
  const out: Record<MetricName, number | null> = {
    mql_count: n,
    acceptance_rate: rate(sum.acc),
    rejection_rate: rate(sum.rej),
    black_hole_rate: rate(sum.bh),
    sla_compliance_rate: rate(sum.sla),
    median_hours_to_first_contact: quantileCont(sorted, 0.5),
    p90_hours_to_first_contact: quantileCont(sorted, 0.9),
    sql_rate: rate(sum.sql),
    opportunity_rate: rate(sum.opp),
    won_count: sum.won,
    pipeline_amount: sum.pipe,
  };
  for (const m of METRIC_NAMES) if (out[m] === undefined) out[m] = null;
  return out;
}
