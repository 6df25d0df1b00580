// The JVM's own reports of its death, as it prints them among a program's log lines (plain, or
// behind a container's prefix): the report of an uncaught exception, and HotSpot's fatal error
// report (vmError.cpp: a banner of `#` lines, and, where the whole report goes to the output too,
// `-XX:+ErrorFileToStdout` or an hs_err_pid<N>.log read as it is, its sections up to `END.`).
import { EXCEPTION_LINE } from './crash-lines.js';
import { parseLogTimestamp, type ParsedTime } from './time.js';

/**
 * The JVM's report of an exception no code caught (ThreadGroup.uncaughtException, the default
 * handler): `Exception in thread "main" java.lang.IllegalStateException: boom`, then its stack.
 * The runtime prints it, never a logger (which writes the exception's class first): a record of its
 * own, at ERROR (the thread died of it), as Node's report of an uncaught exception is.
 */
export const JVM_UNCAUGHT = EXCEPTION_LINE.jvmUncaught;

/** The second line of HotSpot's fatal error report, after a line of `#` alone. */
export const JVM_FATAL_HEAD = /^# A fatal error has been detected by the Java Runtime Environment:?\s*$/;

/** A section's rule in the whole report: `---------------  S U M M A R Y ------------`, `---------------  T H R E A D  ---------------`. */
const JVM_FATAL_SECTION = /^-{10,} +[A-Z](?: [A-Z])+ +-{5,}\s*$/;
/** The report's last line: `END.` (JDK 9 and later); JDK 8's last, after its `time:` and `timezone:` lines: `elapsed time: 12 seconds (0d 0h 0m 12s)`. */
const JVM_FATAL_END = /^(?:END\.|elapsed time: \d+ seconds \(\d+d \d+h \d+m \d+s\))\s*$/;

/** A line that begins one of the JVM's reports: an uncaught exception's, or the fatal error report's head. */
export function startsJvmReport(text: string): boolean {
  return JVM_UNCAUGHT.test(text) || JVM_FATAL_HEAD.test(text);
}

/** Where a fatal error report is: its banner, its sections (the whole report), or past its `END.`. */
export type JvmFatalPart = 'banner' | 'report' | 'ended';

/**
 * What `text` is to a fatal error report now at `part`: the part it takes the report to when it
 * continues it, or undefined when it does not (the report has ended). In the banner: more `#`
 * lines, empty lines, and the first section's rule (the whole report follows). In the sections:
 * any line, up to its last (`inSections`: whether such a line still belongs to it, which the caller
 * decides from the file's own record starts). After its last: the `#` lines the JVM prints on its
 * console once the report is written (`#`, `# If you would like to submit a bug report, please
 * visit:`, the URL, `#`: vmError.cpp's print_bug_submit_message), which follow `END.` where the
 * report went to the console too.
 */
export function continuesJvmFatal(part: JvmFatalPart, text: string, inSections: () => boolean): JvmFatalPart | undefined {
  if (part === 'ended') return text.charCodeAt(0) === 35 /* # */ && !JVM_FATAL_HEAD.test(text) ? 'ended' : undefined;
  if (part === 'banner') {
    if (text.charCodeAt(0) === 35 /* # */ || text.trim() === '') return 'banner';
    return JVM_FATAL_SECTION.test(text) ? 'report' : undefined;
  }
  if (JVM_FATAL_END.test(text)) return 'ended';
  return inSections() ? 'report' : undefined;
}

/** JDK 9 and later: `Time: Thu Mar 21 11:39:40 2024 UTC elapsed time: 0.123 seconds (0d 0h 0m 0s)`; JDK 8: `time: Thu Mar 21 11:39:40 2024` (then `timezone: UTC`). */
const JVM_TIME = /^[Tt]ime: ((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d\d:\d\d:\d\d) (\d{4})(?: (.*?))??(?: elapsed time: .*)?\s*$/;
const JVM_TIMEZONE = /^timezone: (.+?)\s*$/;

/**
 * The time a fatal error report says the JVM died at (os::print_date_and_time: ctime, then the
 * zone strftime's %Z names), or undefined when it says none. A zone that is not a known
 * abbreviation (Windows' `W. Europe Standard Time`) leaves the time without a zone.
 */
export function jvmFatalTime(lines: readonly string[]): ParsedTime | undefined {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(1) !== 105 /* i */ || l.length > 300) continue; // (`Time:` / `time:` only, a line of the report's length)
    const m = JVM_TIME.exec(l);
    if (!m) continue;
    const next = lines[i + 1] ?? '';
    const zone = m[3] ?? (next.length <= 300 ? JVM_TIMEZONE.exec(next)?.[1] : undefined);
    // (the ctime shape reads a zone between the time and the year, as date(1) writes it)
    const zoned = zone !== undefined && /^[A-Za-z]{1,5}$/.test(zone) ? parseLogTimestamp(`${m[1]} ${zone} ${m[2]}`) : undefined;
    return zoned !== undefined && !zoned.withoutZone ? zoned : parseLogTimestamp(`${m[1]} ${m[2]}`);
  }
  return undefined;
}
