// A failed import: every problem the engine found, grouped by file, with the
// row (line or data row, as the engine counted), column and value.
import type { EngineErrorInfo } from '../../../engine/api/contract';
import { groupIssues, rowText } from '../../app/import-model';

export function ImportFailure({ error, onBack }: { readonly error: EngineErrorInfo; readonly onBack: () => void }) {
  const groups = groupIssues(error);
  const count = groups.reduce((n, g) => n + g.issues.length, 0);
  return (
    <section className="card import-failure" role="alert" aria-labelledby="import-failed-title" data-testid="import-failure">
      <div className="failure-head">
        <h3 id="import-failed-title">The import stopped: {count === 1 ? 'one problem' : `${count} problems`} to fix</h3>
        <p className="unchanged">
          <strong>The workspace is unchanged.</strong> Nothing was imported; fix the files below and import again.
        </p>
      </div>
      {groups.map((g) => (
        <div key={g.file ?? '(import)'} className="issue-group">
          <h4>{g.file ?? 'The import as a whole'}</h4>
          <table className="issue-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {g.issues.map((i, k) => (
                <tr key={k}>
                  <td className="nowrap">{rowText(i) || '—'}</td>
                  <td className="issue-column">{i.column ?? '—'}</td>
                  <td className="issue-value">{i.value === null ? '—' : <code className="value">{i.value === '' ? '(empty)' : i.value}</code>}</td>
                  <td>{i.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="card-actions">
        <button type="button" className="btn btn-primary" onClick={onBack}>
          Back to the mapping
        </button>
      </div>
    </section>
  );
}
