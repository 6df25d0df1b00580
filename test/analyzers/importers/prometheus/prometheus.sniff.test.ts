// Which dialect a text exposition is read as, by content: what the OpenTelemetry SDKs' Prometheus
// exporters serve (0.0.4 with `# UNIT` lines and `untyped` families, no `# EOF`), and samples that
// carry their own millisecond time with nothing else around them (node_exporter's textfile
// example, a one-line file).
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';

const sniff = (t: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(t), true)).spec?.id;

describe('text exposition dialect by content', () => {
  it("the OpenTelemetry SDK exporter's output (UNIT lines, untyped, no # EOF) is Prometheus 0.0.4", () => {
    const text = [
      '# HELP target_info Target metadata',
      '# TYPE target_info gauge',
      'target_info{service_name="checkout"} 1',
      '# HELP exp_latency description missing',
      '# UNIT exp_latency s',
      '# TYPE exp_latency untyped',
      '# HELP http_server_requests_total description missing',
      '# UNIT http_server_requests_total {request}',
      '# TYPE http_server_requests_total counter',
      'http_server_requests_total{route="/a"} 1',
      '',
    ].join('\n');
    expect(sniff(text)).toBe('prometheus');
    // the same families ending with # EOF, with OpenMetrics types, are OpenMetrics
    expect(sniff('# TYPE a counter\n# UNIT a_seconds seconds\na_total 1\n# EOF\n')).toBe('openmetrics');
  });

  it('one sample with its own millisecond time is a Prometheus exposition, not a log line', () => {
    expect(sniff('metric_with_custom_timestamp 1 1441205977284\n')).toBe('prometheus');
    expect(sniff('{__name__="up", instance="h:9100", job="node"} 1 1609336914711\n')).toBe('prometheus');
    // a log line with a number in it stays a log
    expect(sniff('started 1 worker\n')).not.toBe('prometheus');
  });

  // node_exporter's textfile collector reads one `.prom` file per job, often a single sample whose
  // value is a Unix time: text-logs took the value for a dated line and claimed the file.
  it('one sample of a metric\'s shape is an exposition even when its value looks like a Unix time', () => {
    for (const line of [
      'node_backup_last_success_timestamp_seconds 1700000000',
      'node_backup_last_success_timestamp_seconds 1.7e+09',
      'last_run{job="cron"} 1700000000',
      'log_messages_total{level="error"} 5',
    ]) {
      expect(sniff(`${line}\n`), line).toBe('prometheus');
      expect(sniff(line), line).toBe('prometheus'); // without its final newline too
    }
  });

  it('genuine one-line logs stay logs', () => {
    // neither parses as a whole sample: a third token that is no timestamp, a name starting with a digit
    for (const line of ['started 1 worker', '2024-01-01 12:00:00 ok', '2024-01-01T12:00:00Z level=error msg="disk full"']) {
      expect(sniff(`${line}\n`), line).toBe('text-logs');
    }
  });

  it('a textfile collector folder is all metrics: its service comes from job=', async () => {
    const { analyseInputs } = await import('../../../helpers/analyse.js');
    const r = analyseInputs([
      ['apt.prom', '# HELP apt_upgrades_pending Apt packages pending updates by origin.\n# TYPE apt_upgrades_pending gauge\napt_upgrades_pending{arch="amd64",origin="Debian:bookworm/stable"} 3\n# TYPE node_reboot_required gauge\nnode_reboot_required 0\n'],
      ['backup.prom', 'node_backup_last_success_timestamp_seconds 1.700000000e+09\n'],
      ['certbot.prom', 'cron_certbot_last_run_timestamp_seconds{job="certbot"} 1700000123\n'],
      ['zfs.prom', 'node_zfs_scrub_last_timestamp_seconds{pool="tank"} 1699900000\n'],
    ]);
    expect(r.inputs.map((i) => i.format)).toEqual(['prometheus', 'prometheus', 'prometheus', 'prometheus']);
    // one point per sample line: 2 + 1 + 1 + 1; only certbot's sample has a job label
    expect(r.signals.metrics.points).toBe(5);
    expect(r.signals.metrics.services).toEqual(['certbot']);
    expect(r.signals.logs.records).toBe(0);
  });
});

