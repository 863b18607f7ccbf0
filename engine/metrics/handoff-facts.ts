// One row per MQL conversion (handoff) in the window, with its dispositions
// folded in, fetched once as columns. DuckDB does the set work (joins, the
// disposition-to-handoff rule, filters); text columns come back as codes into
// small dictionaries, and week keys are found in TypeScript from the zone's
// day boundaries (engine/calendar/local-days.ts), because per-row time-zone
// calls and string decoding dominate the cost on 250k MQLs.
//
// Joining rule (deterministic): handoffs of a lead are numbered by mql_at
// (ties: assigned_at, rep, tier, score). Each disposition row belongs to the
// latest handoff of its lead with mql_at at or before the disposition's
// earliest event time (the least of decided_at, first_contact_at, sql_at,
// opportunity_at, closed_at); a disposition with no event time, or one earlier
// than all of its lead's handoffs, belongs to the lead's first handoff.
// Dispositions of leads without a handoff are ignored. When several rows
// belong to one handoff: the decision is the latest decided one (by
// decided_at, a decision without one counting as oldest; at the same instant
// accepted > rejected > other) with its reason (ties: alphabetically last);
// first contact / SQL / opportunity times are the earliest; won is true if any
// row says so; the opportunity amount is the sum over rows that record an
// opportunity (pipeline_amount counts it when the opportunity falls within 90
// days of mql_at, like opportunity_rate). A handoff with no disposition row
// has no decision and no contact. See DEFINITIONS.md.
import { DOUBLE, LIST, VARCHAR, listValue, type DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { LocalDays, localDayEndMs, localDayStartMs } from '../calendar/local-days';
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

/** A low-cardinality text column as codes into a value list; code -1 = missing. */
export interface CodedColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

export const DECISION_NONE = 0;
export const DECISION_ACCEPTED = 1;
export const DECISION_REJECTED = 2;
/** deferred or any other logged value */
export const DECISION_OTHER = 3;

/** Columns, one entry per MQL. Instants are epoch ms with NaN for missing. */
export interface HandoffFacts {
  readonly length: number;
  readonly mqlMs: Float64Array;
  /** assigned_at, else mql_at: the black-hole clock start. */
  readonly assignedMs: Float64Array;
  readonly score: Float64Array;
  readonly tier: CodedColumn;
  readonly rep: CodedColumn;
  readonly source: CodedColumn;
  /** Monday of the mql_at week in the workspace time zone, YYYY-MM-DD (values sorted). */
  readonly week: CodedColumn;
  /** DECISION_* code of the final decision. */
  readonly decision: Uint8Array;
  /** Set for rejected MQLs only (code -1 otherwise, or when no reason was given). */
  readonly rejectionReason: CodedColumn;
  readonly firstDecidedMs: Float64Array;
  /** A decision was logged without decided_at. */
  readonly untimedDecision: Uint8Array;
  readonly firstContactMs: Float64Array;
  readonly sqlMs: Float64Array;
  readonly opportunityMs: Float64Array;
  /** Sum of opportunity_amount over the handoff's disposition rows that record an opportunity. */
  readonly opportunityAmount: Float64Array;
  readonly won: Uint8Array;
  /** An opportunity exists but neither closed_at nor won is recorded yet. */
  readonly openOpportunity: Uint8Array;
}

/**
 * The joining rule as CTEs: h (handoffs numbered per lead by seq), agg (each handoff's dispositions
 * folded). Exported so the forecast's later conversions (forecast/later-conversions.ts) read exactly
 * what the observed metrics count.
 */
export const LINKED_HANDOFFS_SQL = `
WITH h AS (
  -- hid, did: the tables' rowids, stable integer identities (cheaper to group and join on than lead_id + seq)
  SELECT rowid AS hid, lead_id, mql_at, assigned_at, score_at_mql, tier, assigned_rep_id, "trigger",
         row_number() OVER (PARTITION BY lead_id ORDER BY mql_at, assigned_at NULLS LAST,
                            assigned_rep_id NULLS LAST, tier NULLS LAST, score_at_mql NULLS LAST) AS seq
  FROM handoffs
  WHERE lead_id IS NOT NULL AND mql_at IS NOT NULL
),
d AS (
  SELECT rowid AS did, lead_id, decided_at, first_contact_at, sql_at, opportunity_at, closed_at, won,
         CASE WHEN opportunity_at IS NOT NULL THEN opportunity_amount END AS opportunity_amount,
         nullif(trim(rejection_reason), '') AS rejection_reason,
         CASE WHEN nullif(trim(decision), '') IS NULL THEN 0 WHEN lower(trim(decision)) = 'accepted' THEN 1
              WHEN lower(trim(decision)) = 'rejected' THEN 2 ELSE 3 END AS code,
         least(decided_at, first_contact_at, sql_at, opportunity_at, closed_at) AS ev
  FROM dispositions
  WHERE lead_id IS NOT NULL
),
link AS (
  -- eligible handoffs score +seq (latest wins); with none eligible, -seq picks the first
  SELECT d.did, arg_max(h.hid, CASE WHEN d.ev IS NOT NULL AND h.mql_at <= d.ev THEN h.seq ELSE -h.seq END) AS hid
  FROM d JOIN h USING (lead_id)
  GROUP BY d.did
),
dk AS (
  -- order of decisions: decided_at (none = oldest), at the same instant accepted > rejected > other;
  -- an integer key keeps the aggregate cheap
  SELECT d.*, link.hid, coalesce(epoch_ms(d.decided_at), -100000000000000) * 4 + (4 - d.code) AS dkey
  FROM d JOIN link USING (did)
),
agg AS (
  SELECT hid,
         arg_max(code, dkey) FILTER (WHERE code > 0) AS decision,
         arg_max(rejection_reason, (dkey, rejection_reason)) FILTER (WHERE code = 2) AS rejection_reason,
         min(decided_at) FILTER (WHERE code > 0) AS first_decided_at,
         bool_or(code > 0 AND decided_at IS NULL) AS untimed_decision,
         min(first_contact_at) AS first_contact_at,
         min(sql_at) AS sql_at,
         min(opportunity_at) AS opportunity_at,
         sum(opportunity_amount) AS opportunity_amount,
         bool_or(won) AS won,
         bool_or(opportunity_at IS NOT NULL) AND NOT bool_or(closed_at IS NOT NULL OR won IS NOT NULL) AS open_opportunity
  FROM dk
  GROUP BY hid
)`;

const BASE_SQL = `${LINKED_HANDOFFS_SQL}
SELECT epoch_ms(h.mql_at)::DOUBLE, epoch_ms(coalesce(h.assigned_at, h.mql_at))::DOUBLE, h.score_at_mql::DOUBLE,
       (coalesce(dt.i, 0) - 1)::INTEGER, (coalesce(dr.i, 0) - 1)::INTEGER, (coalesce(ds.i, 0) - 1)::INTEGER,
       -- small per-MQL codes packed into one column (fewer vectors to read): see unpackFlags
       (coalesce(a.decision, 0) + 4 * coalesce(a.untimed_decision, false)::INTEGER
          + 8 * coalesce(a.won, false)::INTEGER + 16 * coalesce(a.open_opportunity, false)::INTEGER)::INTEGER,
       CASE WHEN a.decision = 2 THEN coalesce(dj.i, 0) - 1 ELSE -1 END::INTEGER,
       epoch_ms(a.first_decided_at)::DOUBLE, epoch_ms(a.first_contact_at)::DOUBLE, epoch_ms(a.sql_at)::DOUBLE,
       epoch_ms(a.opportunity_at)::DOUBLE, coalesce(a.opportunity_amount, 0)::DOUBLE
FROM h
LEFT JOIN agg a USING (hid)
LEFT JOIN (SELECT lead_id, min(source) AS source FROM leads GROUP BY lead_id) l USING (lead_id)
LEFT JOIN (SELECT rep_id, min(segment) AS segment FROM reps GROUP BY rep_id) r ON r.rep_id = h.assigned_rep_id
LEFT JOIN (SELECT unnest(vals) AS v, generate_subscripts(vals, 1) AS i FROM (SELECT from_json($1, '["VARCHAR"]') AS vals)) dt ON dt.v = h.tier
LEFT JOIN (SELECT unnest(vals) AS v, generate_subscripts(vals, 1) AS i FROM (SELECT from_json($2, '["VARCHAR"]') AS vals)) dr ON dr.v = h.assigned_rep_id
LEFT JOIN (SELECT unnest(vals) AS v, generate_subscripts(vals, 1) AS i FROM (SELECT from_json($3, '["VARCHAR"]') AS vals)) ds ON ds.v = l.source
LEFT JOIN (SELECT unnest(vals) AS v, generate_subscripts(vals, 1) AS i FROM (SELECT from_json($4, '["VARCHAR"]') AS vals)) dj ON dj.v = a.rejection_reason`;

/** The distinct values of the coded columns, fetched first and bound into the main query. */
const DICTIONARY_SQL = `SELECT
  (SELECT list(DISTINCT tier) FROM handoffs WHERE tier IS NOT NULL) AS tiers,
  (SELECT list(DISTINCT assigned_rep_id) FROM handoffs WHERE assigned_rep_id IS NOT NULL) AS reps,
  (SELECT list(DISTINCT source) FROM leads WHERE source IS NOT NULL) AS sources,
  (SELECT list(DISTINCT trim(rejection_reason)) FROM dispositions WHERE nullif(trim(rejection_reason), '') IS NOT NULL) AS reasons`;

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Filter values match the segment keys, so "(none)" selects a missing source or tier. */
const FILTER_SQL: Readonly<Record<keyof FactFilters, string>> = {
  source: `coalesce(l.source, '(none)')`,
  tier: `coalesce(h.tier, '(none)')`,
  segment: `coalesce(r.segment, '(none)')`,
  rep: `coalesce(h.assigned_rep_id, '(unassigned)')`,
};

export async function fetchHandoffFacts(ws: Workspace, q: FactQuery): Promise<HandoffFacts> {
  // The WHERE clause is assembled from the constant fragments above; every value is bound.
  const dict = (await ws.connection.runAndReadAll(DICTIONARY_SQL)).getRowObjectsJS()[0] ?? {};
  const tiers = stringList(dict.tiers);
  const reps = stringList(dict.reps);
  const sources = stringList(dict.sources);
  const reasons = stringList(dict.reasons);
  // Bound as JSON text: DuckDB cannot bind an empty list parameter.
  const values: DuckDBValue[] = [JSON.stringify(tiers), JSON.stringify(reps), JSON.stringify(sources), JSON.stringify(reasons)];
  const types: Record<string, DuckDBType> = { '1': VARCHAR, '2': VARCHAR, '3': VARCHAR, '4': VARCHAR };
  const where: string[] = [];
  const bind = (value: DuckDBValue, type: DuckDBType): string => {
    values.push(value);
    types[String(values.length)] = type;
    return `$${values.length}`;
  };
  // Window dates become instants of local midnight in the workspace zone: same as comparing local dates.
  if (q.from) where.push(`epoch_ms(h.mql_at) >= ${bind(localDayStartMs(q.from, q.timezone), DOUBLE)}`);
  if (q.to) where.push(`epoch_ms(h.mql_at) < ${bind(localDayEndMs(q.to, q.timezone), DOUBLE)}`);
  for (const key of Object.keys(FILTER_SQL) as (keyof FactFilters)[]) {
    const list = q.filters?.[key];
    if (list && list.length > 0) where.push(`list_contains(${bind(listValue([...list]), LIST(VARCHAR))}, ${FILTER_SQL[key]})`);
  }
  const sql = `${BASE_SQL}${where.length > 0 ? `\nWHERE ${where.join(' AND ')}` : ''}`;
  const chunks = await (await ws.connection.run(sql, values, types)).fetchAllChunks();
  const cols = new ChunkColumns(chunks);
  const mqlMs = cols.numbers(0);
  return {
    length: mqlMs.length,
    mqlMs,
    assignedMs: cols.numbers(1),
    score: cols.numbers(2),
    tier: { codes: cols.ints(3), values: tiers },
    rep: { codes: cols.ints(4), values: reps },
    source: { codes: cols.ints(5), values: sources },
    week: weekColumn(mqlMs, q.timezone),
    ...unpackFlags(cols.ints(6)),
    rejectionReason: { codes: cols.ints(7), values: reasons },
    firstDecidedMs: cols.numbers(8),
    firstContactMs: cols.numbers(9),
    sqlMs: cols.numbers(10),
    opportunityMs: cols.numbers(11),
    opportunityAmount: cols.numbers(12),
  };
}

/** bits 0-1 decision code, 2 untimed decision, 3 won, 4 open opportunity */
function unpackFlags(packed: Int32Array): Pick<HandoffFacts, 'decision' | 'untimedDecision' | 'won' | 'openOpportunity'> {
  const n = packed.length;
  const decision = new Uint8Array(n);
  const untimedDecision = new Uint8Array(n);
  const won = new Uint8Array(n);
  const openOpportunity = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = packed[i]!;
    decision[i] = p & 3;
    untimedDecision[i] = (p >> 2) & 1;
    won[i] = (p >> 3) & 1;
    openOpportunity[i] = (p >> 4) & 1;
  }
  return { decision, untimedDecision, won, openOpportunity };
}

