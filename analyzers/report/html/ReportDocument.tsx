// The report as one HTML document: cover, then the sections in reading order. Rendered to
// static markup (no scripts, no remote resources), printed to PDF by Chromium as is.
import type { ReactElement } from 'react';
import type { Report } from '../model.js';
import { formatBytesFixed, formatDateTime, formatDelta, formatInt, formatScore, labelDimension, labelVerdict, RULE_OUTCOME_LABEL } from '../format.js';
import { failingFindings, listServiceNames, ruleMap, ruleTitle, totalRecords } from '../view.js';
import { Gauge, PatternDefs } from './Charts.js';
import {
  AppendixSection,
  CorrelationSection,
  DimensionsSection,
  FindingsSection,
  FixPlanSection,
  InputsSection,
  InstrumentationSection,
  RcaSection,
  RichText,
  ServicesSection,
  VerdictBadge,
  WorkflowsSection,
} from './Sections.js';
import { buildReportCss, type Paper } from './styles.js';

function earliestAndLatest(report: Report): { start?: string; end?: string } {
  const ranges = (['traces', 'metrics', 'logs'] as const).map((k) => report.signals?.[k]?.timeRange).filter((r): r is { start: string; end: string } => !!r);
  if (!ranges.length) return {};
  // ISO-8601 UTC strings of equal shape sort as text.
  return { start: ranges.map((r) => r.start).sort()[0], end: ranges.map((r) => r.end).sort().at(-1) };
}

function Cover({ report }: { report: Report }): ReactElement {
  // (a finding the data cannot tell does not fail: counted apart, as the findings' headings do)
  const failing = failingFindings(report).filter((f) => !f.inconclusive);
  const undecided = failingFindings(report).length - failing.length;
  const critical = failing.filter((f) => f.impact === 'critical').length;
  const services = listServiceNames(report);
  const range = earliestAndLatest(report);
  const bytes = (report.inputs ?? []).reduce((a, i) => a + (i.bytes || 0), 0);
  const rules = ruleMap(report);
  const top = (report.fixPlan ?? []).slice(0, 3);
  const is = report.instrumentationScore;
  const bc = report.bindingConstraint;
  const inputs = report.inputs ?? [];
  return (
    <section className="cover" id="cover">
      <div className="brand">ObsReady · Level-3 readiness report</div>
      <h1>Is this telemetry ready for a Level-3 decision engine?</h1>
      <p className="lead">
        A Level-3 engine detects a problem, picks a remediation and asks a human to approve it. This report judges whether the exported traces, metrics and logs are good enough for that:
        consumable by a program (structure), free of noise that hides the signal (noise), and joinable from symptom to cause (correlation).
      </p>
      <div className="cover-grid">
        <Gauge score={report.score} label="readiness score of 100" />
        <div>
          <VerdictBadge verdict={report.verdict} />
          <p className="reason"><RichText text={report.verdictReason ?? (report.verdict ? '' : 'The readiness verdict was not evaluated for this report: only the inputs and signals were read.')} /></p>
          {bc ? <p className="small"><b>Binding constraint:</b> {labelDimension(bc.dimension)}{bc.ruleIds?.length ? ` — ${bc.ruleIds.slice(0, 3).join(', ')}${bc.ruleIds.length > 3 ? ` and ${bc.ruleIds.length - 3} more` : ''}` : ''}</p> : null}
        </div>
      </div>
      <div className="facts">
        <div className="fact"><div className="k">Inputs</div><div className="v">{formatInt(inputs.length)}</div><div className="s">{formatBytesFixed(bytes)}</div></div>
        <div className="fact"><div className="k">Records</div><div className="v">{formatInt(totalRecords(report))}</div><div className="s">spans, log records, metric points</div></div>
        <div className="fact"><div className="k">Services</div><div className="v">{formatInt(services.length)}</div><div className="s">{services.length ? `${services.slice(0, 3).join(', ')}${services.length > 3 ? ', …' : ''}` : 'none named'}</div></div>
        <div className="fact">
          <div className="k">Failing findings</div>
          <div className="v">{report.findings ? formatInt(failing.length) : 'n/a'}</div>
          <div className="s">{report.findings ? `${formatInt(critical)} critical${undecided ? `; ${formatInt(undecided)} more the data ${RULE_OUTCOME_LABEL.inconclusive}` : ''}` : 'not evaluated'}</div>
        </div>
      </div>
      {top.length ? (
        <div className="callout">
          <div className="k">Fix first</div>
          {top.map((p, i) => (
            <p key={`${p.ruleId}-${i}`} className="small" style={{ margin: '1mm 0' }}>
              <b>{i + 1}. {p.ruleId}</b> {ruleTitle(rules, p.ruleId) !== p.ruleId ? ruleTitle(rules, p.ruleId) : ''} ({p.service === '*' ? 'all affected services' : p.service}): <b>{formatDelta(p.gain)}</b> → {formatScore(p.newScore)}, {labelVerdict(p.newVerdict)}
            </p>
          ))}
        </div>
      ) : null}
      {is ? (
        <p className="small">
          <b>Instrumentation Score</b> (public specification): {formatScore(is.score)}{is.band ? ` — ${is.band}` : ''}, {formatInt(is.evaluated)} of {formatInt(is.total)} rules evaluated.
        </p>
      ) : null}
      <div className="meta">
        <div>
          Generated {formatDateTime(report.generatedAt)} by {report.tool?.name ?? 'obsready'} {report.tool?.version ?? ''} · report schema {report.schemaVersion}
          {range.start ? ` · data from ${formatDateTime(range.start)} to ${formatDateTime(range.end)}` : ''}
        </div>
        <div>
          Inputs: {inputs.slice(0, 6).map((i) => i.path).join(', ')}
          {inputs.length > 6 ? ` and ${inputs.length - 6} more (see appendix)` : ''}
        </div>
      </div>
    </section>
  );
}

export interface ReportDocumentProps {
  report: Report;
  paper?: Paper;
}

export function ReportDocument({ report, paper }: ReportDocumentProps): ReactElement {
  const title = `ObsReady report — ${labelVerdict(report.verdict)}${report.score !== undefined && report.score !== null ? ` (${formatScore(report.score)})` : ''}`;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content={`${report.tool?.name ?? 'obsready'} ${report.tool?.version ?? ''}`} />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: buildReportCss(paper) }} />
      </head>
      <body>
        <PatternDefs />
        <main>
          <Cover report={report} />
          <InputsSection report={report} />
          <DimensionsSection report={report} />
          <ServicesSection report={report} />
          <FixPlanSection report={report} />
          <FindingsSection report={report} />
          <CorrelationSection report={report} />
          <RcaSection report={report} />
          <WorkflowsSection report={report} />
          <InstrumentationSection report={report} />
          <AppendixSection report={report} />
        </main>
      </body>
    </html>
  );
}
