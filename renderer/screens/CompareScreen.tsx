// Compare: 2-4 saved scenarios side by side with the policy in force, each
// forecast with 90% intervals (progress shown, cancellable), a table of every
// metric and charts of the changes; the table leaves as CSV, the comparison
// as a one-page report (printed, or saved as HTML).
import { useMemo } from 'react';
import { cancelComparison, loadScenarioList, runComparison } from '../app/compare-actions';
import { useAppShallow, useServices } from '../app/context';
import { useSavedScenarioList } from '../app/useSavedScenarioList';
import { compareColumns, exportCompareCsv, exportCompareReport } from '../app/export-actions';
import { compareWarnings, formatWindow } from '../charts/compare-metrics';
import { CompareTable } from '../components/compare/CompareTable';
import { DeltaCharts } from '../components/compare/DeltaCharts';
import { ScenarioPicker } from '../components/compare/ScenarioPicker';
import { EmptyState, ErrorNote, Loading } from '../components/states';
import { NoWorkspace } from '../components/NoWorkspace';
import { MIN_COMPARED } from '../store/compare-slice';
import type { AppState } from '../store/app-store';
import { selectShellActions } from '../store/selectors';

const selectCompareView = (s: AppState) => ({
  workspace: s.workspace,
  listStatus: s.compareListStatus,
  listing: s.compareListing,
  listError: s.compareListError,
  selected: s.compareSelected,
  runs: s.compareRuns,
  error: s.compareError,
});

export function CompareScreen() {
  const { platform, store } = useServices();
  const { workspace, listStatus, listing, listError, selected, runs, error } = useAppShallow(selectCompareView);
  const { setScreen } = useAppShallow(selectShellActions);
  const path = workspace?.path ?? null;

  useSavedScenarioList(path);

  const { baseline, columns } = useMemo(() => compareColumns({ compareRuns: runs }), [runs]);
  const running = runs.some((r) => r.status === 'running' || r.status === 'queued');

  if (!workspace) {
    return (
      <NoWorkspace screen="compare" title="Open a workspace to compare scenarios">
        Two to four saved scenarios side by side, with 90% intervals, ready for the leadership review.
      </NoWorkspace>
    );
  }
  if (listStatus === 'error' && listError) {
    return (
      <div className="compare">
        <ErrorNote error={listError} />
        <button type="button" className="btn btn-primary" onClick={() => void loadScenarioList(platform, store)}>
          Retry
        </button>
      </div>
    );
  }
  if (listing.length === 0 && listStatus !== 'ready') return <Loading label="Reading the saved scenarios…" />;
  if (listing.length < MIN_COMPARED) {
    return (
      <EmptyState
        title={listing.length === 0 ? 'No saved scenarios yet' : 'Only one saved scenario so far'}
        icon="compare"
        action={
          <button type="button" className="btn btn-primary" onClick={() => setScreen('scenarios')} data-testid="go-scenarios">
            Go to Scenarios
          </button>
        }
      >
        Compare puts saved scenarios side by side. Save scenarios in the Scenarios screen (at least two: for example a higher threshold and a faster SLA),
        then come back here.
      </EmptyState>
    );
  }

  const warnings = baseline || columns.length > 0 ? compareWarnings(baseline ? [baseline, ...columns] : columns) : [];
  const first = columns[0] ?? baseline;

  return (
    <div className="compare" aria-busy={running}>
      <ScenarioPicker
        listing={listing}
        selected={selected}
        running={running}
        onToggle={(name) => store.getState().toggleCompared(name)}
        onRun={() => void runComparison(platform, store)}
        onCancel={() => void cancelComparison(platform, store)}
      />
      {error ? <ErrorNote error={error} /> : null}
      {runs.length > 0 ? (
        <>
          <div className="compare-toolbar">
            <div className="print-only print-title">
              <h2>Scenario comparison</h2>
            </div>
            <p className="muted small">{first ? `Window: ${formatWindow(first.result.window)} · MQLs whose MQL moment falls in it` : 'Forecasting…'}</p>
            <div className="toolbar-actions no-print">
              <button type="button" className="btn btn-small" disabled={columns.length === 0} onClick={() => void exportCompareCsv(platform, store)} data-testid="export-csv">
                Export CSV
              </button>
              <button type="button" className="btn btn-small" disabled={columns.length === 0} onClick={() => void exportCompareReport(platform, store)} data-testid="export-report">
                Save report
              </button>
              <button type="button" className="btn btn-small" disabled={columns.length === 0 || running} onClick={() => window.print()} data-testid="print-report">
                Print…
              </button>
            </div>
          </div>
          <CompareTable runs={runs} />
          {baseline && columns.length > 0 ? <DeltaCharts columns={columns} baseline={baseline} /> : null}
          {warnings.length > 0 ? (
            <ul className="warnings" aria-label="Read with care">
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="muted compare-hint">Pick two to four scenarios and press Compare. Each forecast takes a few seconds; progress shows in its column.</p>
      )}
    </div>
  );
}
