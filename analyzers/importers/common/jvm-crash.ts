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

/**
 * HotSpot's thread dump (`kill -3`/SIGQUIT on the JVM's stdout, `jstack <pid>`, `jcmd <pid>
 * Thread.print`: threadService/vmOperations): the time (`2026-11-28 03:00:22`), `Full thread dump
 * <VM name> (<version> <mode>):`, then per thread a quoted name with its numbers (`"main" #1
 * prio=5 os_prio=0 cpu=… tid=0x… nid=0x… waiting on condition  [0x…]`) and its indented state and
 * frames, blank lines between; JDK 11+ adds `Threads class SMR info:` with the thread list's
 * `_java_thread_list=0x…, length=12, elements={`, lines of addresses and `}`; it ends with `JNI
 * global refs: 7, weak refs: 0`, on SIGQUIT the heap's summary (`Heap` and indented lines), and
 * where threads deadlock the report of it (`Found one Java-level deadlock:`, a rule of `=`, `Java
 * stack information for the threads listed above:`, `Found 1 deadlock.`, each thread in it as
 * `"Thread-1":`). These lines, none of
 * them a logger's, continue the record above (one dump, one record), as its indented lines do.
 */
const THREAD_DUMP_LINE = /^(?:"[^"]{0,300}" (?:#\d+ )?(?:\[\d+\] )?(?:daemon )?(?:prio=\d+|os_prio=-?\d+) |"[^"]{0,300}":\s*$|Threads class SMR info:\s*$|JNI global refs: \d+|Heap\s*$|Found (?:one Java-level deadlock:|\d+ deadlocks?\.)\s*$|Java stack information for the threads listed above:\s*$)/;
/** The thread list's lines: its head (under `Threads class SMR info:`) and its lines of addresses (under the head or each other). */
const THREAD_LIST_LINE = /^(?:_java_thread_list=0x[0-9a-f]+, length=\d+, elements=\{|(?:0x[0-9a-f]{8,16}, )*0x[0-9a-f]{8,16},?)\s*$/;
/** The lines a rule of `=` underlines in a deadlock's report. */
const DEADLOCK_TITLE = /^(?:Found one Java-level deadlock|Java stack information for the threads listed above):\s*$/;
/** The dump's head: `Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):`. */
const THREAD_DUMP_HEAD = /^Full thread dump .{1,300}:\s*$/;
/** The time the JVM prints above the head (`os::print_date_and_time`-less: `%Y-%m-%d %H:%M:%S`, local, alone on its line). */
const THREAD_DUMP_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$/;
/** The first line of `jcmd <pid> …`'s output: the pid it attached to. */
const JCMD_PID = /^\d{1,10}:\s*$/;

/**
 * The line `next` (not empty) continues a thread dump's record whose line above it is `prev` (the
 * line before, empty lines aside): a line of the dump (THREAD_DUMP_LINE), its head under the time
 * the JVM prints above it, and that time under the pid line `jcmd` prints first. Decided from the
 * two lines alone, so a docker json-file's entries (read in pairs, see docker-crash.ts) are grouped
 * as a text log's lines are.
 */
export function continuesThreadDump(prev: string, next: string): boolean {
  if (THREAD_DUMP_LINE.test(next)) return true;
  // (the lines no other output could begin with only under the dump's own: the thread list's, its `}`, a rule of `=`)
  if (THREAD_LIST_LINE.test(next)) return THREAD_LIST_LINE.test(prev) || /^Threads class SMR info:\s*$/.test(prev);
  if (/^\}\s*$/.test(next)) return THREAD_LIST_LINE.test(prev);
  if (/^={20,}\s*$/.test(next)) return DEADLOCK_TITLE.test(prev);
  if (THREAD_DUMP_HEAD.test(next)) return THREAD_DUMP_TIME.test(prev);
  return THREAD_DUMP_TIME.test(next) && JCMD_PID.test(prev);
}

/**
 * The time of a thread dump `jcmd` printed (its pid line, the JVM's time, the dump's head: see
 * continuesThreadDump), the JVM's local time without a zone; undefined for any other record.
 */
export function jcmdDumpTime(lines: readonly string[]): ParsedTime | undefined {
  if (lines.length < 3 || !JCMD_PID.test(lines[0]!) || !THREAD_DUMP_TIME.test(lines[1]!) || !THREAD_DUMP_HEAD.test(lines[2]!)) return undefined;
  return parseLogTimestamp(lines[1]!.trim());
}

/**
 * The last line of a Java stack trace as Throwable.printStackTrace writes it: a frame (`\tat
 * a.B.c(B.java:12)`, logback's packaging data after it), `\t... 5 more` (logback: `... 5 common
 * frames omitted`), or a cause already printed (`Caused by: [CIRCULAR REFERENCE: …]`).
 */
const JAVA_STACK_END = /^(?:\s+at [^\s(]{1,1000}\(.{0,1000}\)(?: ~?\[.{0,300}\])?|\s*\.\.\. \d+ (?:more|common frames omitted)|\s*(?:(?:Caused by|Suppressed): )?\[CIRCULAR REFERENCE: .{0,1000}\])\s*$/;

/**
 * An empty line after `last`, a Java stack's last line, is the stack's end, not a line of the
 * program's own: java.util.logging's SimpleFormatter ends a record with `%6$s%n`, the stack trace
 * (which ends with a newline) and one more newline. Behind a container runtime, where an empty
 * message that continues nothing is a record of its own, it is the record's trailing line, dropped
 * as a plain file drops a record's trailing empty lines.
 */
export function endsJavaStack(last: string): boolean {
  return last.length <= 3000 && JAVA_STACK_END.test(last);
}
