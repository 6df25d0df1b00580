// collectd's logfile plugin writes `[2026-11-28 09:24:12] message` lines, and with write_log's JSON
// format each value list's JSON array on the line after its `write_log values:` line. The leading
// `[2026-…` made the file a broken JSON array stream: 569 arrays read as log records and each text
// line rejected twice (mtools29 probe). It is a text log: one record per bracketed line.
import { describe, expect, it } from 'vitest';
import { sniffJsonLogs } from '../../../../analyzers/importers/json-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { analyseText } from '../../../helpers/analyse.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const LOG = [
  '[2026-11-28 09:24:12] plugin_load: plugin "cpu" successfully loaded.',
  '[2026-11-28 09:26:12] write_log values:',
  '[{"values":[0.24,0.65,2.66],"dstypes":["gauge","gauge","gauge"],"dsnames":["shortterm","midterm","longterm"],"time":1795857971.669,"interval":1.000,"host":"probe29","plugin":"load","plugin_instance":"","type":"load","type_instance":""}]',
  '[2026-11-28 09:26:12] write_log values:',
  '[{"values":[190697472],"dstypes":["gauge"],"dsnames":["value"],"time":1795857971.669,"interval":1.000,"host":"probe29","plugin":"memory","plugin_instance":"","type":"memory","type_instance":"used"}]',
  '[2026-11-28 09:26:27] Exiting normally.',
  '',
].join('\n');

describe('json-logs: a text log whose lines open with a bracketed time', () => {
  it('is no JSON array stream', () => {
    expect(sniffJsonLogs(makeSniffInput(enc(LOG), true))).toBe(0);
    expect(sniffFormat(makeSniffInput(enc(LOG), true)).spec?.id).toBe('text-logs');
    // an array that opens with a number is still JSON
    expect(sniffJsonLogs(makeSniffInput(enc('[1.5e3, {"time":"2024-01-01T00:00:00Z","message":"a"}]'), true))).toBe(0.85);
  });

  it('reads one record per bracketed line', () => {
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = analyseText(LOG, chunk, 'collectd.log');
      expect([r.format, r.records, r.rejected], `chunk ${chunk}`).toEqual(['text-logs', 4, 0]);
    }
  });
});
