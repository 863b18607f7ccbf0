// handoff-lab suggest-weights: activity and fit points fitted to opportunities, as a scenario file.
import { writeFileSync } from 'node:fs';
import { suggestWeights } from '../../analysis/suggest-weights';
import type { SuggestedWeights } from '../../analysis/types';
import { formatFlag, optionalString, type Command } from '../command';
import { formatNumber, textTable } from '../text-table';
import { resolvePolicy } from '../../scenario/resolve';
import { optionalScenario, withSession } from './analysis-session';

const auc = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export function suggestedTable(r: SuggestedWeights): string {
  const h = r.heldOut;
  return [
    `Suggested weights (fitted on opportunities); held out ${formatNumber(h.leads)} leads: AUC ${auc(h.aucCurrent)} now -> ${auc(h.aucSuggested)} suggested, top-decile lift ${formatNumber(h.topDecileLiftCurrent, 2)} -> ${formatNumber(h.topDecileLiftSuggested, 2)}`,
    '',
    textTable(['kind', 'activity or rule', 'current', 'suggested', 'leads'], r.rows.map((w) => [w.kind, w.key, formatNumber(w.current), formatNumber(w.suggested), formatNumber(w.support)])),
    '',
    ...r.notes,
    ...r.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

export const suggestWeightsCommand: Command = {
  name: 'suggest-weights',
  summary: 'Activity and fit-rule points fitted from which leads became opportunities, with held-out AUC against the current weights.',
  usage: 'handoff-lab suggest-weights --workspace W.duckdb [--scenario S.json] [--out suggested.json] [--format json|table]',
  flags: { workspace: { type: 'string' }, scenario: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const out = optionalString(flags, 'out');
    const scenario = optionalScenario(flags);
    // --scenario: start from (and compare against) that scenario's weights instead of the policy in force.
    const result = await withSession(flags, (s) => suggestWeights(s, scenario === undefined ? s.baseline : resolvePolicy(s.baseline, scenario)));
    // The scenario alone, ready for the editor or `forecast --scenario`.
    if (out !== undefined) writeFileSync(out, `${JSON.stringify(result.scenario, null, 2)}\n`);
    io.out(format === 'json' ? JSON.stringify(result, null, 2) : suggestedTable(result));
  },
};
