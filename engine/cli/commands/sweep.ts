// handoff-lab sweep: every metric per MQL threshold under a scenario (the frontier chart's data).
import type { ThresholdSweepResult } from '../../analysis/types';
import { thresholdSweep } from '../../analysis/threshold-sweep';
import { formatFlag, optionalString, requireString, UsageError, type Command } from '../command';
import { formatNumber, textTable } from '../text-table';
import { withSession } from './analysis-session';
import { readScenarioFile } from './forecast';
import { formatMetric } from './metrics';

function numberFlag(text: string | undefined, name: string, min = -Infinity, max = Infinity, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'}${Number.isFinite(min) ? ` from ${min} to ${max}` : ''}, got "${text}".`);
  }
  return n;
}

const COLUMNS = ['mql_count', 'acceptance_rate', 'black_hole_rate', 'sla_compliance_rate', 'sql_rate', 'opportunity_rate', 'won_count'] as const;

export function sweepTable(r: ThresholdSweepResult): string {
  const lines = [
    `Threshold sweep: ${r.points.length} thresholds, scenario at ${r.currentThreshold}, policy in force at ${r.baselineThreshold} (${Math.round(r.elapsedMs)} ms)`,
    '',
    textTable(
      ['threshold', ...COLUMNS, 'MQLs/rep/day'],
      r.points.map((p) => [
        `${formatNumber(p.threshold, 1)}${p.threshold === r.currentThreshold ? ' *' : ''}`,
        ...COLUMNS.map((m) => formatMetric(m, p.metrics[m])),
        formatNumber(p.repLoadPerDay, 2),
      ]),
    ),
  ];
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'Every handoff metric as a function of the MQL threshold under a scenario, with rep load.',
  usage: 'handoff-lab sweep --workspace W.duckdb --scenario S.json [--from N] [--to N] [--steps 100..1000] [--format json|table]',
  flags: { workspace: { type: 'string' }, scenario: { type: 'string' }, format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, steps: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const from = numberFlag(optionalString(flags, 'from'), 'from');
    const to = numberFlag(optionalString(flags, 'to'), 'to');
    const steps = numberFlag(optionalString(flags, 'steps'), 'steps', 100, 1000, true);
    if (from !== undefined && to !== undefined && !(to > from)) throw new UsageError(`--to must be above --from (${from}), got ${to}.`);
    const scenario = readScenarioFile(requireString(flags, 'scenario'));
    const result = await withSession(flags, (s) =>
      thresholdSweep(s, scenario, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(steps !== undefined ? { steps } : {}) }),
    );
    io.out(format === 'json' ? JSON.stringify(result, null, 2) : sweepTable(result));
  },
};
