// HAProxy's own messages on its standard error (src/errors.c: ha_alert, ha_warning, ha_notice,
// ha_diag_warning): `[WARNING]  (17667) : Server be/s1 is DOWN, …`, the label padded to one width
// since 2.4; before 2.4 the day of the year and the time came between (`[WARNING] 327/031531 (17667) : …`),
// with no month nor year (not read as a time). Each is one line: with `log stdout format raw`, the
// log lines between them (the same event's copy, request lines) are records of their own.
import type { TextLineFields } from './line-fields.js';
import { severityFromText } from '../jsonl-logs/severity.js';

const HAPROXY_STDERR = /^\[(NOTICE|WARNING|ALERT|DIAG)\] +(?:\d{3}\/\d{6} +)?\((\d{1,10})\) : /;

/** The header key of such a line (see isStrongStart). */
export const HAPROXY_STDERR_KEY = 'haproxy';

/** True when `line` is one of HAProxy's messages on its standard error. */
export function isHaproxyStderr(line: string): boolean {
  return line.charCodeAt(0) === 91 /* [ */ && HAPROXY_STDERR.test(line);
}

/** Reads such a line's level (DIAG, a diagnostic warning: a warning) and pid into `out`; false when it is none. */
export function readHaproxyStderr(line: string, out: TextLineFields): boolean {
  if (line.charCodeAt(0) !== 91) return false;
  const m = HAPROXY_STDERR.exec(line);
  if (!m) return false;
  const word = m[1]!;
  out.severityNumber = word === 'DIAG' ? 13 : severityFromText(word);
  out.severityText = word;
  out.resourceAttributes['process.pid'] = Number(m[2]);
  out.headerKey = HAPROXY_STDERR_KEY;
  out.hasHeader = true;
  return true;
}
