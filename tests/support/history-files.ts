// A small, valid lead-handoff history written as files by the test itself.
// Each test changes one file to break exactly one thing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LEADS_CSV = [
  'lead_id,created_at,email,first_name,last_name,company,company_size,source',
  'L1,2025-01-02 10:00,ann@acme.com,Ann,Lee,Acme,50,organic',
  'L2,2025-01-03T10:00:00+02:00,bob@gmail.com,Bob,Stone,Beta,200,paid_search',
  'L3,2025-01-04,cat@corp.io,Cat,Ng,Corp,,event',
].join('\n');

export const HANDOFFS_CSV = [
  'lead_id,mql_at,trigger,score_at_mql,tier,assigned_rep_id',
  'L1,2025-01-05 09:00,score_threshold,72,B,R1',
  'L2,2025-01-06 09:00,high_intent,55.5,A,R2',
].join('\n');

export const DISPOSITIONS_CSV = [
  'lead_id,rep_id,decision,rejection_reason,first_contact_at,contact_attempts,won',
  'L1,R1,accepted,,2025-01-05 10:30,2,true',
  'L2,R2,rejected,not_icp,2025-01-06 11:00,1,false',
].join('\n');

/** Write the valid history (CSV, comma) into dir, with some files replaced. */
export function writeHistory(dir: string, replace: Readonly<Record<string, string | Buffer | null>> = {}): string {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string | Buffer | null> = {
    'leads.csv': LEADS_CSV,
    'handoffs.csv': HANDOFFS_CSV,
    'dispositions.csv': DISPOSITIONS_CSV,
    ...replace,
  };
  for (const [name, body] of Object.entries(files)) if (body !== null) writeFileSync(join(dir, name), body);
  return dir;
}
