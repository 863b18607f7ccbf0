// The generated history, read back from the files with DuckDB: plausible funnel rates per the
// section-3 definitions, equal to what truth.json reports as observed, and MQL moments that an
// independent, naive implementation of engine/scoring/SEMANTICS.md reproduces exactly.
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFreeEmail } from '../../engine/scoring/free-email';
import { makeSample, openDuck, readCsvSql, readJson, readTruth, rows } from './support';

interface FileMetrics {
  mql: number;
  acc: number;
  rej: number;
  bh: number;
  sqlr: number;
  opp: number;
  med: number;
  p90: number;
  won: number;
  pipeline: number;
}

async function metricsFromFiles(conn: DuckDBConnection, dir: string, gz = ''): Promise<FileMetrics> {
  const [r] = await rows(conn, `
    WITH h AS (SELECT * FROM ${readCsvSql(join(dir, `handoffs.csv${gz}`), 'handoffs')}),
         d AS (SELECT * FROM ${readCsvSql(join(dir, `dispositions.csv${gz}`), 'dispositions')})
    SELECT count(*)::INTEGER AS mql,
      avg(coalesce(d.decision = 'accepted', false)::INTEGER) AS acc,
      avg(coalesce(d.decision = 'rejected', false)::INTEGER) AS rej,
      avg(CASE WHEN coalesce(d.first_contact_at <= coalesce(h.assigned_at, h.mql_at) + INTERVAL 24 HOUR, false)
                 OR coalesce(d.decision IS NOT NULL AND d.decided_at <= coalesce(h.assigned_at, h.mql_at) + INTERVAL 24 HOUR, false)
               THEN 0 ELSE 1 END) AS bh,
      avg((d.sql_at IS NOT NULL)::INTEGER) AS sqlr,
      avg(coalesce(d.opportunity_at <= h.mql_at + INTERVAL 90 DAY, false)::INTEGER) AS opp,
      quantile_cont(epoch(d.first_contact_at) - epoch(h.mql_at), 0.5) / 3600 AS med,
      quantile_cont(epoch(d.first_contact_at) - epoch(h.mql_at), 0.9) / 3600 AS p90,
      count(*) FILTER (WHERE d.won)::INTEGER AS won,
      coalesce(sum(d.opportunity_amount), 0) AS pipeline
    FROM h JOIN d USING (lead_id)
    WHERE h.mql_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00' AND h.mql_at < TIMESTAMPTZ '2026-01-01 00:00:00+00'`);
  return r as unknown as FileMetrics;
}

