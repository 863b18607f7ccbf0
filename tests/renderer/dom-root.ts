// A fresh React root in a <div> attached to the document for each test,
// unmounted and removed after it (happy-dom).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface DomRoot {
  readonly container: HTMLDivElement;
  readonly root: Root;
}

/** Registers the per-test setup in the calling describe block (or file). */
export function useDomRoot(): DomRoot {
  let current: DomRoot | null = null;
  beforeEach(() => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    current = { container, root: createRoot(container) };
  });
  afterEach(() => {
    const done = current;
    current = null;
    if (!done) return;
    act(() => done.root.unmount());
    done.container.remove();
  });
  const get = (): DomRoot => {
    if (!current) throw new Error('No DOM root outside a test.');
    return current;
  };
  return {
    get container() {
      return get().container;
    },
    get root() {
      return get().root;
    },
  };
}
