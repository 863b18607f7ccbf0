import { describe, expect, it } from 'vitest';
import { isEditableTarget, shortcutFor, type KeyLike } from '../../renderer/app/shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('switches screens with Ctrl+1..7 (Cmd on macOS)', () => {
    expect(shortcutFor(key('1', { ctrlKey: true }), false)).toEqual({ kind: 'screen', index: 0 });
    expect(shortcutFor(key('7', { ctrlKey: true }), false)).toEqual({ kind: 'screen', index: 6 });
    expect(shortcutFor(key('3', { metaKey: true }), true)).toEqual({ kind: 'screen', index: 2 });
    expect(shortcutFor(key('3', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('8', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('1'), false)).toBeNull();
  });

  it('reserves Ctrl+Z and Ctrl+Shift+Z for undo and redo', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), false)).toEqual({ kind: 'command', command: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'command', command: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }), false)).toEqual({ kind: 'command', command: 'redo' });
    expect(shortcutFor(key('z', { metaKey: true, shiftKey: true }), true)).toEqual({ kind: 'command', command: 'redo' });
  });

  it('maps theme, presenter, open and export, and leaves Alt combinations alone', () => {
    expect(shortcutFor(key('L', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'command', command: 'toggle-theme' });
    expect(shortcutFor(key('F11'), false)).toEqual({ kind: 'command', command: 'presenter-mode' });
    expect(shortcutFor(key('o', { ctrlKey: true }), false)).toEqual({ kind: 'command', command: 'open-workspace' });
    expect(shortcutFor(key('e', { ctrlKey: true }), false)).toEqual({ kind: 'command', command: 'export' });
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });

  it('recognises text fields, whose own undo must win', () => {
    expect(isEditableTarget({ tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget)).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isEditableTarget({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
