import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDirectory } from '../../engine/import/importer';
import { dataCapabilities } from '../../engine/quality/capabilities';
import { qualityReport } from '../../engine/quality/report';
import { openWorkspace } from '../../engine/workspace/database';
import { writeHistory } from '../support/history-files';
import { scratchDir } from '../support/tmp';

// Eight leads built so every count below can be checked by eye.
const LEADS = [
  'lead_id,created_at,email,first_name,last_name,company,company_size',
  'L1,2025-01-01,ann@acme.com,Ann,Lee,Acme,50',
  'L2,2025-01-02,bob@gmail.com,Bob,Stone,Beta,200', // free mail
  'L3,2025-01-03,ANN@Acme.com,Ann,Lee,Acme,', // repeats L1 by email and by name+company; no size
  'L4,2025-01-04,,Carl,Diaz,"Foo, Inc.",', // no email; no size
  'L5,2025-01-05,c.diaz@foo.com,carl,diaz,Foo Inc,30', // repeats L4 by name+company (punctuation ignored)
  'L6,2025-01-06,eve@yahoo.com,Eve,,,', // free mail; no last name, no company, no size
  'L7,2025-01-07,frank@outlook.com,Frank,Ma,Gamma,10', // free mail
  'L8,2025-01-08,not-an-email,Gina,Ho,Delta,20', // not an address: outside the free-mail base
].join('\n');
const HANDOFFS = ['lead_id,mql_at,trigger,score_at_mql,assigned_rep_id', 'L1,2025-01-10,score_threshold,70,R1', 'L2,2025-01-10,,65,R2', 'L3,2025-01-10,manual,,R1', 'L5,2025-01-10, ,,'].join('\n');
const DISPOSITIONS = ['lead_id,decision,rejection_reason,first_contact_at', 'L1,accepted,,2025-01-10 12:00', 'L2,rejected,not_icp,', 'L3,Rejected,,', 'L5,rejected, ,'].join('\n');

describe('data-quality report', () => {
  const dir = scratchDir('hl-quality-');

  it('counts free mail, gaps, probable duplicates, missing triggers and reasons', async () => {
    const ws = await openWorkspace(join(dir, 'q.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'q'), { 'leads.csv': LEADS, 'handoffs.csv': HANDOFFS, 'dispositions.csv': DISPOSITIONS }));
    const r = await qualityReport(ws);
    expect([r.leads, r.handoffs, r.dispositions]).toEqual([8, 4, 4]);
    expect(r.freeEmail).toEqual({ count: 3, base: 6, share: 0.5 });
    expect(r.missingEmail).toEqual({ count: 1, base: 8, share: 0.125 });
    expect(r.missingName).toEqual({ count: 1, base: 8, share: 0.125 });
    expect(r.missingCompany).toEqual({ count: 1, base: 8, share: 0.125 });
    expect(r.missingCompanySize).toEqual({ count: 3, base: 8, share: 0.375 });
    expect(r.probableDuplicates).toEqual({ count: 2, base: 8, share: 0.25, sameEmail: 1, sameNameAndCompany: 2 });
    expect(r.handoffsWithoutTrigger).toEqual({ count: 2, base: 4, share: 0.5 });
    expect(r.rejectedWithoutReason).toEqual({ count: 2, base: 3, share: 2 / 3 });
    expect(r.notes[0]).toBe('3 of 6 email addresses (50.0%) are free-mail (gmail.com, outlook.com, ...), not business addresses.');
    expect(r.notes).toContain('2 leads (25.0%) look like repeats of an earlier lead: 1 by email, 2 by name and company.');
    expect(r.notes).toContain('2 of 3 rejections (66.7%) give no reason, which hides why sales turns leads down.');
    ws.close();
  });

  it('says what an empty workspace lacks instead of failing', async () => {
    const ws = await openWorkspace(join(dir, 'empty.duckdb'));
    const r = await qualityReport(ws);
    expect(r.freeEmail).toEqual({ count: 0, base: 0, share: null });
    expect(r.notes).toEqual(['No leads are loaded yet: import a history to see its data quality.']);
    const caps = await dataCapabilities(ws);
    expect(caps.capabilities.map((c) => [c.key, c.available, c.source])).toEqual([
      ['full_replay', false, 'none'],
      ['threshold_only', false, 'none'],
      ['capacity', false, 'none'],
      ['baseline_policy', true, 'inferred'],
      ['first_contact', false, 'none'],
      ['outcomes', false, 'none'],
    ]);
    ws.close();
  });
});

describe('data capabilities', () => {
  const dir = scratchDir('hl-capabilities-');

  it('minimal history: threshold-only, reps inferred from handoffs, baseline inferred', async () => {
    const ws = await openWorkspace(join(dir, 'min.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'min'), { 'leads.csv': LEADS, 'handoffs.csv': HANDOFFS, 'dispositions.csv': DISPOSITIONS }));
    const caps = await dataCapabilities(ws);
    expect([caps.fullReplay, caps.thresholdOnly, caps.repsTable, caps.scoringModel]).toEqual([false, true, false, false]);
    const sentence = (k: string): string | undefined => caps.capabilities.find((c) => c.key === k)?.sentence;
    expect(sentence('full_replay')).toBe('No activities are loaded, so new scoring weights cannot be replayed: only the MQL threshold, SLAs and capacity can be changed.');
    expect(sentence('threshold_only')).toBe('2 of 4 handoffs carry the score at MQL, so threshold and SLA what-ifs work without re-scoring.');
    expect(sentence('capacity')).toBe('No reps table: 2 reps are inferred from the handoffs\' assigned reps, working 09:00-17:00 Monday to Friday in the workspace time zone, with capacity taken from their past daily load.');
    expect(sentence('first_contact')).toBe('1 of 4 dispositions log a first contact, so speed-to-lead, SLA compliance and black holes can be measured.');
    expect(caps.capabilities.find((c) => c.key === 'baseline_policy')?.source).toBe('inferred');
    expect(caps.capabilities.find((c) => c.key === 'outcomes')?.available).toBe(false);
    ws.close();
  });

  it('full history: replay, reps table and scoring model', async () => {
    const ws = await openWorkspace(join(dir, 'full.duckdb'));
    await importDirectory(ws, writeHistory(join(dir, 'full'), {
      'activities.csv': 'lead_id,occurred_at,activity_type\nL1,2025-01-02,web_visit\nL1,2025-01-03,demo_request\nL2,2025-01-03,email_open\n',
      'reps.csv': 'rep_id,name\nR1,Rita\nR2,Raj\nR3,Ola\n',
      'scoring_model.json': '{"mql": {"threshold": 60}}',
    }));
    const caps = await dataCapabilities(ws);
    expect([caps.fullReplay, caps.thresholdOnly, caps.repsTable, caps.scoringModel]).toEqual([true, true, true, true]);
    expect(caps.capabilities[0]!.sentence).toBe('3 activities for 2 leads are loaded, so every lead can be re-scored under new scoring weights and the whole funnel replayed.');
    expect(caps.capabilities[2]!.sentence).toBe('A reps table with 3 reps gives working hours, time zones and capacity for the queue simulation.');
    expect(caps.capabilities.find((c) => c.key === 'outcomes')?.sentence).toBe('2 dispositions record an SQL, opportunity or win, so conversion beyond acceptance can be forecast.');
    ws.close();
  });
});
