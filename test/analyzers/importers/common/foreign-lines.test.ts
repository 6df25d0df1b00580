// Text metric formats no importer reads are refused as `unsupported`, naming the format and what
// to export instead, rather than read as message-only log lines (each case below was read as
// text-logs, N records, and scored; promtool's instant output as Prometheus text with every line
// rejected). Shapes from each producer's documentation: InfluxDB "Write data with line protocol"
// (timestamps omitted), Telegraf's `--test` output, DogStatsD datagram format v1.1–v1.3 (multiple
// values, `|c:` container id, `|T` timestamps, `_e{}` events, `_sc` service checks), Wavefront
// data format, Dynatrace metric ingestion protocol, Graphite render API `format=csv|raw`,
// `promtool query instant|range` and its outputs without samples (`query series`, `query labels`,
// `tsdb analyze`, `tsdb list`, its `block … not found` error), `aws cloudwatch get-metric-statistics|get-metric-data` with
// `--output text|table|yaml`. The expected counts are those of the inputs written here: 0 records
// and the one `unsupported` error, whatever the chunking.
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { foreignMetricText } from '../../../../analyzers/importers/common/foreign-lines.js';
import { analyseText } from '../../../helpers/analyse.js';

const input = (text: string, complete = true) => makeSniffInput(new TextEncoder().encode(text), complete);
const sniff = (text: string) => sniffFormat(input(text));
const lines = (...l: string[]): string => l.join('\n') + '\n';

