// Keyboard shortcuts as a pure mapping from a key event to an intent, so the
// table is testable and one place says which keys are taken.
import type { MenuCommandName } from '../../engine/api/transport';

export type ShortcutIntent = { kind: 'screen'; index: number } | { kind: 'command'; command: MenuCommandName };

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function shortcutFor(e: KeyLike, isMac: boolean): ShortcutIntent | null {
  const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (e.key === 'F11' && !mod) return { kind: 'command', command: 'presenter-mode' };
  if (!mod || e.altKey) return null;
  if (!e.shiftKey && /^[1-7]$/.test(e.key)) return { kind: 'screen', index: Number(e.key) - 1 };
  const key = e.key.toLowerCase();
  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y on Windows/Linux) are reserved for scenario undo.
  if (key === 'z') return { kind: 'command', command: e.shiftKey ? 'redo' : 'undo' };
  if (key === 'y' && !isMac && !e.shiftKey) return { kind: 'command', command: 'redo' };
  if (key === 'l' && e.shiftKey) return { kind: 'command', command: 'toggle-theme' };
  if (key === 'o' && !e.shiftKey) return { kind: 'command', command: 'open-workspace' };
  if (key === 'e' && !e.shiftKey) return { kind: 'command', command: 'export' };
  return null;
}

/** Text fields keep their own undo; shortcuts must not steal it. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  // A slider, checkbox or button has no text undo of its own: Ctrl+Z there undoes the scenario edit it made.
  if (el.tagName === 'INPUT' && ['range', 'checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
