// The per-series cache of metric points returns exactly what computing from the point gives, for
// any sequence of points: keys, secret scan, label strings and excerpts. A stale entry (one found
// for a point of another series) shows up as a wrong key or excerpt here.
import { describe, expect, it } from 'vitest';
import { PointSeriesIndex, labelsKey, seriesKey, seriesOrigin } from '../../../analyzers/profile/point-series.js';
import { excerptOf, exampleOf, metricExcerpt } from '../../../analyzers/profile/examples.js';
import { findSensitiveInAttributes } from '../../../analyzers/profile/sensitive.js';
import { serviceOf } from '../../../analyzers/profile/service.js';
import { emptyResource, resourceFromAttributes, type MetricPoint, type Resource } from '../../../analyzers/model/index.js';

function point(name: string, labels: Record<string, string>, extra: Partial<MetricPoint> = {}, resource: Resource = emptyResource()): MetricPoint {
  return { kind: 'metric', name, type: 'gauge', temporality: 'unspecified', labels, value: 1, exemplars: [], resource, source: { file: 'f', line: 1, offset: 0 }, ...extra };
}

/** What each cached field must be: computed from the point itself. */
function expected(p: MetricPoint) {
  const instance = seriesOrigin(p);
  return {
    keys: Object.keys(p.labels),
    values: Object.values(p.labels),
    signalsKey: seriesKey(p),
    profileKey: labelsKey(p.labels) + '|' + instance,
    storeKey: p.name + labelsKey(p.labels) + '|' + serviceOf(p) + '|' + instance,
    sensitive: findSensitiveInAttributes(p.labels),
  };
}

function cached(index: PointSeriesIndex, p: MetricPoint) {
  const s = index.of(p);
  return { keys: [...s.keys], values: [...s.values], signalsKey: s.signalsKey, profileKey: s.profileKey, storeKey: s.storeKey, sensitive: s.sensitive };
}

let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

