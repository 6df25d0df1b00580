// Compact id sets and trace-hash-sampled span checks: exact where promised, and the same result
// whether records go through one collector or are split across collectors and merged.
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../../analyzers/profile/id-set.js';
import { SpanProfile } from '../../../analyzers/profile/span-profile.js';
import { SAMPLE_CAP } from '../../../analyzers/profile/checks.js';
import { hash32 } from '../../../analyzers/profile/hash.js';
import type { Span } from '../../../analyzers/model/index.js';

const hex = (i: number, len: number) => (i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(len / 8);

function span(i: number, trace: number): Span {
  return {
    kind: 'span', traceId: hex(trace + 1, 32), spanId: hex(i + 1, 16), name: i % 7 === 0 ? `GET /user/${100000 + i}` : 'GET /api/cart', spanKind: i % 5 === 0 ? 'unspecified' : 'server',
    startNs: 1_700_000_000_000_000_000n, endNs: 1_700_000_000_005_000_000n, status: { code: 'unset' },
    attributes: { 'http.request.method': 'GET', ...(i % 11 === 0 ? { 'user.email': 'a.person@example.com' } : {}) }, events: [], links: [],
    resource: { serviceName: 'svc', attributes: {} }, source: { file: 'f', line: i + 1 },
  };
}

describe('IdSet', () => {
  it('holds exactly the distinct ids, packed or not, and merges to the union', () => {
    const ids = [...Array.from({ length: 3000 }, (_, i) => hex(i % 2000, 16)), ...Array.from({ length: 3000 }, (_, i) => hex(i % 1500, 32)), 'ABC', 'not-hex', 'ABC'];
    const a = new IdSet();
    const b = new IdSet();
    ids.forEach((id, i) => (i % 2 ? a : b).add(id));
    const m = IdSet.from(structuredClone(a.state()));
    m.merge(structuredClone(b.state()));
    // Distinct by construction: 2000 span ids, 1500 trace ids, 2 other strings.
    expect(m.size).toBe(new Set(ids).size);
    expect(m.size).toBe(3502);
    // a state's size, read without building the set (the correlation's exact trace count)
    expect(IdSet.stateSize(structuredClone(m.state()))).toBe(3502);
    expect(IdSet.stateSize(a.state())).toBe(a.size);
    expect(IdSet.stateSize(new IdSet().state())).toBe(0);
    for (const id of ids) expect(m.has(id)).toBe(true);
    expect(m.has(hex(5000, 16))).toBe(false);
    expect(m.has('abc')).toBe(false);
  });
});

describe('IdSet.reserve', () => {
  it('makes room ahead of a merge: the members stay, and the merge gives the union', () => {
    const a = new IdSet();
    const b = new IdSet();
    for (let i = 0; i < 5000; i++) a.add(hex(i, 16));
    for (let i = 3000; i < 9000; i++) b.add(hex(i, 16));
    for (let i = 0; i < 700; i++) b.add(hex(i * 3, 32));
    b.add('not-hex');
    expect(b.sizes()).toEqual([6000, 700, 1]);
    a.reserve(b.sizes());
    for (let i = 0; i < 5000; i++) expect(a.has(hex(i, 16))).toBe(true);
    expect(a.size).toBe(5000);
    a.merge(structuredClone(b.state()));
    expect(a.size).toBe(9000 + 700 + 1);
    for (let i = 0; i < 9000; i++) expect(a.has(hex(i, 16))).toBe(true);
    for (let i = 0; i < 700; i++) expect(a.has(hex(i * 3, 32))).toBe(true);
  });
});

describe('sampled span checks', () => {
  const n = SAMPLE_CAP * 4;
  const spans = Array.from({ length: n }, (_, i) => span(i, Math.floor(i / 4)));
  const lz = (s: Span) => Math.clz32(hash32(s.traceId));

  it('exact checks count every span; expensive ones a deterministic sample past the cap', () => {
    const one = new SpanProfile();
    for (const s of spans) one.add(s, lz(s));
    const st = one.state();
    expect(st.checks['span.kind']!.examined).toBe(n);
    // Every 5th span has kind unspecified.
    expect(st.checks['span.kind']!.failing).toBe(n / 5);
    const sampled = st.checks['span.name-id']!;
    expect(sampled.sampleShare).toBeLessThan(1);
    expect(sampled.examined).toBeLessThanOrEqual(SAMPLE_CAP);
    // The sample is exactly the spans whose trace hash has ≥ level leading zero bits.
    const level = -Math.log2(sampled.sampleShare!);
    const inSample = spans.filter((s) => lz(s) >= level);
    expect(sampled.examined).toBe(inSample.length);
    expect(sampled.failing).toBe(inSample.filter((s) => s.name.startsWith('GET /user/')).length);
    expect(st.checks['span.sensitive']!.failing).toBe(inSample.filter((s) => s.attributes['user.email'] !== undefined).length);
    // the sample says how many spans it holds of how many: those the level passes, of every span
    expect(sampled.sample).toEqual({ unit: 'spans', size: inSample.length, total: n, share: sampled.sampleShare });
    expect(st.checks['span.kind']!.sample).toBeUndefined();
  });

  it('split across collectors and merged: the same state as one collector', () => {
    const one = new SpanProfile();
    for (const s of spans) one.add(s, lz(s));
    const parts = [new SpanProfile(), new SpanProfile(), new SpanProfile()];
    spans.forEach((s, i) => parts[Math.floor(i / 5000) % 3]!.add(s, lz(s)));
    const merged = new SpanProfile();
    for (const p of parts) merged.merge(structuredClone(p.state()));
    const strip = (s: ReturnType<SpanProfile['state']>) => ({ ...s, sampled: undefined });
    expect(strip(merged.state())).toEqual(strip(one.state()));
  });
});
