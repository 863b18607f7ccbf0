import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../engine/import/importer';
import { scenarioSchema, scoringModelSchema } from '../../engine/scenario/schema';
import { openWorkspace } from '../../engine/workspace/database';
import { TABLES, TABLE_NAMES } from '../../engine/workspace/tables';
import { scratchDir } from '../support/tmp';
import { makeSample, openDuck, readCsvSql, readJson, rows } from './support';
import type { DuckDBConnection } from '@duckdb/node-api';

const SHIPPED = join(__dirname, '../../sample-data/shipped');

describe('generated files follow the data contract', () => {
  const dir = makeSample({ seed: 3 });
  let conn: DuckDBConnection;
  let close: () => void;
  beforeAll(async () => ({ conn, close } = await openDuck()));
  afterAll(() => close());

  it('has exactly the canonical header in every table file', () => {
    for (const t of TABLE_NAMES) {
      const firstLine = readFileSync(join(dir, `${t}.csv`), 'utf8').split('\n', 1)[0];
      expect(firstLine, t).toBe(TABLES[t].columns.map((c) => c.name).join(','));
    }
  });

  it('loads every file with read_csv and the canonical types, every row, required columns filled', async () => {
    for (const t of TABLE_NAMES) {
      const path = join(dir, `${t}.csv`);
      const lines = readFileSync(path, 'utf8').split('\n').length - 2;
      const required = TABLES[t].columns.filter((c) => c.required).map((c) => `count(${c.name})`).join(' + ');
      const [r] = await rows(conn, `SELECT count(*)::INTEGER AS n, (${required})::INTEGER AS filled FROM ${readCsvSql(path, t)}`);
      // Titles may hold quoted commas but never newlines, so lines = rows.
      expect(r?.n, t).toBe(lines);
      expect(r?.filled, t).toBe(lines * TABLES[t].columns.filter((c) => c.required).length);
    }
    const [ids] = await rows(conn, `SELECT count(DISTINCT lead_id)::INTEGER AS d, count(*)::INTEGER AS n FROM ${readCsvSql(join(dir, 'leads.csv'), 'leads')}`);
    expect(ids?.d).toBe(ids?.n);
    const [orphans] = await rows(conn, `SELECT count(*)::INTEGER AS n FROM ${readCsvSql(join(dir, 'handoffs.csv'), 'handoffs')} h
      ANTI JOIN ${readCsvSql(join(dir, 'leads.csv'), 'leads')} l USING (lead_id)`);
    expect(orphans?.n).toBe(0);
    const [span] = await rows(conn, `SELECT min(occurred_at)::VARCHAR AS lo, max(occurred_at)::VARCHAR AS hi FROM ${readCsvSql(join(dir, 'activities.csv'), 'activities')}`);
    expect(String(span?.lo) >= '2025-01-01').toBe(true);
    expect(String(span?.hi) < '2026-01-01').toBe(true);
  });

  it('writes scenario files and scoring_model.json that the scenario schema accepts', () => {
    const model = scoringModelSchema.safeParse(readJson(join(dir, 'scoring_model.json')));
    expect(model.success, JSON.stringify(model.error?.issues)).toBe(true);
    const files = readdirSync(join(dir, 'scenarios'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const f of files) {
      const s = scenarioSchema.safeParse(readJson(join(dir, 'scenarios', f)));
      expect(s.success, `${f}: ${JSON.stringify(s.error?.issues)}`).toBe(true);
    }
  });

  it('imports through the engine importer', async () => {
    const ws = await openWorkspace(join(scratchDir('hl-sample-ws-'), 'w.duckdb'));
    try {
      await importDirectory(ws, dir);
      const [r] = await rows(ws.connection, `SELECT (SELECT count(*) FROM leads)::INTEGER AS leads, (SELECT count(*) FROM handoffs)::INTEGER AS handoffs`);
      const truth = readJson(join(dir, 'truth.json')) as { generator: { leads: number; handoffs: number } };
      expect(r?.leads).toBe(truth.generator.leads);
      expect(r?.handoffs).toBe(truth.generator.handoffs);
    } finally {
      ws.close();
    }
  });

  it('ships a small gzipped sample that loads and imports as is', async () => {
    expect(existsSync(join(SHIPPED, 'truth.json'))).toBe(true);
    let total = 0;
    for (const f of readdirSync(SHIPPED)) total += statSync(join(SHIPPED, f)).isFile() ? statSync(join(SHIPPED, f)).size : 0;
    expect(total).toBeLessThan(5 * 1024 * 1024);
    for (const t of TABLE_NAMES) {
      const [r] = await rows(conn, `SELECT count(*)::INTEGER AS n FROM ${readCsvSql(join(SHIPPED, `${t}.csv.gz`), t)}`);
      expect(r?.n, t).toBeGreaterThan(0);
    }
    const ws = await openWorkspace(join(scratchDir('hl-shipped-ws-'), 'w.duckdb'));
    try {
      await importDirectory(ws, SHIPPED);
      const [r] = await rows(ws.connection, `SELECT count(*)::INTEGER AS n FROM handoffs`);
      expect(r?.n).toBe((readJson(join(SHIPPED, 'truth.json')) as { generator: { handoffs: number } }).generator.handoffs);
    } finally {
      ws.close();
    }
  });
});
