// Structure: can a program consume the data? Logs it can parse, spans that are complete and
// speak the semantic conventions, metrics with declared types, units and conventional names.
import { TRACES_ID, type SampledTracesState } from '../analysis/sampled-traces.js';
import { emptyCheck, type CheckState } from '../profile/checks.js';
import { prometheusGenerated } from '../profile/prometheus-generated.js';
import { metricFamilies, namesSample, NAMES_SAMPLE_WHY, UNNAMED_METRIC, type MetricFamily } from '../profile/metric-profile.js';
import { REGULAR_MIN_LINES } from '../profile/log-templates.js';
import { sampleReasonWords, traceSampleNote, type TraceServiceStats } from '../profile/trace-store.js';
import type { ExampleRecord } from '../profile/examples.js';
import type { ServiceView } from './context.js';
import { hasUnitSuffix, isUcum, metricNameProblems } from './metric-naming.js';
import { pct, round4, ruleFromServices, shareRule, SPAN_SAMPLE_WHY, type JudgedCheck } from './rule-helpers.js';
import type { RuleDefinition, RuleOutcome, ScoringContext } from './rule.js';
import type { EvidenceRecord } from './types.js';

const logCheck = (id: string) => (s: ServiceView) => s.state.logs?.checks[id];
/** A check over a service's spans: its counts are spans (`evidence.unit`), not records. */
const spanCheck = (id: string) => (s: ServiceView): CheckState | undefined => {
  const c = s.state.spans?.checks[id];
  return c && !c.unit ? { ...c, unit: 'spans' } : c;
};

/**
 * A check over a service's logical spans (S-SPAN-KIND, S-SPAN-TIMING), read from the per-trace
 * statistics as S-SPAN-PARENT is (../analysis/span-tree.ts): a span exported twice counts once and
 * a Zipkin fragment (a piece sent without kind or times) is part of the span of its id and service,
 * not a span without kind or times (a service whose only span records are such pieces has no span
 * of its own to judge). Past the memory cap the trace store keeps a sample of whole traces: the
 * counts are that sample's (`evidence.sample`), and a service none of whose traces the sample kept
 * is judged on all its span records instead (`id`: the record-level check).
 */
function logicalSpanCheck(id: string, failing: (t: TraceServiceStats) => number, examples: (t: TraceServiceStats) => ExampleRecord[]): (s: ServiceView, ctx: ScoringContext) => CheckState | undefined {
  return (s, ctx) => {
    const t = s.trace;
    if (t === undefined || t.spans === 0) return ((ctx.extras[TRACES_ID] as SampledTracesState | undefined)?.level ?? 0) > 0 ? spanCheck(id)(s) : undefined;
    const sampled = t.sampleShare !== undefined && t.sampleShare < 1 && t.sample !== undefined;
    // (why the traces are a sample: the run's detail sample, the memory cap, or both)
    const why = t.sampleReason !== undefined && t.sampleReason !== 'cap' ? { sampleWhy: sampleReasonWords(t.sampleReason, SPAN_SAMPLE_WHY) } : {};
    return { examined: t.spans, failing: failing(t), examples: examples(t).map((e) => ({ ...e })), unit: 'spans', ...(sampled ? { sampleShare: t.sampleShare, sample: { ...t.sample! }, ...why } : {}) };
  };
}

/**
 * S-SPAN-KIND's check with how many of its spans had their kind read from their shape, not
 * written (Span.kindFrom 'zipkin-local': a Zipkin span without kind, with times and a local
 * endpoint only, read as INTERNAL): counted on the same spans as the check (logical spans, or
 * every record when the service's traces were not kept).
 */
function withKindFrom(c: JudgedCheck | undefined, s: ServiceView): JudgedCheck | undefined {
  if (c === undefined) return c;
  const t = s.trace;
  const inferred = t !== undefined && t.spans > 0 ? t.kindInferred : (s.state.spans?.checks['span.kind.from-shape']?.failing ?? 0);
  if (inferred === 0) return c;
  const one = inferred === 1;
  const who = inferred === c.examined ? (one ? 'the span has' : `all ${inferred} have`) : `${inferred} of the ${c.examined} ${one ? 'has' : 'have'}`;
  return { ...c, note: `${who} no kind written and ${one ? 'was' : 'were'} read as INTERNAL from ${one ? 'its' : 'their'} shape (Zipkin local span${one ? '' : 's'}: a timestamp, a duration and a local endpoint, no remote endpoint; kindFrom \`zipkin-local\`)` };
}

