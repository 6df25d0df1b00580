// An exposition with a few samples whose value does not parse is still an exposition: read as
// Prometheus text with each broken line a coded error, not taken for a plain-text log (which would
// count every line, broken ones included, as a "log record").
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { decodeText, points, sniffedId } from './metrics-test-helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('broken sample values', () => {
  it('6 good samples and 2 with unparseable values (no labels, no metadata): prometheus, 6 points, 2 errors', () => {
    const text = 'reqs_total 10\nreqs_total 0x1F\nmem_bytes 2048\nmem_bytes 1_000\ncpu 0.5\nload 1.2\nthreads 12\nfds 40\n';
    expect(sniffedId(enc(text))).toBe('prometheus');
    const r = decodeBytes(prometheusText, enc(text), 'input');
    expect(r.records).toHaveLength(6);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-number', 2],
      ['invalid-number', 4],
    ]);
  });

  it('a value beyond a double (1e400) rejects its sample, said so; +Inf is a value (chunks alike)', () => {
    const text = '# TYPE m gauge\nm{k="a"} 1e400\nm{k="b"} +Inf\nm{k="c"} 1\n';
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeBytes(prometheusText, enc(text), 'input', chunk);
      expect(r.records).toHaveLength(2);
      expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-number', 2, 'sample value "1e400" is beyond a double\'s range (Prometheus refuses it: value out of range; write +Inf if that is meant)']]);
    }
  });

  it('short "word value" text lines are still logs (too few good samples)', () => {
    expect(sniffedId(enc('started 5\nstopped 3\nready now\nworker 7 up\n'))).toBe('text-logs');
    expect(sniffedId(enc('service ready\nlistening on 8080\nconnected to db\nwarming cache\n'))).toBe('text-logs');
  });
});

describe('prometheus text: timestamps in seconds', () => {
  it('10-digit timestamps of our era are read as seconds, said once; the points keep their 2023 times', () => {
    const text = 'up 1 1700000000\nup 2 1700000015\nold 1 1234567890\n';
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeText(prometheusText, text, chunk);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', 1]]);
      expect(r.errors[0]!.message).toContain('in seconds where Prometheus text has milliseconds');
      // 1700000000 s = 2023-11-14T22:13:20Z; 1234567890 predates Prometheus: the ms it says
      expect(points(r).map((p) => p.timeNs)).toEqual([1_700_000_000_000_000_000n, 1_700_000_015_000_000_000n, 1_234_567_890_000_000n]);
    }
  });
});

describe('prometheus text: timestamps in µs or ns', () => {
  // 16 digits (µs) and 19 digits (ns) where ms belong put a sample 50,000 years (or 53 million
  // years) ahead; they are read in the unit they evidently are in, as 10-digit seconds are, and
  // said once per unit. Expected: each is 1700000000 s = 2023-11-14T22:13:20Z (the digits divided
  // by 10^3 for µs, 10^6 for ns, in ms; times 10^6 in ns); the 13-digit ms time is untouched.
  it('are read in their unit, one error per unit', () => {
    const text = '# TYPE foo gauge\nfoo{u="us"} 1 1700000000000000\nfoo{u="ns"} 1 1700000000000000000\nfoo{u="ms"} 1 1700000000000\nfoo{u="us2"} 1 1700000015000000\n';
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeText(prometheusText, text, chunk);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([
        ['invalid-timestamp', 2],
        ['invalid-timestamp', 3],
      ]);
      expect(r.errors[0]!.message).toContain('is in microseconds where Prometheus text has milliseconds');
      expect(r.errors[1]!.message).toContain('is in nanoseconds where Prometheus text has milliseconds');
      expect(points(r).map((p) => p.timeNs)).toEqual([1_700_000_000_000_000_000n, 1_700_000_000_000_000_000n, 1_700_000_000_000_000_000n, 1_700_000_015_000_000_000n]);
    }
  });
});
