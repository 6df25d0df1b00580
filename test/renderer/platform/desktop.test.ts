// Files picked in a native dialog are streamed over IPC in chunks.
import { describe, expect, it, vi } from 'vitest';
import { streamPicked, createDesktopPlatform } from '../../../renderer/platform/desktop.js';
import type { AppApi, ReadChunkArgs } from '../../../electron/shared/contract.js';

function fakeApi(bytes: Uint8Array) {
  const calls: ReadChunkArgs[] = [];
  const readChunk = vi.fn(async (a: ReadChunkArgs) => {
    calls.push(a);
    if (a.fileId !== 'f1') return { ok: false as const, code: 'unknown-file' as const, message: 'not picked' };
    const part = bytes.slice(a.offset, a.offset + a.maxBytes);
    return { ok: true as const, bytes: part, eof: a.offset + part.length >= bytes.length };
  });
  return { calls, readChunk };
}

async function collect(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const r = s.getReader();
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('streamPicked', () => {
  it('reassembles the file from 1 MiB reads at increasing offsets', async () => {
    const bytes = new Uint8Array(2.5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
    const api = fakeApi(bytes);
    const out = await collect(streamPicked(api, 'f1'));
    expect(out.length).toBe(bytes.length);
    expect(Buffer.compare(out, bytes)).toBe(0);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 1048576, 2097152]);
  });

  it('errors the stream when main refuses the read', async () => {
    await expect(collect(streamPicked(fakeApi(new Uint8Array(4)), 'nope'))).rejects.toThrow('not picked');
  });
});

describe('createDesktopPlatform', () => {
  it('turns picked files into sources that read their head through IPC', async () => {
    const bytes = new TextEncoder().encode('{"resourceSpans":[]}');
    const api = fakeApi(bytes);
    const platform = createDesktopPlatform({
      ...(api as unknown as AppApi),
      openFiles: async () => ({ ok: true, files: [{ fileId: 'f1', path: 'traces.json', sizeBytes: bytes.length }, { fileId: 'f2', path: 'app.log', sizeBytes: 3, aliases: ['current.log'] }], missing: [] }),
      closeFile: vi.fn(async () => undefined),
    } as AppApi);
    const res = await platform.pickFiles!();
    if (!res.ok) throw new Error('cancelled');
    expect(res.inputs.map((i) => [i.path, i.sizeBytes, i.aliases])).toEqual([
      ['traces.json', bytes.length, undefined],
      // the other paths of a file picked through a link go with its source
      ['app.log', 3, ['current.log']],
    ]);
    expect(new TextDecoder().decode(await res.inputs[0]!.readHead(5))).toBe('{"res');
  });
});
