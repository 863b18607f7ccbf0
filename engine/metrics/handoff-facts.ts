// One row per MQL conversion (handoff) in the window, with its dispositions
// folded in, fetched once as columns. DuckDB does the set work (joins, the
// disposition-to-handoff rule, time zones, filters); the metrics then run over
// these arrays in TypeScript, where business hours are computed.
//
// Joining rule (deterministic): handoffs of a lead are numbered by mql_at
// (ties: assigned_at, rep, tier, score). Each disposition row belongs to the
// latest handoff of its lead with mql_at at or before the disposition's
// earliest event time (the least of decided_at, first_contact_at, sql_at,
// opportunity_at, closed_at); a disposition with no event time, or one earlier
// than all of its lead's handoffs, belongs to the lead's first handoff.
// Dispositions of leads without a handoff are ignored. When several rows
// belong to one handoff: the decision is the latest decided one (by
// decided_at, untimed last; ties by name), the reason is that row's, first
// contact / SQL / opportunity times are the earliest, won is true if any row
// says so. A handoff with no disposition row has no decision and no contact.
import { LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Workspace } from '../workspace/database';

export const DAY_MS = 86_400_000;
/** The opportunity (and SQL) horizon of DATA_CONTRACT section 3. */
export const OUTCOME_HORIZON_MS = 90 * DAY_MS;

export interface FactFilters {
  readonly source?: readonly string[];
  readonly tier?: readonly string[];
  readonly segment?: readonly string[];
  readonly rep?: readonly string[];
}

export interface FactQuery {
  readonly timezone: string;
  /** Dates (YYYY-MM-DD), inclusive, in the workspace time zone. */
  readonly from?: string;
  readonly to?: string;
  readonly filters?: FactFilters;
}

/** Columns, one entry per MQL. Instants are epoch ms with NaN for missing. */
export interface HandoffFacts {
  readonly length: number;
  readonly mqlMs: Float64Array;
  /** assigned_at, else mql_at: the black-hole clock start. */
  readonly assignedMs: Float64Array;
  readonly score: Float64Array;
  readonly tier: readonly (string | null)[];
  readonly rep: readonly (string | null)[];
  readonly source: readonly (string | null)[];
  /** Monday of the mql_at week in the workspace time zone, YYYY-MM-DD. */
  readonly week: readonly string[];
  /** Lower-cased final decision, or null when none was logged. */
  readonly decision: readonly (string | null)[];
  readonly rejectionReason: readonly (string | null)[];
  readonly firstDecidedMs: Float64Array;
  /** A decision was logged without decided_at. */
  readonly untimedDecision: Uint8Array;
  readonly firstContactMs: Float64Array;
  readonly sqlMs: Float64Array;
  readonly opportunityMs: Float64Array;
  /** Sum of opportunity_amount of rows whose opportunity falls within 90 days of mql_at. */
  readonly pipelineAmount: Float64Array;
  readonly won: Uint8Array;
  /** An opportunity exists but neither closed_at nor won is recorded yet. */
  readonly openOpportunity: Uint8Array;
}

const BASE_SQL = `
WITH h AS (
  SELECT lead_id, mql_at, assigned_at, score_at_mql, tier, assigned_rep_id,
         row_number() OVER (PARTITION BY lead_id ORDER BY mql_at, assigned_at NULLS LAST,
                            assigned_rep_id NULLS LAST, tier NULLS LAST, score_at_mql NULLS LAST) AS seq
  FROM handoffs
  WHERE lead_id IS NOT NULL AND mql_at IS NOT NULL
),
d AS (
  SELECT row_number() OVER () AS did, lead_id,
         nullif(lower(trim(decision)), '') AS decision, decided_at,
         nullif(trim(rejection_reason), '') AS rejection_reason,
         first_contact_at, sql_at, opportunity_at, opportunity_amount, closed_at, won,
         least(decided_at, first_contact_at, sql_at, opportunity_at, closed_at) AS ev
  FROM dispositions
  WHERE lead_id IS NOT NULL
),
link AS (
  -- eligible handoffs score +seq (latest wins); with none eligible, -seq picks the first
  SELECT d.did, arg_max(h.seq, CASE WHEN d.ev IS NOT NULL AND h.mql_at <= d.ev THEN h.seq ELSE -h.seq END) AS seq
  FROM d JOIN h USING (lead_id)
  GROUP BY d.did
),
dd AS (
  SELECT d.*, link.seq, h.mql_at,
         CASE WHEN d.decision IS NOT NULL THEN row_number() OVER (
           PARTITION BY d.lead_id, link.seq
           ORDER BY d.decision IS NULL, d.decided_at DESC NULLS LAST, d.decision, d.rejection_reason NULLS LAST) END AS drank
  FROM d JOIN link USING (did) JOIN h ON h.lead_id = d.lead_id AND h.seq = link.seq
),
agg AS (
  SELECT lead_id, seq,
         max(decision) FILTER (WHERE drank = 1) AS decision,
         max(rejection_reason) FILTER (WHERE drank = 1) AS rejection_reason,
         min(decided_at) FILTER (WHERE decision IS NOT NULL) AS first_decided_at,
         bool_or(decision IS NOT NULL AND decided_at IS NULL) AS untimed_decision,
         min(first_contact_at) AS first_contact_at,
         min(sql_at) AS sql_at,
         min(opportunity_at) AS opportunity_at,
         sum(opportunity_amount) FILTER (
           WHERE opportunity_at IS NOT NULL AND epoch_ms(opportunity_at) - epoch_ms(mql_at) <= ${OUTCOME_HORIZON_MS}
         ) AS pipeline_amount,
         bool_or(won) AS won,
         bool_or(opportunity_at IS NOT NULL) AND NOT bool_or(closed_at IS NOT NULL OR won IS NOT NULL) AS open_opportunity
  FROM dd
  GROUP BY lead_id, seq
),
f AS (
  SELECT h.*, a.decision, a.rejection_reason, a.first_decided_at, a.untimed_decision, a.first_contact_at,
         a.sql_at, a.opportunity_at, a.pipeline_amount, a.won, a.open_opportunity,
         l.source, r.segment, timezone($1, h.mql_at) AS mql_local
  FROM h
  LEFT JOIN agg a USING (lead_id, seq)
  LEFT JOIN (SELECT lead_id, min(source) AS source FROM leads GROUP BY lead_id) l USING (lead_id)
  LEFT JOIN (SELECT rep_id, min(segment) AS segment FROM reps GROUP BY rep_id) r ON r.rep_id = h.assigned_rep_id
)
SELECT epoch_ms(mql_at)::DOUBLE, epoch_ms(coalesce(assigned_at, mql_at))::DOUBLE, score_at_mql,
       tier, assigned_rep_id, source, strftime(date_trunc('week', mql_local), '%Y-%m-%d'),
       decision, rejection_reason, epoch_ms(first_decided_at)::DOUBLE, coalesce(untimed_decision, false),
       epoch_ms(first_contact_at)::DOUBLE, epoch_ms(sql_at)::DOUBLE, epoch_ms(opportunity_at)::DOUBLE,
       coalesce(pipeline_amount, 0), coalesce(won, false), coalesce(open_opportunity, false)
FROM f`;

