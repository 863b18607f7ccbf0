// The workbench frame: navigation on the left, the current screen on the
// right, theme and presenter mode applied to the document root.
import { useEffect } from 'react';
import { checkEngine, loadRecent, runCommand } from './app/actions';
import { exportLeadDiffCsv } from './app/export-actions';
import type { Platform } from './app/platform';
import type { AppStore } from './store/app-store';
import { useApp, useAppShallow, useServices } from './app/context';
import { useShortcuts } from './app/useShortcuts';
import { ErrorBoundary } from './components/ErrorBoundary';
import { JobProgress } from './components/JobProgress';
import { Sidebar } from './components/Sidebar';
import { TopBar } from './components/TopBar';
import { CompareScreen } from './screens/CompareScreen';
import { FrontierScreen } from './screens/FrontierScreen';
import { HealthScreen } from './screens/HealthScreen';
import { ImportScreen } from './screens/ImportScreen';
import { ScenariosScreen } from './screens/ScenariosScreen';
import { TrustScreen } from './screens/TrustScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { selectEngineView, selectNotice, selectPresenter, selectScreen, selectTheme } from './store/selectors';

/** The Scenarios screen's lead list goes out as CSV through the shared export path. */
const exportLeadList = (platform: Platform, store: AppStore): void => void exportLeadDiffCsv(platform, store);

export function App({ isMac }: { readonly isMac: boolean }) {
  const { platform, store } = useServices();
  const screen = useApp(selectScreen);
  const theme = useApp(selectTheme);
  const presenter = useApp(selectPresenter);
  const notice = useApp(selectNotice);
  useShortcuts(isMac);

  useEffect(() => {
    void checkEngine(platform, store);
    void loadRecent(platform, store);
    const offProgress = platform.client.onProgress((event) => store.getState().progressReceived(event));
    const offMenu = platform.onMenuCommand((cmd) => void runCommand(platform, store, cmd));
    return () => {
      offProgress();
      offMenu();
    };
  }, [platform, store]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.presenter = String(presenter);
  }, [theme, presenter]);

  useEffect(() => {
    if (!notice) return undefined;
    const timer = setTimeout(() => store.getState().notify(null), 3500);
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <div className="shell">
      <Sidebar isMac={isMac} />
      <main className="content">
        <TopBar />
        <EngineBanner />
        <div className="screen">
          <ErrorBoundary resetKey={screen}>{screen === 'welcome' ? <WelcomeScreen /> : screen === 'health' ? <HealthScreen /> : screen === 'import' ? <ImportScreen /> : screen === 'scenarios' ? <ScenariosScreen exportLeadDiff={exportLeadList} /> : screen === 'compare' ? <CompareScreen /> : screen === 'frontier' ? <FrontierScreen /> : <TrustScreen />}</ErrorBoundary>
        </div>
      </main>
      <JobProgress />
      {notice ? (
        <div className="toast" role="status">
          {notice}
        </div>
      ) : null}
    </div>
  );
}

/** When the engine cannot be reached nothing else works, so say so above everything, with a way to retry. */
function EngineBanner() {
  const { platform, store } = useServices();
  const { status, error } = useAppShallow(selectEngineView);
  if (status !== 'error' || !error) return null;
  return (
    <div className="banner" role="alert" data-testid="engine-banner">
      <span>
        <strong>Handoff Lab cannot reach its engine.</strong> {error.message}
      </span>
      <button type="button" className="btn btn-small" onClick={() => void checkEngine(platform, store)}>
        Retry
      </button>
    </div>
  );
}