/** A property of metric names that some formats cannot carry: the names read only from those cannot tell. */
interface NotCarried {
  /** The name's formats could not carry the property. */
  when: (m: MetricFamily) => boolean;
  /** What such names are (Undecided.what). */
  what: string;
  /** The example's note after the name. */
  note: string;
}

/**
 * A check over the metric names of a service (one example point per failing name): the metrics,
 * not the sample names of an exposition (`x_bucket`, `x_sum` and `x_count` are the histogram `x`).
 * With `notCarried`, a failing name whose every point came from a format that cannot carry the
 * property is undecided, not failing.
 */
/** What the series Prometheus writes itself are, for the name rules that cannot judge a service by them. */
const GENERATED_WHAT = 'series Prometheus writes itself (`up` and `scrape_*` per target, `ALERTS` and `ALERTS_FOR_STATE` by its rules), whose names the service did not choose';

/** What the series without a metric name are, for the name rules that cannot judge them. */
const UNNAMED_WHAT = 'series without a metric name (a computed query\'s result — `rate(…)`, `sum by (…)`, any PromQL function — drops `__name__`, and with it what the metric is: its name, type, unit and description)';

function nameCheck(svc: ServiceView, fails: (name: string, m: MetricFamily) => string | undefined, notCarried?: NotCarried, withUnnamed = true): JudgedCheck | undefined {
  const m = svc.state.metrics;
  if (!m) return undefined;
  const c: JudgedCheck = { ...emptyCheck(), unit: 'metric names' };
  const sample = namesSample(m);
  if (sample) {
    c.sample = sample;
    c.sampleShare = sample.share;
    c.sampleWhy = NAMES_SAMPLE_WHY;
  }
  // Series Prometheus writes itself (`up`, `scrape_*`, `ALERTS*`): not names the service chose.
  const generated: MetricFamily[] = [];
  for (const st of metricFamilies(m)) {
    const name = st.name;
    // (`up` and `scrape_*` only when read from Prometheus' storage — an API answer, /federate, a
    // tsdb dump —: in an exposition of the target's own they are names it chose)
    const by = prometheusGenerated(name);
    if (by === 'alerts' || (by === 'scrape' && !st.carriesMetadata)) {
      generated.push(st);
      continue;
    }
    c.examined++;
    const problem = fails(name, st);
    if (problem !== undefined && notCarried?.when(st)) {
      const u = (c.undecided ??= { count: 0, examples: [], what: notCarried.what });
      u.count++;
      const ex = st.examples[0];
      if (ex && u.examples.length < 5) u.examples.push({ ...ex, note: `${name}: ${notCarried.note}` });
    } else if (problem !== undefined) {
      c.failing++;
      const ex = st.examples[0];
      if (ex && c.examples.length < 5) c.examples.push({ ...ex, note: `${name}: ${problem}` });
    }
  }
  // A service with none of its own (a down target: `up`, `scrape_*` and its alerts): its
  // instrumentation cannot be told from them.
  if (c.examined === 0 && generated.length > 0) {
    c.examined = generated.length;
    c.undecided = { count: generated.length, examples: generated.flatMap((g) => (g.examples[0] ? [{ ...g.examples[0], note: `${g.name}: written by Prometheus` }] : [])).slice(0, 5), what: GENERATED_WHAT };
  }
  // The series without a name: one metric whose name, type, unit and description were lost —
  // cannot be told, never a pass by being left out (a computed query's answer would otherwise
  // score better than the raw series it was computed from).
  const unnamed = Object.prototype.hasOwnProperty.call(m.names, '') ? m.names[''] : undefined;
  if (withUnnamed && unnamed !== undefined && unnamed.points > 0) {
    c.examined++;
    const u = (c.undecided ??= { count: 0, examples: [], what: UNNAMED_WHAT });
    if (u.what !== UNNAMED_WHAT) u.what = `${u.what}, or ${UNNAMED_WHAT}`;
    u.count++;
    const ex = unnamed.examples[0];
    if (ex && u.examples.length < 5) u.examples.push({ ...ex, note: `${UNNAMED_METRIC}: ${unnamed.points} point${unnamed.points === 1 ? '' : 's'} of series without __name__` });
  }
  return c;
}

/** The formats that cannot carry a metric's type or description (MetricPoint.noMetadata), as the rules say them. */
const NO_METADATA_FORMATS = 'a query API\'s answer (Prometheus `/api/v1/query`, `query_range`…), a Prometheus `/federate` exposition (every family `# TYPE … untyped`, no HELP) or `promtool tsdb dump` output';

