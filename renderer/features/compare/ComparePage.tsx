import { useMemo } from 'react';
import { ruleMap, ruleTitle } from '../../../analyzers/report/view.js';
import { parseReportText } from '../../state/controller.js';
import { useApp, update } from '../../state/store.js';
import { pushNotice, setCompareSide } from '../../state/transitions.js';
import type { CompareSide } from '../../state/types.js';
import { DIMENSION_LABEL, formatScore, verdictLabel } from '../shell/format.js';
import { compareReports, type Delta, type RuleChangeKind } from './compare-reports.js';

const KIND_LABEL: Record<RuleChangeKind, string> = {
  regressed: 'Regressed',
  'new-failure': 'New failure',
  fixed: 'Fixed',
  'no-longer-evaluated': 'No longer evaluated',
  'still-failing': 'Still failing',
};

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

export function ComparePage() {
  const { before, after } = useApp((s) => s.compare);
  const cmp = useMemo(() => (before && after ? compareReports(before.report, after.report) : null), [before, after]);
  const rules = useMemo(() => (after ? ruleMap(after.report) : new Map()), [after]);
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
            <p className="small">
              {(Object.keys(KIND_LABEL) as RuleChangeKind[]).map((k) => `${KIND_LABEL[k]}: ${cmp.counts[k]}`).join(' · ')}
            </p>
          </section>
          <section className="card">
            <h2>Rules that changed</h2>
            {cmp.rules.every((r) => r.kind === 'still-failing') ? <p className="muted">No rule changed between the two analyses.</p> : null}
            <table className="data compact" aria-label="Rule changes">
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Service</th>
                  <th scope="col">Impact</th>
                </tr>
              </thead>
              <tbody>
                {cmp.rules
                  .filter((r) => r.kind !== 'still-failing')
                  .map((r) => (
                    <tr key={`${r.ruleId}@${r.service}`}>
                      <td>
                        <span className={`pill change-${r.kind}`}>{KIND_LABEL[r.kind]}</span>
                      </td>
                      <td>{ruleTitle(rules, r.ruleId)}</td>
                      <td>{r.service === '*' ? 'all' : r.service}</td>
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
      )}
    </div>
  );
}