describe('PointSeriesIndex', () => {
  it('two series whose labels differ only in a masked token keep their own keys and scan', () => {
    const index = new PointSeriesIndex(2); // one set of two slots: every series competes for it
    const a = point('logins', { user: 'alice@example.com' });
    const b = point('logins', { user: 'bob@example.com' });
    expect(excerptOf(a)).toBe(excerptOf(b)); // the same excerpt text, masked
    for (const p of [a, b, a, point('logins', { user: 'bob@example.com' }), b]) expect(cached(index, p)).toEqual(expected(p));
    expect(index.of(a)).not.toBe(index.of(b));
  });

  it('the same labels object under another name, unit, type, service or instance is another series', () => {
    const index = new PointSeriesIndex(64);
    const labels = { host: 'a', token: 'x' };
    const r1 = { ...emptyResource(), serviceName: 'cart' };
    const r2 = { ...emptyResource(), serviceName: 'cart', serviceInstanceId: 'i-2' };
    const points = [point('cpu', labels, {}, r1), point('mem', labels, {}, r1), point('cpu', labels, { unit: 's' }, r1), point('cpu', labels, { type: 'counter' }, r1), point('cpu', labels, {}, r2), point('cpu', labels, {}, emptyResource()), point('cpu', labels, {}, r1)];
    for (const p of points) expect(cached(index, p)).toEqual(expected(p));
    for (const p of points) expect(metricExcerpt(p)).toBe(excerptOf(p)); // the unit and type are in the excerpt
    // Each pair in turn (only the first and last point are one series): never one entry for both.
    for (let i = 0; i < points.length - 1; i++) {
      for (let j = i + 1; j < points.length - 1; j++) expect(index.of(points[i]!)).not.toBe(index.of(points[j]!));
    }
    expect(index.of(points[0]!)).toBe(index.of(points[6]!));
  });

  it('a labels object that a decoder reuses and changes between points: each point gets its own series', () => {
    const index = new PointSeriesIndex(64);
    const labels: Record<string, string> = { pod: 'a' };
    const resource = emptyResource();
    const seq: MetricPoint[] = [];
    const add = () => {
      const p = point('cpu', labels, {}, resource);
      expect(cached(index, p)).toEqual(expected(p));
      seq.push(p);
    };
    add();
    labels.pod = 'b';
    add();
    labels.user = 'x@y.example.org';
    add();
    delete labels.user;
    labels.pod = 'a';
    add();
    expect(index.of(seq[3]!).profileKey).toBe('{pod="a",}|');
  });

  it('labels in another order: the keys are the same and the secret scan reports in label order', () => {
    const index = new PointSeriesIndex(4);
    const p = point('x', { password: 'hunter2!', mail: 'a@b.example.com' });
    const q = point('x', { mail: 'a@b.example.com', password: 'hunter2!' });
    expect(cached(index, p)).toEqual(expected(p));
    expect(cached(index, q)).toEqual(expected(q));
    expect(index.of(p).storeKey).toBe(index.of(q).storeKey);
    expect(index.of(p).sensitive).not.toEqual(index.of(q).sensitive);
  });

  it('steps aside while nearly every point is a series of its own, and comes back: every field as computed', () => {
    const index = new PointSeriesIndex(1 << 10);
    // 300 new series: 256 misses close a window without hits, so the next 16,384 new points get
    // series that are not stored (44 more new ones, then points of one series each a new object).
    for (let i = 0; i < 300; i++) {
      const p = point('req', { id: String(i) });
      expect(cached(index, p)).toEqual(expected(p));
      expect(index.of(p).shared).toBe(i < 256);
    }
    const other = point('up', { job: 'a' });
    for (let i = 0; i < 20_000; i++) {
      const p = point(i % 2 ? 'up' : 'req', i % 2 ? { job: 'a' } : { id: String(i % 7) });
      const s = index.of(p);
      if (i % 1000 === 0) expect(cached(index, p)).toEqual(expected(p));
      expect(s.signalsKey).toBe(seriesKey(p));
    }
    // Back on: the table finds a series again after another one.
    const a = index.of(point('req', { id: '3' }));
    expect(index.of(other).shared).toBe(true);
    expect(index.of(point('req', { id: '3' }))).toBe(a);
    expect(a.shared).toBe(true);
  });

  it('grows for a working set larger than the table met in a cycle (a wide CSV, row after row), up to its most slots, and shrinks back when points stop repeating', () => {
    const index = new PointSeriesIndex(1 << 8, 1 << 12);
    expect(index.size).toBe(256);
    // 400 columns, row after row: a 2-way table of 256 slots thrashes (the least recently used of
    // a set is the one that comes next). Made per row: every series at first (the table learns
    // them 256 misses at a time between 16,384 points of series it does not store), then few.
    const cols = Array.from({ length: 400 }, (_, c) => point('col_' + c, {}));
    const made: number[] = [];
    let prev: unknown[] = [];
    for (let row = 0; row < 200; row++) {
      const now = cols.map((p) => index.of(p));
      made.push(now.filter((s, c) => s !== prev[c]).length);
      prev = now;
      if (row % 50 === 0) for (const p of cols.slice(0, 5)) expect(cached(index, p)).toEqual(expected(p));
    }
    expect(index.size).toBe(4096);
    expect(made.slice(0, 3)).toEqual([400, 400, 400]);
    // (the 2-way sets that three or more of the 400 fall in still thrash: 9 series)
    expect(made.slice(-3)).toEqual([9, 9, 9]);
    // Points that never repeat: the table is given up on and shrunk back to its first size (at
    // most two windows of 256 misses: the one open before counts the rows' hits).
    for (let i = 0; i < 1000; i++) index.of(point('req', { id: String(i) }));
    expect(index.size).toBe(256);
  });

  it('the origin of a series: its resource beyond the service name (every attribute) and its scope', () => {
    const host = (h: string) => resourceFromAttributes({ 'service.name': 'node', 'host.name': h, 'os.type': 'linux' });
    const a = point('system.cpu.time', { state: 'idle' }, {}, host('a'));
    const b = point('system.cpu.time', { state: 'idle' }, {}, host('b'));
    expect(seriesOrigin(a)).toBe('host.name\u0002a\u0001os.type\u0002linux\u0001');
    expect(seriesKey(a)).not.toBe(seriesKey(b));
    // the same attributes in another resource object: the same series
    expect(seriesKey(point('system.cpu.time', { state: 'idle' }, {}, host('a')))).toBe(seriesKey(a));
    // the scope tells two instrumentations' series apart
    expect(seriesKey({ ...a, scope: { name: 'lib-1' } })).not.toBe(seriesKey({ ...a, scope: { name: 'lib-2' } }));
    // only a service name: no origin (Prometheus text, CSV)
    expect(seriesOrigin(point('up', {}, {}, resourceFromAttributes({ 'service.name': 'api' })))).toBe('');
    const index = new PointSeriesIndex(64);
    expect(index.of(a)).not.toBe(index.of(b));
    expect(cached(index, b)).toEqual(expected(b));
  });

  it('any sequence of fresh and shared label objects, with evictions: every field as computed', () => {
    const index = new PointSeriesIndex(8);
    const shared: Record<string, string>[] = [{ a: '1' }, { a: '2', b: 'x@y.example.org' }, {}];
    const resources = [emptyResource(), { ...emptyResource(), serviceName: 'svc' }, { ...emptyResource(), serviceName: ' ', serviceInstanceId: 'i' }];
    for (let i = 0; i < 3000; i++) {
      const labels: Record<string, string> = rand() < 0.3 ? pick(shared) : {};
      if (Object.keys(labels).length === 0 && rand() < 0.8) {
        labels[pick(['a', 'b', 'le'])] = pick(['1', '2', 'x@y.example.org', 'token=abc123', '']);
        if (rand() < 0.5) labels[pick(['c', 'a', '10'])] = pick(['1', 'z', 'Bearer abcdefgh1234']);
      }
      const p = point(pick(['m', 'n', 'm_total']), labels, rand() < 0.2 ? { unit: 'By' } : {}, pick(resources));
      expect(cached(index, p)).toEqual(expected(p));
    }
  });
});

