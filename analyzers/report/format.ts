// Fixed, locale-independent formatting for every human-readable output (HTML, PDF, Markdown,
// terminal). Outputs must be byte-identical for the same report on any machine, so nothing
// here consults the host locale or time zone.
import type { Dimension, Impact, TraceDetail, Verdict } from './model.js';
import { VERDICT_LABEL as SCORING_VERDICT_LABEL, RULE_OUTCOME_LABEL as SCORING_RULE_OUTCOME_LABEL, DATA_CANNOT_TELL } from '../scoring/verdict.js';
import { sampleWords, type SampleInfo } from '../profile/sample-note.js';

/**
 * A record excerpt for HTML and Markdown: control characters (\x01, a stray ESC of a colour code,
 * DEL, a lone CR) are invalid or invisible there, and drive a terminal (an export could clear the
 * screen or set the window title in the CLI's summary), so each is shown as its Unicode control
 * picture (␁, ␛, ␡, ␍), a C1 control as its code; tab and line breaks (multi-line records) stay.
 * The JSON report keeps the exact text.
 */
export function visibleControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f]|\r(?!\n)/g, (c) => {
    const n = c.codePointAt(0)!;
    // bidirectional overrides and isolates reorder the text around them (a name shown reversed);
    // invisible ones (zero-width space and joiners, soft hyphen, Hangul filler, tag characters)
    // make two names look the same: their code point
    if (n >= 0xad && !(n >= 0x80 && n <= 0x9f)) return `⟦U+${n.toString(16).toUpperCase().padStart(4, '0')}⟧`;
    // C1 controls (U+009B is a terminal's CSI) have no picture: their code
    return n >= 0x80 ? `\\x${n.toString(16)}` : String.fromCharCode(n === 0x7f ? 0x2421 : 0x2400 + n);
  });
}

/** Characters gathered before visibleChunks hands out a piece. */
const VISIBLE_CHUNK_CHARS = 64 * 1024;

/**
 * visibleControls over a text that comes in pieces, handed out in pieces of about 64 KB: the same
 * text as visibleControls of the whole. A piece is never cut after a CR or a high surrogate, whose
 * meaning depends on the character after it (CR LF stays, a lone CR is shown; a tag character is
 * a surrogate pair).
 */
export function* visibleChunks(pieces: Iterable<string>): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length < VISIBLE_CHUNK_CHARS) continue;
    const last = buf.charCodeAt(buf.length - 1);
    const cut = last === 13 || (last >= 0xd800 && last <= 0xdbff) ? buf.length - 1 : buf.length;
    yield visibleControls(buf.slice(0, cut));
    buf = buf.slice(cut);
  }
  yield visibleControls(buf);
}

/** An input's format as tables show it: "otlp-json (.gz)", "text-logs (.zst)". */
export function labelInputFormat(input: { format: string; container?: 'gzip' | 'zstd' }): string {
  return input.format + (input.container === 'gzip' ? ' (.gz)' : input.container === 'zstd' ? ' (.zst)' : '');
}

/** An input's other paths (`aliases`), as the inputs tables say them; '' when it had one path. */
export function formatAliases(aliases: readonly string[] | undefined): string {
  if (!aliases?.length) return '';
  return `also reached as ${aliases.join(', ')}: the same file, read once`;
}

/** What the inputs tables say before `detection.readAs`: the format named is not the one the input's head showed. */
// (64 KB: the sniffer's window, SNIFF_BYTES, which the report layer does not import; a test holds them together)
export const READ_AS_LEAD = 'not the format its first 64 KB showed';

/**
 * Why an input was read as another format than its head's (`detection.readAs`, a sentence), as the
 * inputs tables say it under the format; '' when it was read as its head showed.
 */
export function formatReadAs(readAs: string | undefined): string {
  return readAs ? `${READ_AS_LEAD} — ${readAs}` : '';
}

