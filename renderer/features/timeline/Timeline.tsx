import { useMemo } from 'react';
import { readRca, readSymptoms } from '../../../analyzers/report/view.js';
import type { Report } from '../../../analyzers/report/model.js';
import { useApp } from '../../state/store.js';
import { formatTime } from '../shell/format.js';

const ROW_H = 28;
const LABEL_W = 190;
const PLOT_W = 820;

/** Symptom kinds name their signal (span-latency, log-error-burst, metric-anomaly …). */
function signalOfKind(kind: string, signal: string): string {
  if (signal) return signal;
  if (/^(span|call|trace)/.test(kind)) return 'traces';
  if (/^log/.test(kind)) return 'logs';
  if (/^metric/.test(kind)) return 'metrics';
  return 'any';
}

/** The engine's own words for a symptom (`evidence`), found by service, kind and onset. */
function evidenceOf(report: Report, s: { service: string; kind: string; onset: string }): string {
  const raw = Array.isArray(report.symptoms) ? report.symptoms : [];
  const hit = raw.find((r) => r && r.service === s.service && r.kind === s.kind && r.onset === s.onset);
  return typeof hit?.evidence === 'string' ? hit.evidence : '';
}

/** Candidates the replay ranked for a case (the report keeps only the top of the ranking). */
function candidatesOf(report: Report, c: { id: string; start: string }): number | null {
  const raw = (report.rca as { cases?: unknown } | undefined)?.cases;
  if (!Array.isArray(raw)) return null;
  const hit = (raw as { id?: unknown; start?: unknown; candidates?: unknown }[]).find((r) => r && r.id === c.id && r.start === c.start);
  return typeof hit?.candidates === 'number' ? hit.candidates : null;
}

function rankText(rank: number | null, candidates: number | null): string {
  if (rank === null) return candidates !== null ? `not ranked (${candidates} candidates)` : 'not ranked';
  return candidates !== null ? `${rank} of ${candidates}` : String(rank);
}

