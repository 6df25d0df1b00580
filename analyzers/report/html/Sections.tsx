// The report's sections, each rendered from the report model alone. A section whose data is
// absent says "not evaluated" instead of failing: a report may carry only inputs and signals.
import { createContext, Fragment, useContext, type ReactElement, type ReactNode } from 'react';
import type { Finding, InputReport, Report, RuleDescriptor } from '../model.js';
import {
  DIMENSION_ORDER,
  IMPACT_ORDER,
  compareText,
  formatBytesFixed,
  formatDateTime,
  formatDelta,
  findingFix,
  formatEvidenceCounts,
  formatInt,
  formatMs,
  formatScore,
  formatShare,
  formatValue,
  notPassingCount,
  RULE_OUTCOME_LABEL,
  labelDimension,
  labelImpact,
  labelInputFormat,
  labelVerdict,
  visibleControls,
  VERDICT_ICON,
  formatTraceDetail,
} from '../format.js';
import {
  failingFindings,
  listFindings,
  listRules,
  passingFindings,
  readCorrelationFacts,
  readDependencyGraph,
  readRca,
  readSymptoms,
  readWorkflows,
  ruleMap,
  ruleTitle,
  exampleLocation,
  serviceLabelParts,
  spellingsText,
  nameFromSegments,
  type ServiceRowNames,
  serviceSpellings,
  withGraphName,
  withSpellings,
  type ServiceSpellings,
  servicesCapped,
  signalServicesText,
  pooledServicesText,
} from '../view.js';
import { ImpactChart, PairedBars, ScoreBar, ScoreBars, ShareBars, Swatch, IMPACT_FILL } from './Charts.js';
import { DependencyGraph } from './DependencyGraph.js';
import { errorRowHtml, fingerprintRowHtml, inputRowHtml } from './rows.js';

/**
 * Where the rows of a table of every input go: into the markup (the default), or, when a writer
 * streams the document (htmlChunks), a mark in it that the writer replaces by the rows as it
 * writes them, so that 200,000 rows are never one string nor 200,000 elements.
 */
export interface RowStream {
  /** The mark to put in place of these rows. */
  add(rows: () => Iterable<string>): string;
}

export const RowStreamContext = createContext<RowStream | undefined>(undefined);

/** A table body of rows given as markup (rows.ts: the markup React writes for them). */
function RowsBody({ rows }: { rows: () => Iterable<string> }): ReactElement {
  const stream = useContext(RowStreamContext);
  return <tbody dangerouslySetInnerHTML={{ __html: stream ? stream.add(rows) : [...rows()].join('') }} />;
}

function* rowsOf(inputs: readonly InputReport[], row: (i: InputReport) => string, keep?: (i: InputReport) => boolean): Generator<string> {
  for (const i of inputs) if (!keep || keep(i)) yield row(i);
}


export function VerdictBadge({ verdict, small }: { verdict: string | undefined; small?: boolean }): ReactElement {
  const icons = VERDICT_ICON as Record<string, string>;
  const cls = verdict && icons[verdict] ? verdict : 'none';
  return (
    <span className={`verdict ${cls}${small ? ' small' : ''}`}>
      <span className="icon" aria-hidden="true">{icons[cls] ?? '–'}</span>
      {labelVerdict(verdict)}
    </span>
  );
}

