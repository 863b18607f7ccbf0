import { describe, expect, it } from 'vitest';
import { DEFAULT_STATIC_DIR, parseServeArgs, runServeCommand } from '../../engine/server/main';
import { rawRequest, staticFixture } from './helpers';

describe('parseServeArgs', () => {
  it('defaults to an ephemeral port and the built renderer', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, staticDir: DEFAULT_STATIC_DIR });
    expect(DEFAULT_STATIC_DIR).toMatch(/dist[\\/]renderer$/);
  });

  it('reads --port and --static', () => {
    expect(parseServeArgs(['--port', '8123', '--static', '/srv/ui'])).toEqual({ port: 8123, staticDir: '/srv/ui' });
  });

  it('names the bad option in one line', () => {
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow('--port: "eighty" is not a port number');
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('--port');
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow('Unknown option "--host"');
  });
});

describe('runServeCommand', () => {
  it('prints the URL with the token, and that URL works', async () => {
    const lines: string[] = [];
    const server = await runServeCommand(['--static', staticFixture().staticDir], { log: (l) => lines.push(l), handleSignals: false });
    try {
      expect(lines).toEqual([`Handoff Lab is running at http://127.0.0.1:${server.port}/?token=${server.token}`]);
      expect((await rawRequest(server.port, `/api/health?token=${server.token}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to start without a built UI, saying how to build it', async () => {
    await expect(runServeCommand(['--static', '/nonexistent/ui'], { handleSignals: false })).rejects.toThrow('npm run build:renderer');
  });
});
