// One push decoder for both text dialects (Prometheus 0.0.4 and OpenMetrics 1.0).
//
// Mapping to the model — one MetricPoint per sample line, never folded:
// - `name` is the sample name as written (`x_bucket`, `x_sum`, `x_total`, `x_created`), so every
//   exposed series stays distinct, exactly as Prometheus stores them; `family` is the metric
//   family (`x`) the sample belongs to; `type`/`unit`/`description` come from the family's
//   TYPE/UNIT/HELP (untyped → `unknown`); `value` carries the sample value for every type
//   (bucket counts, quantile values, `_sum`, …); labels include `le` and `quantile`.
// - counter, histogram and summary samples are `cumulative`; a counter is `monotonic`.
// - A `_created` sample's value (seconds) is also given as its `startTimeNs`.
// - Timestamps: 0.0.4 integer ms, OpenMetrics (fractional) seconds → `timeNs`.
// - 0.0.4 samples of a family declared `# TYPE x untyped` without HELP and with a timestamp are how
//   Prometheus's /federate writes every metric, and `{__name__="x", …} v t` samples without HELP or
//   TYPE how `promtool tsdb dump` prints series: marked `noMetadata` (neither carries types or HELP).
// - Exemplars (`# {trace_id="…",span_id="…"} value [ts]`) become Exemplars with traceId/spanId
//   when those labels hold hex ids; other exemplar labels are attributes. 0.0.4 tolerates them.
//
// Errors: a line that does not follow the grammar (name, labels, escapes, value, timestamp,
// exemplar syntax) is rejected and counted in `rejected`; the rest of the input is still read.
// A readable sample that breaks a semantic rule of the format (a bad `le`/`quantile`, a
// stateset without its label, a NaN or negative counter, an info value ≠ 1, an exemplar where
// none is allowed) and rules about the whole family (histogram bucket order and totals,
// grouping, timestamp order, name clashes, unit suffix) are reported as `invalid-record` but
// the point is kept: it is still one data point of the input, and the analysis should see it. OpenMetrics requires `# EOF` (`truncated` when missing) and nothing
// after it; 0.0.4 requires a final newline (reported, the last sample is kept).
// 0.0.4 only: scrapes appended into one file are read as such — when a family's HELP/TYPE comes
// again after the family ended, the next scrape starts and its metadata only has to agree with
// the earlier one (a conflicting TYPE or a changed HELP is a `duplicate`, the first is kept).
//
// The dialect is sniffed from the first 64 KB (sniff.ts); what tells the two apart may come later.
// So the 0.0.4 reader watches the whole input, at no cost for the common line (the plain-sample
// fast path adds two comparisons): until it meets syntax only 0.0.4 allows (a blank line, leading
// blanks, `untyped`, a counter family named `…_total` or a counter sample without `_total`, a
// comment that is no HELP/TYPE/UNIT line, a timestamp read as milliseconds, a sample OpenMetrics
// does not parse), both readers read every line alike. Then
// - a line only OpenMetrics reads (`# TYPE x info|stateset|gaugehistogram|unknown`, a HELP escape
//   or a sample 0.0.4 rejects, a timestamp in fractional seconds) past what the sniffer weighed
//   hands over to the OpenMetrics reader for the rest of the input (the families read so far
//   carried over): no error 0.0.4 would report there;
// - an input that ends with `# EOF` is OpenMetrics (read alike).
// Meanwhile an OpenMetrics reader reads the same lines beside it (`shadow`, records dropped): when
// it finds more wrong than the 0.0.4 reader (interleaved families, histogram totals, content after
// `# EOF`…), the input is no OpenMetrics and the watch ends. This doubles the parsing of the lines
// read while watching, and no more: a 0.0.4 scrape mostly shows itself within its first lines
// (a counter, a blank line, `untyped`); nothing is read twice from the input or buffered.
// Either way the input's `format` says `openmetrics` (`readAs`, with why in its note).
import { type Exemplar, type HistogramValue, type MetricPoint, type MetricType, type Temporality } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { LabelResources } from '../common/label-resource.js';
import { INVALID_UTF8_MESSAGE, LineSplitter } from '../common/lines.js';
import { BinaryHead } from './binary-head.js';
import { parseHistogramString } from './native-histogram.js';
import { newProgress, SNIFF_BYTES, type Decoder, type DecoderContext, type ImportErrorCode, type ReadAs } from '../types.js';
import { MAX_LINES as SNIFF_LINES } from './sniff.js';
import { epochUnitMessage, evidentEpochUnit, parseOmTimestampNs, parsePromTimestampNs, parseSampleValue, badValueMessage, secondsToNs, type EpochUnit } from './numbers.js';
import { addPairHash, METRIC_NAME_RE, parseOpenMetricsSample, quotedMetricName, parsePrometheusSample, scanPlainPromSample, unescapeHelp, type Dialect, type PlainSample, type RawExemplar, type RawSample } from './parse-line.js';

const OM_TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'stateset', 'info', 'summary', 'unknown']);
const PROM_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gauge_histogram']);

/** Sample-name suffixes each family type owns (OpenMetrics 1.0). */
const TYPE_SUFFIXES: Record<string, string[]> = {
  counter: ['_total', '_created'],
  summary: ['', '_count', '_sum', '_created'],
  histogram: ['_count', '_sum', '_bucket', '_created'],
  gaugehistogram: ['_gcount', '_gsum', '_bucket'],
  info: ['_info'],
};
const COUNTER_LIKE = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);

const TRACE_ID_KEYS = new Set(['trace_id', 'traceid', 'traceID', 'TraceID', 'TraceId', 'traceId']);
const SPAN_ID_KEYS = new Set(['span_id', 'spanid', 'spanID', 'SpanID', 'SpanId', 'spanId']);
const HEX_ID_RE = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/;

export function toMetricType(declared: string | undefined): MetricType {
  switch (declared) {
    case 'counter':
    case 'gauge':
    case 'histogram':
    case 'summary':
    case 'info':
    case 'stateset':
    case 'gaugehistogram':
      return declared;
    case 'gauge_histogram':
      return 'gaugehistogram';
    default:
      return 'unknown';
  }
}

function temporalityOf(type: MetricType): Temporality {
  return type === 'counter' || type === 'histogram' || type === 'summary' ? 'cumulative' : 'unspecified';
}

interface PromFamily {
  name: string;
  /** The declared TYPE, or `untyped` once samples came without one. */
  type?: string;
  help?: string;
  /** From a `# UNIT` line (OpenMetrics metadata that the OpenTelemetry exporters write in 0.0.4 text too). */
  unit?: string;
  sawSamples: boolean;
  /** Scrape (see `ExpositionDecoder.scrape`) of the family's last HELP / TYPE / sample; -1 = none yet. */
  helpScrape: number;
  typeScrape: number;
  sampleScrape: number;
}

