// PHP's Monolog and Ruby's Logger writing JSON, as the probe of stop 29 captured them (Debian's
// php-monolog 2.9.1 on PHP 8.2, ruby 3.1 logger.rb 1.5.0): lines copied from the real output,
// shortened. Expected levels are Monolog's own names for its numbers (Monolog\Level).
import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { readCleanLogs } from './log-test-helpers.js';

const sevs = (text: string, spec = jsonlLogs) => readCleanLogs(spec, text).map((r) => [r.source.line, r.severityNumber, r.severityText, r.body]);

describe("jsonl-logs: Monolog's JsonFormatter and NormalizerFormatter (numeric `level` on Monolog's scale, `level_name` beside it)", () => {
  const line = (level: number, name: string, message: string) =>
    JSON.stringify({ message, context: {}, level, level_name: name, channel: 'app', datetime: '2026-11-28T08:46:09.098724+00:00', extra: {} });
  const monolog = [
    line(100, 'DEBUG', 'cache warm'),
    line(200, 'INFO', 'user logged in'),
    line(250, 'NOTICE', 'disk at 80%'),
    line(300, 'WARNING', 'slow query'),
    line(400, 'ERROR', 'payment failed'),
    line(500, 'CRITICAL', 'db down'),
    line(550, 'ALERT', 'page oncall'),
    line(600, 'EMERGENCY', 'all down'),
  ].join('\n') + '\n';

  it('each level read by its name (was: 100 read as fatal on the bunyan scale, 200–600 as no level)', () => {
    expect(sevs(monolog)).toEqual([
      [1, 5, 'DEBUG', 'cache warm'],
      [2, 9, 'INFO', 'user logged in'],
      [3, 10, 'NOTICE', 'disk at 80%'],
      [4, 13, 'WARNING', 'slow query'],
      [5, 17, 'ERROR', 'payment failed'],
      // Monolog's scale is RFC 5424's (its Level enum: 500 CRITICAL = syslog crit, 550 alert, 600 emergency):
      // appendix B's ERROR2 18, ERROR3 19, FATAL 21, in the order Monolog ranks them
      [6, 18, 'CRITICAL', 'db down'],
      [7, 19, 'ALERT', 'page oncall'],
      [8, 21, 'EMERGENCY', 'all down'],
    ]);
    // the name is read, not kept as an attribute too
    expect(readCleanLogs(jsonlLogs, monolog)[0]!.attributes['level_name']).toBeUndefined();
  });

  it('a numeric level without a name beside it, or beside a word that is no level, is read as before (bunyan)', () => {
    expect(sevs('{"level":30,"msg":"pino info","time":1700000000000}\n{"level":50,"level_name":"oops","msg":"named no level","time":1700000000000}\n')).toEqual([
      [1, 9, 'info', 'pino info'],
      [2, 17, 'error', 'named no level'],
    ]);
  });
});

describe("Ruby's Logger file header above JSON or logfmt lines (a custom formatter): no record", () => {
  const header = '# Logfile created on 2026-11-28 08:41:51 +0000 by logger.rb/v1.5.0\n';

  it('JSON Lines: 2 records (was 3: the header a record of its own)', () => {
    const text = header + '{"time":"2026-11-28T08:41:51.890Z","level":"INFO","progname":null,"message":"json one"}\n{"time":"2026-11-28T08:41:51.890Z","level":"ERROR","progname":null,"message":"json two"}\n';
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('jsonl-logs');
    expect(sevs(text)).toEqual([
      [2, 9, 'INFO', 'json one'],
      [3, 17, 'ERROR', 'json two'],
    ]);
  });

  it('logfmt: 3 records (was 4)', () => {
    const text = header + 'time=2026-11-28T08:48:22.700165Z level=info msg="one"\ntime=2026-11-28T08:48:22.700190Z level=warn msg="two two"\ntime=2026-11-28T08:48:22.700199Z level=error msg="three"\n';
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('logfmt');
    expect(sevs(text, logfmt)).toEqual([
      [2, 9, 'info', 'one'],
      [3, 13, 'warn', 'two two'],
      [4, 17, 'error', 'three'],
    ]);
  });

  it('a comment line of another shape is still a record', () => {
    expect(sevs('# Logfile created by hand\n{"level":"info","message":"x"}\n').length).toBe(2);
  });
});

describe("jsonl-logs: Monolog's LogstashFormatter names the application in `type`", () => {
  it('the service is `type` (was none); a `type` in other records names none', () => {
    const line = '{"@timestamp":"2026-11-28T08:46:09.099040+00:00","@version":1,"host":"vm","message":"caught exception","type":"shop","channel":"app","level":"ERROR","monolog_level":400,"context":{}}\n';
    const [r] = readCleanLogs(jsonlLogs, line);
    expect([r!.resource.attributes['service.name'], r!.severityNumber, r!.body]).toEqual(['shop', 17, 'caught exception']);
    const [other] = readCleanLogs(jsonlLogs, '{"@timestamp":"2026-11-28T08:46:09Z","@version":1,"type":"shop","message":"m","level":"info"}\n');
    expect(other!.resource.attributes['service.name']).toBeUndefined();
  });
});
