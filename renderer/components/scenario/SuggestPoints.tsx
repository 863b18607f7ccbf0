// "Suggest points from evidence", inside the editor's Points per activity
// section: the engine fits points to which leads became opportunities (a
// cancellable job, its progress shown here), then a compact panel says how
// the suggested points rank held-out leads, lists the biggest changes, and
// offers to apply them as one undoable edit. Text from the engine is text.
import { useApp, useAppShallow, useServices } from '../../app/context';
import { applySuggestedScenarioPoints, cancelSuggestScenarioPoints, suggestScenarioPoints } from '../../app/scenario-actions';
import { fieldLabel, threshold } from '../../app/scenario-edits';
import { aucSentence, biggestChanges, formatAuc, formatLift, formatPoints, liftSentence, rowLabel, signedPoints, type Suggestion } from '../../app/suggest-weights';
import { formatInteger } from '../../charts/format';
import { selectScenarioDraft, selectSuggestView } from '../../store/scenario-selectors';
import { stripField } from './useFieldError';

export function SuggestPoints() {
  const { platform, store } = useServices();
  const { running, progress, result, error } = useAppShallow(selectSuggestView);
  const draft = useApp(selectScenarioDraft);
  if (running) {
    const pct = Math.round((progress ?? 0) * 100);
    return (
      <div className="suggest-status" data-testid="suggest-progress">
        <span className="small">Fitting points to opportunities {pct}%</span>
        <span className="mini-bar" role="progressbar" aria-label="Suggest points from evidence" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${pct}%` }} />
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void cancelSuggestScenarioPoints(platform, store)}>
          Cancel
        </button>
      </div>
    );
  }
  const message = error ? (error.field ? `${fieldLabel(error.field, draft)}: ${stripField(error.message, error.field)}` : stripField(error.message, undefined)) : null;
  return (
    <>
      {result ? (
        <SuggestionPanel result={result} draftThreshold={draft ? threshold(draft) : null} onApply={() => applySuggestedScenarioPoints(store)} onDismiss={() => store.getState().scenarioSuggestDismissed()} />
      ) : (
        <button type="button" className="btn btn-small suggest-btn" onClick={() => void suggestScenarioPoints(platform, store)} data-testid="suggest-points">
          Suggest points from evidence
        </button>
      )}
      {message ? (
        <span className="field-error" role="alert" data-testid="suggest-error">
          Could not suggest points: {message}
        </span>
      ) : null}
    </>
  );
}

function SuggestionPanel({
  result,
  draftThreshold,
  onApply,
  onDismiss,
}: {
  readonly result: Suggestion;
  readonly draftThreshold: number | null;
  readonly onApply: () => void;
  readonly onDismiss: () => void;
}) {
  const h = result.heldOut;
  const changes = biggestChanges(result.rows);
  const suggestedThreshold = result.scenario.mql?.threshold;
  return (
    <section className="suggest-panel" aria-label="Suggested points" data-testid="suggest-panel">
      <h4 className="suggest-title">Suggested points</h4>
      <p className="small" data-testid="suggest-auc-sentence">
        {aucSentence(h)}
      </p>
      <table className="scn-table suggest-quality">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Measure</span>
            </th>
            <th scope="col" className="num">
              In force
            </th>
            <th scope="col" className="num">
              Suggested
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Opportunity AUC</th>
            <td className="num" data-testid="suggest-auc-current">
              {formatAuc(h.aucCurrent)}
            </td>
            <td className="num" data-testid="suggest-auc-suggested">
              {formatAuc(h.aucSuggested)}
            </td>
          </tr>
          <tr>
            <th scope="row">Top-decile lift</th>
            <td className="num" data-testid="suggest-lift-current">
              {formatLift(h.topDecileLiftCurrent)}
            </td>
            <td className="num" data-testid="suggest-lift-suggested">
              {formatLift(h.topDecileLiftSuggested)}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        {liftSentence(h)} Measured on {formatInteger(h.leads)} held-out leads, {formatInteger(h.positives)} of which became opportunities.
      </p>
      {changes.length > 0 ? (
        <table className="scn-table suggest-changes" data-testid="suggest-changes">
          <caption className="small">Biggest point changes</caption>
          <thead>
            <tr>
              <th scope="col">Points for</th>
              <th scope="col" className="num">
                In force
              </th>
              <th scope="col" className="num">
                Suggested
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((r) => (
              <tr key={`${r.kind}:${r.key}`}>
                <th scope="row">{rowLabel(r)}</th>
                <td className="num">{formatPoints(r.current)}</td>
                <td className="num">{formatPoints(r.suggested)}</td>
                <td className="num">{signedPoints(r.suggested - r.current)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">The suggested points are the same as the ones in force.</p>
      )}
      {suggestedThreshold !== undefined && draftThreshold !== null ? (
        <p className="small" data-testid="suggest-threshold">
          MQL threshold {draftThreshold === suggestedThreshold ? `stays ${suggestedThreshold}` : `${draftThreshold} → ${suggestedThreshold}`}: with the suggested points, about as many leads qualify as under the policy in force.
        </p>
      ) : null}
      {result.notes.length > 0 ? (
        <details className="suggest-notes-box small">
          <summary>How the points were fitted</summary>
          <ul className="suggest-notes muted" data-testid="suggest-notes">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {result.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Suggestion warnings" data-testid="suggest-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <div className="suggest-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={onApply} data-testid="suggest-apply">
          Apply to this scenario
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss} data-testid="suggest-dismiss">
          Dismiss
        </button>
      </div>
    </section>
  );
}
