import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../analyzers/model/index.js';
import { severityFromSyslog, severityFromText } from '../../../analyzers/model/severity.js';
import { severityNumberOf } from '../../../analyzers/profile/severity.js';
import { textLogs } from '../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../analyzers/importers/jsonl-logs/index.js';
import { logfmt } from '../../../analyzers/importers/logfmt/index.js';
import { decodeText, logs } from '../importers/jsonl-logs/log-test-helpers.js';

// Expected numbers typed by hand from the OpenTelemetry log data model's appendix B
// (specification/logs/data-model-appendix.md, "SeverityNumber example mappings"): Syslog
// Emergency (0) FATAL 21, Alert (1) ERROR3 19, Critical (2) ERROR2 18, Error (3) ERROR 17,
// Warning (4) WARN 13, Notice (5) INFO2 10, Informational (6) INFO 9, Debug (7) DEBUG 5.
// The keywords are syslog.conf(5)'s (and rsyslog's %syslogseverity-text%, dmesg -x's, journalctl -p's).
const SPEC: [code: number, keyword: string, otel: number][] = [
  [0, 'emerg', 21], [1, 'alert', 19], [2, 'crit', 18], [3, 'err', 17],
  [4, 'warning', 13], [5, 'notice', 10], [6, 'info', 9], [7, 'debug', 5],
];
const numbers = (text: string, spec = textLogs) => logs(decodeText(spec, text)).map((r) => r.severityNumber);
const expected = SPEC.map(([, , n]) => n);

describe('syslog severities: one number per level, whichever path reads it', () => {
  it('the number table and the word table agree with the OTel mapping', () => {
    expect(SPEC.map(([code]) => severityFromSyslog(code)?.number)).toEqual(expected);
    expect(SPEC.map(([, word]) => severityFromText(word))).toEqual(expected);
    expect(SPEC.map(([, word]) => severityFromText(word.toUpperCase()))).toEqual(expected);
    // syslog.conf(5)'s deprecated synonyms: panic = emerg, error = err, warn = warning; the long names
    expect(['panic', 'emergency', 'error', 'warn', 'informational'].map((w) => severityFromText(w))).toEqual([21, 21, 17, 13, 9]);
  });

  it('the profile reads a severity text without a number as the importers do', () => {
    const rec = (text: string) => ({ kind: 'log', severityText: text }) as unknown as LogRecord;
    expect(SPEC.map(([, word]) => severityNumberOf(rec(word)))).toEqual(expected);
  });

  it('RFC 5424 and RFC 3164 PRI: facility × 8 + severity, every severity under two facilities', () => {
    // PRI = facility*8 + code; user (1) gives 8..15, local0 (16) gives 128..135
    for (const facility of [1, 16]) {
      const rfc5424 = SPEC.map(([code, w], i) => `<${facility * 8 + code}>1 2024-01-15T10:00:0${i}Z host app 12 - - message ${w}`).join('\n') + '\n';
      expect(numbers(rfc5424)).toEqual(expected);
      const rfc3164 = SPEC.map(([code, w], i) => `<${facility * 8 + code}>Jan 15 10:00:0${i} host app[12]: message ${w}`).join('\n') + '\n';
      expect(numbers(rfc3164)).toEqual(expected);
    }
  });

  it('journald JSON: PRIORITY 0-7, as a string and as a number', () => {
    const line = (p: string) => `{"__REALTIME_TIMESTAMP":"1704067200000000","PRIORITY":${p},"SYSLOG_IDENTIFIER":"app","MESSAGE":"m"}`;
    expect(numbers(SPEC.map(([code]) => line(`"${code}"`)).join('\n') + '\n', jsonlLogs)).toEqual(expected);
    expect(numbers(SPEC.map(([code]) => line(String(code))).join('\n') + '\n', jsonlLogs)).toEqual(expected);
  });

  it('a level field holding a syslog keyword (JSON Lines, logfmt)', () => {
    expect(numbers(SPEC.map(([, w]) => `{"time":"2024-01-15T10:00:00Z","level":"${w}","msg":"m"}`).join('\n') + '\n', jsonlLogs)).toEqual(expected);
    expect(numbers(SPEC.map(([, w]) => `time=2024-01-15T10:00:00Z level=${w} msg=m`).join('\n') + '\n', logfmt)).toEqual(expected);
  });

  it("dmesg -x: the facility and level columns (`kern  :crit  : [ … ]`)", () => {
    // util-linux dmesg -x pads facility and level names to their widths, then `: `; it writes warn for warning
    const word = (w: string) => (w === 'warning' ? 'warn' : w);
    const text = SPEC.map(([, w], i) => `kern  :${word(w).padEnd(6)}: [    ${i}.000000] message number ${i}`).join('\n') + '\n';
    expect(numbers(text)).toEqual(expected);
  });

  it('rsyslog templates that write the severity word: `%syslogseverity-text%` in a column', () => {
    // e.g. template "%timereported:::date-rfc3339% %HOSTNAME% %syslogseverity-text% %syslogtag%%msg%\n"
    const text = SPEC.map(([, w], i) => `2024-01-15T10:00:0${i}+00:00 host ${w} app[12]: message ${i}`).join('\n') + '\n';
    expect(numbers(text)).toEqual(expected);
    // and with the severity upper case in brackets: "%timereported% [%syslogseverity-text:::uppercase%] …"
    const bracketed = SPEC.map(([, w], i) => `2024-01-15T10:00:0${i}+00:00 [${w.toUpperCase()}] app: message ${i}`).join('\n') + '\n';
    expect(numbers(bracketed)).toEqual(expected);
  });
});
