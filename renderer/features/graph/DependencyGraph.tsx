import { useMemo, useState } from 'react';
import { layoutGraph, readDependencyGraph, serviceSpellings, withSpellings, type GraphEdgeView } from '../../../analyzers/report/view.js';
import { useApp } from '../../state/store.js';
import { formatCount } from '../shell/format.js';
import { nodeLabelLines } from './node-label.js';
import { nodeServices } from './node-services.js';
import type { Report } from '../../../analyzers/report/model.js';

const NODE_W = 210;
const NODE_H = 40;
const COL_GAP = 90;
const ROW_GAP = 26;

function edgeClass(e: GraphEdgeView): string {
  if (e.errorRate !== null && e.errorRate >= 0.05) return 'edge edge-bad';
  if (e.errorRate !== null && e.errorRate >= 0.01) return 'edge edge-warn';
  return e.inferred ? 'edge edge-inferred' : 'edge';
}

export function DependencyGraph() {
  const report = useApp((s) => s.report);
  if (!report) return null;
  return <DependencyGraphView report={report} />;
}

export function DependencyGraphView({ report }: { report: Report }) {
  const graph = useMemo(() => readDependencyGraph(report), [report]);
  // merged service names with the spellings findings name them by (`stLogin (also stlogin)`)
  const spellings = useMemo(() => serviceSpellings(report), [report]);
  // a node's row: the one named as the node, else the spelling with the most records (several
  // rows can map to one merged node: `currency-service` and `currencyservice`)
  const services = useMemo(() => nodeServices(report.services ?? [], spellings), [report, spellings]);
  const [focus, setFocus] = useState<string | null>(null);
  if (!graph) {
    return (
      <div className="screen">
        <h1>Dependencies</h1>
        <p className="muted">No dependency graph in this report: it needs traces with client/server (or producer/consumer) spans, and the correlation analysis.</p>
      </div>
    );
  }
  const { layers } = layoutGraph(graph);
  const pos = new Map<string, { x: number; y: number }>();
  const maxRows = Math.max(...layers.map((l) => l.length));
  layers.forEach((layer, li) => {
    const offset = ((maxRows - layer.length) * (NODE_H + ROW_GAP)) / 2;
    layer.forEach((n, ri) => pos.set(n, { x: 20 + li * (NODE_W + COL_GAP), y: 20 + offset + ri * (NODE_H + ROW_GAP) }));
  });
  const width = 40 + layers.length * (NODE_W + COL_GAP) - COL_GAP;
  const height = 40 + maxRows * (NODE_H + ROW_GAP) - ROW_GAP;
  const maxCalls = Math.max(1, ...graph.edges.map((e) => e.calls ?? 1));
  const label = (n: string): string => withSpellings(n, spellings);
  const touches = (e: GraphEdgeView) => focus === null || e.from === focus || e.to === focus;
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Dependencies</h1>
        <span className="muted">
          {graph.nodes.length} services · {graph.edges.length} edges
          {graph.omitted > 0 ? ` · ${formatCount(graph.omitted)} more services not shown (the busiest are)` : ''}
          {graph.sampled ? ` · call counts estimated from a sample of traces${graph.sample ? ` (${graph.sample})` : ''}: past the memory cap` : ''}
        </span>
      </header>
      <p className="legend small">
        <span className="swatch ok" /> calls <span className="swatch warn" /> ≥ 1 % errors <span className="swatch bad" /> ≥ 5 % errors <span className="swatch inferred" /> callee not instrumented (inferred) · line width ∝ calls · select a service to highlight its edges
      </p>
      <div className="graph-wrap">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`Service dependency graph with ${graph.nodes.length} services`} className="graph">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
          </defs>
          {graph.edges.map((e, i) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            if (!a || !b) return null;
            const x1 = a.x + NODE_W;
            const y1 = a.y + NODE_H / 2;
            const x2 = b.x;
            const y2 = b.y + NODE_H / 2;
            const back = x2 <= x1;
            const d = back ? `M${x1},${y1} C${x1 + 60},${y1 - 70} ${x2 - 60},${y2 - 70} ${x2},${y2}` : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
            const w = 1 + 4 * Math.sqrt((e.calls ?? 1) / maxCalls);
            return (
              <path key={i} d={d} className={edgeClass(e)} strokeWidth={w} markerEnd="url(#arrow)" opacity={touches(e) ? 1 : 0.15}>
                <title>
                  {`${e.from} → ${e.to}: ${e.calls !== null ? formatCount(e.calls) + ' calls' : 'calls unknown'}${e.errorRate !== null ? `, ${(e.errorRate * 100).toFixed(1)} % errors` : ''}${e.p95Ms !== null ? `, p95 ${e.p95Ms.toFixed(1)} ms` : ''}`}
                </title>
              </path>
            );
          })}
          {graph.nodes.map((n) => {
            const p = pos.get(n)!;
            const ns = services.get(n);
            const s = ns?.row;
            const others = ns ? ns.others.map((o) => `; ${o.name}: score ${o.score ?? 'n/a'}`).join('') : '';
            const lines = nodeLabelLines(n);
            return (
              <g
                key={n}
                transform={`translate(${p.x},${p.y})`}
                className={`node ${s ? `verdict-${s.verdict}` : 'node-unscored'} ${focus === n ? 'focused' : ''}`}
                tabIndex={0}
                role="button"
                aria-label={`${label(n)}${s ? `, score ${s.score ?? 'n/a'}${others}` : ''}`}
                aria-pressed={focus === n}
                onClick={() => setFocus(focus === n ? null : n)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter' || ev.key === ' ') {
                    ev.preventDefault();
                    setFocus(focus === n ? null : n);
                  }
                }}
              >
                <title>{`${label(n)}${s ? ` — score ${s.score ?? 'n/a'}${others}` : ''}`}</title>
                <rect width={NODE_W} height={NODE_H} rx="6" />
                <text x={10} y={lines.length === 1 ? NODE_H / 2 + 4 : NODE_H / 2 - 3} className="node-label">
                  {lines.map((line, li) => (
                    <tspan key={li} x={10} dy={li === 0 ? 0 : 14}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="table-wrap">
        <table className="data compact" aria-label="Edges">
          <thead>
            <tr>
              <th scope="col">Caller</th>
              <th scope="col">Callee</th>
              <th scope="col" className="num">
                Calls
              </th>
              <th scope="col" className="num">
                Errors
              </th>
              <th scope="col" className="num">
                p50
              </th>
              <th scope="col" className="num">
                p95
              </th>
              <th scope="col" className="num">
                p99
              </th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.filter(touches).map((e, i) => (
              <tr key={i}>
                <td>{label(e.from)}</td>
                <td>
                  {label(e.to)}
                  {e.inferred ? <span className="tag">inferred</span> : null}
                </td>
                <td className="num">{e.calls !== null ? formatCount(e.calls) : '—'}</td>
                <td className="num">{e.errorRate !== null ? `${(e.errorRate * 100).toFixed(1)} %` : '—'}</td>
                <td className="num">{e.p50Ms !== null ? `${e.p50Ms.toFixed(1)} ms` : '—'}</td>
                <td className="num">{e.p95Ms !== null ? `${e.p95Ms.toFixed(1)} ms` : '—'}</td>
                <td className="num">{e.p99Ms !== null ? `${e.p99Ms.toFixed(1)} ms` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
