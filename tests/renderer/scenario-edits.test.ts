// Pure scenario edits: each returns a new draft naming the field it changed,
// fit rules built from what the user typed, and engine fields matched to controls.
import { describe, expect, it } from 'vitest';
import {
  activityTypes,
  addFitRule,
  addTier,
  fieldLabel,
  removeTier,
  buildFitRule,
  describeFitRule,
  fieldMatches,
  removeFitRule,
  setActivityCap,
  setActivityPoints,
  setDecayHalfLife,
  setLookback,
  setRequireBusinessEmail,
  setTier,
  setWindow,
  toggleRequiredField,
  toggleHighIntent,
  topTierIndex,
} from '../../renderer/app/scenario-edits';
import { BASE } from './scenario-fixture';

describe('scenario edits', () => {
  it('changes one block and leaves the others (by identity) to the undo history', () => {
    const e = setActivityPoints(BASE, 'pricing_page_view', 12);
    expect(e.field).toBe('scoring.activity_points.pricing_page_view');
    expect(e.next.scoring?.activity_points).toEqual({ demo_request: 40, email_open: 1, pricing_page_view: 12 });
    expect(e.next.tiers).toBe(BASE.tiers);
    expect(BASE.scoring?.activity_points?.pricing_page_view).toBeUndefined();
    const t = setTier(BASE, 1, { first_contact_sla_hours: 2 });
    expect(t.field).toBe('tiers[1].first_contact_sla_hours');
    expect(t.next.tiers?.map((x) => x.first_contact_sla_hours)).toEqual([1, 2, 24]);
  });

  it('toggles high-intent types and lists every activity type once', () => {
    const on = toggleHighIntent(BASE, 'chat', true).next;
    expect(on.mql?.high_intent_types).toEqual(['demo_request', 'chat']);
    expect(toggleHighIntent(on, 'demo_request', false).next.mql?.high_intent_types).toEqual(['chat']);
    expect(activityTypes(on)).toEqual(['chat', 'demo_request', 'email_open']);
    expect(topTierIndex(BASE)).toBe(0);
  });

  it('builds fit rules from typed text, or says what to type', () => {
    expect(buildFitRule('company_size', 'between', '50, 5000', 15, true)).toEqual({ rule: { field: 'company_size', op: 'between', value: [50, 5000], points: 15 } });
    expect(buildFitRule('company_size', 'between', '5000 - 50', 15, true)).toEqual({ error: 'The low number must not be above the high one.' });
    expect(buildFitRule('company_size', 'gte', 'many', 15, true)).toEqual({ error: 'Type a number.' });
    expect(buildFitRule('seniority', 'in', 'director, vp ,c_level', 10, false)).toEqual({ rule: { field: 'seniority', op: 'in', value: ['director', 'vp', 'c_level'], points: 10 } });
    expect(buildFitRule('email', 'free_email', '', -15, false)).toEqual({ rule: { field: 'email', op: 'free_email', value: true, points: -15 } });
    expect('error' in buildFitRule('industry', 'eq', '  ', 3, false)).toBe(true);
  });

  it('adds and removes fit rules, and describes them in words', () => {
    const built = buildFitRule('seniority', 'eq', 'ic', -5, false);
    if (!('rule' in built)) throw new Error(built.error);
    const added = addFitRule(BASE, built.rule);
    expect(added.field).toBe('scoring.fit_points[1]');
    expect(added.next.scoring?.fit_points?.map(describeFitRule)).toEqual(['company size between 50 and 5000', 'seniority is ic']);
    expect(removeFitRule(added.next, 0).next.scoring?.fit_points?.map(describeFitRule)).toEqual(['seniority is ic']);
  });

  it('matches an engine field to the control that owns it', () => {
    expect(fieldMatches('tiers[1].min_score', 'tiers')).toBe(true);
    expect(fieldMatches('tiers[1].min_score', 'tiers[1]')).toBe(true);
    expect(fieldMatches('tiers[1].min_score', 'tiers[10]')).toBe(false);
    expect(fieldMatches('mql.threshold', 'mql.threshold')).toBe(true);
    expect(fieldMatches('mql.thresholds', 'mql.threshold')).toBe(false);
    expect(fieldMatches(undefined, 'mql')).toBe(false);
  });

  it('names engine fields in the editor’s words', () => {
    expect(fieldLabel('tiers[0].first_contact_sla_hours', BASE)).toBe('Tier A first-contact SLA');
    expect(fieldLabel('tiers[2]', BASE)).toBe('Tier C');
    expect(fieldLabel('mql.threshold', BASE)).toBe('MQL threshold');
    expect(fieldLabel('scoring.activity_points.demo_request', BASE)).toBe('Points for demo request');
    expect(fieldLabel('scoring.fit_points[0].value', BASE)).toBe('Fit rule 1');
    expect(fieldLabel('window.to', BASE)).toBe('Window to');
    expect(fieldLabel('scoring.activity_caps.email_open', BASE)).toBe('Cap for email open');
    expect(fieldLabel('mql.require_fields', BASE)).toBe('Required fields');
    expect(fieldLabel('simulation.runs', BASE)).toBe('simulation.runs');
  });

  it('adds a tier below the others with a free name and a unique minimum, and removes one', () => {
    const added = addTier(BASE).next;
    expect(added.tiers?.at(-1)).toEqual({ name: 'D', min_score: -10, first_contact_sla_hours: 48 });
    expect(removeTier(added, 0).next.tiers?.map((t) => t.name)).toEqual(['B', 'C', 'D']);
  });

  it('caps an activity type, and an empty cap takes the cap away (listing capped types without points too)', () => {
    const capped = setActivityCap(BASE, 'email_open', 10);
    expect(capped.field).toBe('scoring.activity_caps.email_open');
    expect(capped.next.scoring?.activity_caps).toEqual({ email_open: 10 });
    expect(capped.next.scoring?.activity_points).toBe(BASE.scoring?.activity_points);
    const two = setActivityCap(capped.next, 'webinar', 5).next;
    expect(activityTypes(two)).toEqual(['demo_request', 'email_open', 'webinar']);
    expect(setActivityCap(two, 'email_open', null).next.scoring?.activity_caps).toEqual({ webinar: 5 });
  });

  it('sets decay and lookback in days, null for none', () => {
    const e = setDecayHalfLife(BASE, 30);
    expect(e.field).toBe('scoring.decay_half_life_days');
    expect(e.next.scoring?.decay_half_life_days).toBe(30);
    expect(setDecayHalfLife(e.next, null).next.scoring?.decay_half_life_days).toBeNull();
    const l = setLookback(BASE, 90);
    expect(l.field).toBe('scoring.lookback_days');
    expect(l.next.scoring).toMatchObject({ lookback_days: 90, fit_points: BASE.scoring?.fit_points });
  });

  it('ticks pre-flight checks, keeping required fields in the lead fields’ order', () => {
    const e = setRequireBusinessEmail(BASE, true);
    expect(e).toMatchObject({ field: 'mql.require_business_email', next: { mql: { threshold: 60, require_business_email: true } } });
    const order = ['company', 'company_size', 'industry'];
    let s = toggleRequiredField(BASE, 'industry', true, order).next;
    s = toggleRequiredField(s, 'company', true, order).next;
    expect(s.mql?.require_fields).toEqual(['company', 'industry']);
    expect(toggleRequiredField(s, 'company', true, order).next.mql?.require_fields).toEqual(['company', 'industry']);
    const off = toggleRequiredField(s, 'industry', false, order);
    expect(off.field).toBe('mql.require_fields');
    expect(off.next.mql?.require_fields).toEqual(['company']);
  });

  it('sets either end of the window, and an empty end leaves it open', () => {
    const from = setWindow(BASE, 'from', '2025-01-01');
    expect(from.field).toBe('window.from');
    const both = setWindow(from.next, 'to', '2025-06-30').next;
    expect(both.window).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(setWindow(both, 'from', null).next.window).toEqual({ to: '2025-06-30' });
  });
});