const CASES: [name: string, text: string, message: RegExp][] = [
  // sysstat 12.6, rrdtool 1.7, collectd 5.12 (mtools29 probe): each was read as text-logs, one record per line
  ['sysstat sadf -p', lines('vm\t1\t2026-11-28 09:24:03 UTC\tall\t%user\t0.00', 'vm\t1\t2026-11-28 09:24:03 UTC\tall\t%nice\t0.00', 'vm\t1\t2026-11-28 09:24:04 UTC\t-1\t%idle\t98.49'), /^sysstat's `sadf -p` output.*`sadf -d`/],
  [
    'sar text report',
    lines('Linux 6.18.44-fc-v669 (vm) \t11/28/26 \t_x86_64_\t(2 CPU)', '', '09:24:02        CPU     %user     %nice   %system   %iowait    %steal     %idle', '09:24:03        all      0.00      0.00      1.51      0.00      0.00     98.49', 'Average:        all      0.00      0.00      0.50      0.00      0.00     99.50'),
    /^a sysstat text report \(sar, iostat or mpstat.*`sadf -d`/,
  ],
  ['rrdtool fetch', lines('                            cpu                 req', '', '1795857420: -nan -nan', '1795857480: 4.3500000000e+00 1.6666666667e+00', '1795857540: 7.3500000000e+00 1.6666666667e+00'), /^the output of `rrdtool fetch`/],
  ['collectd LISTVAL', lines('3 Values found', '1795857977.666 probe29/cpu-0/cpu-idle', '1795857977.666 probe29/load/load', '1795857977.666 probe29/interface-eth0/if_octets'), /^collectd's unixsock LISTVAL answer/],
  [
    'influx no timestamps',
    lines('# from InfluxDB docs (timestamps omitted: server time)', 'home,room=Living\\ Room temp=21.1,hum=35.9,co=0i', 'home,room=Kitchen temp=21.0,hum=35.9,co=0i'),
    /^InfluxDB line protocol .*Prometheus text/,
  ],
  [
    'telegraf --test',
    lines(
      '2023-04-11T03:52:26Z I! Loading config file: /etc/telegraf/telegraf.conf',
      '> cpu,cpu=cpu0,host=local usage_guest=0,usage_idle=78.431372 1558613882000000000',
      '> disk,device=C:,host=pc,path=\\C: free=357504237568i,used_percent=28.18 1558887002000000000',
    ),
    /^the output of `telegraf --test` .*prometheus_client/,
  ],
  ['dogstatsd v1.3', lines('page.views:1|c|#env:prod,service:web|T1700000000', 'request.latency:320|ms|@0.5|#route:/api', 'users.online:42|g|#shard:1|T1700000010'), /^StatsD \(DogStatsD\) datagrams/],
  ['statsd multi-value', lines('upload.size:1024:2048:512|d|#service:web', 'upload.size:900:1200|d', 'request.latency:320:250:180|ms'), /^StatsD/],
  [
    'dogstatsd events and service checks',
    lines('page.views:1|c|#env:prod|T1700000000', 'request.latency:320|ms|@0.5|#route:/api|c:abc123', '_e{5,4}:title|text|#env:prod', '_sc|redis.can_connect|0|#env:prod|m:Redis down'),
    /^StatsD/,
  ],
  ['wavefront', lines('system.cpu.loadavg.1m 0.03 1382754475 source=test1.wavefront.com', 'system.mem.used 1024 1382754475 source=test1.wavefront.com env="prod"', 'requests 3 host=a'), /^Wavefront/],
  [
    'dynatrace mint',
    lines('cpu.temperature,hostname=hostA,cpu=1 gauge,min=17.1,max=17.3,sum=34.4,count=2 1700000000000', 'cpu.temperature,hostname=hostA gauge,55.2', 'http.requests,service=checkout count,delta=12 1700000000000'),
    /^Dynatrace metric ingestion lines/,
  ],
  ['graphite csv', lines('entries,2011-07-28 01:53:28,1.0', 'entries,2011-07-28 01:55:28,', 'servers.web01.cpu.user,2011-07-28 01:53:28,12.5'), /^a Graphite render answer in CSV .*format=json/],
  ['graphite raw', lines('entries,1311836008,1311836608,60|1.0,2.0,None', 'sumSeries(a.b,c.d),1311836008,1311836308,60|12.5,None'), /^a Graphite render answer in raw format/],
  // VictoriaMetrics /api/v1/export/csv (docs: "How to export CSV data"): no header, the columns are the query's `format=`
  ['victoriametrics csv', lines('up,1,1700000000', 'up,1,1700000015', 'process_cpu_seconds_total,12.5,1700000000'), /^a CSV of metric samples without a header line .*__name__,__value__,__timestamp__:unix_s/],
  ['victoriametrics csv with labels', lines('up,node,localhost:9100,1,2023-11-14T22:13:20Z', 'up,prometheus,localhost:9090,1,2023-11-14T22:13:20Z'), /^a CSV of metric samples without a header line/],
  ['victoriametrics csv in ms', lines('node_cpu_seconds_total,0,idle,12345.67,1700000000000', 'node_cpu_seconds_total,0,user,234.5,1700000000000'), /^a CSV of metric samples without a header line/],
  ['promtool range', lines('up{instance="localhost:9090", job="prometheus"} =>', '1 @[1700000000]', 'NaN @[1700000015]', 'up{instance="b", job="node"} =>', '0 @[1700000000]'), /^the output of `promtool query` .*-o json/],
  ['promtool instant', lines('up{instance="localhost:9090", job="prometheus"} => 1 @[1700000000.123]', 'up{instance="localhost:9100", job="node"} => 0 @[1700000000.123]'), /^the output of `promtool query`/],
  // promtool's outputs without samples (Prometheus 2.42's promtool; P25 probe): were read as text logs, the series listing as Prometheus text with every line rejected
  [
    'promtool query series',
    lines('{__name__="up", instance="127.0.0.1:19090", job="prometheus"}', '{__name__="up", instance="127.0.0.1:19091", job="pushgateway"}', '{__name__="up", instance="http://127.0.0.1:18080/", job="blackbox_http"}'),
    /^a listing of series \(`promtool query series`.*without data points.*query range -o json/,
  ],
  // `promtool check metrics` (Prometheus 2.42's promtool; S27a probe): was read as text-logs, one record a problem, and scored
  [
    'promtool check metrics',
    lines('node_memory_AnonPages_bytes metric names should be written in \'snake_case\' not \'camelCase\'', 'node_entropy_available_bits use base unit "bytes" instead of "bits"', 'redis_commands_processed counter metrics should have "_total" suffix', 'redis_up_total non-counter metrics should not have "_total" suffix', 'redis_latency_ms metric names should not contain abbreviated units', 'x no help text'),
    /^the output of `promtool check metrics` \(promlint's problems.*not read; analyse the exposition it checked/,
  ],
  ['promtool query labels', lines('alertmanager', 'batch', 'blackbox', 'blackbox_http', 'node', 'prometheus'), /^a list of single values, one a line \(as `promtool query labels`.*\/api\/v1\/query_range/],
  ['promtool query labels instance', lines('127.0.0.1:19090', '127.0.0.1:19100', 'http://127.0.0.1:18080/'), /^a list of single values/],
  [
    'promtool tsdb analyze',
    lines('Block ID: 01M8F527VXRDY1F880JHTXX1MA', 'Duration: 6m4.001s', 'Series: 14', 'Label names: 7', 'Postings (unique label pairs): 20', 'Postings entries (total label pairs): 46', '', 'Label pairs most involved in churning:', '0 dirty=false', '0 job=nginx', '', 'Highest cardinality labels:', '14 __name__', '1 job'),
    /^the output of `promtool tsdb analyze` \(a block's cardinality report\).*tsdb dump/,
  ],
  [
    'promtool tsdb list',
    lines(
      'BLOCK ULID                  MIN TIME                       MAX TIME                       DURATION     NUM SAMPLES  NUM CHUNKS   NUM SERIES   SIZE',
      '01M8F527VXRDY1F880JHTXX1MA  2026-11-27 18:34:50 +0000 UTC  2026-11-27 18:40:54 +0000 UTC  6m4.001s     2562         28           14           6KiB50B',
    ),
    /^the output of `promtool tsdb list` \(the blocks of a TSDB\).*tsdb dump/,
  ],
  ['promtool tsdb list without blocks', lines('BLOCK ULID   MIN TIME     MAX TIME     DURATION     NUM SAMPLES  NUM CHUNKS   NUM SERIES   SIZE'), /^the output of `promtool tsdb list`/],
  ['promtool block not found', lines('block  not found'), /^promtool's error `block … not found`/],
  ['promtool block id not found', lines('block 01M8F527VXRDY1F880JHTXX1MA not found'), /^promtool's error `block … not found`/],
  ['cloudwatch text', lines('CPUUtilization', 'DATAPOINTS\t0.14\t2023-11-14T22:10:00+00:00\tPercent', 'DATAPOINTS\t0.13\t2023-11-14T22:15:00+00:00\tPercent'), /^CloudWatch metrics .*--output text.*--output json/],
  ['cloudwatch data text', lines('METRICDATARESULTS\tm1\tCPUUtilization\tComplete', 'TIMESTAMPS\t2023-11-14T22:20:00+00:00', 'VALUES\t0.17'), /^CloudWatch metrics .*--output text/],
  [
    'cloudwatch table',
    lines(
      '-------------------------------------------------------',
      '|                GetMetricStatistics                  |',
      '+-----------------------------------------------------+',
      '|  CPUUtilization                                     |',
      '+-----------------------------------------------------+',
      '||  0.14    |  2023-11-14T22:10:00+00:00  |  Percent ||',
      '|+----------+-----------------------------+----------+|',
    ),
    /^CloudWatch metrics .*--output table.*--output json/,
  ],
  [
    'cloudwatch yaml',
    lines('Messages: []', 'MetricDataResults:', '- Id: m1', '  Label: CPUUtilization', '  StatusCode: Complete', '  Timestamps:', "  - '2023-11-14T22:20:00+00:00'", '  Values:', '  - 0.17'),
    /^CloudWatch metrics .*--output yaml.*--output json/,
  ],
  ['cloudwatch statistics yaml', lines('Datapoints:', '- Average: 0.14', "  Timestamp: '2023-11-14T22:10:00+00:00'", '  Unit: Percent', 'Label: CPUUtilization'), /^CloudWatch metrics .*--output yaml/],
];

describe('text metric formats no importer reads', () => {
  it.each(CASES)('%s is unsupported, named, with what to export instead', (name, text, message) => {
    for (const chunk of [undefined, 7]) {
      const got = analyseText(text, chunk, 'input');
      expect([got.format, got.records, got.rejected, got.errors.map((e) => e.code)]).toEqual(['unknown', 0, 0, ['unsupported']]);
      expect(got.errors[0]!.message).toMatch(message);
    }
  });

  it('a head cut by the sniff window is judged on its whole lines', () => {
    expect(foreignMetricText(input('page.views:1|c|#env:prod|T1700000000\npage.views:2|c|#env:pr', false))).toMatch(/^StatsD/);
  });
});

describe('what stays read as it was', () => {
  it('Prometheus text (typed, with timestamps) and OpenMetrics', () => {
    expect(sniff(lines('# TYPE up gauge', 'up{job="a"} 1 1704888000000', 'up{job="b"} 0')).spec?.id).toBe('prometheus');
    expect(sniff(lines('# TYPE kube_node_info gauge', 'kube_node_info{node="a",os_image="Ubuntu 22.04"} 1', '# TYPE kube_node_info gauge', 'kube_node_info{node="b"} 1')).spec?.id).toBe('prometheus');
    expect(sniff(lines('# TYPE up gauge', 'up 1', '# EOF')).spec?.id).toBe('openmetrics');
  });

  it('key=value log lines without a tag set, logfmt and text logs are no line protocol', () => {
    expect(sniff(lines('Retrying count=3', 'Retrying count=4')).spec?.id).toBe('text-logs');
    expect(sniff(lines('ts=2024-01-10T12:00:00Z level=info msg=hi', 'ts=2024-01-10T12:00:01Z level=warn msg=slow')).spec?.id).toBe('logfmt');
    expect(sniff(lines('2024-01-10T12:00:00Z INFO GET /api => 200 @[handler]', '2024-01-10T12:00:01Z WARN slow => 1 @[db]')).spec?.id).toBe('text-logs');
  });

  it('Telegraf log lines alone are a text log, not `telegraf --test` output', () => {
    expect(sniff(lines('2023-04-11T03:52:26Z I! Loading config file: /etc/telegraf/telegraf.conf', '2023-04-11T03:52:27Z E! [outputs.influxdb] when writing: timeout')).spec?.id).toBe('text-logs');
  });

  it('a metrics CSV with a header row is csv-metrics, not the headerless Graphite CSV', () => {
    const csv = lines('series,time,value', 'entries,2011-07-28 01:53:28,1.0', 'entries,2011-07-28 01:54:28,2.0');
    expect(foreignMetricText(input(csv))).toBeUndefined();
  });

  it("a headerless CSV's rows given the query's format list as a header are read as csv-metrics", () => {
    const csv = lines('__name__,__value__,__timestamp__:unix_s', 'up,1,1700000000', 'up,0,1700000015');
    expect(sniff(csv).spec?.id).toBe('csv-metrics');
    const got = analyseText(csv, undefined, 'input');
    expect([got.format, got.records, got.rejected]).toEqual(['csv-metrics', 2, 0]);
  });

  it('headerless CSV rows that begin with their time, or hold text, are no metric samples', () => {
    expect(foreignMetricText(input(lines('2024-01-15T10:00:00Z,200,GET', '2024-01-15T10:00:01Z,500,POST')))).toBeUndefined();
    expect(foreignMetricText(input(lines('api,request failed,500,1700000000', 'api,ok,200,1700000001')))).toBeUndefined();
  });

  it('a Markdown table and a YAML document of other keys are not AWS CLI output', () => {
    expect(foreignMetricText(input(lines('| a | b |', '|---|---|', '| 1 | 2 |')))).toBeUndefined();
    expect(foreignMetricText(input(lines('Datapoints:', '- 1', 'server:', '  port: 80')))).toBeUndefined();
  });

  it('a word on a line by itself counts for the AWS text output only beside its rows', () => {
    // (in sorted order these words are a list of values, as `promtool query labels` prints them)
    expect(foreignMetricText(input(lines('CPUUtilization', 'started', 'stopped')))).toMatch(/^a list of single values/);
    expect(foreignMetricText(input(lines('started', 'stopped', 'CPUUtilization')))).toBeUndefined();
  });

  it('promtool: log lines, samples and id lists are not taken for its outputs', () => {
    // a log line that says a promlint problem among others is no `promtool check metrics` output
    expect(sniff(lines('node_memory_Active_bytes no help text', 'level=info msg="scrape done"')).spec?.id).not.toBeUndefined();
    expect(foreignMetricText(input(lines('worker_1 counter metrics should have "_total" suffix', 'worker_1 restarted after the check')))).toBeUndefined();
    // words out of order, a word alone, stamps alone: text logs as before
    expect(sniff(lines('starting', 'ready', 'stopping')).spec?.id).toBe('text-logs');
    expect(sniff(lines('started')).spec?.id).toBe('text-logs');
    // two words in order, or the same word again, are a short log, not a list of a label's (distinct) values
    expect(foreignMetricText(input(lines('Starting', 'Stopped')))).toBeUndefined();
    expect(sniff(lines('Starting', 'Stopped')).spec?.id).toBe('text-logs');
    expect(foreignMetricText(input(lines('retry', 'retry', 'started')))).toBeUndefined();
    expect(foreignMetricText(input(lines('2024-01-10T12:00:00Z', '2024-01-10T12:00:01Z')))).toBeUndefined();
    // a label set with a value is a sample (Prometheus text); a list of hex ids is named as such
    expect(sniff(lines('{__name__="up", job="a"} 1', '{__name__="up", job="b"} 0')).spec?.id).toBe('prometheus');
    expect(foreignMetricText(input(lines('4bf92f3577b34da6a3ce929d0e0e4736', '5bf92f3577b34da6a3ce929d0e0e4736')))).toBeUndefined();
    // CSV, JSON and key=value lines have marks no label value list has
    expect(foreignMetricText(input(lines('a,b', 'c,d')))).toBeUndefined();
    expect(foreignMetricText(input(lines('{"a":1}', '{"b":2}')))).toBeUndefined();
    expect(foreignMetricText(input(lines('a=1', 'b=2')))).toBeUndefined();
    // a cardinality report needs its block id and series count; a block table its header
    expect(foreignMetricText(input(lines('Block ID: not-a-ulid', 'Series: 14')))).toBeUndefined();
    expect(foreignMetricText(input(lines('BLOCK ULID  MIN TIME', '2026-11-27 something happened')))).toBeUndefined();
  });

  it('a label-set line padded with blanks (and no closing brace) is tested in linear time', () => {
    // (`\s*,?\s*\}` tried every split of a run of blanks between its two `\s*`: 2.8 s for 64 KB of spaces)
    const padded = '{a="b"' + ' '.repeat(60_000);
    const t0 = performance.now();
    expect(foreignMetricText(input(lines(padded, padded)))).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(300);
    // a label set padded with blanks before its brace (and a trailing comma) is still a series line
    expect(foreignMetricText(input(lines('{a="b" ,  }', '{a="c"   }')))).toMatch(/^a listing of series/);
  });
});

describe('foreign text read without its colours', () => {
  it('a coloured list of single values (`ls --color=always`, a coloured `promtool query labels`) is named as the plain one is', () => {
    const E = '\u001b';
    const coloured = lines(`${E}[0m${E}[01;36mbin${E}[0m`, `${E}[01;34mboot${E}[0m`, `${E}[01;34metc${E}[0m`, `${E}[01;34mhome${E}[0m`);
    expect(foreignMetricText(input(lines('bin', 'boot', 'etc', 'home')))).toMatch(/^a list of single values/);
    expect(foreignMetricText(input(coloured))).toMatch(/^a list of single values/);
    expect(sniff(coloured).reason).toBe('unsupported');
  });
});
