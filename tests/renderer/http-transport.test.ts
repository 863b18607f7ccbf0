// The browser transport against the real local server and a real Engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngineClient, EngineClientError } from '../../engine/api/client';
import type { ProgressEvent } from '../../engine/api/contract';
import { Engine } from '../../engine/api/engine';
import type { ProgressListener } from '../../engine/api/transport';
import { startServer, type RunningServer } from '../../engine/server/server';
import { createHttpTransport, tokenFromSearch } from '../../renderer/transport/http';
import { staticFixture } from '../server/helpers';

class StreamingEngine extends Engine {
  private readonly listeners = new Set<ProgressListener>();
  override onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ProgressEvent): void {
    for (const l of this.listeners) l(event);
  }
}

const engine = new StreamingEngine();
let server: RunningServer;
// ws's client speaks the browser WebSocket API (onmessage/onclose/close) that the transport uses.
const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

beforeAll(async () => {
  server = await startServer({ engine, staticDir: staticFixture().staticDir });
});
afterAll(async () => {
  await server.close();
  engine.close();
});

const origin = () => `http://127.0.0.1:${server.port}`;

describe('createHttpTransport', () => {
  it('reads the token from the page URL', () => {
    expect(tokenFromSearch('?token=abc&x=1')).toBe('abc');
    expect(tokenFromSearch('?token=')).toBeNull();
    expect(tokenFromSearch('')).toBeNull();
  });

  it('calls the engine through the server: Ok values and Err data', async () => {
    const client = createEngineClient(createHttpTransport({ origin: origin(), token: server.token, WebSocket: NodeWebSocket }));
    expect(await client.health({})).toMatchObject({ app: 'handoff-lab' });
    const err = await client.openWorkspace({ path: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineClientError);
    expect((err as EngineClientError).info.field).toBe('path');
  });

  it('turns a wrong token into a clear Err', async () => {
    const transport = createHttpTransport({ origin: origin(), token: 'wrong', WebSocket: NodeWebSocket });
    const result = await transport.invoke('health', {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('access token') } });
  });

  it('turns an unreachable server into Err data, not a thrown error', async () => {
    const transport = createHttpTransport({ origin: 'http://127.0.0.1:1', token: 't', WebSocket: NodeWebSocket });
    const result = await transport.invoke('health', {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Cannot reach') } });
  });

  it('does not open the progress socket without a token', () => {
    let opened = 0;
    class CountingSocket {
      constructor() {
        opened += 1;
      }
    }
    const transport = createHttpTransport({ origin: origin(), token: '', WebSocket: CountingSocket as unknown as typeof globalThis.WebSocket });
    const off = transport.onProgress(() => undefined);
    off();
    expect(opened).toBe(0);
  });

  it('streams progress over the WebSocket and stops when the last listener leaves', async () => {
    const transport = createHttpTransport({ origin: origin(), token: server.token, WebSocket: NodeWebSocket });
    const received = new Promise<ProgressEvent>((resolve) => {
      const off = transport.onProgress((e) => {
        off();
        resolve(e);
      });
    });
    // Give the socket time to open, then emit until it arrives (the open is asynchronous).
    const timer = setInterval(() => engine.emit({ jobId: 'sweep', fraction: 0.42, message: 'Sweeping' }), 20);
    try {
      expect(await received).toEqual({ jobId: 'sweep', fraction: 0.42, message: 'Sweeping' });
    } finally {
      clearInterval(timer);
    }
  });
});
