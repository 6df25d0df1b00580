// main.ts wiring with electron mocked: scheme before ready, sandbox for all, hardened session,
// every IPC channel of the contract registered, the window loading the app's own origin.
import { describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => {
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  return {
    ready: () => ready(),
    whenReady,
    calls: [] as string[],
    handlers: new Map<string, unknown>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    appEvents: new Map<string, (...a: unknown[]) => void>(),
    schemes: [] as unknown[],
    protocolHandled: [] as string[],
    session: { permission: false, webRequest: false },
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    rec: { options: Record<string, unknown>; url?: string };
    webContents = { on: () => undefined, getURL: () => this.rec.url ?? '', setWindowOpenHandler: () => undefined, send: () => undefined };
    constructor(options: Record<string, unknown>) {
      this.rec = { options };
      m.windows.push(this.rec);
    }
    once() {}
    on() {}
    show() {}
    async loadURL(url: string) {
      this.rec.url = url;
    }
    static getAllWindows() {
      return m.windows;
    }
    static getFocusedWindow() {
      return null;
    }
    static fromWebContents() {
      return null;
    }
  }
  const defaultSession = {
    setPermissionRequestHandler: () => void (m.session.permission = true),
    setPermissionCheckHandler: () => undefined,
    webRequest: { onBeforeRequest: () => void (m.session.webRequest = true), onHeadersReceived: () => undefined },
  };
  return {
    app: {
      enableSandbox: () => m.calls.push('enableSandbox'),
      whenReady: () => m.whenReady,
      on: (name: string, fn: (...a: unknown[]) => void) => m.appEvents.set(name, fn),
      getPath: () => '/tmp/obsready-test-userdata',
      quit: () => undefined,
    },
    BrowserWindow,
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => {
        m.calls.push('registerScheme');
        m.schemes.push(...s);
      },
      handle: (scheme: string) => m.protocolHandled.push(scheme),
    },
    ipcMain: { handle: (channel: string, fn: unknown) => m.handlers.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => m.calls.push('menu') },
    dialog: {},
  };
});

await import('../../../electron/main/main.js');
const { CHANNELS } = await import('../../../electron/shared/contract.js');

describe('electron/main/main.ts', () => {
  it('registers the privileged app scheme and the sandbox before the app is ready', () => {
    expect(m.calls.slice(0, 2).sort()).toEqual(['enableSandbox', 'registerScheme']);
    expect(m.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    expect(m.windows).toEqual([]);
    expect(m.appEvents.has('web-contents-created')).toBe(true);
  });

  it('once ready: hardens the session, serves app://, registers every channel and opens the hardened window', async () => {
    m.ready();
    await vi.waitFor(() => expect(m.windows.length).toBe(1));
    await vi.waitFor(() => expect(m.windows[0]!.url).toBe('app://obsready/index.html'));
    expect(m.session).toEqual({ permission: true, webRequest: true });
    expect(m.protocolHandled).toEqual(['app']);
    expect([...m.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    expect(m.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((m.windows[0]!.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(m.calls).toContain('menu');
  });
});
