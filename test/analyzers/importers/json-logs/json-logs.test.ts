// JSON log documents: arrays of log objects, CloudWatch Logs events, Loki query responses and
// Elasticsearch/OpenSearch _search responses. Fixtures are written here by hand in the shape the
// tools print (aws-cli 2 JSON output, Loki /loki/api/v1/query_range, ES 8 _search, Kibana export).
import { describe, expect, it } from 'vitest';
import { jsonLogs } from '../../../../analyzers/importers/json-logs/index.js';
import { ElementError } from '../../../../analyzers/importers/json-logs/map.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { decodeText, expectChunkingInvariant, expectCodedErrors, logs, readData } from '../jsonl-logs/log-test-helpers.js';
import { collectGarbage } from '../../../../analyzers/node/gc.js';

const enc = (s: string) => new TextEncoder().encode(s);
const sniffText = (text: string) => {
  const b = enc(text);
  return sniffFormat(makeSniffInput(b.subarray(0, SNIFF_BYTES), b.length <= SNIFF_BYTES)).spec?.id;
};
const codes = (r: ReturnType<typeof decodeText>) => r.errors.map((e) => [e.code, e.line]);

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

// A Kibana/Grafana style export: pretty-printed array, 3 objects (lines 2, 3-9, 10).
const ARRAY_PRETTY = `[
  {"@timestamp": "2024-03-01T10:00:00.123Z", "log.level": "info", "message": "server started", "service.name": "checkout"},
  {
    "@timestamp": "2024-03-01T10:00:01.000Z",
    "log": {"level": "error"},
    "message": "payment failed",
    "trace": {"id": "${TRACE}"},
    "span": {"id": "${SPAN}"}
  },
  {"time": 1709287202500, "level": 40, "msg": "slow query", "name": "db", "hostname": "h1", "pid": 7}
]
`;

// aws logs filter-log-events --log-group-name /ecs/api (aws-cli 2 JSON output, 4-space indent).
const CLOUDWATCH = `{
    "events": [
        {
            "logStreamName": "ecs/api/0a1b2c",
            "timestamp": 1709287200000,
            "message": "{\\"level\\":\\"warn\\",\\"msg\\":\\"retrying\\",\\"trace_id\\":\\"${TRACE}\\",\\"time\\":\\"2024-03-01T10:00:00.250Z\\"}",
            "ingestionTime": 1709287200900,
            "eventId": "38124531270123456789012345678901234567890123456789012345"
        },
        {
            "logStreamName": "ecs/api/0a1b2c",
            "timestamp": 1709287201000,
            "message": "2024-03-01 10:00:01,000 ERROR [main] com.acme.Api - connection refused\\n",
            "ingestionTime": 1709287201900,
            "eventId": "38124531270123456789012345678901234567890123456789012346"
        }
    ],
    "searchedLogStreams": [
        {"logStreamName": "ecs/api/0a1b2c", "searchedCompletely": true}
    ],
    "nextToken": "Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXLrfgOHCpT"
}
`;

// aws logs get-log-events: same events, forward/backward tokens.
const GET_LOG_EVENTS = `{"events":[{"timestamp":1709287200000,"message":"level=info msg=\\"cache warmed\\" entries=42","ingestionTime":1709287200100}],"nextForwardToken":"f/3812","nextBackwardToken":"b/3812"}`;

// Loki query_range: two streams; JSON, logfmt and plain-text lines; Loki 3 structured metadata.
const LOKI = `{"status":"success","data":{"resultType":"streams","result":[
{"stream":{"service_name":"cart","namespace":"shop","pod":"cart-7d9f8b6c5d-x2x9q","detected_level":"info"},"values":[
["1709287200000000001","{\\"level\\":\\"error\\",\\"msg\\":\\"out of stock\\",\\"traceID\\":\\"${TRACE}\\"}"],
["1709287200500000000","level=warn msg=\\"slow response\\" duration=1.2s"]]},
{"stream":{"job":"shop/frontend","container":"web"},"values":[
["1709287201000000000","GET /cart 200 12ms",{"trace_id":"${TRACE}","span_id":"${SPAN}"}]]}
],"stats":{"summary":{"bytesProcessedPerSecond":1234}}}}`;

