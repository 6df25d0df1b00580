import { useState } from 'react';
import type { Dimension, Report } from '../../../analyzers/report/model.js';
import { ruleMap, ruleTitle } from '../../../analyzers/report/view.js';
import { formatTraceDetail } from '../../../analyzers/report/format.js';
import { useApp, update } from '../../state/store.js';
import { overallProgress, setFilter, setScreen } from '../../state/transitions.js';
import type { InputEntry } from '../../state/types.js';
import { RichText } from '../shell/RichText.js';
import { bindingExplanation, bindingPlanNote, planAction, planWhereShort } from './fix-plan-text.js';
import { DIMENSION_LABEL, DIMENSION_QUESTION, VERDICT_ICON, formatBytes, formatCount, formatScore, formatTime, lowCoverage, plural, scoreClass, verdictLabel } from '../shell/format.js';

const DIMENSIONS: Dimension[] = ['structure', 'noise', 'correlation'];

function ScoreRing({ score, label, verdict }: { score: number | null | undefined; label: string; verdict: string }) {
  const v = score ?? 0;
  const r = 34;
  const c = 2 * Math.PI * r;
  // Coloured by the verdict, not the average: a high average under a failed critical rule is still not ready.
  return (
    <svg className={`ring ring-${verdict}`} viewBox="0 0 84 84" width="84" height="84" role="img" aria-label={`${label}: ${formatScore(score)}`}>
      <circle cx="42" cy="42" r={r} className="ring-track" />
      <circle cx="42" cy="42" r={r} className="ring-value" strokeDasharray={`${(c * v) / 100} ${c}`} transform="rotate(-90 42 42)" />
      <text x="42" y="47" textAnchor="middle" className="ring-text">
        {formatScore(score)}
      </text>
    </svg>
  );
}

function VerdictBanner({ report, partial }: { report: Report; partial: boolean }) {
  const v = report.verdict;
  return (
    <section className={`verdict-banner verdict-${v ?? 'none'}`} aria-labelledby="verdict-title" data-testid="verdict">
      <div className="verdict-icon" aria-hidden="true">
        {v ? VERDICT_ICON[v] : '…'}
      </div>
      <div className="verdict-text">
        <p className="eyebrow">Level-3 readiness{partial ? ' — provisional, files still streaming' : ''}</p>
        <h1 id="verdict-title">{v ? verdictLabel(v) : partial ? 'Reading…' : 'Not evaluated yet'}</h1>
        <p className="verdict-reason">
          <RichText text={report.verdictReason ?? (v ? '' : 'Scoring has not produced a verdict for this report (the scoring rules are not part of this build, or no data could be read).')} />
        </p>
      </div>
      <div className="verdict-score">
        <ScoreRing score={report.score} label="Overall score" verdict={v ?? 'none'} />
        <span className="small muted">overall score</span>
      </div>
    </section>
  );
}

