// Several scrapes of one endpoint appended into one file
// (`for i in 1 2 3; do curl -s host:9100/metrics >> scrapes.txt; sleep 15; done`): every scrape
// repeats the HELP/TYPE lines. When the families start over, a repeated HELP/TYPE that agrees
// with the earlier scrape's is no error; a conflicting TYPE still is. Every sample line stays one
// data point (no timestamps are invented for timestamp-less samples).
import { describe, expect, it } from 'vitest';
import { decodeBytes, type DecodeResult } from '../../../../analyzers/importers/decode.js';
import { openMetricsText, prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { appScrape, THREE_SCRAPES } from './concatenated-fixtures.js';
import { points, readData, sniffedId } from './metrics-test-helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

function seriesCount(r: DecodeResult): number {
  return new Set(points(r).map((p) => p.name + JSON.stringify(p.labels))).size;
}

function codes(r: DecodeResult): [string, number | undefined][] {
  return r.errors.map((e) => [e.code, e.line]);
}

describe('concatenated Prometheus 0.0.4 scrapes', () => {
  it('three appended scrapes: no errors, 21 points (one per sample line) in 7 series, 3 points each', () => {
    expect(sniffedId(enc(THREE_SCRAPES))).toBe('prometheus');
    const r = decodeBytes(prometheusText, enc(THREE_SCRAPES));
    expect(r.errors).toEqual([]);
    const ps = points(r);
    expect(ps).toHaveLength(21);
    expect(r.progress.records).toBe(21);
    expect(r.progress.rejected).toBe(0);
    expect(seriesCount(r)).toBe(7);
    // Every sample line is its own point, at its own line, without an invented timestamp.
    const sampleLines = THREE_SCRAPES.split('\n').flatMap((l, i) => (l !== '' && !l.startsWith('#') ? [i + 1] : []));
    expect(ps.map((p) => p.source.line)).toEqual(sampleLines);
    expect(ps.every((p) => p.timeNs === undefined)).toBe(true);
    expect(ps.filter((p) => p.name === 'process_open_fds').map((p) => p.value)).toEqual([11, 12, 13]);
    // The later scrapes keep their family's type and help.
    const last = ps.filter((p) => (p.source.line ?? 0) > 26);
    expect(last.map((p) => p.type)).toEqual(['counter', 'counter', 'histogram', 'histogram', 'histogram', 'histogram', 'gauge']);
    expect(last.every((p) => p.description !== undefined)).toBe(true);
  });

  it('a conflicting TYPE in a later scrape is a duplicate error at its line; the first type is kept and every point is read', () => {
    const text = appScrape(1) + appScrape(2, 'counter') + appScrape(3);
    const r = decodeBytes(prometheusText, enc(text));
    expect(codes(r)).toEqual([['duplicate', 25]]);
    expect(r.errors[0]!.message).toContain('conflicts');
    expect(points(r)).toHaveLength(21);
    expect(r.progress.rejected).toBe(0);
    expect(seriesCount(r)).toBe(7);
    expect(points(r).filter((p) => p.name === 'process_open_fds').map((p) => p.type)).toEqual(['gauge', 'gauge', 'gauge']);
  });

  it('a HELP that differs in a later scrape is a duplicate error (first kept); the points are all read', () => {
    const text = appScrape(1) + appScrape(2).replace('Request latency.', 'Request latency in seconds.');
    const r = decodeBytes(prometheusText, enc(text));
    expect(codes(r)).toEqual([['duplicate', 18]]);
    expect(points(r)).toHaveLength(14);
    expect(new Set(points(r).filter((p) => p.family === 'http_request_duration_seconds').map((p) => p.description))).toEqual(new Set(['Request latency.']));
  });

  it('a one-family scrape appended three times (TYPE only, no HELP): no errors, 3 points in 1 series', () => {
    const text = '# TYPE up gauge\nup 1\n'.repeat(3);
    const r = decodeBytes(prometheusText, enc(text));
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.source.line, p.type])).toEqual([
      [2, 'gauge'],
      [4, 'gauge'],
      [6, 'gauge'],
    ]);
  });

  it('scrapes with timestamps appended: one point per line, times kept', () => {
    const text = ['# TYPE up gauge', 'up{job="a"} 1 1700000000000', 'up{job="b"} 0 1700000000000', '# TYPE up gauge', 'up{job="a"} 1 1700000015000', 'up{job="b"} 1 1700000015000', ''].join('\n');
    const r = decodeBytes(prometheusText, enc(text));
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => p.timeNs)).toEqual([1700000000000000000n, 1700000000000000000n, 1700000015000000000n, 1700000015000000000n]);
    expect(seriesCount(r)).toBe(2);
  });

  it('node_exporter e2e output appended three times: no errors, 3× the points, the same series', () => {
    const one = readData('prometheus-text/node_exporter/e2e/e2e-output.txt');
    const three = new Uint8Array(one.length * 3);
    for (let i = 0; i < 3; i++) three.set(one, i * one.length);
    const a = decodeBytes(prometheusText, one);
    const b = decodeBytes(prometheusText, three);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(points(a)).toHaveLength(3027);
    expect(points(b)).toHaveLength(3 * 3027);
    expect(seriesCount(b)).toBe(seriesCount(a));
  });

  describe('repeated metadata within one scrape is still an error', () => {
    it.each([
      ['second HELP, no sample between', '# HELP m one\n# HELP m two\n', [['duplicate', 2]]],
      ['second TYPE, no sample between', '# TYPE m counter\n# TYPE m untyped\n', [['duplicate', 2]]],
      ['same TYPE twice, no sample between', '# TYPE m counter\n# TYPE m counter\nm 1\n', [['duplicate', 2]]],
      ['TYPE after samples that had none', 'm 4.12\n# TYPE m counter\n', [['invalid-line', 2]]],
      ['a later scrape repeats TYPE twice', '# TYPE m gauge\nm 1\n# TYPE m gauge\n# TYPE m gauge\nm 2\n', [['duplicate', 4]]],
    ] as const)('%s', (_name, text, expected) => {
      const r = decodeBytes(prometheusText, enc(text));
      expect(codes(r)).toEqual(expected);
    });
  });
});

