// Ruby's Logger (logger.rb) opens each file it creates with a comment line,
// `# Logfile created on 2026-11-28 08:41:45 +0000 by logger.rb/v1.5.0`, whatever the formatter
// writes after it (its default `I, [time #pid]  INFO -- prog: msg`, or a custom one's JSON): no entry.
export const RUBY_LOGFILE_HEADER = /^# Logfile created on .{10,40} by logger\.rb(?:\/v?[\d.]+)?\s*$/;
