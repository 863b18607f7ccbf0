import { observedMetrics, type ObservedOptions } from '../../metrics/observed';
import { METRIC_NAMES, type MetricName, type MetricValue } from '../../metrics/types';
import { formatFlag, optionalString, type Command } from '../command';
import { formatNumber, formatRate, textTable } from '../text-table';
import { withWorkspace } from '../workspace-arg';

/** How a metric reads in a terminal: rates as %, hours with one decimal, counts whole. */
export function formatMetric(name: MetricName, value: number | null): string {
  if (name.endsWith('_rate')) return formatRate(value);
  if (name.includes('hours')) return value === null ? '—' : `${formatNumber(value, 1)} h`;
  return formatNumber(value);
}

function basis(v: MetricValue): string {
  if (v.denominator !== undefined) return `${formatNumber(v.numerator ?? 0)} of ${formatNumber(v.denominator)}`;
  if (v.count !== undefined) return `over ${formatNumber(v.count)} contacted`;
  return '';
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Observed handoff health over a window: the metrics of DATA_CONTRACT section 3, overall and by segment.',
  usage: 'handoff-lab metrics --workspace W.duckdb [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format table|json]',
  flags: { workspace: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const from = optionalString(flags, 'from');
    const to = optionalString(flags, 'to');
    const options: ObservedOptions = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const result = await withWorkspace(flags, 'existing', (ws) => observedMetrics(ws, options));
    if (format === 'json') {
      io.out(JSON.stringify(result, null, 2));
      return;
    }
    const window = `${result.window.from ?? 'start of data'} to ${result.window.to ?? 'end of data'}`;
    const lines = [
      `Handoff health, ${window} (${result.timezone}); policy ${result.policy.source === 'inferred' ? 'inferred from history' : 'from scoring_model.json'}`,
      '',
      textTable(
        ['metric', 'observed', 'basis', 'censored'],
        METRIC_NAMES.map((name) => {
          const v = result.metrics[name];
          return [name, formatMetric(name, v.observed), basis(v), v.censored ? v.censored : ''];
        }),
      ),
      '',
      'By tier:',
      textTable(
        ['tier', 'MQLs', 'accepted', 'SLA met', 'black hole', 'opportunity'],
        result.segments.tier.map((s) => [
          s.key,
          s.metrics.mql_count.observed,
          formatRate(s.metrics.acceptance_rate.observed),
          formatRate(s.metrics.sla_compliance_rate.observed),
          formatRate(s.metrics.black_hole_rate.observed),
          formatRate(s.metrics.opportunity_rate.observed),
        ]),
      ),
    ];
    for (const w of result.warnings) lines.push(`Note: ${w}`);
    io.out(lines.join('\n'));
  },
};