interface OmFamily {
  name: string;
  line: number;
  offset: number;
  help?: string;
  type?: string;
  unit?: string;
  allowed: string[];
  samples: number;
  seenGroups: Set<string>;
  group?: string;
  groupHasTs: boolean;
  groupTsNs: bigint;
  reported: boolean;
  hist: HistogramCheck;
  /** A sample named as the family declared just before it, whose type wants a suffix (`# TYPE foo counter` then `foo 1`): that type. */
  bareSampleOf?: string;
  /** The family's metadata came right after the samples of a family of the same name (see omMetadata): its first keyword. */
  reopened?: string;
}

/** Incremental port of the reference parser's per-group histogram rules. */
interface HistogramCheck {
  active: boolean;
  group: string;
  tsKey: string;
  count?: number;
  bucket?: number;
  value: number;
  negBuckets: boolean;
  hasSum: boolean;
  hasGsum: boolean;
  negGsum: boolean;
}

function newHistogramCheck(): HistogramCheck {
  return { active: false, group: '', tsKey: '', value: 0, negBuckets: false, hasSum: false, hasGsum: false, negGsum: false };
}

function groupKey(s: RawSample, drop: string | undefined): string {
  const labels = s.labels;
  if (s.dropped !== undefined) {
    // Labels left out past the bound are known by their digest: the whole set's, order-free as
    // the sorted key below (`drop`, when there, is one of the stored labels).
    const d: [number, number] = [s.dropped.digest[0], s.dropped.digest[1]];
    let n = s.dropped.count;
    for (const [k, v] of labels) {
      if (k === drop) continue;
      addPairHash(d, k, v);
      n++;
    }
    return `\u0003${n}\u0003${d[0]}\u0003${d[1]}`;
  }
  const kept = drop === undefined ? labels : labels.filter(([k]) => k !== drop);
  if (kept.length === 0) return '';
  if (kept.length === 1) return kept[0]![0] + '\u0001' + kept[0]![1];
  return kept
    .map(([k, v]) => k + '\u0001' + v)
    .sort()
    .join('\u0002');
}

/** Label pairs → the model's label map (`__proto__` kept as a plain key). */
function labelsObject(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

function ownLabel(labels: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, name) ? labels[name] : undefined;
}

function labelValue(labels: [string, string][], name: string): string | undefined {
  for (const [k, v] of labels) if (k === name) return v;
  return undefined;
}

/**
 * The era below which a Prometheus text timestamp is not taken for another unit: 2011, not 2001
 * (no exposition predates Prometheus, 2012), so a smaller value (`1234567890` in expfmt's own
 * tests) is left as the milliseconds it says.
 */
const PROM_ERA_FROM_NS = 1_300_000_000n * 1_000_000_000n;

export class ExpositionDecoder implements Decoder {
  readonly progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly lines: LineSplitter;
  private readonly file: string;
  private readonly gate: BinaryHead;
  private ending = false;
  // Prometheus 0.0.4 state
  private readonly promFamilies = new Map<string, PromFamily>();
  private lastSampleName = '';
  private lastFamily: PromFamily | undefined;
  /**
   * Scrapes appended into one file (`curl …/metrics >> scrapes.txt` in a loop) repeat every
   * family's HELP/TYPE. A HELP or TYPE for a family that already had one in this scrape, once the
   * family has ended (another family followed, or its own samples), means the families start
   * over: the next scrape begins. Its metadata is compared with the earlier scrape's instead.
   */
  private scrape = 0;
  // OpenMetrics state
  private fam: OmFamily | undefined;
  private readonly seenNames = new Set<string>();
  private eof = false;
  private afterEofReported = false;
  // A text exposition has no resource of its own: `target_info` and the labels that name a service
  // (`job`, `service_name`) give one, shared by the points of each service (nothing mutates it).
  private readonly resources = new LabelResources();
  private lastTsText: string | undefined;
  /** A timestamp in seconds was read as such and reported (once). */
  /** Units whose times were read in place of the dialect's (said once each). */
  private readonly evidentUnits = new Set<EpochUnit>();
  private lastTsNs: bigint | undefined;
  /** Whitespace-only lines before the first real line, held back: an input of nothing else is `empty-input`. */
  private leadingBlank: { text: string; line: number; offset: number }[] | undefined = [];

  // ---- the 0.0.4 reader's watch for OpenMetrics past the sniffed head (see the header)
  /** Set when the 0.0.4 reader found the input to be OpenMetrics (handed over, or at its `# EOF` end). */
  readAs: ReadAs | undefined;
  /** The first syntax only 0.0.4 allows: the input is 0.0.4, the watch is over. */
  private promOnlyAt: number | undefined;
  /** The first OpenMetrics-only syntax 0.0.4 reads alike (`# EOF`, `x_total` of a counter `x`, an exemplar…), for the note. */
  private omSeen: { line: number; what: string } | undefined;
  /** The last non-blank line was `# EOF`. */
  private lastWasEof = false;
  /** A seconds-timestamp note 0.0.4 would report but OpenMetrics would not: held while the watch lasts. */
  private heldUnitNote: { unit: EpochUnit; text: string; line: number; offset: number } | undefined;
  /**
   * While the watch lasts: an OpenMetrics reader of the same lines (its records dropped), whose
   * errors — more than the 0.0.4 reader's — show an input that is no OpenMetrics (its family
   * rules: name clashes, interleaved families, histogram totals, content after `# EOF`…).
   */
  private shadow: ExpositionDecoder | undefined;