// Elasticsearch 8 _search over ECS logs: one hit with _source, one with fields only.
const SEARCH = `{
  "took": 5, "timed_out": false,
  "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
  "hits": {
    "total": {"value": 2, "relation": "eq"},
    "max_score": 1.0,
    "hits": [
      {"_index": ".ds-logs-app-2024.03.01-000001", "_id": "a1", "_score": 1.0,
       "_source": {"@timestamp": "2024-03-01T10:00:00Z", "log": {"level": "WARN"}, "message": "disk 91% full", "service": {"name": "storage"}, "trace": {"id": "${TRACE}"}, "transaction": {"id": "${SPAN}"}}},
      {"_index": ".ds-logs-app-2024.03.01-000001", "_id": "a2", "_score": 1.0,
       "fields": {"@timestamp": ["2024-03-01T10:00:02Z"], "message": ["recovered"], "log.level": ["info"]}}
    ]
  }
}`;

describe('json-logs: the four containers', () => {
  it('a pretty-printed array: 3 objects, each at the line its element starts on', () => {
    const r = decodeText(jsonLogs, ARRAY_PRETTY);
    expect(r.errors).toEqual([]);
    const l = logs(r);
    expect(l.map((x) => x.source.line)).toEqual([2, 3, 10]);
    expect(l.map((x) => x.body)).toEqual(['server started', 'payment failed', 'slow query']);
    expect(l.map((x) => x.severityNumber)).toEqual([9, 17, 13]); // info, error, bunyan 40 = warn
    expect(l[0]!.timeNs).toBe(1709287200123000000n);
    expect(l[2]!.timeNs).toBe(1709287202500000000n); // epoch ms
    expect(l[0]!.resource.attributes['service.name']).toBe('checkout');
    expect(l[2]!.resource.attributes['service.name']).toBe('db'); // bunyan name + hostname + pid
    expect([l[1]!.traceId, l[1]!.spanId]).toEqual([TRACE, SPAN]); // nested trace.id / span.id
    expect(r.progress).toMatchObject({ records: 3, rejected: 0, lines: 11 });
  });

  it('the same array on one line gives the same records (line 1, offsets differ)', () => {
    const oneLine = JSON.stringify(JSON.parse(ARRAY_PRETTY));
    const a = logs(decodeText(jsonLogs, ARRAY_PRETTY)).map((x) => ({ ...x, source: undefined }));
    const b = logs(decodeText(jsonLogs, oneLine));
    expect(b.map((x) => x.source.line)).toEqual([1, 1, 1]);
    expect(b.map((x) => ({ ...x, source: undefined }))).toEqual(a);
    expect(sniffText(oneLine)).toBe('json-logs');
  });

  it('CloudWatch filter-log-events: JSON and text messages, event time, ingestion time, stream', () => {
    const r = decodeText(jsonLogs, CLOUDWATCH);
    // the AWS documentation's example answer carries a nextToken: more pages, said once
    expect(r.errors.map((e) => [e.code, e.message.slice(0, 42)])).toEqual([['invalid-record', 'CloudWatch answered with a nextToken: more']]);
    const [a, b] = logs(r);
    expect(logs(r)).toHaveLength(2); // two events; searchedLogStreams is not read as events
    expect(a!.source.line).toBe(3);
    expect(a!.body).toBe('retrying');
    expect(a!.severityText).toBe('warn');
    expect(a!.traceId).toBe(TRACE);
    expect(a!.timeNs).toBe(1709287200250000000n); // the message's own time wins over the event timestamp
    expect(a!.observedTimeNs).toBe(1709287200900000000n); // ingestionTime
    expect(a!.structured).toBe(true);
    expect(a!.resource.attributes).toMatchObject({ 'cloud.provider': 'aws', 'aws.log.stream.names': ['ecs/api/0a1b2c'] });
    expect(a!.attributes['log.record.uid']).toBe('38124531270123456789012345678901234567890123456789012345');
    expect(b!.source.line).toBe(10);
    expect(b!.body).toBe('2024-03-01 10:00:01,000 ERROR [main] com.acme.Api - connection refused');
    expect(b!.severityNumber).toBe(17); // ERROR found in the text
    expect(b!.structured).toBe(false);
    expect(b!.timeNs).toBeDefined();
  });

  it('CloudWatch get-log-events with a logfmt message', () => {
    const r = decodeText(jsonLogs, GET_LOG_EVENTS);
    expect(r.errors).toEqual([]);
    const [a] = logs(r);
    expect(logs(r)).toHaveLength(1);
    expect([a!.body, a!.severityNumber, a!.attributes['entries']]).toEqual(['cache warmed', 9, '42']);
    expect(a!.timeNs).toBe(1709287200000000000n);
    expect(sniffText(GET_LOG_EVENTS)).toBe('json-logs');
  });

  it('Loki streams: labels become resource/attributes, lines read as JSON, logfmt or text, ns timestamps', () => {
    const r = decodeText(jsonLogs, LOKI);
    expect(r.errors).toEqual([]);
    const l = logs(r);
    // 2 values in the first stream + 1 in the second
    expect(l).toHaveLength(3);
    expect(l.map((x) => x.source.line)).toEqual([3, 4, 6]);
    expect(l.map((x) => x.body)).toEqual(['out of stock', 'slow response', 'GET /cart 200 12ms']);
    expect(l.map((x) => x.severityText)).toEqual(['error', 'warn', undefined]); // the second stream has no level label, the text no level word
    expect(l[0]!.timeNs).toBe(1709287200000000001n);
    expect(l[0]!.traceId).toBe(TRACE);
    expect(l[0]!.resource.attributes).toMatchObject({ 'service.name': 'cart', 'k8s.namespace.name': 'shop', 'k8s.pod.name': 'cart-7d9f8b6c5d-x2x9q' });
    expect(l[0]!.attributes['namespace']).toBe('shop'); // labels stay as attributes too
    expect(l[1]!.attributes['duration']).toBe('1.2s');
    expect(l[2]!.resource.attributes['service.name']).toBe('frontend'); // promtail job namespace/name
    expect([l[2]!.traceId, l[2]!.spanId]).toEqual([TRACE, SPAN]); // from structured metadata
    expect(l.map((x) => x.structured)).toEqual([true, true, false]);
  });

  it('Elasticsearch _search: _source and fields hits, ECS trace id', () => {
    const r = decodeText(jsonLogs, SEARCH);
    expect(r.errors).toEqual([]);
    const [a, b] = logs(r);
    expect(logs(r)).toHaveLength(2);
    expect([a!.source.line, b!.source.line]).toEqual([8, 10]);
    expect([a!.body, a!.severityNumber, a!.traceId, a!.resource.attributes['service.name']]).toEqual(['disk 91% full', 13, TRACE, 'storage']);
    expect(a!.attributes).toMatchObject({ 'elasticsearch.index': '.ds-logs-app-2024.03.01-000001', 'log.record.uid': 'a1' });
    expect([b!.body, b!.severityNumber, b!.timeNs]).toEqual(['recovered', 9, 1709287202000000000n]);
  });

  it('several documents in a row (pages concatenated) are all read', () => {
    const r = decodeText(jsonLogs, `${GET_LOG_EVENTS}\n${GET_LOG_EVENTS}\n${GET_LOG_EVENTS}\n`);
    expect(r.progress.records).toBe(3);
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 2, 3]);
  });

  it('logcli --output=jsonl lines stay JSON Lines; the Loki line inside is mapped', () => {
    const text = [
      `{"labels":{"app":"cart","level":"error"},"line":"{\\"msg\\":\\"out of stock\\",\\"trace_id\\":\\"${TRACE}\\"}","timestamp":"2024-03-01T10:00:00.5Z"}`,
      '{"labels":{"app":"cart"},"line":"level=info msg=ok","timestamp":"2024-03-01T10:00:01Z"}',
    ].join('\n');
    expect(sniffText(text)).toBe('jsonl-logs');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    const l = logs(r);
    expect(l.map((x) => [x.body, x.severityText, x.traceId, x.resource.attributes['service.name']])).toEqual([
      ['out of stock', 'error', TRACE, 'cart'], // level from the label when the line has none
      ['ok', 'info', undefined, 'cart'],
    ]);
    expect(l[0]!.timeNs).toBe(1709287200500000000n);
  });
});

