// The trace stores keep ids and names cut from anywhere in the input until the end of the run. A
// substring of 13+ characters is, in V8, a view that holds the whole string it was cut from (a CSV
// row, a decoded chunk): 100,000 kept spans could then hold 100,000 source strings. ownString
// makes each kept string its own. Checked by retained memory after full collections: 48 sources
// of 1 MiB, one 32-character id (and a name) cut from each and kept; without the copies the kept
// strings hold all 48 MiB, with them a few KB (the bound below leaves room for the heap's noise).
import { describe, expect, it } from 'vitest';
import { StringDict, TraceSlots, ownString } from '../../../analyzers/analysis/trace-columns.js';
import { SampledTraces } from '../../../analyzers/analysis/sampled-traces.js';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { collectGarbage } from '../../../analyzers/node/gc.js';

const MIB = 1 << 20;
/** A flat 1 MiB string starting with a distinct 32-hex id (JSON.parse returns flat strings). */
function source(i: number): string {
  return JSON.parse(JSON.stringify(i.toString(16).padStart(32, '0') + ',GET /api/' + 'x'.repeat(MIB))) as string;
}
function retained(): number {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('ownString', () => {
  it('returns the same text, short or long', () => {
    for (const s of ['', 'a', '0123456789ab', '0123456789abc', 'f'.repeat(32), 'GET /api/ü€😀'.repeat(5)]) expect(ownString(s)).toBe(s);
  });

  it('a kept id or name does not hold the string it was cut from', () => {
    const dict = new StringDict();
    const slots = new TraceSlots(() => 0);
    const sample = new SampledTraces(1000);
    const before = retained();
    for (let i = 0; i < 48; i++) {
      const s = source(i);
      const id = s.slice(0, 32);
      const name = s.slice(33, 33 + 20);
      dict.intern(name + String(i));
      dict.intern(s.slice(33, 33 + 16 + (i % 7)));
      slots.slotOf(id);
      const span: Span = { kind: 'span', traceId: id, spanId: s.slice(8, 24), parentSpanId: s.slice(16, 32), name, spanKind: 'client', status: { code: 'unset' }, attributes: { 'peer.service': s.slice(0, 24) }, events: [], links: [], resource: resourceFromAttributes({ 'service.name': s.slice(0, 14) }), source: { file: 'f.csv', line: i + 1 }, startNs: BigInt(i) * 1_000_000n, endNs: BigInt(i) * 1_000_000n + 1000n };
      sample.add(span);
    }
    expect(slots.ids.length).toBe(48);
    expect(retained() - before).toBeLessThan(8 * MIB);
  });
});
