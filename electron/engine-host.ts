// The utility process entry: the only place in the desktop app where the
// engine runs. It answers main's messages through invokeEngine, exactly as
// the local server does, and streams progress back.
import { Engine, invokeEngine } from '../engine/api/engine';
import type { EngineApi } from '../engine/api/contract';
import { cancellerOf, progressSourceOf } from '../engine/api/transport';
import { HOST_REQUEST, type HostReply } from './ipc-payloads';

/** What we use of Electron's process.parentPort. */
export interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: HostReply): void;
}

export function serveEngine(port: ParentPortLike, engine: EngineApi): void {
  progressSourceOf(engine)?.onProgress((event) => port.postMessage({ type: 'progress', event }));
  port.on('message', ({ data }) => {
    const request = HOST_REQUEST.safeParse(data);
    if (!request.success) return;
    const msg = request.data;
    if (msg.type === 'cancel') {
      void cancellerOf(engine)?.cancel(msg.jobId);
      return;
    }
    void invokeEngine(engine, msg.method, msg.params).then((result) => port.postMessage({ type: 'result', id: msg.id, result }));
  });
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (parentPort) serveEngine(parentPort, new Engine());
