// Hardening that does not depend on a particular window: the session (permissions, network,
// CSP header) and every web contents (navigation, new windows, webviews).
import type { Session, WebContents, BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../shared/contract.js';

/** Same policy as the <meta> in renderer/index.html; sent as a header too so it also covers the worker. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences every window of the app gets. */
export function hardenedWebPreferences(preloadPath?: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    ...(preloadPath ? { preload: preloadPath } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
  };
}

/** Requests the app may make: its own pages and assets, blobs/data it created. Nothing on a network. */
export function isAllowedRequestUrl(url: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  // devtools (opened by a developer) loads its own frontend from this scheme
  if (url.startsWith('devtools://')) return true;
  return false;
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** No navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
