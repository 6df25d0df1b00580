// Inline SVG charts. Every chart is legible in greyscale: values are printed as text next to
// the marks, and categories differ by pattern (solid, hatched, dotted), not by hue alone.
// Pattern ids are fixed names defined once per document (PatternDefs): no random ids, so the
// same report renders to the same bytes.
import type { ReactElement } from 'react';
import { formatScore, formatShare } from '../format.js';

const INK = '#1b2230';
const MUTED = '#5b6473';
const TRACK = '#e4e7ec';
const BAR = '#34507f';

/** Pattern fills referenced as url(#obs-…) by every chart of the document. */
export function PatternDefs(): ReactElement {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true">
      <defs>
        <pattern id="obs-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <rect width="3" height="6" fill={INK} />
        </pattern>
        <pattern id="obs-cross" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#ffffff" />
          <path d="M0 0L6 6M6 0L0 6" stroke={INK} strokeWidth="1.3" />
        </pattern>
        <pattern id="obs-diag" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
          <rect width="5" height="5" fill="#ffffff" />
          <rect width="1.4" height="5" fill={MUTED} />
        </pattern>
        <pattern id="obs-dots" width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="#ffffff" />
          <circle cx="2.5" cy="2.5" r="1.1" fill={MUTED} />
        </pattern>
        <marker id="obs-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" fill={MUTED} />
        </marker>
      </defs>
    </svg>
  );
}

export const IMPACT_FILL: Record<string, string> = {
  critical: INK,
  important: 'url(#obs-cross)',
  normal: 'url(#obs-diag)',
  low: 'url(#obs-dots)',
};

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

/** Small inline bar for table cells: the number is printed beside it. */
export function ScoreBar({ score, width = 90 }: { score: number | null | undefined; width?: number }): ReactElement {
  const h = 9;
  const ok = typeof score === 'number' && Number.isFinite(score);
  return (
    <svg width={width + 34} height={h + 2} viewBox={`0 0 ${width + 34} ${h + 2}`} role="img" aria-label={`score ${formatScore(score)}`} style={{ display: 'inline-block', verticalAlign: 'middle', maxWidth: 'none' }}>
      <rect x="0" y="1" width={width} height={h} fill={TRACK} />
      {ok ? <rect x="0" y="1" width={(width * clamp01(score / 100)).toFixed(1)} height={h} fill={BAR} /> : <text x="3" y={h} fontSize="8" fill={MUTED}>not evaluated</text>}
      <text x={width + 32} y={h} fontSize="9.5" textAnchor="end" fill={INK} fontWeight="600">{formatScore(score)}</text>
    </svg>
  );
}

export interface BarRow {
  label: string;
  /** 0–100 score, or null when not evaluated. */
  value: number | null;
  note?: string;
}

