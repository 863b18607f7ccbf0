// Compare, Frontier and Trust pick from the saved scenarios, which are saved on
// another screen: each lists them again when it opens, after bringing its own
// state to the open workspace.
import { useEffect } from 'react';
import type { AppStore } from '../store/app-store';
import { loadScenarioList, syncCompareWorkspace } from './compare-actions';
import { useServices } from './context';

export function useSavedScenarioList(path: string | null, syncScreen?: (store: AppStore) => void): void {
  const { platform, store } = useServices();
  useEffect(() => {
    if (path === null) return;
    syncCompareWorkspace(store);
    syncScreen?.(store);
    void loadScenarioList(platform, store);
  }, [platform, store, path, syncScreen]);
}
