// "Suggest points from evidence": the engine's suggested weights in the
// editor's words. Pure helpers, so the screen, the tests and the browser test
// format the numbers the same way.
import type { EngineResults } from '../../engine/api/contract';
import { humanize } from '../charts/format';

export type Suggestion = EngineResults['suggestWeights'];
export type SuggestionRow = Suggestion['rows'][number];

/** AUC as the panel shows it: two decimals, or a dash when the engine could not compute it. */
export function formatAuc(auc: number | null): string {
  return auc === null ? '–' : auc.toFixed(2);
}

/** Top-decile lift as the panel shows it: "1.8×". */
export function formatLift(lift: number | null): string {
  return lift === null ? '–' : `${lift.toFixed(1)}×`;
}

/** One sentence on ranking quality over held-out leads, current vs suggested points. */
export function aucSentence(h: Suggestion['heldOut']): string {
  const { aucCurrent: cur, aucSuggested: sug } = h;
  if (cur === null || sug === null) return 'Too few held-out leads became opportunities (or none did not) to compare how well the points rank them.';
  const shown = `AUC ${formatAuc(cur)} → ${formatAuc(sug)}`;
  // Compare what is shown: 0.561 vs 0.564 both read 0.56, which is "about as well".
  const a = Number(formatAuc(cur));
  const b = Number(formatAuc(sug));
  const verdict = b > a ? 'rank future opportunities better' : b < a ? 'rank future opportunities worse' : 'rank future opportunities about as well';
  return `On leads held out of the fit, the suggested points ${verdict}: ${shown}.`;
}

/** One sentence on the top tenth of scores. */
export function liftSentence(h: Suggestion['heldOut']): string {
  if (h.topDecileLiftCurrent === null || h.topDecileLiftSuggested === null) return 'Top-decile lift could not be computed on the held-out leads.';
  return `The top tenth of scores becomes opportunities at ${formatLift(h.topDecileLiftCurrent)} the overall rate with the points in force, ${formatLift(h.topDecileLiftSuggested)} with the suggested points.`;
}

/** The rows whose points move most, biggest change first; unchanged rows are left out. */
export function biggestChanges(rows: readonly SuggestionRow[], limit = 6): SuggestionRow[] {
  return rows
    .filter((r) => r.suggested !== r.current)
    .map((r, i) => ({ r, i }))
    .sort((x, y) => Math.abs(y.r.suggested - y.r.current) - Math.abs(x.r.suggested - x.r.current) || x.i - y.i)
    .slice(0, limit)
    .map(({ r }) => r);
}

/** A row's name: an activity type in words, or the fit rule as the engine words it. */
export function rowLabel(r: SuggestionRow): string {
  return r.kind === 'activity' ? humanize(r.key) : r.key;
}

export function signedPoints(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded === 0 ? '0' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
}

/** Points as the panel shows them, with a true minus sign. */
export function formatPoints(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded < 0 ? `−${Math.abs(rounded)}` : String(rounded);
}
