// Keys from the data named like Object.prototype's members (`__proto__`, `constructor`,
// `toString`, …) as labels, tags, columns, attribute keys, metric and service names, in every
// format: read as data (two series differing only in such a label are two), counted exactly, and
// nothing of Object.prototype changed.
import { afterEach, describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';
import { setOwn } from '../../../analyzers/model/own-key.js';

const KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

function analyse(path: string, text: string) {
  const analysis = new Analysis({ toolVersion: 't' });
  const s = new InputSource(analysis, path, { totalBytes: text.length });
  s.push(new TextEncoder().encode(text));
  s.end();
  const r = analysis.finish();
  const i = r.inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => e.code), series: r.signals.metrics.series, metricNames: r.signals.metrics.metricNames, services: [...r.signals.traces.services, ...r.signals.logs.services] };
}

afterEach(() => {
  // nothing was added to every object
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('keys named like Object.prototype members are data', () => {
  it('setOwn keeps `__proto__` as an own key', () => {
    const o: Record<string, string> = {};
    setOwn(o, '__proto__', 'a');
    setOwn(o, 'toString', 'b');
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.entries(o)).toEqual([['__proto__', 'a'], ['toString', 'b']]);
  });

  it('Prometheus query API: a `__proto__` label makes series of their own (was one)', () => {
    const result = KEYS.flatMap((k) => ['a', 'b'].map((v) => ({ metric: { __name__: 'm', [k]: v }, value: [1700000000, '1'] })));
    // (JSON.stringify of an object literal with a computed `__proto__` key keeps it as a key)
    const r = analyse('q.json', JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    expect([r.format, r.records, r.rejected, r.series, r.errors]).toEqual(['prom-api', 12, 0, 12, []]);
  });

  it('Graphite render JSON: `__proto__` tags too', () => {
    // (written as JSON text: an object literal's `__proto__:` would set its prototype)
    const text = '[{"target":"m","tags":{"name":"m","__proto__":"a"},"datapoints":[[1,1700000000]]},{"target":"m","tags":{"name":"m","__proto__":"b"},"datapoints":[[1,1700000000]]}]';
    const r = analyse('render.json', text);
    expect([r.format, r.records, r.series]).toEqual(['prom-api', 2, 2]);
  });

  it('CSV metrics: a `__proto__` label column, and labels in a column name', () => {
    const long = analyse('m.csv', 'timestamp,metric,value,__proto__,constructor\n2026-11-28T10:00:00Z,m,1,a,x\n2026-11-28T10:00:00Z,m,1,b,x\n2026-11-28T10:00:00Z,__proto__,1,b,x\n');
    expect([long.format, long.records, long.series, long.metricNames]).toEqual(['csv-metrics', 3, 3, 2]);
    const wide = analyse('w.csv', 'time,m{__proto__="a"},m{__proto__="b"}\n2026-11-28T10:00:00Z,1,2\n');
    expect([wide.format, wide.records, wide.series]).toEqual(['csv-metrics', 2, 2]);
  });

  it('Prometheus text, OTLP metrics: as before, one series per label value', () => {
    const prom = analyse('m.prom', '# TYPE m gauge\n' + KEYS.flatMap((k) => [`m{${k}="a"} 1`, `m{${k}="b"} 1`]).join('\n') + '\n__proto__ 1\nconstructor{__proto__="x"} 1\n');
    expect([prom.format, prom.records, prom.rejected, prom.series, prom.metricNames]).toEqual(['prometheus', 14, 0, 14, 3]);
    const pt = (k: string, v: string) => ({ timeUnixNano: '1700000000000000000', asDouble: 1, attributes: [{ key: k, value: { stringValue: v } }] });
    const otlp = analyse('m.json', JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: '__proto__' } }] }, scopeMetrics: [{ metrics: [{ name: '__proto__', gauge: { dataPoints: KEYS.flatMap((k) => [pt(k, 'a'), pt(k, 'b')]) } }] }] }] }));
    expect([otlp.format, otlp.records, otlp.series, otlp.metricNames]).toEqual(['otlp-json', 12, 12, 1]);
  });

  it('logs and traces: service names and keys named like members, in every format', () => {
    const ts = '2026-11-28T10:00:00Z';
    const jsonl = analyse('l.jsonl', KEYS.map((k) => JSON.stringify({ timestamp: ts, level: 'info', service: k, message: k, [k]: { polluted: 1 } })).join('\n') + '\n{"__proto__":{"polluted":1},"message":"p","timestamp":"' + ts + '"}\n');
    expect([jsonl.format, jsonl.records, jsonl.rejected, jsonl.services]).toEqual(['jsonl-logs', 7, 0, [...KEYS].sort()]);
    const logfmt = analyse('l.log', KEYS.map((k) => `time=${ts} level=info ${k}=x service=${k} msg=m`).join('\n') + '\n');
    expect([logfmt.format, logfmt.records, logfmt.services]).toEqual(['logfmt', 6, [...KEYS].sort()]);
    const csv = analyse('l.csv', `timestamp,level,message,${KEYS.join(',')}\n${ts},info,a,1,2,3,4,5,6\n`);
    expect([csv.format, csv.records, csv.rejected]).toEqual(['csv-logs', 1, 0]);
    const zipkin = analyse('z.json', JSON.stringify(KEYS.map((k, n) => ({ traceId: '0af7651916cd43dd', id: `b7ad6b716920333${n}`, name: k, timestamp: 1700000000000000, duration: 10, localEndpoint: { serviceName: k }, tags: { [k]: k } }))));
    expect([zipkin.format, zipkin.records, zipkin.services]).toEqual(['zipkin', 6, [...KEYS].sort()]);
    const processes = '{"__proto__":{"serviceName":"p","tags":[]},"constructor":{"serviceName":"c","tags":[]}}';
    const span = (id: number, pid: string) => `{"traceID":"0af7651916cd43dd8448eb211c80319c","spanID":"b7ad6b716920333${id}","operationName":"op","references":[],"startTime":1700000000000000,"duration":5,"tags":[{"key":"__proto__","type":"string","value":"x"}],"processID":"${pid}"}`;
    const jaeger = analyse('j.json', `{"data":[{"traceID":"0af7651916cd43dd8448eb211c80319c","spans":[${span(1, '__proto__')},${span(2, 'constructor')},${span(3, 'toString')}],"processes":${processes}}]}`);
    // (a processID that names a member of Object.prototype is not a process of the trace)
    expect([jaeger.format, jaeger.records, jaeger.services, jaeger.errors]).toEqual(['jaeger', 3, ['c', 'p'], ['invalid-record']]);
  });
});
