// glog opens each log file it creates with four lines of its own before the first entry
// (glog 0.3 to 0.7, logging.cc LogFileObject::CreateLogfile):
//   Log file created at: 2026/11/28 12:43:26
//   Running on machine: vm
//   Running duration (h:mm:ss): 0:00:00          (0.6 and later)
//   Log line format: [IWEF]yyyymmdd hh:mm:ss.uuuuuu threadid file:line] msg
// They describe the file, as Ruby Logger's `# Logfile created on …` does: no entries.
const GLOG_PREAMBLE = /^(?:Log file created at: \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d|Running on machine: \S{1,255}|Running duration \(h:mm:ss\): \d{1,9}:\d\d:\d\d|Log line format: \[IWEF\](?:yyyy)?mmdd hh:mm:ss\.uuuuuu threadid file:line\] msg)\s*$/;

/** `text` is one of the lines glog writes at the top of a log file it creates (no entry). */
export function isGlogPreamble(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 76 /* L */ || c === 82 /* R */) && text.length <= 300 && GLOG_PREAMBLE.test(text);
}