/** Week of each MQL as a code into the sorted list of week-start dates. */
function weekColumn(mqlMs: Float64Array, timezone: string): CodedColumn {
  const n = mqlMs.length;
  const codes = new Int32Array(n);
  if (n === 0) return { codes, values: [] };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (mqlMs[i]! < lo) lo = mqlMs[i]!;
    if (mqlMs[i]! > hi) hi = mqlMs[i]!;
  }
  const days = new LocalDays(timezone, lo, hi);
  const values = days.weekStartsInOrder();
  const index = new Map(values.map((w, i) => [w, i]));
  for (let i = 0; i < n; i++) codes[i] = index.get(days.weekOf(mqlMs[i]!)) ?? -1;
  return { codes, values };
}

/** Reads result columns straight from the chunk vectors into typed arrays (no row objects). */
class ChunkColumns {
  private readonly total: number;
  constructor(private readonly chunks: readonly DuckDBDataChunk[]) {
    this.total = chunks.reduce((s, c) => s + c.rowCount, 0);
  }

  /** DOUBLE column; NULL becomes NaN. */
  numbers(col: number): Float64Array {
    const out = new Float64Array(this.total);
    let k = 0;
    for (const chunk of this.chunks) {
      const v = chunk.getColumnVector(col);
      for (let i = 0; i < chunk.rowCount; i++) {
        const x = v.getItem(i);
        out[k++] = typeof x === 'number' ? x : NaN;
      }
    }
    return out;
  }

  /** INTEGER column; NULL becomes -1. */
  ints(col: number): Int32Array {
    const out = new Int32Array(this.total);
    let k = 0;
    for (const chunk of this.chunks) {
      const v = chunk.getColumnVector(col);
      for (let i = 0; i < chunk.rowCount; i++) {
        const x = v.getItem(i);
        out[k++] = typeof x === 'number' ? x : -1;
      }
    }
    return out;
  }
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
