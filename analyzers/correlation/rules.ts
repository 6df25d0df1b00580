// Correlation rules (dimension `correlation`): can a symptom be walked back to its cause? Each
// rule is evaluated once over the whole input set (service '*') from the correlation summary and
// returns a finding with evidence; rules whose signals are absent are not evaluated. Thresholds
// marked *proposal* are ours (SCORING.md §8 gives the measures, not the limits).
import { confidenceOf } from '../profile/confidence.js';
import { sampleNote, TRACE_SAMPLE_WHY, type SampleInfo } from '../profile/sample-note.js';
import { DETAIL_SAMPLE_WHY } from '../analysis/detail.js';
import type { CorrelationFinding, CorrelationRuleDescriptor, CorrelationSummary, CorrelationEvidenceRecord, RcaReport } from './types.js';

export const CORRELATION_RULES: CorrelationRuleDescriptor[] = [
  {
    id: 'COR-001',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'important',
    title: 'Service names agree across signals',
    passes: 'every service seen in more than one signal is named identically in each',
    threshold: '100 % of multi-signal services (pod names or near-miss spellings count as disagreement)',
    rationale: 'A decision engine joins a metric alert to the traces and logs of the same service by name; `frontend` in metrics and `frontendservice` in traces, or pod names instead of service names, break that join (SCORING.md §8 entity join rate).',
    remediation: 'Set the same `service.name` resource attribute in every SDK/agent and have the Collector add it to scraped metrics and collected logs (k8sattributes + resource processors), instead of pod or container names.',
  },
  {
    id: 'COR-002',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'important',
    title: 'Services seen in logs or metrics are traced',
    passes: 'at least 90 % of services with logs or metrics also have spans (*proposal*)',
    threshold: '≥ 0.9 share of services traced',
    rationale: 'A service without spans is a blind spot: its callers show symptoms that cannot be walked into it.',
    remediation: 'Instrument the listed services with the OpenTelemetry SDK or zero-code agent and propagate W3C trace context.',
  },
  {
    id: 'COR-003',
    dimension: 'correlation',
    signal: 'logs',
    impact: 'important',
    title: 'Logs carry trace context',
    passes: 'at least 80 % of log records have a trace id (*proposal*)',
    threshold: '≥ 0.8 share of logs with trace id',
    rationale: 'Trace and span ids on logs let the engine jump from a failing request to its log lines and back.',
    remediation: 'Use the OpenTelemetry log bridge/appender for your logging library (or inject trace_id/span_id into the log format via MDC/context).',
  },
  {
    id: 'COR-004',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'important',
    title: 'Trace context on logs resolves to exported spans',
    passes: 'at least 90 % of logs with a trace id point at a trace in the export and, when they name a span, at that span in it (*proposal*)',
    threshold: '≥ 0.9 share resolved',
    rationale: 'Ids that lead nowhere (sampled-out or dropped spans, ids from another system) look correlated but are not.',
    remediation: 'Sample traces at the tail (tail_sampling) consistently with logs, or keep logs of unsampled traces without ids; check that logs and traces come from the same environment and time window.',
  },
  {
    id: 'COR-005',
    dimension: 'correlation',
    signal: 'traces',
    impact: 'normal',
    title: 'No orphan spans',
    passes: 'at most 1 % of spans name a parent that is not in the export (*proposal*; SPA-002 asks for none)',
    threshold: '≤ 0.01 share orphan',
    rationale: 'Orphans split one request into fragments: the path from symptom to cause breaks at them.',
    remediation: 'Export all spans of a trace (tail sampling by trace id, not per service), and flush spans on shutdown.',
  },
  {
    id: 'COR-006',
    dimension: 'correlation',
    signal: 'traces',
    impact: 'normal',
    title: 'Each trace has exactly one root',
    passes: 'at most 1 % of traces have several roots or none (*proposal*)',
    threshold: '≤ 0.01 share of broken traces',
    rationale: 'Several roots in one trace mean context was lost between services (a new trace started mid-request).',
    remediation: 'Propagate W3C `traceparent` on every hop (HTTP clients, message headers, async executors).',
  },
  {
    id: 'COR-007',
    dimension: 'correlation',
    signal: 'metrics',
    impact: 'normal',
    title: 'Metrics carry exemplars that resolve to spans',
    passes: 'some metric points carry exemplars with trace ids, and at least half of those resolve to exported spans (*proposal*)',
    threshold: '> 0 exemplars, ≥ 0.5 resolved',
    rationale: 'Exemplars link a latency spike on a dashboard to example traces of it.',
    remediation: 'Enable exemplars in the SDK (exemplar filter trace_based) and in the exporter/scraper (OpenMetrics, `--enable-feature=exemplar-storage`).',
  },
  {
    id: 'COR-008',
    dimension: 'correlation',
    signal: 'traces',
    impact: 'normal',
    title: 'Service clocks agree (children inside their parents)',
    passes: 'at most 1 % of cross-service child spans start before or end after their synchronous parent by more than 1 ms (*proposal*)',
    threshold: '≤ 0.01 share outside',
    rationale: 'Clock skew between hosts reorders events, so onset times and causality across services become unreliable.',
    remediation: 'Run NTP/chrony on every host; prefer a single clock source per node for containers.',
  },
  {
    id: 'COR-009',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'normal',
    title: 'Log times agree with their spans',
    passes: 'at most 5 % of logs that resolve to a span lie more than 100 ms outside it (*proposal*)',
    threshold: '≤ 0.05 share outside by > 100 ms',
    rationale: 'Logs stamped with another clock or time zone than their spans cannot be lined up with them.',
    remediation: 'Emit log timestamps in UTC with an explicit offset from the same clock as the spans (the OTel log bridge does this).',
  },
  {
    id: 'COR-010',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'important',
    title: 'Signals cover the same time window',
    passes: 'the time ranges of the signals present overlap by at least 50 % (intersection ÷ union, *proposal*)',
    threshold: '≥ 0.5 overlap',
    rationale: 'Correlating signals needs them at the same time; an export of metrics for a day and traces for a minute mostly cannot be joined.',
    remediation: 'Export all signals for the same window (same retention, same query range).',
  },
  {
    id: 'COR-011',
    dimension: 'correlation',
    signal: 'metrics',
    impact: 'important',
    title: 'Metric resolution supports detection',
    passes: 'the median interval between points of a series is at most 60 s (*proposal*: robust detection needs ≥ 5 baseline points in a 5-minute window)',
    threshold: '≤ 60 s',
    rationale: 'Coarse metrics detect late (BARO tolerates 60 s late detection, NSigma does not — SCORING.md §7).',
    remediation: 'Scrape/export every 15–30 s (Prometheus scrape_interval, OTel PeriodicExportingMetricReader exportIntervalMillis).',
  },
  {
    id: 'COR-012',
    dimension: 'correlation',
    signal: 'traces',
    impact: 'important',
    title: 'Traces connect services into a dependency graph',
    passes: 'at least 80 % of traced services take part in a cross-service call (*proposal*; evaluated with ≥ 2 traced services)',
    threshold: '≥ 0.8 share connected',
    rationale: 'Walking from a symptom to its cause follows calls between services; isolated services mean context does not propagate.',
    remediation: 'Propagate trace context across every service boundary; set `peer.service`/`server.address` on client spans to uninstrumented dependencies.',
  },
  {
    id: 'COR-013',
    dimension: 'correlation',
    signal: 'cross',
    impact: 'important',
    title: 'Labelled incidents lead to their root cause',
    passes: 'on the labelled incidents, the true root-cause service is in the top 3 for at least half of them and Avg@5 is at least twice chance (*proposal*)',
    threshold: 'AC@3 ≥ 0.5 and lift ≥ 2',
    rationale: 'The empirical test of correlation readiness: does the data actually point at the cause (RCAEval AC@k, Avg@5, SCORING.md §7)?',
    remediation: 'Fix the failing correlation rules above; add the signals that would have shown the fault (resource metrics per service, span status on errors).',
  },
];

