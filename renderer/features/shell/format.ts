// Display helpers shared by the screens.
import type { Verdict } from '../../../analyzers/report/model.js';
import { VERDICT_ICON, VERDICT_LABEL, formatBytesFixed } from '../../../analyzers/report/format.js';

/** Sizes as the reports write them: 1024-based with IEC units ("280.5 KiB", "3.1 MiB"). */
export function formatBytes(n: number): string {
  return formatBytesFixed(n);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 record", "2,000 records" (plural given when not just an added s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatDurationMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return 'under 1 s';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}

// The reports' labels and marks, not a copy of them.
export { VERDICT_ICON, VERDICT_LABEL };

export function verdictLabel(v: Verdict | null | undefined): string {
  return v ? VERDICT_LABEL[v] : 'Not evaluated';
}

export const DIMENSION_LABEL: Record<string, string> = { structure: 'Structure', noise: 'Noise', correlation: 'Correlation' };
export const DIMENSION_QUESTION: Record<string, string> = {
  structure: 'Can a program consume it?',
  noise: 'Does the signal stand out?',
  correlation: 'Can a symptom be walked back to its cause?',
};

export function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'score-none';
  if (score >= 80) return 'score-good';
  if (score >= 60) return 'score-fair';
  return 'score-poor';
}

/** An ISO time in the user's time zone, labelled with it: "2026-11-27 11:15 CET". */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  let zone = '';
  try {
    zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? '';
  } catch {
    /* no Intl time zones: the offset below */
  }
  if (!zone) {
    const off = -d.getTimezoneOffset();
    zone = `UTC${off >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  }
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} ${zone}`;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A score resting on under a third of its rules says little: shown muted and marked, not in plain green. */
export function lowCoverage(evaluated: number | undefined, total: number | undefined): boolean {
  if (!evaluated || !total) return false;
  return evaluated / total < 1 / 3;
}
