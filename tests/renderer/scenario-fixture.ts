// Hand-made Scenario editor answers: a baseline, and forecasts whose every
// number differs, so a test can tell which ended up where.
import type { BaselineScenario, EngineResults, Scenario } from '../../engine/api/contract';
import type { ForecastMetric } from '../../renderer/charts/scenario-deltas';
import type { MetricName } from '../../renderer/charts/health-types';

type Forecast = EngineResults['forecast'];

export const EVIL = '<img src=x onerror="window.__xss=1">';

export const BASE: Scenario = {
  version: 1,
  name: 'Baseline',
  scoring: {
    activity_points: { demo_request: 40, email_open: 1 },
    fit_points: [{ field: 'company_size', op: 'between', value: [50, 5000], points: 15 }],
  },
  mql: { threshold: 60, high_intent_types: ['demo_request'] },
  tiers: [
    { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
    { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
    { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
  ],
  sla: { business_hours: true },
  capacity: { rep_daily_capacity: null, extra_reps: 0 },
};

export const BASELINE: BaselineScenario = { scenario: BASE, inferred: false, notes: [], thresholdOnly: false };

const m = (observed: number, forecast: number, spread = 0): ForecastMetric => ({ observed, forecast, low: forecast - spread, high: forecast + spread });

/** A forecast whose MQL count and acceptance follow the threshold, so tests can tell answers apart. */
export function forecastFor(threshold: number, runs = 0): Forecast {
  const shift = (threshold - 60) / 100;
  const spread = runs > 0 ? 0.02 : 0;
  const metrics: Record<MetricName, ForecastMetric> = {
    mql_count: m(3300, 3300 - (threshold - 60) * 20),
    acceptance_rate: m(0.668, 0.668 + shift, spread),
    rejection_rate: m(0.224, 0.224 - shift / 2, spread),
    black_hole_rate: m(0.196, 0.196 - shift, spread),
    sla_compliance_rate: m(0.707, 0.707 + shift, spread),
    median_hours_to_first_contact: m(3.4, 3.4 - shift * 10, runs > 0 ? 0.3 : 0),
    p90_hours_to_first_contact: m(48.7, 48.7 - shift * 10),
    sql_rate: m(0.371, 0.371),
    opportunity_rate: m(0.267, 0.267 + shift / 4, spread),
    won_count: m(354, 354 + threshold - 60),
    pipeline_amount: m(47_300_000, 47_300_000 + (threshold - 60) * 100_000),
  };
  return {
    schema: 'handoff-lab/forecast@1',
    scenario: null,
    window: { from: null, to: null },
    metrics,
    segments: {
      tier: [
        { key: 'C', metrics: { ...metrics, mql_count: m(1450, 1000) } },
        { key: 'A', metrics: { ...metrics, mql_count: m(1387, 1700) } },
        { key: 'B', metrics: { ...metrics, mql_count: m(463, 500) } },
      ],
      source: [],
      week: [],
    },
    warnings: ['Expected values only: low and high equal the forecast (no interval runs).', `12 newly qualified leads from ${EVIL} score below any lead sales has ever seen: their outcomes are extrapolated.`],
    details: { shared: 3000, entered: 12, left: 40, extrapolated: 12, dataCompletion: 0, runs, elapsedMs: 5 },
  };
}

export function diffAnswer(kind: 'entered' | 'left' | 'tier_changed' | 'time_moved', offset = 0): EngineResults['leadDiff'] {
  return {
    counts: { historical: 3300, scenario: 3272, entered: 12, left: 40, stayed: 3260, tierChanged: 5, timeMoved: 3, unchanged: 3252 },
    page: {
      kind,
      total: kind === 'left' ? 40 : 12,
      offset,
      rows: [{ leadId: EVIL, kind, reason: `score 58 < threshold 60 ${EVIL}`, historyMqlAt: 1_737_000_000_000, scenarioMqlAt: null, historyTier: 'C', scenarioTier: null, historyScore: 64.93, scenarioScore: null }],
    },
  };
}

export function thresholdOf(params: unknown): number {
  return ((params as { scenario: Scenario }).scenario.mql?.threshold ?? NaN) as number;
}

/** A suggestWeights answer: new points for both activities and the fit rule, a lower threshold, text with markup in it. */
export const SUGGESTION: EngineResults['suggestWeights'] = {
  scenario: {
    ...BASE,
    name: 'Suggested points',
    scoring: {
      activity_points: { demo_request: 25, email_open: 3, webinar: 12 },
      fit_points: [{ field: 'company_size', op: 'between', value: [50, 5000], points: 9 }],
      decay_half_life_days: 30,
    },
    mql: { threshold: 48, high_intent_types: ['demo_request'] },
  },
  outcome: 'opportunity',
  rows: [
    { kind: 'activity', key: 'email_open', current: 1, suggested: 3, support: 900 },
    { kind: 'activity', key: 'demo_request', current: 40, suggested: 25, support: 300 },
    { kind: 'activity', key: 'webinar', current: 0, suggested: 12, support: 120 },
    { kind: 'fit', key: `company_size between 50 and 5000 ${EVIL}`, current: 15, suggested: 9, support: 700 },
    { kind: 'activity', key: 'page_view', current: 0, suggested: 0, support: 2000 },
  ],
  heldOut: { leads: 1250, positives: 210, aucCurrent: 0.5612, aucSuggested: 0.6249, topDecileLiftCurrent: 1.43, topDecileLiftSuggested: 2.07 },
  notes: [`Points fitted on 80% of leads by logistic regression, scaled so ${EVIL} keeps its range.`],
  warnings: ['Only 210 held-out opportunities: the AUC difference is rough.'],
  elapsedMs: 120,
};

/**
 * The threshold curve of the baseline's blocks: thresholds 30..90 every 0.75 (so most whole thresholds
 * fall between two points), each the exact forecast there plus 0.01 on every rate, so a test can tell
 * a preview read off the curve from the exact answer.
 */
export function curveAnswer(): EngineResults['sweep'] {
  const points = Array.from({ length: 81 }, (_, k) => {
    const threshold = 30 + 0.75 * k;
    const f = forecastFor(threshold);
    const metrics = Object.fromEntries(Object.entries(f.metrics).map(([name, v]) => [name, name.endsWith('_rate') ? v.forecast! + 0.01 : v.forecast])) as Record<MetricName, number | null>;
    return { threshold, metrics, repLoadPerDay: metrics.mql_count! / 1000 };
  });
  return {
    points,
    currentThreshold: 60,
    baselineThreshold: 60,
    warnings: [],
    elapsedMs: 5,
    approximateMetrics: ['black_hole_rate', 'sla_compliance_rate', 'median_hours_to_first_contact', 'p90_hours_to_first_contact'],
  };
}
