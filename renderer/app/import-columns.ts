// The canonical tables and their columns (DATA_CONTRACT section 1) as the
// mapping step shows them: the engine's own definitions, plus a display name per table.
import { TABLE_NAMES, TABLES, type TableName } from '../../engine/api/contract';

export type { TableName };

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

const TABLE_LABELS: Readonly<Record<TableName, string>> = {
  leads: 'Leads',
  activities: 'Activities',
  handoffs: 'Handoffs',
  dispositions: 'Dispositions',
  reps: 'Reps',
};

function canonical(name: TableName): CanonicalTable {
  const table = TABLES[name];
  return {
    name,
    label: TABLE_LABELS[name],
    required: table.required,
    columns: table.columns.map(({ name: column, label, required }) => ({ name: column, label, required })),
  };
}

export const IMPORT_TABLES: Readonly<Record<TableName, CanonicalTable>> = {
  leads: canonical('leads'),
  activities: canonical('activities'),
  handoffs: canonical('handoffs'),
  dispositions: canonical('dispositions'),
  reps: canonical('reps'),
};

export const IMPORT_TABLE_NAMES: readonly TableName[] = TABLE_NAMES;
