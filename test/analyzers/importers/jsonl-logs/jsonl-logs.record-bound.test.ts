// A JSON log line of more fields than the analysis keeps: JSON.parse builds them all, but the
// mapping copies only the first MAX_RECORD_ATTRIBUTES attributes and counts the rest (a 2M-field
// line copied them all for RecordLimiter to trim). What the analysis keeps and reports must be
// what it did from the whole mapping: each case maps the line bounded and not (as before) and
// compares both after RecordLimiter.
import { describe, expect, it } from 'vitest';
import { RecordLimiter } from '../../../../analyzers/analysis/record-limits.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { buildLogRecord } from '../../../../analyzers/importers/jsonl-logs/log-output.js';
import { mapStructured } from '../../../../analyzers/importers/jsonl-logs/map-fields.js';
import { MAX_RECORD_ATTRIBUTES, type LogRecord } from '../../../../analyzers/model/index.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

const N = 3000;
const fields = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":"v${i % 5}"`).join(',');

function analysed(line: string, bounded: boolean): { record: LogRecord; message: string | undefined } {
  const m = mapStructured(JSON.parse(line) as Record<string, unknown>, undefined, bounded);
  const record = buildLogRecord(m, { attributes: {} }, true, 'f', 1, 0);
  const message = new RecordLimiter().bound(record);
  delete record.droppedAttributes;
  return { record, message };
}

describe('jsonl-logs: a line of more fields than the analysis keeps', () => {
  const cases: [string, string][] = [
    ['fields the mapping reads, past the bound', `{${fields(N)},"msg":"late","level":"warn","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}`],
    ['no message: the record is the body', `{"time":"2024-01-01T00:00:00Z",${fields(N)}}`],
    ['array-index keys past the bound', `{${fields(N)},"7":"a","12":"b","msg":"m"}`],
    ['a shipper envelope whose line has a field the record left out', `{"agent":{"type":"filebeat"},${fields(N)},"message":"{\\"k2500\\":\\"inner\\",\\"fresh\\":1,\\"msg\\":\\"x\\"}"}`],
  ];
  it.each(cases)('%s: the analysis keeps and reports what it did from the whole mapping', (_, line) => {
    const bounded = analysed(line, true);
    expect(bounded).toEqual(analysed(line, false));
    expect(bounded.message).toMatch(/dropped$/);
  });

  it('the importer copies at most the bound of attributes and counts the rest; chunking changes nothing', () => {
    const text = `{"level":"info","msg":"big",${fields(N)}}\n{"msg":"small","a":1}\n`;
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    const [big, small] = logs(r);
    expect(Object.keys(big!.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    expect(big!.droppedAttributes).toBe(N - MAX_RECORD_ATTRIBUTES);
    expect([big!.body, big!.severityText]).toEqual(['big', 'info']);
    expect(small!.droppedAttributes).toBeUndefined();
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });
});