describe('generated history', () => {
  const dir = makeSample({ seed: 7 });
  let conn: DuckDBConnection;
  let close: () => void;
  beforeAll(async () => ({ conn, close } = await openDuck()));
  afterAll(() => close());

  it('has plausible funnel rates, computed from the files per DATA_CONTRACT section 3', async () => {
    for (const [d, gz] of [[dir, ''], [join(__dirname, '../../sample-data/shipped'), '.gz']] as const) {
      const m = await metricsFromFiles(conn, d, gz);
      expect(m.mql).toBeGreaterThan(800);
      expect(m.acc).toBeGreaterThan(0.45);
      expect(m.acc).toBeLessThan(0.75);
      expect(m.opp).toBeGreaterThan(0.1);
      expect(m.opp).toBeLessThan(0.3);
      expect(m.bh).toBeGreaterThan(0.05);
      expect(m.bh).toBeLessThan(0.25);
      expect(m.sqlr).toBeGreaterThan(m.opp);
      expect(m.med).toBeGreaterThan(0.2);
      expect(m.p90).toBeGreaterThan(m.med);
    }
  });

  it('shows the confounded speed-to-lead pattern: tier A is contacted sooner and fast contact converts better', async () => {
    const [r] = await rows(conn, `
      WITH x AS (
        SELECT h.tier, (epoch(d.first_contact_at) - epoch(h.mql_at)) / 3600 AS hrs, d.sql_at IS NOT NULL AS is_sql, d.decision
        FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')} h JOIN ${readCsvSql(join(dir, 'dispositions.csv'), 'dispositions')} d USING (lead_id))
      SELECT median(hrs) FILTER (WHERE tier = 'A') AS med_a, median(hrs) FILTER (WHERE tier = 'C') AS med_c,
        avg(is_sql::INTEGER) FILTER (WHERE decision = 'accepted' AND hrs <= 1) AS sql_fast,
        avg(is_sql::INTEGER) FILTER (WHERE decision = 'accepted' AND hrs > 24) AS sql_slow,
        count(*) FILTER (WHERE decision = 'accepted' AND hrs > 24)::INTEGER AS n_slow
      FROM x`);
    expect(Number(r?.med_a)).toBeLessThan(Number(r?.med_c));
    expect(Number(r?.n_slow)).toBeGreaterThan(30);
    expect(Number(r?.sql_fast)).toBeGreaterThan(Number(r?.sql_slow) * 1.2);
  });

  it('routes to reps that exist, by the documented rules, with valid IANA time zones', async () => {
    const reps = await rows(conn, `SELECT rep_id, timezone, work_start, work_end, daily_capacity FROM ${readCsvSql(join(dir, 'reps.csv'), 'reps')}`);
    for (const rep of reps) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: String(rep.timezone) })).not.toThrow();
      expect(String(rep.work_start)).toMatch(/^\d\d:\d\d$/);
      expect(Number(rep.daily_capacity)).toBeGreaterThanOrEqual(2);
    }
    const rules = await rows(conn, `SELECT routing_rule, count(*)::INTEGER AS n, count(*) FILTER (WHERE assigned_rep_id NOT IN (SELECT rep_id FROM ${readCsvSql(join(dir, 'reps.csv'), 'reps')}))::INTEGER AS unknown_rep
      FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')} WHERE assigned_rep_id IS NOT NULL GROUP BY ALL ORDER BY 1`);
    expect(rules.map((x) => x.routing_rule)).toEqual(expect.arrayContaining(['account_owner', 'territory', 'round_robin']));
    for (const x of rules) {
      expect(['account_owner', 'territory_segment', 'territory', 'round_robin']).toContain(x.routing_rule);
      expect(x.unknown_rep).toBe(0);
    }
  });

  it('reports in truth.json exactly the observed metrics the files give', async () => {
    const m = await metricsFromFiles(conn, dir);
    const o = readTruth(dir).observed;
    expect(o.mql_count).toBe(m.mql);
    expect(o.acceptance_rate).toBeCloseTo(m.acc, 4);
    expect(o.rejection_rate).toBeCloseTo(m.rej, 4);
    expect(o.black_hole_rate).toBeCloseTo(m.bh, 4);
    expect(o.sql_rate).toBeCloseTo(m.sqlr, 4);
    expect(o.opportunity_rate).toBeCloseTo(m.opp, 4);
    expect(o.median_hours_to_first_contact).toBeCloseTo(m.med, 2);
    expect(o.p90_hours_to_first_contact).toBeCloseTo(m.p90, 2);
    expect(o.won_count).toBe(m.won);
    expect(o.pipeline_amount).toBeCloseTo(m.pipeline, 0);
  });

  it('shows censoring at the data end: late MQLs have fewer visible outcomes than the truth', async () => {
    const t = readTruth(dir);
    expect(t.observed.won_count).toBeLessThan(t.history_uncensored.won_count);
    expect(t.observed.opportunity_rate).toBeLessThanOrEqual(t.history_uncensored.opportunity_rate);
    const [r] = await rows(conn, `SELECT count(*)::INTEGER AS n FROM ${readCsvSql(join(dir, 'dispositions.csv'), 'dispositions')}
      WHERE greatest(decided_at, first_contact_at, sql_at, opportunity_at, closed_at) >= TIMESTAMPTZ '2026-01-01 00:00:00+00'`);
    expect(r?.n).toBe(0);
    // December MQLs: the share with a visible opportunity is lower than in H1, mostly because of censoring.
    const [s] = await rows(conn, `SELECT avg((d.opportunity_at IS NOT NULL)::INTEGER) FILTER (WHERE month(h.mql_at) = 12) AS dec,
        avg((d.opportunity_at IS NOT NULL)::INTEGER) FILTER (WHERE month(h.mql_at) <= 6) AS h1
      FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')} h JOIN ${readCsvSql(join(dir, 'dispositions.csv'), 'dispositions')} d USING (lead_id)`);
    expect(Number(s?.dec)).toBeLessThan(Number(s?.h1) * 0.8);
  });

  it('hands off exactly the MQL moments a naive re-implementation of SEMANTICS.md finds', async () => {
    const model = readJson(join(dir, 'scoring_model.json')) as {
      scoring: { activity_points: Record<string, number>; activity_caps: Record<string, number>; decay_half_life_days: number; fit_points: { field: string; op: string; value: unknown; points: number }[] };
      mql: { threshold: number; high_intent_types: string[] };
      tiers: { name: string; min_score: number }[];
    };
    const leads = await rows(conn, `SELECT lead_id, email, company_size, seniority, industry FROM ${readCsvSql(join(dir, 'leads.csv'), 'leads')}`);
    const acts = await rows(conn, `SELECT lead_id, epoch(occurred_at)::DOUBLE AS t, activity_type FROM ${readCsvSql(join(dir, 'activities.csv'), 'activities')}`);
    const handoffs = await rows(conn, `SELECT lead_id, epoch(mql_at)::DOUBLE AS t, trigger, score_at_mql, tier FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')}`);
    const byLead = new Map<string, { t: number; type: string }[]>();
    for (const a of acts) {
      const list = byLead.get(String(a.lead_id)) ?? [];
      list.push({ t: Number(a.t), type: String(a.activity_type) });
      byLead.set(String(a.lead_id), list);
    }
    const matches = (lead: Record<string, unknown>, rule: (typeof model.scoring.fit_points)[number]): boolean => {
      if (rule.op === 'free_email') return lead.email !== null && isFreeEmail(String(lead.email)) === rule.value;
      const v = lead[rule.field];
      if (v === null || v === undefined || v === '') return false;
      if (rule.op === 'between') return Number(v) >= (rule.value as number[])[0]! && Number(v) <= (rule.value as number[])[1]!;
      if (rule.op === 'in') return (rule.value as string[]).some((x) => x.toLowerCase() === String(v).trim().toLowerCase());
      if (rule.op === 'eq') return String(rule.value).toLowerCase() === String(v).trim().toLowerCase();
      throw new Error(`op ${rule.op} not in the oracle`);
    };
    const hl = model.scoring.decay_half_life_days * 86400;
    const expected = new Map<string, { t: number; trigger: string; score: number; tier: string }>();
    for (const lead of leads) {
      const fit = model.scoring.fit_points.reduce((s, r) => s + (matches(lead, r) ? r.points : 0), 0);
      const list = (byLead.get(String(lead.lead_id)) ?? []).sort((a, b) => a.t - b.t);
      for (let i = 0; i < list.length; i++) {
        const now = list[i]!;
        const perType = new Map<string, number>();
        for (let j = 0; j <= i; j++) {
          const a = list[j]!;
          perType.set(a.type, (perType.get(a.type) ?? 0) + (model.scoring.activity_points[a.type] ?? 0) * 0.5 ** ((now.t - a.t) / hl));
        }
        let score = fit;
        for (const [type, sum] of perType) score += Math.min(model.scoring.activity_caps[type] ?? Infinity, sum);
        const crossed = score >= model.mql.threshold;
        if (crossed || model.mql.high_intent_types.includes(now.type)) {
          const tiers = [...model.tiers].sort((a, b) => b.min_score - a.min_score);
          const tier = crossed ? (tiers.find((x) => score >= x.min_score) ?? tiers[tiers.length - 1]!).name : tiers[0]!.name;
          expected.set(String(lead.lead_id), { t: now.t, trigger: crossed ? 'score_threshold' : 'high_intent', score, tier });
          break;
        }
      }
    }
    expect(handoffs.length).toBe(expected.size);
    let highIntent = 0;
    for (const h of handoffs) {
      const e = expected.get(String(h.lead_id));
      expect(e, String(h.lead_id)).toBeDefined();
      expect(Number(h.t)).toBe(e!.t);
      expect(h.trigger).toBe(e!.trigger);
      expect(Math.abs(Number(h.score_at_mql) - e!.score)).toBeLessThan(1e-3);
      expect(h.tier).toBe(e!.tier);
      if (h.trigger === 'high_intent') highIntent++;
    }
    expect(highIntent).toBeGreaterThan(50);
    expect(handoffs.length - highIntent).toBeGreaterThan(50);
  });
});

