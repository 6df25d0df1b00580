import { describe, expect, it } from 'vitest';
import { DistinctSketch } from '../../../analyzers/profile/sketch.js';
import { addExample, wouldKeep, attrText, attrTextHead, excerptOf, mergeExamples, type ExampleRecord } from '../../../analyzers/profile/examples.js';
import type { AttrValue, LogRecord, MetricPoint } from '../../../analyzers/model/index.js';
import { detectSensitive, maskSensitive } from '../../../analyzers/profile/sensitive.js';
import { isUcum, metricNameProblems, unitInName } from '../../../analyzers/scoring/metric-naming.js';

describe('DistinctSketch', () => {
  it('is exact up to its cap and merges in any order to the same state', () => {
    const a = new DistinctSketch();
    for (let i = 0; i < 100; i++) a.add(`v${i % 50}`);
    expect(a.count()).toBe(50);
    expect(a.approximate).toBe(false);
    const parts = [new DistinctSketch(), new DistinctSketch(), new DistinctSketch()];
    for (let i = 0; i < 30_000; i++) parts[i % 3]!.add(`id-${i}`);
    const x = DistinctSketch.from(parts[0]!.state());
    x.merge(parts[1]!.state());
    x.merge(parts[2]!.state());
    const y = DistinctSketch.from(parts[2]!.state());
    y.merge(parts[0]!.state());
    y.merge(parts[1]!.state());
    expect(x.state()).toEqual(y.state());
    // 2^10 registers: standard error 1.04/√1024 ≈ 3.3 %; allow 4σ.
    expect(Math.abs(x.count() - 30_000) / 30_000).toBeLessThan(0.13);
  });
});

describe('example records', () => {
  it('keeps the first 5 by (file, line, excerpt) whatever the insertion or merge order', () => {
    const ex = (file: string, line: number, excerpt = 'x'): ExampleRecord => ({ file, line, excerpt });
    const all = [ex('b', 1), ex('a', 9), ex('a', 2), ex('a', 2, 'w'), ex('c', 1), ex('a', 3), ex('a', 1)];
    const fwd: ExampleRecord[] = [];
    for (const e of all) addExample(fwd, e);
    const rev: ExampleRecord[] = [];
    for (const e of [...all].reverse()) addExample(rev, e);
    const merged = mergeExamples(mergeExamples([], all.slice(4)), all.slice(0, 4));
    const expected = [ex('a', 1), ex('a', 2, 'w'), ex('a', 2), ex('a', 3), ex('a', 9)];
    expect(fwd).toEqual(expected);
    expect(rev).toEqual(expected);
    expect(merged).toEqual(expected);
  });

  it('wouldKeep is false only when addExample would not add: skipping the excerpt never changes the list', () => {
    // Random records with many ties on file, line and offset (points of one series share them).
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const withCheck: ExampleRecord[] = [];
      const without: ExampleRecord[] = [];
      let skipped = 0;
      for (let i = 0; i < 60; i++) {
        const e: ExampleRecord = { file: 'f' + rnd(2), excerpt: 'v' + rnd(4) };
        if (rnd(5) > 0) e.line = rnd(3);
        if (rnd(5) > 0) e.offset = rnd(3) * 10;
        addExample(without, e);
        if (wouldKeep(withCheck, e)) addExample(withCheck, e);
        else skipped++;
      }
      expect(withCheck).toEqual(without);
      if (round === 0) expect(skipped).toBeGreaterThan(0);
    }
  });

  it('wouldKeep tells records of a full list apart by offset on the same line', () => {
    const list: ExampleRecord[] = [0, 1, 2, 3, 4].map((i) => ({ file: 'm.json', line: 1, offset: 100, excerpt: 'up ' + i }));
    expect(wouldKeep(list, { file: 'm.json', line: 1, offset: 5000 })).toBe(false); // a later series of the one-line matrix
    expect(wouldKeep(list, { file: 'm.json', line: 1, offset: 100 })).toBe(true); // a tie: its excerpt decides
    expect(wouldKeep(list, { file: 'm.json', line: 1, offset: 50 })).toBe(true);
    expect(wouldKeep(list, { file: 'm.json', line: 2, offset: 0 })).toBe(false);
  });
});

describe('sensitive data', () => {
  it('finds e-mails, Luhn-valid card numbers, AWS keys, bearer tokens and password pairs, and masks them', () => {
    expect(detectSensitive('user jane.doe@example.com logged in')).toBe('email');
    expect(detectSensitive('card 4111 1111 1111 1111 charged')).toBe('card-number');
    expect(detectSensitive('card 4111 1111 1111 1112 charged')).toBe(undefined); // fails Luhn
    expect(detectSensitive('key AKIAIOSFODNN7EXAMPLE')).toBe('cloud-key');
    expect(detectSensitive('Authorization: Bearer abcdefghijklmnop')).toBe('bearer-token');
    expect(detectSensitive('-Dspring.datasource.password=hunter2')).toBe('secret-pair');
    expect(detectSensitive('anything', 'db.password')).toBe('sensitive-key');
    expect(detectSensitive('GET /api/products 200')).toBe(undefined);
    expect(maskSensitive('mail jane.doe@example.com password=hunter2')).toBe('mail <email> password=<redacted>');
  });
});

