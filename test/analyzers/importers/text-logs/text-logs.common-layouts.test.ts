import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, isoNs, logs, readCleanLogs } from '../jsonl-logs/log-test-helpers.js';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import type { LogRecord } from '../../../../analyzers/model/index.js';

// Default layouts of common servers and logging libraries, written as their documentation and
// source give them. Each file is read whole and in 1-, 7- and 4096-byte chunks.

const read = (text: string) => readCleanLogs(textLogs, text);

const iso = isoNs;

describe('text-logs: Django runserver (django.server: `[%d/%b/%Y %H:%M:%S] message`)', () => {
  const DJANGO = [
    'Watching for file changes with StatReloader',
    '[10/Jan/2024 12:00:00] "GET / HTTP/1.1" 200 10629',
    '[10/Jan/2024 12:00:02] "GET /favicon.ico HTTP/1.1" 404 2110',
  ].join('\n') + '\n';

  it('the bracketed day/month-name/year time dates the line (zone-less), not just its time of day', () => {
    const recs = read(DJANGO);
    expect(recs).toHaveLength(3);
    expect(recs[1]!.timeNs).toBe(BigInt(Date.UTC(2024, 0, 10, 12, 0, 0)) * 1_000_000n);
    expect(recs[1]!.timeWithoutZone).toBe(true);
    expect(iso(recs[2]!.timeNs)).toBe('2024-01-10T12:00:02.000000000Z');
  });
});

describe('text-logs: levels inside the header', () => {
  it('Celery worker (`[%(asctime)s: %(levelname)s/%(processName)s]`): the level before the process name; a traceback stays in its record', () => {
    const CELERY = [
      '[2024-01-10 12:00:00,123: INFO/MainProcess] Connected to redis://localhost:6379/0',
      '[2024-01-10 12:00:00,130: WARNING/MainProcess] celery@worker1 ready.',
      '[2024-01-10 12:00:02,000: ERROR/ForkPoolWorker-2] Task tasks.div[6a9c8d3b-2e4f-5a6b-0c7d-8e9f0a1b2c3d] raised unexpected: ZeroDivisionError(\'division by zero\')',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/site-packages/celery/app/trace.py", line 477, in trace_task',
      '    R = retval = fun(*args, **kwargs)',
      'ZeroDivisionError: division by zero',
      '[2024-01-10 12:00:03,000: DEBUG/MainProcess] pidbox received',
    ].join('\n') + '\n';
    const recs = read(CELERY);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['INFO', 9], ['WARNING', 13], ['ERROR', 17], ['DEBUG', 5]]);
    expect(recs[2]!.attributes['log.record.lines']).toBe(5);
    expect(recs[0]!.timeWithoutZone).toBe(true);
    expect(iso(recs[0]!.timeNs)).toBe('2024-01-10T12:00:00.123000000Z');
  });

  it('MySQL 8 error log: [System] and [Note] are levels as [Warning] and [ERROR] are', () => {
    const MYSQL = [
      '2024-01-10T12:00:00.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.35) starting as process 1',
      '2024-01-10T12:00:01.000000Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.',
      '2024-01-10T12:00:01.100000Z 0 [Note] [MY-010051] [Server] Event Scheduler: scheduler thread started with id 1',
      '2024-01-10T12:00:02.000000Z 8 [ERROR] [MY-012592] [InnoDB] Operating system error number 2 in a file operation.',
    ].join('\n') + '\n';
    const recs = read(MYSQL);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['System', 9], ['Warning', 13], ['Note', 10], ['ERROR', 17]]);
    expect(recs[0]!.timeWithoutZone).toBeUndefined();
  });

  it('Apache 2.4 error log: [module:traceN] is a trace level', () => {
    const APACHE = [
      '[Wed Jan 10 12:00:00.123456 2024] [mpm_event:notice] [pid 1:tid 140245116348288] AH00489: Apache/2.4.58 (Unix) configured -- resuming normal operations',
      '[Wed Jan 10 12:00:06.000000 2024] [core:trace3] [pid 9:tid 1] request.c(311): [client 10.0.0.1:50003] request trace',
    ].join('\n') + '\n';
    const recs = read(APACHE);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['notice', 10], ['trace3', 1]]);
    expect(iso(recs[0]!.timeNs)).toBe('2024-01-10T12:00:00.123456000Z');
  });
});

