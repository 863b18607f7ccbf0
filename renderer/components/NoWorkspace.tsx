// The empty state of every screen that needs a workspace: what the screen will
// show once there is one, and the two ways to get one (the sample in one
// click, or the user's own data), landing back on this screen.
import type { ReactNode } from 'react';
import { openSample } from '../app/actions';
import { useAppShallow, useServices } from '../app/context';
import type { ScreenId } from '../app/screens';
import { selectShellActions } from '../store/selectors';
import { EmptyState } from './states';

export function NoWorkspace({ screen, title, children }: { readonly screen: Exclude<ScreenId, 'welcome' | 'import'>; readonly title: string; readonly children: ReactNode }) {
  const { platform, store } = useServices();
  const { setScreen } = useAppShallow(selectShellActions);
  return (
    <EmptyState
      title={title}
      icon={screen}
      action={
        <>
          <button type="button" className="btn btn-primary" onClick={() => void openSample(platform, store).then((ok) => ok && setScreen(screen))}>
            Open the sample
          </button>
          <button type="button" className="btn" onClick={() => setScreen('import')}>
            Import your data
          </button>
        </>
      }
    >
      {children}
    </EmptyState>
  );
}
