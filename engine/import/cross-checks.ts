// Checks across the staged tables: duplicate ids, rows for unknown leads, events
// out of order. What makes the history wrong is fatal; what only makes it
// partial is a counted warning, and the rows are kept.
//
// Fatal: duplicate lead_id in leads, duplicate rep_id in reps, handoffs or
//   dispositions whose lead is not in leads, a leads file without rows.
// Warning: activities for unknown leads (they never score anyone), first contact
//   before the lead's first MQL, MQL before the lead was created, dispositions
//   for a lead that was never handed off, handoffs to a rep missing from reps,
//   an empty handoffs or dispositions table, a negative opportunity amount (a credit
//   note or a sign error: kept as written, it lowers the pipeline total).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableName } from '../workspace/tables';
import { MAX_ISSUES_PER_FILE, plural, type ImportIssue, type ImportWarning } from './errors';
import { stageTableName, withMoreCount } from './stage';

export interface CrossCheckResult {
  readonly issues: readonly ImportIssue[];
  readonly warnings: readonly ImportWarning[];
}

interface Found {
  readonly total: number;
  readonly rows: readonly { row: number; value: string }[];
}

async function find(connection: DuckDBConnection, sql: string): Promise<Found> {
  // sql selects (r, v) rows; the window count gives the total without a second pass.
  const rows = (
    await connection.runAndReadAll(`SELECT r, v, count(*) OVER () AS total FROM (${sql}) ORDER BY r LIMIT ${MAX_ISSUES_PER_FILE}`)
  ).getRowObjectsJS();
  return {
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
    rows: rows.map((r) => ({ row: Number(r.r), value: r.v === null ? '' : String(r.v) })),
  };
}

/**
 * Rows after the first occurrence of an id. A hash count per id answers the
 * usual case (no duplicates) in a fraction of the window's sort; the window
 * runs only when there is something to list.
 */
