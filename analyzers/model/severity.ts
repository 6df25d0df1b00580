// Text and numeric log levels → OpenTelemetry severity numbers (log data model, appendix B):
// TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24.
// The one table of levels: every importer, and the profile for a record that has a severity text
// but no number, read a level here (this module imports nothing).

export interface Severity {
  number?: number;
  text?: string;
}

export interface SyslogSeverity {
  /** The syslog severity code (RFC 5424 §6.2.1): the low three bits of a PRI, journald's PRIORITY. */
  code: number;
  /** The keyword syslog.conf(5), rsyslog's `%syslogseverity-text%`, dmesg -x and `journalctl -p` write. */
  keyword: string;
  /** Other spellings of it that are this level and no other (upper case). */
  aliases: readonly string[];
  /** The OpenTelemetry SeverityNumber. */
  number: number;
}

/**
 * Syslog's eight severities and their OpenTelemetry SeverityNumber, as the log data model's
 * appendix B maps them (data-model-appendix.md: Emergency FATAL 21, Alert ERROR3 19, Critical
 * ERROR2 18, Error ERROR 17, Warning WARN 13, Notice INFO2 10, Informational INFO 9, Debug DEBUG 5).
 * The one table for a syslog level, whether it is read as a number (a PRI, journald PRIORITY, GELF
 * `level`, Cisco's `%FAC-N-…`) or as a word (rsyslog templates, dmesg -x, level columns): `panic`,
 * `error` and `warn` are syslog.conf(5)'s deprecated synonyms of emerg, err and warning.
 */
export const SYSLOG_SEVERITIES: readonly SyslogSeverity[] = [
  { code: 0, keyword: 'emerg', aliases: ['EMERGENCY', 'PANIC'], number: 21 },
  { code: 1, keyword: 'alert', aliases: [], number: 19 },
  { code: 2, keyword: 'crit', aliases: ['CRT'], number: 18 },
  { code: 3, keyword: 'err', aliases: ['ERROR'], number: 17 },
  { code: 4, keyword: 'warning', aliases: ['WARN'], number: 13 },
  { code: 5, keyword: 'notice', aliases: [], number: 10 },
  { code: 6, keyword: 'info', aliases: ['INFORMATIONAL'], number: 9 },
  { code: 7, keyword: 'debug', aliases: [], number: 5 },
];

// Keys are upper case; the syslog keywords and their synonyms are added from SYSLOG_SEVERITIES.
// CRITICAL in full is Python's, .NET's and spdlog's top level (OTel .NET maps LogLevel.Critical
// to FATAL), not syslog's crit, which syslog tools write `crit`.
// Four-letter forms: logrus's text formatter cuts every level to four (`TRAC`, `DEBU`, `INFO`,
// `WARN`, `ERRO`, `FATA`, `PANI`), supervisord writes `DEBG`; Elasticsearch's deprecation log
// has a level of its own, `DEPRECATION`, just below WARN in log4j's order: a warning.
const LEVELS: Record<string, number> = {
  TRACE: 1, TRC: 1, TRCE: 1, TRAC: 1, FINEST: 1, FINER: 2, VERBOSE: 1, VERB: 1, VRB: 1,
  DBG: 5, DEBU: 5, DBUG: 5, DEBG: 5, FINE: 5, CONFIG: 6,
  INF: 9, INFORMATION: 9, LOG: 9, SUCCESS: 11,
  NOTE: 10,
  WRN: 13, WARNI: 13, DEPRECATION: 13,
  EROR: 17, ERRO: 17, SEVERE: 17, FAIL: 17, FAILURE: 17,
  CRITICAL: 21, FATAL: 21, FATA: 21, FTL: 21, PANI: 21, DPANIC: 21,
};
for (const s of SYSLOG_SEVERITIES) for (const name of [s.keyword.toUpperCase(), ...s.aliases]) LEVELS[name] = s.number;

/**
 * Level names that are levels only as the value of a level field, never as a word in text
 * (`HTTP` begins many a sentence): winston's npm levels `http` (request logging, between info
 * and verbose: an information) and `silly` (below debug: a trace).
 */
const FIELD_ONLY_LEVELS: Record<string, number> = { HTTP: 9, SILLY: 1 };

/** The value of a level field (any case) → severity number: any level word, and the field-only names. */
export function severityFromLevelField(text: string): number | undefined {
  return severityFromText(text) ?? FIELD_ONLY_LEVELS[text.trim().toUpperCase()];
}
const NUMBERED = /^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)(\d)$/;
const BASE: Record<string, number> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };
// Go slog names a level between its four as the nearest one below plus an offset (`WARN+2`,
// `DEBUG-4`); slog levels are 4 apart from DEBUG=-4 to ERROR=8, and the OpenTelemetry slog
// bridge maps level L to severity L + 9.
const SLOG_OFFSET = /^(DEBUG|INFO|WARN|ERROR)([+-]\d{1,2})$/;
const SLOG_BASE: Record<string, number> = { DEBUG: -4, INFO: 0, WARN: 4, ERROR: 8 };

/** A level word (any case) → severity number, or undefined when it is not a level. */
export function severityFromText(text: string): number | undefined {
  const t = text.trim().toUpperCase();
  if (t === '') return undefined;
  const direct = LEVELS[t];
  if (direct !== undefined) return direct;
  const m = NUMBERED.exec(t); // DEBUG2 … DEBUG5 (lnav, OTel "DEBUG2"): stay inside the range
  if (m) return BASE[m[1]!]! + Math.min(3, Math.max(0, Number(m[2]) - 1));
  const slog = SLOG_OFFSET.exec(t);
  if (slog) return Math.min(24, Math.max(1, SLOG_BASE[slog[1]!]! + Number(slog[2]) + 9));
  return undefined;
}

/** One-letter levels (glog I/W/E/F, logcat V/D/I/W/E/F/A). */
export function severityFromLetter(letter: string): number | undefined {
  const map: Record<string, number> = { V: 1, T: 1, D: 5, I: 9, N: 10, W: 13, E: 17, C: 21, F: 21, A: 21 };
  return map[letter];
}

/** Syslog/journald PRIORITY 0-7 (SYSLOG_SEVERITIES). */
export function severityFromSyslog(priority: number): Severity | undefined {
  if (!Number.isInteger(priority) || priority < 0 || priority > 7) return undefined;
  const s = SYSLOG_SEVERITIES[priority]!;
  return { number: s.number, text: s.keyword };
}

export type NumericScale = 'bunyan' | 'python' | 'syslog' | 'otel';

/**
 * Numeric levels. bunyan/pino: 10 trace … 60 fatal; Python levelno: 10 debug … 50 critical;
 * syslog 0-7; OTel 1-24 as is. Values between steps round down to the lower level.
 */
export function severityFromNumber(value: number, scale: NumericScale): Severity | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (scale === 'syslog') return severityFromSyslog(value);
  if (scale === 'otel') return value >= 1 && value <= 24 && Number.isInteger(value) ? { number: value } : undefined;
  if (value < 10 || value > 100) return undefined;
  const names = scale === 'bunyan' ? ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] : ['debug', 'info', 'warning', 'error', 'critical'];
  const numbers = scale === 'bunyan' ? [1, 5, 9, 13, 17, 21] : [5, 9, 13, 17, 21];
  const i = Math.min(names.length - 1, Math.floor(value / 10) - 1);
  return { number: numbers[i]!, text: names[i]! };
}
