// Keyboard shortcuts for both shells. The desktop menu shows the same keys
// but does not register them (see electron/menu.ts), so this is the one place
// a key press turns into an action, and text fields keep their own undo.
import { useEffect } from 'react';
import { goToScreenNumber, runCommand } from './actions';
import { useServices } from './context';
import { isEditableTarget, shortcutFor } from './shortcuts';

export function useShortcuts(isMac: boolean): void {
  const { platform, store } = useServices();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const intent = shortcutFor(e, isMac);
      if (!intent) return;
      if (intent.kind === 'command' && (intent.command === 'undo' || intent.command === 'redo') && isEditableTarget(e.target)) return;
      e.preventDefault();
      if (intent.kind === 'screen') goToScreenNumber(store, intent.index);
      else void runCommand(platform, store, { command: intent.command });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [platform, store, isMac]);
}