/** Horizontal score bars with a 0–100 axis and a grid at every 25 points. */
export function ScoreBars({ rows, width = 680, labelWidth = 170, title }: { rows: BarRow[]; width?: number; labelWidth?: number; title: string }): ReactElement {
  const rowH = 26;
  const top = 8;
  const plotW = width - labelWidth - 170;
  const h = top + rows.length * rowH + 22;
  const grid = [0, 25, 50, 75, 100];
  return (
    <svg viewBox={`0 0 ${width} ${h}`} width={width} role="img" aria-label={title}>
      {grid.map((g) => {
        const x = labelWidth + (plotW * g) / 100;
        return (
          <g key={g}>
            <line x1={x} x2={x} y1={top - 2} y2={h - 18} stroke="#c3c8d0" strokeWidth="0.8" strokeDasharray={g === 0 ? undefined : '2 3'} />
            <text x={x} y={h - 6} fontSize="9" textAnchor="middle" fill={MUTED}>{g}</text>
          </g>
        );
      })}
      {rows.map((r, i) => {
        const y = top + i * rowH;
        const ok = r.value !== null && Number.isFinite(r.value);
        const w = ok ? plotW * clamp01((r.value as number) / 100) : 0;
        return (
          <g key={`${i}-${r.label}`}>
            <text x={labelWidth - 8} y={y + 14} fontSize="11" textAnchor="end" fill={INK}>{r.label}</text>
            <rect x={labelWidth} y={y + 3} width={plotW} height={16} fill={TRACK} />
            {ok ? <rect x={labelWidth} y={y + 3} width={w.toFixed(1)} height={16} fill={BAR} /> : <text x={labelWidth + 6} y={y + 15} fontSize="10" fill={MUTED} fontStyle="italic">not evaluated</text>}
            <text x={labelWidth + plotW + 8} y={y + 15} fontSize="11" fontWeight="700" fill={INK}>{formatScore(r.value)}</text>
            {r.note ? <text x={labelWidth + plotW + 44} y={y + 15} fontSize="9" fill={MUTED}>{r.note}</text> : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Half-ring gauge for the overall score, the number in the middle. */
export function Gauge({ score, label }: { score: number | null | undefined; label: string }): ReactElement {
  const r = 80;
  const cx = 100;
  const cy = 96;
  const ok = typeof score === 'number' && Number.isFinite(score);
  const f = ok ? clamp01(score / 100) : 0;
  const arc = (from: number, to: number): string => {
    const a0 = Math.PI * (1 - from);
    const a1 = Math.PI * (1 - to);
    const x0 = cx + r * Math.cos(a0);
    const y0 = cy - r * Math.sin(a0);
    const x1 = cx + r * Math.cos(a1);
    const y1 = cy - r * Math.sin(a1);
    return `M${x0.toFixed(2)} ${y0.toFixed(2)}A${r} ${r} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
  };
  return (
    <svg viewBox="0 0 200 120" width="200" role="img" aria-label={`${label}: ${formatScore(score)} of 100`}>
      <path d={arc(0, 1)} stroke={TRACK} strokeWidth="18" fill="none" />
      {ok && f > 0 ? <path d={arc(0, f)} stroke={BAR} strokeWidth="18" fill="none" /> : null}
      <text x={cx} y={cy - 10} fontSize="34" fontWeight="700" textAnchor="middle" fill={INK}>{ok ? formatScore(score) : 'n/a'}</text>
      <text x={cx} y={cy + 12} fontSize="10" textAnchor="middle" fill={MUTED}>{label}</text>
      <text x={cx - r} y={cy + 16} fontSize="9" textAnchor="middle" fill={MUTED}>0</text>
      <text x={cx + r} y={cy + 16} fontSize="9" textAnchor="middle" fill={MUTED}>100</text>
    </svg>
  );
}

export interface ImpactCount {
  impact: string;
  label: string;
  failing: number;
  passing: number;
}

/** Failing findings per impact as patterned bars, passing ones as a light continuation. */
export function ImpactChart({ counts, width = 680 }: { counts: ImpactCount[]; width?: number }): ReactElement {
  const labelW = 90;
  const rowH = 26;
  const top = 4;
  const max = Math.max(1, ...counts.map((c) => c.failing + c.passing));
  const plotW = width - labelW - 150;
  const h = top + counts.length * rowH + 4;
  return (
    <svg viewBox={`0 0 ${width} ${h}`} width={width} role="img" aria-label="findings by impact">
      {counts.map((c, i) => {
        const y = top + i * rowH;
        const wf = (plotW * c.failing) / max;
        const wp = (plotW * c.passing) / max;
        return (
          <g key={c.impact}>
            <text x={labelW - 8} y={y + 15} fontSize="11" textAnchor="end" fill={INK}>{c.label}</text>
            <rect x={labelW} y={y + 3} width={wf.toFixed(1)} height={16} fill={IMPACT_FILL[c.impact] ?? INK} stroke={INK} strokeWidth={c.failing ? 0.8 : 0} />
            <rect x={(labelW + wf).toFixed(1)} y={y + 3} width={wp.toFixed(1)} height={16} fill={TRACK} />
            <text x={labelW + wf + wp + 8} y={y + 15} fontSize="10.5" fill={INK}>
              <tspan fontWeight="700">{c.failing} failing</tspan>
              <tspan fill={MUTED}>{` · ${c.passing} passing`}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface ShareRow {
  label: string;
  value: number;
}

/** Shares (0–1) as percentage bars, e.g. join rates. */
export function ShareBars({ rows, width = 680, labelWidth = 230, title }: { rows: ShareRow[]; width?: number; labelWidth?: number; title: string }): ReactElement {
  const rowH = 24;
  const plotW = width - labelWidth - 70;
  const h = rows.length * rowH + 6;
  return (
    <svg viewBox={`0 0 ${width} ${h}`} width={width} role="img" aria-label={title}>
      {rows.map((r, i) => {
        const y = 3 + i * rowH;
        return (
          <g key={`${i}-${r.label}`}>
            <text x={labelWidth - 8} y={y + 13} fontSize="10.5" textAnchor="end" fill={INK}>{r.label}</text>
            <rect x={labelWidth} y={y + 2} width={plotW} height={15} fill={TRACK} />
            <rect x={labelWidth} y={y + 2} width={(plotW * clamp01(r.value)).toFixed(1)} height={15} fill={BAR} />
            <text x={labelWidth + plotW + 6} y={y + 14} fontSize="10.5" fontWeight="700" fill={INK}>{formatShare(r.value)}</text>
          </g>
        );
      })}
    </svg>
  );
}

export interface GroupedRow {
  label: string;
  a: number | null;
  b: number | null;
}

/** Two series side by side per row (method vs baseline), with a dashed reference line. */
export function PairedBars({ rows, aLabel, bLabel, reference, referenceLabel, width = 680 }: { rows: GroupedRow[]; aLabel: string; bLabel: string; reference: number | null; referenceLabel: string; width?: number }): ReactElement {
  const labelW = 70;
  const plotW = width - labelW - 70;
  const rowH = 36;
  const top = 22;
  const h = top + rows.length * rowH + 4;
  return (
    <svg viewBox={`0 0 ${width} ${h}`} width={width} role="img" aria-label={`${aLabel} against ${bLabel}`}>
      <rect x={labelW} y="4" width="12" height="10" fill={BAR} />
      <text x={labelW + 16} y="13" fontSize="10" fill={INK}>{aLabel}</text>
      <rect x={labelW + 150} y="4" width="12" height="10" fill="url(#obs-hatch)" stroke={INK} strokeWidth="0.8" />
      <text x={labelW + 166} y="13" fontSize="10" fill={INK}>{bLabel}</text>
      {reference !== null ? (
        <>
          <line x1={labelW + 320} x2={labelW + 340} y1="9" y2="9" stroke={INK} strokeWidth="1.4" strokeDasharray="4 3" />
          <text x={labelW + 344} y="13" fontSize="10" fill={INK}>{`${referenceLabel} (${formatShare(reference)})`}</text>
        </>
      ) : null}
      {rows.map((r, i) => {
        const y = top + i * rowH;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + 18} fontSize="11" textAnchor="end" fill={INK} fontWeight="600">{r.label}</text>
            <rect x={labelW} y={y + 3} width={plotW} height={13} fill={TRACK} />
            {r.a !== null ? <rect x={labelW} y={y + 3} width={(plotW * clamp01(r.a)).toFixed(1)} height={13} fill={BAR} /> : null}
            <text x={labelW + plotW + 6} y={y + 14} fontSize="10" fill={INK}>{formatShare(r.a)}</text>
            <rect x={labelW} y={y + 18} width={plotW} height={13} fill={TRACK} />
            {r.b !== null ? <rect x={labelW} y={y + 18} width={(plotW * clamp01(r.b)).toFixed(1)} height={13} fill="url(#obs-hatch)" stroke={INK} strokeWidth="0.6" /> : null}
            <text x={labelW + plotW + 6} y={y + 29} fontSize="10" fill={INK}>{formatShare(r.b)}</text>
          </g>
        );
      })}
      {reference !== null ? <line x1={labelW + plotW * clamp01(reference)} x2={labelW + plotW * clamp01(reference)} y1={top} y2={h - 2} stroke={INK} strokeWidth="1.4" strokeDasharray="4 3" /> : null}
    </svg>
  );
}

/** Legend swatch in the text flow. */
export function Swatch({ fill }: { fill: string }): ReactElement {
  return (
    <svg width="14" height="10" viewBox="0 0 14 10" aria-hidden="true">
      <rect width="14" height="10" fill={fill} stroke={INK} strokeWidth="0.8" />
    </svg>
  );
}