describe('text-logs: Redis (`pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`)', () => {
  it('the mark after the time is the level (. debug, - verbose, * notice, # warning); the pid is the process', () => {
    const REDIS = [
      '1:C 10 Jan 2024 12:00:00.123 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:M 10 Jan 2024 12:00:00.127 * Ready to accept connections tcp',
      '1:M 10 Jan 2024 12:00:05.000 - Accepted 127.0.0.1:50000',
      '1:S 10 Jan 2024 12:00:06.000 . Client closed connection',
      '7:X 10 Jan 2024 12:00:07.000 # +sdown master mymaster 10.0.0.1 6379',
    ].join('\n') + '\n';
    const recs = read(REDIS);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['warning', 13], ['notice', 10], ['verbose', 7], ['debug', 5], ['warning', 13]]);
    expect(recs[0]!.resource.attributes['process.pid']).toBe(1);
    expect(recs[4]!.resource.attributes['process.pid']).toBe(7);
    expect(iso(recs[1]!.timeNs)).toBe('2024-01-10T12:00:00.127000000Z');
    expect(recs[1]!.timeWithoutZone).toBe(true);
  });
});

describe("text-logs: Ruby's Logger::Formatter (`L, [time #pid] LEVEL -- progname: message`)", () => {
  const RUBY = [
    'I, [2024-01-10T12:00:00.123456 #1234]  INFO -- : Started GET "/" for 127.0.0.1 at 2024-01-10 12:00:00 +0000',
    'W, [2024-01-10T12:00:01.000001 #1234]  WARN -- billing: low disk',
    'E, [2024-01-10T12:00:02.500000 #1234] ERROR -- billing: boom (RuntimeError)',
    "app/models/user.rb:10:in `save'",
    "app/controllers/users_controller.rb:5:in `create'",
    'F, [2024-01-10T12:00:03.000000 #1234] FATAL -- : fatal error',
  ].join('\n') + '\n';

  it('level, pid and a zone-less time; the progname names the service; the backtrace stays in its record', () => {
    const recs = read(RUBY);
    expect(recs).toHaveLength(4);
    expect(recs.map((r) => r.severityNumber)).toEqual([9, 13, 17, 21]);
    expect(recs.map((r) => r.resource.serviceName)).toEqual([undefined, 'billing', 'billing', undefined]);
    expect(recs[0]!.resource.attributes['process.pid']).toBe(1234);
    expect(recs[0]!.timeWithoutZone).toBe(true);
    expect(iso(recs[0]!.timeNs)).toBe('2024-01-10T12:00:00.123456000Z');
    expect(recs[2]!.attributes['log.record.lines']).toBe(3);
  });
});

describe('text-logs: nginx access lines whose client is a forwarded-for list', () => {
  // Lines of filebeat's nginx module test file (elastic/beats filebeat/module/nginx/access/test/test.log):
  // nginx logging $proxy_add_x_forwarded_for, or a quoted X-Forwarded-For, before the address.
  const NGINX = [
    '10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.12; rv:49.0) Gecko/20100101 Firefox/49.0"',
    '172.17.0.1 - - [29/May/2017:19:02:48 +0000] "GET /stringpatch HTTP/1.1" 404 612 "-" "Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20120716 Firefox/15.0a2" "-"',
    '"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront"',
    '2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "Mozilla/5.0 (compatible; Facebot 1.0; https://developers.facebook.com/docs/sharing/webmasters/crawler)"',
    '127.0.0.1 - - [12/Apr/2018:09:48:40 +0200] "" 400 0 "-" "-"',
  ].join('\n') + '\n';

  it('each line is one record with its time, status and first client address (7 lines were 4 records)', () => {
    const recs = read(NGINX);
    expect(recs.map((r) => [iso(r.timeNs), r.attributes['http.response.status_code'], r.attributes['client.address']])).toEqual([
      ['2016-12-07T10:05:07.000000000Z', 200, '10.0.0.2'],
      ['2017-05-29T19:02:48.000000000Z', 404, '172.17.0.1'],
      ['2016-01-22T13:18:29.000000000Z', 200, '10.5.102.222'],
      ['2016-12-30T06:47:09.000000000Z', 404, '2a03:0000:10ff:f00f:0000:0000:0:8000'],
      ['2018-04-12T07:48:40.000000000Z', 400, '127.0.0.1'],
    ]);
  });
});

