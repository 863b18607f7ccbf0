// handoff-lab model-health: AUC, calibration by score band and decile lift of a scoring.
import { modelHealth } from '../../analysis/model-health';
import type { ModelHealthReport, OutcomeHealth } from '../../analysis/types';
import { formatFlag, type Command } from '../command';
import { formatNumber, formatRate, textTable } from '../text-table';
import { optionalScenario, withSession } from './analysis-session';

function outcomeBlock(h: OutcomeHealth): string[] {
  return [
    `${h.outcome}: AUC ${h.auc === null ? '—' : h.auc.toFixed(3)} over ${formatNumber(h.count)} leads (${formatNumber(h.positives)} positive)${h.leakageSuspected ? '  LEAKAGE SUSPECTED' : ''}`,
    textTable(
      ['score band', 'leads', 'predicted', 'observed'],
      h.calibration.filter((b) => b.count > 0).map((b) => [`${b.low}-${b.high}`, formatNumber(b.count), formatRate(b.predicted), formatRate(b.observed)]),
    ),
    textTable(['decile', 'rate', 'lift', 'captured'], h.lift.map((d) => [String(d.decile), formatRate(d.rate), formatNumber(d.lift, 2), formatRate(d.cumulativeCapture)])),
  ];
}

export function healthTable(r: ModelHealthReport): string {
  return [`Model health of the ${r.scoring === 'baseline' ? 'policy in force' : `scenario ${r.scenario ?? ''}`} scoring`, '', ...outcomeBlock(r.acceptance), '', ...outcomeBlock(r.opportunity), '', ...r.warnings.map((w) => `Note: ${w}`)].join('\n');
}

export const modelHealthCommand: Command = {
  name: 'model-health',
  summary: 'How well a scoring ranks and predicts acceptance and opportunities: ROC AUC, calibration by score band, lift by decile.',
  usage: 'handoff-lab model-health --workspace W.duckdb [--scenario S.json] [--format json|table]',
  flags: { workspace: { type: 'string' }, scenario: { type: 'string' }, format: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const scenario = optionalScenario(flags);
    const result = await withSession(flags, (s) => modelHealth(s, scenario));
    io.out(format === 'json' ? JSON.stringify(result, null, 2) : healthTable(result));
  },
};
