// Service dependency graph as static SVG: a deterministic layered layout (callers left of
// callees, or above them for deep chains), edge width by call volume, dashed edges and boxes where the callee is known only
// from client-side peer attributes. Error rates are printed on the edge, not colour-coded.
import type { ReactElement } from 'react';
import { formatShare } from '../format.js';
import { layoutGraph, withSpellings, type GraphView, type ServiceSpellings } from '../view.js';

const INK = '#1b2230';
const MUTED = '#5b6473';

export function DependencyGraph({ graph, instrumented, spellings }: { graph: GraphView; instrumented: Set<string>; spellings?: ServiceSpellings }): ReactElement {
  const { layers, layerOf } = layoutGraph(graph);
  const fontSize = 11;
  const longest = Math.max(...graph.nodes.map((n) => n.length));
  const nodeW = Math.min(190, Math.max(96, Math.round(longest * fontSize * 0.6) + 20));
  const nodeH = 30;
  const gapX = Math.max(56, Math.round(nodeW * 0.45));
  const gapY = 22;
  const maxRows = Math.max(...layers.map((l) => l.length));
  const padTop = 10;
  // Callers left of callees while that fits the page; a deep call chain flows top-down
  // instead, so the boxes keep a legible size once the SVG is scaled to the page width.
  const wideW = layers.length * nodeW + (layers.length - 1) * gapX + 20;
  const tallW = maxRows * nodeW + (maxRows - 1) * 24 + 20;
  const vertical = wideW > 760 && tallW < wideW;
  const rowGap = vertical ? 24 : gapY;
  const layerGap = vertical ? 46 : gapX;
  const width = vertical ? tallW : wideW;
  const height = vertical ? padTop + layers.length * nodeH + (layers.length - 1) * layerGap + 30 : padTop + maxRows * (nodeH + gapY) + 26;
  const pos = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, li) => {
    if (vertical) {
      const offset = ((maxRows - layer.length) * (nodeW + rowGap)) / 2;
      layer.forEach((n, i) => pos.set(n, { x: 10 + offset + i * (nodeW + rowGap), y: padTop + li * (nodeH + layerGap) }));
    } else {
      const offset = ((maxRows - layer.length) * (nodeH + gapY)) / 2;
      layer.forEach((n, i) => pos.set(n, { x: 10 + li * (nodeW + gapX), y: padTop + offset + i * (nodeH + gapY) }));
    }
  });
  const maxCalls = Math.max(1, ...graph.edges.map((e) => e.calls ?? 1));
  const truncate = (s: string): string => {
    const max = Math.floor((nodeW - 14) / (fontSize * 0.6));
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  };
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width={Math.min(680, width)} role="img" aria-label="service dependency graph">
      {graph.edges.map((e, ei) => {
        const a = pos.get(e.from)!;
        const b = pos.get(e.to)!;
        const sw = 1 + 3 * (Math.log10(1 + (e.calls ?? 1)) / Math.log10(1 + maxCalls));
        let d: string;
        let lx: number;
        let ly: number;
        if (e.from === e.to) {
          d = `M${a.x + nodeW - 20} ${a.y}c0 -22 30 -22 20 0`;
          lx = a.x + nodeW;
          ly = a.y - 14;
        } else if ((layerOf.get(e.to) ?? 0) > (layerOf.get(e.from) ?? 0) && vertical) {
          const x0 = a.x + nodeW / 2;
          const y0 = a.y + nodeH;
          const x1 = b.x + nodeW / 2;
          const y1 = b.y - 2;
          const my = (y0 + y1) / 2;
          d = `M${x0} ${y0}C${x0} ${my} ${x1} ${my} ${x1} ${y1}`;
          lx = (x0 + x1) / 2;
          ly = my + 3;
        } else if ((layerOf.get(e.to) ?? 0) > (layerOf.get(e.from) ?? 0)) {
          const x0 = a.x + nodeW;
          const y0 = a.y + nodeH / 2;
          const x1 = b.x - 2;
          const y1 = b.y + nodeH / 2;
          const mx = (x0 + x1) / 2;
          d = `M${x0} ${y0}C${mx} ${y0} ${mx} ${y1} ${x1} ${y1}`;
          // Label at the midpoint: between the layer columns, so it never covers a box.
          lx = mx;
          ly = (y0 + y1) / 2 - 3;
        } else if (vertical) {
          // Back or same-layer edge (a cycle): arc right of the boxes.
          const x0 = a.x + nodeW;
          const y0 = a.y + nodeH / 2;
          const x1 = b.x + nodeW + 2;
          const y1 = b.y + nodeH / 2;
          const right = Math.max(x0, x1) + 24;
          d = `M${x0} ${y0}C${right} ${y0} ${right} ${y1} ${x1} ${y1}`;
          lx = right;
          ly = (y0 + y1) / 2;
        } else {
          // Back or same-layer edge (a cycle): arc under the boxes.
          const x0 = a.x + nodeW / 2;
          const y0 = a.y + nodeH;
          const x1 = b.x + nodeW / 2;
          const y1 = b.y + nodeH + 2;
          const low = Math.max(y0, y1) + 18;
          d = `M${x0} ${y0}C${x0} ${low} ${x1} ${low} ${x1} ${y1}`;
          lx = (x0 + x1) / 2;
          ly = low + 4;
        }
        const label = e.errorRate !== null && e.errorRate >= 0.01 ? `${formatShare(e.errorRate)} err` : '';
        return (
          <g key={`${ei}-${e.from}->${e.to}`}>
            <path d={d} fill="none" stroke={MUTED} strokeWidth={sw.toFixed(2)} strokeDasharray={e.inferred ? '5 4' : undefined} markerEnd="url(#obs-arrow)" />
            {label ? (
              <text x={lx} y={ly} fontSize="9" textAnchor="middle" fill={INK} fontWeight="700" stroke="#ffffff" strokeWidth="3" paintOrder="stroke">{label}</text>
            ) : null}
          </g>
        );
      })}
      {graph.nodes.map((n) => {
        const p = pos.get(n)!;
        const known = instrumented.has(n);
        return (
          <g key={n}>
            <title>{spellings ? withSpellings(n, spellings) : n}</title>
            <rect x={p.x} y={p.y} width={nodeW} height={nodeH} rx="4" fill={known ? '#ffffff' : '#f3f5f8'} stroke={INK} strokeWidth={known ? 1.4 : 1} strokeDasharray={known ? undefined : '4 3'} />
            <text x={p.x + nodeW / 2} y={p.y + nodeH / 2 + 4} fontSize={fontSize} textAnchor="middle" fill={INK} fontWeight={known ? 600 : 400}>{truncate(n)}</text>
          </g>
        );
      })}
      <text x="10" y={height - 6} fontSize="9" fill={MUTED}>Solid box: instrumented service · dashed box/edge: seen only from callers' client spans · edge width: call volume · “err”: error rate ≥ 1 %</text>
    </svg>
  );
}
