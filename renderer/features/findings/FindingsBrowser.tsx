import { useMemo } from 'react';
import type { Finding, Report } from '../../../analyzers/report/model.js';
import { compareFindings, listFindings, ruleMap, ruleTitle, serviceSpellings, withGraphName } from '../../../analyzers/report/view.js';
import { useApp, update } from '../../state/store.js';
import { DEFAULT_FILTER, setFilter } from '../../state/transitions.js';
import type { FindingsFilter } from '../../state/types.js';
import { filterFindings, findingKey } from './filter-findings.js';
import { STATUS_LABEL, evidenceLine, findingStatus, measuredText, thresholdText } from './finding-text.js';
import { DIMENSION_LABEL } from '../shell/format.js';
import { RichText } from '../shell/RichText.js';
import { BreakablePath } from '../shell/BreakablePath.js';
import { findingFix } from '../../../analyzers/report/format.js';

const STATUS_OPTION_LABEL: Record<FindingsFilter['status'], string> = {
  'not-passing': `${STATUS_LABEL.fails} or ${STATUS_LABEL.inconclusive}`,
  failed: STATUS_LABEL.fails,
  inconclusive: STATUS_LABEL.inconclusive,
  passed: STATUS_LABEL.passes,
  all: 'All',
};

function Select({ label, value, options, onChange, labels }: { label: string; value: string; options: string[]; onChange: (v: string) => void; labels?: Record<string, string> }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? (o === 'all' ? 'All' : o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusPill({ f }: { f: Pick<Finding, 'passed' | 'inconclusive'> }) {
  const status = findingStatus(f);
  const cls = status === 'passes' ? 'pass' : status === 'fails' ? 'fail' : 'inconclusive';
  return <span className={`pill ${cls}`}>{STATUS_LABEL[status]}</span>;
}

export function FindingDetail({ f, report }: { f: Finding; report: Report }) {
  const examples = Array.isArray(f.evidence?.examples) ? f.evidence.examples : [];
  const rule = ruleMap(report).get(f.ruleId);
  return (
    <article className="finding-detail" aria-labelledby="finding-title" data-testid="finding-detail">
      <header>
        <p className="eyebrow">
          {DIMENSION_LABEL[f.dimension]} · {f.signal} · {f.service === '*' ? 'all services' : withGraphName(f.service, serviceSpellings(report))}
        </p>
        <h2 id="finding-title">{ruleTitle(ruleMap(report), f.ruleId)}</h2>
        <p>
          <span className={`pill impact-${f.impact}`}>{f.impact}</span> <StatusPill f={f} /> <code>{f.ruleId}</code>
        </p>
      </header>
      {/* (messages mark names, keys and values as `code`, as the catalogue does: shown as <code>, escaped by React) */}
      <p className="finding-message">
        <RichText text={typeof f.message === 'string' ? f.message : ''} />
      </p>
      <dl className="kv">
        <dt>Measured</dt>
        <dd data-testid="finding-measured">{measuredText(f)}</dd>
        <dt>Threshold</dt>
        <dd data-testid="finding-threshold">{thresholdText(f, rule)}</dd>
        <dt>Evidence</dt>
        <dd data-testid="finding-evidence">{evidenceLine(f)}</dd>
      </dl>
      <h3>Example records</h3>
      {examples.length === 0 ? (
        <p className="muted">No example records{f.passed ? ' (the rule passes)' : ''}.</p>
      ) : (
        <ol className="evidence" data-testid="evidence-list">
          {examples.map((ex, i) => (
            <li key={i}>
              <p className="evidence-loc">
                <code>
                  <span className="loc-file">
                    <BreakablePath path={ex.file} />
                  </span>
                  <span className="loc-line">{ex.line !== undefined ? `:${ex.line}` : ex.offset !== undefined ? ` @${ex.offset}` : ''}</span>
                </code>
                {ex.note ? <span className="muted"> — {ex.note}</span> : null}
              </p>
              <pre className="excerpt">{ex.excerpt}</pre>
            </li>
          ))}
        </ol>
      )}
      <h3>How to fix</h3>
      <p>
        <RichText text={findingFix({ remediation: f.remediation || rule?.remediation || '—', ...(f.inconclusive ? { inconclusive: true as const } : {}) })} />
      </p>
      {rule?.rationale ? (
        <>
          <h3>Why it matters</h3>
          <p>
            <RichText text={rule.rationale} />
          </p>
        </>
      ) : null}
    </article>
  );
}

export function FindingsBrowser() {
  const report = useApp((s) => s.report);
  const filter = useApp((s) => s.findingsFilter);
  const selected = useApp((s) => s.selectedFindingKey);
  const all = useMemo(() => (report ? listFindings(report).sort(compareFindings) : []), [report]);
  const shown = useMemo(() => filterFindings(all, filter), [all, filter]);
  // a service as the findings name it, with the merged name the graph shows it by
  const spellings = useMemo(() => (report ? serviceSpellings(report) : null), [report]);
  if (!report) return null;
  if (!report.findings) {
    return (
      <div className="screen">
        <h1>Findings</h1>
        <p className="muted">Not evaluated yet: this report has no findings (scoring did not run).</p>
      </div>
    );
  }
  const uniq = (xs: string[]) => ['all', ...[...new Set(xs)].sort()];
  const current = shown.find((f) => findingKey(f) === selected) ?? shown[0];
  return (
    <div className="screen findings">
      <header className="screen-head">
        <h1>Findings</h1>
        <span className="muted">
          {shown.length} of {all.length}
        </span>
      </header>
      <div className="filters" role="group" aria-label="Filter findings">
        <Select label="Status" value={filter.status} options={Object.keys(STATUS_OPTION_LABEL)} labels={STATUS_OPTION_LABEL} onChange={(v) => update(setFilter, { status: v as typeof filter.status })} />
        <Select label="Dimension" value={filter.dimension} options={uniq(all.map((f) => f.dimension))} onChange={(v) => update(setFilter, { dimension: v })} />
        <Select label="Impact" value={filter.impact} options={['all', 'critical', 'important', 'normal', 'low']} onChange={(v) => update(setFilter, { impact: v })} />
        <Select label="Service" value={filter.service} options={uniq(all.map((f) => f.service))} onChange={(v) => update(setFilter, { service: v })} />
        <Select label="Signal" value={filter.signal} options={uniq(all.map((f) => f.signal))} onChange={(v) => update(setFilter, { signal: v })} />
        <label className="field grow">
          <span>Search</span>
          <input type="search" value={filter.text} placeholder="rule id, service or words" onChange={(e) => update(setFilter, { text: e.target.value })} />
        </label>
        <button type="button" className="subtle" onClick={() => update(setFilter, DEFAULT_FILTER)}>
          Reset
        </button>
      </div>
      <div className="master-detail">
        <ul
          className="finding-list"
          aria-label="Findings (arrow keys move)"
          onKeyDown={(e) => {
            // Up/Down walk the list like a master-detail view in a desktop app.
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
            e.preventDefault();
            const idx = current ? shown.findIndex((f) => findingKey(f) === findingKey(current)) : -1;
            const next = shown[Math.max(0, Math.min(shown.length - 1, idx + (e.key === 'ArrowDown' ? 1 : -1)))];
            if (!next) return;
            useApp.setState({ selectedFindingKey: findingKey(next) });
            const buttons = e.currentTarget.querySelectorAll<HTMLButtonElement>('button.finding-item');
            buttons[shown.indexOf(next)]?.focus();
          }}
        >
          {shown.map((f) => {
            const key = findingKey(f);
            const active = current !== undefined && findingKey(current) === key;
            return (
              <li key={key}>
                <button type="button" className={active ? 'finding-item active' : 'finding-item'} aria-current={active ? 'true' : undefined} onClick={() => useApp.setState({ selectedFindingKey: key })} data-testid="finding-item">
                  <span className={`dot impact-${f.impact}`} aria-hidden="true" />
                  <span className="finding-item-text">
                    <strong>{ruleTitle(ruleMap(report), f.ruleId)}</strong>
                    <span className="small muted">
                      {f.service === '*' ? 'all services' : spellings ? withGraphName(f.service, spellings) : f.service} · {f.impact} · {STATUS_LABEL[findingStatus(f)]}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
          {shown.length === 0 ? <li className="muted">No finding matches these filters.</li> : null}
        </ul>
        {current ? <FindingDetail f={current} report={report} /> : <div />}
      </div>
    </div>
  );
}