/** The same, in a finding's message. */
const NO_METADATA_SHORT = 'a query API\'s answer, such as Prometheus /api/v1/query_range, a Prometheus /federate exposition or promtool tsdb dump output';

/** What the metric points of a text exposition without a timestamp are (S-MET-TIMESTAMP cannot tell). */
const UNTIMED_EXPOSITION = 'samples of a text exposition (Prometheus 0.0.4 or OpenMetrics) without a timestamp, which a scrape leaves out by design: Prometheus stamps the samples when it scrapes them';

/**
 * S-MET-TIMESTAMP's counts: points without a timestamp fail, but those of a text exposition (a
 * scrape, timestamped by Prometheus when it takes it) are undecided.
 */
function untimedCheck(s: ServiceView): JudgedCheck | undefined {
  const checks = s.state.metrics?.checks;
  const all = checks?.['metric.timestamp'];
  if (!checks || !all) return undefined;
  const exposition = checks['metric.timestamp.exposition'];
  if (!exposition || exposition.failing === 0) return all;
  const other = checks['metric.timestamp.other'];
  return { examined: all.examined, failing: other?.failing ?? 0, examples: other?.examples.map((e) => ({ ...e })) ?? [], undecided: { count: exposition.failing, examples: exposition.examples.map((e) => ({ ...e })), what: UNTIMED_EXPOSITION } };
}

/**
 * S-SERVICE-IDENTITY's pass message, saying where the name came from: a resource's `service.name`,
 * or a label OpenTelemetry's Prometheus compatibility maps to it (a metric export without a
 * resource: `job`, `service_name`, a `target_info`'s).
 */
function passMessage(n: number, name: string, from: readonly string[] | undefined): string {
  const labels = (from ?? []).filter((f) => f !== 'service.name');
  const records = n === 1 ? 'The 1 record' : `All ${n} records`;
  if (labels.length === 0) return `${records} ${n === 1 ? 'carries' : 'carry'} service.name "${name}".`;
  const keys = labels.map((k) => (k.startsWith('target_info ') ? `\`${k.slice(12)}\` of the \`target_info\` before ${n === 1 ? 'it' : 'them'}` : `\`${k}\``)).join(' or ');
  const mixed = from!.includes('service.name') ? 'service.name on their resource or, on the others, from the label' : 'service.name from the label';
  return `${records} name${n === 1 ? 's' : ''} service "${name}": ${mixed} ${keys}, as OpenTelemetry's Prometheus compatibility maps it for an export without a resource.`;
}

