// A small, hand-made metrics answer for the health screen's tests: every number
// differs, so a test can tell which one ended up where.
import type { ContactHistogram, HealthMetrics, MetricSet, MetricValue } from '../../renderer/charts/health-types';

const rate = (numerator: number, denominator: number, censored = 0): MetricValue => ({ observed: denominator > 0 ? numerator / denominator : null, numerator, denominator, censored });

export function metricSet(over: Partial<Record<keyof MetricSet, MetricValue>> = {}): MetricSet {
  return {
    mql_count: { observed: 1200 },
    acceptance_rate: rate(732, 1200),
    rejection_rate: rate(300, 1200),
    black_hole_rate: rate(96, 1190, 10),
    sla_compliance_rate: rate(1040, 1190, 10),
    median_hours_to_first_contact: { observed: 2.25, count: 1100 },
    p90_hours_to_first_contact: { observed: 30.04, count: 1100 },
    sql_rate: rate(330, 1000, 200),
    opportunity_rate: rate(210, 1000, 200),
    won_count: { observed: 61, censored: 40 },
    pipeline_amount: { observed: 2_450_000, censored: 200 },
    ...over,
  };
}

export const EVIL = '<img src=x onerror="window.__xss=1">';

export function healthMetrics(over: Partial<HealthMetrics> = {}): HealthMetrics {
  return {
    window: { from: null, to: null },
    timezone: 'UTC',
    data_end: '2025-12-31T18:00:00.000Z',
    policy: {
      source: 'scoring_model',
      business_hours: true,
      tiers: [
        { name: 'A', min_score: 90, first_contact_sla_hours: 1 },
        { name: 'B', min_score: 75, first_contact_sla_hours: 4 },
        { name: 'C', min_score: 0, first_contact_sla_hours: 24 },
      ],
    },
    metrics: metricSet(),
    segments: {
      tier: [
        { key: 'C', metrics: metricSet({ sla_compliance_rate: rate(9, 10), black_hole_rate: rate(3, 10) }) },
        { key: 'A', metrics: metricSet({ sla_compliance_rate: rate(1, 4), black_hole_rate: rate(1, 20) }) },
      ],
      source: [
        { key: 'organic', metrics: metricSet({ mql_count: { observed: 700 } }) },
        { key: EVIL, metrics: metricSet({ mql_count: { observed: 500 } }) },
      ],
      week: [
        { key: '2025-01-13', metrics: metricSet({ mql_count: { observed: 44 }, acceptance_rate: rate(1, 8) }) },
        { key: '2025-01-06', metrics: metricSet({ mql_count: { observed: 33 }, acceptance_rate: rate(3, 4), sla_compliance_rate: rate(0, 0) }) },
      ],
      rep: [
        { key: 'R2', metrics: metricSet({ mql_count: { observed: 80 }, sla_compliance_rate: rate(7, 10) }) },
        { key: 'R1', metrics: metricSet({ mql_count: { observed: 120 }, sla_compliance_rate: rate(9, 10) }) },
      ],
      score_band: [
        { key: '(no score)', metrics: metricSet({ acceptance_rate: rate(1, 10) }) },
        { key: '90-99', metrics: metricSet({ acceptance_rate: rate(9, 10), opportunity_rate: rate(4, 10) }) },
        { key: '50-59', metrics: metricSet({ acceptance_rate: rate(5, 10), opportunity_rate: rate(1, 10) }) },
      ],
    },
    rejection_reasons: {
      overall: { source: '(all)', rejected: 300, reasons: [] },
      by_source: [
        { source: 'organic', rejected: 100, reasons: [{ reason: 'not_icp', count: 60, share: 0.6 }, { reason: 'no_budget', count: 40, share: 0.4 }] },
        { source: EVIL, rejected: 200, reasons: [{ reason: 'no_budget', count: 150, share: 0.75 }, { reason: EVIL, count: 50, share: 0.25 }] },
      ],
    },
    warnings: ['3 MQLs have no tier or one not in the policy; they were measured against tier C’s 24 h SLA.'],
    ...over,
  };
}

export function histogram(over: Partial<ContactHistogram> = {}): ContactHistogram {
  const bins = [
    ['before', 'Before MQL', null, 0, 0],
    ['lt5m', '< 5 min', 0, 5 / 60, 7],
    ['5-30m', '5–30 min', 5 / 60, 0.5, 11],
    ['1-4h', '1–4 h', 1, 4, 13],
    ['8-24h', '8–24 h', 8, 24, 17],
    ['3d+', '3+ days', 72, null, 19],
  ] as const;
  return {
    window: { from: null, to: null },
    bins: bins.map(([key, label, min_hours, max_hours, count]) => ({ key, label, min_hours, max_hours, count })),
    contacted: 67,
    not_contacted: 5,
    ...over,
  };
}