/** Filter values match the segment keys, so "(none)" selects a missing source or tier. */
const FILTER_SQL: Readonly<Record<keyof FactFilters, string>> = {
  source: `coalesce(source, '(none)')`,
  tier: `coalesce(tier, '(none)')`,
  segment: `coalesce(segment, '(none)')`,
  rep: `coalesce(assigned_rep_id, '(unassigned)')`,
};

export async function fetchHandoffFacts(ws: Workspace, q: FactQuery): Promise<HandoffFacts> {
  // The WHERE clause is assembled from the constant fragments above; every value is bound.
  const values: DuckDBValue[] = [q.timezone];
  const types: Record<string, DuckDBType> = { '1': VARCHAR };
  const where: string[] = [];
  const bind = (value: DuckDBValue, type: DuckDBType): string => {
    values.push(value);
    types[String(values.length)] = type;
    return `$${values.length}`;
  };
  if (q.from) where.push(`mql_local::DATE >= CAST(${bind(q.from, VARCHAR)} AS DATE)`);
  if (q.to) where.push(`mql_local::DATE <= CAST(${bind(q.to, VARCHAR)} AS DATE)`);
  for (const key of Object.keys(FILTER_SQL) as (keyof FactFilters)[]) {
    const list = q.filters?.[key];
    if (list && list.length > 0) where.push(`list_contains(${bind(listValue([...list]), LIST(VARCHAR))}, ${FILTER_SQL[key]})`);
  }
  const sql = `${BASE_SQL}${where.length > 0 ? `\nWHERE ${where.join(' AND ')}` : ''}`;
  const cols = (await ws.connection.runAndReadAll(sql, values, types)).getColumns();
  const n = cols[0]?.length ?? 0;
  const num = (i: number): Float64Array => {
    const src = cols[i] ?? [];
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = src[r];
      out[r] = typeof v === 'number' ? v : NaN;
    }
    return out;
  };
  const str = (i: number): (string | null)[] => (cols[i] ?? []).map((v) => (typeof v === 'string' ? v : null));
  const flag = (i: number): Uint8Array => Uint8Array.from(cols[i] ?? [], (v) => (v === true ? 1 : 0));
  return {
    length: n,
    mqlMs: num(0),
    assignedMs: num(1),
    score: num(2),
    tier: str(3),
    rep: str(4),
    source: str(5),
    week: str(6).map((w) => w ?? ''),
    decision: str(7),
    rejectionReason: str(8),
    firstDecidedMs: num(9),
    untimedDecision: flag(10),
    firstContactMs: num(11),
    sqlMs: num(12),
    opportunityMs: num(13),
    pipelineAmount: num(14),
    won: flag(15),
    openOpportunity: flag(16),
  };
}

/**
 * The data's end: the latest timestamp anywhere in the loaded tables. Outcomes
 * after it cannot have been observed, so windows reaching past it are censored.
 * null for an empty workspace.
 */
export async function fetchDataEndMs(ws: Workspace): Promise<number | null> {
  const row = (
    await ws.connection.runAndReadAll(`SELECT epoch_ms(greatest(
      (SELECT max(greatest(mql_at, assigned_at)) FROM handoffs),
      (SELECT max(greatest(decided_at, first_contact_at, sql_at, opportunity_at, closed_at)) FROM dispositions),
      (SELECT max(occurred_at) FROM activities),
      (SELECT max(created_at) FROM leads)))::DOUBLE AS end_ms`)
  ).getRowObjectsJS()[0];
  return typeof row?.end_ms === 'number' ? row.end_ms : null;
}
