// `signals.<signal>.services` lists the first 10,000 names in sorted order whatever the order the
// records come in and however the work is split (worker threads merge states); `serviceCount`
// counts them all, exactly up to 1,000,000 distinct names. Expectations: the names are generated,
// so the expected list is the generated set sorted and cut, and the count is its size.
import { describe, expect, it } from 'vitest';
import { ServiceNames, SERVICE_LIST_CAP } from '../../../analyzers/analysis/service-names.js';
import { DistinctCounter, keyDigest } from '../../../analyzers/analysis/distinct.js';
import { analyseInputs } from '../../helpers/analyse.js';
import { formatSignals } from '../../../analyzers/cli/analyze.js';
import { mulberry32 } from '../../helpers/prng.js';

const rng = mulberry32;

/** `n` distinct names, each repeated 1–3 times, in a shuffled order. */
function workload(n: number, seed: number): { stream: string[]; distinct: string[] } {
  const rand = rng(seed);
  const distinct = Array.from({ length: n }, (_, i) => `svc-${Math.floor(rand() * 1e9).toString(36)}-${i}`);
  const stream: string[] = [];
  for (const s of distinct) for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) stream.push(s);
  for (let i = stream.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [stream[i], stream[j]] = [stream[j]!, stream[i]!];
  }
  return { stream, distinct };
}

describe('DistinctCounter.addKeyDigest', () => {
  it('counts as add(keyDigest(key)) does, exact and past the exact limit (same state)', () => {
    const { stream } = workload(3000, 4);
    for (const cap of [100_000, 500]) {
      const viaString = new DistinctCounter(cap);
      const viaWords = new DistinctCounter(cap);
      for (const k of stream) {
        viaString.add(keyDigest(k));
        viaWords.addKeyDigest(k);
      }
      expect(viaWords.state()).toEqual(viaString.state());
      expect(viaWords.count()).toBe(viaString.count());
    }
    expect(new DistinctCounter().count()).toBe(0);
  });
});

describe('ServiceNames', () => {
  it('keeps the first cap names in sorted order, whatever the order and the split into merged parts', () => {
    const cap = 50;
    const { stream, distinct } = workload(2000, 1);
    const want = [...distinct].sort().slice(0, cap);
    for (const parts of [1, 2, 3, 7]) {
      const shards = Array.from({ length: parts }, () => new ServiceNames(cap));
      stream.forEach((s, i) => shards[(i * 7919) % parts]!.add(s));
      const main = new ServiceNames(cap);
      for (const sh of shards) main.merge(sh.state());
      expect(main.list()).toEqual({ names: want, capped: true });
      expect(main.count()).toEqual({ count: 2000, approximate: false });
    }
    // reversed-sorted input: every name is a new smallest one (the trim runs again and again)
    const rev = new ServiceNames(cap);
    for (const s of [...distinct].sort().reverse()) rev.add(s);
    expect(rev.list()).toEqual({ names: want, capped: true });
  });

  it('is not capped at exactly cap names; a name seen again is counted once', () => {
    const s = new ServiceNames(3);
    for (const n of ['c', 'a', 'b', 'a', 'c', 'b']) s.add(n);
    expect(s.list()).toEqual({ names: ['a', 'b', 'c'], capped: false });
    expect(s.count().count).toBe(3);
    s.add('0');
    expect(s.list()).toEqual({ names: ['0', 'a', 'b'], capped: true });
    expect(s.count().count).toBe(4);
  });

  it('past the exact limit the count is an estimate (HyperLogLog, within 3 %)', () => {
    const s = new ServiceNames(10, 1000);
    const { distinct } = workload(20_000, 2);
    for (const n of distinct) s.add(n);
    const c = s.count();
    expect(c.approximate).toBe(true);
    expect(Math.abs(c.count - 20_000)).toBeLessThan(600);
  });
});

describe('signals.<signal>.services in the report', () => {
  const n = SERVICE_LIST_CAP + 2345;
  const { distinct } = workload(n, 3);
  const lines = distinct.map((s, i) => JSON.stringify({ timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, level: 'info', service: s, message: `request ${i} done` }));

  it('a log of 12,345 services lists the first 10,000 in sorted order, counts all, flags the cap', () => {
    const r = analyseInputs([['many.jsonl', lines.join('\n') + '\n']]);
    const logs = r.signals.logs;
    expect(r.inputs[0]!.records).toBe(n);
    expect(logs.services).toEqual([...distinct].sort().slice(0, SERVICE_LIST_CAP));
    expect(logs.serviceCount).toBe(n);
    expect(logs.servicesCapped).toBe(true);
    expect(logs.serviceCountApproximate).toBeUndefined();
    expect(r.signals.traces).toMatchObject({ services: [], serviceCount: 0 });
    expect(r.signals.traces.servicesCapped).toBeUndefined();
    expect(formatSignals(r)).toContain('Logs:    12,345 records, 12,345 services (10,000 listed)');
  });

  it('a few services: all listed, the count equal to the list, no flag', () => {
    const r = analyseInputs([['few.jsonl', lines.slice(0, 5).join('\n') + '\n']]);
    expect(r.signals.logs.services).toEqual(distinct.slice(0, 5).sort());
    expect(r.signals.logs.serviceCount).toBe(5);
    expect('servicesCapped' in r.signals.logs).toBe(false);
    expect(formatSignals(r)).toContain('Logs:    5 records, 5 services\n');
  });
});
