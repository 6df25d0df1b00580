// Window, web contents and session hardening, with electron mocked at the edge.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: vi.fn(), protocol: {} }));

const { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, hardenedWebPreferences, isAllowedRequestUrl } = await import('../../../electron/main/security.js');
const { mainWindowOptions } = await import('../../../electron/main/window.js');

type Listener = (...args: unknown[]) => void;

function fakeContents(url = 'app://obsready/index.html') {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => unknown) | undefined;
  return {
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    getURL: () => url,
    setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (openHandler = fn),
    emit: (name: string, ...args: unknown[]) => listeners.get(name)!(...args),
    open: (u: string) => openHandler!({ url: u }),
  };
}

describe('window options', () => {
  it('turn on isolation and the sandbox and turn off Node in every frame', () => {
    const o = mainWindowOptions('/app/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(o.width).toBe(1280);
    expect(o.height).toBe(800);
    expect(hardenedWebPreferences()).not.toHaveProperty('preload');
  });
});

describe('web contents', () => {
  it('block navigation away from the page, new windows and webviews', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    const nav = { preventDefault: vi.fn() };
    c.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.preventDefault).toHaveBeenCalledTimes(1);
    const same = { preventDefault: vi.fn() };
    c.emit('will-navigate', same, 'app://obsready/index.html');
    expect(same.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    c.emit('will-redirect', redirect, 'http://127.0.0.1/');
    expect(redirect.preventDefault).toHaveBeenCalledTimes(1);
    const webview = { preventDefault: vi.fn() };
    c.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledTimes(1);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open('app://obsready/index.html')).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  function fakeSession() {
    const s = {
      permissionRequest: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
      permissionCheck: undefined as undefined | (() => boolean),
      beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      headers: undefined as undefined | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
      setPermissionRequestHandler(fn: never) {
        s.permissionRequest = fn;
      },
      setPermissionCheckHandler(fn: never) {
        s.permissionCheck = fn;
      },
      webRequest: {
        onBeforeRequest(fn: never) {
          s.beforeRequest = fn;
        },
        onHeadersReceived(fn: never) {
          s.headers = fn;
        },
      },
    };
    return s;
  }

  it('denies every permission request and check', () => {
    const s = fakeSession();
    hardenSession(s as never);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      s.permissionRequest!({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(s.permissionCheck!()).toBe(false);
  });

  it('cancels every request that is not the app itself', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      s.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://obsready/assets/index.js')).toBe(false);
    expect(decide('blob:app://obsready/1234')).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///etc/passwd', 'app://other/index.html', 'ftp://x/']) expect(decide(url), url).toBe(true);
    expect(isAllowedRequestUrl('app://obsready.evil/')).toBe(false);
  });

  it('adds the strict CSP to responses', () => {
    const s = fakeSession();
    hardenSession(s as never);
    let headers: Record<string, string[]> = {};
    s.headers!({ responseHeaders: { 'x-a': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['x-a']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
});