async function findDuplicates(connection: DuckDBConnection, table: string, column: 'lead_id' | 'rep_id'): Promise<Found> {
  const any = (
    await connection.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${table} GROUP BY ${column} HAVING count(*) > 1) AS d`)
  ).getRowObjectsJS()[0]?.d;
  if (any !== true) return { total: 0, rows: [] };
  return find(
    connection,
    `SELECT rowid + 1 AS r, ${column} AS v FROM (SELECT rowid, ${column}, row_number() OVER (PARTITION BY ${column} ORDER BY rowid) AS k FROM ${table}) WHERE k > 1`,
  );
}

export async function crossCheck(
  connection: DuckDBConnection,
  labels: ReadonlyMap<TableName, string>,
  rowCounts: ReadonlyMap<TableName, number>,
): Promise<CrossCheckResult> {
  const issues: ImportIssue[] = [];
  const warnings: ImportWarning[] = [];
  const S = stageTableName;
  const label = (t: TableName): string => labels.get(t) ?? `${t} table`;
  const leadsFile = label('leads');

  const fatal = (table: TableName, column: string, field: string, found: Found, text: (v: string) => string): void => {
    const list: ImportIssue[] = found.rows.map(({ row, value }) => ({
      file: label(table),
      row,
      rowKind: 'data_row',
      column,
      field,
      value,
      message: `${label(table)}, data row ${row}: ${text(value)}`,
    }));
    issues.push(...withMoreCount(list, found.total, label(table), 'rows'));
  };
  const warn = (table: TableName, code: string, found: Found, summary: string, text: (v: string) => string, field?: string): void => {
    if (found.total === 0) return;
    warnings.push({
      file: label(table),
      code,
      count: found.total,
      message: `${label(table)}: ${summary}`,
      examples: found.rows.map(({ row, value }) => ({
        file: label(table),
        row,
        rowKind: 'data_row',
        ...(field ? { field } : {}),
        value,
        message: `${label(table)}, data row ${row}: ${text(value)}`,
      })),
    });
  };

  if ((rowCounts.get('leads') ?? 0) === 0) {
    issues.push({ file: leadsFile, message: `${leadsFile} has a header but no data rows. Export the leads again; the import needs at least one lead.` });
  }
  for (const t of ['handoffs', 'dispositions'] as const) {
    if (labels.has(t) && (rowCounts.get(t) ?? 0) === 0) {
      warnings.push({ file: label(t), code: `${t}_empty`, count: 0, message: `${label(t)} has no data rows, so no ${t === 'handoffs' ? 'MQLs' : 'sales decisions'} are known.`, examples: [] });
    }
  }

  // Duplicate ids: every row after the first occurrence of an id is listed.
  const dupLeads = await findDuplicates(connection, S('leads'), 'lead_id');
  fatal('leads', 'lead_id', 'lead_id', dupLeads, (v) => `lead id "${v}" appears more than once. Each lead must have one row: remove or merge the duplicates.`);

  if (labels.has('reps')) {
    const dupReps = await findDuplicates(connection, S('reps'), 'rep_id');
    fatal('reps', 'rep_id', 'rep_id', dupReps, (v) => `rep id "${v}" appears more than once. Each rep must have one row.`);
  }

  // With no leads every handoff would be "unknown": the empty file is the one problem to report.
  for (const t of (rowCounts.get('leads') ?? 0) === 0 ? [] : (['handoffs', 'dispositions'] as const)) {
    const unknown = await find(
      connection,
      `SELECT s.rowid + 1 AS r, s.lead_id AS v FROM ${S(t)} s ANTI JOIN ${S('leads')} l ON s.lead_id = l.lead_id`,
    );
    fatal(t, 'lead_id', 'lead_id', unknown, (v) => `lead id "${v}" is not in ${leadsFile}. Every ${t === 'handoffs' ? 'handoff' : 'disposition'} must belong to a known lead: add the lead to ${leadsFile} or remove this row.`);
  }

  const orphanActivities = await find(
    connection,
    `SELECT a.rowid + 1 AS r, a.lead_id AS v FROM ${S('activities')} a ANTI JOIN ${S('leads')} l ON a.lead_id = l.lead_id`,
  );
  warn('activities', 'activities_unknown_lead', orphanActivities,
    `${plural(orphanActivities.total, 'activity', 'activities')} belong to leads that are not in ${leadsFile}; they are kept but never count towards a score.`,
    (v) => `lead id "${v}" is not in ${leadsFile}.`, 'lead_id');

  const contactBeforeMql = await find(
    connection,
    `SELECT d.rowid + 1 AS r, d.lead_id AS v FROM ${S('dispositions')} d
     JOIN (SELECT lead_id, min(mql_at) AS first_mql FROM ${S('handoffs')} GROUP BY lead_id) h ON d.lead_id = h.lead_id
     WHERE d.first_contact_at < h.first_mql`,
  );
  warn('dispositions', 'first_contact_before_mql', contactBeforeMql,
    `${plural(contactBeforeMql.total, 'row has', 'rows have')} a first contact before the lead's first MQL (events out of order). They are kept; check the time zone or the date columns.`,
    (v) => `lead "${v}" was first contacted before it became an MQL.`, 'first_contact_at');

  const mqlBeforeCreated = await find(
    connection,
    `SELECT h.rowid + 1 AS r, h.lead_id AS v FROM ${S('handoffs')} h JOIN ${S('leads')} l ON h.lead_id = l.lead_id WHERE h.mql_at < l.created_at`,
  );
  warn('handoffs', 'mql_before_created', mqlBeforeCreated,
    `${plural(mqlBeforeCreated.total, 'handoff is', 'handoffs are')} dated before the lead was created (events out of order). They are kept.`,
    (v) => `lead "${v}" became an MQL before its created date.`, 'mql_at');

  const notHandedOff = await find(
    connection,
    `SELECT d.rowid + 1 AS r, d.lead_id AS v FROM ${S('dispositions')} d ANTI JOIN ${S('handoffs')} h ON d.lead_id = h.lead_id`,
  );
  warn('dispositions', 'disposition_without_handoff', notHandedOff,
    `${plural(notHandedOff.total, 'disposition is', 'dispositions are')} for leads that were never handed off; they do not count in MQL metrics.`,
    (v) => `lead "${v}" has no row in ${label('handoffs')}.`, 'lead_id');

  if ((rowCounts.get('reps') ?? 0) > 0) {
    const unknownRep = await find(
      connection,
      `SELECT h.rowid + 1 AS r, h.assigned_rep_id AS v FROM ${S('handoffs')} h WHERE h.assigned_rep_id IS NOT NULL
       AND h.assigned_rep_id NOT IN (SELECT rep_id FROM ${S('reps')})`,
    );
    warn('handoffs', 'unknown_rep', unknownRep,
      `${plural(unknownRep.total, 'handoff goes', 'handoffs go')} to a rep who is not in ${label('reps')}; default working hours are assumed for them.`,
      (v) => `rep "${v}" is not in ${label('reps')}.`, 'assigned_rep_id');
  }
  const negativeAmount = await find(
    connection,
    `SELECT rowid + 1 AS r, CAST(opportunity_amount AS VARCHAR) AS v FROM ${S('dispositions')} WHERE opportunity_amount < 0`,
  );
  warn('dispositions', 'negative_opportunity_amount', negativeAmount,
    `${plural(negativeAmount.total, 'row has a', 'rows have a')} negative opportunity amount. They are kept as written and lower the pipeline total; check for credit notes or a sign error.`,
    (v) => `opportunity amount ${v} is below zero.`, 'opportunity_amount');
  return { issues, warnings };
}
