import { useMemo } from 'react';
import { ruleMap, ruleTitle } from '../../../analyzers/report/view.js';
import { parseReportText } from '../../state/controller.js';
import { useApp, update } from '../../state/store.js';
import { pushNotice, setCompareSide } from '../../state/transitions.js';
import type { CompareSide } from '../../state/types.js';
import { DIMENSION_LABEL, formatScore, verdictLabel } from '../shell/format.js';
import { RULE_OUTCOME_LABEL } from '../../../analyzers/report/format.js';
import type { RuleOutcome } from '../../../analyzers/report/diff.js';
import { KIND_ORDER, compareReports, type Comparison, type Delta, type RuleChange, type RuleChangeKind } from './compare-reports.js';
import type { RuleDescriptor } from '../../../analyzers/report/model.js';

export const KIND_LABEL: Record<RuleChangeKind, string> = {
  regressed: 'Regressed',
  'new-failure': 'New failure',
  fixed: 'Fixed',
  'cannot-tell': 'Cannot tell',
  'no-longer-evaluated': 'No longer evaluated',
  'still-failing': 'Still failing',
  'still-cannot-tell': 'Still cannot tell',
};

function outcomeText(o: RuleOutcome | null): string {
  return o === null ? 'not evaluated' : RULE_OUTCOME_LABEL[o];
}

/** "passes → cannot tell"; with the reason when the outcomes do not say it. */
export function outcomeChange(r: Pick<RuleChange, 'before' | 'after' | 'note'>): string {
  return `${outcomeText(r.before)} → ${outcomeText(r.after)}${r.note ? ` (${r.note})` : ''}`;
}

function DeltaCell({ d }: { d: Delta }) {
  const cls = d.change === null || d.change === 0 ? '' : d.change > 0 ? 'up' : 'down';
  return (
    <td className="num">
      {formatScore(d.before)} → {formatScore(d.after)}{' '}
      <span className={`delta ${cls}`}>{d.change === null ? '' : d.change > 0 ? `+${d.change.toFixed(1)}` : d.change.toFixed(1)}</span>
    </td>
  );
}

function SidePicker({ side, value }: { side: 'before' | 'after'; value: CompareSide | null }) {
  const current = useApp((s) => s.report);
  const currentName = useApp((s) => s.reportName);
  const partial = useApp((s) => s.reportPartial);
  return (
    <div className="card side">
      <h2>{side === 'before' ? 'Before' : 'After'}</h2>
      <p className="small">{value ? value.name : 'not chosen'}</p>
      <div className="actions">
        <label className="button">
          Open report JSON…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid={`compare-${side}-input`}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!f) return;
              void f.text().then((t) => {
                const r = parseReportText(t);
                if (r) update(setCompareSide, side, { name: f.name, report: r });
                else update(pushNotice, 'error', `${f.name} is not an ObsReady report.`);
              });
            }}
          />
        </label>
        <button type="button" disabled={!current || partial} onClick={() => current && update(setCompareSide, side, { name: `current: ${currentName}`, report: current })}>
          Use current analysis
        </button>
      </div>
    </div>
  );
}

/** What changed between the two reports (pure: the screen's state is read by ComparePage). */
export function CompareResults({ cmp, rules }: { cmp: Comparison; rules: Map<string, RuleDescriptor> }) {
  return (
    <>
      <section className="card" aria-label="Summary of changes" data-testid="compare-summary">
        <p className="compare-verdict">
          <span className={`pill verdict-${cmp.verdict.before ?? 'none'}`}>{verdictLabel(cmp.verdict.before)}</span> →{' '}
          <span className={`pill verdict-${cmp.verdict.after ?? 'none'}`}>{verdictLabel(cmp.verdict.after)}</span>{' '}
          <strong className={`delta ${cmp.verdict.direction === 'better' ? 'up' : cmp.verdict.direction === 'worse' ? 'down' : ''}`}>{cmp.verdict.direction === 'same' ? 'verdict unchanged' : `verdict ${cmp.verdict.direction}`}</strong>
        </p>
        <table className="data compact compare-scores" aria-label="Scores before and after">
          <tbody>
            <tr>
              <th scope="row">Overall</th>
              <DeltaCell d={cmp.score} />
            </tr>
            {(['structure', 'noise', 'correlation'] as const).map((d) => (
              <tr key={d}>
                <th scope="row">{DIMENSION_LABEL[d]}</th>
                <DeltaCell d={cmp.dimensions[d]} />
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small" data-testid="compare-counts">
          {KIND_ORDER.map((k) => `${KIND_LABEL[k]}: ${cmp.counts[k]}`).join(' · ')}
        </p>
      </section>
      <section className="card">
        <h2>Rules that changed</h2>
        {cmp.rules.some((r) => r.before === 'inconclusive' || r.after === 'inconclusive') ? (
          <p className="small muted" data-testid="compare-cannot-tell-rule">
            A rule the data cannot tell in one analysis (too few points, no timestamps) and that fails in the other is marked “Cannot tell”: neither a regression nor a fix. A pass that the data can no longer show counts as regressed, as in <code>obsready diff</code>.
          </p>
        ) : null}
        {cmp.rules.length === 0 ? <p className="muted">No rule changed between the two analyses.</p> : null}
        <table className="data compact" aria-label="Rule changes">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Rule</th>
              <th scope="col">Service</th>
              <th scope="col">Before → after</th>
              <th scope="col">Impact</th>
            </tr>
          </thead>
          <tbody>
            {cmp.rules.map((r) => (
              <tr key={`${r.ruleId}@${r.service}`} data-testid="compare-rule">
                <td>
                  <span className={`pill change-${r.kind}`}>{KIND_LABEL[r.kind]}</span>
                </td>
                <td>{ruleTitle(rules, r.ruleId)}</td>
                <td>{r.service === '*' ? 'all' : r.service}</td>
                <td>{outcomeChange(r)}</td>
                <td>{r.impact}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>Services</h2>
        <table className="data compact" aria-label="Service changes">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {cmp.services.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <DeltaCell d={s.score} />
                <td>
                  {verdictLabel(s.verdictBefore)} → {verdictLabel(s.verdictAfter)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function ComparePage() {
  const { before, after } = useApp((s) => s.compare);
  const cmp = useMemo(() => (before && after ? compareReports(before.report, after.report) : null), [before, after]);
  const rules = useMemo(() => (after ? ruleMap(after.report) : new Map<string, RuleDescriptor>()), [after]);
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Compare two analyses</h1>
      </header>
      <div className="compare-sides">
        <SidePicker side="before" value={before} />
        <SidePicker side="after" value={after} />
      </div>
      {!cmp ? (
        <p className="muted">Choose a report for each side: a saved JSON report or the current analysis.</p>
      ) : (
        <CompareResults cmp={cmp} rules={rules} />
      )}
    </div>
  );
}
