// The workspace's own schema: versioned and migrated forward, one step per version.
import { DUCKDB_TYPE, TABLE_NAMES, TABLES } from './tables';

export const SCHEMA_VERSION = 1;

function createTableSql(name: (typeof TABLE_NAMES)[number]): string {
  const cols = TABLES[name].columns.map((col) => `"${col.name}" ${DUCKDB_TYPE[col.kind]}`);
  return `CREATE TABLE IF NOT EXISTS ${name} (${cols.join(', ')})`;
}

/** migrations[v] takes a workspace from version v to v + 1. */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    ...TABLE_NAMES.map(createTableSql),
    `CREATE TABLE IF NOT EXISTS hl_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
    `CREATE TABLE IF NOT EXISTS hl_mappings (table_name VARCHAR, source_header VARCHAR, canonical VARCHAR, PRIMARY KEY (table_name, source_header))`,
    `CREATE TABLE IF NOT EXISTS hl_scenarios (name VARCHAR PRIMARY KEY, body VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS hl_imports (imported_at TIMESTAMPTZ NOT NULL, summary VARCHAR NOT NULL)`,
  ],
];
