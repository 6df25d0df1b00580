// A first value of 300 KB fills the 64 KB sniff window with one string: the format is still found
// (from the condensed head: long strings cut to their first bytes), the same whatever the chunking,
// and the records are read whole.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';
import { condenseHead, KEEP_BYTES } from '../../../analyzers/analysis/condensed-head.js';

function analyse(path: string, text: string, chunk = 0) {
  const analysis = new Analysis({ toolVersion: 't' });
  const bytes = new TextEncoder().encode(text);
  const s = new InputSource(analysis, path, { totalBytes: bytes.length });
  if (chunk === 0) s.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => e.code) };
}

const BIG = 'x'.repeat(300_000);
const zspan = (id: number, extra = '') => `{${extra}"traceId":"0af7651916cd43dd8448eb211c80319c","id":"b7ad6b71692033${id}","name":"get","timestamp":1700000000000000,"duration":10,"localEndpoint":{"serviceName":"svc"}}`;

const CASES: [string, string, string, number][] = [
  ['zipkin, a 300 KB tag before the ids', 'z.json', `[${zspan(10, `"tags":{"big":"${BIG}"},`)},${zspan(11)},${zspan(12)},${zspan(13)}]`, 4],
  ['csv metrics, a 300 KB quoted label in the first row', 'm.csv', `timestamp,metric,value,labels\n2024-01-01T00:00:00Z,cpu,1,"${BIG}"\n2024-01-01T00:00:01Z,cpu,2,host=a\n2024-01-01T00:00:02Z,cpu,3,host=a\n`, 3],
  ['JSON Lines logs, a 300 KB field before the time and message', 'l.jsonl', `{"extra":"${BIG}","timestamp":"2024-01-01T00:00:00Z","level":"info","message":"a"}\n{"timestamp":"2024-01-01T00:00:01Z","level":"info","message":"b"}\n`, 2],
  ['escapes and multi-byte characters in the long value', 'e.jsonl', `{"extra":"${'é\\"\\u00e9\\\\'.repeat(40_000)}","timestamp":"2024-01-01T00:00:00Z","level":"info","message":"a"}\n`, 1],
];

describe('a long first value does not hide the format', () => {
  for (const [what, path, text, records] of CASES) {
    it(`${what}: ${records} records, whatever the chunking`, () => {
      const format = path.endsWith('.csv') ? 'csv-metrics' : path.startsWith('z') ? 'zipkin' : 'jsonl-logs';
      for (const chunk of [0, 1, 7, 4096, 65536]) expect(analyse(path, text, chunk)).toEqual({ format, records, rejected: 0, errors: [] });
    });
  }

  it('lines that are long quoted strings are log lines, as before', () => {
    for (const chunk of [0, 7, 65536]) expect(analyse('u.txt', `"${BIG}"\n"${BIG}"\n`, chunk)).toEqual({ format: 'text-logs', records: 2, rejected: 0, errors: [] });
  });

  it('condenseHead keeps the first KEEP_BYTES of each string, whole escapes and characters, and the rest', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const dec = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(dec(condenseHead(enc(`{"a":"${'y'.repeat(1000)}","b":1}`), 65536).bytes)).toBe(`{"a":"${'y'.repeat(KEEP_BYTES)}","b":1}`);
    // an escape or a character that starts within the kept bytes is kept whole
    const s = `["${'y'.repeat(KEEP_BYTES - 1)}\\u00e9${'z'.repeat(10)}","${'y'.repeat(KEEP_BYTES - 1)}é${'z'.repeat(10)}","${'y'.repeat(KEEP_BYTES - 1)}\\"z"]`;
    const out = dec(condenseHead(enc(s), 65536).bytes);
    expect(JSON.parse(out)).toEqual([`${'y'.repeat(KEEP_BYTES - 1)}é`, `${'y'.repeat(KEEP_BYTES - 1)}é`, `${'y'.repeat(KEEP_BYTES - 1)}"`]);
    expect(condenseHead(enc('a'.repeat(100)), 10)).toEqual({ bytes: enc('a'.repeat(10)), all: false });
  });
});
