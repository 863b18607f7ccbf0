// What the forecast rests on, in plain words: who enters and leaves the MQL
// set, and the engine's warnings (extrapolation above all). Text from the
// engine is rendered as text.
import { memo } from 'react';
import { formatInteger } from '../../charts/format';
import type { ForecastResult } from '../../charts/scenario-deltas';

/** The expected-values path always says it has no interval; the cards already say so, better. */
export function visibleWarnings(result: ForecastResult): string[] {
  return result.warnings.filter((w) => !w.startsWith('Expected values only'));
}

export function cohortSentence(result: ForecastResult): string {
  const d = result.details;
  const parts = [`${formatInteger(d.shared)} MQLs are handed off under both policies`];
  parts.push(d.entered > 0 ? `${formatInteger(d.entered)} enter the MQL set (their outcomes are predicted)` : 'none enters the MQL set');
  parts.push(d.left > 0 ? `${formatInteger(d.left)} leave it` : 'none leaves it');
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