describe('json-logs: exact counts on a generated export', () => {
  // 2000 elements; every 100th (i % 100 === 99) is `null` → 20 wrong-type; every 250th
  // (i % 250 === 0) carries a trace id → 8 trace ids. So 1980 records, 20 rejected.
  const N = 2000;
  const parts: string[] = [];
  for (let i = 0; i < N; i++) {
    if (i % 100 === 99) parts.push('  null');
    else parts.push(`  {"ts": "2024-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z", "level": "${i % 3 ? 'info' : 'warn'}", "msg": "req ${i}"${i % 250 === 0 ? `, "trace_id": "${TRACE}"` : ''}}`);
  }
  const text = `[\n${parts.join(',\n')}\n]\n`;

  it('counts records, rejects and trace ids; element i is on line i + 2', () => {
    const r = decodeText(jsonLogs, text);
    expect(r.progress).toMatchObject({ records: 1980, rejected: 20, lines: N + 2 });
    expect(r.errors.map((e) => e.code)).toEqual(Array(20).fill('wrong-type'));
    expect(r.errors[0]).toMatchObject({ line: 101, offset: text.indexOf('  null') + 2 });
    expect(logs(r).filter((x) => x.traceId === TRACE)).toHaveLength(8);
    expect(logs(r)[5]!.source.line).toBe(7);
    expect(logs(r)[5]!.body).toBe('req 5');
  });

  it('chunking invariance (whole vs 1-, 7-, 4096-byte chunks) on every fixture', () => {
    for (const t of [text, ARRAY_PRETTY, CLOUDWATCH, GET_LOG_EVENTS, LOKI, SEARCH, BROKEN_PRETTY, TRUNCATED]) expectChunkingInvariant(jsonLogs, enc(t));
  });
});

