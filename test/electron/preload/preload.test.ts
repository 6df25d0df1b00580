// The preload exposes exactly AppApi on window.obsready, over invoke() only.
import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (...args: unknown[]) => args);
const on = vi.fn();
const removeListener = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on, removeListener },
}));

await import('../../../electron/preload/preload.js');
const { CHANNELS, MENU_COMMAND_CHANNEL } = await import('../../../electron/shared/contract.js');

describe('preload', () => {
  it('exposes one object, window.obsready, with exactly the AppApi methods', () => {
    expect(Object.keys(exposed)).toEqual(['obsready']);
    const api = exposed.obsready as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'closeFile', 'onMenuCommand'].filter((v, i, a) => a.indexOf(v) === i).sort());
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
  });

  it('maps each method to its channel', async () => {
    const api = exposed.obsready as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await api.openFiles!();
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.openFiles);
    await api.readChunk!({ fileId: 'f', offset: 0, maxBytes: 1 });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.readChunk, { fileId: 'f', offset: 0, maxBytes: 1 });
    await api.openRecent!('id1');
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.openRecent, 'id1');
  });

  it('passes menu commands without the IPC event and unsubscribes', () => {
    const api = exposed.obsready as { onMenuCommand: (l: (c: string) => void) => () => void };
    const seen: unknown[] = [];
    const off = api.onMenuCommand((...args) => seen.push(args));
    const [channel, wrapped] = on.mock.calls[0] as [string, (e: unknown, c: string) => void];
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    wrapped({ sender: 'secret' }, 'toggle-theme');
    expect(seen).toEqual([['toggle-theme']]);
    off();
    expect(removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, wrapped);
  });
});
