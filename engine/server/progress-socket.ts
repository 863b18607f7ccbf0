// Progress of long jobs, pushed to every connected UI over one WebSocket at
// /api/events. The upgrade is refused unless it carries the run's token;
// browsers cannot set headers on a WebSocket, so the token comes as ?token=.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { ProgressEvent } from '../api/contract';

export interface ProgressSocket {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  broadcast(event: ProgressEvent): void;
  close(): Promise<void>;
}

export function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createProgressSocket(): ProgressSocket {
  // noServer: the HTTP server decides (token, path, origin) before ws sees the socket.
  // Clients only listen; a small payload cap stops anyone pushing large frames at us.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', () => ws.close(1003, 'This channel only sends.'));
      });
    },
    broadcast(event) {
      const frame = JSON.stringify(event);
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(frame);
      }
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((done) => wss.close(() => done()));
    },
  };
}
