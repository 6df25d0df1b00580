// Text in front of an export: `curl -i` headers, a tool's line on the same stream, the cut first
// line of a JSON Lines file. The export is read from after it, line numbers stay the file's.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../helpers/analyse.js';

const span = (i: number) => ({ traceId: `${'0'.repeat(31)}${(i % 3) + 1}`, spanId: `${'0'.repeat(15)}${i + 1}`, name: 'GET /', kind: 2, startTimeUnixNano: String(1_700_000_000_000_000_000 + i), endTimeUnixNano: String(1_700_000_000_100_000_000 + i) });
const otlpLine = (i: number) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [span(i)] }] }] });
const jaeger = JSON.stringify({ data: [{ traceID: 'abc123abc123abc1', spans: [{ traceID: 'abc123abc123abc1', spanID: '00000000000000a1', operationName: 'GET /', references: [], startTime: 1700000000000000, duration: 1000, tags: [], logs: [], processID: 'p1' }], processes: { p1: { serviceName: 'api', tags: [] } } }] }, null, 2);

describe('a preamble before the export', () => {
  it('HTTP response headers (curl -i) before a Jaeger answer: read as Jaeger, the headers named once', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Tue, 14 Nov 2023 22:13:20 GMT\r\nContent-Length: 512\r\n\r\n' + jaeger + '\n';
    const input = analyseText(text, undefined, 'trace.json');
    expect([input.format, input.records, input.rejected]).toEqual(['jaeger', 1, 0]);
    expect(input.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1]]);
    expect(input.errors[0]!.message).toContain('lines 1–5');
  });

  it('HTTP headers before a Prometheus scrape: the samples only, no rejected header lines', () => {
    const text = 'HTTP/1.1 200 OK\nContent-Type: text/plain; version=0.0.4\n\n# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n';
    const input = analyseText(text, 7, 'scrape.prom');
    expect([input.format, input.records, input.rejected, input.errorCount]).toEqual(['prometheus', 2, 0, 1]);
  });

  it('the cut first line of an OTLP JSON Lines file: the whole lines are read, errors keep the file\'s line numbers', () => {
    const lines = [otlpLine(0).slice(40), otlpLine(1), otlpLine(2), '{"resourceSpans": [oops]}', otlpLine(3)];
    const input = analyseText(lines.join('\n') + '\n', 4096, 'tail.jsonl');
    expect([input.format, input.records, input.rejected]).toEqual(['otlp-json', 3, 1]);
    expect(input.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1], ['invalid-json', 4]]);
  });

  it('a line kubectl port-forward printed before a JSON answer', () => {
    const input = analyseText('Handling connection for 16686\n' + jaeger + '\n', 1, 'trace.json');
    expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual(['jaeger', 1, [['invalid-line', 1]]]);
  });

  it('is not looked for in a text log that has a JSON line, nor when the head reads as an export already', () => {
    const log = ['2024-01-10 12:00:00 INFO starting', '{"config": {"port": 8080}}', '2024-01-10 12:00:01 INFO ready'].join('\n') + '\n';
    const input = analyseText(log, undefined, 'app.log');
    expect([input.format, input.records, input.errors]).toEqual(['text-logs', 3, []]);
    const plain = analyseText(otlpLine(1) + '\n', undefined, 'ok.jsonl');
    expect([plain.format, plain.errors]).toEqual(['otlp-json', []]);
  });
});

describe('a preamble before the export, also', () => {
  const otlpDoc = JSON.stringify(JSON.parse(otlpLine(0)), null, 2);
  const zipkinLine = (i: number) => JSON.stringify({ traceId: 'abc123abc123abc1', id: `00000000000000b${i}`, name: 'get', timestamp: 1700000000000000 + i, duration: 5, localEndpoint: { serviceName: 'web' } });

  it('stray characters glued before the first bracket (a real fixture starts with `\\{`): skipped by bytes, the export read', () => {
    for (const [text, format] of [['\\' + otlpDoc + '\n', 'otlp-json'], ['>' + jaeger + '\n', 'jaeger']] as const) {
      for (const chunk of [undefined, 1, 7]) {
        const input = analyseText(text, chunk, 'trace.json');
        expect([input.format, input.records, input.rejected, input.errors.map((e) => [e.code, e.line])]).toEqual([format, 1, 0, [['invalid-line', 1]]]);
        expect(input.errors[0]!.message).toContain('the first byte of line 1 is not part of the export');
      }
    }
  });

  it("a tool's own log line (a timestamp first) before a pretty-printed or JSON Lines trace export", () => {
    const pre = '2024-05-01T10:00:00Z INFO fileexporter started\n';
    for (const [text, format, records] of [[pre + otlpDoc + '\n', 'otlp-json', 1], [pre + jaeger + '\n', 'jaeger', 1], [pre + [0, 1, 2].map(otlpLine).join('\n') + '\n', 'otlp-json', 3]] as const) {
      const input = analyseText(text, undefined, 'trace.json');
      expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual([format, records, [['invalid-line', 1]]]);
    }
  });

  it('a text line before Zipkin spans one a line: spans, not JSON logs', () => {
    const input = analyseText('Handling connection for 9411\n' + [1, 2, 3].map(zipkinLine).join('\n') + '\n', undefined, 'spans.jsonl');
    expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual(['zipkin', 3, [['invalid-line', 1]]]);
    // a text line among JSON log lines stays a record of the log
    const logs = analyseText('starting up\n{"level":"info","msg":"a"}\n{"level":"info","msg":"b"}\n', undefined, 'app.jsonl');
    expect([logs.format, logs.records, logs.errors]).toEqual(['jsonl-logs', 3, []]);
  });

  it("an OTLP receiver's answer ({\"partialSuccess\":{}}) is named, not read as a log", () => {
    const input = analyseText('{"partialSuccess":{}}\n', undefined, 'response.json');
    expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['unsupported']]);
    expect(input.errors[0]!.message).toContain('OTLP export response');
  });
});

