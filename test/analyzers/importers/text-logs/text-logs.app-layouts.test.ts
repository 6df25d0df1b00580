import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// Spring Boot's default console/file layout (spring-boot's logback defaults.xml and log4j2 file):
//   %d %5p PID --- ${LOGGED_APPLICATION_NAME}[%15.15t] ${LOG_CORRELATION_PATTERN}%-40.40logger{39} : %m
// Boot 2.x (no zone, no app name), Boot 3.0/3.1 (zone), Boot 3.2+ ([app] and the [trace-span]
// correlation, blank-padded when the line has no trace), and Spring Cloud Sleuth / the documented
// Micrometer level pattern `%5p [app,traceId,spanId(,exportable)]`.
const TRACE = '65a0b3c2d1e4f5a6b7c8d9e0f1a2b3c4';
const SPAN = '1a2b3c4d5e6f7a8b';
const BOOT2 = '2024-01-10 12:00:00.123  INFO 4242 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http)';
const BOOT30 = '2024-01-10T12:00:00.123+01:00  WARN 4242 --- [nio-8080-exec-1] c.e.shop.CartController                  : cart empty';
const BOOT32 = `2024-01-10T12:00:00.200Z ERROR 4242 --- [checkout] [nio-8080-exec-2] [${TRACE}-${SPAN}] c.e.shop.PaymentClient                   : payment failed`;
const BOOT32_NO_TRACE = `2024-01-10T12:00:00.300Z  INFO 4242 --- [checkout] [           main] [${' '.repeat(49)}] c.e.shop.Application                    : Started Application in 2.1 seconds`;
const SLEUTH = `2024-01-10 12:00:01.000  INFO [orders,${TRACE.slice(16)},${SPAN},true] 77 --- [nio-8081-exec-3] c.e.orders.OrderController               : order placed`;
const SLEUTH_NO_TRACE = '2024-01-10 12:00:02.000 DEBUG [orders,,] 77 --- [  scheduling-1] c.e.orders.Cleanup                       : nothing to clean';
const NO_PID = '2024-01-10T12:00:03.000Z  INFO   --- [main] c.e.Tool : pid unknown';

function readOne(line: string) {
  const r = decodeText(textLogs, line + '\n');
  expect(r.errors).toEqual([]);
  const recs = logs(r);
  expect(recs).toHaveLength(1);
  return recs[0]!;
}

