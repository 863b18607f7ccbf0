// Browser mode: POST /api/invoke/:method for calls, one WebSocket at
// /api/events for progress. The token is read once from the page URL and
// kept in this closure; it never goes to storage.
import type { ProgressEvent, Result } from '../../engine/api/contract';
import { parseProgressEvent, parseResult, type ProgressListener, type Transport } from '../../engine/api/transport';

export interface HttpTransportOptions {
  /** Origin of the local server, e.g. http://127.0.0.1:5173 */
  readonly origin: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
  readonly WebSocket?: typeof WebSocket;
  /** First delay before reopening a dropped progress socket; doubles up to 30 s while it keeps failing. */
  readonly reconnectMs?: number;
}

export function tokenFromSearch(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token && token.length > 0 ? token : null;
}

const unreachable = (detail: string): Result<unknown> => ({
  ok: false,
  error: { message: `Cannot reach the Handoff Lab server (${detail}). Is it still running?` },
});

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const SocketCtor = options.WebSocket ?? globalThis.WebSocket;
  const reconnectMs = options.reconnectMs ?? 1000;
  const headers = { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' };
  const listeners = new Set<ProgressListener>();
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = reconnectMs;

  async function post(path: string, body: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${options.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch (err) {
      return unreachable(err instanceof Error ? err.message : 'network error');
    }
    if (response.status === 401) {
      return { ok: false, error: { message: 'This page has no valid access token. Open the address Handoff Lab printed when it started.' } };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return unreachable(`HTTP ${response.status}`);
    }
    return parseResult(json);
  }

  function openSocket(): void {
    // Without a token the server refuses the upgrade; do not knock on its door in a loop.
    if (socket || listeners.size === 0 || options.token === '') return;
    const url = `${options.origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(options.token)}`;
    const ws = new SocketCtor(url);
    socket = ws;
    ws.onopen = () => {
      retryDelay = reconnectMs;
    };
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        return;
      }
      const event: ProgressEvent | null = parseProgressEvent(raw);
      if (event) for (const listener of [...listeners]) listener(event);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      // Keep progress flowing across a server hiccup while anyone still listens.
      if (listeners.size > 0 && reconnectTimer === null) {
        reconnectTimer = setTimeout(() => {
          reconnectTimer = null;
          openSocket();
        }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
      }
    };
  }

  function closeSocketIfIdle(): void {
    if (listeners.size > 0) return;
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const ws = socket;
    socket = null;
    ws?.close();
  }

  return {
    invoke: (method, params) => post(`/api/invoke/${encodeURIComponent(method)}`, params ?? {}),
    onProgress(listener) {
      listeners.add(listener);
      openSocket();
      return () => {
        listeners.delete(listener);
        closeSocketIfIdle();
      };
    },
    async cancel(jobId) {
      await post(`/api/cancel/${encodeURIComponent(jobId)}`, {});
    },
  };
}
