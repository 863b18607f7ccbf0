// Session-wide rules: the app asks for no permissions, loads nothing from
// the network and sends its CSP with every response.
import type { Session } from 'electron';
import { DESKTOP_CSP } from './content-policy';

const REMOTE_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export function hardenSession(session: Session): void {
  // Camera, notifications, geolocation, clipboard-read...: the answer is always no.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // No remote content: the renderer is a local file and the engine is local.
  session.webRequest.onBeforeRequest({ urls: REMOTE_URLS }, (_details, callback) => callback({ cancel: true }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
}