describe('--policy-change history', () => {
  const dir = makeSample({ seed: 5, leads: 3000, policyChange: true });

  it('switches the threshold from 60 to 52 on 2025-07-01 and says so in truth.json', async () => {
    const { conn, close } = await openDuck();
    try {
      const [r] = await rows(conn, `SELECT
          min(score_at_mql) FILTER (WHERE trigger = 'score_threshold' AND mql_at < TIMESTAMPTZ '2025-07-01 00:00:00+00') AS min_before,
          min(score_at_mql) FILTER (WHERE trigger = 'score_threshold' AND mql_at >= TIMESTAMPTZ '2025-07-01 00:00:00+00') AS min_after,
          count(*) FILTER (WHERE trigger = 'score_threshold' AND score_at_mql < 60)::INTEGER AS between_52_60
        FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')}`);
      expect(Number(r?.min_before)).toBeGreaterThanOrEqual(60);
      expect(Number(r?.min_after)).toBeGreaterThanOrEqual(52);
      expect(Number(r?.min_after)).toBeLessThan(60);
      expect(r?.between_52_60).toBeGreaterThan(10);
    } finally {
      close();
    }
    const pc = readTruth(dir).policy_change as { at: string; scenario_file: string; expected: Record<string, { mql_count: number }> };
    expect(pc.at).toBe('2025-07-01T00:00:00Z');
    const scenario = JSON.parse(readFileSync(join(dir, pc.scenario_file), 'utf8')) as { mql: { threshold: number }; window: { from: string } };
    expect(scenario.mql.threshold).toBe(52);
    expect(scenario.window.from).toBe('2025-07-01');
    expect(pc.expected.h2_history!.mql_count).toBeGreaterThan(pc.expected.h2_if_no_change!.mql_count);
  });
});