/** 12345.6 → "12,346"; grouping by hand so an ICU-less runtime formats the same way. */
export function formatInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const neg = n < 0;
  const digits = Math.round(Math.abs(n)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${grouped}` : grouped;
}

/** Scores are shown with one decimal ("63.9"); null → "n/a". */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** Signed gain: "+4.2", "−1.0", "0.0". */
export function formatDelta(n: number): string {
  const r = Math.round(n * 10) / 10;
  if (r > 0) return `+${r.toFixed(1)}`;
  if (r < 0) return `−${Math.abs(r).toFixed(1)}`;
  return '0.0';
}

/** Share 0–1 → "42.5 %"; values above 1 are treated as already in percent. */
export function formatShare(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  const pct = Math.abs(n) <= 1 ? n * 100 : n;
  return `${(Math.round(pct * 10) / 10).toFixed(1)} %`;
}

/** Measured values of findings: integers grouped, fractions to 3 significant decimals. */
export function formatValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return formatInt(v);
  const abs = Math.abs(v);
  const decimals = abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return v.toFixed(decimals);
}

/** Milliseconds with one decimal ("1,280.5"), grouped. */
/** 'services' → 'service' for a count of one ('series' stays, 'entries' → 'entry'). */
export function singularUnit(unit: string): string {
  if (/series$/.test(unit) || !/s$/.test(unit)) return unit;
  if (/ies$/.test(unit)) return unit.replace(/ies$/, 'y');
  return unit.replace(/s$/, '');
}

/**
 * A finding's evidence counts in words: "3 of 40 services fail", or, for a finding the data
 * cannot decide, "40 metric points examined: the data cannot tell". Records unless `unit` says.
 */
export function formatEvidenceCounts(ev: { examined: number; failing: number; unit?: string; sample?: SampleInfo }, inconclusive?: boolean): string {
  const unit = ev.unit ?? 'records';
  const one = (n: number): string => (n === 1 ? singularUnit(unit) : unit);
  const inSample = ev.sample ? ` (${formatSample(ev.sample)})` : '';
  if (inconclusive) return `${formatInt(ev.examined)} ${one(ev.examined)} examined: ${DATA_CANNOT_TELL}${inSample}`;
  return `${formatInt(ev.failing)} of ${formatInt(ev.examined)} ${one(ev.examined)} fail${inSample}`;
}

/** "in a sample of 3,134 of 100,000 spans, 1 in 32" (about the total when it is estimated); '' for no sample. */
export function formatSample(s: SampleInfo | undefined): string {
  if (s === undefined || !(s.share > 0) || s.share >= 1) return '';
  return sampleWords(s, formatInt);
}

/**
 * The one line that says span details were examined on a sample (signals.traces.detail): "span
 * details examined on 160,214 of 1,250,000 spans (20,034 traces), 1 in 8 traces by trace id; counts
 * exact (--exact examines every span)". '' without one.
 */
export function formatTraceDetail(d: TraceDetail | undefined, spans: number | undefined): string {
  if (d === undefined || d.sampled !== true) return '';
  const k = d.share > 0 ? Math.round(1 / d.share) : 2 ** d.level;
  return `span details examined on ${formatInt(d.examinedSpans)} of ${formatInt(spans ?? 0)} spans (${d.approximate ? 'about ' : ''}${formatInt(d.examinedTraces)} traces), 1 in ${formatInt(k)} traces by trace id; counts exact (--exact examines every span)`;
}

/** The fix a finding asks for: for one the data cannot decide, first data that can be judged. */
export function findingFix(f: { remediation: string; inconclusive?: true }): string {
  if (!f.inconclusive) return f.remediation;
  return `First export data that can be judged (its message says what is missing: timestamped points, series over time, a format that carries types and descriptions); then, if the rule fails: ${f.remediation}`;
}

export function formatMs(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const fixed = (Math.round(Math.abs(n) * 10) / 10).toFixed(1);
  const [i, d] = fixed.split('.');
  return `${n < 0 && fixed !== '0.0' ? '-' : ''}${formatInt(Number(i))}.${d}`;
}

export function formatBytesFixed(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${formatInt(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** ISO-8601 → "2025-01-31 14:05 UTC" without consulting the host time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** The verdicts' labels: one copy, in scoring (which may not import this layer). */
export const VERDICT_LABEL: Record<Verdict, string> = SCORING_VERDICT_LABEL;

/** A rule's outcome on a service as every output and the app say it: one copy, in scoring (see there). */
export const RULE_OUTCOME_LABEL = SCORING_RULE_OUTCOME_LABEL;

/** "the data cannot tell", in a sentence. */
export { DATA_CANNOT_TELL };

/**
 * Findings that do not pass, counted as the reports' headings say them: "4 failing"; with findings
 * the data cannot decide among them, "3 failing, 1 cannot tell" (such a finding never "fails").
 */
export function notPassingCount(findings: readonly { inconclusive?: true }[]): string {
  const undecided = findings.filter((f) => f.inconclusive).length;
  const failing = findings.length - undecided;
  if (undecided === 0) return `${formatInt(failing)} failing`;
  return failing === 0 ? `${formatInt(undecided)} ${RULE_OUTCOME_LABEL.inconclusive}` : `${formatInt(failing)} failing, ${formatInt(undecided)} ${RULE_OUTCOME_LABEL.inconclusive}`;
}

/** The verdict's mark beside its label (reports and the app). */
export const VERDICT_ICON: Record<Verdict, string> = { ready: '✓', conditional: '!', 'not-ready': '✕', inconclusive: '?' };

export const IMPACT_LABEL: Record<Impact, string> = {
  critical: 'Critical',
  important: 'Important',
  normal: 'Normal',
  low: 'Low',
};

export const IMPACT_ORDER: readonly Impact[] = ['critical', 'important', 'normal', 'low'];

export const DIMENSION_LABEL: Record<Dimension, string> = {
  structure: 'Structure',
  noise: 'Noise',
  correlation: 'Correlation',
};

export const DIMENSION_ORDER: readonly Dimension[] = ['structure', 'noise', 'correlation'];

export function labelVerdict(v: string | undefined | null): string {
  if (!v) return 'Not evaluated';
  return (VERDICT_LABEL as Record<string, string>)[v] ?? v;
}

export function labelImpact(i: string): string {
  return (IMPACT_LABEL as Record<string, string>)[i] ?? i;
}

export function labelDimension(d: string | null | undefined): string {
  if (!d) return '–';
  return (DIMENSION_LABEL as Record<string, string>)[d] ?? d;
}

export function rankImpact(i: string): number {
  const k = (IMPACT_ORDER as readonly string[]).indexOf(i);
  return k < 0 ? IMPACT_ORDER.length : k;
}

/** "logTraceContextShare" / "log_trace_share" → "Log trace context share". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Byte-wise string order: stable across locales (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