describe('concatenated OpenMetrics expositions', () => {
  const one = (v: number, ts: number): string =>
    ['# TYPE app_requests counter', '# HELP app_requests Requests served.', `app_requests_total{code="200"} ${v} ${ts}`, `app_requests_total{code="500"} ${v / 10} ${ts}`, '# TYPE app_up gauge', `app_up 1 ${ts}`, '# EOF'].join('\n') + '\n';

  it('reads the expositions after the first # EOF as further expositions: 9 points, one error at the first line after each # EOF', () => {
    const text = one(10, 1700000000) + one(20, 1700000015) + one(30, 1700000030);
    const r = decodeBytes(openMetricsText, enc(text));
    // Hand count: 3 sample lines per exposition, 3 expositions.
    expect(points(r)).toHaveLength(9);
    expect(r.progress.rejected).toBe(0);
    expect(codes(r)).toEqual([
      ['invalid-line', 8],
      ['invalid-line', 15],
    ]);
    expect(r.errors[0]!.message).toContain('read as another exposition');
    expect(points(r).filter((p) => p.name === 'app_requests_total' && p.labels['code'] === '200').map((p) => p.value)).toEqual([10, 20, 30]);
  });

  it('a later exposition without # EOF is truncated, like the first would be', () => {
    const text = one(10, 1700000000) + one(20, 1700000015).replace('# EOF\n', '');
    const r = decodeBytes(openMetricsText, enc(text));
    expect(points(r)).toHaveLength(6);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-line', 'truncated']);
  });

  it('other text after # EOF is one error and is not read (the parser suite case bad_text_after_eof)', () => {
    const r = decodeBytes(openMetricsText, enc(one(10, 1700000000) + 'blah\nmore 1\n'));
    expect(points(r)).toHaveLength(3);
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-line', 8, 'content after "# EOF"']]);
  });
});