  constructor(
    private readonly ctx: DecoderContext,
    private dialect: Dialect,
  ) {
    this.file = ctx.file;
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    this.lines = new LineSplitter({
      line: (text, line, offset) => this.onLine(text, line, offset),
      tooLong: (line, offset, bytes) => {
        this.progress.lines++;
        this.errors.report('line-too-long', `line of ${bytes} bytes exceeds the line limit; skipped`, line, offset, true);
      },
      invalidUtf8: (line, offset) => this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
    });
    if (dialect === 'prometheus' && ctx.forced !== true) this.shadow = new ExpositionDecoder({ file: ctx.file, sink: { record: () => undefined, error: () => undefined } }, 'openmetrics');
    this.gate = new BinaryHead(
      (chunk) => this.lines.push(chunk),
      () => this.errors.report('binary-data', 'binary content, not a text exposition', 1, 0, false),
    );
  }

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    this.gate.push(chunk);
  }

  end(): void {
    this.gate.end();
    if (this.gate.binary) return;
    this.lines.settle(); // (the complete lines of a short CR-only input first: they end in a CR)
    this.ending = true;
    this.lines.end();
    if (this.leadingBlank !== undefined) {
      this.errors.report('empty-input', this.progress.bytes === 0 ? 'empty input' : 'the input holds only whitespace', undefined, 0, false);
      return;
    }
    // (the OpenMetrics rules on the last family)
    this.shadow?.finishOmFamily();
    if (this.shadow !== undefined && this.shadow.errors.count > this.errors.count) this.promOnly(this.progress.lines);
    if (this.watching() && this.lastWasEof) {
      const first = this.omSeen !== undefined && this.omSeen.what !== EOF_WHAT ? `; OpenMetrics syntax from line ${this.omSeen.line} (${this.omSeen.what})` : '';
      this.readAs = { format: 'openmetrics', note: `OpenMetrics: the input ends with \`# EOF\`, and nothing in it is only Prometheus 0.0.4 text or breaks an OpenMetrics rule${first}; the two read it alike` };
    } else this.flushUnitNote();
    this.shadow = undefined;
    if (this.dialect === 'openmetrics') {
      this.finishOmFamily();
      if (!this.eof) {
        const total = this.progress.bytes;
        this.errors.report(total === 0 ? 'empty-input' : 'truncated', total === 0 ? 'empty input' : 'OpenMetrics input ends without "# EOF"', this.lines.linesSeen || undefined, total, false);
      }
    }
  }

  private report(code: ImportErrorCode, message: string, line: number, offset: number, rejected: boolean): void {
    this.errors.report(code, message, line, offset, rejected);
  }

  private unitReported(unit: EpochUnit, text: string, format: string, declared: EpochUnit, line: number, offset: number): void {
    if (this.evidentUnits.has(unit)) return;
    if (unit === 's' && this.dialect === 'prometheus' && this.watching()) {
      // Seconds: what OpenMetrics has. Said only once the input proves 0.0.4 (or at its end).
      this.heldUnitNote ??= { unit, text, line, offset };
      return;
    }
    this.evidentUnits.add(unit);
    this.report('invalid-timestamp', epochUnitMessage(`timestamp "${cutToken(text)}"`, format, declared, unit), line, offset, false);
  }

  private onLine(text: string, line: number, offset: number): void {
    this.progress.lines++;
    // A byte order mark that begins a line (`cat a.prom b.prom` of files that each begin with one;
    // the input's first is dropped before lines are split): no part of the exposition.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (this.leadingBlank !== undefined) {
      if (isBlank(text) && this.leadingBlank.length < 10_000) {
        this.leadingBlank.push({ text, line, offset });
        return;
      }
      const held = this.leadingBlank;
      this.leadingBlank = undefined;
      for (const b of held) this.onHeldLine(b.text, b.line, b.offset);
    }
    this.onHeldLine(text, line, offset);
  }

  private onHeldLine(text: string, line: number, offset: number): void {
    const shadow = this.shadow;
    if (shadow !== undefined) {
      shadow.ending = this.ending;
      shadow.onHeldLine(text, line, offset);
    }
    if (this.dialect === 'openmetrics') this.omLine(text, line, offset);
    else this.promLine(text, line, offset);
    // OpenMetrics's reader found more wrong than 0.0.4's: the input is no OpenMetrics
    if (this.shadow !== undefined && this.shadow.errors.count > this.errors.count) this.promOnly(line);
  }

  // ------------------------------------------------------------ Prometheus 0.0.4

  private promFamilyFor(name: string, create: boolean): PromFamily | undefined {
    // Consecutive samples mostly share a name (buckets, quantiles): skip the lookups.
    if (name === this.lastSampleName && this.lastFamily) return this.lastFamily;
    // A name's family never changes once resolved with `create` (families are only added, a
    // base family's type is set once, before its samples), so the answer is kept per name.
    let fam = this.resolvedFamilies.get(name);
    if (fam === undefined) {
      fam = this.resolvePromFamily(name, create);
      if (fam !== undefined && create) this.resolvedFamilies.set(name, fam);
    }
    this.lastSampleName = name;
    this.lastFamily = fam;
    return fam;
  }

  private readonly resolvedFamilies = new Map<string, PromFamily>();

  /**
   * HELP and TYPE name their own family, by its exact name (as expfmt reads them), never a base
   * family by suffix: client_python's 0.0.4 output declares `# TYPE x_created gauge` after the
   * histogram or summary `x`, and that gauge is a family of its own. Its samples follow it.
   */
  private promMetaFamily(name: string): PromFamily {
    let fam = this.promFamilies.get(name);
    if (fam === undefined) {
      fam = { name, sawSamples: false, helpScrape: -1, typeScrape: -1, sampleScrape: -1 };
      this.promFamilies.set(name, fam);
    }
    this.resolvedFamilies.set(name, fam);
    this.lastSampleName = name;
    this.lastFamily = fam;
    return fam;
  }
  private lastPlain: PlainSample | undefined;

  private resolvePromFamily(name: string, create: boolean): PromFamily | undefined {
    const exact = this.promFamilies.get(name);
    if (exact) return exact;
    const us = name.lastIndexOf('_');
    if (us > 0) {
      const suffix = name.slice(us);
      const base = this.promFamilies.get(name.slice(0, us));
      if (base?.type !== undefined) {
        const t = base.type === 'gauge_histogram' ? 'gaugehistogram' : base.type;
        if (TYPE_SUFFIXES[t]?.includes(suffix)) return base;
      }
    }
    if (!create) return undefined;
    const fam: PromFamily = { name, sawSamples: false, helpScrape: -1, typeScrape: -1, sampleScrape: -1 };
    this.promFamilies.set(name, fam);
    return fam;
  }

  private promLine(text: string, line: number, offset: number): void {
    const c0 = text.charCodeAt(0);
    if (!this.ending && ((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95 || c0 === 58)) {
      // Plain lines (nearly all of a real scrape) skip the general tokenizer.
      const plain = scanPlainPromSample(text, this.lastPlain);
      if (plain !== undefined) {
        this.lastPlain = plain;
        this.promSample(plain.name, plain.labels, plain.valueText, plain.timestampText, undefined, line, offset);
        return;
      }
    }
    let i = 0;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i === text.length) {
      if (this.watching()) this.promOnly(line);
      return; // blank line
    }
    if (this.watching()) {
      if (i > 0) this.promOnly(line);
      this.lastWasEof = text === '# EOF';
    }
    // (OpenMetrics allows `# EOF` without a newline: said when the input proves 0.0.4, not before)
    if (this.ending && !(this.lastWasEof && this.watching())) this.report('truncated', 'the last line has no newline (the 0.0.4 text format requires one)', line, offset, false);
    if (text.charCodeAt(i) === 35) {
      if (this.watching()) {
        const only = this.omOnlyComment(text, line);
        if (only !== undefined && pastSniffedHead(line, offset)) {
          this.handOver(only, line, offset);
          this.omLine(text, line, offset);
          return;
        }
      }
      this.promComment(text.slice(i + 1), line, offset);
      return;
    }
    const parsed = parsePrometheusSample(text);
    if (this.watching()) {
      const om = parseOpenMetricsSample(text);
      const fractional = parsed.ok && om.ok && parsed.sample.timestampText !== undefined && !/^-?\d+$/.test(parsed.sample.timestampText) && parseOmTimestampNs(parsed.sample.timestampText) !== undefined;
      // (only a 0.0.4 escape error: a line 0.0.4 refuses for another reason, `x{__name__="y"}`, stays its error)
      const escapes = !parsed.ok && parsed.fault.message.startsWith('invalid escape sequence');
      if (om.ok && (escapes || fractional) && pastSniffedHead(line, offset)) {
        this.handOver(fractional ? `timestamp "${parsed.ok ? parsed.sample.timestampText : ''}" in seconds with a fraction` : 'a sample only OpenMetrics reads (its escapes)', line, offset);
        this.omLine(text, line, offset);
        return;
      }
      if (parsed.ok && !om.ok) this.promOnly(line);
      else if (om.ok && om.sample.exemplar) this.noteOm('an exemplar', line);
    }
    if (!parsed.ok) {
      this.report(parsed.fault.code, parsed.fault.message, line, offset, true);
      return;
    }
    const s = parsed.sample;
    let histogram: HistogramValue | undefined;
    if (s.histogramText !== undefined) {
      histogram = parseHistogramString(s.histogramText);
      if (histogram === undefined) {
        this.report('invalid-number', `native histogram value "${s.histogramText.slice(0, 80)}" cannot be read`, line, offset, true);
        return;
      }
    }
    this.promSample(s.name, labelsObject(s.labels), s.valueText, s.timestampText, s.exemplar, line, offset, histogram, s.dropped?.count, s.nameAsLabel);
  }

  private promSample(
    name: string,
    labels: Record<string, string>,
    valueText: string,
    timestampText: string | undefined,
    exemplar: RawExemplar | undefined,
    line: number,
    offset: number,
    histogram?: HistogramValue,
    droppedLabels?: number,
    nameAsLabel?: boolean,
  ): void {
    const value = histogram !== undefined ? histogram.count : parseSampleValue(valueText);
    if (value === undefined) {
      this.report('invalid-number', badValueMessage('sample value', cutToken(valueText), valueText), line, offset, true);
      return;
    }
    let timeNs: bigint | undefined;
    if (timestampText !== undefined) {
      // Samples of one scrape share their timestamp: one BigInt per distinct text.
      if (timestampText === this.lastTsText) timeNs = this.lastTsNs;
      else {
        timeNs = parsePromTimestampNs(timestampText);
        if (timeNs === undefined) {
          this.report('invalid-timestamp', `timestamp "${cutToken(timestampText)}" is not an integer number of milliseconds (int64)`, line, offset, true);
          return;
        }
        // 10 digits: seconds where milliseconds belong (as ms, January 1970); 16 or 19: µs or ns
        // (as ms, beyond the year 9999). Read in the unit they evidently are in, said once.
        const evident = evidentEpochUnit(timeNs, 'ms', PROM_ERA_FROM_NS);
        // (read as milliseconds, or in µs or ns: not as OpenMetrics's seconds would read it)
        if (evident?.unit !== 's' && this.watching()) this.promOnly(line);
        if (evident !== undefined) {
          timeNs = evident.ns;
          this.unitReported(evident.unit, timestampText, 'Prometheus text', 'ms', line, offset);
        }
        this.lastTsText = timestampText;
        this.lastTsNs = timeNs;
      }
    }
    const fam = this.promFamilyFor(name, true)!;
    if (fam.type === 'counter' && this.dialect === 'prometheus' && this.watching()) {
      // a 0.0.4 counter's sample is named as its family; an OpenMetrics counter `x` has samples `x_total`
      if (name === fam.name) this.promOnly(line);
      else if (name === fam.name + '_total') this.noteOm(`\`${name}\` of the counter \`${fam.name}\``, line);
    }
    fam.sawSamples = true;
    fam.sampleScrape = this.scrape;
    fam.type ??= 'untyped';
    const type = toMetricType(fam.type);
    if (type === 'summary' && name === fam.name) {
      const q = ownLabel(labels, 'quantile');
      if (q === undefined || parseSampleValue(q) === undefined) {
        this.report('invalid-record', `summary sample needs a numeric "quantile" label`, line, offset, false);
      }
    }
    if ((type === 'histogram' || type === 'gaugehistogram') && name.length === fam.name.length + 7 && name.endsWith('_bucket')) {
      const le = ownLabel(labels, 'le');
      if (le === undefined || parseSampleValue(le) === undefined) {
        this.report('invalid-record', `histogram bucket needs a numeric "le" label`, line, offset, false);
      }
    }
    const exemplars: Exemplar[] = [];
    if (exemplar) {
      const ex = this.readExemplar(exemplar, line, offset);
      if (ex === null) return;
      exemplars.push(ex);
    }
    // What cannot carry a type or description (S-MET-TYPE, S-MET-HELP): Prometheus's /federate
    // declares every family `# TYPE x untyped`, writes no HELP and stamps every sample; `promtool
    // tsdb dump` prints each stamped sample as `{__name__="x", …} v t`, with no metadata at all.
    const untypedByFormat = fam.help === undefined && timeNs !== undefined && ((fam.type === 'untyped' && fam.typeScrape >= 0) || (nameAsLabel === true && fam.typeScrape < 0));
    if (histogram !== undefined) {
      // A native histogram sample (`promtool tsdb dump`): one point holding the whole histogram.
      this.emit(name, labels, undefined, timeNs, fam.name, 'histogram', fam.unit, fam.help, exemplars, line, offset, histogram, droppedLabels, untypedByFormat);
      return;
    }
    this.emit(name, labels, value, timeNs, fam.name, type, fam.unit, fam.help, exemplars, line, offset, undefined, droppedLabels, untypedByFormat);
  }

  /** The 0.0.4 reader still watches for OpenMetrics (see the header). */
  private watching(): boolean {
    return this.dialect === 'prometheus' && this.promOnlyAt === undefined && this.readAs === undefined && this.ctx.forced !== true;
  }

  /** Syntax only 0.0.4 allows at `line`: the input is 0.0.4; a held note is said. */
  private promOnly(line: number): void {
    this.promOnlyAt = line;
    this.shadow = undefined;
    this.flushUnitNote();
  }

  private noteOm(what: string, line: number): void {
    this.omSeen ??= { line, what };
  }

  private flushUnitNote(): void {
    const h = this.heldUnitNote;
    if (h === undefined) return;
    this.heldUnitNote = undefined;
    this.evidentUnits.add(h.unit);
    this.report('invalid-timestamp', epochUnitMessage(`timestamp "${cutToken(h.text)}"`, 'Prometheus text', 'ms', h.unit), h.line, h.offset, false);
  }

  /**
   * A comment line while watching: what OpenMetrics's reader would make of it. Marks syntax only
   * 0.0.4 allows (a free comment, `untyped`, a counter named `…_total`, a UNIT that is not the
   * name's suffix) and notes OpenMetrics-only syntax 0.0.4 reads alike (`# EOF`); returns why, for
   * a line only OpenMetrics reads (an OpenMetrics type, a HELP escape 0.0.4 rejects).
   */
  private omOnlyComment(text: string, line: number): string | undefined {
    if (text === '# EOF') {
      this.noteOm(EOF_WHAT, line);
      return undefined;
    }
    // as omMetadata splits it: "#", keyword, name, rest
    const a = text.indexOf(' ');
    const b = a === -1 ? -1 : text.indexOf(' ', a + 1);
    const quoted = b === -1 ? undefined : quotedMetricName(text.slice(b + 1));
    const c = quoted ? (text.charCodeAt(b + 1 + quoted.length) === 32 ? b + 1 + quoted.length : -1) : b === -1 ? -1 : text.indexOf(' ', b + 1);
    const keyword = a === 1 && b !== -1 ? text.slice(a + 1, b) : '';
    const name = quoted ? quoted.name : c === -1 ? '' : text.slice(b + 1, c);
    if (c === -1 || (keyword !== 'HELP' && keyword !== 'TYPE' && keyword !== 'UNIT') || (quoted ? name === '' : !METRIC_NAME_RE.test(name))) {
      this.promOnly(line); // OpenMetrics has no free comments
      return undefined;
    }
    const rest = text.slice(c + 1);
    if (keyword === 'TYPE') {
      if (rest === 'info' || rest === 'stateset' || rest === 'gaugehistogram' || rest === 'unknown') return `\`# TYPE ${name} ${rest}\`, a type only OpenMetrics has`;
      if (!OM_TYPES.has(rest) || (rest === 'counter' && name.endsWith('_total'))) this.promOnly(line);
    } else if (keyword === 'HELP') {
      if (unescapeHelp(rest, 'prometheus') === undefined && unescapeHelp(rest, 'openmetrics') !== undefined) return `the HELP of \`${name}\`, whose escapes only OpenMetrics reads`;
    } else if (rest !== '' && !name.endsWith('_' + rest)) this.promOnly(line); // OpenMetrics 1.0: the unit is the name's suffix
    return undefined;
  }

  /**
   * Hand over to the OpenMetrics reader at `line` (`why`: what only it reads there). The lines before
   * were read alike by both: the families they declared are carried over (their names, for the
   * clash rule; the open family with its metadata), then the line is read as OpenMetrics.
   */
  private handOver(why: string, line: number, offset: number): void {
    this.heldUnitNote = undefined; // (seconds are what OpenMetrics has: nothing to say)
    this.shadow = undefined;
    this.readAs = { format: 'openmetrics', note: `OpenMetrics: read as Prometheus 0.0.4 text (the two read alike up to there) until line ${line}, ${why}, and as OpenMetrics from there` };
    this.dialect = 'openmetrics';
    const open = this.lastFamily;
    for (const fam of this.promFamilies.values()) {
      if (fam === open) continue;
      for (const suffix of new Set([...(TYPE_SUFFIXES[toMetricType(fam.type)] ?? []), ''])) this.seenNames.add(fam.name + suffix);
    }
    if (open !== undefined) {
      const fam = this.newOmFamily(open.name, line, offset);
      const t = open.type === undefined || open.type === 'untyped' ? undefined : toMetricType(open.type);
      if (t !== undefined) {
        fam.type = t;
        fam.allowed = (TYPE_SUFFIXES[t] ?? ['']).map((x) => open.name + x);
      }
      if (open.help !== undefined) fam.help = open.help;
      if (open.unit !== undefined) fam.unit = open.unit;
      fam.samples = open.sawSamples ? 1 : 0;
      this.fam = fam;
    }
  }

  private promComment(rest: string, line: number, offset: number): void {
    // Mirrors expfmt: only `# HELP name text` and `# TYPE name type` mean something; any other
    // comment, and HELP/TYPE without a name, are ignored. Except `# UNIT name unit`: to expfmt a
    // comment, but OpenMetrics metadata that the OpenTelemetry Prometheus exporters (JS, among
    // others) write in 0.0.4 text as well: read as the family's unit, never an error.
    const m = /^[ \t]*(HELP|TYPE|UNIT)(?:[ \t]+|$)/.exec(rest);
    if (!m) return;
    if (m[1] === 'UNIT') {
      this.promUnit(rest.slice(m[0].length));
      return;
    }
    const after = rest.slice(m[0].length);
    // Prometheus 3 writes names outside [a-zA-Z_:][a-zA-Z0-9_:]* (UTF-8, e.g. OTLP's `http.server.request.duration`)
    // quoted, in HELP/TYPE lines as in samples: `# TYPE "http.server.request.duration" histogram`.
    const quoted = quotedMetricName(after);
    const nm = quoted ? undefined : /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(after);
    const name = quoted ? quoted.name : nm ? nm[0] : '';
    const tail = after.slice(quoted ? quoted.length : name.length);
    if (name === '' && after === '') return;
    if (name === '' || (tail !== '' && tail[0] !== ' ' && tail[0] !== '\t')) {
      this.report('invalid-line', `invalid metric name in ${m[1]} line`, line, offset, false);
      return;
    }
    const arg = tail.replace(/^[ \t]+/, '');
    if (arg === '') return; // nothing after the name: not an error in 0.0.4
    const previous = this.lastFamily;
    const fam = this.promMetaFamily(name);
    const isHelp = m[1] === 'HELP';
    const sameKindScrape = isHelp ? fam.helpScrape : fam.typeScrape;
    if (sameKindScrape === this.scrape && (fam !== previous || fam.sampleScrape === this.scrape)) this.scrape++;
    if (isHelp) {
      if (fam.helpScrape === this.scrape) {
        this.report('duplicate', `second HELP line for metric name "${name}"`, line, offset, false);
        return;
      }
      const help = unescapeHelp(arg, 'prometheus');
      if (help === undefined) {
        this.report('invalid-line', `invalid escape sequence in HELP for "${name}"`, line, offset, false);
        return;
      }
      if (fam.help !== undefined && help !== fam.help) {
        this.report('duplicate', `HELP for "${name}" differs from the one of an earlier scrape (the first is kept)`, line, offset, false);
      }
      fam.help ??= help;
      fam.helpScrape = this.scrape;
      return;
    }
    const typeToken = /^[^ \t]*/.exec(arg)![0];
    const extra = arg.slice(typeToken.length).trim();
    const t = typeToken.toLowerCase();
    if (!PROM_TYPES.has(t)) {
      this.report('invalid-line', `unknown metric type "${cutToken(typeToken)}"`, line, offset, false);
      return;
    }
    if (extra !== '') {
      this.report('invalid-line', `unexpected text after the type in TYPE line for "${name}"`, line, offset, false);
      return;
    }
    if (fam.typeScrape === this.scrape) {
      // Still in the scrape that declared it, with no sample in between: a second TYPE.
      this.report('duplicate', `second TYPE line for metric name "${name}"`, line, offset, false);
      return;
    }
    if (fam.typeScrape >= 0) {
      // A later scrape repeats the TYPE: silent when it agrees; the first type stays either way.
      fam.typeScrape = this.scrape;
      if (t !== fam.type) this.report('duplicate', `TYPE ${t} for "${name}" conflicts with the TYPE ${fam.type} of an earlier scrape (the first is kept)`, line, offset, false);
      return;
    }
    if (fam.type !== undefined) {
      this.report('invalid-line', `TYPE line for "${name}" after its samples`, line, offset, false);
      return;
    }
    fam.type = t;
    fam.typeScrape = this.scrape;
  }

  /** A 0.0.4 `# UNIT name unit` line: the family's unit (the first one kept); a malformed one is the comment it is to expfmt. */
  private promUnit(after: string): void {
    const quoted = quotedMetricName(after);
    const nm = quoted ? undefined : /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(after);
    const name = quoted ? quoted.name : nm ? nm[0] : '';
    const tail = after.slice(quoted ? quoted.length : name.length);
    if (name === '' || (tail[0] !== ' ' && tail[0] !== '\t')) return;
    const unit = tail.trim();
    if (unit === '') return;
    this.promMetaFamily(name).unit ??= unit;
  }

  // ------------------------------------------------------------ OpenMetrics 1.0

  private omLine(text: string, line: number, offset: number): void {
    if (this.eof) {
      if (this.afterEofReported) return;
      this.afterEofReported = true;
      if (!isOmMetadataStart(text)) {
        this.report('invalid-line', 'content after "# EOF"', line, offset, false);
        return;
      }
      // Expositions appended to one file (`curl …/metrics >> scrapes.txt` in a loop): the content
      // after `# EOF` is still an error, but it is read as the next exposition instead of lost.
      this.report('invalid-line', 'content after "# EOF": read as another exposition (scrapes appended to one file)', line, offset, false);
      this.finishOmFamily();
      this.seenNames.clear();
      this.eof = false;
      this.afterEofReported = false;
    }
    if (text === '') {
      this.report('invalid-line', 'blank line (not allowed in OpenMetrics)', line, offset, false);
      return;
    }
    if (text === '# EOF') {
      this.eof = true;
      return;
    }
    if (text.charCodeAt(0) === 35) {
      this.omMetadata(text, line, offset);
      return;
    }
    this.omSample(text, line, offset);
  }

  private omMetadata(text: string, line: number, offset: number): void {
    // `line.split(' ', 3)` of the reference: "#", keyword, name, rest (rest may be empty).
    const a = text.indexOf(' ');
    const b = a === -1 ? -1 : text.indexOf(' ', a + 1);
    // A quoted (UTF-8) name, `# TYPE "my.counter" counter`, may hold spaces: read as the 0.0.4 reader does.
    const quoted = b === -1 ? undefined : quotedMetricName(text.slice(b + 1));
    const c = quoted ? (text.charCodeAt(b + 1 + quoted.length) === 32 ? b + 1 + quoted.length : -1) : b === -1 ? -1 : text.indexOf(' ', b + 1);
    if (a !== 1 || b === -1 || c === -1) {
      this.report('invalid-line', 'comment lines must be "# HELP|TYPE|UNIT name value" or "# EOF"', line, offset, false);
      return;
    }
    const keyword = text.slice(a + 1, b);
    const name = quoted ? quoted.name : text.slice(b + 1, c);
    const rest = text.slice(c + 1);
    if (keyword !== 'HELP' && keyword !== 'TYPE' && keyword !== 'UNIT') {
      this.report('invalid-line', `unknown metadata keyword "${keyword}"`, line, offset, false);
      return;
    }
    if (quoted ? name === '' : !METRIC_NAME_RE.test(name)) {
      this.report('invalid-line', `invalid metric name "${name}" in ${keyword} line`, line, offset, false);
      return;
    }
    // Metadata for the family whose samples were just read: a second family of that name, which
    // OpenMetrics forbids but client_golang writes (`go_memstats_alloc_bytes` a gauge, then a
    // counter whose samples are `go_memstats_alloc_bytes_total`). Read as a family of its own, with
    // its type and help; finishOmFamily reports the clash of names once (or, when no sample follows,
    // the metadata out of place).
    if (this.fam?.name !== name || this.fam.samples > 0) {
      const reopened = this.fam?.name === name;
      this.finishOmFamily();
      this.fam = this.newOmFamily(name, line, offset);
      if (reopened) this.fam.reopened = keyword;
    }
    const fam = this.fam!;
    if (keyword === 'HELP') {
      if (fam.help !== undefined) return this.report('duplicate', `more than one HELP for "${name}"`, line, offset, false);
      fam.help = unescapeHelp(rest, 'openmetrics')!;
    } else if (keyword === 'TYPE') {
      if (fam.type !== undefined) return this.report('duplicate', `more than one TYPE for "${name}"`, line, offset, false);
      if (!OM_TYPES.has(rest)) {
        fam.type = 'unknown';
        return this.report('invalid-line', `invalid metric type "${rest}"`, line, offset, false);
      }
      fam.type = rest;
      fam.allowed = (TYPE_SUFFIXES[rest] ?? ['']).map((s) => name + s);
    } else {
      if (fam.unit !== undefined) return this.report('duplicate', `more than one UNIT for "${name}"`, line, offset, false);
      fam.unit = rest;
    }
  }

  private newOmFamily(name: string, line: number, offset: number): OmFamily {
    return {
      name,
      line,
      offset,
      allowed: [name],
      samples: 0,
      seenGroups: new Set(),
      groupHasTs: false,
      groupTsNs: 0n,
      reported: false,
      hist: newHistogramCheck(),
    };
  }

  /** Family-level rules, checked when the family ends (reported once, points are kept). */
  private finishOmFamily(): void {
    const fam = this.fam;
    if (!fam) return;
    this.fam = undefined;
    // (metadata after a family's samples that no sample follows: metadata in the wrong place, not a second family)
    if (fam.reopened !== undefined && fam.samples === 0) {
      this.report('invalid-line', `${fam.reopened} for "${fam.name}" after its samples`, fam.line, fam.offset, false);
      return;
    }
    const type = fam.type ?? 'unknown';
    const problems: string[] = [];
    for (const suffix of new Set([...(TYPE_SUFFIXES[type] ?? []), ''])) {
      const n = fam.name + suffix;
      if (this.seenNames.has(n)) {
        const of = n === fam.name ? fam.bareSampleOf : undefined;
        // `# TYPE foo counter` then `foo 1`: say what the sample lacks, not only that it clashes
        if (of !== undefined) {
          const names = (TYPE_SUFFIXES[of] ?? []).filter((x) => x !== '_created').map((x) => `"${n}${x}"`);
          const needs = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
          problems.push(`sample "${n}" lacks the suffix of the ${of} family "${n}" declared before it: ${/^[aeiou]/.test(of) ? 'an' : 'a'} ${of} sample is named ${needs}. It clashes with that family and is read as a metric of unknown type`);
        }
        else problems.push(`name "${n}" clashes with an earlier metric family`);
      }
      this.seenNames.add(n);
    }
    if (fam.unit && !fam.name.endsWith('_' + fam.unit)) problems.push(`unit "${fam.unit}" is not a suffix of the metric name`);
    if (fam.unit && (type === 'info' || type === 'stateset')) problems.push(`a ${type} metric cannot have a unit`);
    if (type === 'histogram' || type === 'gaugehistogram') this.checkHistogramGroup(fam);
    for (const p of problems) this.omFamilyProblem(fam, p, fam.line, fam.offset);
  }

  private omFamilyProblem(fam: OmFamily, message: string, line: number, offset: number): void {
    this.report('invalid-record', `metric family "${fam.name}": ${message}`, line, offset, false);
  }

  private checkHistogramGroup(fam: OmFamily, line = fam.line, offset = fam.offset): void {
    const h = fam.hist;
    if (!h.active) return;
    h.active = false;
    const name = fam.name;
    let problem: string | undefined;
    if (h.bucket !== Infinity) problem = '+Inf bucket missing';
    else if (h.count !== undefined && h.value !== h.count) problem = 'count does not match the +Inf bucket';
    else if (h.hasSum && h.count === undefined) problem = '_count must be present if _sum is present';
    else if (h.hasGsum && h.count === undefined) problem = '_gcount must be present if _gsum is present';
    else if (!(h.hasSum || h.hasGsum) && h.count !== undefined) problem = '_sum/_gsum must be present if _count/_gcount is present';
    else if (h.negBuckets && h.hasSum) problem = 'cannot have _sum with negative buckets';
    else if (!h.negBuckets && h.negGsum) problem = 'cannot have a negative _gsum with non-negative buckets';
    if (problem) this.omFamilyProblem(fam, `${problem} (${name})`, line, offset);
  }

  private omSample(text: string, line: number, offset: number): void {
    const parsed = parseOpenMetricsSample(text);
    if (!parsed.ok) {
      this.report(parsed.fault.code, parsed.fault.message, line, offset, true);
      return;
    }
    const s = parsed.sample;
    const value = parseSampleValue(s.valueText);
    if (value === undefined) {
      if (s.valueText.startsWith('{')) this.report('unsupported', `sample value "${s.valueText.slice(0, 60)}${s.valueText.length > 60 ? '…' : ''}" is an OpenMetrics 2.0 composite value (a native histogram or summary written in one sample), which is not read; export OpenMetrics 1.0 or Prometheus text (classic buckets), or OTLP`, line, offset, true);
      else this.report('invalid-number', badValueMessage('sample value', cutToken(s.valueText), s.valueText), line, offset, true);
      return;
    }
    let timeNs: bigint | undefined;
    if (s.timestampText !== undefined) {
      timeNs = parseOmTimestampNs(s.timestampText);
      if (timeNs === undefined) {
        this.report('invalid-timestamp', `timestamp "${cutToken(s.timestampText)}" is not a number of seconds`, line, offset, true);
        return;
      }
      // 13 digits: milliseconds where OpenMetrics has seconds (a Prometheus 0.0.4 habit), which
      // would put the sample 50,000 years ahead. Read as milliseconds (µs, ns alike), said once.
      const evident = evidentEpochUnit(timeNs, 's');
      if (evident !== undefined) {
        timeNs = evident.ns;
        this.unitReported(evident.unit, s.timestampText, 'OpenMetrics', 's', line, offset);
      }
    }
    if (!this.fam || !this.fam.allowed.includes(s.name)) {
      const declared = this.fam?.name === s.name ? this.fam.type : undefined;
      this.finishOmFamily();
      this.fam = this.newOmFamily(s.name, line, offset);
      this.fam.type = 'unknown';
      if (declared !== undefined) this.fam.bareSampleOf = declared;
    }
    const fam = this.fam;
    const type = fam.type ?? 'unknown';
    const suffix = s.name.slice(fam.name.length);
    // Semantic rules on one sample: reported (the first one per sample), the point is kept.
    let problem: string | undefined;
    const reject = (message: string): void => {
      problem ??= message;
    };
    if (type === 'stateset' && labelValue(s.labels, fam.name) === undefined) reject(`stateset sample lacks the "${fam.name}" label`);
    if ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') {
      const le = labelValue(s.labels, 'le');
      const leValue = le === undefined ? undefined : parseSampleValue(le);
      if (le === undefined || leValue === undefined || Number.isNaN(leValue) || (leValue === Infinity && le !== '+Inf')) reject(`invalid "le" label ${le === undefined ? '(missing)' : `"${le}"`}`);
    }
    if (type === 'summary' && suffix === '') {
      const q = labelValue(s.labels, 'quantile');
      const qv = q === undefined ? undefined : parseSampleValue(q);
      if (qv === undefined || !(qv >= 0 && qv <= 1)) reject(`invalid "quantile" label ${q === undefined ? '(missing)' : `"${q}"`}`);
      if (value < 0) reject('quantile values cannot be negative');
    }
    if (type === 'stateset' && value !== 0 && value !== 1) reject('stateset samples can only be 0 or 1');
    if (type === 'info' && value !== 1) reject('info samples can only have the value 1');
    if (COUNTER_LIKE.has(suffix) && Number.isNaN(value)) reject(`${suffix} samples cannot be NaN`);
    if (COUNTER_LIKE.has(suffix) && suffix !== '_gsum' && value < 0) reject(`${suffix} samples cannot be negative`);

    if (problem !== undefined) this.report('invalid-record', `metric family "${fam.name}": ${problem}`, line, offset, false);

    // Ordering rules: reported, the sample is kept.
    const drop = type === 'summary' && suffix === '' ? 'quantile' : type === 'stateset' ? fam.name : (type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket' ? 'le' : undefined;
    const g = type === 'info' ? '' : groupKey(s, drop);
    const hasTs = timeNs !== undefined;
    if (fam.samples > 0 && g !== fam.group && fam.seenGroups.has(g)) {
      this.report('invalid-record', `samples of metric family "${fam.name}" are not grouped together`, line, offset, false);
    } else if (fam.samples > 0 && g === fam.group) {
      if (hasTs !== fam.groupHasTs) this.report('invalid-record', 'mix of samples with and without timestamps within a group', line, offset, false);
      else if (hasTs && fam.groupTsNs > timeNs! && type !== 'info') this.report('invalid-record', 'timestamps went backwards within a group', line, offset, false);
    }
    fam.group = g;
    fam.groupHasTs = hasTs;
    fam.groupTsNs = timeNs ?? 0n;
    fam.seenGroups.add(g);
    fam.samples++;

    if (type === 'histogram' || type === 'gaugehistogram') this.trackHistogram(fam, s, suffix, value, line, offset);

    const exemplars: Exemplar[] = [];
    if (s.exemplar) {
      const allowed = ((type === 'histogram' || type === 'gaugehistogram') && s.name.endsWith('_bucket')) || (type === 'counter' && s.name.endsWith('_total'));
      if (!allowed) this.report('invalid-record', 'only histogram buckets and counter _total samples can have exemplars', line, offset, false);
      if (s.exemplar.overLongLabels !== undefined) {
        // The standard caps an exemplar's label set at 128 characters; the sample itself is sound.
        this.report('invalid-record', `exemplar labels are ${s.exemplar.overLongLabels} characters long, more than the 128 OpenMetrics allows: the exemplar is dropped, the sample kept`, line, offset, false);
      } else {
        const ex = this.readExemplar(s.exemplar, line, offset);
        if (ex === null) return;
        exemplars.push(ex);
      }
    }
    this.emit(s.name, labelsObject(s.labels), value, timeNs, fam.name, toMetricType(type), fam.unit || undefined, fam.help, exemplars, line, offset, undefined, s.dropped?.count);
  }

  private trackHistogram(fam: OmFamily, s: RawSample, suffix: string, value: number, line: number, offset: number): void {
    const h = fam.hist;
    const g = groupKey(s, suffix === '_bucket' ? 'le' : undefined);
    const tsKey = s.timestampText ?? '';
    if (!h.active || g !== h.group || tsKey !== h.tsKey) {
      if (h.active) this.checkHistogramGroup(fam, line, offset);
      fam.hist = { active: true, group: g, tsKey, value: 0, negBuckets: false, hasSum: false, hasGsum: false, negGsum: false };
    }
    const cur = fam.hist;
    if (suffix === '_bucket') {
      const le = labelValue(s.labels, 'le');
      const b = le === undefined ? undefined : parseSampleValue(le);
      if (b === undefined || Number.isNaN(b)) return;
      if (b < 0) cur.negBuckets = true;
      if (cur.bucket !== undefined && b <= cur.bucket) this.omFamilyProblem(fam, 'buckets out of order', line, offset);
      if (value < cur.value) this.omFamilyProblem(fam, 'bucket counts decrease', line, offset);
      cur.bucket = b;
      cur.value = value;
    } else if (suffix === '_count' || suffix === '_gcount') cur.count = value;
    else if (suffix === '_sum') cur.hasSum = true;
    else if (suffix === '_gsum') {
      cur.hasGsum = true;
      if (value < 0) cur.negGsum = true;
    }
  }

  // ------------------------------------------------------------ shared

  /** null when the exemplar is unreadable (the sample is rejected). */
  private readExemplar(raw: RawExemplar, line: number, offset: number): Exemplar | null {
    const value = parseSampleValue(raw.valueText);
    if (value === undefined) {
      this.report('invalid-number', badValueMessage('exemplar value', raw.valueText, raw.valueText), line, offset, true);
      return null;
    }
    const ex: Exemplar = { value, attributes: {} };
    if (raw.timestampText !== undefined) {
      const ns = parseOmTimestampNs(raw.timestampText);
      if (ns === undefined) {
        this.report('invalid-timestamp', `exemplar timestamp "${raw.timestampText}" is not a number of seconds`, line, offset, true);
        return null;
      }
      ex.timeNs = ns;
    }
    for (const [k, v] of raw.labels) {
      const lower = v.toLowerCase();
      if (ex.traceId === undefined && TRACE_ID_KEYS.has(k) && HEX_ID_RE.test(lower)) ex.traceId = lower;
      else if (ex.spanId === undefined && SPAN_ID_KEYS.has(k) && /^[0-9a-f]{16}$/.test(lower)) ex.spanId = lower;
      else ex.attributes[k] = v;
    }
    return ex;
  }

  private emit(
    name: string,
    labels: Record<string, string>,
    value: number | undefined,
    timeNs: bigint | undefined,
    family: string,
    type: MetricType,
    unit: string | undefined,
    help: string | undefined,
    exemplars: Exemplar[],
    line: number,
    offset: number,
    histogram?: HistogramValue,
    droppedLabels?: number,
    noMetadata?: boolean,
  ): void {
    const source = { file: this.file, line, offset };
    if (name === 'target_info') this.resources.targetInfo(labels);
    const resource = this.resources.of(labels);
    const point: MetricPoint =
      histogram === undefined
        ? { kind: 'metric', name, family, type, temporality: temporalityOf(type), labels, value, exemplars, resource, source }
        : // A native histogram's text does not say whether it is a counter or a gauge histogram.
          { kind: 'metric', name, family, type, temporality: 'unspecified', labels, exemplars, resource, source, histogram };
    if (droppedLabels !== undefined) point.droppedLabels = droppedLabels;
    if (noMetadata) point.noMetadata = true;
    if (type === 'counter') point.monotonic = true;
    if (unit !== undefined) point.unit = unit;
    if (help !== undefined && help !== '') point.description = help;
    if (timeNs !== undefined) point.timeNs = timeNs;
    if (value !== undefined && name.endsWith('_created') && name !== family) {
      const start = secondsToNs(value);
      if (start !== undefined) point.startTimeNs = start;
    }
    this.progress.records++;
    this.ctx.sink.record(point);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export function createExpositionDecoder(ctx: DecoderContext, dialect: Dialect): Decoder {
  return new ExpositionDecoder(ctx, dialect);
}

/** A line that opens an OpenMetrics exposition's metric family: `# HELP name …`, `# TYPE name …`, `# UNIT name …`. */
/**
 * A line the dialect sniffer did not weigh (past its 64 KB or its first MAX_LINES lines): what it
 * weighed stands (a small complete input without `# EOF` is 0.0.4 whatever OpenMetrics syntax it
 * holds: the expfmt fuzz corpus' parse errors stay 0.0.4 errors); what it did not see may hand over.
 */
function pastSniffedHead(line: number, offset: number): boolean {
  return offset >= SNIFF_BYTES || line > SNIFF_LINES;
}

/** `# EOF` as the OpenMetrics evidence noted (omSeen). */
const EOF_WHAT = '`# EOF`';

function isOmMetadataStart(text: string): boolean {
  return text.startsWith('# HELP ') || text.startsWith('# TYPE ') || text.startsWith('# UNIT ');
}

/** A token of the input as a message quotes it: its first 80 characters. */
function cutToken(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