export const STRUCTURE_RULES: RuleDefinition[] = [
  ruleFromServices({
    id: 'S-SERVICE-IDENTITY',
    dimension: 'structure',
    signal: 'cross',
    impact: 'critical',
    title: 'Every record names its service',
    passes: 'every span, log record and metric point carries a resource `service.name` that is not empty and not an SDK default (`unknown_service*`); a record without one fails even where a `service`, `app`, `job` or pod attribute names its service (the findings file it under that name), and a `component` tag names the instrumentation library, not the service',
    threshold: '0 records without a service identity',
    rationale: 'A decision engine acts on a service. A record it cannot attribute to one is unusable for detection, diagnosis and remediation; one such flaw caps the verdict (SSL Labs-style).',
    remediation: 'Set `OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) in every process; for sources you cannot change, add it in the Collector with the `resource` processor (`attributes: [{key: service.name, value: <name>, action: upsert}]`) or derive it with `k8sattributes` + `transform`.',
    perService: (svc, ctx) => {
      const c = svc.state.resource.checks['res.service-identity'];
      if (!c || c.examined === 0) return undefined;
      const passed = c.failing === 0;
      // Records without a service gather under one name, so their share of it is always 100 %:
      // their share of everything read says how large the flaw is.
      let total = 0;
      for (const s of ctx.services) total += s.state.resource.checks['res.service-identity']?.examined ?? 0;
      const ofAll = total > c.examined ? ` They are ${c.failing} of all ${total} records read (${pct(c.failing / total)}).` : '';
      // records without one that an attribute names are filed under that name (service.ts recordServiceOf)
      const namedBy = svc.state.namedBy ?? [];
      const keys = namedBy.map((k) => `\`${k}\``).join(' / ');
      const from = namedBy.length > 0 ? ` Service from tag ${keys}: the records without one are filed under "${svc.name}" by it, as the dependency graph and the correlation file them.` : '';
      // the OpenTelemetry SDKs' fallback when service.name is not set: unknown_service:<process>
      const proc = /^\(unknown service: (.+)\)$/.exec(svc.name)?.[1];
      const sdk = proc !== undefined ? ` Their service.name is the OpenTelemetry SDK default \`unknown_service:${proc}\`: service.name was not set in the \`${proc}\` process.` : '';
      return {
        service: svc.name,
        passed,
        value: c.failing,
        threshold: 0,
        message: passed ? passMessage(c.examined, svc.name, svc.state.resource.serviceNameFrom) : `${c.failing} of ${c.examined} records have no usable service.name (${pct(c.failing / c.examined)}).${sdk}${ofAll}${from}`,
        examined: c.examined,
        failing: c.failing,
        examples: c.examples.map((e) => ({ ...e })),
      };
    },
  }),
  shareRule({
    id: 'S-LOG-STRUCTURED',
    dimension: 'structure',
    signal: 'logs',
    impact: 'important',
    title: 'Logs are structured',
    passes: 'at least 90 % of log records come from a structured source (OTLP, JSON, logfmt, CSV columns)',
    threshold: '≥ 90 % structured',
    rationale: 'Free text must be parsed with guesses before a program can use fields such as the level, the trace id or the user-visible outcome; structured records carry them as fields.',
    remediation: 'Emit JSON logs: logback `net.logstash.logback.encoder.LogstashEncoder` / log4j2 `JsonTemplateLayout`, Python `structlog` with `JSONRenderer`, Node `pino`, Go `log/slog` with `slog.NewJSONHandler`, .NET Serilog `CompactJsonFormatter` / NLog `JsonLayout` / Microsoft.Extensions.Logging `AddJsonConsole()`, Ruby `semantic_logger` (`formatter: :json`) or Rails `lograge`, PHP Monolog `JsonFormatter`, Elixir `logger_json` / Erlang `logger_formatter_json`, C++ the OpenTelemetry C++ logs SDK (a spdlog JSON-looking `set_pattern` does not escape quotes or line breaks); or export through the OpenTelemetry logs bridge (OTLP). For legacy text, parse in the Collector with the `filelog` receiver `regex_parser`/`json_parser` operators.',
    check: logCheck('log.structured'),
    maxFailShare: 0.1,
    failingWhat: 'log records are free text',
    reportPassingShare: true,
  }),
  shareRule({
    id: 'S-LOG-TIMESTAMP',
    dimension: 'structure',
    signal: 'logs',
    impact: 'important',
    title: 'Log timestamps are parseable',
    passes: 'at least 99 % of log records have a timestamp that could be read (time 0, 1970-01-01T00:00:00Z, is OTLP\'s "unset": no timestamp)',
    threshold: '≥ 99 % with a timestamp',
    rationale: 'Without a time a record cannot be placed on the incident timeline or joined with spans and metrics.',
    remediation: 'Log an ISO-8601/RFC 3339 timestamp with offset (logback `%d{yyyy-MM-dd\'T\'HH:mm:ss.SSSXXX}`, pino `timestamp: pino.stdTimeFunctions.isoTime`, structlog `TimeStamper(fmt="iso", utc=True)`, Serilog `{Timestamp:o}`, spdlog `%Y-%m-%dT%H:%M:%S.%e%z`, Ruby Logger `datetime_format = "%FT%T.%6N%:z"`, Elixir Logger `$date $time` with `utc_log: true`); a program\'s crash report on stderr has no time: let the container runtime stamp it (CRI, docker json-file) or the Collector\'s `filelog` receiver; in the Collector set `timestamp` in the `filelog` parser operator.',
    check: logCheck('log.timestamp'),
    maxFailShare: 0.01,
    failingWhat: 'log records have no parseable timestamp',
    reportPassingShare: true,
  }),
  shareRule({
    id: 'S-LOG-TIMEZONE',
    dimension: 'structure',
    signal: 'logs',
    impact: 'low',
    title: 'Log timestamps carry a zone',
    passes: 'at least 99 % of timestamped log records state their UTC offset or zone',
    threshold: '≥ 99 % with a zone',
    rationale: 'A local time without an offset is read as UTC and can be hours off from spans and metrics, which breaks cross-signal joins.',
    remediation: 'Use a pattern with an offset (`XXX`/`%z`) or log in UTC with `Z`; in the Collector set `location` on the `filelog` time parser.',
    check: logCheck('log.timestamp-zone'),
    maxFailShare: 0.01,
    failingWhat: 'timestamps lack a zone or offset',
    reportPassingShare: true,
  }),
  shareRule({
    id: 'S-LOG-SEVERITY',
    dimension: 'structure',
    signal: 'logs',
    impact: 'important',
    title: 'Log records carry a severity',
    passes: 'at least 95 % of log records have a severity number or a recognisable level text',
    threshold: '≥ 95 % with a severity',
    rationale: 'The level is the cheapest symptom signal a decision engine has; without it errors cannot be told from chatter.',
    remediation: 'Include the level field in the log layout (logback `%level`, pino `level`, structlog `add_log_level`, spdlog `%l`, Serilog `{Level}`, Monolog `%level_name%`, Elixir Logger `[$level]`); in the Collector map it with the `filelog` `severity` parser or a `transform` processor setting `severity_number`.',
    check: logCheck('log.severity'),
    maxFailShare: 0.05,
    failingWhat: 'log records have no severity',
    reportPassingShare: true,
  }),
  ruleFromServices({
    id: 'S-LOG-TEMPLATES',
    dimension: 'structure',
    signal: 'logs',
    impact: 'normal',
    title: 'Log messages follow recurring templates',
    passes: `at least 80 % of log lines belong to a template seen at least ${REGULAR_MIN_LINES} times (with at least 50 lines)`,
    threshold: '≥ 80 % of lines in recurring templates',
    rationale: 'A program maps messages to events by template; lines that never recur (ids, dumps, prose) cannot be turned into events or counted.',
    remediation: 'Log constant messages with variables as fields (`log.info("order placed", kv("orderId", id))`, structlog `log.info("order_placed", order_id=id)`), not interpolated into the text.',
    perService: (svc) => {
      const t = svc.templates;
      if (!t || t.lines < 50) return undefined;
      const passed = t.regularShare >= 0.8;
      return {
        service: svc.name,
        passed,
        value: round4(t.regularShare),
        threshold: 0.8,
        message: `${pct(t.regularShare)} of ${t.lines} lines belong to recurring templates (${t.templates} templates).`,
        examined: t.lines,
        failing: Math.round(t.lines * (1 - t.regularShare)),
        examples: t.examples.rare,
      };
    },
  }),
  shareRule({
    id: 'S-SPAN-IDS',
    dimension: 'structure',
    signal: 'traces',
    impact: 'important',
    title: 'Span ids are well-formed',
    passes: 'every span has a non-zero 32- or 16-hex trace id and a non-zero 16-hex span id (parent id, when set, too)',
    threshold: '≤ 0.1 % malformed',
    rationale: 'Malformed ids cannot be joined to parents, logs or exemplars.',
    remediation: 'Use the OpenTelemetry SDK id generator; when converting from another tracer, keep 128-bit ids and lower-case hex (Collector `zipkin`/`jaeger` receivers do this).',
    check: spanCheck('span.ids'),
    maxFailShare: 0.001,
    failingWhat: 'spans have malformed ids',
  }),
  shareRule({
    id: 'S-SPAN-TIMING',
    dimension: 'structure',
    signal: 'traces',
    impact: 'important',
    title: 'Spans have start and end times',
    passes: 'at least 99 % of spans have a start and an end time with end ≥ start (spans as the trace checks read them: a span exported twice once, a Zipkin span sent in pieces one span with the times of its pieces)',
    threshold: '≤ 1 % without valid timing',
    rationale: 'Latency is the first symptom most remediations key on; spans without timing give none.',
    remediation: 'End every span (`span.end()` in `finally`); do not export unfinished spans; check clock sources in custom exporters.',
    check: logicalSpanCheck('span.timing', (t) => t.badTiming, (t) => t.timingExamples),
    maxFailShare: 0.01,
    failingWhat: 'spans lack valid start/end times',
  }),
  shareRule({
    id: 'S-SPAN-KIND',
    dimension: 'structure',
    signal: 'traces',
    impact: 'normal',
    title: 'Span kind is set',
    passes: 'at most 5 % of spans have kind UNSPECIFIED (spans as the trace checks read them: a span exported twice once, a Zipkin span sent in pieces one span with the kind of its pieces; a Zipkin span without kind that has times and a local endpoint only is a local span, INTERNAL, as Zipkin v2 cannot write that kind, and the message says how many spans were so read: `kindFrom` `zipkin-local`)',
    threshold: '≤ 5 % unspecified',
    rationale: 'The kind tells server from client and producer from consumer: without it a dependency graph and the semantic-convention checks cannot be built.',
    remediation: 'Pass `kind: SpanKind.SERVER/CLIENT/…` when starting spans (auto-instrumentation does); for converted data set it with the Collector `transform` processor (`set(kind, …)`).',
    check: (s, ctx) => withKindFrom(logicalSpanCheck('span.kind', (t) => t.kindUnspecified, (t) => t.kindExamples)(s, ctx), s),
    maxFailShare: 0.05,
    failingWhat: 'spans have kind UNSPECIFIED',
  }),
  ...(
    [
      ['http-server', 'HTTP server', 'important', '`http.request.method`, `url.path`, `url.scheme`'],
      ['http-client', 'HTTP client', 'important', '`http.request.method`, `server.address`, `server.port`, `url.full`'],
      ['db', 'database', 'normal', '`db.system.name`'],
      ['rpc', 'RPC', 'normal', '`rpc.system.name`'],
      ['messaging', 'messaging', 'normal', '`messaging.system`, `messaging.operation.type`'],
    ] as const
  ).map(([cat, label, impact, keys]) =>
    shareRule({
      id: `S-SPAN-SEMCONV-${cat.toUpperCase()}`,
      dimension: 'structure',
      signal: 'traces',
      impact,
      title: `${label[0]!.toUpperCase() + label.slice(1)} spans carry the required semantic-convention attributes`,
      passes: `at least 95 % of ${label} spans carry ${keys} (deprecated equivalents accepted, reported by S-SPAN-SEMCONV-DEPRECATED)`,
      threshold: '≥ 95 % complete',
      rationale: 'These attributes make spans joinable and comparable across services (SCORING.md §3); a decision engine keys remediations on them.',
      remediation: `Use the OpenTelemetry instrumentation library for the ${label} framework (it sets ${keys}); for hand-made spans add them at creation; fill gaps in the Collector with the \`transform\` processor.`,
      check: spanCheck(`span.semconv.${cat}`),
      maxFailShare: 0.05,
      failingWhat: `${label} spans miss required attributes`,
    }),
  ),
  shareRule({
    id: 'S-SPAN-SEMCONV-PROTOCOL',
    dimension: 'structure',
    signal: 'traces',
    impact: 'normal',
    title: 'Remote spans say which protocol they speak',
    passes: 'at most 10 % of SERVER/CLIENT/PRODUCER/CONSUMER spans lack every HTTP, RPC, database and messaging attribute (and an HTTP-style name)',
    threshold: '≤ 10 % unclassified',
    rationale: 'A remote call without protocol attributes cannot be matched to its peer, its route or its error semantics.',
    remediation: 'Use the OpenTelemetry instrumentation library of the framework/driver; for custom spans set `http.request.method`/`rpc.system.name`/`db.system.name`/`messaging.system` at creation.',
    check: spanCheck('span.semconv.protocol'),
    maxFailShare: 0.1,
    failingWhat: 'remote spans carry no protocol attributes',
  }),
  shareRule({
    id: 'S-SPAN-SEMCONV-DEPRECATED',
    dimension: 'structure',
    signal: 'traces',
    impact: 'low',
    title: 'Spans use current semantic-convention names',
    passes: 'at most 5 % of HTTP/DB/RPC/messaging spans rely on deprecated attribute names (`http.method`, `db.system`, …)',
    threshold: '≤ 5 % deprecated',
    rationale: 'Deprecated names still carry the information, but queries and tools written for current names miss them.',
    remediation: 'Upgrade the instrumentation libraries and set `OTEL_SEMCONV_STABILITY_OPT_IN=http,database`; or rename in the Collector with the `transform` processor (`set(attributes["http.request.method"], attributes["http.method"])`).',
    check: spanCheck('span.semconv-deprecated'),
    maxFailShare: 0.05,
    failingWhat: 'spans use deprecated attribute names',
  }),
  shareRule({
    id: 'S-SPAN-STATUS',
    dimension: 'structure',
    signal: 'traces',
    impact: 'important',
    title: 'Span status follows the conventions',
    passes: 'among spans with an HTTP/gRPC outcome or an exception: 5xx → Error, 4xx → Error on clients only (Unset on servers), success not Error, exceptions not Ok; at most 1 % violate this',
    threshold: '≤ 1 % misused',
    rationale: 'Error status is how a decision engine counts failures per operation; a 5xx left Unset hides an outage, 4xx marked Error on servers inflates it.',
    remediation: 'Use the OpenTelemetry HTTP/gRPC instrumentation (it sets status by the conventions); in custom code call `span.setStatus({code: ERROR})` only for failures; fix exported data with the Collector `transform` processor (`set(status.code, STATUS_CODE_ERROR) where attributes["http.response.status_code"] >= 500`).',
    check: spanCheck('span.status'),
    maxFailShare: 0.01,
    failingWhat: 'spans with an outcome have a misused status',
  }),
  ruleFromServices({
    id: 'S-SPAN-PARENT',
    dimension: 'structure',
    signal: 'traces',
    impact: 'important',
    title: 'Parent spans resolve within the export',
    passes: 'at most 1 % of spans with a parent id point to a parent that is missing from the export',
    threshold: '≤ 1 % orphans',
    rationale: 'An orphan span breaks the causal chain a decision engine walks from symptom to cause.',
    remediation: 'Propagate W3C `traceparent` across every hop (SDK `propagators: tracecontext,baggage`); make sure every service exports to the same pipeline; use `groupbytrace` before tail sampling so whole traces are kept.',
    perService: (svc) => {
      const t = svc.trace;
      if (!t || t.withParent === 0) return undefined;
      const share = t.orphans / t.withParent;
      const passed = share <= 0.01;
      return {
        service: svc.name,
        passed,
        value: round4(share),
        threshold: 0.01,
        message: `${t.orphans} of ${t.withParent} spans with a parent id have no parent in the export (${pct(share)})${traceSampleNote(t)}.`,
        examined: t.withParent,
        failing: t.orphans,
        examples: t.orphanExamples.map((e) => ({ ...e })),
        ...(t.sample ? { sample: { ...t.sample } } : {}),
      };
    },
  }),
  shareRule({
    id: 'S-MET-TIMESTAMP',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'normal',
    title: 'Metric points carry timestamps',
    passes: 'at least 99 % of metric points have a timestamp; a text exposition\'s samples (Prometheus 0.0.4, OpenMetrics) need none — exporters leave it out and Prometheus stamps them at scrape time — so without one they cannot tell',
    threshold: '≥ 99 % timestamped',
    rationale: 'Without timestamps points cannot be ordered into series, rated or aligned with logs and spans.',
    remediation: 'Export with timestamps (OTLP always has them; for Prometheus use the remote-write or the HTTP API `query_range` instead of a bare exposition snapshot; `honor_timestamps: true`).',
    check: (s) => untimedCheck(s),
    maxFailShare: 0.01,
    failingWhat: 'metric points have no timestamp',
    reportPassingShare: true,
  }),
  shareRule({
    id: 'S-MET-TYPE',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'normal',
    title: 'Metric types are declared',
    passes: `at most 10 % of metric names have an unknown/untyped type; a name read only from ${NO_METADATA_FORMATS} cannot tell`,
    threshold: '≤ 10 % untyped',
    rationale: 'Without the type a program cannot tell a counter (rate it) from a gauge (use it as is).',
    remediation: 'Declare `# TYPE` for every family (client libraries do); with OpenTelemetry use the proper instrument (Counter, UpDownCounter, Gauge, Histogram).',
    check: (s) => nameCheck(s, (_n, m) => (m.types.every((t) => t === 'unknown') ? 'untyped' : undefined), { when: (m) => !m.carriesMetadata, what: `metric names read only from a format that cannot carry a type (${NO_METADATA_SHORT})`, note: 'untyped in a format that cannot carry a type' }),
    maxFailShare: 0.1,
    failingWhat: 'metric names are untyped',
  }),
  shareRule({
    id: 'S-MET-UNIT',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'normal',
    title: 'Metric units are declared',
    passes: 'at least 80 % of metric names declare a unit (metadata — an OpenTelemetry `unit`, a `# UNIT` line — or a base-unit suffix such as `_seconds`, `_bytes`, `_ratio`); a Prometheus histogram, summary or counter is one metric name, not one per sample name',
    threshold: '≥ 80 % with a unit',
    rationale: 'A threshold of 500 is meaningless until you know whether it is ms or s.',
    remediation: 'Pass `unit` when creating OpenTelemetry instruments (`meter.createHistogram("http.server.request.duration", {unit: "s"})`); in Prometheus name metrics with a base-unit suffix and declare `# UNIT` in OpenMetrics.',
    check: (s) => nameCheck(s, (n, m) => (m.units.some((u) => u !== '') || hasUnitSuffix(n) || m.types.includes('info') || m.types.includes('stateset') || m.stateLabel ? undefined : 'no unit')),
    maxFailShare: 0.2,
    failingWhat: 'metric names declare no unit',
  }),
  shareRule({
    id: 'S-MET-HELP',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'low',
    title: 'Metrics are described',
    passes: `at least 80 % of metric names carry a description (HELP); a name read only from ${NO_METADATA_FORMATS} cannot tell`,
    threshold: '≥ 80 % described',
    rationale: 'Descriptions let reviewers of an automated proposal understand what the metric measures.',
    remediation: 'Set `description` on OpenTelemetry instruments; `# HELP` in Prometheus client libraries (`help=` argument).',
    check: (s) => nameCheck(s, (_n, m) => (m.described > 0 ? undefined : 'no HELP/description'), { when: (m) => !m.carriesMetadata, what: `metric names read only from a format that cannot carry a description (${NO_METADATA_SHORT})`, note: 'no HELP in a format that cannot carry one' }),
    maxFailShare: 0.2,
    failingWhat: 'metric names have no description',
  }),
  shareRule({
    id: 'S-MET-NAMING',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'normal',
    title: 'Metric names follow the conventions',
    passes: 'at most 10 % of metric names break Weaver\'s `^[a-z][a-z0-9]*([._][a-z0-9]+)*$` or a promlint rule (`_total` only on counters, counters end in `_total`, reserved `_bucket/_count/_sum`, type in the name, abbreviated units where the unit stands (last, or before `_total`/`_bucket`/`_sum`/`_count`), non-base units as promlint finds them (`milliseconds`, `minutes`, `kilobytes`, `bits`, `fahrenheit`…, and `percent` for `ratio`; `celsius` is a base unit), a `:` outside a recording rule\'s `level:metric:operations` name, whose pieces are judged as names)',
    threshold: '≤ 10 % with problems',
    rationale: 'Conventional names are what dashboards, alert libraries and a decision engine\'s mappings expect.',
    remediation: 'Rename at the source; or in the Collector with the `metricstransform` processor (`action: update, new_name: …`) / `transform` processor `set(metric.name, …)`.',
    check: (s) => nameCheck(s, (n, m) => metricNameProblems(n, m.types).join('; ') || undefined),
    maxFailShare: 0.1,
    failingWhat: 'metric names break naming conventions',
  }),
  shareRule({
    id: 'S-MET-UCUM',
    dimension: 'structure',
    signal: 'metrics',
    impact: 'normal',
    title: 'Declared units are UCUM',
    passes: 'at least 90 % of metric names that declare a unit use a valid UCUM expression (`s`, `ms`, `By`, `1`, `{request}`, `By/s` …); in a Prometheus or OpenMetrics exposition, OpenMetrics base-unit words (`seconds`, `bytes`, `ratio`) as its `# UNIT` lines must be',
    threshold: '≥ 90 % valid',
    rationale: 'OpenTelemetry units are UCUM, OpenMetrics units base-unit words (the OpenTelemetry Prometheus exporters convert one to the other); tools convert and compare units only when they parse.',
    remediation: 'Use UCUM codes in OpenTelemetry: `s` not `seconds`, `By` not `bytes`, `1` for ratios, `{item}` annotations for counts; in an exposition, a base unit word that is the suffix of the metric name (`_seconds`).',
    check: (s) => {
      const c = nameCheck(s, (_n, m) => {
        const units = m.units.filter((u) => u !== '');
        if (units.length === 0) return undefined;
        const bad = units.filter((u) => !isUcum(u) && !(m.exposition && OPENMETRICS_UNIT.test(u)));
        return bad.length ? `unit ${bad.map((u) => JSON.stringify(u)).join(', ')} is not UCUM` : undefined;
      }, undefined, false);
      if (!c) return undefined;
      // Only names that declare a unit are examined.
      const declared = metricFamilies(s.state.metrics!).filter((m) => m.units.some((u) => u !== '')).length;
      return { ...c, examined: declared };
    },
    maxFailShare: 0.1,
    failingWhat: 'declared units are not UCUM',
  }),
];

/** An OpenMetrics unit: a base unit word (`seconds`, `bytes`, `celsius`, `ratio`), as the name's suffix carries it. */
const OPENMETRICS_UNIT = /^[a-z][a-z0-9_]*$/;

export type { RuleOutcome, EvidenceRecord };
