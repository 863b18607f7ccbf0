// The metric names in DATA_CONTRACT order, for fixtures that fill every metric.
import type { MetricName } from '../../renderer/charts/compare-metrics';

export const METRIC_ORDER: readonly MetricName[] = [
  'mql_count',
  'acceptance_rate',
  'rejection_rate',
  'black_hole_rate',
  'sla_compliance_rate',
  'median_hours_to_first_contact',
  'p90_hours_to_first_contact',
  'sql_rate',
  'opportunity_rate',
  'won_count',
  'pipeline_amount',
];
