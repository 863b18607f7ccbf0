// What the forecast rests on, in plain words: who enters and leaves the MQL
// set, and the engine's warnings (extrapolation above all). Text from the
// engine is rendered as text.
import { memo } from 'react';
import { formatInteger } from '../../charts/format';
import type { ForecastResult } from '../../charts/scenario-deltas';

/**
 * The expected-values path always says it has no interval; the cards already say so, better. The
 * baseline's inferred fields ("Baseline inferred: ...") are the screen's own disclosure above the editor.
 */
export function visibleWarnings(result: ForecastResult): string[] {
  return result.warnings.filter((w) => !w.startsWith('Expected values only') && !w.startsWith('Baseline inferred:'));
}

/**
 * The forecast keeps history's outcome for an MQL only when the lead qualifies
 * within a week of when it did; everything else is predicted afresh. That is
 * why its "predicted" count can exceed the lead list's "enter" count: a lead
 * whose MQL moment moves by more than a week is in both policies' sets.
 */
export function cohortSentence(result: ForecastResult): string {
  const d = result.details;
  const parts = [`${formatInteger(d.shared)} MQLs keep what history shows (handed off within a week of when they were)`];
  parts.push(
    d.entered > 0
      ? `${formatInteger(d.entered)} are predicted afresh (new MQLs, or MQLs moved by more than a week)`
      : 'none needs predicting afresh',
  );
  parts.push(d.left > 0 ? `${formatInteger(d.left)} of history's MQLs are not handed off` : "none of history's MQLs drops out");
  return `${parts.join('; ')}.`;
}

export const ForecastNotes = memo(function ForecastNotes({ result }: { readonly result: ForecastResult }) {
  const warnings = visibleWarnings(result);
  const extrapolated = result.details.extrapolated;
  return (
    <section className="policy-note scn-notes" aria-label="About this forecast">
      <div className="policy-line">
        <span className="policy-pill pill-model">Replay</span>
        <span data-testid="cohort-sentence">{cohortSentence(result)}</span>
        {extrapolated > 0 ? (
          <span className="extrapolation-flag" role="note">
            {formatInteger(extrapolated)} of them score below anything sales has seen: treat their share of the forecast with care.
          </span>
        ) : null}
      </div>
      {warnings.length > 0 ? (
        <ul className="warnings" aria-label="Forecast warnings" data-testid="forecast-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});