describe('OpenMetrics timestamps in milliseconds', () => {
  it('are read as milliseconds and said once (as seconds they were 50,000 years ahead)', async () => {
    const { decode } = await import('../common/json-test-helpers.js');
    const { openMetricsText } = await import('../../../../analyzers/importers/prometheus/index.js');
    const r = decode(openMetricsText, '# TYPE a gauge\na 1 1609336914711\na 2 1609336924711.5\n# EOF\n');
    expect(r.records.map((p) => (p as { timeNs?: bigint }).timeNs)).toEqual([1609336914711000000n, 1609336924711500000n]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', 2]]);
  });

  it('a time past the year 9999 keeps its seconds when written out', async () => {
    const { nsToIso } = await import('../../../../analyzers/importers/common/time.js');
    expect(nsToIso(1609336914711n * 1_000_000_000n)).toBe('+052967-11-09T15:51:51.000000000Z');
    expect(nsToIso(1609336914711000001n)).toBe('2020-12-30T14:01:54.711000001Z');
  });
});

describe('a sample dated before 1970', () => {
  it('keeps its time (only 0 means none): the exposition format docs example', async () => {
    const { analyseInputs } = await import('../../../helpers/analyse.js');
    const r = analyseInputs([['docs.prom', '# TYPE something_weird gauge\nsomething_weird{problem="division by zero"} +Inf -3982045\nup 1\n']]);
    expect(r.signals.metrics.timeRange).toEqual({ start: '1969-12-31T22:53:37.955000000Z', end: '1969-12-31T22:53:37.955000000Z' });
    // (the other sample has none: a scrape's sample, which S-MET-TIMESTAMP cannot judge)
    expect(r.findings!.find((f) => f.ruleId === 'S-MET-TIMESTAMP')!.message).toMatch(/^Cannot tell: 1 of 2 are samples of a text exposition .*; 0 of the other 1 metric points have no timestamp;/);
  });
});

describe('an OpenMetrics 2.0 composite value', () => {
  it('is named as such (unsupported), not "not a number"', async () => {
    const { decode } = await import('../common/json-test-helpers.js');
    const { openMetricsText } = await import('../../../../analyzers/importers/prometheus/index.js');
    const r = decode(openMetricsText, '# TYPE h histogram\nh {count:5,sum:12.1,schema:0,zero_threshold:0.001,zero_count:2,positive_spans:[0:3],positive_buckets:[1,1,-1]}\n# EOF\n');
    expect(r.records).toHaveLength(0);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['unsupported', 2]]);
    expect(r.errors[0]!.message).toContain('is an OpenMetrics 2.0 composite value');
  });
});

// What the OpenTelemetry JS PrometheusExporter serves (text/plain 0.0.4): a `# UNIT` line per family
// whose unit is not the name's suffix (`s`, `By`, `{request}`), `untyped` for an exponential
// histogram it cannot write, a counter family named `…_total`, no `# EOF`. Each UNIT line used to
// count for OpenMetrics, so seven of them turned the input into OpenMetrics with 10 false errors.
function otelJsExposition(routes: number): { text: string; samples: number } {
  const scope = 'otel_scope_name="@opentelemetry/instrumentation-http",otel_scope_version="0.223.0"';
  const bounds = ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf'];
  const out = ['# HELP target_info Target metadata', '# TYPE target_info gauge', 'target_info{service_name="frontend",service_version="1.2.3"} 1'];
  let samples = 1;
  for (const fam of ['http_server_request_duration', 'http_client_request_duration', 'app_request_duration']) {
    out.push(`# HELP ${fam} Duration of HTTP requests.`, `# UNIT ${fam} s`, `# TYPE ${fam} histogram`);
    for (let r = 0; r < routes; r++) {
      const labels = `http_request_method="GET",http_route="/r${r}",http_response_status_code="200",${scope}`;
      out.push(`${fam}_count{${labels}} ${r + 3}`, `${fam}_sum{${labels}} ${(r + 3) * 0.012}`);
      for (const le of bounds) out.push(`${fam}_bucket{${labels},le="${le}"} ${le === '0.005' ? 0 : r + 3}`);
      samples += 2 + bounds.length;
    }
  }
  out.push('# HELP app_payload_size Payload size', '# UNIT app_payload_size By', '# TYPE app_payload_size untyped');
  out.push('# HELP app_requests_total Requests handled', '# UNIT app_requests_total {request}', '# TYPE app_requests_total counter');
  for (let r = 0; r < routes; r++) out.push(`app_requests_total{route="/r${r}",${scope}} ${r * 7 + 1}`);
  out.push('# HELP app_inflight In-flight requests', '# UNIT app_inflight {request}', '# TYPE app_inflight gauge', `app_inflight{${scope}} 0`);
  out.push('# HELP app_queue_depth Queue depth', '# UNIT app_queue_depth {item}', '# TYPE app_queue_depth gauge', `app_queue_depth{${scope}} 4`);
  samples += routes + 2;
  return { text: out.join('\n') + '\n', samples };
}

