// Loads the workspace into typed arrays once (see types.ts). Sorting and
// grouping happen in SQL, so JS makes one pass over each result. Column and
// table names in the SQL below are our own constants, never user input.
//
// Time values: TIMESTAMPTZ -> epoch_ms(...) (BIGINT) -> ::DOUBLE in SQL. That
// cast is exact for any instant within 285,000 years of 1970 (|ms| < 2^53).
// company_size and contact_attempts (BIGINT) are cast to DOUBLE the same way:
// head counts and attempt counts are far below 2^53.
import type { DuckDBConnection } from '@duckdb/node-api';
import { isFreeEmail } from '../scoring/free-email';
import { getWorkspaceTimezone } from '../workspace/settings';
import type { Workspace } from '../workspace/database';
import {
  EMAIL_FREE,
  EMAIL_MISSING,
  EMAIL_OTHER,
  LEAD_STRING_FIELDS,
  type ActivityColumns,
  type CodedColumn,
  type DispositionColumns,
  type HandoffColumns,
  type LeadColumns,
  type LeadStringField,
  type WorkspaceColumns,
} from './types';
import { ColumnReadError, DictionaryBuilder, readColumns, readCount, type ColumnSink } from './vectors';

/** Activity types are stored as Uint16 codes. */
const MAX_ACTIVITY_TYPES = 65535;

const ms = (expr: string) => `(epoch_ms(${expr}))::DOUBLE`;
const clean = (expr: string) => `nullif(trim(${expr}), '')`;

/** Which table a load is reading, with the share of the load done before it (by typical cost at 1M leads). */
export type LoadProgress = (fraction: number, table: 'leads' | 'activities' | 'handoffs' | 'dispositions') => void;

export async function loadColumns(ws: Workspace, onProgress?: LoadProgress): Promise<WorkspaceColumns> {
  const started = performance.now();
  // A connection of our own: its temp tables vanish when it closes, and the
  // workspace's main connection stays free for other work meanwhile.
  const conn = await ws.instance.connect();
  try {
    const timezone = await getWorkspaceTimezone(ws);
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE hl_li AS
         SELECT lead_id, rid, (row_number() OVER (ORDER BY lead_id) - 1)::INTEGER AS idx
           FROM (SELECT lead_id, min(rowid) AS rid FROM leads WHERE lead_id IS NOT NULL GROUP BY lead_id)`,
    );
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = now - mark;
      mark = now;
    };
    phase('lead index');
    onProgress?.(0, 'leads');
    const leads = await loadLeads(conn);
    phase('leads');
    onProgress?.(0.55, 'activities');
    const activities = await loadActivities(conn, leads.n);
    phase('activities');
    onProgress?.(0.8, 'handoffs');
    const handoffs = await loadHandoffs(conn, leads.n);
    phase('handoffs');
    onProgress?.(0.87, 'dispositions');
    const dispositions = await loadDispositions(conn, leads.n);
    phase('dispositions');
    return {
      leads,
      activities,
      handoffs,
      dispositions,
      timezone,
      loadMs: performance.now() - started,
      loadPhases: phases,
    };
  } finally {
    conn.closeSync();
  }
}

/**
 * Builds temp table hl_d_<name>(v, code) of the distinct non-empty values of
 * `expr` over `from`, codes in sorted order, and returns the values.
 */
async function buildDictionary(conn: DuckDBConnection, name: string, from: string, expr: string): Promise<string[]> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE hl_d_${name} AS
       SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code
         FROM (SELECT DISTINCT ${expr} AS v FROM ${from}) WHERE v IS NOT NULL`,
  );
  const n = await readCount(conn, `SELECT count(*)::INTEGER FROM hl_d_${name}`);
  const values: (string | null)[] = new Array<string | null>(n).fill(null);
  await readColumns(conn, `SELECT v FROM hl_d_${name} ORDER BY code`, [], [{ kind: 'str', out: values }], n);
  return values.map((v) => v ?? '');
}