function ms(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function signalRange(report: Report): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of ['traces', 'metrics', 'logs'] as const) {
    const r = report.signals[k].timeRange;
    if (!r) continue;
    const a = ms(r.start);
    const b = ms(r.end);
    if (a !== null) lo = Math.min(lo, a);
    if (b !== null) hi = Math.max(hi, b);
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

export function Timeline() {
  const report = useApp((s) => s.report);
  const symptoms = useMemo(() => (report ? readSymptoms(report) : []), [report]);
  const rca = useMemo(() => (report ? readRca(report) : null), [report]);
  if (!report) return null;
  const incidents = (rca?.main.cases ?? []).map((c) => ({ ...c, t: ms(c.start) })).filter((c) => c.t !== null);
  const times = [...symptoms.map((s) => ms(s.onset)), ...incidents.map((c) => c.t)].filter((t): t is number => t !== null);
  // Zoom to the symptoms and incidents when there are any: inputs from different days would
  // otherwise squeeze them into one pixel.
  const base = times.length > 0 ? null : signalRange(report);
  let lo = Math.min(...times, base?.[0] ?? Infinity);
  let hi = Math.max(...times, base?.[1] ?? -Infinity);
  if (times.length > 0) {
    const pad = Math.max((hi - lo) * 0.05, 30_000);
    lo -= pad;
    hi += pad;
  }
  const header = (
    <header className="screen-head">
      <h1>Timeline</h1>
      <span className="muted">
        {symptoms.length} symptoms · {incidents.length} labelled incidents
      </span>
    </header>
  );
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return (
      <div className="screen">
        {header}
        <p className="muted">Nothing to place on a timeline: no timestamps were read.</p>
      </div>
    );
  }
  if (hi - lo < 1000) {
    lo -= 500;
    hi += 500;
  }
  const x = (t: number) => LABEL_W + ((t - lo) / (hi - lo)) * PLOT_W;
  const services = [...new Set([...symptoms.map((s) => s.service), ...incidents.map((c) => c.trueService)])].sort();
  const height = 40 + services.length * ROW_H + 30;
  const maxStrength = Math.max(1, ...symptoms.map((s) => Math.abs(s.strength ?? 1)));
  const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  return (
    <div className="screen">
      {header}
      {report.symptoms === undefined ? <p className="muted">Symptom detection has not run for this report (not evaluated yet); the axis shows the time the data covers.</p> : null}
      <p className="legend small">
        <span className="swatch incident" /> labelled incident (true root cause row outlined) · symptoms from <span className="dotkey traces" /> traces <span className="dotkey logs" /> logs <span className="dotkey metrics" /> metrics, size ∝ strength
      </p>
      <div className="graph-wrap">
        <svg viewBox={`0 0 ${LABEL_W + PLOT_W + 20} ${height}`} width={LABEL_W + PLOT_W + 20} height={height} role="img" aria-label={`Timeline of ${symptoms.length} symptoms and ${incidents.length} incidents`} className="timeline">
          {services.map((s, i) => (
            <g key={s}>
              <rect x={0} y={30 + i * ROW_H} width={LABEL_W + PLOT_W} height={ROW_H} className={i % 2 ? 'row-odd' : 'row-even'} />
              <text x={8} y={30 + i * ROW_H + 18} className="row-label">
                {s.length > 26 ? `${s.slice(0, 25)}…` : s}
              </text>
            </g>
          ))}
          {incidents.map((c) => {
            const row = services.indexOf(c.trueService);
            return (
              <g key={c.id || c.start}>
                <line x1={x(c.t!)} x2={x(c.t!)} y1={24} y2={height - 26} className="incident-line" />
                <text x={x(c.t!) + 4} y={20} className="incident-label">
                  {c.id || 'incident'} {c.fault ? `(${c.fault})` : ''} · true cause rank {c.rankOfTrue ?? '—'}
                </text>
                {row >= 0 ? <rect x={LABEL_W} y={30 + row * ROW_H} width={PLOT_W} height={ROW_H} className="true-cause" /> : null}
              </g>
            );
          })}
          {symptoms.map((s, i) => {
            const t = ms(s.onset);
            if (t === null) return null;
            const row = services.indexOf(s.service);
            const r = 3 + 7 * Math.sqrt(Math.abs(s.strength ?? 1) / maxStrength);
            return (
              <circle key={i} cx={x(t)} cy={30 + row * ROW_H + ROW_H / 2} r={r} className={`symptom symptom-${signalOfKind(s.kind, s.signal)}`}>
                <title>{`${s.service}: ${s.kind}${s.signal ? ` (${s.signal})` : ''} at ${formatTime(s.onset)}${s.strength !== null ? `, strength ${s.strength.toFixed(2)}` : ''}`}</title>
              </circle>
            );
          })}
          {ticks.map((t, i) => (
            <text key={i} x={x(t)} y={height - 8} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'} className="tick">
              {hi - lo > 86_400_000 ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') : new Date(t).toISOString().slice(11, 19)}
            </text>
          ))}
        </svg>
      </div>
      <p className="small muted">
        {formatTime(new Date(lo).toISOString())} → {formatTime(new Date(hi).toISOString())} (UTC)
      </p>
      {symptoms.length > 0 ? (
        <section className="card">
          <h2>Symptoms</h2>
          <table className="data compact" aria-label="Symptoms">
            <thead>
              <tr>
                <th scope="col">Onset (UTC)</th>
                <th scope="col">Service</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Strength
                </th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {symptoms.slice(0, 200).map((sym, i) => (
                <tr key={i}>
                  <td className="num">{formatTime(sym.onset)}</td>
                  <td>{sym.service}</td>
                  <td>{sym.kind}</td>
                  <td className="num">{sym.strength !== null ? sym.strength.toFixed(1) : '—'}</td>
                  <td className="small">{evidenceOf(report, sym)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {rca ? (
        <section className="card">
          <h2>Root-cause replay</h2>
          <p>
            {rca.main.method}: AC@1 {rca.main.ac1 ?? '—'} · AC@3 {rca.main.ac3 ?? '—'} · Avg@5 {rca.main.avg5 ?? '—'} · lift over chance {rca.main.lift ?? '—'}
            {rca.baseline ? ` — baseline ${rca.baseline.method}: AC@1 ${rca.baseline.ac1 ?? '—'}, AC@3 ${rca.baseline.ac3 ?? '—'}` : ''}
          </p>
          {rca.main.cases.length > 0 ? (
            <table className="data compact rca-cases" aria-label="Root-cause ranking per incident">
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Start (UTC)</th>
                  <th scope="col">Fault</th>
                  <th scope="col">True root cause</th>
                  <th scope="col" className="num">
                    Rank of true cause
                  </th>
                  <th scope="col">Top ranked</th>
                </tr>
              </thead>
              <tbody>
                {rca.main.cases.slice(0, 200).map((c, i) => (
                  <tr key={i}>
                    <td>{c.id || '—'}</td>
                    <td className="num">{formatTime(c.start)}</td>
                    <td>{c.fault || '—'}</td>
                    <td className="true-service">{c.trueService || '—'}</td>
                    <td className="num">{rankText(c.rankOfTrue, candidatesOf(report, c))}</td>
                    <td className="small">
                      {c.ranking
                        .slice(0, 3)
                        .map((r, k) => `${k + 1}. ${r.service}`)
                        .join(' · ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {rca.skipped.length > 0 ? (
            <p className="small muted">
              Not replayed: {rca.skipped.slice(0, 10).map((k) => `${k.id} (${k.reason})`).join('; ')}
              {rca.skipped.length > 10 ? ` and ${rca.skipped.length - 10} more` : ''}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
