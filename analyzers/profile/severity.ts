// Severity normalisation: the OpenTelemetry number when present, else the text mapped onto the
// same scale (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21).
import type { LogRecord } from '../model/index.js';

const TEXT_TO_NUMBER: Record<string, number> = {
  trace: 1, finest: 1, finer: 2, verbose: 3, fine: 5, debug: 5, dbg: 5, d: 5, v: 3, config: 7,
  info: 9, information: 9, informational: 9, i: 9, notice: 10, success: 9,
  warn: 13, warning: 13, w: 13,
  error: 17, err: 17, e: 17, severe: 17, failure: 17,
  critical: 21, crit: 21, fatal: 21, f: 21, alert: 22, emerg: 23, emergency: 23, panic: 23,
};

export function severityNumberOf(record: LogRecord): number | undefined {
  const n = record.severityNumber;
  if (n !== undefined && n >= 1 && n <= 24) return n;
  const t = record.severityText?.trim().toLowerCase();
  if (!t) return undefined;
  const direct = TEXT_TO_NUMBER[t];
  if (direct !== undefined) return direct;
  // "DEBUG2", "ERROR3" style suffixes, syslog numeric levels are not guessed.
  const m = /^([a-z]+)\d?$/.exec(t);
  return m ? TEXT_TO_NUMBER[m[1]!] : undefined;
}

export function hasSeverity(record: LogRecord): boolean {
  return severityNumberOf(record) !== undefined;
}

export const isDebugOrTrace = (n: number): boolean => n >= 1 && n <= 8;
export const isErrorOrAbove = (n: number): boolean => n >= 17;

/** Production-like environment names (deployment.environment.name). */
export function isProductionEnvironment(env: string | undefined): boolean {
  if (!env) return false;
  return /^(prod|production|prd|live)([-_.].*)?$/i.test(env.trim());
}
