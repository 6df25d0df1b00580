// Levels that Python programs write in their own words rather than in a level column: the
// `warnings` module's line, and the level Twisted's logger puts after its namespace.
import { severityFromText } from '../jsonl-logs/severity.js';

/**
 * The `warnings` module's line (warnings.formatwarning): `/app/x.py:3: DeprecationWarning: msg`,
 * then the source line indented under it. A warning: WARN, its category the level's text.
 */
const PY_WARNING = /^(?:[A-Za-z]:)?[^\s:][^:\n]{0,4000}:\d+: (\w{0,200}Warning): /;
/**
 * Twisted's text log line (twisted.logger.formatEventAsClassicLogText, twistd's log file):
 * `2026-11-28T03:01:51+0000 [twisted.web.server.Site#info] msg`, the namespace and the level
 * (LogLevel: debug, info, warn, error, critical) in the brackets after the time.
 */
const TWISTED_SYSTEM = /^ \[([^\s\]#]{1,400})#(debug|info|warn|error|critical)\] /;

/** What python-lines reads from a line: its level (number and text) and its logger. */
export interface PythonLineLevel {
  number: number;
  text: string;
  scope?: string;
}

/** The level a Python program's line writes in its own words, `rest` where its message starts (after the time, if any; `timed`: it has one). */
export function pythonLineLevel(line: string, rest: number, timed: boolean): PythonLineLevel | undefined {
  if (timed) {
    if (line.charCodeAt(rest) !== 32 || line.charCodeAt(rest + 1) !== 91 /* [ */) return undefined;
    const tw = TWISTED_SYSTEM.exec(line.slice(rest, rest + 420));
    const n = tw ? severityFromText(tw[2]!) : undefined;
    return tw && n !== undefined ? { number: n, text: tw[2]!, scope: tw[1]! } : undefined;
  }
  if (rest !== 0) return undefined;
  const w = PY_WARNING.exec(line.length > 4400 ? line.slice(0, 4400) : line);
  return w ? { number: 13, text: w[1]! } : undefined;
}
