// Hand-made forecasts, sweeps and trust reports for the Compare, Frontier and
// Trust tests: every number differs, so a test can tell which one went where.
import type { EngineResults, Scenario } from '../../engine/api/contract';
import type { ForecastResult } from '../../renderer/charts/compare-metrics';
import { METRIC_NAMES as METRIC_ORDER } from '../../engine/metrics/types';

type Metrics = ForecastResult['metrics'];

export function forecastResult(scenario: string, shift: number, over: Partial<ForecastResult> = {}): ForecastResult {
  const m = (forecast: number, observed: number, spread: number) => ({ observed, forecast, low: forecast - spread, high: forecast + spread });
  const metrics: Metrics = {
    mql_count: m(3300 - shift * 400, 3300, 30),
    acceptance_rate: m(0.6679 + shift * 0.021, 0.6679, 0.012),
    rejection_rate: m(0.21 - shift * 0.01, 0.21, 0.01),
    black_hole_rate: m(0.08 - shift * 0.005, 0.08, 0.006),
    sla_compliance_rate: m(0.81 + shift * 0.02, 0.81, 0.015),
    median_hours_to_first_contact: m(2.4 - shift * 0.2, 2.4, 0.3),
    p90_hours_to_first_contact: m(30 - shift * 2, 30, 3),
    sql_rate: m(0.33 + shift * 0.01, 0.33, 0.02),
    opportunity_rate: m(0.21 + shift * 0.015, 0.21, 0.02),
    won_count: m(61 + shift * 3, 61, 8),
    pipeline_amount: m(2_450_000 + shift * 100_000, 2_450_000, 200_000),
  };
  return {
    schema: 'handoff-lab/forecast@1',
    scenario,
    window: { from: '2025-01-01', to: '2025-12-31' },
    metrics,
    segments: { tier: [], source: [], week: [] },
    warnings: [],
    details: { shared: 3000, entered: 10, left: 300, extrapolated: 0, dataCompletion: 0, runs: 200, elapsedMs: 1500 },
    ...over,
  };
}

export const SCENARIO: Scenario = { version: 1, name: 'x', mql: { threshold: 75 }, window: { from: '2025-01-01', to: '2025-12-31' } } as Scenario;

export function sweepResult(over: Partial<EngineResults['sweep']> = {}): EngineResults['sweep'] {
  const points = [40, 50, 60, 70, 75, 80].map((threshold, i) => ({
    threshold,
    metrics: Object.fromEntries(METRIC_ORDER.map((n) => [n, null])) as EngineResults['sweep']['points'][number]['metrics'],
    repLoadPerDay: 6 - i * 0.8,
  }));
  points.forEach((p, i) => {
    p.metrics.mql_count = 5000 - i * 700;
    p.metrics.acceptance_rate = 0.5 + i * 0.04;
    p.metrics.opportunity_rate = 0.15 + i * 0.02;
  });
  return { points, currentThreshold: 75, baselineThreshold: 60, warnings: ['Above 80 no lead was ever handed off: extrapolated.'], elapsedMs: 80, ...over };
}

export function trustReport(over: Partial<EngineResults['trust']> = {}): EngineResults['trust'] {
  return {
    scenario: null,
    identity: {
      passed: true,
      scoringModelKnown: true,
      rows: [
        { metric: 'mql_count', observed: 3300, replayed: 3300, difference: 0, tolerance: 0, passed: true },
        { metric: 'acceptance_rate', observed: 0.6679, replayed: 0.668, difference: 0.0001, tolerance: 0.005, passed: true },
      ],
    },
    backtest: {
      available: true,
      fitPeriod: { from: '2025-01-01', to: '2025-08-31' },
      testPeriod: { from: '2025-09-01', to: '2025-12-31' },
      fitMqls: 2200,
      testMqls: 1100,
      errors: [
        { metric: 'acceptance_rate', actual: 0.65, forecast: 0.672, error: 0.022, relativeError: 0.034, tolerance: 0.03, withinTolerance: true },
        { metric: 'sla_compliance_rate', actual: 0.8, forecast: 0.74, error: -0.06, relativeError: 0.075, tolerance: 0.03, withinTolerance: false },
      ],
    },
    policyChange: { available: false, reason: 'the threshold never changed in this history' },
    summary: ['The replay reproduces history.', 'The backtest missed on SLA compliance.'],
    warnings: ['312 newly qualified leads score below any lead sales has seen: their outcomes are extrapolated'],
    elapsedMs: 900,
    ...over,
  };
}

export function modelHealthReport(aucAcceptance: number | null, aucOpportunity: number | null): EngineResults['modelHealth'] {
  const outcome = (o: 'acceptance' | 'opportunity', auc: number | null) => ({
    outcome: o,
    count: 3000,
    positives: 1200,
    auc,
    calibration: [
      { low: 0, high: 50, count: 1000, predicted: 0.3, observed: 0.28 },
      { low: 50, high: 80, count: 1500, predicted: 0.55, observed: 0.6 },
      { low: 80, high: 100, count: 500, predicted: 0.8, observed: 0.79 },
      { low: 100, high: 120, count: 0, predicted: null, observed: null },
    ],
    lift: [],
    brier: 0.2,
    leakageSuspected: auc !== null && auc > 0.85,
  });
  return { scenario: null, scoring: 'baseline', acceptance: outcome('acceptance', aucAcceptance), opportunity: outcome('opportunity', aucOpportunity), warnings: [], elapsedMs: 50 };
}