async function loadLeads(conn: DuckDBConnection): Promise<LeadColumns> {
  const n = await readCount(conn, `SELECT count(*)::INTEGER FROM hl_li`);
  const ids: (string | null)[] = new Array<string | null>(n).fill(null);
  const createdAt = new Float64Array(n);
  const companySize = new Float64Array(n);
  const codes = {} as Record<LeadStringField, Int32Array>;
  const builders = {} as Record<LeadStringField, DictionaryBuilder>;
  const sinks: ColumnSink[] = [
    { kind: 'str', out: ids },
    { kind: 'f64', out: createdAt },
    { kind: 'f64', out: companySize },
  ];
  const selects = ['li.lead_id', ms('l.created_at'), 'l.company_size::DOUBLE'];
  // Dictionaries are built in JS while reading: one scan of leads, no per-column sort or join in SQL.
  for (const f of LEAD_STRING_FIELDS) {
    codes[f] = new Int32Array(n);
    builders[f] = new DictionaryBuilder();
    sinks.push({ kind: 'dict', out: codes[f], dict: builders[f] });
    selects.push(clean(`l."${f}"`));
  }
  const read = await readColumns(
    conn,
    `SELECT ${selects.join(', ')} FROM hl_li li JOIN leads l ON l.rowid = li.rid ORDER BY li.idx`,
    [],
    sinks,
    n,
  );
  if (read !== n) throw new ColumnReadError(`leads: read ${read} rows, expected ${n}`);
  const dicts = {} as Record<LeadStringField, string[]>;
  for (const f of LEAD_STRING_FIELDS) dicts[f] = builders[f].values;

  const strings = {} as Record<LeadStringField, CodedColumn>;
  for (const f of LEAD_STRING_FIELDS) strings[f] = { codes: codes[f], values: dicts[f] };

  // Classify each distinct address once, then spread to leads.
  const emailValues = dicts.email;
  const kindByCode = new Uint8Array(emailValues.length);
  emailValues.forEach((e, k) => (kindByCode[k] = isFreeEmail(e) ? EMAIL_FREE : EMAIL_OTHER));
  const emailKind = new Uint8Array(n);
  const emailCodes = codes.email;
  for (let i = 0; i < n; i++) {
    const c = emailCodes[i] ?? -1;
    emailKind[i] = c < 0 ? EMAIL_MISSING : (kindByCode[c] ?? EMAIL_OTHER);
  }
  return { n, ids: ids.map((s) => s ?? ''), createdAt, companySize, strings, emailKind };
}

async function loadActivities(conn: DuckDBConnection, nLeads: number): Promise<ActivityColumns> {
  const types = await buildDictionary(conn, 'act_type', 'activities', `lower(${clean('activity_type')})`);
  if (types.length > MAX_ACTIVITY_TYPES) {
    throw new ColumnReadError(`activities: ${types.length} distinct activity types; at most ${MAX_ACTIVITY_TYPES} are supported`);
  }
  const total = await readCount(conn, `SELECT count(*)::INTEGER FROM activities`);
  const from = `FROM activities a JOIN hl_li li ON li.lead_id = a.lead_id
                JOIN hl_d_act_type dt ON dt.v = lower(${clean('a.activity_type')})
               WHERE a.occurred_at IS NOT NULL`;
  const n = await readCount(conn, `SELECT count(*)::INTEGER ${from}`);
  const leadIdx = new Int32Array(n);
  const time = new Float64Array(n);
  const typeCode = new Uint16Array(n);
  // Ties in occurred_at keep file order: rowid follows insertion order, and the importer inserts rows in file order.
  const read = await readColumns(
    conn,
    `SELECT li.idx, ${ms('a.occurred_at')}, dt.code ${from} ORDER BY li.idx, a.occurred_at, a.rowid`,
    [],
    [
      { kind: 'i32', out: leadIdx, nullAs: -1 },
      { kind: 'f64', out: time },
      { kind: 'u16', out: typeCode },
    ],
    n,
  );
  if (read !== n) throw new ColumnReadError(`activities: read ${read} rows, expected ${n}`);
  const leadOffsets = new Int32Array(nLeads + 1);
  for (let j = 0; j < n; j++) leadOffsets[(leadIdx[j] ?? 0) + 1]++;
  for (let i = 0; i < nLeads; i++) leadOffsets[i + 1] = (leadOffsets[i + 1] ?? 0) + (leadOffsets[i] ?? 0);
  return { n, leadOffsets, time, typeCode, types, dropped: total - n };
}

