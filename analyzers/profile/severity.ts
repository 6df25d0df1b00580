// Severity normalisation: the OpenTelemetry number when present, else the text mapped onto the
// same scale (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21) by the one level table the
// importers read (model/severity.ts), so a level word gets the number its reader gives it.
import type { LogRecord } from '../model/index.js';
import { severityFromText } from '../model/severity.js';

/** Levels a severity text may hold beyond the words a reader takes as a level: one letter, and words with a digit. */
const PROFILE_ONLY: Record<string, number> = { v: 3, d: 5, i: 9, w: 13, e: 17, f: 21 };

function textNumber(t: string): number | undefined {
  return severityFromText(t) ?? PROFILE_ONLY[t];
}

export function severityNumberOf(record: LogRecord): number | undefined {
  const n = record.severityNumber;
  if (n !== undefined && n >= 1 && n <= 24) return n;
  const t = record.severityText?.trim().toLowerCase();
  if (!t) return undefined;
  const direct = textNumber(t);
  if (direct !== undefined) return direct;
  // "DEBUG2", "ERROR3" style suffixes, syslog numeric levels are not guessed.
  const m = /^([a-z]+)\d?$/.exec(t);
  return m ? textNumber(m[1]!) : undefined;
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
