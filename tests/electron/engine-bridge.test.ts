import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createEngineBridge, type HostProcess } from '../../electron/engine-bridge';
import { serveEngine, type ParentPortLike } from '../../electron/engine-host';
import type { HostReply, HostRequest } from '../../electron/ipc-payloads';
import { Engine } from '../../engine/api/engine';
import type { ProgressEvent } from '../../engine/api/contract';

class FakeHost extends EventEmitter implements HostProcess {
  readonly posted: HostRequest[] = [];
  postMessage(message: HostRequest): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.emit('exit', 0);
    return true;
  }
}

function lastInvokeId(host: FakeHost): number {
  const last = host.posted.at(-1);
  if (last?.type !== 'invoke') throw new Error('no invoke posted');
  return last.id;
}

describe('createEngineBridge (main side)', () => {
  it('forks lazily and matches replies to requests by id, whatever their order', async () => {
    const hosts: FakeHost[] = [];
    const bridge = createEngineBridge(() => {
      const h = new FakeHost();
      hosts.push(h);
      return h;
    });
    expect(hosts).toHaveLength(0);
    const a = bridge.invoke('health', {});
    const b = bridge.invoke('openWorkspace', { path: 'x' });
    const host = hosts[0]!;
    const [ida, idb] = host.posted.map((p) => (p.type === 'invoke' ? p.id : -1));
    host.emit('message', { type: 'result', id: idb, result: { ok: false, error: { message: 'B failed' } } });
    host.emit('message', { type: 'result', id: ida, result: { ok: true, value: 'A' } });
    expect(await a).toEqual({ ok: true, value: 'A' });
    expect(await b).toEqual({ ok: false, error: { message: 'B failed' } });
    expect(hosts).toHaveLength(1);
  });

  it('ignores malformed host messages and turns an unreadable result into Err', async () => {
    const host = new FakeHost();
    const bridge = createEngineBridge(() => host);
    const pending = bridge.invoke('health', {});
    host.emit('message', 'garbage');
    host.emit('message', { type: 'result', id: 'nope' });
    host.emit('message', { type: 'result', id: lastInvokeId(host), result: { ok: 'yes' } });
    const result = await pending;
    expect(result.ok).toBe(false);
  });

  it('settles pending requests with Err when the host dies, and restarts it on the next request', async () => {
    const hosts: FakeHost[] = [];
    const bridge = createEngineBridge(() => {
      const h = new FakeHost();
      hosts.push(h);
      return h;
    });
    const pending = bridge.invoke('health', {});
    hosts[0]!.emit('exit', 1);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('restarted') } });
    void bridge.invoke('health', {});
    expect(hosts).toHaveLength(2);
  });

  it('passes valid progress events to listeners and drops invalid ones', () => {
    const host = new FakeHost();
    const bridge = createEngineBridge(() => host);
    const seen: ProgressEvent[] = [];
    const off = bridge.onProgress((e) => seen.push(e));
    void bridge.invoke('health', {});
    host.emit('message', { type: 'progress', event: { jobId: 'j', fraction: 0.5, message: 'half' } });
    host.emit('message', { type: 'progress', event: { jobId: 'j', fraction: -1, message: 'bad' } });
    off();
    host.emit('message', { type: 'progress', event: { jobId: 'j', fraction: 1, message: 'done' } });
    expect(seen).toEqual([{ jobId: 'j', fraction: 0.5, message: 'half' }]);
  });
});

describe('serveEngine (utility-process side) with a real Engine', () => {
  class FakePort extends EventEmitter implements ParentPortLike {
    readonly replies: HostReply[] = [];
    postMessage(message: HostReply): void {
      this.replies.push(message);
      this.emit('reply', message);
    }
    send(data: unknown): Promise<HostReply> {
      return new Promise((resolve) => {
        this.once('reply', resolve);
        this.emit('message', { data });
      });
    }
  }

  it('answers through invokeEngine: Ok, validation Err and unknown-method Err', async () => {
    const port = new FakePort();
    const engine = new Engine();
    serveEngine(port, engine);
    expect(await port.send({ type: 'invoke', id: 1, method: 'health', params: {} })).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { app: 'handoff-lab' } },
    });
    expect(await port.send({ type: 'invoke', id: 2, method: 'openWorkspace', params: {} })).toMatchObject({
      id: 2,
      result: { ok: false, error: { field: 'path' } },
    });
    expect(await port.send({ type: 'invoke', id: 3, method: 'nope', params: {} })).toMatchObject({
      id: 3,
      result: { ok: false, error: { message: 'Unknown engine request "nope".' } },
    });
    engine.close();
  });

  it('ignores messages that are not requests', () => {
    const port = new FakePort();
    serveEngine(port, new Engine());
    port.emit('message', { data: { type: 'invoke', id: -1, method: 'health', params: {} } });
    port.emit('message', { data: 'health' });
    expect(port.replies).toEqual([]);
  });

  it('streams progress and delivers cancels when the engine supports them', async () => {
    const port = new FakePort();
    const cancelled: string[] = [];
    let emit: (e: ProgressEvent) => void = () => undefined;
    const engine = Object.assign(new Engine(), {
      onProgress(listener: (e: ProgressEvent) => void) {
        emit = listener;
        return () => undefined;
      },
      cancel(jobId: string) {
        cancelled.push(jobId);
      },
    });
    serveEngine(port, engine);
    emit({ jobId: 'k', fraction: 0.1, message: 'go' });
    expect(port.replies).toEqual([{ type: 'progress', event: { jobId: 'k', fraction: 0.1, message: 'go' } }]);
    port.emit('message', { data: { type: 'cancel', jobId: 'k' } });
    expect(cancelled).toEqual(['k']);
  });
});
