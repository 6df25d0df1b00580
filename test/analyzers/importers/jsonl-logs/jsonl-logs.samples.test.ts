import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeFile, logs, sniffedFormat } from './log-test-helpers.js';

const LNAV = 'logs-structured/lnav-test/';

describe('jsonl-logs on the lnav samples', () => {
  // Expected [records, rejected]: counted with python3, one json.loads per non-blank line
  // (records = lines that parse to an object, rejected = lines that do not parse).
  const counts: Record<string, [number, number]> = {
    'logfile_bunyan.0': [10, 0],
    'logfile_cloudflare.json': [1, 0],
    'logfile_ecs_log.json': [5, 0],
    'logfile_invalid_json.json': [4, 1],
    'logfile_invalid_json2.json': [2, 1],
    'logfile_journald.json': [2, 0],
    'logfile_json.json': [14, 0],
    'logfile_json2.json': [3, 0],
    'logfile_json3.json': [3, 0],
    'logfile_json_invalid.json': [12, 1],
    'logfile_json_subsec.json': [2, 0],
    'logfile_jsonid.json': [2, 0],
    // 13 JSON lines, a logfmt line, and a panic with 3 indented frame lines (one record of free text)
    'logfile_mixed_json2.json': [15, 0],
    'logfile_nested_json.json': [13, 0],
    'logfile_pino.0': [1, 0],
    'logfile_rust_tracing.0': [5, 0],
  };
  for (const [file, [records, rejected]] of Object.entries(counts)) {
    it(`${file}: ${records} records, ${rejected} rejected, sniffed as jsonl-logs`, () => {
      const r = decodeFile(jsonlLogs, LNAV + file);
      expect(r.progress.records).toBe(records);
      expect(r.progress.rejected).toBe(rejected);
      expect(r.records).toHaveLength(records);
      expect(r.errors.filter((e) => e.code === 'invalid-json' || e.code === 'wrong-type')).toHaveLength(rejected);
      expect(sniffedFormat(LNAV + file)).toBe('jsonl-logs');
    });
  }

  it('OTLP logs JSON Lines are left to the otlp-json importer', () => {
    expect(sniffedFormat(LNAV + 'logfile_otel_collector.jsonl')).not.toBe('jsonl-logs');
    expect(jsonlLogs.sniff({ bytes: new Uint8Array(), text: '{"resourceLogs":[]}\n', complete: true })).toBeLessThan(0.2);
  });

  it('pino: trace/span ids, epoch-ms time, level, service', () => {
    const [rec] = logs(decodeFile(jsonlLogs, LNAV + 'logfile_pino.0'));
    expect(rec!.traceId).toBe('c759f29f5f1e2162be56f32dd1e77fce');
    expect(rec!.spanId).toBe('17c4a60ca4297cf1');
    expect(rec!.timeNs).toBe(1745532517537n * 1_000_000n); // "time":1745532517537 (ms)
    expect(rec!.severityNumber).toBe(9);
    expect(rec!.severityText).toBe('info');
    expect(rec!.body).toBe('Charge request received.');
    expect(rec!.resource.serviceName).toBe('payment');
    expect(rec!.structured).toBe(true);
    expect(rec!.source).toEqual({ file: LNAV + 'logfile_pino.0', line: 1, offset: 0 });
  });

  it('bunyan: numeric levels 20/30 → DEBUG/INFO, name+hostname+pid → resource', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_bunyan.0'));
    expect(recs[0]!.severityNumber).toBe(5); // level 20
    expect(recs[0]!.severityText).toBe('debug');
    expect(recs[0]!.resource.serviceName).toBe('renovate');
    expect(recs[0]!.resource.attributes['host.name']).toBe('renovate-gitlab-67c4bcb5-9ggbv');
    expect(recs[0]!.resource.attributes['process.pid']).toBe(7);
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2023, 2, 24, 14, 26, 16, 243)) * 1_000_000n);
    // jq '.level' gives 20 20 20 30 20 20 20 20 20 20
    expect(recs.map((r) => r.severityNumber)).toEqual([5, 5, 5, 9, 5, 5, 5, 5, 5, 5]);
  });

  it('journald: µs realtime timestamp, PRIORITY 1 → alert (ERROR3), unit as service', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_journald.json'));
    expect(recs[0]!.timeNs).toBe(1534860261221373n * 1000n);
    // syslog Alert (1) → ERROR3 19 (OTel log data model, appendix B)
    expect(recs[0]!.severityNumber).toBe(19);
    expect(recs[0]!.severityText).toBe('alert');
    expect(recs[0]!.resource.serviceName).toBe('medusa-GpsLocator.service');
    expect(recs[0]!.resource.attributes['host.name']).toBe('imx6ul-medusa');
    expect(recs[0]!.body).toBe('GPS Reference longitude: 7.358143333');
  });

  it('ECS: @timestamp, dotted log.level, nested log.logger as scope', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_ecs_log.json'));
    // jq '."log.level"' gives debug info warning error critical
    expect(recs.map((r) => r.severityNumber)).toEqual([5, 9, 13, 17, 21]);
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2025, 0, 13, 9, 58, 13, 631)) * 1_000_000n);
    expect(recs[0]!.scope?.name).toBe('app');
    expect(recs[0]!.body).toBe('this is a debug message num=39');
  });

  it('nested @fields.lvl / msg, DEBUG2..5 stay in the DEBUG range, unknown levels keep their text', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_nested_json.json'));
    expect(recs[0]!.severityText).toBe('TRACE');
    expect(recs[0]!.severityNumber).toBe(1);
    expect(recs[3]!.severityText).toBe('DEBUG5');
    expect(recs[3]!.severityNumber).toBe(8);
    const stats = recs.find((r) => r.severityText === 'STATS')!;
    expect(stats.severityNumber).toBeUndefined();
    expect(stats.body).toBe('1 beat per second');
  });

  it('Rust tracing: fields.message is the body, target the scope', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_rust_tracing.0'));
    expect(recs[2]!.body).toBe("hello! I'm gonna shave a yak");
    expect(recs[2]!.severityNumber).toBe(1); // TRACE
    expect(recs[2]!.scope?.name).toBe('fmt_json::yak_shave');
  });

  it('log4j2 instant {epochSecond, nanoOfSecond} keeps nanoseconds', () => {
    const recs = logs(decodeFile(jsonlLogs, LNAV + 'logfile_json_subsec.json'));
    expect(recs[1]!.timeNs).toBe(1663977619222000123n);
  });

  it('an unreadable "ts" costs an invalid-timestamp error, the record is still read', () => {
    const r = decodeFile(jsonlLogs, LNAV + 'logfile_json.json');
    const bad = r.errors.filter((e) => e.code === 'invalid-timestamp');
    expect(bad.map((e) => e.line)).toEqual([6]); // line 6 has "ts": "xxx"
    expect(logs(r)[5]!.timeNs).toBeUndefined();
  });

  it('truncated last record is one invalid-json error at its line', () => {
    const r = decodeFile(jsonlLogs, LNAV + 'logfile_invalid_json2.json');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'invalid-json', line: 3, file: LNAV + 'logfile_invalid_json2.json' })]);
  });
});