// Element 2 (line 3) is not valid JSON inside balanced brackets, element 3 (lines 4-5) has a
// mismatched bracket, element 4 (line 6) is a string, element 5 (line 7) is fine.
const BROKEN_PRETTY = `[
  {"level": "info", "message": "one"},
  {"level": "info", "message": 'two'},
  {"level": "info", "message": ["three"
  },
  "four",
  {"level": "info", "message": "five", "trace_id": "${TRACE}"}
]`;
// Cut in the middle of the third event (starts line 5): the two before are read.
const TRUNCATED = `{"events": [
  {"timestamp": 1709287200000, "message": "a", "ingestionTime": 1709287200001},
  {"timestamp": 1709287201000, "message": "b", "ingestionTime": 1709287201001},
  {"timestamp": 1709287202000, "message": "c", "ingestionTime": 1709287202001},
  {"timestamp": 1709287203000, "mess`;

describe('json-logs: malformed and truncated documents', () => {
  it('bad elements are counted and reported at their lines; the rest is read', () => {
    const r = decodeText(jsonLogs, BROKEN_PRETTY);
    expect(codes(r)).toEqual([
      ['invalid-json', 3],
      ['invalid-json', 5],
      ['wrong-type', 6],
    ]);
    expect(r.progress).toMatchObject({ records: 2, rejected: 3 });
    expect(logs(r).map((x) => [x.body, x.source.line, x.traceId])).toEqual([
      ['one', 2, undefined],
      ['five', 7, TRACE],
    ]);
    expectCodedErrors(r);
  });

  it('a truncated document: the complete elements are read, the cut one is `truncated` at its start', () => {
    const r = decodeText(jsonLogs, TRUNCATED);
    expect(logs(r).map((x) => x.body)).toEqual(['a', 'b', 'c']);
    expect(codes(r)).toEqual([['truncated', 5]]);
    expect(r.errors[0]!.offset).toBe(TRUNCATED.lastIndexOf('{'));
    expect(r.progress).toMatchObject({ records: 3, rejected: 1 });
  });

  it('a missing comma between elements is reported and costs nothing', () => {
    const r = decodeText(jsonLogs, '[\n  {"level":"info","msg":"a"}\n  {"level":"info","msg":"b"}\n]');
    expect(codes(r)).toEqual([['invalid-json', 3]]);
    expect(r.progress).toMatchObject({ records: 2, rejected: 0 });
  });

  it('container-specific problems: event without message, hit without _source, Loki value of the wrong shape', () => {
    const cw = decodeText(jsonLogs, '{"events":[{"timestamp":1709287200000,"ingestionTime":1},{"timestamp":1709287200000,"message":"ok"}]}');
    expect(codes(cw)).toEqual([['missing-field', 1]]);
    expect(cw.progress).toMatchObject({ records: 1, rejected: 1 });
    const es = decodeText(jsonLogs, '{"took":1,"_shards":{},"hits":{"hits":[{"_index":"i","_id":"x"},{"_index":"i","_source":{"message":"ok"}}]}}');
    expect(codes(es)).toEqual([['missing-field', 1]]);
    expect(es.progress).toMatchObject({ records: 1, rejected: 1 });
    const loki = decodeText(jsonLogs, '{"status":"success","data":{"resultType":"streams","result":[{"stream":{"app":"a"},"values":[\n"oops",\n["x","line"],\n["1709287200000000000",5]]}]}}');
    expect(codes(loki)).toEqual([
      ['wrong-type', 2],
      ['invalid-timestamp', 3],
      ['wrong-type', 4],
    ]);
    expect(loki.progress).toMatchObject({ records: 1, rejected: 2 });
  });

  it('an object that is none of the containers is an invalid-record; an empty array is just empty', () => {
    expect(codes(decodeText(jsonLogs, '{"foo":[1,2]}'))).toEqual([['invalid-record', 1]]);
    const empty = decodeText(jsonLogs, '[]');
    expect([empty.errors, empty.progress.records]).toEqual([[], 0]);
    expect(decodeText(jsonLogs, '').errors.map((e) => e.code)).toEqual(['empty-input']);
  });

  it('Loki values before the stream labels still get them', () => {
    const r = decodeText(jsonLogs, '{"status":"success","data":{"resultType":"streams","result":[{"values":[["1709287200000000000","hello"]],"stream":{"service_name":"late"}}]}}');
    expect(logs(r).map((x) => x.resource.attributes['service.name'])).toEqual(['late']);
  });

  it('a Loki metric (matrix) result is not read as log lines', () => {
    const r = decodeText(jsonLogs, '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1709287200,"3"]]}]}}');
    expect([r.progress.records, r.errors.map((e) => e.code)]).toEqual([0, ['unsupported']]);
  });
});

