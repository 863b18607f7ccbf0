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
  setActivityPoints,
  setTier,
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
    expect(fieldLabel('window.to', BASE)).toBe('window.to');
  });

  it('adds a tier below the others with a free name and a unique minimum, and removes one', () => {
    const added = addTier(BASE).next;
    expect(added.tiers?.at(-1)).toEqual({ name: 'D', min_score: -10, first_contact_sla_hours: 48 });
    expect(removeTier(added, 0).next.tiers?.map((t) => t.name)).toEqual(['B', 'C', 'D']);
  });
});
