// handoff-lab backtest: the trust checks (identity, time-split backtest, policy-change test).
import { trustReport } from '../../trust/report';
import type { PredictionError, TrustReport } from '../../trust/types';
import { formatFlag, type Command } from '../command';
import { textTable } from '../text-table';
import { optionalScenario, withSession } from './analysis-session';
import { formatMetric } from './metrics';

function errorTable(errors: readonly PredictionError[]): string {
  return textTable(
    ['metric', 'actual', 'forecast', 'error', 'bound', 'ok'],
    errors.map((e) => [
      e.metric,
      formatMetric(e.metric, e.actual),
      formatMetric(e.metric, e.forecast),
      e.error === null ? '—' : e.metric.endsWith('_rate') ? `${e.error >= 0 ? '+' : ''}${e.error.toFixed(3)}` : `${e.relativeError === null ? '—' : `${(Math.sign(e.error) * e.relativeError * 100).toFixed(1)}%`}`,
      e.tolerance === null ? '—' : e.metric.endsWith('_rate') ? `±${e.tolerance.toFixed(3)}` : `±${formatMetric(e.metric, e.tolerance)}`,
      e.withinTolerance === null ? '—' : e.withinTolerance ? 'yes' : 'NO',
    ]),
  );
}

export function trustTable(r: TrustReport): string {
  const lines = [...r.summary, '', `Identity (${r.identity.passed ? 'passed' : 'FAILED'})`];
  lines.push(
    textTable(
      ['metric', 'observed', 'replayed', 'difference', 'ok'],
      r.identity.rows.map((row) => [
        row.metric,
        formatMetric(row.metric, row.observed),
        formatMetric(row.metric, row.replayed),
        row.difference === null ? '—' : row.difference.toPrecision(3),
        row.passed ? 'yes' : 'NO',
      ]),
    ),
  );
  if (r.backtest.available) {
    lines.push('', `Backtest: fitted ${r.backtest.fitPeriod.from}..${r.backtest.fitPeriod.to}, forecast ${r.backtest.testPeriod.from}..${r.backtest.testPeriod.to}`, errorTable(r.backtest.errors));
  }
  if (r.policyChange.available) {
    const p = r.policyChange;
    lines.push('', `Policy change ${p.thresholdBefore} -> ${p.thresholdAfter}: fitted ${p.fitPeriod.from}..${p.fitPeriod.to}, forecast ${p.testPeriod.from}..${p.testPeriod.to}`, errorTable(p.errors));
  }
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'Trust checks: replaying the policy in force, a time-split backtest, and a forecast across a threshold change in history.',
  usage: 'handoff-lab backtest --workspace W.duckdb [--scenario S.json] [--format json|table]',
  flags: { workspace: { type: 'string' }, scenario: { type: 'string' }, format: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const scenario = optionalScenario(flags);
    const result = await withSession(flags, (s) => trustReport(s, scenario));
    io.out(format === 'json' ? JSON.stringify(result, null, 2) : trustTable(result));
  },
};