/** Reads a per-lead query (one row per lead, column 0 = lead index) and scatters each column into per-lead arrays. */
async function scatterPerLead(
  conn: DuckDBConnection,
  sql: string,
  nLeads: number,
  columns: readonly ScatterColumn[],
): Promise<number> {
  const rows = await readCount(conn, `SELECT count(*)::INTEGER FROM (${sql})`);
  const idx = new Int32Array(rows);
  const temps = columns.map((c) => (c.kind === 'f64' ? new Float64Array(rows) : new Int32Array(rows)));
  const sinks: ColumnSink[] = [{ kind: 'i32', out: idx, nullAs: -1 }];
  temps.forEach((t) => sinks.push(t instanceof Float64Array ? { kind: 'f64', out: t } : { kind: 'i32', out: t, nullAs: -1 }));
  const read = await readColumns(conn, sql, [], sinks, rows);
  for (let r = 0; r < read; r++) {
    const i = idx[r] ?? -1;
    if (i < 0 || i >= nLeads) continue;
    columns.forEach((c, k) => {
      const t = temps[k];
      if (t) c.out[i] = t[r] ?? 0;
    });
  }
  return read;
}

type ScatterColumn =
  | { readonly kind: 'f64'; readonly out: Float64Array }
  | { readonly kind: 'i32'; readonly out: Int32Array | Uint8Array | Int8Array };

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}
function coded(n: number, values: string[]): CodedColumn {
  return { codes: new Int32Array(n).fill(-1), values };
}

async function loadHandoffs(conn: DuckDBConnection, nLeads: number): Promise<HandoffColumns> {
  const tier = coded(nLeads, await buildDictionary(conn, 'h_tier', 'handoffs', clean('tier')));
  const rep = coded(nLeads, await buildDictionary(conn, 'h_rep', 'handoffs', clean('assigned_rep_id')));
  const rule = coded(nLeads, await buildDictionary(conn, 'h_rule', 'handoffs', clean('routing_rule')));
  const count = new Int32Array(nLeads);
  const mqlAt = nanArray(nLeads);
  const trigger = new Uint8Array(nLeads);
  const scoreAtMql = nanArray(nLeads);
  const assignedAt = nanArray(nLeads);
  const total = await readCount(conn, `SELECT count(*)::INTEGER FROM handoffs`);
  const sql = `
    WITH h AS (
      SELECT *, row_number() OVER (PARTITION BY lead_id ORDER BY mql_at NULLS LAST, rowid) AS rn,
             count(*) OVER (PARTITION BY lead_id) AS cnt
        FROM handoffs)
    SELECT li.idx, h.cnt::INTEGER, ${ms('h.mql_at')},
           CASE lower(${clean('h."trigger"')}) WHEN 'score_threshold' THEN 1 WHEN 'high_intent' THEN 2 WHEN 'manual' THEN 3
                ELSE CASE WHEN ${clean('h."trigger"')} IS NULL THEN 0 ELSE 4 END END::INTEGER,
           h.score_at_mql::DOUBLE, coalesce(dt.code, -1), coalesce(dr.code, -1), ${ms('h.assigned_at')}, coalesce(du.code, -1)
      FROM h JOIN hl_li li ON li.lead_id = h.lead_id
      LEFT JOIN hl_d_h_tier dt ON dt.v = ${clean('h.tier')}
      LEFT JOIN hl_d_h_rep dr ON dr.v = ${clean('h.assigned_rep_id')}
      LEFT JOIN hl_d_h_rule du ON du.v = ${clean('h.routing_rule')}
     WHERE h.rn = 1`;
  await scatterPerLead(conn, sql, nLeads, [
    { kind: 'i32', out: count },
    { kind: 'f64', out: mqlAt },
    { kind: 'i32', out: trigger },
    { kind: 'f64', out: scoreAtMql },
    { kind: 'i32', out: tier.codes },
    { kind: 'i32', out: rep.codes },
    { kind: 'f64', out: assignedAt },
    { kind: 'i32', out: rule.codes },
  ]);
  let loaded = 0;
  for (let i = 0; i < nLeads; i++) loaded += count[i] ?? 0;
  return { count, mqlAt, trigger, scoreAtMql, tier, assignedRep: rep, assignedAt, routingRule: rule, dropped: total - loaded };
}

