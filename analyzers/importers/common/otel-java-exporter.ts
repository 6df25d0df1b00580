// OpenTelemetry Java's LoggingSpanExporter and LoggingMetricExporter (opentelemetry-exporter-logging)
// log each span and metric through java.util.logging: `'<name>' : <trace id> <span id> <KIND>
// [tracer: <scope>:<version>] AttributesMap{…}`, `metric: ImmutableMetricData{…}` after `Received a
// collection of N metrics for export.`, each under JUL's source line naming the exporter. A span line
// has no parent id, no times and no status: no trace can be built from it, and it is no log record
// of the program's either. The sniffer names an input made of such lines; the text importer skips
// such records among a program's own (a capture of its stdout and stderr) and says how many.

/** A line of the exporters' output: a span's or a metric's, or JUL's source line naming the exporter. */
export const OTEL_JAVA_EXPORTER_LINE = /(?:^|: )(?:'.{0,512}?' : [0-9a-f]{32} [0-9a-f]{16} (?:INTERNAL|SERVER|CLIENT|PRODUCER|CONSUMER) \[tracer: |metric: ImmutableMetricData\{|Received a collection of \d+ metrics for export\.$)|\bio\.opentelemetry\.exporter\.logging\.Logging(?:Span|Metric)Exporter\b/;

/** JUL's source line of an exporter's record: `Nov 27, 2026 3:27:34 PM io.opentelemetry.exporter.logging.LoggingSpanExporter export`. */
const EXPORTER_SOURCE = /\bio\.opentelemetry\.exporter\.logging\.Logging(Span|Metric)Exporter(?: export)?\s*$/;
/**
 * The record's message: a span, a metric, or the count of metrics the batch holds (after JUL's
 * `INFO: ` or any logger's prefix). (`s`: its `.` takes a CR, U+2028 and U+2029 as well — a `.*$`
 * that stopped at one was tried again from every earlier place its words begin, quadratic.)
 */
const EXPORTER_MESSAGE = /(?:^|: |\s-\s)(?:'.{0,512}?' : [0-9a-f]{32} [0-9a-f]{16} (?:INTERNAL|SERVER|CLIENT|PRODUCER|CONSUMER) \[tracer: .*|metric: ImmutableMetricData\{.*|Received a collection of \d+ metrics for export\.)$/s;

/**
 * What the record of `lines` (as the text importer gathered them) is when it is one of the
 * exporters' records: `span` or `metric` — JUL's two lines (the source line naming the exporter,
 * then its message), or one line whose message is a span's or a metric's. Undefined otherwise.
 * Lines longer than `maxChars` are not looked at (a metric line is a few KB).
 */
export function otelJavaExporterRecord(lines: readonly string[], maxChars = 1 << 20): 'span' | 'metric' | undefined {
  const first = lines[0];
  if (first === undefined || lines.length > 2 || first.length > maxChars || (lines[1]?.length ?? 0) > maxChars) return undefined;
  const message = lines.length === 2 ? lines[1]! : first;
  // (the pattern only where its words are: a long line of other text is not scanned at each `: `)
  if (!message.includes(' [tracer: ') && !message.includes('metric: ImmutableMetricData{') && !message.endsWith(' metrics for export.')) return undefined;
  if (!EXPORTER_MESSAGE.test(message)) return undefined;
  if (lines.length === 2) {
    const source = EXPORTER_SOURCE.exec(first);
    if (!source) return undefined;
    return source[1] === 'Span' ? 'span' : 'metric';
  }
  return /\[tracer: /.test(message) && !/metric: ImmutableMetricData\{/.test(message.slice(0, 200)) ? 'span' : 'metric';
}
