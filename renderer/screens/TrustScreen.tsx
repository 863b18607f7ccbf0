// Trust: can the forecast be believed? The identity replay, a time-split
// backtest, the policy-change test and extrapolation warnings (for a chosen
// scenario), then the lead score's model health. Each part loads on its own:
// an engine part not built yet or failing says so and the rest still shows.
import { useEffect } from 'react';
import { useAppShallow, useServices } from '../app/context';
import { useSavedScenarioList } from '../app/useSavedScenarioList';
import { exportTrustCsv } from '../app/export-actions';
import { cancelTrust, loadTrust, syncTrustWorkspace } from '../app/trust-actions';
import { ModelHealth } from '../components/trust/ModelHealth';
import { BacktestCard, IdentityCard, PolicyChangeCard } from '../components/trust/TrustChecks';
import { ErrorNote, Loading } from '../components/states';
import { NoWorkspace } from '../components/NoWorkspace';
import type { AppState } from '../store/app-store';
import { BASELINE_KEY } from '../store/compare-slice';

const selectTrustView = (s: AppState) => ({
  workspace: s.workspace,
  listing: s.compareListing,
  scenario: s.trustScenario,
  report: s.trustReport,
  health: s.trustHealth,
  jobId: s.trustJobId,
  job: s.trustJobId ? s.jobs[s.trustJobId] : undefined,
});

export function TrustScreen() {
  const { platform, store } = useServices();
  const { workspace, listing, scenario, report, health, jobId, job } = useAppShallow(selectTrustView);
  const path = workspace?.path ?? null;

  useSavedScenarioList(path, syncTrustWorkspace);

  useEffect(() => {
    if (path !== null) void loadTrust(platform, store);
  }, [platform, store, path, scenario]);

  if (!workspace) {
    return (
      <NoWorkspace screen="trust" title="Open a workspace to check the forecast">
        Replaying the policy in force against what happened, a time-split backtest of the forecast, and how good the lead score is.
      </NoWorkspace>
    );
  }

  const retry = () => void loadTrust(platform, store, true);
  const pct = Math.round((job?.fraction ?? 0) * 100);
  return (
    <div className="trust" aria-busy={report.status === 'loading' || health.status === 'loading'}>
      <div className="filters frontier-bar">
        <label className="select-field">
          <span className="filter-label">Warnings for scenario</span>
          <select className="select" value={scenario} onChange={(e) => store.getState().setTrustScenario(e.target.value)} data-testid="trust-scenario">
            <option value={BASELINE_KEY}>Policy in force</option>
            {listing.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small frontier-explain">A scenario adds its own warnings (leads outside what sales has seen) and has its scoring checked.</p>
        <div className="toolbar-actions">
          {jobId ? (
            <button type="button" className="btn btn-small" onClick={() => void cancelTrust(platform, store)}>
              Cancel
            </button>
          ) : null}
          <button type="button" className="btn btn-small" disabled={!report.value} onClick={() => void exportTrustCsv(platform, store)} data-testid="trust-csv">
            Export CSV
          </button>
        </div>
      </div>

      <section className="trust-section" aria-label="Trust checks">
        <h2 className="section-title">Can the forecast be believed?</h2>
        {report.status === 'loading' && !report.value ? (
          <div className="sweep-progress" role="status" aria-live="polite">
            <span className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Running the trust checks">
              <span style={{ width: `${pct}%` }} />
            </span>
            <span className="muted small">{job?.message || 'Replaying history and backtesting…'}</span>
          </div>
        ) : null}
        {report.status === 'error' && report.error ? <PartFailed error={report.error} onRetry={retry} what="The trust checks" /> : null}
        {report.value ? (
          <div className={report.status === 'loading' ? 'updating' : ''}>
            {report.value.summary.length > 0 ? (
              <ul className="trust-summary" data-testid="trust-summary">
                {report.value.summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
            <div className="trust-grid">
              <IdentityCard report={report.value} />
              <BacktestCard report={report.value} />
              <PolicyChangeCard report={report.value} />
            </div>
            {report.value.warnings.length > 0 ? (
              <ul className="warnings" aria-label="Extrapolation and other warnings" data-testid="trust-warnings">
                {report.value.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </section>

      {health.status === 'loading' && !health.value ? <Loading label="Checking the lead score against outcomes…" /> : null}
      {health.status === 'error' && health.error ? <PartFailed error={health.error} onRetry={retry} what="Model health" /> : null}
      {health.value ? <ModelHealth report={health.value} /> : null}
    </div>
  );
}

/** One part failed: say which, keep the engine's words, offer Retry. A part not built yet reads the same way. */
function PartFailed({ error, onRetry, what }: { readonly error: { message: string }; readonly onRetry: () => void; readonly what: string }) {
  return (
    <div className="health-error" data-testid="trust-part-error">
      <ErrorNote error={{ ...error, message: `${what} could not run. ${error.message}` }} />
      <button type="button" className="btn" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
