// The canonical input tables of DATA_CONTRACT section 1, as data: the importer,
// the mapping suggester, the metrics and the sample generator all read this one list.

export type ColumnKind = 'string' | 'timestamp' | 'integer' | 'number' | 'boolean' | 'date' | 'clock';

export interface ColumnDef {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Plain-words meaning, shown in the mapping screen and in error messages. */
  readonly label: string;
}

export type TableName = 'leads' | 'activities' | 'handoffs' | 'dispositions' | 'reps';

export interface TableDef {
  readonly name: TableName;
  /** Whether an import needs this table at all. */
  readonly required: boolean;
  readonly columns: readonly ColumnDef[];
}

const c = (name: string, kind: ColumnKind, required: boolean, label: string): ColumnDef => ({ name, kind, required, label });

export const TABLES: Readonly<Record<TableName, TableDef>> = {
  leads: {
    name: 'leads',
    required: true,
    columns: [
      c('lead_id', 'string', true, 'lead id'),
      c('created_at', 'timestamp', true, 'created date'),
      c('email', 'string', false, 'email'),
      c('first_name', 'string', false, 'first name'),
      c('last_name', 'string', false, 'last name'),
      c('company', 'string', false, 'company'),
      c('account_id', 'string', false, 'account id'),
      c('company_size', 'integer', false, 'company size (employees)'),
      c('industry', 'string', false, 'industry'),
      c('region', 'string', false, 'region'),
      c('title', 'string', false, 'job title'),
      c('seniority', 'string', false, 'seniority'),
      c('source', 'string', false, 'lead source'),
      c('campaign', 'string', false, 'campaign'),
    ],
  },
  activities: {
    name: 'activities',
    required: false,
    columns: [
      c('lead_id', 'string', true, 'lead id'),
      c('occurred_at', 'timestamp', true, 'activity time'),
      c('activity_type', 'string', true, 'activity type'),
      c('detail', 'string', false, 'detail'),
    ],
  },
  handoffs: {
    name: 'handoffs',
    required: true,
    columns: [
      c('lead_id', 'string', true, 'lead id'),
      c('mql_at', 'timestamp', true, 'MQL time'),
      c('trigger', 'string', false, 'MQL trigger'),
      c('score_at_mql', 'number', false, 'score at MQL'),
      c('tier', 'string', false, 'tier'),
      c('assigned_rep_id', 'string', false, 'assigned rep'),
      c('assigned_at', 'timestamp', false, 'assigned time'),
      c('routing_rule', 'string', false, 'routing rule'),
    ],
  },
  dispositions: {
    name: 'dispositions',
    required: true,
    columns: [
      c('lead_id', 'string', true, 'lead id'),
      c('rep_id', 'string', false, 'deciding rep'),
      c('decision', 'string', false, 'decision'),
      c('decided_at', 'timestamp', false, 'decision time'),
      c('rejection_reason', 'string', false, 'rejection reason'),
      c('first_contact_at', 'timestamp', false, 'first contact time'),
      c('first_contact_channel', 'string', false, 'first contact channel'),
      c('first_contact_outcome', 'string', false, 'first contact outcome'),
      c('contact_attempts', 'integer', false, 'contact attempts'),
      c('sql_at', 'timestamp', false, 'SQL time'),
      c('opportunity_at', 'timestamp', false, 'opportunity time'),
      c('opportunity_amount', 'number', false, 'opportunity amount'),
      c('closed_at', 'timestamp', false, 'closed time'),
      c('won', 'boolean', false, 'won'),
    ],
  },
  reps: {
    name: 'reps',
    required: false,
    columns: [
      c('rep_id', 'string', true, 'rep id'),
      c('name', 'string', false, 'rep name'),
      c('region', 'string', false, 'regions served'),
      c('segment', 'string', false, 'segment'),
      c('timezone', 'string', false, 'time zone'),
      c('work_start', 'clock', false, 'work start (HH:MM)'),
      c('work_end', 'clock', false, 'work end (HH:MM)'),
      c('daily_capacity', 'integer', false, 'daily capacity'),
      c('active_from', 'date', false, 'active from'),
      c('active_to', 'date', false, 'active to'),
    ],
  },
};

export const TABLE_NAMES: readonly TableName[] = ['leads', 'activities', 'handoffs', 'dispositions', 'reps'];

/** DuckDB storage type of each kind. Timestamps are stored as instants (TIMESTAMPTZ). */
export const DUCKDB_TYPE: Readonly<Record<ColumnKind, string>> = {
  string: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  clock: 'VARCHAR',
};
