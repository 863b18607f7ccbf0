// VS Code's rule for every IPC message: it must come from the top-level frame
// of our own window, showing our own file:// renderer. A frame that navigated
// elsewhere, an iframe or another window gets nothing.

export interface FrameLike {
  readonly url: string;
  /** null for a top-level frame (Electron's WebFrameMain.parent). */
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

export interface IpcEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number };
}

export interface TrustedWindow {
  readonly webContents: { readonly id: number; readonly mainFrame: FrameLike };
}

export function isRendererUrl(url: string, rendererUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  // Query and hash may change inside the app; the document may not.
  return actual.protocol === 'file:' && expected.protocol === 'file:' && actual.host === expected.host && actual.pathname === expected.pathname;
}

export function isTrustedSender(event: IpcEventLike, window: TrustedWindow | null, rendererUrl: string): boolean {
  if (!window) return false;
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  if (event.sender.id !== window.webContents.id) return false;
  // Subframes never speak for the app: top-level (as VS Code checks) and the
  // very frame our window shows, compared by identity or by process and routing id.
  if (frame.parent !== null) return false;
  const main = window.webContents.mainFrame;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
  return isRendererUrl(frame.url, rendererUrl);
}
