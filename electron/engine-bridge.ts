// Main's side of the engine: a utilityProcess that owns DuckDB, so a long
// query never freezes the window. Main only relays: it numbers requests,
// matches replies, passes progress on and restarts the host if it dies.
import type { ProgressEvent, Result } from '../engine/api/contract';
import { parseProgressEvent, parseResult, type ProgressListener } from '../engine/api/transport';
import { HOST_REPLY, type HostRequest } from './ipc-payloads';

/** What we use of Electron's UtilityProcess (a fake in tests). */
export interface HostProcess {
  postMessage(message: HostRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineBridge {
  invoke(method: string, params: unknown): Promise<Result<unknown>>;
  cancel(jobId: string): void;
  onProgress(listener: ProgressListener): () => void;
  dispose(): void;
}

const STOPPED: Result<unknown> = {
  ok: false,
  error: { message: 'The engine stopped while working on this request. It has been restarted; please try again.' },
};

export function createEngineBridge(fork: () => HostProcess): EngineBridge {
  let host: HostProcess | null = null;
  let nextId = 0;
  let disposed = false;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<ProgressListener>();

  function ensureHost(): HostProcess {
    if (host) return host;
    const child = fork();
    host = child;
    child.on('message', (raw) => {
      const reply = HOST_REPLY.safeParse(raw);
      if (!reply.success) return; // a confused host is ignored, not trusted
      if (reply.data.type === 'result') {
        const settle = pending.get(reply.data.id);
        pending.delete(reply.data.id);
        settle?.(parseResult(reply.data.result));
      } else {
        const event: ProgressEvent | null = parseProgressEvent(reply.data.event);
        if (event) for (const l of [...listeners]) l(event);
      }
    });
    child.on('exit', () => {
      if (host === child) host = null;
      // Nothing waits forever on a dead process; the next request forks a new one.
      for (const settle of pending.values()) settle(STOPPED);
      pending.clear();
    });
    return child;
  }

  return {
    invoke(method, params) {
      if (disposed) return Promise.resolve({ ok: false, error: { message: 'Handoff Lab is shutting down.' } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ensureHost().postMessage({ type: 'invoke', id, method, params });
      });
    },
    cancel(jobId) {
      host?.postMessage({ type: 'cancel', jobId });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      host?.kill();
      host = null;
    },
  };
}
