// Fit rules and pre-flight checks, every op, on a hand-made lead table.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadColumns } from '../../engine/columns/load';
import type { LeadColumns } from '../../engine/columns/types';
import type { FitRule } from '../../engine/scenario/schema';
import { parseScenario } from '../../engine/scenario/schema';
import {
  PREFLIGHT_FREE_EMAIL, PREFLIGHT_MISSING_FIELD, PREFLIGHT_NO_EMAIL, computeFitPoints, computePreflight, missingRequiredFields,
} from '../../engine/scoring/fit';
import { openWorkspace, type Workspace } from '../../engine/workspace/database';
import { scratchDir } from '../support/tmp';

describe('fit rules', () => {
  const dir = scratchDir();
  let ws: Workspace;
  let leads: LeadColumns;
  // Lead order is lead_id order: a, b, c, d.
  beforeAll(async () => {
    ws = await openWorkspace(join(dir, 'fit.duckdb'));
    await ws.connection.run(`INSERT INTO leads (lead_id, created_at, email, company, company_size, seniority, region) VALUES
      ('a', '2025-01-01 00:00:00+00', 'A@Gmail.com ', 'Acme', 10, ' VP', 'EMEA'),
      ('b', '2025-01-01 00:00:00+00', 'b@beta.io', NULL, 500, 'ic', 'na'),
      ('c', '2025-01-01 00:00:00+00', NULL, 'Gamma', NULL, NULL, NULL),
      ('d', '2025-01-01 00:00:00+00', 'not-an-address', '   ', 501, 'manager', 'apac')`);
    leads = (await loadColumns(ws)).leads;
  });
  afterAll(() => ws.close());

  const fit = (rule: object): number[] => {
    const rules = parseScenario({ version: 1, scoring: { fit_points: [{ points: 1, ...rule }] } }).scoring?.fit_points as FitRule[];
    const out = new Float64Array(leads.n);
    computeFitPoints(leads, rules, out);
    return Array.from(out);
  };

  it('numeric ops on company_size; an empty size matches only missing', () => {
    // sizes: 10, 500, (none), 501
    expect(fit({ field: 'company_size', op: 'between', value: [10, 500] })).toEqual([1, 1, 0, 0]);
    expect(fit({ field: 'company_size', op: 'gt', value: 500 })).toEqual([0, 0, 0, 1]);
    expect(fit({ field: 'company_size', op: 'gte', value: 500 })).toEqual([0, 1, 0, 1]);
    expect(fit({ field: 'company_size', op: 'lt', value: 500 })).toEqual([1, 0, 0, 0]);
    expect(fit({ field: 'company_size', op: 'lte', value: 500 })).toEqual([1, 1, 0, 0]);
    expect(fit({ field: 'company_size', op: 'eq', value: '500' })).toEqual([0, 1, 0, 0]);
    expect(fit({ field: 'company_size', op: 'neq', value: 500 })).toEqual([1, 0, 0, 1]);
    expect(fit({ field: 'company_size', op: 'not_in', value: [10, 501] })).toEqual([0, 1, 0, 0]);
    expect(fit({ field: 'company_size', op: 'missing', value: true })).toEqual([0, 0, 1, 0]);
    expect(fit({ field: 'company_size', op: 'missing', value: false })).toEqual([1, 1, 0, 1]);
  });

  it('text ops compare trimmed and case-insensitively; empty matches only missing', () => {
    // seniority: ' VP', 'ic', (none), 'manager'; company: Acme, (none), Gamma, blank
    expect(fit({ field: 'seniority', op: 'eq', value: 'vp' })).toEqual([1, 0, 0, 0]);
    expect(fit({ field: 'seniority', op: 'neq', value: 'vp' })).toEqual([0, 1, 0, 1]);
    expect(fit({ field: 'seniority', op: 'in', value: ['IC', 'manager '] })).toEqual([0, 1, 0, 1]);
    expect(fit({ field: 'seniority', op: 'not_in', value: ['ic'] })).toEqual([1, 0, 0, 1]);
    expect(fit({ field: 'region', op: 'eq', value: 'emea' })).toEqual([1, 0, 0, 0]);
    expect(fit({ field: 'company', op: 'missing', value: true })).toEqual([0, 1, 0, 1]);
  });

  it('free_email looks at the domain; an address that is not one counts as not free', () => {
    // emails: A@Gmail.com (free), b@beta.io, (none), not-an-address
    expect(fit({ field: 'email', op: 'free_email', value: true })).toEqual([1, 0, 0, 0]);
    expect(fit({ field: 'email', op: 'free_email', value: false })).toEqual([0, 1, 0, 1]);
    expect(fit({ field: 'email', op: 'missing', value: true })).toEqual([0, 0, 1, 0]);
  });

  it('rules add up, negative points included', () => {
    const rules = parseScenario({
      version: 1,
      scoring: { fit_points: [
        { field: 'company_size', op: 'between', value: [10, 500], points: 15 },
        { field: 'email', op: 'free_email', value: true, points: -20 },
        { field: 'seniority', op: 'in', value: ['vp'], points: 10 },
      ] },
    }).scoring?.fit_points as FitRule[];
    const out = new Float64Array(leads.n);
    computeFitPoints(leads, rules, out);
    // a: 15 - 20 + 10 = 5; b: 15; c: 0; d: 0
    expect(Array.from(out)).toEqual([5, 15, 0, 0]);
  });

  it('pre-flight: business email and required fields, with reasons', () => {
    const out = new Uint8Array(leads.n);
    computePreflight(leads, true, ['company', 'company_size'], out);
    expect(Array.from(out)).toEqual([
      PREFLIGHT_FREE_EMAIL,
      PREFLIGHT_MISSING_FIELD, // no company
      PREFLIGHT_NO_EMAIL | PREFLIGHT_MISSING_FIELD, // no email, no size
      PREFLIGHT_MISSING_FIELD, // blank company; 'not-an-address' is not a free-mail domain, so it passes the email check
    ]);
    expect(missingRequiredFields(leads, 2, ['company', 'company_size'])).toEqual(['company_size']);
  });
});