describe('json-logs: bounded memory', () => {
  it('a 40 MB pretty-printed array streams element by element with an exact count', () => {
    const element = `  {"@timestamp": "2024-03-01T10:00:00Z", "level": "info", "message": "${'x'.repeat(150)}", "trace_id": "${TRACE}"},\n`;
    const chunk = enc(element.repeat(4000));
    const rounds = Math.ceil((40 << 20) / chunk.length);
    let records = 0;
    let errors = 0;
    const d = jsonLogs.create({ file: 'big', sink: { record: () => records++, error: () => errors++ } });
    // Live memory, after full collections: garbage not yet collected says nothing about what the
    // decoder keeps (it made this test fail now and then when other tests ran before it).
    const live = () => {
      collectGarbage();
      collectGarbage();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = live();
    let peak = 0;
    d.push(enc('[\n'));
    for (let i = 0; i < rounds; i++) {
      d.push(chunk);
      if (i % 8 === 7) peak = Math.max(peak, live() - before);
    }
    d.push(enc('  {"message": "last"}\n]\n'));
    d.end();
    expect(records).toBe(rounds * 4000 + 1);
    expect(errors).toBe(0);
    expect(peak).toBeLessThan(16 << 20); // the input is > 40 MB; nothing proportional to it is kept
  }, 60_000);
});

describe('json-logs: sniffing', () => {
  it('each container is json-logs through the whole registry', () => {
    for (const t of [ARRAY_PRETTY, CLOUDWATCH, GET_LOG_EVENTS, LOKI, SEARCH, BROKEN_PRETTY]) expect(sniffText(t)).toBe('json-logs');
  });

  it('does not claim trace, metric or non-telemetry JSON', () => {
    const input = (rel: string) => {
      const b = readData(rel);
      return makeSniffInput(b.subarray(0, SNIFF_BYTES), b.length <= SNIFF_BYTES);
    };
    for (const rel of [
      'jaeger-json/jaeger-ui-dependencies/small.json',
      'jaeger-json/jaeger/trace_success.json',
      'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging.json',
      'prometheus-text/prometheus-common/expfmt-testdata/json2',
      'incident-nezha/trainticket-2023-01-30/2023-01-30-fault_list.json',
      'logs-text/lnav-test/logfile_uwsgi.0',
    ]) {
      expect([rel, jsonLogs.sniff(input(rel))]).toEqual([rel, 0]);
    }
    // a Prometheus query response and a bunyan JSON Lines file keep their importers
    expect(sniffText('{"status":"success","data":{"resultType":"vector","result":[]}}')).toBe('prom-api');
    expect(sniffText('{"name":"a","hostname":"h","pid":1,"level":30,"msg":"hi","time":"2024-03-01T10:00:00Z","v":0}\n'.repeat(3))).toBe('jsonl-logs');
  });
});

describe('json-logs: pretty-printed log objects one after another (`… | jq .`)', () => {
  it('reads each top-level object as a record, sniffed as json-logs; other top-level objects stay invalid-record', () => {
    const objs = [0, 1, 2].map((i) => ({ '@timestamp': `2024-01-01T00:00:0${i}Z`, level: i === 2 ? 'error' : 'info', message: `m${i}`, nested: { a: i }, ...(i === 1 ? { data: { user: 'u' } } : {}) }));
    const text = objs.map((o) => JSON.stringify(o, null, 2)).join('\n') + '\n{\n  "foo": 1\n}\n';
    expect(sniffText(text)).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    const recs = logs(r);
    // Lines per object: 1 `{` + 4 or 5 members (nested and data span 3 lines each) + `}`.
    expect(recs.map((x) => [x.body, x.severityNumber, x.source.line])).toEqual([
      ['m0', 9, 1],
      ['m1', 9, 9],
      ['m2', 17, 20],
    ]);
    expect(recs[0]!.attributes['nested']).toEqual({ a: 0 });
    expect(codes(r)).toEqual([['invalid-record', 28]]); // {"foo":1} is not a log record
    expectChunkingInvariant(jsonLogs, enc(text));
    // One-line objects remain JSON Lines.
    expect(sniffText(objs.map((o) => JSON.stringify(o)).join('\n') + '\n')).toBe('jsonl-logs');
  });

  it('events with a time and fields but no message (GitLab production_json through jq) are records too', () => {
    const ev = (i: number) => ({ method: 'GET', path: `/admin/${i}`, status: i === 1 ? 500 : 200, time: `2019-11-14T13:12:4${i}.156Z`, duration_s: 0.5 + i, correlation_id: `c${i}` });
    const text = [0, 1, 2].map((i) => JSON.stringify(ev(i), null, 2)).join('\n') + '\n';
    expect(sniffText(text)).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.timeNs, x.source.line])).toEqual([
      [1573737160156000000n, 1],
      [1573737161156000000n, 9],
      [1573737162156000000n, 17],
    ]);
    // an object without a time that reads as one is still no log record
    expect(sniffText(JSON.stringify({ name: 'pkg', version: '1.0.0', time: 'soon', main: 'x.js' }, null, 2) + '\n')).not.toBe('json-logs');
  });
});