describe('text-logs: Spring Boot layout', () => {
  it('Boot 2: level, pid, thread and logger; the time is reported as zone-less', () => {
    const r = readOne(BOOT2);
    expect(r.severityText).toBe('INFO');
    expect(r.severityNumber).toBe(9);
    expect(r.timeWithoutZone).toBe(true);
    expect(r.resource.attributes['process.pid']).toBe(4242);
    expect(r.resource.serviceName).toBeUndefined();
    expect(r.attributes['thread.name']).toBe('main');
    expect(r.scope?.name).toBe('o.s.b.w.embedded.tomcat.TomcatWebServer');
    expect(r.traceId).toBeUndefined();
  });

  it('Boot 3.0: zone offset, thread and logger', () => {
    const r = readOne(BOOT30);
    expect(r.severityText).toBe('WARN');
    expect(r.timeWithoutZone).toBeUndefined();
    expect(r.attributes['thread.name']).toBe('nio-8080-exec-1');
    expect(r.scope?.name).toBe('c.e.shop.CartController');
  });

  it('Boot 3.2+: the application name is the service; the correlation brackets give trace and span ids', () => {
    const r = readOne(BOOT32);
    expect(r.resource.serviceName).toBe('checkout');
    expect(r.attributes['thread.name']).toBe('nio-8080-exec-2');
    expect(r.traceId).toBe(TRACE);
    expect(r.spanId).toBe(SPAN);
    expect(r.scope?.name).toBe('c.e.shop.PaymentClient');
    expect(r.severityNumber).toBe(17);
  });

  it('Boot 3.2+ without a trace: the blank correlation is neither the thread nor an id', () => {
    const r = readOne(BOOT32_NO_TRACE);
    expect(r.resource.serviceName).toBe('checkout');
    expect(r.attributes['thread.name']).toBe('main');
    expect(r.traceId).toBeUndefined();
    expect(r.spanId).toBeUndefined();
    expect(r.scope?.name).toBe('c.e.shop.Application');
  });

  it('Sleuth / Micrometer level pattern: service, 64-bit trace id and span id; empty ids are absent', () => {
    const a = readOne(SLEUTH);
    expect(a.resource.serviceName).toBe('orders');
    expect(a.traceId).toBe(TRACE.slice(16));
    expect(a.spanId).toBe(SPAN);
    expect(a.attributes['thread.name']).toBe('nio-8081-exec-3');
    const b = readOne(SLEUTH_NO_TRACE);
    expect(b.resource.serviceName).toBe('orders');
    expect(b.traceId).toBeUndefined();
    expect(b.spanId).toBeUndefined();
    expect(b.severityText).toBe('DEBUG');
    expect(b.attributes['thread.name']).toBe('scheduling-1');
  });

  it('a layout whose PID is unknown (a space) is still read', () => {
    const r = readOne(NO_PID);
    expect(r.resource.attributes['process.pid']).toBeUndefined();
    expect(r.attributes['thread.name']).toBe('main');
    expect(r.scope?.name).toBe('c.e.Tool');
  });

  it('an exception below a Spring line stays in its record, which keeps the trace ids', () => {
    const text = [BOOT32, 'java.lang.IllegalStateException: declined', '\tat c.e.shop.PaymentClient.pay(PaymentClient.java:42)', BOOT32_NO_TRACE].join('\n');
    const recs = logs(decodeText(textLogs, text));
    expect(recs).toHaveLength(2);
    expect(recs[0]!.attributes['log.record.lines']).toBe(3);
    expect(recs[0]!.traceId).toBe(TRACE);
    expect(recs[1]!.traceId).toBeUndefined();
  });

  it('lines that only look alike are not read as Spring Boot', () => {
    for (const line of [
      '2024-01-10 12:00:00 INFO --- starting backup ---', // no brackets
      '2024-01-10 12:00:00 INFO 12 --- [main] no logger colon here', // no `logger :`
      '2024-01-10 12:00:00 hello 12 --- [main] c.e.X : not a level word',
    ]) {
      const r = readOne(line);
      expect(r.scope, line).toBeUndefined();
      expect(r.attributes['thread.name'], line).toBeUndefined();
      expect(r.resource.attributes['process.pid'], line).toBeUndefined();
    }
  });

  it('identical records whole and in 1-, 7- and 4096-byte chunks', () => {
    const text = [BOOT2, BOOT30, BOOT32, 'java.lang.IllegalStateException: declined', '\tat x.Y.z(Y.java:1)', BOOT32_NO_TRACE, SLEUTH, SLEUTH_NO_TRACE, NO_PID].join('\n');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    expect(logs(decodeText(textLogs, text))).toHaveLength(7);
  });
});

describe('text-logs: service.name written into the line', () => {
  // OpenTelemetry Python's LoggingInstrumentor default format:
  // %(asctime)s %(levelname)s [%(name)s] [%(filename)s:%(lineno)d] [trace_id=… span_id=… resource.service.name=… trace_sampled=…] - %(message)s
  const PY = `2024-01-10 12:00:00,123 INFO [app.handlers] [handlers.py:42] [trace_id=${TRACE} span_id=${SPAN} resource.service.name=pyshop trace_sampled=True] - handled`;
  const PY_IDLE = '2024-01-10 12:00:00,124 INFO [app.handlers] [handlers.py:43] [trace_id=0 span_id=0 resource.service.name=pyshop trace_sampled=False] - idle';

  it('OpenTelemetry Python logging: service from resource.service.name, ids when in a span, none when 0', () => {
    const a = readOne(PY);
    expect(a.resource.serviceName).toBe('pyshop');
    expect(a.traceId).toBe(TRACE);
    expect(a.spanId).toBe(SPAN);
    const b = readOne(PY_IDLE);
    expect(b.resource.serviceName).toBe('pyshop');
    expect(b.traceId).toBeUndefined();
  });

  it('an empty service.name is no service; an explicit one wins over a syslog tag', () => {
    expect(readOne('2024-01-10 12:00:00,125 INFO [x] [trace_id=0 span_id=0 resource.service.name= trace_sampled=False] - none').resource.serviceName).toBeUndefined();
    expect(readOne('Jan 10 12:00:00 host1 python3[811]: INFO service.name=billing starting').resource.serviceName).toBe('billing');
    expect(readOne('Jan 10 12:00:00 host1 python3[811]: INFO starting').resource.serviceName).toBe('python3');
  });

  it('identical records whole and in 1-, 7- and 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode([PY, PY_IDLE, 'Traceback (most recent call last):', '  File "a.py", line 1', 'ValueError: x'].join('\n')));
  });
});

