// A finished import: rows per table and the engine's warnings, then the
// data-quality report and what the loaded data can and cannot answer.
import type { EngineErrorInfo } from '../../../engine/api/contract';
import { formatInteger } from '../../charts/format';
import { QUALITY_CHECKS, shareText, summaryRows, type ImportSummary, type QualityResult } from '../../app/import-model';
import type { LoadStatus } from '../../store/workspace-slice';
import { ErrorNote, Loading } from '../states';

export function ImportSummaryCard({ summary }: { readonly summary: ImportSummary }) {
  const rows = summaryRows(summary);
  return (
    <section className="card import-summary" aria-labelledby="import-done-title" data-testid="import-summary">
      <div className="card-head">
        <h3 id="import-done-title" className="done-title">
          <span className="done-mark" aria-hidden="true">
            ✓
          </span>
          Imported into the workspace
        </h3>
        <span className="muted small">
          Times read in {summary.timezone} · {(summary.durationMs / 1000).toFixed(1)} s
        </span>
      </div>
      <div className="count-grid">
        {rows.map((r) => (
          <div key={r.table} className={`count-tile${r.file === null ? ' absent' : ''}`} data-testid={`count-${r.table}`}>
            <span className="count-label">{r.label}</span>
            <span className="count-value">{formatInteger(r.rows)}</span>
            <span className="muted small count-file" title={r.file ?? undefined}>
              {r.file ?? 'not supplied'}
            </span>
          </div>
        ))}
      </div>
      {summary.warnings.length > 0 ? (
        <ul className="warnings import-warnings" aria-label="Import warnings">
          {summary.warnings.map((w) => (
            <li key={`${w.code}-${w.file ?? ''}`}>
              <span className="warn-count">{formatInteger(w.count)}</span>
              <span>{w.message}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No warnings: every id and date lined up across tables.</p>
      )}
    </section>
  );
}

interface QualityProps {
  readonly status: LoadStatus;
  readonly quality: QualityResult | null;
  readonly error: EngineErrorInfo | null;
  readonly onRetry: () => void;
}

export function DataQuality({ status, quality, error, onRetry }: QualityProps) {
  if (status === 'error' && error) {
    return (
      <section className="card">
        <ErrorNote error={error} />
        <div className="card-actions">
          <button type="button" className="btn" onClick={onRetry}>
            Retry
          </button>
        </div>
      </section>
    );
  }
  if (!quality) return <Loading label="Checking data quality…" />;
  const { report, capabilities } = quality;
  return (
    <div className="quality-grid" data-testid="data-quality">
      <section className="card" aria-labelledby="quality-title">
        <div className="card-head">
          <h3 id="quality-title">Data quality</h3>
          <span className="muted small">
            {formatInteger(report.leads)} leads · {formatInteger(report.handoffs)} handoffs · {formatInteger(report.dispositions)} dispositions
          </span>
        </div>
        <table className="quality-table">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col">
                <span className="sr-only">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {QUALITY_CHECKS.map((c) => {
              const s = report[c.key];
              return (
                <tr key={c.key}>
                  <th scope="row">
                    {c.label}
                    <span className="muted small"> of {c.of}</span>
                  </th>
                  <td className="num">
                    {formatInteger(s.count)}
                    <span className="muted small"> / {formatInteger(s.base)}</span>
                  </td>
                  <td className="num">{shareText(s.share)}</td>
                  <td className="share-cell">
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, (s.share ?? 0) * 100)}%` }} />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {report.notes.length > 0 ? (
          <ul className="warnings quality-notes" aria-label="Quality notes">
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card" aria-labelledby="capabilities-title">
        <div className="card-head">
          <h3 id="capabilities-title">What this data can answer</h3>
        </div>
        <ul className="capabilities" aria-label="Capabilities">
          {capabilities.capabilities.map((c) => (
            <li key={c.key} className={c.available ? 'cap-yes' : 'cap-no'} data-testid={`cap-${c.key}`}>
              <span className="cap-mark" aria-label={c.available ? 'Can answer' : 'Cannot answer'}>
                {c.available ? '✓' : '✕'}
              </span>
              <span>
                {c.sentence}
                {c.source === 'inferred' ? <span className="chip chip-inline">inferred</span> : null}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