describe('text-logs: AWS Application Load Balancer access logs and X-Ray trace headers', () => {
  // ALB access log entries as the AWS docs' examples give them (Elastic Load Balancing user guide,
  // "Access logs for your Application Load Balancer"): the trace_id field is an X-Ray header.
  const alb = [
    'http 2023-11-14T22:13:20.123456Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2023-11-14T22:13:20.120000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
    'https 2023-11-14T22:13:21.123456Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 503 - 0 57 "GET https://www.example.com:443/api HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "-" 1 2023-11-14T22:13:21.000000Z "forward" "-" "-" "-" "-" "-" "-"',
    '',
  ].join('\n');

  it('one record a request: time, status, request, the balancer as the service, the X-Ray root as the trace id', () => {
    const r = decodeText(textLogs, alb);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.timeNs, x.attributes['http.response.status_code'], x.attributes['url.full'], x.resource.serviceName, x.traceId])).toEqual([
      [1_700_000_000_123_456_000n, 200, 'http://www.example.com:80/', 'my-loadbalancer', '5833726236d228ad5d99923122bbe354'],
      [1_700_000_001_123_456_000n, 503, 'https://www.example.com:443/api', 'my-loadbalancer', '583372811d84f3d73c47ec4e58577259'],
    ]);
    expect(recs[0]!.attributes['aws.elb.target_processing_time']).toBe(0.001);
    expect(recs[1]!.attributes['aws.elb.target_processing_time']).toBeUndefined(); // -1: no target answered
    expect(recs[1]!.attributes['server.address']).toBeUndefined();
    expectChunkingInvariant(textLogs, new TextEncoder().encode(alb));
  });

  it('an X-Ray trace header or id written in any line gives the trace id (the same one the xray importer gives the trace)', () => {
    const text = [
      '2023-11-14 22:13:20,123 INFO [http-1] request in X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      '2023-11-14 22:13:21,000 ERROR [http-1] failed trace_id=1-5759e988-bd862e3fe1be46a994272793',
      '',
    ].join('\n');
    expect(logs(decodeText(textLogs, text)).map((x) => x.traceId)).toEqual(['5759e988bd862e3fe1be46a994272793', '5759e988bd862e3fe1be46a994272793']);
  });
});

