import { SCREENS } from '../app/screens';
import { useApp, useAppShallow } from '../app/context';
import { selectPresenter, selectScreen, selectShellActions, selectTheme, selectWorkspaceView } from '../store/selectors';
import { Icon } from './icons';

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function TopBar() {
  const screen = useApp(selectScreen);
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const { workspace } = useAppShallow(selectWorkspaceView);
  const { toggleTheme, togglePresenter } = useAppShallow(selectShellActions);
  const current = SCREENS.find((s) => s.id === screen);

  return (
    <header className="topbar">
      <div>
        <h1 className="screen-title">{current?.label}</h1>
        <p className="screen-blurb">{current?.blurb}</p>
      </div>
      <div className="topbar-actions">
        <span className={`workspace-chip${workspace ? '' : ' empty'}`} title={workspace?.path}>
          <Icon name="folder" size={15} />
          {workspace ? fileName(workspace.path) : 'No workspace open'}
        </span>
        <button type="button" className="icon-btn" aria-pressed={presenter} onClick={togglePresenter} title="Presenter mode (F11)">
          <Icon name="present" />
        </button>
        <button type="button" className="icon-btn" onClick={toggleTheme} title={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}>
          <Icon name={theme === 'light' ? 'moon' : 'sun'} />
        </button>
      </div>
    </header>
  );
}
