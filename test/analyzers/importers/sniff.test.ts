import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat } from '../../../analyzers/importers/sniff.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('makeSniffInput', () => {
  it('shows a head with CR-only line ends with LFs, so sniffers see its lines', () => {
    const input = makeSniffInput(enc('{"level":"info","msg":"a"}\r{"level":"warn","msg":"b"}\r'), true);
    expect(input.text).toBe('{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n');
    expect(Array.from(input.bytes)).toEqual(Array.from(enc(input.text)));
    expect(sniffFormat(input).spec?.id).toBe('jsonl-logs');
  });

  it('never changes the bytes it is given (a Node Buffer included)', () => {
    const head = Buffer.from('a=1 b=2\rc=3 d=4\r');
    makeSniffInput(head, true);
    expect(head.toString()).toBe('a=1 b=2\rc=3 d=4\r');
  });

  it('leaves LF and CRLF heads (stray CRs included) as they are', () => {
    for (const t of ['a\r\nb\r\n', 'x 10%\r50%\ny\n']) expect(makeSniffInput(enc(t), true).text).toBe(t);
  });
});
