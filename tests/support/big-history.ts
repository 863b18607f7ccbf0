// A large, valid history written by DuckDB itself (COPY from range()), big
// enough that importing it takes seconds: the crash and concurrency tests kill
// or race an import while it is really working.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface BigHistoryCounts {
  readonly leads: number;
  readonly activities: number;
  readonly handoffs: number;
  readonly dispositions: number;
}

/** leads.csv, activities.csv, handoffs.csv, dispositions.csv in dir; every 3rd lead is an MQL. */
export async function writeBigHistory(dir: string, leads: number, activitiesPerLead: number): Promise<BigHistoryCounts> {
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await instance.connect();
  const q = (name: string): string => `'${join(dir, name).replaceAll("'", "''")}'`;
  try {
    await c.run(`COPY (SELECT 'L' || i AS lead_id, TIMESTAMP '2025-01-01' + to_minutes(i % 500000) AS created_at,
      'p' || i || '@corp' || (i % 97) || '.com' AS email, 'Co ' || (i % 1000) AS company, (i % 5000)::INTEGER AS company_size,
      ['organic','paid_search','event','referral'][1 + i % 4] AS source FROM range(${leads}) t(i)) TO ${q('leads.csv')} (HEADER)`);
    await c.run(`COPY (SELECT 'L' || (i // ${activitiesPerLead}) AS lead_id, TIMESTAMP '2025-01-01' + to_minutes((i // ${activitiesPerLead}) % 500000 + i % ${activitiesPerLead}) AS occurred_at,
      ['email_open','web_visit','pricing_page_view','demo_request'][1 + i % 4] AS activity_type, 'page ' || (i % 37) AS detail
      FROM range(${leads * activitiesPerLead}) t(i)) TO ${q('activities.csv')} (HEADER)`);
    await c.run(`COPY (SELECT 'L' || i AS lead_id, TIMESTAMP '2025-01-01' + to_minutes(i % 500000 + 60) AS mql_at, 'score_threshold' AS trigger,
      (50 + i % 50)::DOUBLE AS score_at_mql, ['A','B','C'][1 + i % 3] AS tier, 'R' || (i % 20) AS assigned_rep_id FROM range(0, ${leads}, 3) t(i)) TO ${q('handoffs.csv')} (HEADER)`);
    await c.run(`COPY (SELECT 'L' || i AS lead_id, 'R' || (i % 20) AS rep_id, CASE WHEN i % 2 = 0 THEN 'accepted' ELSE 'rejected' END AS decision,
      TIMESTAMP '2025-01-01' + to_minutes(i % 500000 + 120) AS first_contact_at, (1 + i % 4)::INTEGER AS contact_attempts FROM range(0, ${leads}, 3) t(i)) TO ${q('dispositions.csv')} (HEADER)`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  const mqls = Math.ceil(leads / 3);
  return { leads, activities: leads * activitiesPerLead, handoffs: mqls, dispositions: mqls };
}
