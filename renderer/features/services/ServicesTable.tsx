import { Fragment, useMemo, useState } from 'react';
import type { Report, ServiceScore } from '../../../analyzers/report/model.js';
import { useApp, update } from '../../state/store.js';
import { setFilter, setScreen } from '../../state/transitions.js';
import { nameFromSegments, pooledServicesText, serviceLabelParts, serviceSpellings, servicesCapped, spellingsText, type ServiceSpellings } from '../../../analyzers/report/view.js';
import { formatCount, formatScore, lowCoverage, scoreClass, verdictLabel } from '../shell/format.js';

type SortKey = 'name' | 'score' | 'structure' | 'noise' | 'correlation' | 'records';

function valueOf(s: ServiceScore, key: SortKey): number | string {
  switch (key) {
    case 'name':
      return s.name;
    case 'score':
      return s.score ?? -1;
    case 'records':
      return s.records.spans + s.records.logs + s.records.points;
    default:
      return s.dimensions[key]?.score ?? -1;
  }
}

function recordLines(s: ServiceScore): string[] {
  return (
    [
      [s.records.spans, 'span', 'spans'],
      [s.records.logs, 'log', 'logs'],
      [s.records.points, 'point', 'points'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${formatCount(n)} ${n === 1 ? one : many}`);
}

/**
 * Beneath a service's name, smaller: the merged name the dependency graph shows it by, the other
 * names its records carry (pod names filed under it) and the tag its name came from (as code,
 * never with the backticks).
 */
function ServiceAliases({ s, spellings }: { s: ServiceScore; spellings: ServiceSpellings }) {
  const p = serviceLabelParts(s, spellings);
  return (
    <>
      {p.graph !== undefined ? <div className="service-alias small muted">graph: {p.graph}</div> : null}
      {p.spellings.length > 0 ? <div className="service-alias small muted">also named {spellingsText(p)}</div> : null}
      {p.from.length > 0 ? (
        <div className="service-alias small muted">
          {nameFromSegments(p).map((x, i) => (x.code !== undefined ? <code key={i}>{x.code}</code> : <Fragment key={i}>{x.text}</Fragment>))}
        </div>
      ) : null}
    </>
  );
}

export function ServicesTable() {
  const report = useApp((s) => s.report);
  if (!report) return null;
  return <ServicesView report={report} />;
}

export function ServicesView({ report }: { report: Report }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'score', desc: false });
  const rows = useMemo(() => {
    const list = [...(report?.services ?? [])];
    list.sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
      return (sort.desc ? -c : c) || a.name.localeCompare(b.name);
    });
    return list;
  }, [report, sort]);
  const header = (key: SortKey, label: string, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  // The engine scores correlation for the whole set only: no service carries a correlation score.
  const spellings = serviceSpellings(report);
  const correlationSetWide = (report.services ?? []).length > 0 && (report.services ?? []).every((x) => x.dimensions.correlation?.score === null || x.dimensions.correlation?.score === undefined);
  const names = report.services ? null : [...new Set([...report.signals.traces.services, ...report.signals.metrics.services, ...report.signals.logs.services])].sort();
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Services</h1>
      </header>
      {names ? (
        <>
          <p className="muted">Per-service scores are not evaluated yet. Services seen in the data{servicesCapped(report) ? ' (each signal lists its first names in sorted order only)' : ''}:</p>
          <ul className="chips">
            {names.map((n) => (
              <li key={n} className="chip static">
                {n}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
        {correlationSetWide ? (
          <p className="small muted" data-testid="services-correlation-note">
            Service scores and verdicts leave correlation out: it is judged for the whole input set (see the Dashboard), so no service has a Correlation score of its own.
          </p>
        ) : null}
        {pooledServicesText(report) ? (
          <p className="small muted" data-testid="services-pooled-note">
            {pooledServicesText(report)}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="data services" aria-label="Services">
            <thead>
              <tr>
                {header('name', 'Service')}
                <th scope="col">Signals</th>
                {header('score', 'Score', true)}
                <th scope="col">Verdict</th>
                {header('structure', 'Structure', true)}
                {header('noise', 'Noise', true)}
                {header('correlation', 'Correlation', true)}
                {header('records', 'Records', true)}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.name}>
                  <th scope="row" className="service-cell">
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        update(setFilter, { service: s.name, status: 'not-passing' });
                        update(setScreen, 'findings');
                      }}
                    >
                      {s.name}
                    </button>
                    <ServiceAliases s={s} spellings={spellings} />
                  </th>
                  <td>{s.signals.join(', ')}</td>
                  <td className={`num ${scoreClass(s.score)}`}>{formatScore(s.score)}</td>
                  <td>
                    <span className={`pill verdict-${s.verdict}`}>{verdictLabel(s.verdict)}</span>
                  </td>
                  {(['structure', 'noise', 'correlation'] as const).map((d) => {
                    const ds = s.dimensions[d];
                    const thin = lowCoverage(ds?.evaluated, ds?.total);
                    return (
                      <td key={d} className={`num ${thin ? 'score-thin' : scoreClass(ds?.score)}`} title={`${ds?.evaluated ?? 0} of ${ds?.total ?? 0} rules evaluated`}>
                        {d === 'correlation' && correlationSetWide ? <span className="small muted">whole set</span> : formatScore(ds?.score)}
                        {thin && ds?.score !== null && ds?.score !== undefined ? <span className="small muted thin-note"> ({ds.evaluated}/{ds.total} rules)</span> : null}
                      </td>
                    );
                  })}
                  <td className="num small records-cell">
                    {recordLines(s).length > 0 ? recordLines(s).map((line) => <div key={line}>{line}</div>) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </>
      )}
    </div>
  );
}
