import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../../engine/api/engine';
import type { ProgressEvent } from '../../engine/api/contract';
import type { ProgressListener } from '../../engine/api/transport';
import { startServer, type RunningServer } from '../../engine/server/server';
import { rawRequest, staticFixture } from './helpers';

/** A real Engine that also streams progress and records cancels, as the engine will once jobs land. */
class StreamingEngine extends Engine {
  readonly listeners = new Set<ProgressListener>();
  readonly cancelled: string[] = [];
  override onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ProgressEvent): void {
    for (const l of this.listeners) l(event);
  }
  override cancel(jobId: string): void {
    this.cancelled.push(jobId);
  }
}

const { staticDir } = staticFixture();
const engine = new StreamingEngine();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ engine, staticDir, bodyLimitBytes: 4096 });
});
afterAll(async () => {
  await server.close();
  engine.close();
});

const auth = (): Record<string, string> => ({ Authorization: `Bearer ${server.token}` });
const invoke = (method: string, body: unknown, headers: Record<string, string> = auth()) =>
  rawRequest(server.port, `/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startServer', () => {
  it('listens on an ephemeral loopback port and prints a URL with a long random token', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('gives every run its own token', async () => {
    const other = await startServer({ engine: new Engine(), staticDir });
    try {
      expect(other.token).not.toBe(server.token);
      const crossed = await rawRequest(other.port, `/api/health?token=${server.token}`);
      expect(crossed.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('binds to 127.0.0.1 only: no other local address accepts a connection', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.family === 'IPv4' && a.address !== '127.0.0.1')
      .map((a) => a!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
    const loopback = await rawRequest(server.port, `/api/health?token=${server.token}`);
    expect(loopback.status).toBe(200);
  });
});

describe('GET /api/health', () => {
  it('answers 200 with the token in the query', async () => {
    const res = await rawRequest(server.port, `/api/health?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { app: 'handoff-lab' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 200 with the token as a Bearer header', async () => {
    const res = await rawRequest(server.port, '/api/health', { headers: auth() });
    expect(res.status).toBe(200);
  });

  it('answers 401 without a token, with a wrong one, and with a prefix of the right one', async () => {
    expect((await rawRequest(server.port, '/api/health')).status).toBe(401);
    expect((await rawRequest(server.port, '/api/health?token=nope')).status).toBe(401);
    expect((await rawRequest(server.port, `/api/health?token=${server.token.slice(0, -1)}`)).status).toBe(401);
    const wrongBearer = await rawRequest(server.port, '/api/health', { headers: { Authorization: 'Bearer wrong' } });
    expect(wrongBearer.status).toBe(401);
    expect(JSON.parse(wrongBearer.body)).toMatchObject({ ok: false });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await rawRequest(server.port, `/api/health?token=${server.token}`, { headers: { Host: 'evil.example' } });
    expect(res.status).toBe(403);
  });
});

describe('POST /api/invoke/:method', () => {
  it('returns the engine result as Ok data', async () => {
    const res = await invoke('health', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { app: 'handoff-lab', version: expect.any(String) } });
  });

  it('returns a validation error as Err data naming the field', async () => {
    const res = await invoke('openWorkspace', { path: 42 });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: boolean; error: { field: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.field).toBe('path');
  });

  it('returns an unknown method as Err data', async () => {
    const res = await invoke('dropAllTables', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { message: 'Unknown engine request "dropAllTables".' } });
  });

  it('refuses method names that are not identifiers before any lookup', async () => {
    expect((await invoke('__proto__', {})).status).toBe(404);
    expect((await invoke('constructor', {})).body).toContain('Unknown engine request');
  });

  it('requires the token', async () => {
    const res = await invoke('health', {}, {});
    expect(res.status).toBe(401);
  });

  it('requires a JSON content type and valid JSON', async () => {
    const form = await rawRequest(server.port, '/api/invoke/health', { method: 'POST', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const broken = await rawRequest(server.port, '/api/invoke/health', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{nope' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false });
  });

  it('rejects a body over the limit with 413', async () => {
    const res = await invoke('openWorkspace', { path: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
  });

  it('refuses GET on invoke', async () => {
    const res = await rawRequest(server.port, `/api/invoke/health?token=${server.token}`);
    expect(res.status).toBe(405);
  });

  it('delivers a cancel to the engine', async () => {
    const res = await rawRequest(server.port, '/api/cancel/job-7', { method: 'POST', headers: auth() });
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { delivered: true } });
    expect(engine.cancelled).toContain('job-7');
  });
});

describe('static files', () => {
  it('serves index.html at / with the CSP and safe headers', async () => {
    const res = await rawRequest(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:*');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content types', async () => {
    expect((await rawRequest(server.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawRequest(server.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('never lists a directory', async () => {
    const res = await rawRequest(server.port, '/assets/');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('app.js');
    expect((await rawRequest(server.port, '/assets')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/../public-secret.txt',
    '/..%2fpublic-secret.txt',
    '/index.html%00.js',
  ])('refuses the traversal %s', async (path) => {
    const res = await rawRequest(server.port, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('SECRET');
  });

  it('answers 404 for a missing file and 405 for a POST', async () => {
    expect((await rawRequest(server.port, '/nope.js')).status).toBe(404);
    expect((await rawRequest(server.port, '/index.html', { method: 'POST', body: '' })).status).toBe(405);
  });
});

describe('WebSocket /api/events', () => {
  function open(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it('refuses an upgrade without the token, with a wrong one, or from another origin', async () => {
    await expect(open('/api/events')).rejects.toThrow('refused 401');
    await expect(open('/api/events?token=wrong')).rejects.toThrow('refused 401');
    await expect(open(`/api/events?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(open(`/api/other?token=${server.token}`)).rejects.toThrow('refused 404');
  });

  it('streams the engine progress events as JSON', async () => {
    const ws = await open(`/api/events?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    const received = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    engine.emit({ jobId: 'job-1', fraction: 0.5, message: 'Half way' });
    expect(await received).toEqual({ jobId: 'job-1', fraction: 0.5, message: 'Half way' });
    ws.close();
  });
});
