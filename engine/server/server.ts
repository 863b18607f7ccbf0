// Browser mode: the built renderer and the EngineApi over HTTP on 127.0.0.1.
// Every engine call goes through invokeEngine, exactly as the Electron
// transport does, so both transports validate and answer identically.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineApi } from '../api/contract';
import { invokeEngine } from '../api/engine';
import { JOB_ID, METHOD_NAME, cancellerOf, progressSourceOf } from '../api/transport';
import { BodyError, DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from './json-body';
import { createProgressSocket, refuseUpgrade } from './progress-socket';
import { applySecurityHeaders } from './security-headers';
import { lookupStatic } from './static-files';
import { createToken, presentedToken, tokenMatches } from './token';

/** Loopback only, by design: this server is a private door to one user's data. */
export const HOST = '127.0.0.1';

export interface ServerOptions {
  /** 0 or absent: an ephemeral port chosen by the OS. */
  readonly port?: number;
  readonly engine: EngineApi;
  /** The built renderer (vite build's outDir). */
  readonly staticDir: string;
  readonly bodyLimitBytes?: number;
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendErr(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { message } });
}

/**
 * DNS rebinding defence: a page on evil.example that re-points its name at
 * 127.0.0.1 still sends Host: evil.example. Only loopback names are served.
 */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = createToken();
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const { engine, staticDir } = options;
  const progress = createProgressSocket();
  const unsubscribe = progressSourceOf(engine)?.onProgress((event) => progress.broadcast(event));
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!tokenMatches(token, presentedToken(req, url))) {
      sendErr(res, 401, 'Missing or wrong token. Open the address printed when Handoff Lab started.');
      return;
    }
    const path = url.pathname;
    if (path === '/api/health') {
      if (req.method !== 'GET') return sendErr(res, 405, 'Use GET.');
      sendJson(res, 200, await invokeEngine(engine, 'health', {}));
      return;
    }
    const invoke = /^\/api\/invoke\/([^/]+)$/.exec(path);
    if (invoke) {
      if (req.method !== 'POST') return sendErr(res, 405, 'Use POST.');
      const name = METHOD_NAME.safeParse(decodeURIComponentSafe(invoke[1] ?? ''));
      if (!name.success) return sendErr(res, 404, 'No such engine request.');
      const params = await readJsonBody(req, bodyLimit);
      // Unknown methods and invalid params come back as Err data with status 200:
      // the transport worked, the engine said no.
      sendJson(res, 200, await invokeEngine(engine, name.data, params));
      return;
    }
    const cancel = /^\/api\/cancel\/([^/]+)$/.exec(path);
    if (cancel) {
      if (req.method !== 'POST') return sendErr(res, 405, 'Use POST.');
      const jobId = JOB_ID.safeParse(decodeURIComponentSafe(cancel[1] ?? ''));
      if (!jobId.success) return sendErr(res, 400, 'Not a job id.');
      const canceller = cancellerOf(engine);
      if (canceller) await canceller.cancel(jobId.data);
      sendJson(res, 200, { ok: true, value: { delivered: canceller !== null } });
      return;
    }
    sendErr(res, 404, 'No such API route.');
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = await lookupStatic(staticDir, url.pathname);
    if (found.kind === 'bad-request') {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }
    if (found.kind === 'not-found') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Content-Length': found.body.length,
      // index.html carries no hash; the hashed assets may be cached.
      'Cache-Control': found.path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    if (!hostAllowed(req, port)) {
      sendErr(res, 403, 'Handoff Lab answers only on 127.0.0.1.');
      return;
    }
    // URL parsing folds plain `..` segments (never above the root); encoded
    // tricks like `..%2f` survive it and are caught by the static lookup.
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const handler = url.pathname === '/api' || url.pathname.startsWith('/api/') ? handleApi : handleStatic;
    handler(req, res, url).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof BodyError) {
        res.setHeader('Connection', 'close');
        sendErr(res, err.status, err.message);
        return;
      }
      sendErr(res, 500, 'The server could not answer this request.');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (!hostAllowed(req, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== '/api/events') return refuseUpgrade(socket, 404, 'Not Found');
    if (!tokenMatches(token, presentedToken(req, url))) return refuseUpgrade(socket, 401, 'Unauthorized');
    // A browser always sends Origin on a WebSocket; only our own page may connect.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${HOST}:${port}` && origin !== `http://localhost:${port}`) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    progress.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    async close() {
      unsubscribe?.();
      await progress.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
