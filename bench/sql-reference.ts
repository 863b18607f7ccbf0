// The references the engine is measured against, in plain DuckDB:
// - import: CREATE TABLE ... AS SELECT * FROM read_csv(...) of the five files into a fresh file;
// - forecast (expected values): the same re-scoring and threshold crossing as window functions.
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Policy } from '../engine/scenario/policy';
import type { FitRule } from '../engine/scenario/schema';
import { FREE_EMAIL_DOMAINS } from '../engine/scoring/free-email';
import { NUMERIC_LEAD_FIELDS } from '../engine/scenario/schema';
import { DATA_FILES } from './worlds';

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const num = (n: number): string => {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
};
const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** DuckDB's own read_csv of the world's five CSVs into a fresh database file, then CHECKPOINT. */
export async function referenceImport(dir: string, connection: DuckDBConnection): Promise<void> {
  for (const f of DATA_FILES) {
    await connection.run(`CREATE TABLE ${f} AS SELECT * FROM read_csv(${lit(join(dir, `${f}.csv`))})`);
  }
  await connection.run('CHECKPOINT');
}

/** A fresh database file for the reference (opened outside the timing, like the workspace). */
export async function openReferenceDb(dbPath: string): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(dbPath, { threads: '2' });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function fitRuleSql(rule: FitRule): string {
  const field = ident(rule.field);
  const numeric = NUMERIC_LEAD_FIELDS.includes(rule.field);
  const text = `lower(trim(CAST(${field} AS VARCHAR)))`;
  const empty = `(${field} IS NULL OR trim(CAST(${field} AS VARCHAR)) = '')`;
  const v: unknown = rule.value;
  const str = (x: unknown): string => lit(String(x).trim().toLowerCase());
  switch (rule.op) {
    case 'between': {
      const [lo, hi] = v as readonly [number, number];
      return `TRY_CAST(${field} AS DOUBLE) BETWEEN ${num(lo)} AND ${num(hi)}`;
    }
    case 'gte':
      return `TRY_CAST(${field} AS DOUBLE) >= ${num(v as number)}`;
    case 'gt':
      return `TRY_CAST(${field} AS DOUBLE) > ${num(v as number)}`;
    case 'lte':
      return `TRY_CAST(${field} AS DOUBLE) <= ${num(v as number)}`;
    case 'lt':
      return `TRY_CAST(${field} AS DOUBLE) < ${num(v as number)}`;
    case 'eq':
      return numeric && typeof v === 'number' ? `TRY_CAST(${field} AS DOUBLE) = ${num(v)}` : `${text} = ${str(v)}`;
    case 'neq':
      return numeric && typeof v === 'number' ? `TRY_CAST(${field} AS DOUBLE) <> ${num(v)}` : `(NOT ${empty} AND ${text} <> ${str(v)})`;
    case 'in':
      return `${text} IN (${(v as readonly unknown[]).map(str).join(', ')})`;
    case 'not_in':
      return `(NOT ${empty} AND ${text} NOT IN (${(v as readonly unknown[]).map(str).join(', ')}))`;
    case 'missing':
      return v ? empty : `NOT ${empty}`;
    case 'free_email': {
      const domains = [...FREE_EMAIL_DOMAINS].map(lit).join(', ');
      const isFree = `lower(trim(split_part(email, '@', 2))) IN (${domains})`;
      return v ? `(email LIKE '%@%' AND ${isFree})` : `(email LIKE '%@%' AND NOT ${isFree})`;
    }
  }
}

/**
 * One scenario's MQL moments per SEMANTICS.md as one SQL query: per (lead, type) the running sum of
 * points * 2^(t/halfLife) (t relative to the lead's first activity, so no overflow), carried to every
 * later activity of the lead with last_value IGNORE NULLS, decayed, capped, summed with the fit; the
 * first activity with score >= threshold, or the first high-intent one, is the MQL moment. Returns
 * the MQL count in the window (the figure checked against the engine's replay).
 */
export function forecastSql(policy: Policy): string {
  const s = policy.scoring;
  if (s.lookback_days !== null) throw new Error('the SQL reference does not model lookback_days');
  const types = Object.keys(s.activity_points).filter((k) => s.activity_points[k] !== 0);
  const h = s.decay_half_life_days === null ? null : s.decay_half_life_days * 86400;
  const grow = h === null ? '1' : `pow(2, u)`;
  const shrink = h === null ? '1' : `pow(2, -u)`;
  const points = `CASE k ${types.map((k) => `WHEN ${lit(k)} THEN ${num(s.activity_points[k]!)}`).join(' ')} ELSE 0 END`;
  const carried = types.map((k, j) => `last_value(CASE WHEN k = ${lit(k)} THEN s END IGNORE NULLS) OVER w AS s${j}`).join(',\n    ');
  const terms = types.map((k, j) => {
    const cap = s.activity_caps[k];
    const decayed = `coalesce(s${j} * ${shrink}, 0)`;
    return cap === undefined ? decayed : `least(${num(cap)}, ${decayed})`;
  });
  const fit = s.fit_points.length === 0 ? '0' : s.fit_points.map((r) => `CASE WHEN ${fitRuleSql(r)} THEN ${num(r.points)} ELSE 0 END`).join(' + ');
  const hi = policy.mql.high_intent_types.map((k) => lit(k.trim().toLowerCase()));
  const from = policy.window.from === null ? null : `epoch(TIMESTAMPTZ ${lit(`${policy.window.from} 00:00:00+00`)})`;
  const to = policy.window.to === null ? null : `epoch(TIMESTAMPTZ ${lit(`${policy.window.to} 00:00:00+00`)}) + 86400`;
  const inWindow = [from === null ? 'TRUE' : `mql_t >= ${from}`, to === null ? 'TRUE' : `mql_t < ${to}`].join(' AND ');
  return `
WITH fit AS (
  SELECT lead_id, (${fit})::DOUBLE AS fit FROM leads
), a AS (
  SELECT lead_id, epoch(occurred_at) AS t, lower(trim(activity_type)) AS k, row_number() OVER () AS rn
  FROM activities WHERE lead_id IS NOT NULL AND occurred_at IS NOT NULL AND activity_type IS NOT NULL
), b AS (
  SELECT *, (t - min(t) OVER (PARTITION BY lead_id)) / ${h === null ? '1' : num(h)} AS u FROM a
), c AS (
  SELECT *, sum((${points}) * ${grow}) OVER (PARTITION BY lead_id, k ORDER BY t, rn ROWS UNBOUNDED PRECEDING) AS s FROM b
), d AS (
  SELECT lead_id, t, u, k,
    ${carried}
  FROM c
  WINDOW w AS (PARTITION BY lead_id ORDER BY t, rn ROWS UNBOUNDED PRECEDING)
), e AS (
  SELECT d.lead_id, t, k, fit.fit + ${terms.join(' + ')} AS score FROM d JOIN fit USING (lead_id)
), m AS (
  SELECT lead_id,
    min(t) FILTER (WHERE score >= ${num(policy.mql.threshold)}) AS cross_t,
    ${hi.length === 0 ? 'NULL::DOUBLE' : `min(t) FILTER (WHERE k IN (${hi.join(', ')}))`} AS hi_t
  FROM e GROUP BY lead_id
)
SELECT count(*)::INTEGER AS mqls
FROM (SELECT least(cross_t, hi_t) AS mql_t FROM m)
WHERE mql_t IS NOT NULL AND ${inWindow}`;
}