/** Text with `code` spans (rule catalogue and messages use Markdown backticks) as <code>. */
export function RichText({ text }: { text: string | null | undefined }): ReactElement {
  const parts = (text ?? '').split(/`([^`]+)`/);
  return <>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</>;
}

export function NotEvaluated({ children }: { children: ReactNode }): ReactElement {
  return <p className="not-evaluated">{children}</p>;
}

export function Section({ id, title, page, children }: { id: string; title: string; page?: boolean; children: ReactNode }): ReactElement {
  return (
    <section id={id} className={page ? 'section page' : 'section'}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function signalTimeRange(r?: { start: string; end: string }): string {
  return r ? `${formatDateTime(r.start)} – ${formatDateTime(r.end)}` : '–';
}

// ---------------------------------------------------------------- what was analysed

export function InputsSection({ report }: { report: Report }): ReactElement {
  const s = report.signals;
  return (
    <Section id="inputs" title="What was analysed">
      <table>
        <thead>
          <tr><th>Signal</th><th className="num">Records</th><th>Scope</th><th>Services</th><th>Time range</th></tr>
        </thead>
        <tbody>
          <tr><td>Traces</td><td className="num">{formatInt(s?.traces?.spans)} spans</td><td>{formatInt(s?.traces?.traces)} traces</td><td className="num">{signalServicesText(s?.traces)}</td><td className="small">{signalTimeRange(s?.traces?.timeRange)}</td></tr>
          <tr><td>Metrics</td><td className="num">{formatInt(s?.metrics?.points)} points</td><td>{formatInt(s?.metrics?.series)} series, {formatInt(s?.metrics?.metricNames)} names</td><td className="num">{signalServicesText(s?.metrics)}</td><td className="small">{signalTimeRange(s?.metrics?.timeRange)}</td></tr>
          <tr><td>Logs</td><td className="num">{formatInt(s?.logs?.records)} records</td><td>–</td><td className="num">{signalServicesText(s?.logs)}</td><td className="small">{signalTimeRange(s?.logs?.timeRange)}</td></tr>
        </tbody>
      </table>
      {s?.approximate ? <p className="small muted">Distinct counts (traces, series{(['traces', 'metrics', 'logs'] as const).some((k) => s?.[k]?.serviceCountApproximate === true) ? ', services' : ''}) are estimated with HyperLogLog.</p> : null}
      {s?.traces?.detail ? <p className="small muted">Traces: {formatTraceDetail(s.traces.detail, s.traces.spans)}.</p> : null}
      <table>
        <thead>
          <tr><th>Input</th><th>Format</th><th>Signal</th><th className="num">Size</th><th className="num">Records</th><th className="num">Rejected</th></tr>
        </thead>
        <RowsBody rows={() => rowsOf(report.inputs ?? [], inputRowHtml)} />
      </table>
    </Section>
  );
}

// ---------------------------------------------------------------- dimensions

export function DimensionsSection({ report }: { report: Report }): ReactElement {
  const dims = report.dimensions;
  const rules = ruleMap(report);
  return (
    <Section id="dimensions" title="Scores by dimension">
      {!dims ? (
        <NotEvaluated>Dimension scores were not evaluated for this report.</NotEvaluated>
      ) : (
        <>
          <figure className="chart">
            <ScoreBars
              title="dimension scores"
              labelWidth={120}
              rows={DIMENSION_ORDER.map((d) => ({
                label: labelDimension(d),
                value: dims[d]?.score ?? null,
                note: dims[d] ? `${dims[d].evaluated} of ${dims[d].total} rules evaluated` : 'not evaluated',
              }))}
            />
            <figcaption>Score 0–100 per dimension: weighted share of passed rules (critical 40, important 30, normal 20, low 10) over the rules that could be evaluated.</figcaption>
          </figure>
          <table>
            <thead>
              <tr><th>Dimension</th><th>Rule</th><th>Title</th><th>Result</th><th className="num">Services failing</th></tr>
            </thead>
            <tbody>
              {DIMENSION_ORDER.flatMap((d) =>
                [...(dims[d]?.rules ?? [])]
                  .sort((a, b) => compareText(a.ruleId, b.ruleId))
                  .map((r) => (
                    <tr key={`${d}-${r.ruleId}`} className={r.passed ? '' : 'fail'}>
                      <td>{labelDimension(d)}</td>
                      <td className="nowrap">{r.ruleId}</td>
                      <td>{ruleTitle(rules, r.ruleId)}</td>
                      <td>{r.passed ? '✓ pass' : '✕ fail'}</td>
                      <td className="num">{formatInt(r.failedServices)} of {formatInt(r.evaluatedServices)}</td>
                    </tr>
                  )),
              )}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- services

/**
 * A service's name, and beneath it, smaller: the graph's merged name, the other names its records
 * carry (pod names) and the tag that named it.
 */
function ServiceName({ s, spellings }: { s: ServiceRowNames; spellings: ServiceSpellings }): ReactElement {
  const p = serviceLabelParts(s, spellings);
  return (
    <>
      <b className="svc-name">{p.name}</b>
      {p.graph !== undefined ? <div className="svc-alias">graph: {p.graph}</div> : null}
      {p.spellings.length > 0 ? <div className="svc-alias">also named {spellingsText(p)}</div> : null}
      {p.from.length > 0 ? (
        <div className="svc-alias">
          {nameFromSegments(p).map((x, i) => (x.code !== undefined ? <code key={i}>{x.code}</code> : <Fragment key={i}>{x.text}</Fragment>))}
        </div>
      ) : null}
    </>
  );
}

export function ServicesSection({ report }: { report: Report }): ReactElement {
  const services = [...(report.services ?? [])].sort((a, b) => compareText(a.name, b.name));
  const spellings = serviceSpellings(report);
  if (services.length === 0) {
    const names = new Map<string, Set<string>>();
    for (const k of ['traces', 'metrics', 'logs'] as const) for (const n of report.signals?.[k]?.services ?? []) (names.get(n) ?? names.set(n, new Set()).get(n)!).add(k);
    return (
      <Section id="services" title="Services">
        <NotEvaluated>Per-service scores were not evaluated. Services seen in the data{servicesCapped(report) ? ' (each signal lists its first names in sorted order only)' : ''}:</NotEvaluated>
        {names.size ? (
          <table>
            <thead><tr><th>Service</th><th>Signals</th></tr></thead>
            <tbody>
              {[...names.keys()].sort(compareText).map((n) => (
                <tr key={n}><td>{n}</td><td>{[...names.get(n)!].join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
    );
  }
  const pooled = pooledServicesText(report);
  return (
    <Section id="services" title="Services">
      {pooled ? <p className="small muted">{pooled}</p> : null}
      <table>
        <thead>
          <tr>
            <th style={{ width: '38%' }}>Service</th><th>Score</th><th>Verdict</th>
            {DIMENSION_ORDER.map((d) => <th key={d} className="num">{labelDimension(d)}</th>)}
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.name}>
              <td>
                <ServiceName s={s} spellings={spellings} />
                <div className="svc-signals">
                  {(s.signals ?? []).join(' · ')}
                  {s.records ? ` — ${formatInt(s.records.spans)} spans, ${formatInt(s.records.logs)} logs, ${formatInt(s.records.points)} points` : ''}
                </div>
              </td>
              <td className="nowrap"><ScoreBar score={s.score} width={60} /></td>
              <td><VerdictBadge verdict={s.verdict} small /></td>
              {DIMENSION_ORDER.map((d) => <td key={d} className="num">{formatScore(s.dimensions?.[d]?.score)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">Scores 0–100 per service and dimension; "n/a" where no rule of the dimension applies to the service.</p>
    </Section>
  );
}

// ---------------------------------------------------------------- binding constraint and fix plan

export function FixPlanSection({ report }: { report: Report }): ReactElement {
  const rules = ruleMap(report);
  const bc = report.bindingConstraint;
  const plan = report.fixPlan ?? [];
  const maxGain = Math.max(0.1, ...plan.map((p) => p.gain));
  return (
    <Section id="fix-plan" title="Binding constraint and fix plan">
      {bc ? (
        <div className="callout">
          <div className="k">Binding constraint</div>
          <p><b>{labelDimension(bc.dimension)}</b>{bc.ruleIds?.length ? ` — ${bc.ruleIds.map((id) => `${id} (${ruleTitle(rules, id)})`).join(', ')}` : ''}</p>
          {bc.explanation ? <p className="small"><RichText text={bc.explanation} /></p> : null}
        </div>
      ) : (
        <NotEvaluated>The binding constraint was not evaluated.</NotEvaluated>
      )}
      {plan.length ? (
        <>
          <p className="small muted">Each fix ranked by the overall score it would give if the rule passed everywhere it fails now; gains are not additive.</p>
          <table className="fixed">
            <colgroup><col style={{ width: '4%' }} /><col style={{ width: '41%' }} /><col style={{ width: '13%' }} /><col style={{ width: '15%' }} /><col style={{ width: '9%' }} /><col style={{ width: '18%' }} /></colgroup>
            <thead>
              <tr><th className="num">#</th><th>Fix</th><th>Service</th><th>Expected gain</th><th style={{ textAlign: 'right' }}>New score</th><th>New verdict</th></tr>
            </thead>
            <tbody>
              {plan.map((p, i) => (
                <tr key={`${p.ruleId}-${p.service}-${i}`}>
                  <td className="num">{i + 1}</td>
                  <td className="wrap"><b>{p.ruleId}</b> {ruleTitle(rules, p.ruleId) !== p.ruleId ? ruleTitle(rules, p.ruleId) : ''}<div className="small muted"><RichText text={p.action} /></div></td>
                  <td className="wrap">{p.service === '*' ? 'all affected' : p.service}</td>
                  <td className="nowrap">
                    <svg width="64" height="10" viewBox="0 0 64 10" style={{ display: 'inline-block', verticalAlign: 'middle', marginRight: '4px' }} aria-hidden="true">
                      <rect width="64" height="10" fill="#e4e7ec" />
                      <rect width={(64 * Math.max(0, p.gain) / maxGain).toFixed(1)} height="10" fill="#34507f" />
                    </svg>
                    <b>{formatDelta(p.gain)}</b>
                  </td>
                  <td className="num">{formatScore(p.newScore)}</td>
                  <td><VerdictBadge verdict={p.newVerdict} small /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : report.fixPlan ? (
        <p>No rule fails: there is nothing to fix.</p>
      ) : (
        <NotEvaluated>The fix plan was not evaluated.</NotEvaluated>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- findings


function shortLocation(e: { line?: number; offset?: number }): string {
  return e.line !== undefined ? `line ${e.line}` : e.offset !== undefined ? `byte ${formatInt(e.offset)}` : 'record';
}

/** Several examples from one file: the path is printed once above them. */
function sameFile(xs: { file: string }[]): boolean {
  return xs.length > 1 && xs[0]!.file !== '' && xs.every((x) => x.file === xs[0]!.file);
}

function FindingCard({ f, rules, spellings }: { f: Finding; rules: Map<string, RuleDescriptor>; spellings?: ServiceSpellings }): ReactElement {
  const ev = f.evidence;
  return (
    <div className={`card ${f.impact}`}>
      <div className="head">
        <div className="title">{f.ruleId} · {ruleTitle(rules, f.ruleId)}</div>
        <div className="tags">
          <span className={`tag ${f.impact}`}>{labelImpact(f.impact)}</span>
          {f.inconclusive ? <span className="tag">{RULE_OUTCOME_LABEL.inconclusive}</span> : null}
          <span className="tag">{labelDimension(f.dimension)}</span>
          <span className="tag">{f.signal}</span>
        </div>
      </div>
      <div className="meta-line">
        <span className="k">Service </span><b>{f.service === '*' ? 'all services' : spellings ? withGraphName(f.service, spellings) : f.service}</b>
        <span className="k"> · measured </span>{formatValue(f.value)}<span className="k"> (threshold {formatValue(f.threshold)})</span>
        {ev ? (
          <>
            <span className="k"> · evidence </span>{formatEvidenceCounts(ev, f.inconclusive)}<span className="k">, confidence {ev.confidence}</span>
          </>
        ) : null}
      </div>
      <p><RichText text={f.message} /></p>
      {ev?.examples?.length ? (
        <div className="examples">
          {sameFile(ev.examples) ? <div className="loc mono">Examples in {ev.examples[0]!.file}</div> : null}
          {ev.examples.map((x, i) => (
            <div className="example" key={i}>
              <div className="loc mono">{[sameFile(ev.examples) ? shortLocation(x) : exampleLocation(x), x.note].filter(Boolean).join(' — ')}</div>
              <div className="excerpt">{visibleControls(x.excerpt)}</div>
            </div>
          ))}
        </div>
      ) : null}
      {f.remediation ? <div className="fix"><b>Fix:</b> <RichText text={findingFix(f)} /></div> : null}
    </div>
  );
}

export function FindingsSection({ report }: { report: Report }): ReactElement {
  const all = listFindings(report);
  const failing = failingFindings(report);
  const passing = passingFindings(report);
  const rules = ruleMap(report);
  const spellings = serviceSpellings(report);
  if (!report.findings) {
    return (
      <Section id="findings" title="Findings with evidence" page>
        <NotEvaluated>No rule was evaluated for this report.</NotEvaluated>
      </Section>
    );
  }
  const counts = IMPACT_ORDER.map((i) => ({
    impact: i,
    label: labelImpact(i),
    failing: all.filter((f) => f.impact === i && !f.passed).length,
    passing: all.filter((f) => f.impact === i && f.passed).length,
  }));
  const passedByRule = new Map<string, string[]>();
  for (const f of passing) (passedByRule.get(f.ruleId) ?? passedByRule.set(f.ruleId, []).get(f.ruleId)!).push(f.service === '*' ? 'all' : f.service);
  return (
    <Section id="findings" title="Findings with evidence" page>
      <figure className="chart">
        <ImpactChart counts={counts} />
        <figcaption>
          <span className="legend">
            {IMPACT_ORDER.map((i) => <span key={i}><Swatch fill={IMPACT_FILL[i]!} />{labelImpact(i)}</span>)}
            <span><Swatch fill="#e4e7ec" />passing</span>
          </span>
          One finding is one rule on one service. {formatInt(failing.length)} of {formatInt(all.length)} findings {failing.some((f) => f.inconclusive) ? `do not pass (${notPassingCount(failing)})` : 'fail'}.
        </figcaption>
      </figure>
      {IMPACT_ORDER.map((imp) => {
        const list = failing.filter((f) => f.impact === imp);
        if (!list.length) return null;
        return (
          <div key={imp}>
            <h3>{labelImpact(imp)} — {notPassingCount(list)}</h3>
            {list.map((f, i) => <FindingCard key={`${f.ruleId}-${f.service}-${i}`} f={f} rules={rules} spellings={spellings} />)}
          </div>
        );
      })}
      {failing.length === 0 ? <p>Every evaluated rule passes.</p> : null}
      {passedByRule.size ? (
        <>
          <h3>Passing rules</h3>
          <table>
            <thead><tr><th>Rule</th><th>Title</th><th>Passes for</th></tr></thead>
            <tbody>
              {[...passedByRule.keys()].sort(compareText).map((id) => (
                <tr key={id}><td className="nowrap">{id}</td><td>{ruleTitle(rules, id)}</td><td className="small">{passedByRule.get(id)!.join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- correlation

export function CorrelationSection({ report }: { report: Report }): ReactElement {
  const graph = readDependencyGraph(report);
  const facts = readCorrelationFacts(report);
  const symptoms = readSymptoms(report);
  // (merged names shown with the spellings findings name them by: `stLogin (also stlogin)`)
  const spellings = serviceSpellings(report);
  const instrumented = new Set<string>([...(report.services ?? []).map((s) => s.name), ...(report.signals?.traces?.services ?? [])]);
  for (const n of [...instrumented]) {
    const to = spellings.merged.get(n);
    if (to !== undefined) instrumented.add(to);
  }
  for (const p of graph?.peers ?? []) instrumented.delete(p);
  const corrScore = typeof report.correlation?.score === 'number' ? report.correlation.score : null;
  return (
    <Section id="correlation" title="Correlation" page>
      {!graph && !facts && symptoms.length === 0 ? <NotEvaluated>Correlation (dependency graph, join rates, symptoms) was not evaluated for this report.</NotEvaluated> : null}
      {graph ? (
        <>
          <h3>Service dependency graph</h3>
          <figure className="chart">
            <DependencyGraph graph={graph} instrumented={instrumented} spellings={spellings} />
            {graph.sampled ? <figcaption>Call counts estimated from a sample of traces{graph.sample ? ` (${graph.sample})` : ''}: past the memory cap.</figcaption> : null}
            {graph.omitted > 0 ? <figcaption>{graph.omitted.toLocaleString('en-US')} more services are not shown: the busiest {graph.nodes.length} are.</figcaption> : null}
          </figure>
          {graph.edges.length ? (
            <table>
              <thead>
                <tr><th>Caller</th><th>Callee</th><th className="num">Calls</th><th className="num">Errors</th><th className="num">p50 ms</th><th className="num">p95 ms</th><th className="num">p99 ms</th></tr>
              </thead>
              <tbody>
                {graph.edges.map((e, ei) => (
                  <tr key={`${ei}-${e.from}->${e.to}`}>
                    <td>{withSpellings(e.from, spellings)}</td><td>{withSpellings(e.to, spellings)}{e.inferred ? ' (peer)' : ''}</td>
                    <td className="num">{formatInt(e.calls)}</td>
                    <td className="num">{e.errorRate === null ? '–' : formatShare(e.errorRate)}</td>
                    <td className="num">{formatMs(e.p50Ms)}</td><td className="num">{formatMs(e.p95Ms)}</td><td className="num">{formatMs(e.p99Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
      {corrScore !== null ? <p>Correlation score <b>{formatScore(corrScore)}</b>: can a symptom be walked back to its cause across traces, metrics and logs?</p> : null}
      {facts?.shares.length ? (
        <>
          <h3>Join rates</h3>
          <figure className="chart"><ShareBars title="join rates" rows={facts.shares.map((s) => ({ label: s.label, value: s.value }))} /></figure>
        </>
      ) : null}
      {facts?.facts.length ? (
        <table>
          <thead><tr><th>Measure</th><th>Value</th></tr></thead>
          <tbody>{facts.facts.map((f) => <tr key={f.key}><td>{f.label}</td><td>{f.value}</td></tr>)}</tbody>
        </table>
      ) : null}
      {facts?.identity.length ? (
        <>
          <h3>Service identity across signals</h3>
          <table>
            <thead><tr><th>Service</th><th>Traces</th><th>Metrics</th><th>Logs</th></tr></thead>
            <tbody>
              {facts.identity.map((i) => (
                <tr key={i.service}>
                  <td>{withSpellings(i.service, spellings)}{i.peerOnly ? <span className="muted small"> (peer only)</span> : null}</td>
                  {(['traces', 'metrics', 'logs'] as const).map((sig) => <td key={sig}>{i.signals.includes(sig) ? '✓' : '–'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {facts?.aliases.length ? (
        <>
          <h3>Service identity: names mapped</h3>
          <table>
            <thead><tr><th>Seen as</th><th>Mapped to</th><th>Why</th></tr></thead>
            <tbody>{facts.aliases.map((a) => <tr key={`${a.from}-${a.to}`}><td className="break">{a.from}</td><td>{a.to}</td><td className="small">{a.note}</td></tr>)}</tbody>
          </table>
        </>
      ) : null}
      {symptoms.length ? (
        <>
          <h3>Symptoms over time</h3>
          <table>
            <thead><tr><th>Onset</th><th>Service</th><th>Symptom</th><th className="num">Strength</th><th>Measured</th></tr></thead>
            <tbody>
              {symptoms.map((s, i) => (
                <tr key={i}><td className="nowrap small">{formatDateTime(s.onset)}</td><td>{withSpellings(s.service, spellings)}</td><td>{s.kind}{s.signal ? <div className="small muted">{s.signal}</div> : null}</td><td className="num">{formatValue(s.strength)}</td><td className="small wrap">{s.evidence}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- root-cause replay

export function RcaSection({ report }: { report: Report }): ReactElement {
  const rca = readRca(report);
  const spellings = serviceSpellings(report);
  if (!rca) {
    return (
      <Section id="rca" title="Root-cause replay">
        <NotEvaluated>No labelled incidents were given (obsready analyze --incidents FILE), so root-cause accuracy was not measured.</NotEvaluated>
      </Section>
    );
  }
  const m = rca.main;
  const b = rca.baseline;
  return (
    <Section id="rca" title="Root-cause replay">
      <p>
        For each labelled incident ObsReady ranked the candidate services from the data around its start, without looking at the label. {formatInt(m.cases.length)} incidents;
        the true cause ranked first in {formatShare(m.ac1)} of them and in the top 3 in {formatShare(m.ac3)}. Lift over chance: <b>{m.lift === null ? 'n/a' : `${m.lift.toFixed(2)}×`}</b>.
      </p>
      <figure className="chart">
        <PairedBars
          aLabel={m.method}
          bLabel={b ? b.method : 'baseline (none)'}
          reference={m.chance}
          referenceLabel="chance Avg@5"
          rows={[
            { label: 'AC@1', a: m.ac1, b: b?.ac1 ?? null },
            { label: 'AC@3', a: m.ac3, b: b?.ac3 ?? null },
            { label: 'Avg@5', a: m.avg5, b: b?.avg5 ?? null },
          ]}
        />
        <figcaption>AC@k: share of incidents whose true root-cause service is in the top k. Avg@5: mean of AC@1…AC@5. Chance Avg@5 = 3 / number of services.</figcaption>
      </figure>
      {m.cases.length ? (
        <table>
          <thead><tr><th>Incident</th><th>Start</th><th>Fault</th><th>True cause</th><th className="num">Rank</th><th>Ranking (top 5)</th></tr></thead>
          <tbody>
            {m.cases.map((c, i) => (
              <tr key={`${c.id}-${i}`}>
                <td>{c.id}</td>
                <td className="small nowrap">{formatDateTime(c.start)}</td>
                <td>{c.fault || '–'}</td>
                <td><b>{c.trueService}</b></td>
                <td className="num"><b>{c.rankOfTrue === null ? 'not ranked' : `#${c.rankOfTrue}`}</b></td>
                <td className="small">
                  {c.ranking.slice(0, 5).map((r, k) => (
                    <span key={k}>{k ? ', ' : ''}{k + 1}. {r.service === c.trueService ? <b><u>{withSpellings(r.service, spellings)}</u></b> : withSpellings(r.service, spellings)}{r.score !== null ? ` (${formatValue(r.score)})` : ''}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rca.skipped.length ? (
        <p className="small muted">Skipped (no data around their start): {rca.skipped.map((k) => `${k.id}${k.reason ? ` (${k.reason})` : ''}`).join('; ')}.</p>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- workflows

export function WorkflowsSection({ report }: { report: Report }): ReactElement {
  const wf = readWorkflows(report);
  return (
    <Section id="workflows" title="Operational workflows">
      {wf.length === 0 ? (
        <NotEvaluated>No workflow assessment was given, so workflow maturity was not evaluated.</NotEvaluated>
      ) : (
        <table>
          <thead><tr><th>Workflow</th><th>Level</th><th>Risk</th><th>Services</th><th>Data readiness</th><th>Binding</th></tr></thead>
          <tbody>
            {wf.map((w) => (
              <tr key={w.name}>
                <td><b>{w.name}</b>{w.note ? <div className="small muted">{w.note}</div> : null}</td>
                <td><b>{w.level}</b></td>
                <td>{w.riskClass}</td>
                <td className="small">{w.services.join(', ') || '–'}</td>
                <td className="nowrap">{w.readiness === null ? 'n/a' : <ScoreBar score={w.readiness} width={56} />}</td>
                <td>{w.binding}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- instrumentation score

export function InstrumentationSection({ report }: { report: Report }): ReactElement {
  const is = report.instrumentationScore;
  if (!is) {
    return (
      <Section id="instrumentation-score" title="Instrumentation Score">
        <NotEvaluated>The Instrumentation Score was not evaluated for this report.</NotEvaluated>
      </Section>
    );
  }
  const per = [...(is.perService ?? [])].sort((a, b) => compareText(a.service, b.service));
  const ruleIds = [...new Set(per.flatMap((p) => (p.rules ?? []).map((r) => r.id)))].sort(compareText);
  const matrix = per.length > 0 && per.length <= 8;
  return (
    <Section id="instrumentation-score" title="Instrumentation Score" page>
      <p>
        Overall <b>{formatScore(is.score)}</b>{is.band ? ` — ${is.band}` : ''} · {formatInt(is.evaluated)} of {formatInt(is.total)} specification rules evaluated.
        {' '}Computed by the public Instrumentation Score specification (its rules, weights and bands), separately from ObsReady's own rules.
      </p>
      {is.note ? <p className="small muted">{is.note}</p> : null}
      {per.length ? (
        <figure className="chart">
          <ScoreBars title="Instrumentation Score per service" rows={per.map((p) => ({ label: p.service, value: p.score, note: `${p.band ?? 'n/a'} · ${p.evaluated} of ${p.total}` }))} />
          <figcaption>Bands: 90–100 Excellent, 75–89 Good, 50–74 Needs Improvement, 0–49 Poor.</figcaption>
        </figure>
      ) : null}
      {matrix && ruleIds.length ? (
        <table>
          <thead>
            <tr><th>Rule</th><th>Impact</th>{per.map((p) => <th key={p.service} className="num">{p.service}</th>)}</tr>
          </thead>
          <tbody>
            {ruleIds.map((id) => {
              const impact = per.flatMap((p) => p.rules ?? []).find((r) => r.id === id)?.impact ?? '';
              return (
                <tr key={id}>
                  <td className="nowrap">{id}</td>
                  <td>{labelImpact(impact)}</td>
                  {per.map((p) => {
                    const r = (p.rules ?? []).find((x) => x.id === id);
                    return <td key={p.service} className="num">{!r || r.passed === null ? '–' : r.passed ? '✓' : '✕ fail'}</td>;
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {matrix ? <p className="small muted">✓ passed · ✕ failed · – not applicable or not evaluated</p> : null}
      {!matrix && per.length ? (
        <table>
          <thead><tr><th>Service</th><th>Failing specification rules</th></tr></thead>
          <tbody>
            {per.map((p) => (
              <tr key={p.service}><td>{p.service}</td><td className="small">{(p.rules ?? []).filter((r) => r.passed === false).map((r) => r.id).join(', ') || 'none'}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- appendix

export function AppendixSection({ report }: { report: Report }): ReactElement {
  const rules = listRules(report);
  const withErrors = (report.inputs ?? []).some((i) => i.errorCount > 0);
  return (
    <Section id="appendix" title="Appendix" page>
      <h3>A. Rule catalogue</h3>
      {rules.length ? (
        <table className="fixed">
          <colgroup><col style={{ width: '19%' }} /><col style={{ width: '12%' }} /><col style={{ width: '10%' }} /><col style={{ width: '31%' }} /><col style={{ width: '28%' }} /></colgroup>
          <thead><tr><th>Rule</th><th>Dimension · signal</th><th>Impact</th><th>What passes</th><th>Remediation</th></tr></thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td className="wrap"><b>{r.id}</b></td>
                <td className="small">{labelDimension(r.dimension)} · {r.signal}</td>
                <td className="small">{labelImpact(r.impact)}</td>
                <td className="small wrap">
                  {r.title !== r.id ? <><b>{r.title}</b><br /></> : null}
                  <RichText text={r.passes} />
                  {r.threshold && !r.passes.includes(r.threshold) ? ` (threshold ${r.threshold})` : ''}
                  {r.rationale ? <div className="muted"><RichText text={r.rationale} /></div> : null}
                </td>
                <td className="small wrap"><RichText text={r.remediation} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <NotEvaluated>No rule was evaluated for this report.</NotEvaluated>
      )}
      <h3>B. Input fingerprints</h3>
      <table>
        <thead><tr><th>Input</th><th>Format</th><th className="num">Bytes</th><th>SHA-256</th></tr></thead>
        <RowsBody rows={() => rowsOf(report.inputs ?? [], fingerprintRowHtml)} />
      </table>
      {withErrors ? (
        <>
          <h3>C. Input errors</h3>
          <table>
            <thead><tr><th>Input</th><th className="num">Errors</th><th>First errors</th></tr></thead>
            <RowsBody rows={() => rowsOf(report.inputs ?? [], errorRowHtml, (i) => i.errorCount > 0)} />
          </table>
        </>
      ) : null}
      <p className="small muted">
        Report schema {report.schemaVersion} · {report.tool?.name ?? 'obsready'} {report.tool?.version ?? ''} · generated {formatDateTime(report.generatedAt)}. The same inputs give the same report; the fingerprints identify the exact bytes analysed.
      </p>
    </Section>
  );
}