describe('json-logs: a Loki push body', () => {
  it('reads {"streams":[{stream, values}]} as the query API result (was one JSON Lines record)', () => {
    const text = '{"streams":[{"stream":{"app":"api","level":"error"},"values":[["1704067200000000000","boom"],["1704067201000000000","again"]]},{"stream":{"app":"web"},"values":[["1704067202000000000","ok"]]}]}\n';
    expect(sniffText(text)).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.body, x.resource.serviceName, x.timeNs])).toEqual([
      ['boom', 'api', 1704067200000000000n],
      ['again', 'api', 1704067201000000000n],
      ['ok', 'web', 1704067202000000000n],
    ]);
    expectChunkingInvariant(jsonLogs, enc(text));
  });
});

describe('json-logs: many rejected elements', () => {
  // Fuzzing found `--as json-logs` on a 1 MB array of 524,287 numbers took 8.8 s: each rejected
  // element threw an Error, whose stack trace capture was the whole cost.
  it('a rejection is not an Error (no stack captured per bad element) and every element is counted', () => {
    expect(new ElementError('wrong-type', 'x')).not.toBeInstanceOf(Error);
    // 100,000 numbers: each array element is one rejected log record.
    const r = decodeText(jsonLogs, '[' + Array(100_000).fill('1').join(',') + ']');
    expect([r.records.length, r.progress.rejected, r.errors[0]?.code]).toEqual([0, 100_000, 'wrong-type']);
  });
});