describe('text-logs: trace context written as a UUID or a W3C traceparent', () => {
  const UUID = '2024-01-10T12:00:00Z INFO request done trace_id=4BF92F35-77B3-4DA6-A3CE-929D0E0E4736 span_id=00F067AA0BA902B7';
  const TP = '2024-01-10T12:00:01Z INFO 10.0.0.1 "GET /api HTTP/1.1" 200 traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"';
  const NONE = '2024-01-10T12:00:02Z INFO no trace traceparent=- trace_id=00000000000000000000000000000000';

  it('a UUID-form trace id is the same 32-hex id (lowercase); a logged traceparent gives trace and span', () => {
    for (const line of [UUID, TP]) {
      const r = readOne(line);
      expect(r.traceId, line).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      expect(r.spanId, line).toBe('00f067aa0ba902b7');
    }
  });

  it('an empty traceparent and an all-zero trace id are no trace', () => {
    const r = readOne(NONE);
    expect(r.traceId).toBeUndefined();
    expect(r.spanId).toBeUndefined();
  });

  it('identical records whole and in 1-, 7- and 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode([UUID, TP, NONE].join('\n')));
  });
});

describe('text-logs: fields appended to the message as one JSON object', () => {
  // winston's `simple` format: `${level}: ${message} ${JSON.stringify(rest)}`; zap's console
  // encoder: time, level, caller, message and the context fields as JSON, tab-separated.
  const WINSTON = 'info: user created {"service":"user-service","userId":42}';
  const ZAP = `2024-01-10T12:00:00.000Z\tINFO\thandler/x.go:42\trequest served\t{"service": "cart", "trace_id": "${TRACE}", "span_id": "${SPAN}", "latency": 0.02}`;

  it('the service, trace and span ids and the other fields are read; the line stays the body', () => {
    const w = readOne(WINSTON);
    expect(w.resource.serviceName).toBe('user-service');
    expect(w.attributes['userId']).toBe(42);
    expect(w.body).toBe(WINSTON);
    expect(w.structured).toBe(true);
    const z = readOne(ZAP);
    expect(z.resource.serviceName).toBe('cart');
    expect(z.traceId).toBe(TRACE);
    expect(z.spanId).toBe(SPAN);
    expect(z.attributes['latency']).toBe(0.02);
    expect(z.severityText).toBe('INFO');
    expect(z.structured).toBe(true);
  });

  it('braces that are not a trailing JSON object add nothing', () => {
    for (const line of ['2024-01-10T12:00:00Z INFO config Map{a=1, b=2}', '2024-01-10T12:00:00Z INFO got {"a": 1} then more', '2024-01-10T12:00:00Z INFO x={"service":"s"}']) {
      const r = readOne(line);
      expect(r.resource.serviceName, line).toBeUndefined();
      expect(Object.keys(r.attributes), line).toEqual([]);
      expect(r.structured, line).toBe(false);
    }
  });

  it('the object is the one whose braces close at the line\'s end: a second object, braces and quotes inside strings', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['info: got {"a": 1} and then {"b": 2}', { b: 2 }],
      ['info: got {"a": 1} {"b": {"c": [1, {"d": 2}]}}', { b: { c: [1, { d: 2 }] } }],
      ['info: sent {"q": "} {\\"x\\": 1", "r": "\\\\"}', { q: '} {"x": 1', r: '\\' }],
      ['info: sent {"q": "a {"}', { q: 'a {' }],
    ];
    for (const [line, attrs] of cases) expect(readOne(line).attributes, line).toEqual(attrs);
    for (const line of ['info: got {"a": [1}', 'info: got {"a": 1}}', 'info: got [{"a": 1}]', 'info: got {"a": "x}']) expect(readOne(line).attributes, line).toEqual({});
  });

  it('a 64 KB line of object heads none of which closes is parsed once at most, not from each head to its end', () => {
    // (each ` {"` was handed to JSON.parse with the rest of the line: 9,350 heads, 306 M characters, 2.8 s a line)
    const line = '2024-01-10T12:00:00Z INFO app:' + ' {"a":['.repeat(9_350) + 'x}';
    const parse = JSON.parse;
    let chars = 0;
    JSON.parse = (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      chars += text.length;
      return parse(text, reviver);
    };
    let r: ReturnType<typeof readOne>;
    try {
      r = readOne(line);
    } finally {
      JSON.parse = parse;
    }
    expect(r.attributes).toEqual({});
    expect(r.structured).toBe(false);
    expect(chars).toBeLessThanOrEqual(line.length);
  });

  it('identical records whole and in 1-, 7- and 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode([ZAP, ZAP.replace('INFO', 'ERROR')].join('\n')));
  });
});

