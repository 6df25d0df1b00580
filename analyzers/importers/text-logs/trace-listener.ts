// System.Diagnostics' TraceListener writes a traced event with a head of its own (TraceListener.WriteHeader, in .NET
// Framework, .NET and Mono alike): `<source> <eventType>: <id> : <message>`, the source the TraceSource's name, or the
// program's (`app.exe`) for Trace.TraceInformation/TraceWarning/TraceError, which write ids 0; the ConsoleTraceListener
// and TextWriterTraceListener write it so, with no time:
//   app.exe Information: 0 : trace info message
//   Shop.Orders Warning: 42 : slow query
// The event type is the level (TraceEventType: Critical, Error, Warning, Information, Verbose; Start, Stop, Suspend,
// Resume and Transfer mark activities, at INFO). A line that begins so begins a record.
import type { TextLineFields } from './line-fields.js';

const TRACE_LISTENER = /^([^\s:]{1,260}) (Critical|Error|Warning|Information|Verbose|Start|Stop|Suspend|Resume|Transfer): (-?\d{1,10}) : /;

/** The header key of such a line (see isStrongStart in index.ts). */
export const TRACE_LISTENER_KEY = 'dotnet-trace';

const LEVELS: Readonly<Record<string, number>> = { Critical: 21, Error: 17, Warning: 13, Information: 9, Verbose: 5 };

/** Reads a TraceListener head at the start of `line` into `out`; false when the line has none. */
export function readTraceListener(line: string, out: TextLineFields): boolean {
  const m = line.length > 12 ? TRACE_LISTENER.exec(line) : null;
  if (!m) return false;
  out.severityNumber = LEVELS[m[2]!] ?? 9;
  out.severityText = m[2]!;
  out.attributes['dotnet.trace.source'] = m[1]!;
  out.attributes['dotnet.trace.event_id'] = Number(m[3]);
  out.headerKey = TRACE_LISTENER_KEY;
  out.hasHeader = true;
  return true;
}
