// Outputs of metrics tools that hold no series ObsReady reads are refused as `unsupported`, named
// with what to export instead (mtools30 probe, each shape as the real tool printed it: graphite
// whisper 1.1.4, InfluxDB 1.6 CLI, munin-node 2.0.73, monitoring-plugins 2.3.3, Netdata 1.37.1,
// collectd 5.12, sysstat 12.6, hot-shots 17). Before, each was read as one log record per line
// (whisper-dump: 36 367 records of one file), as logfmt (Netdata's shell export, with an
// invalid-timestamp error per line) or as Prometheus text (whisper-info: 21 "samples" and an
// invalid number); the JSON ones were "unrecognised". Expected: 0 records, the one
// `unsupported` error, whatever the chunking.
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { analyseText } from '../../../helpers/analyse.js';

const sniff = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true));
const lines = (...l: string[]): string => l.join('\n') + '\n';

const CASES: [name: string, text: string, message: RegExp][] = [
  ['whisper-fetch', lines('1795865820\tNone', '1795865880\t100.0', '1795865940\t101.0'), /^the output of `whisper-fetch`.*format=json/],
  ['whisper-fetch --pretty', lines('Sat Nov 28 11:37:00 2026\tNone', 'Sat Nov 28 11:38:00 2026\t100.0'), /^the output of `whisper-fetch`/],
  ['whisper-fetch --json', '{\n    "start" : 1795865820,\n    "end" : 1795865940,\n    "step" : 60,\n    "values" : [null, 100.0]\n}\n', /^the output of `whisper-fetch --json`/],
  [
    'whisper-dump',
    lines('Meta data:', '  aggregation method: average', '  max retention: 94608000', '  xFilesFactor: 0.5', '', 'Archive 0 info:', '  offset: 52', '  seconds per point: 60', '', 'Archive 0 data:', '0: 1795867620,        100', '1: 1795867680,        101'),
    /^the output of `whisper-dump`/,
  ],
  ['whisper-info', lines('aggregationMethod: average', 'maxRetention: 94608000', 'xFilesFactor: 0.5', 'fileSize: 436372', '', 'Archive 0', 'offset: 52', 'secondsPerPoint: 60', 'points: 1440'), /^the output of `whisper-info`/],
  ['graphite dygraph', '{"labels" : ["Time", "app.web01.requests"], "data" : [[1795867620000, 100.0], [1795867680000, null]]}', /^a Graphite render answer in dygraph format/],
  ['graphite rickshaw', '[{"target": "app.web01.requests", "datapoints": [{"x": 1795867620, "y": 100.0}, {"x": 1795867680, "y": null}]}]', /^a Graphite render answer in rickshaw format/],
  [
    'influx -format column',
    lines('name: cpu', 'time                host  region  usage_user', '----                ----  ------  ----------', '1795867620000000000 web01 eu west 10', '1795867630000000000 web01 eu west 10.25'),
    /^a table printed by the InfluxDB 1\.x CLI.*-format csv/,
  ],
  ['influx -format column, GROUP BY', lines('name: cpu', 'tags: host=web01', 'time                mean', '----                ----', '1795867620000000000 10.625'), /^a table printed by the InfluxDB 1\.x CLI/],
  ['InfluxDB /query error', '{"error":"error parsing query: found SELEC, expected SELECT"}\n', /^an API error answer .*"error parsing query/],
  ['munin-run', lines('user.value 3299339', 'nice.value 197418', 'idle.value U'), /^Munin plugin values/],
  // (the `list` answer's line of plugin names is no value line: 1 of 11 counted lines)
  [
    'munin-node session',
    lines('# munin node at vm', 'cpu df load', ...['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest'].map((f, i) => `${f}.value ${i * 1000}`), '.', 'load.value 1.41', '.'),
    /^Munin plugin values/,
  ],
  ['munin-run config', lines('graph_title CPU usage', 'graph_order system user nice idle', 'system.label system', 'system.type DERIVE', 'system.min 0'), /^a Munin plugin config/],
  [
    'Nagios plugins',
    lines(
      'LOAD OK - total load average: 1.41, 1.44, 1.42|load1=1.410;5.000;10.000;0; load5=1.440;4.000;8.000;0; load15=1.420;3.000;6.000;0; ',
      'DISK OK - free space: / 69097MiB (66% inode=95%);| /=36489396224B;216442024755;243497277849;0;270552530944',
      'PROCS OK: 78 processes | procs=78;250;400;0;',
      'SWAP CRITICAL - 0% free (0MB out of 0MB) - Swap is either disabled, not present, or of zero size. |swap=0B;0;0;0;0',
    ),
    /^Nagios\/Icinga plugin output/,
  ],
  ['Icinga 2 perfdata file', lines('DATATYPE::SERVICEPERFDATA\tTIMET::1795867620\tHOSTNAME::web01\tSERVICEDESC::load\tSERVICEPERFDATA::load1=1.41;5;10;0\tSERVICECHECKCOMMAND::load'), /^a Nagios\/Icinga performance data file/],
  ['Netdata allmetrics shell', lines('', '# chart: system.idlejitter (name: system.idlejitter)', 'NETDATA_SYSTEM_IDLEJITTER_MIN="80"      # microseconds lost/s', 'NETDATA_SYSTEM_IDLEJITTER_MAX="782"      # microseconds lost/s'), /^Netdata metrics in its shell format/],
  ['Netdata allmetrics json', '{\n\t"system.idlejitter": {\n\t\t"name":"system.idlejitter",\n\t\t"units":"microseconds lost/s",\n\t\t"last_updated": 1795869600,\n\t\t"dimensions": {\n\t\t\t"min": {"name": "min", "value": 80}\n\t\t}\n\t}\n}\n', /^Netdata's allmetrics JSON/],
  ['Netdata data jsonwrap', '{"api": 1, "id": "system.cpu", "result": {"labels": ["time", "user"], "data": [[1795869599, 42.4]]}}', /^a Netdata data answer \(\/api\/v1\/data with options=jsonwrap/],
  ['Netdata data jsonp', lines('callback({', ' "labels": ["time","user","system"],', '    "data":', ' [', ' [ 1795869599,42.42424,9.090909]', ' ]', '});'), /^a Netdata data answer wrapped in a JSONP callback/],
  ['Netdata data datatable', '{\n "cols":\n [\n {"id":"","label":"time","pattern":"","type":"datetime"},\n {"id":"","label":"user","pattern":"","type":"number"}\n ],\n "rows":\n [\n {"c":[{"v":"Date(2026,10,28,12,39,59)"},{"v":42.4}]}\n ]\n}\n', /^a Google Charts DataTable/],
  ['Netdata data array', '[52.0201995,55.2763903,51.5]', /^a JSON array of numbers without names or times/],
  ['Netdata data ssv', '52.0201995 55.2763903 51.5 57\n', /^numbers without names or times/],
  [
    'Netdata data html',
    lines('<html>', '<center>', '<table border="0" cellpadding="5" cellspacing="5">', '<tr><td>time</td><td>user</td></tr>', '<tr><td>2026-11-28 12:39:59</td><td>42.42424</td></tr>', '<tr><td>2026-11-28 12:39:58</td><td>26.63317</td></tr>', '</table>', '</center>', '</html>'),
    /^an HTML table/,
  ],
  ['collectd GETVAL', lines('3 Values found', 'shortterm=2.202148e-01', 'midterm=6.342773e-01', 'longterm=2.644531e+00'), /^collectd's unixsock GETVAL answer/],
  [
    'sadf -dh of several devices',
    lines('# hostname;interval;timestamp;IFACE;rxpck/s;txpck/s[...]', 'vm;1;2026-11-28 09:24:03 UTC;lo;0.00;0.00;eth0;1.00;2.00', 'vm;1;2026-11-28 09:24:04 UTC;lo;0.00;0.00;eth0;1.00;2.00'),
    /^sysstat's `sadf -dh` output of several devices.*`sadf -d`/,
  ],
  // hot-shots' sets: the value is any string (was 5 of 31 lines off the StatsD grammar: read as text-logs, 31 records)
  ['StatsD with sets', lines('shop.queue.depth:10|g|#env:prod', 'shop.users.unique:u0|s|#env:prod', 'shop.users.unique:u1|s|#env:prod', 'shop.plain.count:1|c'), /^StatsD \(DogStatsD\) datagrams/],
];

describe('outputs of metrics tools that hold no series ObsReady reads', () => {
  it.each(CASES)('%s is unsupported, named, with what to export instead', (_name, text, message) => {
    for (const chunk of [undefined, 1, 7]) {
      const got = analyseText(text, chunk, 'input');
      expect([got.format, got.records, got.rejected, got.errors.map((e) => e.code)]).toEqual(['unknown', 0, 0, ['unsupported']]);
      expect(got.errors[0]!.message).toMatch(message);
    }
  });
});

describe('Graphite answers without values', () => {
  it('/metrics/find is unsupported; /metrics/index.json is named as a list of metric names, not of Zipkin services', () => {
    const find = analyseText('[{"text": "web01", "id": "app.web01", "allowChildren": 1, "expandable": 1, "leaf": 0}]');
    expect([find.format, find.records, find.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
    expect(find.errors[0]!.message).toMatch(/^a Graphite \/metrics\/find answer.*format=json/);
    const index = analyseText('["_tagged.586.1ad.5861ad0dfa7ee335", "app.web01.latency_ms", "app.web01.requests"]');
    expect(index.errors[0]!.message).toMatch(/^a JSON list of metric names \(as Graphite answers \/metrics\/index\.json\)/);
    expect(analyseText('["frontend", "checkout", "payment.api"]').errors[0]!.message).toMatch(/^a JSON list of names \(as Zipkin answers/);
  });
});

describe('what stays read as it was', () => {
  it('a text log with a line of dashes, `key=value` lines and `N found` lines is still a text log', () => {
    expect(sniff(lines('2024-01-10 12:00:00 starting', '----', '2024-01-10 12:00:01 name: cpu', '2024-01-10 12:00:02 done')).spec?.id).toBe('text-logs');
    // no `N Values found` line: not collectd's GETVAL
    expect(sniff(lines('count=3', 'retries=4')).reason).not.toBe('unsupported');
    expect(sniff(lines('Job started', '3 Values found', 'Job ended at 12:00')).spec?.id).toBe('text-logs');
  });

  it('a `name: cpu` line opening a text log is no InfluxDB CLI table', () => {
    expect(sniff(lines('name: cpu', 'starting the collector', 'collector ready')).reason).not.toBe('unsupported');
  });

  it('a JSON log line with an error key and a time is a log record, and Prometheus text stays Prometheus', () => {
    expect(sniff('{"error":"boom","time":"2024-01-10T12:00:00Z"}\n').spec?.id).toBe('jsonl-logs');
    expect(sniff(lines('# TYPE up gauge', 'up{job="a"} 1', 'up{job="b"} 0')).spec?.id).toBe('prometheus');
  });

  it('an ordinary semicolon CSV whose header is a comment is still read (sadf -d, one device a row)', () => {
    expect(sniff(lines('# hostname;interval;timestamp;IFACE;rxpck/s', 'vm;1;2026-11-28 09:24:03 UTC;lo;0.00', 'vm;1;2026-11-28 09:24:04 UTC;lo;1.00')).spec?.id).toBe('csv-metrics');
  });
});

describe("Graphite's binary render answers", () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
  it('format=pickle and format=msgpack are binary, named, with what to query instead', () => {
    // the heads of graphite-web 1.1.8's answers (mtools30 probe); before: "the input is binary" only
    const pickle = bytes([0x80, 0x05, 0x95, 0x25, 0x03, 0, 0, 0, 0, 0, 0, 0x5d, 0x94, 0x28, 0x7d, 0x94, 0x28, 0x8c, 0x04], 'name', [0x94, 0x8c, 0x0e], 'pathExpression', [0x94, 0x8c, 0x04], 'step', [0x94, 0x4b, 0x3c]);
    const msgpack = bytes([0x92, 0x89, 0xa4], 'name', [0xb4], 'app.web01.latency_ms', [0xa5], 'start', [0xce, 0x6b, 0x0a, 0xc3, 0xe4, 0xa4], 'step', [0x3c, 0xa6], 'values', [0xdc, 0x00, 0x1f, 0xcb, 0x40, 0x34, 0, 0, 0, 0, 0, 0]);
    for (const [b, m] of [
      [pickle, /^a Python pickle of metric series \(Graphite's render API with `format=pickle`\).*format=json/],
      [msgpack, /^metric series in MessagePack \(Graphite's render API with `format=msgpack`\)/],
    ] as const) {
      const got = analyseText(b);
      expect([got.format, got.records, got.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['binary-data']]);
      expect(got.errors[0]!.message).toMatch(m);
    }
    // other binary stays "binary", unnamed
    expect(analyseText(bytes([0x80, 0x05, 0x95, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0])).errors[0]!.message).toBe('the input is binary, not a text or JSON telemetry export');
  });
});