describe('a preamble is not', () => {
  it('log lines (a timestamp first) before a JSON line: the file stays a text log, every line a record', () => {
    const log = [...Array.from({ length: 5 }, (_, i) => `2024-01-10 12:00:0${i} INFO step ${i}`), JSON.stringify({ resourceSpans: [] }), ...Array.from({ length: 30 }, (_, i) => `2024-01-10 12:01:${String(i).padStart(2, '0')} INFO later ${i}`)].join('\n') + '\n';
    const input = analyseText(log, undefined, 'app.log');
    expect([input.format, input.records, input.errors]).toEqual(['text-logs', 36, []]);
  });

  it('several header blocks (100 Continue, a proxy) are all skipped; headers before a non-export body leave the body judged alone', () => {
    const jaegerBody = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 Connection established\r\n\r\nHTTP/2 200\r\ncontent-type: application/json\r\n\r\n' + jaeger + '\n';
    const input = analyseText(jaegerBody, undefined, 'trace.json');
    expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['jaeger', 1, ['invalid-line']]);
    const empty = analyseText('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[]\n', undefined, 'none.json');
    expect([empty.records, empty.errors.map((e) => e.code).sort()]).toEqual([0, ['empty-input', 'invalid-line']]);
  });
});

describe("a package manager's run banner before a service's output (`npm start > app.log 2>&1`)", () => {
  const pino = (i: number, level = 30) => JSON.stringify({ level, time: 1795825023700 + i, pid: 8631, hostname: 'vm', name: 'orders-api', msg: `order ${i}` });
  const body = [pino(0), pino(1), pino(2, 50)].join('\n') + '\n';

  it("npm's `> name@version script`, `> command` and the blank lines around them: skipped and named once, whole or in chunks", () => {
    // npm 11 prints a blank line, the two banner lines, a blank line
    const text = '\n> orders-api@1.0.0 start\n> node app.js\n\n' + body;
    for (const chunk of [undefined, 1, 7, 4096]) {
      const input = analyseText(text, chunk, 'app.log');
      expect([input.format, input.records, input.rejected, input.errors.map((e) => [e.code, e.line])], `${chunk ?? 'whole'}`).toEqual(['jsonl-logs', 3, 0, [['invalid-line', 1]]]);
      expect(input.errors[0]!.message).toBe('lines 1–4 are not part of the export: the banner npm prints before it runs a script (`> orders-api@1.0.0 start`); skipped');
    }
    const plain = analyseText(body, undefined, 'app.log');
    expect([plain.format, plain.records, plain.errors]).toEqual(['jsonl-logs', 3, []]);
  });

  it("a prestart's banner and start's (pnpm's and npm 6's with the package's folder, a scoped name), then a text log", () => {
    const text = '\n> @acme/api@2.3.0-rc.1 prestart /srv/api\n> node check.js\n\n\n> @acme/api@2.3.0-rc.1 start /srv/api\n> node app.js\n\n2026-11-28 00:10:01,100 INFO  [main] started\n2026-11-28 00:10:02,200 WARN  [main] slow\n';
    const input = analyseText(text, 7, 'app.log');
    expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual(['text-logs', 2, [['invalid-line', 1]]]);
    expect(input.errors[0]!.message).toContain('lines 1–8 are not part of the export');
  });

  it("yarn 1's `yarn run v1.22.19` and `$ command`", () => {
    const input = analyseText('yarn run v1.22.19\n$ node app.js\n' + body, 1, 'app.log');
    expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual(['jsonl-logs', 3, [['invalid-line', 1]]]);
    expect(input.errors[0]!.message).toContain('the banner yarn prints before it runs a script (`yarn run v1.22.19`)');
  });

  it('not a banner: a quoted line (`> …`) without a version, a banner line without its command', () => {
    for (const text of ['> note: deploy at noon\n> node app.js\n\n' + body, '> orders-api@1.0.0 start\n\n' + body]) {
      const input = analyseText(text, undefined, 'app.log');
      expect(input.errors.filter((e) => e.code === 'invalid-line')).toEqual([]);
    }
  });

  it('after the first record (a restart) no preamble, but the log\'s reader skips it alike: one invalid-line at its head (lines 3-5)', () => {
    const input = analyseText(pino(9) + '\n\n> orders-api@1.0.0 start\n> node app.js\n\n' + body, undefined, 'app.log');
    expect(input.errors.filter((e) => e.code === 'invalid-line').map((e) => [e.line, e.message])).toEqual([[3, 'lines 3–5 are not part of the log: the banner npm prints before it runs a script (`> orders-api@1.0.0 start`); skipped']]);
  });
});