describe('the dialect is decided by what tells 0.0.4 and OpenMetrics apart', () => {
  it("the OpenTelemetry JS exporter's /metrics (7 UNIT lines, no # EOF) is 0.0.4, read without errors", async () => {
    const { analyseText } = await import('../../../helpers/analyse.js');
    const { text, samples } = otelJsExposition(4);
    expect(samples).toBe(1 + 3 * 4 * 17 + 4 + 2);
    expect(text.length).toBeLessThan(64 * 1024); // complete in the sniffed head
    const r = analyseText(text);
    expect([r.format, r.records, r.rejected, r.errorCount]).toEqual(['prometheus', samples, 0, 0]);
  });

  it('the same exposition larger than the sniffed head is 0.0.4 too (its missing # EOF is out of view)', async () => {
    const { analyseText } = await import('../../../helpers/analyse.js');
    const { text, samples } = otelJsExposition(40);
    expect(text.length).toBeGreaterThan(64 * 1024);
    const r = analyseText(text);
    expect([r.format, r.records, r.rejected, r.errorCount]).toEqual(['prometheus', samples, 0, 0]);
  });

  it('UNIT lines whose unit is the suffix are no evidence either: a large input of gauges is read as 0.0.4, without errors', async () => {
    const { analyseText } = await import('../../../helpers/analyse.js');
    const lines: string[] = [];
    for (const [fam, unit] of [['queue_wait_seconds', 'seconds'], ['payload_bytes', 'bytes'], ['cpu_temperature_celsius', 'celsius'], ['disk_free_bytes', 'bytes']] as const) {
      lines.push(`# HELP ${fam} A gauge.`, `# UNIT ${fam} ${unit}`, `# TYPE ${fam} gauge`);
      for (let i = 0; i < 500; i++) lines.push(`${fam}{instance="host-${i}.example.org:9100",job="node"} ${i}.5`);
    }
    const body = lines.join('\n') + '\n';
    expect(body.length).toBeGreaterThan(64 * 1024);
    // without # EOF (0.0.4) and with it (an OpenMetrics scrape whose end lies past the sniffed head): nothing in the
    // head tells them apart, and the two read them alike, so neither gets an error; the one ending with `# EOF`
    // is OpenMetrics, which the 0.0.4 reader finds at its end (prometheus.openmetrics-past-head.test.ts)
    for (const [text, format] of [[body, 'prometheus'], [body + '# EOF\n', 'openmetrics']] as const) {
      const r = analyseText(text);
      expect([r.format, r.records, r.rejected, r.errorCount]).toEqual([format, 2000, 0, 0]);
    }
  });

  it('what only OpenMetrics has decides a large input without its # EOF in view', async () => {
    const { analyseText } = await import('../../../helpers/analyse.js');
    const cases: [string, (i: number) => string[]][] = [
      // a counter family `x` whose samples are `x_total`, with `x_created`
      ['# TYPE http_requests counter', (i) => [`http_requests_total{path="/p${i}"} ${i}`, `http_requests_created{path="/p${i}"} 1.7e+09`]],
      // a histogram's `_created` sample (0.0.4 text declares it as a gauge family of its own)
      ['# TYPE rpc_duration_seconds histogram', (i) => [`rpc_duration_seconds_bucket{m="m${i}",le="+Inf"} 1`, `rpc_duration_seconds_count{m="m${i}"} 1`, `rpc_duration_seconds_sum{m="m${i}"} 0.5`, `rpc_duration_seconds_created{m="m${i}"} 1.7e+09`]],
    ];
    for (const [type, samples] of cases) {
      const lines = [type];
      for (let i = 0; i < 1200; i++) lines.push(...samples(i));
      const text = lines.join('\n') + '\n# EOF\n';
      expect(text.length).toBeGreaterThan(64 * 1024);
      const r = analyseText(text);
      expect([type, r.format, r.records, r.errorCount]).toEqual([type, 'openmetrics', lines.length - 1, 0]);
    }
  });

  it('a 0.0.4 counter whose samples are named as the family (OpenMetrics wants `_total`) decides a large input', async () => {
    const { analyseText } = await import('../../../helpers/analyse.js');
    const lines = ['# HELP job_runtime_seconds Time spent in jobs.', '# UNIT job_runtime_seconds seconds', '# TYPE job_runtime_seconds counter'];
    for (let i = 0; i < 2000; i++) lines.push(`job_runtime_seconds{queue="q${i}",worker="w${i % 7}"} ${i}.25`);
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(64 * 1024);
    const r = analyseText(text);
    expect([r.format, r.records, r.rejected, r.errorCount]).toEqual(['prometheus', 2000, 0, 0]);
    // with `# EOF` in view it is an OpenMetrics exposition, its errors its own
    expect(sniff('# TYPE jobs counter\njobs{q="a"} 1\njobs{q="b"} 2\n# EOF\n')).toBe('openmetrics');
  });
});
