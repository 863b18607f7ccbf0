import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import {
  DECISION_NONE, DECISION_REJECTED, EMAIL_FREE, EMAIL_MISSING, EMAIL_OTHER,
  TRIGGER_HIGH_INTENT, TRIGGER_NONE, type WorkspaceColumns,
} from '../../engine/columns/types';
import { Replayer } from '../../engine/replay/score';
import { loadBaseline } from '../../engine/scenario/baseline';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

const ms = (iso: string) => Date.parse(iso);

describe('loading the workspace into columns', () => {
  const dir = scratchDir();
  let ws: Workspace;
  let cols: WorkspaceColumns;

  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'cols.duckdb'));
    const c = ws.connection;
    await c.run(`INSERT INTO hl_meta VALUES ('timezone', 'Europe/Berlin')`);
    // Inserted out of lead_id order: the lead index follows lead_id.
    await c.run(`INSERT INTO leads (lead_id, created_at, email, company, company_size, seniority, region) VALUES
      ('b', '2025-01-02 00:00:00+00', 'x@gmail.com', ' Acme ', 50, 'VP', NULL),
      ('a', '2025-01-01 12:30:00.250+00', 'y@acme.com', 'Acme', NULL, '  ', 'emea'),
      ('c', '2025-01-03 00:00:00+00', NULL, NULL, 9007199254740000, NULL, 'na')`);
    await c.run(`INSERT INTO activities (lead_id, occurred_at, activity_type) VALUES
      ('b', '2025-02-01 10:00:00+00', 'web_visit'),
      ('a', '2025-02-03 10:00:00+00', 'Email_Open'),
      ('b', '2025-01-31 10:00:00+00', 'email_open'),
      ('b', '2025-02-01 10:00:00+00', 'demo_request'),
      ('zz', '2025-02-01 10:00:00+00', 'web_visit'),
      ('a', '2025-02-02 10:00:00+00', 'web_visit')`);
    await c.run(`INSERT INTO handoffs (lead_id, mql_at, "trigger", score_at_mql, tier) VALUES
      ('b', '2025-03-01 00:00:00+00', 'manual', NULL, 'B'),
      ('b', '2025-02-01 10:00:00+00', ' High_Intent ', 12.5, 'A'),
      ('c', '2025-02-05 00:00:00+00', NULL, 70, NULL),
      ('nobody', '2025-02-05 00:00:00+00', NULL, 70, NULL)`);
    await c.run(`INSERT INTO dispositions (lead_id, decision, first_contact_at, contact_attempts, won) VALUES
      ('b', 'rejected', '2025-02-01 11:00:00+00', 3, false),
      ('b', 'accepted', NULL, NULL, true),
      ('c', NULL, NULL, NULL, NULL)`);
    cols = await loadColumns(ws);
  });
  afterAll(() => ws.close());

  it('numbers leads by lead_id and dictionary-encodes their fields', () => {
    const l = cols.leads;
    expect(l.ids).toEqual(['a', 'b', 'c']);
    expect(Array.from(l.createdAt)).toEqual([ms('2025-01-01T12:30:00.250Z'), ms('2025-01-02T00:00:00Z'), ms('2025-01-03T00:00:00Z')]);
    // A BIGINT near 2^53 survives exactly; missing is NaN.
    expect(Array.from(l.companySize)).toEqual([NaN, 50, 9007199254740000]);
    // ' Acme ' and 'Acme' are one value; blank is empty (-1).
    expect(l.strings.company.values).toEqual(['Acme']);
    expect(Array.from(l.strings.company.codes)).toEqual([0, 0, -1]);
    expect(Array.from(l.strings.seniority.codes)).toEqual([-1, 0, -1]);
    expect(l.strings.region.values).toEqual(['emea', 'na']);
    expect(Array.from(l.emailKind)).toEqual([EMAIL_OTHER, EMAIL_FREE, EMAIL_MISSING]);
    expect(cols.timezone).toBe('Europe/Berlin');
  });

  it('groups activities per lead in time order, ties in file order, and drops unknown leads', () => {
    const a = cols.activities;
    expect(a.types).toEqual(['demo_request', 'email_open', 'web_visit']); // lower-cased
    expect(Array.from(a.leadOffsets)).toEqual([0, 2, 5, 5]);
    expect(Array.from(a.time)).toEqual([
      ms('2025-02-02T10:00:00Z'), ms('2025-02-03T10:00:00Z'),
      ms('2025-01-31T10:00:00Z'), ms('2025-02-01T10:00:00Z'), ms('2025-02-01T10:00:00Z'),
    ]);
    // a: web_visit, email_open; b: email_open, then the tie web_visit before demo_request (file order).
    expect(Array.from(a.typeCode)).toEqual([2, 1, 1, 2, 0]);
    expect(a.dropped).toBe(1);
  });

  it('aligns the first handoff and the first disposition to each lead', () => {
    const h = cols.handoffs;
    expect(Array.from(h.count)).toEqual([0, 2, 1]);
    expect(Array.from(h.mqlAt)).toEqual([NaN, ms('2025-02-01T10:00:00Z'), ms('2025-02-05T00:00:00Z')]);
    expect(Array.from(h.trigger)).toEqual([TRIGGER_NONE, TRIGGER_HIGH_INTENT, TRIGGER_NONE]);
    expect(Array.from(h.scoreAtMql)).toEqual([NaN, 12.5, 70]);
    expect(Array.from(h.tier.codes).map((c) => h.tier.values[c] ?? null)).toEqual([null, 'A', null]);
    expect(h.dropped).toBe(1); // 'nobody' is not a lead; b's later manual row is counted in count[1]
    const d = cols.dispositions;
    expect(Array.from(d.count)).toEqual([0, 2, 1]);
    expect(Array.from(d.decision)).toEqual([DECISION_NONE, DECISION_REJECTED, DECISION_NONE]);
    expect(Array.from(d.contactAttempts)).toEqual([NaN, 3, NaN]);
    expect(Array.from(d.won)).toEqual([-1, 0, -1]);
    expect(d.dropped).toBe(0);
  });

  it('loads an empty workspace, and the replay runs on it', async () => {
    const empty = await openWorkspace(join(dir, 'empty.duckdb'));
    const c = await loadColumns(empty);
    expect([c.leads.n, c.activities.n, Array.from(c.activities.leadOffsets)]).toEqual([0, 0, [0]]);
    const baseline = await loadBaseline(empty);
    expect(baseline.provenance.notes[0]).toBe('mql.threshold: unknown (no score_at_mql in handoffs); 0 assumed');
    const r = new Replayer(c).rescore(baseline);
    expect(r.summary.mqls).toBe(0);
    empty.close();
  });
});

