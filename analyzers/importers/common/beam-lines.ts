// Erlang/OTP's and Elixir's reports written on a console one line after another, as a reader that
// decides each line from the line above it alone sees them (a docker json-file log's entries, see
// jsonl-logs/docker-crash.ts). In a text log the header of each report begins its record and the
// lines under it join it; there, their unindented lines are decided so:
// - the line under the header of OTP's legacy report (`=ERROR REPORT==== 28-Nov-2026::17:35:51.355344 ===`,
//   logger_formatter with legacy_header, and error_logger's tty), whatever it says;
// - gen_server's terminate report's `** …` lines under one another (`** Generic server w terminating`,
//   `** Last message in was …`, `** When Server state == …`, `** Reason for termination ==`), and
//   Elixir's reason line under its report's head (`[error] GenServer Worker terminating`,
//   `Task #PID<…> started from … terminating`, `Process #PID<…> raised an exception`): `** (RuntimeError) …`;
// - Elixir's report lines after its frames (`Last message: …`, `State: …`, `Function: …`, `    Args: …`,
//   `Client #PID<…> is alive`).
const LEGACY_HEADER = /^=[A-Z][A-Z ]{0,40} REPORT==== [^\n]{1,80} ===\s*$/;
const REASON_LINE = /^\*\* (?!\(EXIT from )\S/;
const REPORT_HEAD_END = /(?:terminating|raised an exception)\s*$/;
const ELIXIR_TAIL = /^(?:Last message(?: \(from [^)\n]{1,200}\))?: |State: |Function: |Client #PID<[\d.]{5,40}> is (?:alive|dead)\s*$)/;

/** `text` (no indent) goes on with the Erlang or Elixir report `prev`, the line above it, is a line of. */
export function continuesBeamLine(prev: string, text: string): boolean {
  if (prev.length > 8192 || text.trim() === '') return false;
  if (LEGACY_HEADER.test(prev)) return true;
  if (REASON_LINE.test(text)) return REASON_LINE.test(prev) || REPORT_HEAD_END.test(prev);
  if (ELIXIR_TAIL.test(text)) return /^\s/.test(prev) || ELIXIR_TAIL.test(prev) || REASON_LINE.test(prev);
  return false;
}