describe('metric naming and UCUM', () => {
  it('flags promlint problems and Weaver name format', () => {
    expect(metricNameProblems('http_requests_total', ['counter'])).toEqual([]);
    expect(metricNameProblems('http.server.request.duration', ['histogram'])).toEqual([]);
    expect(metricNameProblems('httpRequests', ['counter'])).toContain('camelCase or upper-case name');
    expect(metricNameProblems('job:latency:rate5m', ['gauge'])).toEqual([]);
    expect(metricNameProblems('exporter:requests', ['gauge'])).toEqual(['colon in the name outside the recording-rule form level:metric:operations (colons are reserved for recording rules)']);
    expect(metricNameProblems('queue_size_total', ['gauge'])).toContain('_total on a non-counter');
    expect(metricNameProblems('request_latency_ms', ['gauge'])).toContain('abbreviated unit "ms"');
  });

  it('takes an abbreviation for a unit only where the unit stands: last, or before a sample suffix', () => {
    // in unit position: still flagged
    expect(metricNameProblems('request_ms', ['gauge'])).toEqual(['abbreviated unit "ms"']);
    expect(metricNameProblems('request_duration_ms_total', ['counter'])).toEqual(['abbreviated unit "ms"']);
    expect(metricNameProblems('request_duration_ms', ['histogram'])).toEqual(['abbreviated unit "ms"']);
    expect(metricNameProblems('request_duration_ms_bucket', ['unknown'])).toEqual(['abbreviated unit "ms"']);
    expect(metricNameProblems('queue_wait_min', ['gauge'])).toEqual(['abbreviated unit "min"']);
    expect(metricNameProblems('network_bytes_per_sec', ['gauge'])).toEqual(['abbreviated unit "sec"']);
    // a word before a proper unit is no unit: prom-client's minimum event-loop lag in seconds
    expect(metricNameProblems('nodejs_eventloop_lag_min_seconds', ['gauge'])).toEqual([]);
    expect(metricNameProblems('nodejs_eventloop_lag_max_seconds', ['gauge'])).toEqual([]);
    expect(metricNameProblems('gc_pause_ms_seconds_total', ['counter'])).toEqual([]);
    expect(metricNameProblems('kube_ns_pods', ['gauge'])).toEqual([]);
    // and MET-005 (unit in the name) reads the same position
    expect(unitInName('nodejs_eventloop_lag_min_seconds', undefined)).toBe('seconds');
    expect(unitInName('kube_ns_pods', undefined)).toBeUndefined();
    expect(unitInName('request_ms_total', undefined)).toBe('ms');
  });

  it('takes recording-rule names (level:metric:operations) for what they are, judging their pieces like any name', () => {
    // Prometheus's own recording-rule examples, and kube-prometheus' longer ones
    for (const n of ['job:up:sum', 'instance_path:requests:rate5m', 'job:request_latency_seconds:mean5m', 'cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests']) expect(metricNameProblems(n, ['unknown']), n).toEqual([]);
    // a typed source too: `:sum` is an operation, not the reserved suffix `_sum`
    expect(metricNameProblems('job:up:sum', ['gauge'])).toEqual([]);
    expect(metricNameProblems('job:http_requests:histogram_quantile', ['gauge'])).toEqual([]);
    // its pieces are still judged
    expect(metricNameProblems('job:request_latency_ms:avg', ['gauge'])).toEqual(['abbreviated unit "ms"']);
    expect(metricNameProblems('job:memAvailable:sum', ['gauge'])).toEqual(['camelCase or upper-case name']);
    expect(metricNameProblems('job:queue_milliseconds:max', ['gauge'])).toEqual(['non-base unit "milliseconds" (base unit: seconds)']);
    expect(metricNameProblems('job:queue_gauge:max', ['gauge'])).toEqual(['metric type "gauge" in the name']);
    // a colon anywhere else is a problem: one colon, or an empty piece
    for (const n of ['redis:keys', 'a::b', ':node_memory_bytes:sum', 'job:up:']) expect(metricNameProblems(n, ['gauge']), n).toEqual(['colon in the name outside the recording-rule form level:metric:operations (colons are reserved for recording rules)']);
  });

  it('flags non-base units as promlint does, not base units (celsius is one)', () => {
    for (const n of ['room_temperature_celsius', 'cpu_temperature_kelvin', 'distance_meters', 'distance_metres', 'battery_volts', 'energy_joules', 'weight_grams', 'current_amperes', 'wait_seconds', 'size_bytes']) expect(metricNameProblems(n, ['gauge']), n).toEqual([]);
    const base: [string, string][] = [
      ['uptime_minutes', 'seconds'],
      ['uptime_hours', 'seconds'],
      ['uptime_days', 'seconds'],
      ['uptime_weeks', 'seconds'],
      ['temperature_kelvins', 'kelvin'],
      ['temperature_fahrenheit', 'celsius'],
      ['temperature_rankine', 'celsius'],
      ['height_inches', 'meters'],
      ['height_yards', 'meters'],
      ['distance_miles', 'meters'],
      ['link_bits', 'bytes'],
      ['food_calories', 'joules'],
      ['weight_pounds', 'grams'],
      ['weight_ounces', 'grams'],
      // promlint's prefixes before a unit word
      ['wait_milliseconds', 'seconds'],
      ['wait_nanoseconds', 'seconds'],
      ['heap_kilobytes', 'bytes'],
      ['heap_gibibytes', 'bytes'],
      ['link_megabits', 'bytes'],
      ['distance_kilometers', 'meters'],
      ['weight_kilograms', 'grams'],
      ['chip_millicelsius', 'celsius'],
      // prometheus.io: a percentage is a ratio
      ['disk_used_percent', 'ratio'],
    ];
    for (const [n, b] of base) expect(metricNameProblems(n, ['gauge']), n).toEqual([`non-base unit "${n.slice(n.lastIndexOf('_') + 1)}" (base unit: ${b})`]);
    // OpenTelemetry-style dotted names are not judged by promlint's unit words
    expect(metricNameProblems('system.cpu.temperature_fahrenheit', ['gauge'])).toEqual([]);
  });

  it('accepts UCUM units and rejects spelled-out ones', () => {
    for (const u of ['s', 'ms', 'By', 'KiBy', '1', '%', '{request}', 'By/s', '{packet}/s', 'Cel', 'm2', 's-1']) expect(isUcum(u), u).toBe(true);
    for (const u of ['seconds', 'bytes', 'milliseconds', 'req/sec', '', 'kb']) expect(isUcum(u), u).toBe(false);
  });
});

