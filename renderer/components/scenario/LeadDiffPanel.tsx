// The leads behind the numbers: who enters or leaves the MQL set (or changes
// tier or MQL time) under the scenario, one page at a time, each with the
// engine's reason. Lead ids and reasons are data: rendered as text.
import { memo } from 'react';
import type { DiffKind } from '../../../engine/api/contract';
import { formatInteger } from '../../charts/format';
import type { KeyedDiff } from '../../store/scenario-slice';
import type { LoadStatus } from '../../store/workspace-slice';
import type { EngineErrorInfo } from '../../../engine/api/contract';
import { ErrorNote } from '../states';

export const DIFF_TABS: readonly { kind: DiffKind; label: string; phrase: string; count: (c: KeyedDiff['result']['counts']) => number }[] = [
  { kind: 'entered', label: 'Enter the MQL set', phrase: 'enter the MQL set', count: (c) => c.entered },
  { kind: 'left', label: 'Leave it', phrase: 'leave the MQL set', count: (c) => c.left },
  { kind: 'tier_changed', label: 'Change tier', phrase: 'change tier', count: (c) => c.tierChanged },
  { kind: 'time_moved', label: 'MQL time moves', phrase: 'reach MQL at another time', count: (c) => c.timeMoved },
];

const DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });
const when = (ms: number | null) => (ms === null ? '–' : `${DATE.format(new Date(ms))} UTC`);
const score = (x: number | null) => (x === null ? '–' : String(Math.round(x * 10) / 10));
const pair = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);

export interface LeadDiffPanelProps {
  readonly kind: DiffKind;
  readonly offset: number;
  readonly pageSize: number;
  readonly diff: KeyedDiff | null;
  /** The page shown answers the current draft, kind and offset. */
  readonly current: boolean;
  readonly status: LoadStatus;
  readonly error: EngineErrorInfo | null;
  readonly onKind: (kind: DiffKind) => void;
  readonly onPage: (offset: number) => void;
  readonly onRetry: () => void;
  /**
   * CSV export of the whole list (the Export work plugs in here; see
   * leadDiffExportRequest in app/scenario-actions.ts). Without it the button
   * says export is coming.
   */
  readonly onExport?: () => void;
}

export const LeadDiffPanel = memo(function LeadDiffPanel({ kind, offset, pageSize, diff, current, status, error, onKind, onPage, onRetry, onExport }: LeadDiffPanelProps) {
  const counts = diff?.result.counts ?? null;
  const page = diff && diff.result.page.kind === kind ? diff.result.page : null;
  const total = page?.total ?? 0;
  const loading = status === 'loading' || !current;
  return (
    <section className="card lead-diff" aria-label="Leads that change" data-testid="lead-diff" aria-busy={loading}>
      <div className="card-head">
        <div>
          <h3>Leads that change</h3>
          <p className="chart-sub">
            {counts
              ? `History handed ${formatInteger(counts.historical)} MQLs to sales in the window; this scenario hands off ${formatInteger(counts.scenario)}.`
              : 'Which leads this scenario hands to sales that history did not, and the other way round.'}
          </p>
        </div>
        <button
          type="button"
          className="btn btn-small"
          data-testid="lead-diff-export"
          disabled={!onExport || total === 0}
          title={onExport ? 'Export this list as CSV' : 'CSV export arrives with the export work'}
          onClick={onExport}
        >
          Export CSV
        </button>
      </div>
      <div className="segmented diff-tabs" role="group" aria-label="Which leads">
        {DIFF_TABS.map((t) => (
          <button key={t.kind} type="button" aria-pressed={kind === t.kind} className={`seg-btn${kind === t.kind ? ' active' : ''}`} onClick={() => onKind(t.kind)} data-testid={`diff-tab-${t.kind}`}>
            {t.label}
            {counts ? <span className="tab-count">{formatInteger(t.count(counts))}</span> : null}
          </button>
        ))}
      </div>
      {status === 'error' && error ? (
        <div className="health-error">
          <ErrorNote error={error} />
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}
      {page && page.rows.length > 0 ? (
        <div className={`table-wrap${loading ? ' updating' : ''}`}>
          <table className="scn-table diff-table">
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Why</th>
                <th scope="col" className="num">Score</th>
                <th scope="col">Tier</th>
                <th scope="col">MQL time</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.leadId}>
                  <td className="mono">{r.leadId}</td>
                  <td>{r.reason}</td>
                  <td className="num">{pair(score(r.historyScore), score(r.scenarioScore))}</td>
                  <td>{pair(r.historyTier ?? '–', r.scenarioTier ?? '–')}</td>
                  <td className="small">{r.scenarioMqlAt !== null && r.historyMqlAt !== null && Math.abs(r.scenarioMqlAt - r.historyMqlAt) > 60_000 ? `${when(r.historyMqlAt)} → ${when(r.scenarioMqlAt)}` : when(r.historyMqlAt ?? r.scenarioMqlAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : status !== 'error' ? (
        <EmptyList loading={loading && !page} kind={kind} counts={counts} onKind={onKind} />
      ) : null}
      {total > pageSize ? (
        <div className="pager">
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
            Previous
          </button>
          <span className="muted small" aria-live="polite">
            {formatInteger(offset + 1)}–{formatInteger(Math.min(total, offset + pageSize))} of {formatInteger(total)}
          </span>
          <button type="button" className="btn btn-small" disabled={offset + pageSize >= total} onClick={() => onPage(offset + pageSize)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
});

/** An empty list points at one that is not, so nobody stares at "0 entered" when 92 left. */
function EmptyList({ loading, kind, counts, onKind }: { readonly loading: boolean; readonly kind: DiffKind; readonly counts: KeyedDiff['result']['counts'] | null; readonly onKind: (k: DiffKind) => void }) {
  if (loading) return <p className="chart-empty">Finding the leads…</p>;
  const other = counts ? DIFF_TABS.find((t) => t.kind !== kind && t.count(counts) > 0) : undefined;
  const phrase = DIFF_TABS.find((t) => t.kind === kind)?.phrase ?? kind;
  return (
    <div className="chart-empty diff-empty">
      <span>No lead would {phrase} under this scenario.</span>
      {other && counts ? (
        <button type="button" className="btn btn-small" onClick={() => onKind(other.kind)}>
          Show the {formatInteger(other.count(counts))} that {other.phrase}
        </button>
      ) : null}
    </div>
  );
}
