// The canonical tables and their columns (DATA_CONTRACT section 1) as the
// mapping step shows them. The renderer may not import engine internals, so
// this is a copy of engine/workspace/tables.ts (names, labels, required marks);
// tests/renderer/import-model.test.ts fails when the two drift apart.
import type { EngineResults } from '../../engine/api/contract';

export type TableName = NonNullable<EngineResults['previewFile']['suggestedTable']>;

export interface CanonicalColumn {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
}

export interface CanonicalTable {
  readonly name: TableName;
  readonly label: string;
  /** Whether an import needs this table at all. */
  readonly required: boolean;
  readonly columns: readonly CanonicalColumn[];
}

const c = (name: string, label: string, required = false): CanonicalColumn => ({ name, label, required });

export const IMPORT_TABLES: Readonly<Record<TableName, CanonicalTable>> = {
  leads: {
    name: 'leads',
    label: 'Leads',
    required: true,
    columns: [
      c('lead_id', 'lead id', true),
      c('created_at', 'created date', true),
      c('email', 'email'),
      c('first_name', 'first name'),
      c('last_name', 'last name'),
      c('company', 'company'),
      c('account_id', 'account id'),
      c('company_size', 'company size (employees)'),
      c('industry', 'industry'),
      c('region', 'region'),
      c('title', 'job title'),
      c('seniority', 'seniority'),
      c('source', 'lead source'),
      c('campaign', 'campaign'),
    ],
  },
  activities: {
    name: 'activities',
    label: 'Activities',
    required: false,
    columns: [c('lead_id', 'lead id', true), c('occurred_at', 'activity time', true), c('activity_type', 'activity type', true), c('detail', 'detail')],
  },
  handoffs: {
    name: 'handoffs',
    label: 'Handoffs',
    required: true,
    columns: [
      c('lead_id', 'lead id', true),
      c('mql_at', 'MQL time', true),
      c('trigger', 'MQL trigger'),
      c('score_at_mql', 'score at MQL'),
      c('tier', 'tier'),
      c('assigned_rep_id', 'assigned rep'),
      c('assigned_at', 'assigned time'),
      c('routing_rule', 'routing rule'),
    ],
  },
  dispositions: {
    name: 'dispositions',
    label: 'Dispositions',
    required: true,
    columns: [
      c('lead_id', 'lead id', true),
      c('rep_id', 'deciding rep'),
      c('decision', 'decision'),
      c('decided_at', 'decision time'),
      c('rejection_reason', 'rejection reason'),
      c('first_contact_at', 'first contact time'),
      c('first_contact_channel', 'first contact channel'),
      c('first_contact_outcome', 'first contact outcome'),
      c('contact_attempts', 'contact attempts'),
      c('sql_at', 'SQL time'),
      c('opportunity_at', 'opportunity time'),
      c('opportunity_amount', 'opportunity amount'),
      c('closed_at', 'closed time'),
      c('won', 'won'),
    ],
  },
  reps: {
    name: 'reps',
    label: 'Reps',
    required: false,
    columns: [
      c('rep_id', 'rep id', true),
      c('name', 'rep name'),
      c('region', 'regions served'),
      c('segment', 'segment'),
      c('timezone', 'time zone'),
      c('work_start', 'work start (HH:MM)'),
      c('work_end', 'work end (HH:MM)'),
      c('daily_capacity', 'daily capacity'),
      c('active_from', 'active from'),
      c('active_to', 'active to'),
    ],
  },
};

export const IMPORT_TABLE_NAMES: readonly TableName[] = ['leads', 'activities', 'handoffs', 'dispositions', 'reps'];