describe('excerptOf on huge records', () => {
  // A 50 MB log message made each example cost 14 s and gigabytes (whole-message masking and
  // whitespace folding for a 200-character excerpt); only a bounded head is read now, and the
  // excerpt is the same as for that head alone.
  const log = (body: string) => ({ kind: 'log', severityText: 'ERROR', body, attributes: {}, resource: { attributes: {} }, source: { file: 'f', line: 1 } }) as unknown as LogRecord;
  it('reads the head of a huge message: same excerpt as the first 1,600 characters, masked, ≤ 200 characters', () => {
    const huge = 'user bob@example.com said ' + 'word '.repeat(2_000_000);
    const excerpt = excerptOf(log(huge));
    expect(excerpt).toBe(excerptOf(log(huge.slice(0, 1600))));
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt).not.toContain('bob@example.com');
    expect(excerpt.startsWith('ERROR user ')).toBe(true);
  });

  it('quotes a text line that shows its level as it is, and prefixes the level only where the text lacks it', () => {
    expect(excerptOf(log('2024-05-01 10:00:00 ERROR txn 0 failed'))).toBe('2024-05-01 10:00:00 ERROR txn 0 failed');
    expect(excerptOf(log('[error] disk full'))).toBe('[error] disk full');
    // ERRORS is not the word ERROR; a message without its level gets it in front
    expect(excerptOf(log('3 ERRORS counted'))).toBe('ERROR 3 ERRORS counted');
    expect(excerptOf(log('disk full'))).toBe('ERROR disk full');
  });

  it('a huge label value is cut the same way', () => {
    const p = { kind: 'metric', name: 'm', type: 'gauge', labels: { a: 'v'.repeat(5_000_000) }, value: 1, exemplars: [], resource: { attributes: {} }, source: { file: 'f' } } as unknown as MetricPoint;
    const q = { ...p, labels: { a: 'v'.repeat(1600) } } as MetricPoint;
    expect(excerptOf(p)).toBe(excerptOf(q));
  });
});

describe('attrTextHead', () => {
  it('is attrText up to max characters, for any value', () => {
    const values: AttrValue[] = ['plain', 42, NaN, true, null, [1, 'two', null, [3]], { a: 1, 'b"c': ['x', { d: null }], e: -0.5 }, {}, [], { nested: { deep: { deeper: 'é\n"' } } }];
    for (const v of values) {
      for (const max of [1, 5, 17, 1000]) {
        const full = attrText(v);
        expect(attrTextHead(v, max), JSON.stringify(v) + ' @' + max).toBe(full.slice(0, max));
      }
    }
  });

  it('renders only the head of a huge object or array', () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) big[`k${i}`] = i;
    expect(attrTextHead(big, 30)).toBe(JSON.stringify(big).slice(0, 30));
    const arr = Array.from({ length: 100_000 }, (_, i) => i);
    expect(attrTextHead({ list: arr }, 50)).toBe(JSON.stringify({ list: arr }).slice(0, 50));
  });
});
