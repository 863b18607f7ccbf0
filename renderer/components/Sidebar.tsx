import { SCREENS } from '../app/screens';
import { useApp, useAppShallow } from '../app/context';
import { selectEngineView, selectHasWorkspace, selectScreen, selectShellActions } from '../store/selectors';
import { Icon } from './icons';

export function Sidebar({ isMac }: { readonly isMac: boolean }) {
  const screen = useApp(selectScreen);
  const hasWorkspace = useApp(selectHasWorkspace);
  const { setScreen } = useAppShallow(selectShellActions);
  const engine = useAppShallow(selectEngineView);
  const mod = isMac ? '⌘' : 'Ctrl+';

  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          H
        </span>
        <span className="brand-name">Handoff Lab</span>
      </div>
      <ul className="nav-list">
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={`nav-item${screen === s.id ? ' active' : ''}`}
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
              title={`${s.blurb} (${mod}${i + 1})`}
            >
              <Icon name={s.id} />
              <span className="nav-label">{s.label}</span>
              {s.id !== 'welcome' && s.id !== 'import' && !hasWorkspace ? <span className="nav-dot" aria-hidden="true" /> : null}
              <kbd className="nav-kbd">{i + 1}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer" data-testid="engine-status">
        <span className={`status-dot status-${engine.status}`} aria-hidden="true" />
        {engine.status === 'ready' && engine.engine ? (
          <span>Engine {engine.engine.version} · connected</span>
        ) : engine.status === 'error' ? (
          <span title={engine.error?.message}>Engine unreachable</span>
        ) : (
          <span>Connecting to engine…</span>
        )}
      </div>
    </nav>
  );
}
