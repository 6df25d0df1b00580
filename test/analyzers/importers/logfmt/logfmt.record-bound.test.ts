// A logfmt line of more keys than the analysis keeps: the importer stores the first
// MAX_RECORD_ATTRIBUTES (and the keys its mapping reads by name, and array-index keys) and counts
// the rest, instead of building every pair for RecordLimiter to trim (1M pairs: 5.6 s). What the
// analysis keeps and reports must be what it did from the whole line: each case maps the line
// bounded and whole (parseLogfmt without a bound, as before) and compares both after RecordLimiter.
import { describe, expect, it } from 'vitest';
import { RecordLimiter } from '../../../../analyzers/analysis/record-limits.js';
import { buildLogRecord } from '../../../../analyzers/importers/jsonl-logs/log-output.js';
import { mapLogfmtLine } from '../../../../analyzers/importers/jsonl-logs/log-line.js';
import { isFieldKey } from '../../../../analyzers/importers/jsonl-logs/map-fields.js';
import { logfmt, parseLogfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { MAX_RECORD_ATTRIBUTES, type LogRecord } from '../../../../analyzers/model/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const N = 3000;
const pairs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${from + i}=v${i % 5}`).join(' ');

/** The record the analysis sees from `line`, bounded while read or not, and what it reports. */
function analysed(line: string, bounded: boolean): { record: LogRecord; message: string | undefined } {
  const m = mapLogfmtLine(parseLogfmt(line, bounded ? isFieldKey : undefined));
  const record = buildLogRecord(m, { attributes: {} }, true, 'f', 1, 0);
  const message = new RecordLimiter().bound(record);
  delete record.droppedAttributes;
  delete record.droppedBodyMembers;
  return { record, message };
}

describe('logfmt: a line of more keys than the analysis keeps', () => {
  const cases: [string, string][] = [
    ['fields the mapping reads, past the bound', `k=0 ${pairs(N)} msg="late message" level=warn trace_id=4bf92f3577b34da6a3ce929d0e0e4736`],
    ['no message: the pairs are the body', `time=2024-01-01T00:00:00Z ${pairs(N)}`],
    ['keys repeated past the bound (a stored one, a left-out one)', `${pairs(N)} k3=again k2500=again k2500=twice msg=m`],
    ['array-index keys past the bound', `${pairs(N)} 7=a 12=b msg=m`],
    ['a klog prefix whose fields the line also has, past the bound', `I0130 11:51:46.123456       1 controller.go:12] "synced" ${pairs(N)} code.lineno=99 thread.id=x`],
  ];
  it.each(cases)('%s: the analysis keeps and reports what it did from the whole line', (_, line) => {
    const bounded = analysed(line, true);
    expect(bounded).toEqual(analysed(line, false));
    expect(bounded.message).toMatch(/dropped$/);
  });

  it('the importer stores at most the bound of ordinary keys and counts the rest; chunking changes nothing', () => {
    const text = `time=2024-01-01T00:00:00Z level=info msg=big ${pairs(N)}\nmsg=small a=1\n`;
    const r = decodeText(logfmt, text);
    expect(r.errors).toEqual([]);
    const [big, small] = logs(r);
    expect(Object.keys(big!.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    expect(big!.droppedAttributes).toBe(N + 3 - 3 - MAX_RECORD_ATTRIBUTES);
    expect([big!.body, big!.severityText]).toEqual(['big', 'info']);
    expect(small!.droppedAttributes).toBeUndefined();
    expectChunkingInvariant(logfmt, new TextEncoder().encode(text));
  });
});
