// A JSON Lines log whose first line is longer than the 64 KB sniff window (a log line carrying a
// big payload or stack trace) was unrecognised: the sniffer only judged whole lines. It is now
// judged by the member names before the cut; a span-looking line is left to the trace importers.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';

const analyse = analyseText;

const line = (i: number, msg: string) => JSON.stringify({ time: `2024-01-01T00:00:0${i}Z`, level: i === 0 ? 'error' : 'info', msg });

describe('JSON Lines logs with a first line beyond the sniff window', () => {
  it('a 100 KB first line is read as JSON Lines logs: 6 lines, 6 records, whole or chunked', () => {
    const text = [line(0, 'dump ' + 'x'.repeat(100_000)), ...[1, 2, 3, 4, 5].map((i) => line(i, `ok ${i}`))].join('\n') + '\n';
    for (const chunk of [undefined, 4096, 65_537]) {
      const input = analyse(text, chunk);
      expect([input.format, input.signal, input.records, input.rejected]).toEqual(['jsonl-logs', 'logs', 6, 0]);
    }
  });

  it('a Zipkin span line whose big tags come first is not taken for a log', () => {
    const span = (i: number, pad: number) => JSON.stringify({ traceId: '463ac35c9f6413ad', id: `00000000000000a${i}`, tags: { pad: 'x'.repeat(pad) }, name: 'get', timestamp: 1700000000000000, duration: 100, localEndpoint: { serviceName: 'a' } });
    const text = [span(0, 100_000), span(1, 1), span(2, 1)].join('\n') + '\n';
    expect(analyse(text).format).not.toBe('jsonl-logs');
  });
});
