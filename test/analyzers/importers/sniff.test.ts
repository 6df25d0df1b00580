import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat, unsupportedContainer } from '../../../analyzers/importers/sniff.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('makeSniffInput', () => {
  it('shows a head with CR-only line ends with LFs, so sniffers see its lines', () => {
    const input = makeSniffInput(enc('{"level":"info","msg":"a"}\r{"level":"warn","msg":"b"}\r'), true);
    expect(input.text).toBe('{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n');
    expect(Array.from(input.bytes)).toEqual(Array.from(enc(input.text)));
    expect(sniffFormat(input).spec?.id).toBe('jsonl-logs');
  });

  it('never changes the bytes it is given (a Node Buffer included)', () => {
    const head = Buffer.from('a=1 b=2\rc=3 d=4\r');
    makeSniffInput(head, true);
    expect(head.toString()).toBe('a=1 b=2\rc=3 d=4\r');
  });

  it('leaves LF and CRLF heads (stray CRs included) as they are', () => {
    for (const t of ['a\r\nb\r\n', 'x 10%\r50%\ny\n']) expect(makeSniffInput(enc(t), true).text).toBe(t);
  });
});

// Metric payloads no importer reads, in the shapes their producers write (collectd's JSON format,
// docs of its write_http plugin; a CloudWatch Metric Streams JSON record, AWS docs "CloudWatch
// metric streams output in JSON format"; a Tempo /api/metrics/query_range answer, Tempo's API
// docs). They were read as 2, 3 and 1 log records; each is now refused with what to export.
describe('metric payloads that are not read are named, not taken for logs', () => {
  const cases: [string, string, RegExp][] = [
    [
      'collectd',
      '[{"values":[1901474177],"dstypes":["counter"],"dsnames":["value"],"time":1280959128,"interval":10,"host":"leeloo.octo.it","plugin":"cpu","plugin_instance":"0","type":"cpu","type_instance":"idle"}]',
      /^collectd metrics in its JSON format.*write_prometheus/,
    ],
    [
      'metric streams',
      '{"metric_stream_name":"MyMetricStream","account_id":"1234567890","region":"us-east-1","namespace":"AWS/EC2","metric_name":"DiskWriteOps","dimensions":{"InstanceId":"i-123456789012"},"timestamp":1611929698000,"value":{"max":3.0,"min":0.0,"sum":9.0,"count":3.0},"unit":"Seconds"}\n'.repeat(2),
      /^Amazon CloudWatch Metric Streams records in JSON format.*get-metric-data/,
    ],
    [
      'tempo metrics',
      '{"series":[{"labels":[{"key":"resource.service.name","value":{"stringValue":"frontend"}}],"samples":[{"timestampMs":"1700000000000","value":1.5}],"promLabels":"{resource.service.name=\\"frontend\\"}"}],"metrics":{"inspectedBytes":"123456"}}',
      /^a Grafana Tempo TraceQL metrics answer/,
    ],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const r = sniffFormat(makeSniffInput(enc(text), true));
    expect(r.spec).toBeUndefined();
    expect(r.reason).toBe('unsupported');
    expect(r.message).toMatch(message);
  });

  it('JSON logs that mention such words stay logs', () => {
    const log = '{"level":"info","msg":"collectd plugin loaded","plugin":"cpu"}\n{"level":"warn","msg":"metric_stream_name missing"}\n';
    expect(sniffFormat(makeSniffInput(enc(log), true)).spec?.id).toBe('jsonl-logs');
  });
});

describe('a compact Kubernetes object', () => {
  it('is a resource, not a log record, as its pretty-printed form is; an audit event a line stays a log', () => {
    const list = '{"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[{"metadata":{"name":"web-1","namespace":"default"},"timestamp":"2024-01-01T00:00:00Z","window":"15s","containers":[{"name":"web","usage":{"cpu":"1m","memory":"10Mi"}}]}]}\n';
    const r = sniffFormat(makeSniffInput(enc(list), true));
    expect([r.spec?.id, r.reason, r.looksLike]).toEqual([undefined, 'unrecognised-format', 'a Kubernetes PodMetricsList (kubectl get -o json)']);
    const audit = '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a","stage":"ResponseComplete","requestURI":"/api","verb":"get","requestReceivedTimestamp":"2024-01-01T00:00:00.000000Z"}\n';
    expect(sniffFormat(makeSniffInput(enc(audit.repeat(3)), true)).spec?.id).toBe('jsonl-logs');
  });
});

describe('unsupportedContainer: RAR', () => {
  it('names RAR 4 and RAR 5 archives as archives to unpack, not binary data', () => {
    const withMagic = (magic: number[]) => new Uint8Array([...magic, ...new Array<number>(64).fill(7)]);
    expect(unsupportedContainer(withMagic([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]))).toMatch(/RAR archive/);
    expect(unsupportedContainer(withMagic([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]))).toMatch(/RAR archive/);
    expect(unsupportedContainer(new TextEncoder().encode('Rar! is not a word\n'))).toBeUndefined();
  });
});