describe('json-logs: CloudWatch Logs Insights results and Datadog Logs API v1', () => {
  it('an Insights row: @message is the line (JSON, logfmt or text), @timestamp its time when it has none, @log/@logStream the resource', () => {
    // "Export results → Copy/Download JSON" of a Logs Insights query (fields @timestamp, @message, …)
    const rows = [
      { '@timestamp': '2023-11-14 22:13:20.123', '@message': 'ERROR payment failed trace_id=4bf92f3577b34da6a3ce929d0e0e4736', '@logStream': 'checkout/abc', '@log': '123456789012:/ecs/checkout', '@ptr': 'Cm4KLQop' },
      { '@timestamp': '2023-11-14 22:13:21.000', '@message': '{"level":"info","msg":"ok","time":"2023-11-14T22:13:20.999Z"}', '@logStream': 'checkout/abc', '@log': '123456789012:/ecs/checkout' },
      { '@timestamp': '2023-11-14 22:13:22.000', '@message': 'free text', requestId: 'r-1', level: 'warn' },
    ];
    const text = JSON.stringify(rows, null, 2);
    expect(sniffText(text)).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.body, x.severityNumber, x.structured])).toEqual([
      ['ERROR payment failed trace_id=4bf92f3577b34da6a3ce929d0e0e4736', 17, false],
      ['ok', 9, true],
      ['free text', 13, false], // the level the query extracted fills what the line lacks
    ]);
    expect(recs[0]!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(recs[0]!.timeNs).toBe(1_700_000_000_123_000_000n);
    expect(recs[0]!.timeWithoutZone).toBe(true); // Insights writes no zone: read as UTC and reported
    expect(recs[1]!.timeNs).toBe(1_700_000_000_999_000_000n); // the line's own time wins
    expect(recs[1]!.timeWithoutZone).toBeUndefined();
    expect(recs[0]!.resource.attributes).toMatchObject({ 'cloud.account.id': '123456789012', 'aws.log.group.names': ['/ecs/checkout'], 'aws.log.stream.names': ['checkout/abc'] });
    expect(recs[0]!.attributes['log.record.uid']).toBe('Cm4KLQop');
    expect(recs[2]!.attributes['requestId']).toBe('r-1');
    expectChunkingInvariant(jsonLogs, enc(text));
  });

  it('Datadog v1 `{"logs":[{id, content}]}` and its bare array are read as the v2 events are (was unrecognised)', () => {
    const log = { id: 'AQAAAYv', content: { timestamp: '2023-11-14T22:13:20.123Z', tags: ['env:prod', 'service:checkout'], service: 'checkout', host: 'web01', message: 'payment failed', attributes: { status: 'error', duration: 12 } } };
    for (const text of [JSON.stringify({ logs: [log, log], nextLogId: null, status: 'done' }), JSON.stringify([log, log], null, 2)]) {
      expect(sniffText(text)).toBe('json-logs');
      const r = decodeText(jsonLogs, text);
      expect(r.errors).toEqual([]);
      const recs = logs(r);
      expect(recs).toHaveLength(2);
      expect(recs[0]).toMatchObject({ body: 'payment failed', severityNumber: 17, timeNs: 1_700_000_000_123_000_000n, structured: true });
      expect(recs[0]!.resource.serviceName).toBe('checkout');
      expect(recs[0]!.resource.attributes['host.name']).toBe('web01');
      expect(recs[0]!.attributes['log.record.uid']).toBe('AQAAAYv');
      expectChunkingInvariant(jsonLogs, enc(text));
    }
  });
});