const RULE = new Map(CORRELATION_RULES.map((r) => [r.id, r]));

const confidence = confidenceOf;

/** `unit`: what examined and failing count, when not records (spans, log records, points); `sample`: the sample they come from. */
function finding(id: string, passed: boolean, value: number | string | null, threshold: number | string | null, message: string, examined: number, failing: number, examples: CorrelationEvidenceRecord[], unit?: string, sample?: SampleInfo): CorrelationFinding {
  const r = RULE.get(id)!;
  return {
    ruleId: id,
    dimension: 'correlation',
    impact: r.impact,
    signal: r.signal,
    service: '*',
    passed,
    value,
    threshold,
    message,
    evidence: { examined, failing, examples: examples.slice(0, 5), confidence: confidence(examined), ...(unit ? { unit } : {}), ...(sample && sample.share < 1 ? { sample } : {}) },
    remediation: r.remediation,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const share = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);

export interface RuleInputs {
  summary: CorrelationSummary;
  /** Examples gathered while analysing (orphans, skew, unresolved logs …) keyed by rule id. */
  examples: Record<string, CorrelationEvidenceRecord[]>;
  connectedServices: number;
  tracedServices: number;
  /** Distinct trace ids in the export, when known exactly (else estimated from the trace sample). */
  totalTraces?: number;
  rca?: RcaReport;
}

/**
 * The sample the trace checks read: '' (undefined) when every trace was examined, else the traces
 * kept of how many the export has (past the memory cap the checks run on whole traces whose id hash
 * passes a level: 1 in 2^level). The count of all traces: the caller's exact one, else the
 * summary's (exact, or estimated from the sample), else estimated from the share (an older summary).
 */
export function traceSample(s: CorrelationSummary, totalTraces: number | undefined): SampleInfo | undefined {
  const share = s.traces.sampledShare;
  if (share >= 1) return undefined;
  const exact = totalTraces ?? (s.traces.totalTracesEstimated ? undefined : s.traces.totalTraces);
  const total = exact ?? s.traces.totalTraces ?? Math.round(s.traces.traces / share);
  return { unit: 'traces', size: s.traces.traces, total, ...(exact === undefined ? { estimated: true as const } : {}), share };
}

/**
 * COR-009 compares a log with its span only when both samples kept its trace (the log sample and
 * the trace sample pick traces by the same id hash: the smaller share holds).
 */
function logSkewSample(s: CorrelationSummary): SampleInfo | undefined {
  const share = Math.min(s.logs.sampledShare ?? 1, s.traces.sampledShare);
  if (share >= 1) return undefined;
  return { unit: 'logs that name a span', size: s.logs.skewChecked, total: s.logs.withSpanId, share };
}

/**
 * COR-004 checks a sample of the logs with trace context by trace id: at the run's detail level
 * (the ids it resolves them against are the detail sample's), and past the sample's cap.
 */
function logSample(s: CorrelationSummary): SampleInfo | undefined {
  const share = s.logs.sampledShare ?? 1;
  if (share >= 1) return undefined;
  return { unit: 'logs with trace context', size: s.logs.checked, total: s.logs.withTraceId, share };
}

/** COR-007's sample of the exemplars with a trace id (CorrelationSummary.metrics.exemplarsChecked). */
function exemplarSample(s: CorrelationSummary): SampleInfo | undefined {
  const share = s.metrics.exemplarsSampledShare ?? 1;
  if (share >= 1 || s.metrics.exemplarsChecked === undefined) return undefined;
  return { unit: 'exemplars with a trace id', size: s.metrics.exemplarsChecked, total: s.metrics.exemplarsWithTraceId, share };
}

/**
 * Why the logs or exemplars (`what`) checked against the spans are a sample at `share`: the run's
 * detail level (the ids are held for the detail sample's traces), and past the sample's own cap
 * when its level is above that.
 */
export function idSampleWhy(what: string, share: number, detailLevel: number | undefined): string {
  const cap = `past the memory cap the ${what} are checked on a sample by trace id`;
  if (detailLevel === undefined || detailLevel <= 0) return cap;
  const detail = `${DETAIL_SAMPLE_WHY}; the ${what} checked are those of the traces examined`;
  return share < 2 ** -detailLevel ? `${detail}, and ${cap}` : detail;
}

export function evaluateCorrelationRules(inp: RuleInputs): CorrelationFinding[] {
  const s = inp.summary;
  const out: CorrelationFinding[] = [];
  const ex = (id: string) => inp.examples[id] ?? [];
  const hasTraces = s.traces.spans > 0;
  const hasLogs = s.logs.records > 0;
  const hasMetrics = s.metrics.points > 0;
  const signals = [hasTraces, hasLogs, hasMetrics].filter(Boolean).length;

  const multi = s.services.filter((v) => v.signals.length > 1);
  if (multi.length > 0) {
    const differing = multi.filter((v) => {
      const all = new Set(Object.values(v.names).flat());
      return all.size > 1;
    });
    out.push(
      finding(
        'COR-001',
        differing.length === 0,
        share(multi.length - differing.length, multi.length),
        1,
        differing.length === 0
          ? `All ${multi.length} services seen in several signals carry the same name in each.`
          : `${differing.length} of ${multi.length} services seen in several signals are named differently across signals (${differing
              .slice(0, 3)
              .map((v) => Object.entries(v.names).map(([sig, n]) => `${sig}: ${(n ?? []).slice(0, 2).join(', ')}`).join(' / '))
              .join('; ')}); ObsReady joined them by inferring the mapping, a decision engine would not.`,
        multi.length,
        differing.length,
        ex('COR-001'),
        'services',
      ),
    );
  }
  if (hasTraces && (hasLogs || hasMetrics)) {
    const outside = s.services.filter((v) => !v.peerOnly && (v.signals.includes('logs') || v.signals.includes('metrics')));
    const blind = outside.filter((v) => !v.signals.includes('traces'));
    if (outside.length > 0) {
      const v = share(outside.length - blind.length, outside.length);
      out.push(
        finding(
          'COR-002',
          v >= 0.9,
          v,
          0.9,
          blind.length === 0 ? `All ${outside.length} services with logs or metrics also have spans.` : `${blind.length} of ${outside.length} services with logs or metrics have no spans: ${blind.slice(0, 8).map((b) => b.service).join(', ')}${blind.length > 8 ? ' …' : ''}.`,
          outside.length,
          blind.length,
          blind.slice(0, 5).map((b) => ({ file: '', excerpt: b.service, note: `seen in ${b.signals.join(' and ')} only` })),
          'services',
        ),
      );
    }
  }
  if (hasLogs) {
    const v = share(s.logs.withTraceId, s.logs.records);
    out.push(finding('COR-003', v >= 0.8, v, 0.8, `${pct(v)} of ${s.logs.records} log records carry a trace id (${s.logs.withSpanId} also a span id).`, s.logs.records, s.logs.records - s.logs.withTraceId, ex('COR-003')));
  }
  if (hasTraces && s.logs.checked > 0) {
    const v = share(s.logs.resolved, s.logs.checked);
    const sample = logSample(s);
    const inLogSample = sampleNote(sample, idSampleWhy('logs with trace context', s.logs.sampledShare ?? 1, s.detailLevel));
    out.push(finding('COR-004', v >= 0.9, v, 0.9, `${pct(v)} of ${s.logs.checked} logs with trace context point at their trace in the export (and at their span, when they name one)${inLogSample}.`, s.logs.checked, s.logs.checked - s.logs.resolved, ex('COR-004'), undefined, sample));
  }
  // The structure checks read whole traces of the sample: a sample that kept none (one trace
  // larger than the memory cap holds) cannot tell, and the checks are not evaluated.
  if (hasTraces && s.traces.traces > 0) {
    const sampled = s.traces.sampledShare < 1;
    const sample = traceSample(s, inp.totalTraces);
    // (at a detail level the trace sample holds detail traces only: said so, and the cap when it sampled further)
    const detailShare = s.detailLevel !== undefined && s.detailLevel > 0 ? 2 ** -s.detailLevel : 1;
    const inSample = sampleNote(sample, detailShare >= 1 ? TRACE_SAMPLE_WHY : s.traces.sampledShare < detailShare ? `${DETAIL_SAMPLE_WHY}, and ${TRACE_SAMPLE_WHY}` : DETAIL_SAMPLE_WHY);
    // the orphans are counted in the spans the checks examined (the sample's, a span exported twice
    // once); a summary without that count (an older report) has it estimated from the share
    const estimated = s.traces.sampleSpans === undefined;
    const examined = s.traces.sampleSpans ?? Math.round(s.traces.spans * s.traces.sampledShare);
    const sampleSpans = Math.max(1, examined);
    const v = share(s.traces.orphanSpans, sampleSpans);
    out.push(
      finding(
        'COR-005',
        v <= 0.01,
        v,
        0.01,
        sampled
          ? `${s.traces.orphanSpans} of ${estimated ? 'about ' : ''}${sampleSpans} spans (${pct(v)}) name a parent that is not in the export${inSample}.`
          : `${s.traces.orphanSpans} spans (${pct(v)}) name a parent that is not in the export.`,
        examined,
        s.traces.orphanSpans,
        ex('COR-005'),
        undefined,
        sample,
      ),
    );
    const broken = s.traces.multiRootTraces + s.traces.noRootTraces;
    const t = Math.max(1, s.traces.traces);
    const b = share(broken, t);
    const conflicts = s.traces.duplicateKindConflicts ?? 0;
    const conflictText = conflicts > 0 ? ` ${conflicts} of them had a copy of another span kind (read by the kind of the copy kept: see the examples).` : '';
    const copies = s.traces.duplicateSpans > 0 ? ` ${s.traces.duplicateSpans} span${s.traces.duplicateSpans === 1 ? ' was' : 's were'} exported twice (same ids, service and times) and counted once.${conflictText}` : '';
    const fragments = s.traces.fragmentSpans ?? 0;
    const pieces = fragments > 0 ? ` ${fragments} Zipkin span fragment${fragments === 1 ? ' (a piece without kind or times) was' : 's (pieces without kind or times) were'} counted with the span of ${fragments === 1 ? 'its' : 'their'} id and service.` : '';
    out.push(finding('COR-006', b <= 0.01, b, 0.01, `${s.traces.multiRootTraces} traces have several root spans and ${s.traces.noRootTraces} have none, of ${s.traces.traces} traces examined${inSample}.${copies}${pieces}`, s.traces.traces, broken, ex('COR-006'), 'traces', sample));
    if (s.traces.crossServiceChildren > 0) {
      const k = share(s.traces.childOutsideParent, s.traces.crossServiceChildren);
      out.push(finding('COR-008', k <= 0.01, k, 0.01, `${s.traces.childOutsideParent} of ${s.traces.crossServiceChildren} cross-service child spans lie outside their parent by more than 1 ms${inSample}.`, s.traces.crossServiceChildren, s.traces.childOutsideParent, ex('COR-008'), undefined, sample));
    }
    if (inp.tracedServices >= 2) {
      const c = share(inp.connectedServices, inp.tracedServices);
      out.push(finding('COR-012', c >= 0.8, c, 0.8, `${inp.connectedServices} of ${inp.tracedServices} traced services take part in a cross-service call.`, inp.tracedServices, inp.tracedServices - inp.connectedServices, ex('COR-012'), 'services'));
    }
  }
  if (hasTraces && hasMetrics) {
    const resolved = share(s.metrics.exemplarsResolved, Math.max(1, s.metrics.exemplarsWithTraceId));
    const passed = s.metrics.exemplarsWithTraceId > 0 && resolved >= 0.5;
    const sample = exemplarSample(s);
    out.push(
      finding(
        'COR-007',
        passed,
        s.metrics.exemplarsWithTraceId > 0 ? resolved : 0,
        0.5,
        s.metrics.exemplarsWithTraceId === 0 ? `None of ${s.metrics.points} metric points carries an exemplar with a trace id.` : `${s.metrics.pointsWithExemplars} metric points carry exemplars; ${pct(resolved)} of the exemplar trace ids checked resolve to exported spans${sampleNote(sample, idSampleWhy('exemplars with a trace id', sample?.share ?? 1, s.detailLevel))}.`,
        s.metrics.points,
        s.metrics.points - s.metrics.pointsWithExemplars,
        ex('COR-007'),
        undefined,
        sample,
      ),
    );
  }
  const skewChecked = s.logs.skewChecked;
  if (skewChecked > 0) {
    const k = share(s.logs.skewOutsideSpan, skewChecked);
    out.push(
      finding(
        'COR-009',
        k <= 0.05,
        k,
        0.05,
        `${s.logs.skewOutsideSpan} of ${skewChecked} logs lie more than 100 ms outside the span they name${s.logs.skewMedianMs !== null ? ` (median distance ${s.logs.skewMedianMs} ms)` : ''}${sampleNote(logSkewSample(s), `those of the traces kept; ${TRACE_SAMPLE_WHY}`)}.`,
        skewChecked,
        s.logs.skewOutsideSpan,
        ex('COR-009'),
        undefined,
        logSkewSample(s),
      ),
    );
  }
  if (signals >= 2 && s.timeOverlap !== null) {
    out.push(
      finding(
        'COR-010',
        s.timeOverlap >= 0.5,
        s.timeOverlap,
        0.5,
        `The signals' time ranges overlap by ${pct(s.timeOverlap)} (${s.ranges.map((r) => `${r.signal} ${r.start} – ${r.end}`).join('; ')}).`,
        s.ranges.length,
        s.timeOverlap >= 0.5 ? 0 : 1,
        ex('COR-010'),
        'signals',
      ),
    );
  }
  if (hasMetrics && s.metrics.medianIntervalS !== null) {
    const v = s.metrics.medianIntervalS;
    out.push(finding('COR-011', v <= 60, v, 60, `Metric series have a point every ${v} s (median over series).`, s.metrics.series, v <= 60 ? 0 : s.metrics.series, ex('COR-011'), 'metric series'));
  }
  if (inp.rca && inp.rca.cases.length > 0 && inp.rca.ac3 !== null) {
    const r = inp.rca;
    const passed = r.ac3! >= 0.5 && (r.lift ?? 0) >= 2;
    out.push(
      finding(
        'COR-013',
        passed,
        r.ac3,
        0.5,
        `On ${r.cases.length} labelled incidents the true root cause ranked first in ${pct(r.ac1!)} and in the top 3 in ${pct(r.ac3!)}; Avg@5 ${r.avg5} vs chance ${r.chance} (lift ${r.lift}). BARO on metrics alone: AC@3 ${r.baseline.ac3 ?? 'n/a'}, Avg@5 ${r.baseline.avg5 ?? 'n/a'}.`,
        r.cases.length,
        r.cases.filter((c) => c.rankOfTrue === null || c.rankOfTrue > 3).length,
        r.cases
          .filter((c) => c.rankOfTrue === null || c.rankOfTrue > 3)
          .slice(0, 5)
          .map((c) => ({ file: '', excerpt: `${c.id}: ${c.trueService} ranked ${c.rankOfTrue ?? 'not at all'}; top: ${c.ranking.slice(0, 3).map((x) => x.service).join(', ')}` })),
        'incidents',
      ),
    );
  }
  return out;
}

const WEIGHTS = { critical: 40, important: 30, normal: 20, low: 10 } as const;

/** Weighted pass share of the correlation findings (Instrumentation Score weights), 0–100, null if none. */
export function correlationScore(findings: CorrelationFinding[]): number | null {
  let p = 0;
  let t = 0;
  for (const f of findings) {
    t += WEIGHTS[f.impact];
    if (f.passed) p += WEIGHTS[f.impact];
  }
  return t === 0 ? null : Math.round((1000 * p) / t) / 10;
}
