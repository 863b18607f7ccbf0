// The comparison table: a row per metric; observed history, the policy in
// force replayed, then per scenario its forecast, 90% interval and change.
// A column still running shows its progress; a failed one says why.
import { useApp } from '../../app/context';
import { COMPARE_METRICS, deltaTone, formatDelta, formatInterval, formatMetric, metricDelta } from '../../charts/compare-metrics';
import { MISSING } from '../../charts/format';
import { BASELINE_KEY, type CompareRun } from '../../store/compare-slice';
import { selectJobs } from '../../store/selectors';

function ColumnHead({ run }: { readonly run: CompareRun }) {
  const jobs = useApp(selectJobs);
  const job = run.jobId ? jobs[run.jobId] : undefined;
  const pct = Math.round((job?.fraction ?? 0) * 100);
  return (
    <th scope="col" className={`col-${run.status}`}>
      <span className="col-title">{run.label}</span>
      {run.status === 'running' ? (
        <span className="col-progress">
          <span className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={`Forecasting ${run.label}`}>
            <span style={{ width: `${pct}%` }} />
          </span>
          <span className="col-note">{job?.message || 'Starting…'}</span>
        </span>
      ) : run.status === 'queued' ? (
        <span className="col-note">Waiting…</span>
      ) : run.status === 'cancelled' ? (
        <span className="col-note">Cancelled</span>
      ) : run.status === 'error' ? (
        <span className="col-note col-error" role="alert">
          {run.error?.message ?? 'The forecast failed.'}
        </span>
      ) : (
        <span className="col-note">{run.key === BASELINE_KEY ? 'replayed, the reference' : `${run.result?.details.runs ?? 0} runs`}</span>
      )}
    </th>
  );
}

export function CompareTable({ runs }: { readonly runs: readonly CompareRun[] }) {
  const baseline = runs.find((r) => r.key === BASELINE_KEY) ?? null;
  const reference = baseline?.result ?? null;
  // Observed comes from whichever column answered first: every forecast carries history for the same window.
  const observedFrom = runs.find((r) => r.result)?.result ?? null;
  return (
    <div className="card compare-table-card">
      <div className="table-scroll">
        <table className="compare-table" data-testid="compare-table">
          <caption className="sr-only">Forecast per scenario with 90% intervals and change against the policy in force</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">
                <span className="col-title">Observed</span>
                <span className="col-note">history, policy in force</span>
              </th>
              {runs.map((r) => (
                <ColumnHead key={r.key} run={r} />
              ))}
            </tr>
          </thead>
          <tbody>
            {COMPARE_METRICS.map((spec) => (
              <tr key={spec.name} data-metric={spec.name}>
                <th scope="row">{spec.label}</th>
                <td className="num">{observedFrom ? formatMetric(spec.kind, observedFrom.metrics[spec.name].observed) : MISSING}</td>
                {runs.map((r) => {
                  if (!r.result) return <td key={r.key} className="num pending">{r.status === 'running' || r.status === 'queued' ? <span className="skeleton skeleton-line short" /> : MISSING}</td>;
                  const m = r.result.metrics[spec.name];
                  const d = r.key !== BASELINE_KEY && reference ? metricDelta(spec.kind, m.forecast, reference.metrics[spec.name].forecast) : null;
                  return (
                    <td key={r.key} className="num" data-testid={`cell-${spec.name}`} data-column={r.label}>
                      <span className="cell-value">{formatMetric(spec.kind, m.forecast)}</span>
                      <span className="cell-interval" title="90% interval">
                        {formatInterval(spec.kind, m)}
                      </span>
                      {r.key !== BASELINE_KEY ? <span className={`delta delta-${deltaTone(spec, d)}`}>{formatDelta(d)}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small table-foot">
        Forecast: expected value; below it the 90% interval; then the change against the policy in force (rates in percentage points, volumes in percent).
        Green is better news for the handoff, red worse; the sign says which way.
      </p>
    </div>
  );
}
