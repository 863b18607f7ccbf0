// Real public datasets in ../shared/data/external, imported through their
// adapters. Each block passes over (with a message) when its folder is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDataset } from '../../engine/import/adapters/dataset-adapter';
import { mavenCrmSalesOpportunities } from '../../engine/import/adapters/maven-crm-sales-opportunities';
import { olistMarketingFunnel } from '../../engine/import/adapters/olist-marketing-funnel';
import { xEducationLeadScoring } from '../../engine/import/adapters/x-education-lead-scoring';
import { previewFile } from '../../engine/import/preview';
import { dataCapabilities } from '../../engine/quality/capabilities';
import { openWorkspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';
import { rows } from '../support/workspace-snapshot';

const EXTERNAL = resolve(__dirname, '../..', '../shared/data/external');

function folder(name: string): { dir: string; present: boolean } {
  const dir = join(EXTERNAL, name);
  const present = existsSync(dir);
  if (!present) console.log(`External dataset ${name} is absent (${dir}); its tests pass over.`);
  return { dir, present };
}

const counts = async (ws: Awaited<ReturnType<typeof openWorkspace>>): Promise<Record<string, unknown>> =>
  (await rows(ws, `SELECT (SELECT count(*) FROM leads)::INTEGER AS leads, (SELECT count(*) FROM handoffs)::INTEGER AS handoffs,
     (SELECT count(*) FROM dispositions)::INTEGER AS dispositions, (SELECT count(*) FROM reps)::INTEGER AS reps, (SELECT count(*) FROM activities)::INTEGER AS activities`))[0]!;

describe('external dataset: Olist marketing funnel', () => {
  const { dir, present } = folder('olist-marketing-funnel');
  const scratch = scratchDir('hl-ext-olist-');

  it.skipIf(!present)('imports 8,000 MQLs with 842 won deals and says what is missing', async () => {
    const ws = await openWorkspace(join(scratch, 'olist.duckdb'));
    const s = await importDataset(ws, olistMarketingFunnel, dir);
    expect(await counts(ws)).toEqual({ leads: 8000, handoffs: 8000, dispositions: 8000, reps: 32, activities: 0 });
    expect(await rows(ws, `SELECT won, count(*)::INTEGER AS n FROM dispositions GROUP BY 1 ORDER BY 1 NULLS LAST`)).toEqual([
      { won: true, n: 842 },
      { won: null, n: 7158 },
    ]);
    // origin: 60 empty values become NULL, "unknown" stays a value (1,099).
    expect(await rows(ws, `SELECT count(*) FILTER (WHERE source IS NULL)::INTEGER AS empty, count(*) FILTER (WHERE source = 'unknown')::INTEGER AS unknown FROM leads`)).toEqual([{ empty: 60, unknown: 1099 }]);
    expect(s.missing[0]).toBe('Only won deals are recorded (842 of 8,000 MQLs): a lead without a deal is "not won (yet)", not lost, and there are no SQL or opportunity dates or amounts.');
    expect(s.missing.length).toBe(6);
    const caps = await dataCapabilities(ws);
    expect([caps.fullReplay, caps.thresholdOnly]).toEqual([false, false]);
    ws.close();
  });
});

describe('external dataset: Maven CRM sales opportunities', () => {
  const { dir, present } = folder('maven-crm-sales-opportunities');
  const scratch = scratchDir('hl-ext-maven-');

  it.skipIf(!present)('imports the 8,300 engaged opportunities, 35 reps, won/lost outcomes', async () => {
    const ws = await openWorkspace(join(scratch, 'maven.duckdb'));
    const s = await importDataset(ws, mavenCrmSalesOpportunities, dir);
    expect(await counts(ws)).toEqual({ leads: 8300, handoffs: 8300, dispositions: 8300, reps: 35, activities: 0 });
    expect(await rows(ws, `SELECT won, count(*)::INTEGER AS n FROM dispositions GROUP BY 1 ORDER BY 1 NULLS LAST`)).toEqual([
      { won: false, n: 2473 },
      { won: true, n: 4238 },
      { won: null, n: 1589 },
    ]);
    // First row of sales_pipeline.csv (1C1I7A6R, Cancity, Won, 2016-10-20 -> 2017-03-01, 1054) joined to accounts.csv (Cancity, retail, 2448 employees).
    expect(await rows(ws, `SELECT l.company, l.industry, l.company_size, d.opportunity_amount, strftime(d.closed_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS closed
      FROM leads l JOIN dispositions d USING (lead_id) WHERE lead_id = '1C1I7A6R'`)).toEqual([
      { company: 'Cancity', industry: 'retail', company_size: 2448n, opportunity_amount: 1054, closed: '2017-03-01' },
    ]);
    expect(s.missing).toContain('500 Prospecting opportunities have no engage date and are left out.');
    expect(s.missing).toContain('1,088 open opportunities have no account, so their company, size and industry are missing.');
    expect(s.warnings).toEqual([]);
    ws.close();
  });

  it.skipIf(!present)('sales_teams.csv maps onto reps by header synonyms alone', async () => {
    const p = await previewFile(join(dir, 'sales_teams.csv'));
    expect(p.suggestedTable).toBe('reps');
    expect(p.mapping?.mapping).toEqual({ rep_id: 'sales_agent', region: 'regional_office' });
    expect(p.rows[0]).toEqual(['Anna Snelling', 'Dustin Brinkmann', 'Central']);
  });
});

describe('external dataset: X Education lead scoring', () => {
  const { dir, present } = folder('x-education-lead-scoring');
  const scratch = scratchDir('hl-ext-xed-');

  it.skipIf(!present)('imports 9,240 leads with Converted as the outcome and a stated placeholder date', async () => {
    const ws = await openWorkspace(join(scratch, 'xed.duckdb'));
    const started = performance.now();
    const s = await importDataset(ws, xEducationLeadScoring, dir);
    const ms = performance.now() - started;
    console.log(`X Education Leads.csv (2.36 MB, 9,240 rows x 37 columns): adapter import ${ms.toFixed(0)} ms (reported ${s.durationMs} ms)`);
    expect(await counts(ws)).toEqual({ leads: 9240, handoffs: 9240, dispositions: 9240, reps: 0, activities: 0 });
    // Converted: 3,561 yes, 5,679 no. Rejected = not converted with a reason-naming tag, summed by hand from the Tags counts: 1,573.
    expect(await rows(ws, `SELECT decision, count(*)::INTEGER AS n FROM dispositions GROUP BY 1 ORDER BY 1 NULLS LAST`)).toEqual([
      { decision: 'accepted', n: 3561 },
      { decision: 'rejected', n: 1573 },
      { decision: null, n: 4106 },
    ]);
    expect(await rows(ws, `SELECT count(*)::INTEGER AS n FROM dispositions WHERE won`)).toEqual([{ n: 3561 }]);
    expect(await rows(ws, `SELECT count(DISTINCT created_at)::INTEGER AS n FROM leads`)).toEqual([{ n: 1 }]);
    // "google" and "Google" merge; 36 empty sources stay empty.
    expect(await rows(ws, `SELECT count(*) FILTER (WHERE source IS NULL)::INTEGER AS empty, count(*) FILTER (WHERE source = 'Google')::INTEGER AS upper FROM leads`)).toEqual([{ empty: 36, upper: 0 }]);
    expect(s.missing[0]).toMatch(/^No timestamps at all: every lead, handoff and outcome is dated 2019-12-30/);
    ws.close();
  });
});
