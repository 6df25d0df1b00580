// The one IPC handler wrapper: sender check and argument validation, with electron mocked at the edge.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, fn)) },
}));

const { handle, isTrustedSender } = await import('../../../electron/main/ipc.js');

const fromUrl = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url } });

describe('isTrustedSender', () => {
  it('accepts only frames showing the app origin', () => {
    expect(isTrustedSender(fromUrl('app://obsready/index.html') as never)).toBe(true);
    expect(isTrustedSender(fromUrl('app://obsready/') as never)).toBe(true);
    for (const url of ['https://obsready/index.html', 'app://obsready.evil.example/index.html', 'app://evil/index.html', 'file:///tmp/index.html', 'http://127.0.0.1:5173/', 'devtools://devtools/bundled/inspector.html', 'not a url', '']) {
      expect(isTrustedSender(fromUrl(url) as never), url).toBe(false);
    }
    expect(isTrustedSender(fromUrl(undefined) as never)).toBe(false);
  });
});

describe('handle', () => {
  beforeEach(() => handlers.clear());

  it('runs the handler for the app page with validated arguments', async () => {
    const impl = vi.fn(async (_e: unknown, args: { fileId: string; offset: number; maxBytes: number }) => ({ ok: true as const, bytes: new Uint8Array([args.offset]), eof: true }));
    handle('file:read-chunk', impl as never);
    const res = await handlers.get('file:read-chunk')!(fromUrl('app://obsready/index.html'), { fileId: 'abc-123', offset: 7, maxBytes: 1024, extra: 'dropped' });
    expect(res).toEqual({ ok: true, bytes: new Uint8Array([7]), eof: true });
    // Unknown properties are not passed through.
    expect(impl.mock.calls[0]![1]).toEqual({ fileId: 'abc-123', offset: 7, maxBytes: 1024 });
  });

  it('rejects a foreign sender without running the handler', async () => {
    const impl = vi.fn();
    handle('dialog:open-files', impl as never);
    await expect(handlers.get('dialog:open-files')!(fromUrl('https://evil.example/'))).rejects.toThrow('dialog:open-files: untrusted-sender');
    await expect(handlers.get('dialog:open-files')!(fromUrl(undefined))).rejects.toThrow('untrusted-sender');
    expect(impl).not.toHaveBeenCalled();
  });

  it('rejects malformed arguments without running the handler', async () => {
    const impl = vi.fn();
    handle('file:read-chunk', impl as never);
    const call = (...args: unknown[]) => handlers.get('file:read-chunk')!(fromUrl('app://obsready/index.html'), ...args);
    await expect(call({ fileId: '../etc/passwd', offset: 0, maxBytes: 10 })).rejects.toThrow('invalid-arguments');
    await expect(call({ fileId: 'a', offset: -1, maxBytes: 10 })).rejects.toThrow('invalid-arguments');
    await expect(call({ fileId: 'a', offset: 0, maxBytes: 64 * 1024 * 1024 })).rejects.toThrow('invalid-arguments');
    await expect(call({ fileId: 'a', offset: 0.5, maxBytes: 10 })).rejects.toThrow('invalid-arguments');
    await expect(call()).rejects.toThrow('invalid-arguments');
    await expect(call({ fileId: 'a', offset: 0, maxBytes: 10 }, 'surplus')).rejects.toThrow('invalid-arguments');
    expect(impl).not.toHaveBeenCalled();
  });
});