async function loadDispositions(conn: DuckDBConnection, nLeads: number): Promise<DispositionColumns> {
  const rep = coded(nLeads, await buildDictionary(conn, 'd_rep', 'dispositions', clean('rep_id')));
  const reason = coded(nLeads, await buildDictionary(conn, 'd_reason', 'dispositions', clean('rejection_reason')));
  const channel = coded(nLeads, await buildDictionary(conn, 'd_channel', 'dispositions', clean('first_contact_channel')));
  const outcome = coded(nLeads, await buildDictionary(conn, 'd_outcome', 'dispositions', clean('first_contact_outcome')));
  const count = new Int32Array(nLeads);
  const decision = new Uint8Array(nLeads);
  const won = new Int8Array(nLeads).fill(-1);
  const [decidedAt, firstContactAt, contactAttempts, sqlAt, opportunityAt, opportunityAmount, closedAt] = Array.from({ length: 7 }, () => nanArray(nLeads)) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  const total = await readCount(conn, `SELECT count(*)::INTEGER FROM dispositions`);
  const sql = `
    WITH d AS (
      SELECT *, row_number() OVER (PARTITION BY lead_id ORDER BY rowid) AS rn, count(*) OVER (PARTITION BY lead_id) AS cnt
        FROM dispositions)
    SELECT li.idx, d.cnt::INTEGER, coalesce(dr.code, -1),
           CASE lower(${clean('d.decision')}) WHEN 'accepted' THEN 1 WHEN 'rejected' THEN 2 WHEN 'deferred' THEN 3
                ELSE CASE WHEN ${clean('d.decision')} IS NULL THEN 0 ELSE 4 END END::INTEGER,
           ${ms('d.decided_at')}, coalesce(dn.code, -1), ${ms('d.first_contact_at')}, coalesce(dc.code, -1), coalesce(do_.code, -1),
           d.contact_attempts::DOUBLE, ${ms('d.sql_at')}, ${ms('d.opportunity_at')}, d.opportunity_amount::DOUBLE, ${ms('d.closed_at')},
           CASE WHEN d.won IS NULL THEN -1 WHEN d.won THEN 1 ELSE 0 END::INTEGER
      FROM d JOIN hl_li li ON li.lead_id = d.lead_id
      LEFT JOIN hl_d_d_rep dr ON dr.v = ${clean('d.rep_id')}
      LEFT JOIN hl_d_d_reason dn ON dn.v = ${clean('d.rejection_reason')}
      LEFT JOIN hl_d_d_channel dc ON dc.v = ${clean('d.first_contact_channel')}
      LEFT JOIN hl_d_d_outcome do_ ON do_.v = ${clean('d.first_contact_outcome')}
     WHERE d.rn = 1`;
  await scatterPerLead(conn, sql, nLeads, [
    { kind: 'i32', out: count },
    { kind: 'i32', out: rep.codes },
    { kind: 'i32', out: decision },
    { kind: 'f64', out: decidedAt },
    { kind: 'i32', out: reason.codes },
    { kind: 'f64', out: firstContactAt },
    { kind: 'i32', out: channel.codes },
    { kind: 'i32', out: outcome.codes },
    { kind: 'f64', out: contactAttempts },
    { kind: 'f64', out: sqlAt },
    { kind: 'f64', out: opportunityAt },
    { kind: 'f64', out: opportunityAmount },
    { kind: 'f64', out: closedAt },
    { kind: 'i32', out: won },
  ]);
  let loaded = 0;
  for (let i = 0; i < nLeads; i++) loaded += count[i] ?? 0;
  return {
    count, rep, decision, decidedAt, rejectionReason: reason, firstContactAt, firstContactChannel: channel, firstContactOutcome: outcome,
    contactAttempts, sqlAt, opportunityAt, opportunityAmount, closedAt, won, dropped: total - loaded,
  };
}