describe("text-logs: zap's console encoder — the fields as a JSON object ending the line make the record structured", () => {
  // Caddy 2.6 `log { format console }` (captured; zap's level colours kept): time, level, logger, message, fields.
  const CADDY =
    '2026/11/27 21:23:18.020\t\u001b[34mINFO\u001b[0m\thttp.log.access.log1\thandled request\t{"request": {"remote_ip": "127.0.0.1", "method": "GET", "uri": "/x", "headers": {"Accept": ["*/*"]}}, "user_id": "", "duration": 0.00003955, "size": 2, "status": 200}';
  // zap.NewDevelopment(): time, level, caller, message, fields (no logger name)
  const DEV = `2026-11-27T21:30:21.123Z\tWARN\tcart/checkout.go:42\tpayment slow\t{"traceID": "${TRACE}", "spanID": "${SPAN}", "attempt": 2}`;
  // a named logger and a caller, no fields
  const NO_FIELDS = '2026-11-27T21:30:22.000Z\tINFO\tetcdserver\tserver/raft.go:7\tbecame leader';
  // a message that shows JSON but does not end with one complete object
  const NOT_TAILS = [
    '2026-11-27T21:30:23.000Z\tINFO\tapi\tgot {"a": 1} then more',
    '2026-11-27T21:30:24.000Z\tINFO\tapi\tbody was {"a": 1',
    '2026-11-27T21:30:25.000Z\tINFO\tapi\tlist\t["a", "b"]',
    '2026-11-27T21:30:26.000Z\tINFO\tapi\tglued{"a": 1}',
  ];
  // an object with a message of its own that the line shows (an API's reply): a payload, its fields read, the line free text
  const PAYLOAD = '2026-11-27T21:30:27.000Z\tINFO\tapi\tupstream replied\t{"message": "card declined", "code": 402}';
  const FILE = [CADDY, DEV, NO_FIELDS, ...NOT_TAILS, PAYLOAD].join('\n') + '\n';

  it('reads the fields as attributes (as the JSON Lines importer maps them), the ids, and the line as before', () => {
    const recs = logs(decodeText(textLogs, FILE));
    expect(recs).toHaveLength(8);
    const [caddy, dev] = recs;
    expect(caddy!.structured).toBe(true);
    expect(caddy!.severityText).toBe('INFO');
    expect(caddy!.timeNs).toBe(1795814598020000000n);
    expect(caddy!.timeWithoutZone).toBe(true);
    expect(caddy!.attributes).toEqual({
      request: { remote_ip: '127.0.0.1', method: 'GET', uri: '/x', headers: { Accept: ['*/*'] } },
      user_id: '',
      duration: 0.00003955,
      size: 2,
      status: 200,
    });
    expect(dev!.structured).toBe(true);
    expect(dev!.severityText).toBe('WARN');
    expect(dev!.timeNs).toBe(1795815021123000000n);
    expect(dev!.traceId).toBe(TRACE);
    expect(dev!.spanId).toBe(SPAN);
    expect(dev!.attributes).toEqual({ attempt: 2 });
    expect(dev!.body).toBe(DEV);
  });

  it('a line without such an object stays free text, with no fields', () => {
    const recs = logs(decodeText(textLogs, FILE)).slice(2);
    expect(recs.map((r) => r.structured)).toEqual([false, false, false, false, false, false]);
    expect(recs.map((r) => Object.keys(r.attributes))).toEqual([[], [], [], [], [], ['message', 'code']]);
    expect(recs.map((r) => r.severityText)).toEqual(['INFO', 'INFO', 'INFO', 'INFO', 'INFO', 'INFO']);
    expect(recs[5]!.body).toBe(PAYLOAD);
  });

  it('identical records whole and in 1-, 7- and 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode(FILE));
  });
});