describe('text-logs: Envoy and Istio access logs', () => {
  // Istio's default sidecar format (two lines) and Envoy's default format (the last line), field
  // order from their docs ("Envoy access logging", Istio "Envoy Access Logs" default format).
  const text = [
    '[2023-11-14T22:13:20.123Z] "GET /api/cart HTTP/1.1" 200 - via_upstream - "-" 0 512 12 10 "10.0.0.1" "curl/7.68.0" "3f4a2b9c-1234-4e5f-8a9b-0c1d2e3f4a5b" "cart:8080" "10.1.2.3:8080" outbound|8080||cart.shop.svc.cluster.local 10.1.2.4:45678 10.96.0.10:8080 10.1.2.4:34567 - default',
    '[2023-11-14T22:13:21.456Z] "POST /api/pay HTTP/2" 503 UF,URX upstream_reset_before_response_started{connection_failure} - "-" 120 91 3001 - "-" "Go-http-client/2.0" "9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b" "payment:9090" "10.1.2.9:9090" outbound|9090||payment.shop.svc.cluster.local - 10.96.0.11:9090 10.1.2.4:34568 - default',
    '[2023-11-14T22:13:22.000Z] "GET /healthz HTTP/1.1" 200 - 0 2 1 1 "-" "kube-probe/1.27" "c0ffee00-1234-4e5f-8a9b-0c1d2e3f4a5b" "10.1.2.4:8080" "127.0.0.1:8080"',
    '',
  ].join('\n');

  it('gives status, response flags, request, sizes, duration and the upstream, in both formats', () => {
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    const pick = ['http.request.method', 'url.path', 'http.response.status_code', 'envoy.response_flags', 'envoy.duration_ms', 'http.response.body.size', 'server.address', 'envoy.upstream_cluster'];
    expect(recs.map((x) => pick.map((k) => x.attributes[k]))).toEqual([
      ['GET', '/api/cart', 200, undefined, 12, 512, 'cart:8080', 'outbound|8080||cart.shop.svc.cluster.local'],
      ['POST', '/api/pay', 503, 'UF,URX', 3001, 91, 'payment:9090', 'outbound|9090||payment.shop.svc.cluster.local'],
      ['GET', '/healthz', 200, undefined, 1, 2, '10.1.2.4:8080', undefined],
    ]);
    expect(recs[1]!.attributes['envoy.response_code_details']).toBe('upstream_reset_before_response_started{connection_failure}');
    expect(recs[2]!.attributes['http.request.header.x-request-id']).toBe('c0ffee00-1234-4e5f-8a9b-0c1d2e3f4a5b');
    expect(recs.map((x) => x.timeNs)).toEqual([1_700_000_000_123_000_000n, 1_700_000_001_456_000_000n, 1_700_000_002_000_000_000n]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe("text-logs: HAProxy's HTTP log format (`option httplog`)", () => {
  // HAProxy 2.6 output (probe S24: `log stdout format raw`, and the same lines sent as RFC 3164 syslog);
  // fields as HAProxy's docs, "HTTP log format", list them. No severity, as for other access logs.
  it('status, termination state, frontend/backend/server, total time, request; raw and after a syslog header', () => {
    const raw = [
      'Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms.',
      '127.0.0.1:56592 [27/Nov/2026:15:26:24.208] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /ok HTTP/1.1"',
      '127.0.0.1:56598 [27/Nov/2026:15:26:24.266] fe be/s2 0/0/-1/-1/3008 503 217 - - SC-- 1/1/0/0/3 0/0 "GET /a HTTP/1.1"',
      // the docs' example: captured headers between braces, a +-marked estimate
      '10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/+109 200 +2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"',
      '<134>Nov 27 15:26:37 localhost haproxy[31736]: 127.0.0.1:53268 [27/Nov/2026:15:26:34.224] fe be/s2 0/0/-1/-1/3005 503 217 - - SC-- 1/1/0/0/3 0/0 "GET /a HTTP/1.1"',
      '',
    ].join('\n');
    const recs = logs(decodeText(textLogs, raw));
    const pick = (r: (typeof recs)[number]) => [r.attributes['http.response.status_code'], r.attributes['haproxy.termination_state'], r.attributes['haproxy.backend'], r.attributes['haproxy.server'], r.attributes['haproxy.total_time_ms'], r.attributes['http.request.method'], r.attributes['url.path'], r.severityNumber];
    expect(recs.map(pick)).toEqual([
      [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
      [200, 'LR--', 'fe', undefined, 0, 'GET', '/ok', undefined],
      [503, 'SC--', 'be', 's2', 3008, 'GET', '/a', undefined],
      [200, '----', 'static', 'srv1', 109, 'GET', '/index.html', undefined],
      [503, 'SC--', 'be', 's2', 3005, 'GET', '/a', 9],
    ]);
    expect(recs[2]!.attributes['client.address']).toBe('127.0.0.1');
    expect(recs[2]!.attributes['http.response.size']).toBe(217);
    expect(recs[4]!.resource.serviceName).toBe('haproxy');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(raw));
  });
});

describe('text-logs: PostgreSQL csvlog', () => {
  // log_destination = 'csvlog' (PostgreSQL docs, "Using CSV-Format Log Output"): no header row;
  // a quoted field may hold a newline (the third record's message).
  const text = [
    '2023-11-14 22:13:20.123 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,1,"SELECT",2023-11-14 22:13:19 UTC,3/12,0,ERROR,42P01,"relation ""orders"" does not exist",,,,,,"SELECT * FROM orders",15,,"psql","client backend",,0',
    '2023-11-14 22:13:21.000 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,2,"idle",2023-11-14 22:13:19 UTC,3/13,0,LOG,00000,"statement: SELECT 1",,,,,,,,,"psql","client backend",,0',
    '2023-11-14 22:13:22.000 UTC,,,99,,6553a1b1.63,1,,2023-11-14 22:13:22 UTC,,0,FATAL,57P01,"terminating connection',
    'due to administrator command",,,,,,,,,"","autovacuum worker",,0',
    '',
  ].join('\n');

  it('one record per entry: severity, pid, database, user, SQLSTATE; a message over two lines stays one record', () => {
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.severityText, x.resource.attributes['process.pid'], x.attributes['db.namespace'], x.attributes['db.response.status_code']])).toEqual([
      [1, 17, 'ERROR', 1234, 'shop', '42P01'],
      [2, 9, 'LOG', 1234, 'shop', undefined],
      [3, 21, 'FATAL', 99, undefined, '57P01'],
    ]);
    expect(recs[0]!.timeNs).toBe(1_700_000_000_123_000_000n);
    expect((recs[2]!.body as string).split('\n')).toHaveLength(2);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: PostgreSQL csvlog rows behind a container prefix', () => {
  // The csvlog rows of the test above, as a postgres container's output shows them (a sidecar
  // tailing postgresql.csv, or log_directory on the container's stderr) through each prefix.
  const rows = [
    '2023-11-14 22:13:20.123 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,1,"SELECT",2023-11-14 22:13:19 UTC,3/12,0,ERROR,42P01,"relation ""orders"" does not exist",,,,,,"SELECT * FROM orders",15,,"psql","client backend",,0',
    '2023-11-14 22:13:21.000 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,2,"idle",2023-11-14 22:13:19 UTC,3/13,0,LOG,00000,"statement: SELECT 1",,,,,,,,,"psql","client backend",,0',
    '2023-11-14 22:13:22.000 UTC,,,99,,6553a1b1.63,1,,2023-11-14 22:13:22 UTC,,0,FATAL,57P01,"terminating connection',
    'due to administrator command",,,,,,,,,"","autovacuum worker",,0',
  ];
  const stamp = (i: number) => `2023-11-14T22:13:2${i}.500000000Z`;
  const prefixes: Record<string, (l: string, i: number) => string> = {
    CRI: (l, i) => `${stamp(i)} stderr F ${l}`,
    'kubectl logs --timestamps': (l, i) => `${stamp(i)} ${l}`,
    'kubectl logs --prefix': (l) => `[pod/db-0/postgres] ${l}`,
    'kubectl logs --prefix --timestamps': (l, i) => `[pod/db-0/postgres] ${stamp(i)} ${l}`,
    'docker compose logs': (l) => `db-1  | ${l}`,
  };
  // what the csvlog file itself gives (read as CSV logs), but for where each record is and what the prefix adds
  const own = (r: LogRecord) => {
    const { 'log.iostream': _stream, 'log.record.lines': _lines, ...attributes } = r.attributes;
    return { body: r.body, severityNumber: r.severityNumber, severityText: r.severityText, timeNs: r.timeNs, attributes, pid: r.resource.attributes['process.pid'], structured: r.structured };
  };
  const file = logs(decodeText(csvLogs, rows.join('\n') + '\n'));

  it('the csvlog file itself: 3 structured rows, the message the body, its columns by their documented names', () => {
    expect(file.map((r) => [r.source.line, r.severityText, r.body, r.structured])).toEqual([
      [1, 'ERROR', 'relation "orders" does not exist', true],
      [2, 'LOG', 'statement: SELECT 1', true],
      [3, 'FATAL', 'terminating connection\ndue to administrator command', true],
    ]);
    expect(file[0]!.attributes['sql_state_code']).toBe('42P01');
  });

  for (const [name, prefix] of Object.entries(prefixes)) {
    it(`behind ${name}: each row read as the csvlog file reads it, the quoted message over two lines one record`, () => {
      const text = rows.map(prefix).join('\n') + '\n';
      const r = decodeText(textLogs, text);
      expect(r.errors).toEqual([]);
      const recs = logs(r);
      expect(recs.map((x) => [x.source.line, x.attributes['log.record.lines'] ?? 1])).toEqual([
        [1, 1],
        [2, 1],
        [3, 2],
      ]);
      expect(recs.map(own)).toEqual(file.map(own));
      expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    });
  }

  it('the prefix\'s own attributes stay: the stream, the pod and container, the service', () => {
    const cri = logs(decodeText(textLogs, rows.map(prefixes['CRI']!).join('\n') + '\n'));
    expect(cri.map((x) => x.attributes['log.iostream'])).toEqual(['stderr', 'stderr', 'stderr']);
    const kubectl = logs(decodeText(textLogs, rows.map(prefixes['kubectl logs --prefix']!).join('\n') + '\n'));
    expect(kubectl.map((x) => [x.resource.attributes['k8s.pod.name'], x.resource.serviceName])).toEqual([
      ['db-0', 'postgres'],
      ['db-0', 'postgres'],
      ['db-0', 'postgres'],
    ]);
  });

  it('a line that only begins like a csvlog row (log4j\'s `date time,millis`) with a `,"` in its message holds no lines after it', () => {
    // (the row's time, then a comma: log4j's comma before the milliseconds matched; its open quote took every later
    // line of the container into the record, up to 10,000)
    const lines = ['2023-11-14 22:13:20,123 INFO  [main] values a,"b', ...Array.from({ length: 5 }, (_, i) => `2023-11-14 22:13:2${i + 1},123 INFO  [main] line ${i + 1}`)];
    for (const [name, prefix] of Object.entries(prefixes)) {
      const text = lines.map(prefix).join('\n') + '\n';
      const recs = logs(decodeText(textLogs, text));
      expect(recs.map((x) => [x.source.line, x.attributes['log.record.lines'] ?? 1]), name).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 1]));
      expect(recs[0]!.body, name).toBe('2023-11-14 22:13:20,123 INFO  [main] values a,"b');
      expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    }
  });
});

describe('text-logs: journalctl text output', () => {
  // `journalctl` (short), `--no-hostname`, `-o short-iso` and `-o short-unix`, as systemd's
  // journalctl(1) describes them; the marker lines are journalctl's own, not entries.
  it('marker lines are no records and end the record above; the range\'s end dates the year-less entries', () => {
    const text = [
      '-- Logs begin at Mon 2023-04-10 10:12:13 UTC, end at Tue 2023-04-11 12:34:56 UTC. --',
      'Apr 10 10:12:13 myhostname systemd[1]: Starting Journal Service...',
      'Apr 10 10:12:13 myhostname kernel: Initializing cgroup subsys cpuset',
      '-- Reboot --',
      'Apr 11 12:34:56 myhostname sshd[812]: Accepted publickey for root from 10.0.0.5 port 51234 ssh2',
      '-- Boot 4b2a0f0bf0d84b8f9c1a5d4bcd0f4a34 --',
      'Apr 11 12:35:00 myhostname kernel: Linux version 6.1.0',
    ].join('\n') + '\n';
    const recs = read(text);
    // (the body is the whole line, as for every text line)
    expect(recs.map((r) => [iso(r.timeNs), r.resource.serviceName, String(r.body).split(': ')[1]])).toEqual([
      ['2023-04-10T10:12:13.000000000Z', 'systemd', 'Starting Journal Service...'],
      ['2023-04-10T10:12:13.000000000Z', 'kernel', 'Initializing cgroup subsys cpuset'],
      ['2023-04-11T12:34:56.000000000Z', 'sshd', 'Accepted publickey for root from 10.0.0.5 port 51234 ssh2'],
      ['2023-04-11T12:35:00.000000000Z', 'kernel', 'Linux version 6.1.0'],
    ]);
    // journalctl found nothing: an empty input, as a file with no lines
    const none = decodeText(textLogs, '-- No entries --\n');
    expect([logs(none).length, none.errors.map((e) => e.code)]).toEqual([0, ['empty-input']]);
  });

  it('--no-hostname: the tag and pid follow the time (login[3633] is no host)', () => {
    const recs = read('Jan 30 16:21:56 login[3633]: pam_env(login:session): pam_putenv("AVAR3=override")\nJan 30 16:21:57 login[3633]: pam_unix(login:session): session opened for user root\n');
    expect(recs.map((r) => [r.resource.serviceName, r.resource.attributes['process.pid'], r.resource.attributes['host.name']])).toEqual([
      ['login', 3633, undefined],
      ['login', 3633, undefined],
    ]);
  });

  it('-o short-iso and short-unix: the service also without a pid (kernel:, sudo:), but an application\'s `INFO main:` names no host', () => {
    const isoText = '2023-04-10T10:12:13+0000 myhostname systemd[1]: Starting Journal Service...\n2023-04-10T10:12:13+0000 myhostname kernel: Initializing cgroup subsys cpu\n';
    expect(read(isoText).map((r) => [r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([
      ['systemd', 'myhostname'],
      ['kernel', 'myhostname'],
    ]);
    const unix = read('1681121533.123456 myhostname kernel: Initializing cgroup subsys cpuset\n1681121534.000001 myhostname sshd[812]: Accepted publickey\n');
    expect(unix.map((r) => r.resource.serviceName)).toEqual(['kernel', 'sshd']);
    const app = read('2023-04-10T10:12:13Z INFO main: started\n2023-04-10T10:12:14Z worker-1 Processing: job 42\n');
    expect(app.map((r) => [r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    // a sentence after the time (GitHub Actions' job log) names no host and no service; a capitalised
    // host with a digit or a hyphen still is one
    const prose = read('2023-10-11T14:32:52.1234567Z Requested labels: ubuntu-latest\n2023-10-11 14:32:53 Database connection: refused\n2023-10-11T14:32:54Z WIN-7F3K kernel: up\n');
    expect(prose.map((r) => [r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ['kernel', 'WIN-7F3K'],
    ]);
  });
});

describe('text-logs: syslog over TCP with octet counting (RFC 6587), as Heroku log drains send it', () => {
  it('the count before <PRI> is framing: the RFC 5424 header after it gives time, host and app', () => {
    const text = [
      '83 <40>1 2024-03-05T14:02:11.532148+00:00 host app web.1 - State changed from starting to up',
      '119 <40>1 2024-03-05T14:02:12.018000+00:00 host app web.1 - Starting process with command `bundle exec rackup config.ru -p 24405`',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [iso(r.timeNs), r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([
      ['2024-03-05T14:02:11.532148000Z', 'app', 'host'],
      ['2024-03-05T14:02:12.018000000Z', 'app', 'host'],
    ]);
  });
});

describe('text-logs: Heroku Logplex lines (`heroku logs`, a log drain)', () => {
  // Lines as Heroku's docs ("Logging": log format) show them: time, `source[dyno]:`, message.
  const text = [
    '2010-09-16T15:13:46.677020+00:00 heroku[router]: at=info method=GET path="/posts" host=myapp.herokuapp.com dyno=web.1 connect=1ms service=18ms status=200 bytes=975',
    '2010-09-16T15:13:47.893472+00:00 app[worker.3]: 2 jobs processed at 16.6761 j/s, 0 failed ...',
    '2010-09-16T15:13:48.000000+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" status=503',
    '2010-09-16T15:13:49.000000+00:00 heroku[web.1]: State changed from up to crashed',
    '',
  ].join('\n');

  it('the source is the service, the dyno its instance; at=info / at=error is the level', () => {
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.resource.serviceName, r.resource.serviceInstanceId, r.severityNumber])).toEqual([
      ['heroku', 'router', 9],
      ['app', 'worker.3', undefined],
      ['heroku', 'router', 17],
      ['heroku', 'web.1', undefined],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: macOS syslog with a responsible process after the pid', () => {
  it('`sandboxd[129] ([31211]):` names sandboxd and its pid', () => {
    // a line of loghub's Mac log (logpai/loghub Mac/Mac_2k.log)
    const text = 'Jul  1 09:29:02 calvisitor-10-105-160-95 sandboxd[129] ([31211]): com.apple.Addres(31211) deny network-outbound /private/var/run/mDNSResponder\n';
    const [r] = logs(decodeText(textLogs, text));
    expect([r!.resource.serviceName, r!.resource.attributes['process.pid'], r!.resource.attributes['host.name']]).toEqual(['sandboxd', 129, 'calvisitor-10-105-160-95']);
    expect(r!.body).toBe(text.trimEnd());
  });
});