describe('metric excerpts from cached series parts', () => {
  const pieces = [
    'alice@example.com',
    'token=abc123',
    'password: hunter2',
    'Bearer abcdefgh12345678',
    'AKIAABCDEFGHIJKLMNOP',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz',
    '4111 1111 1111 1111',
    '4111111111111111',
    '}',
    '} ',
    '{',
    '"',
    ' ',
    '\n\t',
    '\u00a0',
    '=',
    ':',
    'x',
    '12',
    'Bearer',
    '',
  ];
  const text = (n: number): string => Array.from({ length: n }, () => pick(pieces)).join(pick(['', ' ', ',']));
  const values = [0, 1, -1, 1.5, NaN, Infinity, -Infinity, 4111111111111111, 4532015112830366, 1e21, 123456789012, 1234567890123, 5105105105105100, -4111111111111111, 0.1 + 0.2, undefined];

  it('render the same excerpt as excerptOf for any name, labels, unit and value', () => {
    seed = 7;
    for (let i = 0; i < 4000; i++) {
      const labels: Record<string, string> = {};
      const n = Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) labels[pick(['a', 'token', 'user', 'b c', 'password'])] = rand() < 0.05 ? 'v'.repeat(Math.floor(rand() * 2000)) + text(3) : text(Math.floor(rand() * 6));
      const extra: Partial<MetricPoint> = { value: pick(values) };
      if (rand() < 0.3) extra.unit = text(2);
      if (rand() < 0.1) extra.type = 'counter';
      const p = point(rand() < 0.1 ? text(3) + 'x'.repeat(Math.floor(rand() * 300)) : pick(['up', ' spaced name ', 'a@b.example.com_total', 'token=']), labels, extra);
      expect(metricExcerpt(p)).toBe(excerptOf(p));
    }
  });

  it('points of one series with different values and histograms render their own values', () => {
    const labels = { user: 'alice@example.com', path: '/a  b' };
    for (const v of values) {
      const p = point('req', labels, { value: v });
      expect(exampleOf(p).excerpt).toBe(excerptOf(p));
    }
    const h = point('lat', labels, { value: undefined, type: 'histogram', histogram: { bounds: [1], counts: [1, 2], count: 3, sum: 4 } });
    expect(exampleOf(h).excerpt).toBe(excerptOf(h));
    expect(excerptOf(h)).toContain(' 3 type=histogram');
  });
});
