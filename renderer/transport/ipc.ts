// Electron: every call goes through window.handoffLab, the preload's tiny
// bridge. Replies are parsed here again, because a Result that crossed two
// process boundaries is still just bytes to this side.
import { parseProgressEvent, parseResult, type DesktopBridge, type Transport } from '../../engine/api/transport';

export function desktopBridge(win: Window): DesktopBridge | null {
  const candidate = (win as Window & { handoffLab?: DesktopBridge }).handoffLab;
  return candidate && typeof candidate.invoke === 'function' ? candidate : null;
}

export function createIpcTransport(bridge: DesktopBridge): Transport {
  return {
    async invoke(method, params) {
      try {
        return parseResult(await bridge.invoke(method, params ?? {}));
      } catch (err) {
        return { ok: false, error: { message: `The desktop shell refused the request: ${err instanceof Error ? err.message : String(err)}` } };
      }
    },
    onProgress(listener) {
      return bridge.onProgress((raw) => {
        const event = parseProgressEvent(raw);
        if (event) listener(event);
      });
    },
    cancel: (jobId) => bridge.cancel(jobId),
  };
}
