// Small generated worlds for the sample-data tests, and a DuckDB helper to read them back.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUCKDB_TYPE, TABLES } from '../../engine/workspace/tables';
import type { TableName } from '../../engine/workspace/tables';
import { generateSample } from '../../sample-data/world/sample';
import { scratchDir } from '../support/tmp';

export const TEST_LEADS = 4000;

export function makeSample(opts: { seed?: number; leads?: number; draws?: number; policyChange?: boolean; gzip?: boolean } = {}): string {
  const out = scratchDir('hl-sample-');
  generateSample({
    out, seed: opts.seed ?? 7, leads: opts.leads ?? TEST_LEADS, draws: opts.draws ?? 2,
    policyChange: opts.policyChange ?? false, gzip: opts.gzip ?? false,
  });
  return out;
}

export type Json = Record<string, unknown>;
export const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

export interface TruthMetrics {
  readonly mql_count: number;
  readonly acceptance_rate: number;
  readonly rejection_rate: number;
  readonly black_hole_rate: number;
  readonly sla_compliance_rate: number;
  readonly median_hours_to_first_contact: number;
  readonly p90_hours_to_first_contact: number;
  readonly sql_rate: number;
  readonly opportunity_rate: number;
  readonly won_count: number;
  readonly pipeline_amount: number;
  readonly data_completion_count: number;
}

export interface Truth {
  readonly observed: TruthMetrics;
  readonly history_uncensored: TruthMetrics;
  readonly baseline: { file: string; metrics: TruthMetrics };
  readonly scenarios: readonly { file: string; name: string; metrics: TruthMetrics }[];
  readonly policy_change: Json | null;
}

export const readTruth = (dir: string): Truth => readJson(join(dir, 'truth.json')) as unknown as Truth;

export function scenarioTruth(t: Truth, file: string): TruthMetrics {
  const s = t.scenarios.find((x) => x.file === `scenarios/${file}`);
  if (!s) throw new Error(`no truth for ${file}`);
  return s.metrics;
}

export async function openDuck(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  return { conn, close: () => { conn.closeSync(); instance.closeSync(); } };
}

/** read_csv with the canonical column types of engine/workspace/tables.ts, no type sniffing. */
export function readCsvSql(path: string, table: TableName): string {
  const cols = TABLES[table].columns.map((c) => `'${c.name}': '${DUCKDB_TYPE[c.kind]}'`).join(', ');
  return `read_csv('${path.replace(/'/g, "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${cols}})`;
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
