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
});