describe('json-logs: Kubernetes Events and Windows events from PowerShell', () => {
  it('`kubectl get events -o json` (core/v1) and events.k8s.io/v1: message, Warning/Normal, last time seen, the object as the resource (was unrecognised)', () => {
    const core = {
      apiVersion: 'v1',
      items: [
        { apiVersion: 'v1', count: 3, firstTimestamp: '2023-11-14T22:10:00Z', lastTimestamp: '2023-11-14T22:13:20Z', involvedObject: { kind: 'Pod', name: 'checkout-7d9f8c6b5d-x2k4p', namespace: 'shop', fieldPath: 'spec.containers{checkout}' }, kind: 'Event', message: 'Back-off restarting failed container checkout in pod checkout-7d9f8c6b5d-x2k4p', metadata: { name: 'checkout-7d9f8c6b5d-x2k4p.179', namespace: 'shop' }, reason: 'BackOff', source: { component: 'kubelet', host: 'node-1' }, type: 'Warning' },
        { apiVersion: 'v1', count: 1, eventTime: null, firstTimestamp: '2023-11-14T22:00:00Z', lastTimestamp: '2023-11-14T22:00:00Z', involvedObject: { kind: 'ReplicaSet', name: 'cart-5f6d7c8b9', namespace: 'shop' }, kind: 'Event', message: 'Created pod: cart-5f6d7c8b9-abcde', metadata: { name: 'cart-5f6d7c8b9.17a', namespace: 'shop' }, reason: 'SuccessfulCreate', source: { component: 'replicaset-controller' }, type: 'Normal' },
      ],
      kind: 'List',
      metadata: { resourceVersion: '' },
    };
    const text = JSON.stringify(core, null, 4);
    expect(sniffText(text)).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.severityNumber, x.severityText, x.timeNs, x.resource.serviceName, x.attributes['k8s.event.reason']])).toEqual([
      [13, 'Warning', 1_700_000_000_000_000_000n, 'checkout', 'BackOff'], // 22:13:20Z, the last time seen
      [9, 'Normal', 1_699_999_200_000_000_000n, 'cart', 'SuccessfulCreate'],
    ]);
    expect(recs[0]!.resource.attributes).toMatchObject({ 'k8s.namespace.name': 'shop', 'k8s.pod.name': 'checkout-7d9f8c6b5d-x2k4p', 'k8s.node.name': 'node-1' });
    expect(recs[0]!.attributes['k8s.event.count']).toBe(3);
    expectChunkingInvariant(jsonLogs, enc(text));

    const v1 = { kind: 'EventList', apiVersion: 'events.k8s.io/v1', items: [{ kind: 'Event', eventTime: '2023-11-14T22:13:20.123456Z', regarding: { kind: 'Node', name: 'node-2' }, note: 'Node node-2 status is now: NodeNotReady', reason: 'NodeNotReady', reportingController: 'node-controller', type: 'Normal', metadata: { name: 'node-2.1', namespace: 'default' } }] };
    const [node] = logs(decodeText(jsonLogs, JSON.stringify(v1)));
    expect(node).toMatchObject({ body: 'Node node-2 status is now: NodeNotReady', severityNumber: 9, timeNs: 1_700_000_000_123_456_000n });
    expect(node!.resource.attributes['k8s.node.name']).toBe('node-2');
    expect(node!.attributes['k8s.event.component']).toBe('node-controller');
  });

  it('Get-WinEvent | ConvertTo-Json: /Date(ms)/ times, Level named by LevelDisplayName, the provider as the service, MachineName as the host', () => {
    const text = JSON.stringify([
      { Message: 'The Windows Update service entered the stopped state.', Id: 7036, Level: 4, ProviderName: 'Service Control Manager', LogName: 'System', MachineName: 'DESKTOP-1', TimeCreated: '/Date(1700000000123)/', LevelDisplayName: 'Information' },
      { Message: 'Faulting application name: app.exe', Id: 1000, Level: 2, ProviderName: 'Application Error', LogName: 'Application', MachineName: 'DESKTOP-1', TimeCreated: '/Date(1700000001123)/', LevelDisplayName: 'Error' },
      { Message: 'Disk is full', Id: 2013, Level: 3, ProviderName: 'srv', MachineName: 'DESKTOP-1', TimeCreated: '/Date(1700000002000+0100)/' },
    ], null, 4);
    const recs = logs(decodeText(jsonLogs, text));
    expect(recs.map((x) => [x.timeNs, x.severityNumber, x.severityText, x.resource.serviceName, x.resource.attributes['host.name']])).toEqual([
      [1_700_000_000_123_000_000n, 9, 'Information', 'Service Control Manager', 'DESKTOP-1'],
      [1_700_000_001_123_000_000n, 17, 'Error', 'Application Error', 'DESKTOP-1'],
      [1_700_000_002_000_000_000n, 13, 'Warning', 'srv', 'DESKTOP-1'], // Level 3 without a display name: winmeta's Warning
    ]);
  });
});

describe('cloud log exports', () => {
  it('Azure Monitor resource logs {"records": […]} are read record by record, in any chunking', () => {
    const doc = JSON.stringify({
      records: [
        { time: '2019-06-18T05:14:19.6597650Z', resourceId: '/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.WEB/SITES/CONTOSO-API', category: 'AppServiceConsoleLogs', operationName: 'Microsoft.Web/sites/log', level: 'Informational', resultDescription: 'Application started.' },
        { time: '2019-06-18T05:14:20.0000000Z', resourceId: '/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.WEB/SITES/CONTOSO-API', category: 'AppServiceConsoleLogs', operationName: 'Microsoft.Web/sites/log', level: 'Error', resultDescription: 'Unhandled exception.' },
      ],
    }, null, 2);
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(doc), true)).spec?.id).toBe('json-logs');
    const recs = logs(decodeText(jsonLogs, doc));
    expect(recs.map((r) => [r.timeNs, r.severityNumber])).toEqual([
      [1560834859659765000n, 9],
      [1560834860000000000n, 17],
    ]);
    expectChunkingInvariant(jsonLogs, new TextEncoder().encode(doc));
  });

  it("a CloudWatch subscription payload of a Lambda function's group names the function as the service", () => {
    const payload = JSON.stringify({ owner: '111111111111', logGroup: '/aws/lambda/checkout-fn', logStream: '2023/06/01/[$LATEST]0123', subscriptionFilters: ['d'], messageType: 'DATA_MESSAGE', logEvents: [{ id: '1', timestamp: 1685613600000, message: 'START RequestId: 8f50 Version: $LATEST\n' }] });
    expect(logs(decodeText(jsonLogs, payload)).map((r) => r.resource.serviceName)).toEqual(['checkout-fn']);
  });
});