function BindingConstraint({ report }: { report: Report }) {
  const b = report.bindingConstraint;
  const rules = ruleMap(report);
  const planNote = bindingPlanNote(report, (id) => ruleTitle(rules, id), verdictLabel);
  return (
    <section className="card binding" aria-labelledby="binding-title" data-testid="binding">
      <h2 id="binding-title">What binds</h2>
      {!b ? (
        <p className="muted">Not evaluated yet.</p>
      ) : (
        <>
          <p className="binding-dim">{b.dimension ? DIMENSION_LABEL[b.dimension] : 'Nothing binds'}</p>
          <p>
            <RichText text={bindingExplanation(b.explanation)} />
          </p>
          {planNote ? (
            <p className="small" data-testid="binding-plan-note">
              {planNote}
            </p>
          ) : null}
          {b.ruleIds.length > 0 ? (
            <ul className="chips">
              {b.ruleIds.slice(0, 6).map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    className="chip"
                    onClick={() => {
                      update(setFilter, { text: id, status: 'not-passing', dimension: 'all', impact: 'all', service: 'all', signal: 'all' });
                      update(setScreen, 'findings');
                    }}
                  >
                    {ruleTitle(rules, id)}
                  </button>
                </li>
              ))}
              {b.ruleIds.length > 6 ? (
                <li>
                  <button
                    type="button"
                    className="chip subtle"
                    onClick={() => {
                      update(setFilter, { text: '', status: 'not-passing', dimension: b.dimension ?? 'all', impact: 'all', service: 'all', signal: 'all' });
                      update(setScreen, 'findings');
                    }}
                  >
                    +{b.ruleIds.length - 6} more
                  </button>
                </li>
              ) : null}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

export function Dimensions({ report }: { report: Report }) {
  return (
    <section className="dims" aria-label="Dimensions">
      {DIMENSIONS.map((d) => {
        const ds = report.dimensions?.[d];
        const isBinding = report.bindingConstraint?.dimension === d;
        const thin = lowCoverage(ds?.evaluated, ds?.total);
        return (
          <article key={d} className={`card dim ${isBinding ? 'is-binding' : ''}`} data-testid={`dimension-${d}`}>
            <header>
              <h2>{DIMENSION_LABEL[d]}</h2>
              {isBinding || thin ? (
                <span className="dim-tags">
                  {isBinding ? <span className="pill warn">binds</span> : null}
                  {thin ? <span className="pill low-coverage">low coverage</span> : null}
                </span>
              ) : null}
            </header>
            <p className="muted small">{DIMENSION_QUESTION[d]}</p>
            <div className="dim-body">
              <span className={`big ${thin ? 'score-thin' : scoreClass(ds?.score)}`}>{formatScore(ds?.score)}</span>
              <div className="dim-bar" aria-hidden="true">
                <div className={`dim-fill ${thin ? 'score-thin' : scoreClass(ds?.score)}`} style={{ width: `${ds?.score ?? 0}%` }} />
              </div>
            </div>
            <p className="small">
              {ds ? `${ds.passed} of ${ds.evaluated} evaluated rules pass for every service · ${ds.evaluated} of ${ds.total} rules evaluated` : 'Not evaluated yet'}
            </p>
            {thin && ds ? (
              <p className="small low-coverage-note" data-testid={`low-coverage-${d}`}>
                Only {ds.evaluated} of {ds.total} rules could be evaluated on this data: the score rests on too little to read as good or bad.
              </p>
            ) : null}
          </article>
        );
      })}
      <article className="card dim" data-testid="instrumentation-score">
        <header>
          <h2>Instrumentation Score</h2>
        </header>
        <p className="muted small">The public specification, computed separately</p>
        <div className="dim-body">
          <span className={`big ${scoreClass(report.instrumentationScore?.score)}`}>{formatScore(report.instrumentationScore?.score)}</span>
          <span className="pill">{report.instrumentationScore?.band ?? 'no band'}</span>
        </div>
        <p className="small">{report.instrumentationScore ? `${report.instrumentationScore.evaluated} of ${report.instrumentationScore.total} spec rules evaluated` : 'Not evaluated yet'}</p>
      </article>
    </section>
  );
}

export function FixPlan({ report }: { report: Report }) {
  const [showAll, setShowAll] = useState(false);
  const plan = report.fixPlan ?? [];
  const rules = ruleMap(report);
  const binding = new Set(report.bindingConstraint?.ruleIds ?? []);
  return (
    <section className="card fix-plan" aria-labelledby="fix-title" data-testid="fix-plan">
      <h2 id="fix-title">Fix plan</h2>
      {!report.fixPlan ? (
        <p className="muted">Not evaluated yet.</p>
      ) : plan.length === 0 ? (
        <p>No failing rule to fix.</p>
      ) : (
        <>
          <p className="small muted" id="fix-plan-note">
            Each row is one fix applied alone, ranked by the verdict and score it would reach. The gains do not add up: fixing several rules is not the sum of their rows.
          </p>
          <table className="data compact" aria-label="Fix plan" aria-describedby="fix-plan-note">
            <thead>
              <tr>
                <th scope="col" className="rank-col">
                  Rank
                </th>
                <th scope="col" className="fix-col">
                  Fix
                </th>
                <th scope="col" className="where-col">
                  Where
                </th>
                <th scope="col" className="num gain-col">
                  Gain if fixed alone
                </th>
                <th scope="col" className="then-col">
                  Score · verdict if fixed alone
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.slice(0, showAll ? plan.length : 5).map((f, i) => {
                const key = `${f.ruleId}-${f.service}`;
                const title = ruleTitle(rules, f.ruleId);
                const action = planAction(f, title);
                return (
                  <tr key={key} data-testid="fix-row">
                    <td>{i + 1}</td>
                    <td>
                      <strong>{title}</strong>
                      {binding.has(f.ruleId) ? (
                        <>
                          {' '}
                          <span className="pill warn">binds</span>
                        </>
                      ) : null}
                      <div className="small action">
                        <RichText text={action.remedy} />
                      </div>
                    </td>
                    <td>{planWhereShort(f, title)}</td>
                    <td className="num gain">+{f.gain.toFixed(1)}</td>
                    <td>
                      {formatScore(f.newScore)} · <span className={`pill verdict-${f.newVerdict}`}>{verdictLabel(f.newVerdict)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {plan.length > 5 ? (
        <button type="button" className="subtle" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show the top 5' : `Show all ${plan.length} fixes`}
        </button>
      ) : null}
    </section>
  );
}

const capitalize = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

function SignalsStrip({ report }: { report: Report }) {
  const s = report.signals;
  const range = (r?: { start: string; end: string }) => (r ? `${formatTime(r.start)} → ${formatTime(r.end)}` : 'no time range');
  const failedInputs = report.inputs.filter((i) => i.format === 'unknown').length;
  return (
    <section className="signals" aria-label="What was read">
      <div className="card stat">
        <h2>Traces</h2>
        <p className="big-num">{formatCount(s.traces.spans)}</p>
        <p className="small">
          {s.traces.spans === 1 ? 'span' : 'spans'} in {plural(s.traces.traces, 'trace')} · {plural(s.traces.services.length, 'service')}
        </p>
        <p className="small muted">{range(s.traces.timeRange)}</p>
        {s.traces.detail ? <p className="small muted">{capitalize(formatTraceDetail(s.traces.detail, s.traces.spans))}</p> : null}
      </div>
      <div className="card stat">
        <h2>Metrics</h2>
        <p className="big-num">{formatCount(s.metrics.points)}</p>
        <p className="small">
          {s.metrics.points === 1 ? 'point' : 'points'} in {formatCount(s.metrics.series)} series · {plural(s.metrics.metricNames, 'name')}
        </p>
        <p className="small muted">{range(s.metrics.timeRange)}</p>
      </div>
      <div className="card stat">
        <h2>Logs</h2>
        <p className="big-num">{formatCount(s.logs.records)}</p>
        <p className="small">
          {s.logs.records === 1 ? 'record' : 'records'} · {plural(s.logs.services.length, 'service')}
        </p>
        <p className="small muted">{range(s.logs.timeRange)}</p>
      </div>
      <div className="card stat">
        <h2>Inputs</h2>
        <p className="big-num">{report.inputs.length}</p>
        <p className="small">{failedInputs > 0 ? `${failedInputs} not recognised` : 'all recognised'}</p>
        <p className="small muted">{s.approximate ? 'distinct counts estimated' : 'exact counts'}</p>
      </div>
    </section>
  );
}

/** After Cancel: no verdict, no score, no fix plan; what was read, as the file rows count it. */
export function CancelledRun({ inputs }: { inputs: InputEntry[] }) {
  const p = overallProgress(inputs, 0);
  const pct = Math.round((100 * p.bytesRead) / Math.max(p.totalBytes, 1));
  return (
    <div className="screen dashboard">
      <section className="verdict-banner verdict-none" aria-labelledby="verdict-title" data-testid="cancelled-run">
        <div className="verdict-icon" aria-hidden="true">
          ■
        </div>
        <div className="verdict-text">
          <p className="eyebrow">Level-3 readiness</p>
          <h1 id="verdict-title">Analysis cancelled</h1>
          <p className="verdict-reason">
            No verdict, score or fix plan: the run was cancelled after reading {formatBytes(p.bytesRead)} of {formatBytes(p.totalBytes)} ({pct} %), {plural(p.records, 'record')}. Analyse again to get a verdict.
          </p>
        </div>
      </section>
      <p>
        <button type="button" onClick={() => update(setScreen, 'inputs')}>
          Back to the inputs
        </button>
      </p>
    </div>
  );
}

export function Dashboard() {
  const report = useApp((s) => s.report);
  const partial = useApp((s) => s.reportPartial);
  const run = useApp((s) => s.run);
  const inputs = useApp((s) => s.inputs);
  if (!report && run.status === 'cancelled') return <CancelledRun inputs={inputs} />;
  if (!report) return <p className="screen muted">No report yet.</p>;
  return (
    <div className="screen dashboard">
      <VerdictBanner report={report} partial={partial} />
      <Dimensions report={report} />
      <div className="dash-grid">
        <BindingConstraint report={report} />
        <FixPlan report={report} />
      </div>
      <SignalsStrip report={report} />
    </div>
  );
}
