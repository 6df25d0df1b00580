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
