// The first screen: one click to the sample, or a workspace of your own, and
// the ones opened before. Every engine call goes through the actions module.
import { useMemo, useState, type FormEvent } from 'react';
import { chooseAndOpen, openSample, openWorkspaceAt } from '../app/actions';
import { useApp, useAppShallow, useServices } from '../app/context';
import { rowCountsOption, formatCount } from '../charts/row-counts';
import { EChart } from '../components/EChart';
import { Icon } from '../components/icons';
import { ErrorNote, Loading } from '../components/states';
import { fileName } from '../components/TopBar';
import { selectPresenter, selectShellActions, selectTheme, selectWorkspaceView } from '../store/selectors';

export function WelcomeScreen() {
  const { platform, store } = useServices();
  const { workspace, status, error, recent } = useAppShallow(selectWorkspaceView);
  const { setScreen } = useAppShallow(selectShellActions);
  const busy = status === 'loading';

  return (
    <div className="welcome">
      <section className="card hero">
        <div className="hero-text">
          <span className="eyebrow">Lead handoff workbench</span>
          <h2>See what a different MQL policy would have done to your pipeline.</h2>
          <p>
            Replay a year of lead handoffs under another threshold, other scoring weights, tighter SLAs or more reps, and read the
            forecast acceptance, speed to lead and conversion with honest 90% intervals.
          </p>
          <div className="hero-actions">
            <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => void openSample(platform, store)} data-testid="open-sample">
              <Icon name="spark" />
              Open the sample workspace
            </button>
            {platform.canChooseFiles ? (
              <>
                <button type="button" className="btn btn-large" disabled={busy} onClick={() => void chooseAndOpen(platform, store, 'open-workspace')}>
                  <Icon name="folder" />
                  Open workspace…
                </button>
                <button type="button" className="btn btn-ghost btn-large" disabled={busy} onClick={() => void chooseAndOpen(platform, store, 'new-workspace')}>
                  New workspace…
                </button>
              </>
            ) : null}
          </div>
          {!platform.canChooseFiles ? <PathForm disabled={busy} /> : null}
          {busy ? <Loading label="Opening workspace…" /> : null}
          {status === 'error' && error ? <ErrorNote error={error} onDismiss={() => store.getState().dismissWorkspaceError()} /> : null}
        </div>
        <HeroFigure />
      </section>

      <div className="welcome-grid">
        {workspace ? (
          <section className="card" aria-labelledby="ws-title">
            <div className="card-head">
              <h3 id="ws-title">{fileName(workspace.path)}</h3>
              <span className="muted small">{formatCount(Object.values(workspace.rowCounts).reduce((a, b) => a + b, 0))} rows</span>
            </div>
            <p className="muted small path">{workspace.path}</p>
            <WorkspaceChart rowCounts={workspace.rowCounts} />
            <div className="card-actions">
              <button type="button" className="btn btn-primary" onClick={() => setScreen('health')}>
                See handoff health
              </button>
              <button type="button" className="btn" onClick={() => setScreen('import')}>
                Import data
              </button>
            </div>
          </section>
        ) : (
          <section className="card steps" aria-labelledby="steps-title">
            <h3 id="steps-title">How a calibration goes</h3>
            <ol>
              <li>
                <strong>Import</strong> leads, activities and dispositions from your CRM export.
              </li>
              <li>
                <strong>Check handoff health</strong>: acceptance, speed to lead, black holes, silent rejection.
              </li>
              <li>
                <strong>Try scenarios</strong>: thresholds, weights, SLAs and rep capacity, compared side by side.
              </li>
              <li>
                <strong>Trust the numbers</strong>: replay the policy in force and backtest on a later period.
              </li>
            </ol>
          </section>
        )}

        <section className="card" aria-labelledby="recent-title">
          <div className="card-head">
            <h3 id="recent-title">Recent workspaces</h3>
          </div>
          {recent.length === 0 ? (
            <p className="muted empty-line">Workspaces you open appear here.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="recent-item" disabled={busy} onClick={() => void openWorkspaceAt(platform, store, r.path)} title={r.path}>
                    <Icon name="file" size={16} />
                    <span className="recent-name">{fileName(r.path)}</span>
                    <span className="recent-path">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function PathForm({ disabled }: { readonly disabled: boolean }) {
  const { platform, store } = useServices();
  const [path, setPath] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void openWorkspaceAt(platform, store, path.trim());
  };
  return (
    <form className="path-form" onSubmit={submit}>
      <label htmlFor="ws-path">Or open a workspace file on this computer</label>
      <div className="path-row">
        <input id="ws-path" className="input" placeholder="/path/to/team.duckdb" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit" className="btn" disabled={disabled || path.trim() === ''}>
          Open
        </button>
      </div>
    </form>
  );
}

function WorkspaceChart({ rowCounts }: { readonly rowCounts: Readonly<Record<string, number>> }) {
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const option = useMemo(() => rowCountsOption(rowCounts, theme, presenter), [rowCounts, theme, presenter]);
  const total = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  if (total === 0) {
    return <p className="chart-empty">This workspace is empty. Import leads, activities and dispositions to fill it.</p>;
  }
  return <EChart option={option} height={Math.max(140, Object.keys(rowCounts).length * (presenter ? 42 : 30))} ariaLabel="Rows per table in this workspace" />;
}

/** A quiet illustration of the trade-off the app is about: volume against acceptance. */
function HeroFigure() {
  const bars = [92, 80, 66, 52, 40, 30];
  const line = [38, 46, 55, 63, 71, 77];
  return (
    <svg className="hero-figure" viewBox="0 0 240 160" aria-hidden="true">
      {bars.map((h, i) => (
        <rect key={i} x={18 + i * 36} y={140 - h} width={22} height={h} rx={4} className="hero-bar" />
      ))}
      <polyline points={line.map((v, i) => `${29 + i * 36},${140 - v * 1.5}`).join(' ')} className="hero-line" />
      {line.map((v, i) => (
        <circle key={i} cx={29 + i * 36} cy={140 - v * 1.5} r={3.5} className="hero-dot" />
      ))}
      <line x1={10} y1={140} x2={232} y2={140} className="hero-axis" />
    </svg>
  );
}
