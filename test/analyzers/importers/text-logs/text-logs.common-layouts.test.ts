import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { nsToIso } from '../../../../analyzers/importers/common/time.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// Default layouts of common servers and logging libraries, written as their documentation and
// source give them. Each file is read whole and in 1-, 7- and 4096-byte chunks.

function read(text: string) {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

const iso = (ns: bigint | undefined): string | undefined => (ns === undefined ? undefined : nsToIso(ns));

describe('text-logs: Django runserver (django.server: `[%d/%b/%Y %H:%M:%S] message`)', () => {
  const DJANGO = [
    'Watching for file changes with StatReloader',
    '[10/Jan/2024 12:00:00] "GET / HTTP/1.1" 200 10629',
    '[10/Jan/2024 12:00:02] "GET /favicon.ico HTTP/1.1" 404 2110',
  ].join('\n') + '\n';

  it('the bracketed day/month-name/year time dates the line (zone-less), not just its time of day', () => {
    const recs = read(DJANGO);
    expect(recs).toHaveLength(3);
    expect(recs[1]!.timeNs).toBe(BigInt(Date.UTC(2024, 0, 10, 12, 0, 0)) * 1_000_000n);
    expect(recs[1]!.timeWithoutZone).toBe(true);
    expect(iso(recs[2]!.timeNs)).toBe('2024-01-10T12:00:02.000000000Z');
  });
});
