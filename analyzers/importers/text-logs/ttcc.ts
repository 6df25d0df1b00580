// log4j 1.x's TTCCLayout and log4cxx's (`%r [%t] %-5p %c %x - %m%n`, also what log4cxx's
// BasicConfigurator writes): the milliseconds since the program started, the thread in brackets,
// the level padded to 5, the logger, the NDC when set (log4cxx writes `null` when not), ` - `, the
// message; no time of day:
//   176 [main] INFO  examples.Sort - Populating an array of 2 elements in reverse order.
//   4 [0x7f67d9619b80] WARN  com.shop.Orders null - slow query took 1203ms
// A line that begins so begins a record: a message's second line (`line message`) is no record of its own.
import type { TextLineFields } from './line-fields.js';

const TTCC = /^\d{1,12} \[([^\]\n]{1,200})\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) {1,2}([^\s[\]]{1,300})(?: [^\n]{0,200}?)? - /;

/** The header key of such a line (see isStrongStart in index.ts). */
export const TTCC_KEY = 'ttcc';

const LEVELS: Readonly<Record<string, number>> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };

/** Reads a TTCC head at the start of `line` into `out`; false when the line has none. */
export function readTtcc(line: string, out: TextLineFields): boolean {
  const c0 = line.charCodeAt(0);
  const m = c0 >= 48 && c0 <= 57 ? TTCC.exec(line) : null;
  if (!m) return false;
  out.severityNumber = LEVELS[m[2]!]!;
  out.severityText = m[2]!;
  out.scopeName = m[3]!;
  out.attributes['thread.name'] = m[1]!;
  out.headerKey = TTCC_KEY;
  out.hasHeader = true;
  return true;
}
