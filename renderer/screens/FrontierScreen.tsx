// Threshold frontier: MQL volume, rep load, acceptance and opportunity rate
// for every threshold at once, with the policy in force and the proposed
// threshold marked, and the two side by side in numbers below the chart.
import { useEffect, useMemo } from 'react';
import { useAppShallow, useServices } from '../app/context';
import { useSavedScenarioList } from '../app/useSavedScenarioList';
import { exportFrontierCsv } from '../app/export-actions';
import { cancelFrontier, loadFrontier, syncFrontierWorkspace } from '../app/frontier-actions';
import { formatInteger, formatPercent } from '../charts/format';
import { formatLoad, frontierOption, frontierSummary, pointAt, thresholdLabel, type SweepPoint, type SweepResult } from '../charts/frontier-chart';
import { ChartPanel } from '../components/export/ChartPanel';
import { ErrorNote } from '../components/states';
import { NoWorkspace } from '../components/NoWorkspace';
import type { AppState } from '../store/app-store';
import { BASELINE_KEY } from '../store/compare-slice';
import type { Theme } from '../store/ui-slice';

const selectFrontierView = (s: AppState) => ({
  workspace: s.workspace,
  listing: s.compareListing,
  scenario: s.frontierScenario,
  status: s.frontierStatus,
  result: s.frontierResult,
  error: s.frontierError,
  jobId: s.frontierJobId,
  job: s.frontierJobId ? s.jobs[s.frontierJobId] : undefined,
});

export function FrontierScreen() {
  const { platform, store } = useServices();
  const { workspace, listing, scenario, status, result, error, jobId, job } = useAppShallow(selectFrontierView);
  const path = workspace?.path ?? null;

  useSavedScenarioList(path, syncFrontierWorkspace);

  useEffect(() => {
    if (path === null) return;
    void loadFrontier(platform, store);
  }, [platform, store, path, scenario]);

  if (!workspace) {
    return (
      <NoWorkspace screen="frontier" title="Open a workspace to see the threshold frontier">
        Every threshold at once: MQL volume and rep load against acceptance and conversion, with the policy in force marked.
      </NoWorkspace>
    );
  }

  const loading = status === 'loading';
  return (
    <div className="frontier" aria-busy={loading}>
      <div className="filters frontier-bar">
        <label className="select-field">
          <span className="filter-label">Hold the other policy blocks of</span>
          <select className="select" value={scenario} onChange={(e) => store.getState().setFrontierScenario(e.target.value)} data-testid="frontier-scenario">
            <option value={BASELINE_KEY}>Policy in force</option>
            {listing.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small frontier-explain">
          The chosen scenario's threshold is marked as proposed; its scoring, SLAs and capacity stay fixed while the threshold moves.
        </p>
        <div className="toolbar-actions">
          {loading && jobId ? (
            <button type="button" className="btn btn-small" onClick={() => void cancelFrontier(platform, store)}>
              Cancel
            </button>
          ) : null}
          <button type="button" className="btn btn-small" disabled={!result} onClick={() => void exportFrontierCsv(platform, store)} data-testid="frontier-csv">
            Export CSV
          </button>
        </div>
      </div>

      {loading ? (
        <div className="sweep-progress" role="status" aria-live="polite">
          <span className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((job?.fraction ?? 0) * 100)} aria-label="Sweeping thresholds">
            <span style={{ width: `${Math.round((job?.fraction ?? 0) * 100)}%` }} />
          </span>
          <span className="muted small">{job?.message || 'Sweeping every threshold…'}</span>
        </div>
      ) : null}

      {status === 'error' && error ? (
        <div className="health-error">
          <ErrorNote error={error} />
          <button type="button" className="btn btn-primary" onClick={() => void loadFrontier(platform, store, true)}>
            Retry
          </button>
        </div>
      ) : null}

      {result ? <FrontierBody result={result} updating={loading} /> : loading ? <div className="card skeleton-card frontier-skeleton" aria-hidden="true"><span className="skeleton skeleton-chart" /></div> : null}
    </div>
  );
}

function FrontierBody({ result, updating }: { readonly result: SweepResult; readonly updating: boolean }) {
  const build = useMemo(() => (t: Theme, p: boolean) => frontierOption(result, t, p), [result]);
  const inForce = pointAt(result.points, result.baselineThreshold);
  const proposed = result.currentThreshold !== result.baselineThreshold ? pointAt(result.points, result.currentThreshold) : null;
  return (
    <div className={`frontier-body${updating ? ' updating' : ''}`}>
      <ChartPanel
        title="Volume against quality, by MQL threshold"
        subtitle="Raise the threshold: fewer MQLs and lighter rep load; acceptance and conversion usually rise. Lines: expected values from replaying history."
        build={build}
        summary={frontierSummary(result)}
        height={460}
        fileName="threshold-frontier"
        testId="frontier-chart"
        wide
      />
      <section className="card frontier-readout" aria-label="In force and proposed threshold">
        <table className="compare-table" data-testid="frontier-table">
          <thead>
            <tr>
              <th scope="col">Threshold</th>
              <th scope="col">MQLs</th>
              <th scope="col">Rep load</th>
              <th scope="col">Acceptance</th>
              <th scope="col">Opportunity rate</th>
            </tr>
          </thead>
          <tbody>
            <ReadoutRow label="In force" point={inForce} testId="frontier-in-force" />
            {proposed ? <ReadoutRow label="Proposed" point={proposed} testId="frontier-proposed" /> : null}
          </tbody>
        </table>
        {!proposed ? <p className="muted small">The chosen scenario keeps the threshold in force; pick a scenario with another threshold to mark a proposal.</p> : null}
      </section>
      {/* The engine's warnings already say which metrics the curve approximates. */}
      {result.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Read with care">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ReadoutRow({ label, point, testId }: { readonly label: string; readonly point: SweepPoint | null; readonly testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">
        {label} {point ? <span className="muted">· {thresholdLabel(point.threshold)}</span> : null}
      </th>
      <td className="num">{formatInteger(point?.metrics.mql_count)}</td>
      <td className="num">{formatLoad(point?.repLoadPerDay)}</td>
      <td className="num" data-testid={`${testId}-acceptance`}>
        {formatPercent(point?.metrics.acceptance_rate)}
      </td>
      <td className="num">{formatPercent(point?.metrics.opportunity_rate)}</td>
    </tr>
  );
}
