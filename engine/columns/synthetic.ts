// Synthetic leads/activities/handoffs generated inside DuckDB with range(),
// for measuring the loader and the kernel at scale (not a realistic world:
// see sample-data/ for that). Deterministic: hash-based, no RNG state.
import type { Workspace } from '../workspace/database';

export const SYNTHETIC_TYPES = [
  'email_open', 'email_click', 'web_visit', 'pricing_page_view', 'content_download',
  'webinar_registered', 'webinar_attended', 'demo_request', 'pricing_request', 'contact_form',
] as const;

/** Fills leads, activities and handoffs with nLeads leads and about nLeads * activitiesPerLead activities. */
export async function fillSynthetic(ws: Workspace, nLeads: number, activitiesPerLead: number): Promise<void> {
  const c = ws.connection;
  const types = SYNTHETIC_TYPES.map((t) => `'${t}'`).join(', ');
  await c.run(
    `INSERT INTO leads (lead_id, created_at, email, company, company_size, seniority, source, region)
     SELECT 'L' || lpad(i::VARCHAR, 8, '0'),
            TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds((hash(i, 1) % 31536000)::BIGINT),
            CASE hash(i, 2) % 10 WHEN 0 THEN NULL WHEN 1 THEN 'p' || i || '@gmail.com' ELSE 'p' || i || '@corp' || (i % 5000) || '.com' END,
            CASE WHEN hash(i, 3) % 8 = 0 THEN NULL ELSE 'Company ' || (i % 20000) END,
            CASE WHEN hash(i, 4) % 7 = 0 THEN NULL ELSE (hash(i, 5) % 5000)::BIGINT END,
            (['ic', 'manager', 'director', 'vp', 'c_level'])[1 + (hash(i, 6) % 5)::INTEGER],
            (['organic', 'paid_search', 'event', 'partner'])[1 + (hash(i, 7) % 4)::INTEGER],
            (['emea', 'na', 'apac'])[1 + (hash(i, 8) % 3)::INTEGER]
       FROM range($1::BIGINT) t(i)`,
    [nLeads],
  );
  await c.run(
    `INSERT INTO activities (lead_id, occurred_at, activity_type)
     SELECT 'L' || lpad((j // $2)::VARCHAR, 8, '0'),
            TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds((hash(j // $2, 1) % 31536000 + hash(j, 9) % 15552000)::BIGINT),
            ([${types}])[1 + (CASE WHEN hash(j, 10) % 100 < 97 THEN hash(j, 11) % 7 ELSE 7 + hash(j, 12) % 3 END)::INTEGER]
       FROM range($1::BIGINT) t(j)`,
    [nLeads * activitiesPerLead, activitiesPerLead],
  );
}
