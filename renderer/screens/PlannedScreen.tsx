// Screens whose engine methods are still being built: an honest empty state
// that says what will appear here and what to do first.
import { openSample } from '../app/actions';
import { SCREENS, type ScreenId } from '../app/screens';
import { useApp, useAppShallow, useServices } from '../app/context';
import { EmptyState } from '../components/states';
import { selectHasWorkspace, selectShellActions } from '../store/selectors';

const WHAT_APPEARS: Readonly<Record<Exclude<ScreenId, 'welcome' | 'health' | 'import' | 'compare' | 'frontier' | 'trust'>, string>> = {
  scenarios: 'Move the MQL threshold, scoring weights, SLAs and rep capacity, and watch volume, acceptance and conversion respond.',
};

export function PlannedScreen({ screen }: { readonly screen: Exclude<ScreenId, 'welcome' | 'health' | 'import' | 'compare' | 'frontier' | 'trust'> }) {
  const { platform, store } = useServices();
  const hasWorkspace = useApp(selectHasWorkspace);
  const { setScreen } = useAppShallow(selectShellActions);
  const label = SCREENS.find((s) => s.id === screen)?.label ?? screen;

  if (!hasWorkspace) {
    return (
      <EmptyState
        title="Open a workspace to begin"
        icon={screen}
        action={
          <>
            <button type="button" className="btn btn-primary" onClick={() => void openSample(platform, store).then((ok) => ok || setScreen('welcome'))}>
              Open the sample
            </button>
            <button type="button" className="btn" onClick={() => setScreen('welcome')}>
              Go to Welcome
            </button>
          </>
        }
      >
        {WHAT_APPEARS[screen]}
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`${label} is on its way`} icon={screen}>
      {WHAT_APPEARS[screen]} This view arrives with its engine module.
    </EmptyState>
  );
}
