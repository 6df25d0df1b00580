// Tokenizers for one sample line of the two text dialects. Pure functions over a string, no
// regex backtracking on untrusted input: a single left-to-right scan.
//
// OpenMetrics 1.0 (strict ABNF): name [ "{" label *("," label) "}" ] SP value [SP timestamp]
//   [SP "#" SP "{" labels "}" SP value [SP timestamp]]; exactly one space between tokens,
//   no trailing comma, unknown escapes in label values are kept literally (as the reference
//   parser does).
// Prometheus 0.0.4 (as prometheus/common expfmt reads it): blanks and tabs allowed around
//   tokens and inside braces, a trailing comma, `}` directly followed by the value, quoted
//   UTF-8 metric/label names inside the braces, only \\ \" \n escapes, `__name__` reserved,
//   integer-millisecond timestamps.
import { MAX_RECORD_ATTRIBUTES } from '../../model/index.js';
import { fnv1a, KeyBound } from '../common/key-bound.js';
import type { ImportErrorCode } from '../types.js';

export type Dialect = 'prometheus' | 'openmetrics';

export interface RawExemplar {
  labels: [string, string][];
  valueText: string;
  timestampText?: string;
  /**
   * OpenMetrics: the labels' length in characters when above the 128 the standard allows. The
   * line is otherwise well-formed: the decoder drops the exemplar and keeps its sample.
   */
  overLongLabels?: number;
}

export interface RawSample {
  name: string;
  labels: [string, string][];
  valueText: string;
  timestampText?: string;
  exemplar?: RawExemplar;
  /** 0.0.4 only: a native histogram in place of the value, as `promtool tsdb dump` prints it (`{count:…, sum:…, …}`); valueText is then ''. */
  histogramText?: string;
  /** Labels past MAX_RECORD_ATTRIBUTES that were read and checked but not stored (see LabelList). */
  dropped?: DroppedLabels;
  /** 0.0.4 only: the name was written as a label, `{__name__="up", …}`, as `promtool tsdb dump` prints series. */
  nameAsLabel?: true;
}

export interface DroppedLabels {
  count: number;
  /** The left-out pairs' hashes summed (addPairHash): OpenMetrics groups samples by their whole label set. */
  digest: [number, number];
}

/** Adds a label pair to an order-free digest of a label set: two 32-bit hashes, each summed mod 2^32. */
export function addPairHash(digest: [number, number], name: string, value: string): void {
  digest[0] = (digest[0] + fnv1a(value, fnv1a('\u0001', fnv1a(name)))) >>> 0;
  digest[1] = (digest[1] + fnv1a(value, fnv1a('\u0001', fnv1a(name, 0x9747b28c)))) >>> 0;
}

export interface LineFault {
  code: ImportErrorCode;
  message: string;
}

export type SampleParse = { ok: true; sample: RawSample } | { ok: false; fault: LineFault };

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isLabelStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isLabelChar(c: number): boolean {
  return isLabelStart(c) || (c >= 48 && c <= 57);
}

export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * A metric name written quoted at the start of `s`, as Prometheus 3 writes names outside
 * [a-zA-Z_:][a-zA-Z0-9_:]* (UTF-8, e.g. OTLP's `http.server.request.duration`) in HELP, TYPE and
 * UNIT lines: `# TYPE "my.counter" counter`. Its name unescaped and the length of its quoted form.
 */
export function quotedMetricName(s: string): { name: string; length: number } | undefined {
  const quoted = /^"((?:[^"\\\n]|\\.)*)"/.exec(s);
  if (!quoted) return undefined;
  return { name: quoted[1]!.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch)), length: quoted[0].length };
}

export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Not an Error: a bad line is expected input, and capturing a stack trace per rejected line
// made a file of invalid lines ~10× slower to reject than to parse.
class Fail {
  constructor(readonly fault: LineFault) {}
}
function fail(message: string, code: ImportErrorCode = 'invalid-line'): never {
  throw new Fail({ code, message });
}

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): number {
    return this.i < this.s.length ? this.s.charCodeAt(this.i) : -1;
  }
  skipBlanks(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 32 && c !== 9) break;
      this.i++;
    }
  }
  readWhile(pred: (c: number) => boolean): string {
    const start = this.i;
    while (this.i < this.s.length && pred(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(start, this.i);
  }
  readName(start: (c: number) => boolean, rest: (c: number) => boolean): string {
    if (!start(this.peek())) return '';
    const from = this.i++;
    while (this.i < this.s.length && rest(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(from, this.i);
  }
  /** After the opening quote; returns the unescaped string and leaves the cursor after the closing quote. */
  readQuoted(strictEscapes: boolean): string {
    let out = '';
    let from = this.i;
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (c === 92) {
        out += s.slice(from, this.i);
        const n = s[this.i + 1];
        if (n === undefined) break;
        if (n === '\\') out += '\\';
        else if (n === '"') out += '"';
        else if (n === 'n') out += '\n';
        else if (strictEscapes) fail(`invalid escape sequence '\\${n}' in a quoted string`);
        else out += '\\' + n;
        this.i += 2;
        from = this.i;
        continue;
      }
      this.i++;
    }
    fail('unterminated quoted string');
  }
}

function exemplarLabelChars(labels: [string, string][]): number {
  let n = 0;
  for (const [k, v] of labels) {
    // Code points, not UTF-16 units: the limit is 128 UTF-8 characters.
    for (const _ of k) n++;
    for (const _ of v) n++;
  }
  return n;
}

/**
 * One brace list's labels. A repeated name is refused: a few labels are scanned; past that a Set
 * of the names is kept, so a line of many thousand labels costs linear time, not quadratic (50,000
 * labels took 14 s). Past MAX_RECORD_ATTRIBUTES labels (`bounded`), only the ones KeyBound keeps
 * are stored (`le`, `quantile` and the sample's own name, which the decoder looks up, are); the
 * others are read, checked and counted in `dropped`, so a 3M-label line no longer builds 3M pairs.
 */
class LabelList {
  readonly pairs: [string, string][] = [];
  private seen: Set<string> | undefined;
  private bound: KeyBound | undefined;
  dropped: DroppedLabels | undefined;

  constructor(
    private readonly line: string,
    private readonly bounded: boolean,
    private readonly sampleName?: string,
  ) {}

  /** The label `name="value"` whose name starts at `at` in the line. */
  add(name: string, value: string, at: number): void {
    const pairs = this.pairs;
    if (this.seen === undefined && pairs.length < 16) {
      for (const [k] of pairs) if (k === name) fail(`duplicate label name "${name}"`, 'duplicate');
    } else {
      this.seen ??= new Set(pairs.map(([k]) => k));
      if (this.seen.has(name)) fail(`duplicate label name "${name}"`, 'duplicate');
    }
    if (this.bounded && (this.bound !== undefined || pairs.length >= MAX_RECORD_ATTRIBUTES)) {
      this.bound ??= new KeyBound((k) => k === 'le' || k === 'quantile' || k === this.sampleName, (p) => labelNameAt(this.line, p), this.seen!);
      if (!this.bound.store(name)) {
        if (!this.bound.drop(name, at)) fail(`duplicate label name "${name}"`, 'duplicate');
        const d = (this.dropped ??= { count: 0, digest: [0, 0] });
        d.count++;
        addPairHash(d.digest, name, value);
        return;
      }
    }
    pairs.push([name, value]);
    this.seen?.add(name);
  }
}

/** The label name (bare, or quoted in 0.0.4) that starts at `at` in a line read before. */
function labelNameAt(line: string, at: number): string {
  const c = new Cursor(line);
  c.i = at;
  if (c.peek() !== 34) return c.readName(isLabelStart, isLabelChar);
  c.i++;
  return c.readQuoted(true);
}

// ---------------------------------------------------------------- OpenMetrics

function omLabels(c: Cursor, labels: LabelList): LabelList {
  // cursor is just after '{'
  if (c.peek() === 125) {
    c.i++;
    return labels;
  }
  for (;;) {
    const at = c.i;
    let name: string;
    if (c.peek() === 34) {
      // a quoted (UTF-8) label name: `"service.name"="svc-a"`, as in 0.0.4
      c.i++;
      name = c.readQuoted(true);
      if (name === '') fail('invalid label name');
    } else {
      name = c.readName(isLabelStart, isLabelChar);
      if (name === '') fail('invalid label name');
    }
    if (c.peek() !== 61) fail(`expected '=' after label name "${name}"`);
    c.i++;
    if (c.peek() !== 34) fail(`label "${name}" value is not quoted`);
    c.i++;
    const value = c.readQuoted(false);
    labels.add(name, value, at);
    const p = c.peek();
    if (p === 44) {
      c.i++;
      continue;
    }
    if (p === 125) {
      c.i++;
      return labels;
    }
    fail(`expected ',' or '}' after label "${name}"`);
  }
}

/** Token up to the next single space or the end of the line. */
function omToken(c: Cursor): string {
  const start = c.i;
  const sp = c.s.indexOf(' ', c.i);
  c.i = sp === -1 ? c.s.length : sp;
  return c.s.slice(start, c.i);
}

function omExemplar(c: Cursor): RawExemplar {
  // cursor just after "# "
  if (c.peek() !== 123) fail("exemplar must start with '{'");
  c.i++;
  const labels = omLabels(c, new LabelList(c.s, false)).pairs;
  const chars = exemplarLabelChars(labels);
  if (c.peek() !== 32) fail('expected a space before the exemplar value');
  c.i++;
  const valueText = omToken(c);
  if (valueText === '') fail('exemplar without a value');
  const ex: RawExemplar = { labels, valueText };
  if (chars > 128) ex.overLongLabels = chars;
  if (c.done) return ex;
  c.i++; // the space
  const ts = omToken(c);
  if (ts === '') fail('trailing space after the exemplar value');
  if (!c.done) fail('unexpected text after the exemplar timestamp');
  ex.timestampText = ts;
  return ex;
}

export function parseOpenMetricsSample(text: string): SampleParse {
  const c = new Cursor(text);
  try {
    let name: string;
    let labels: [string, string][] = [];
    let dropped: DroppedLabels | undefined;
    /** The labels after the `{` or `,` at the cursor. */
    const readLabels = (): void => {
      c.i++;
      const list = omLabels(c, new LabelList(text, true, name));
      labels = list.pairs;
      dropped = list.dropped;
    };
    if (c.peek() === 123 && c.s.charCodeAt(1) === 34) {
      // `{"my.counter_total","service.name"="svc-a"} 1`: a quoted (UTF-8) name first inside the
      // braces, as Prometheus 3 writes it and the 0.0.4 reader takes it.
      c.i += 2;
      name = c.readQuoted(true);
      if (name === '') fail('invalid metric name');
      if (c.peek() === 44) readLabels();
      else if (c.peek() === 125) c.i++;
      else fail(`expected ',' or '}' after the metric name "${name}"`);
    } else {
      name = c.readName(isNameStart, isNameChar);
      if (name === '') fail('invalid metric name');
      if (c.peek() === 123) readLabels();
    }
    if (c.peek() !== 32) fail(c.done ? 'sample without a value' : `invalid character after metric name "${name}"`);
    c.i++;
    const valueText = omToken(c);
    if (valueText === '') fail('sample without a value');
    const sample: RawSample = { name, labels, valueText };
    if (dropped !== undefined) sample.dropped = dropped;
    if (c.done) return { ok: true, sample };
    c.i++; // space after the value
    if (c.s.startsWith('# ', c.i) || c.s.slice(c.i) === '#') {
      c.i += 2;
      if (c.i > c.s.length) fail('incomplete exemplar');
      sample.exemplar = omExemplar(c);
      return { ok: true, sample };
    }
    const ts = omToken(c);
    if (ts === '') fail('trailing space after the value');
    sample.timestampText = ts;
    if (c.done) return { ok: true, sample };
    c.i++;
    if (!c.s.startsWith('# ', c.i)) fail('unexpected text after the timestamp');
    c.i += 2;
    sample.exemplar = omExemplar(c);
    return { ok: true, sample };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, fault: e.fault };
    throw e;
  }
}

// ---------------------------------------------------------------- Prometheus 0.0.4

function promLabels(c: Cursor, sample: { name: string; nameAsLabel?: true }, list: LabelList): LabelList {
  // cursor is just after '{'
  const labels = list.pairs;
  for (;;) {
    c.skipBlanks();
    const p = c.peek();
    if (p === 125) {
      c.i++;
      return list;
    }
    const at = c.i;
    let name: string;
    let quoted = false;
    if (p === 34) {
      c.i++;
      name = c.readQuoted(true);
      quoted = true;
    } else {
      name = c.readName(isLabelStart, isLabelChar);
      if (name === '') fail('invalid label name');
    }
    c.skipBlanks();
    if (quoted && sample.name === '' && labels.length === 0 && (c.peek() === 44 || c.peek() === 125)) {
      // `{"my.metric", label="v"}`: the UTF-8 metric name form.
      sample.name = name;
      if (c.peek() === 44) c.i++;
      continue;
    }
    if (c.peek() !== 61) fail(`expected '=' after label name "${name}"`);
    c.i++;
    c.skipBlanks();
    if (c.peek() !== 34) fail(`label "${name}" value is not quoted`);
    c.i++;
    const value = c.readQuoted(true);
    if (name === '__name__') {
      // `{__name__="up", job="x"} 1 1688635426006`: the name as a label, as `promtool tsdb dump`
      // prints series; beside a name of its own (`metric{__name__="bla"}`) it is still refused.
      if (sample.name !== '' || value === '') fail('label name "__name__" is reserved');
      sample.name = value;
      sample.nameAsLabel = true;
      c.skipBlanks();
      if (c.peek() === 44) c.i++;
      else if (c.peek() !== 125) fail(`expected ',' or '}' after label "${name}"`);
      continue;
    }
    list.add(name, value, at);
    c.skipBlanks();
    const q = c.peek();
    if (q === 44) {
      c.i++;
      continue;
    }
    if (q === 125) {
      c.i++;
      return list;
    }
    fail(`expected ',' or '}' after label "${name}"`);
  }
}

function promToken(c: Cursor): string {
  return c.readWhile((ch) => ch !== 32 && ch !== 9);
}

function promExemplar(c: Cursor): RawExemplar {
  // cursor at '#'; tolerated extension in 0.0.4 (OpenMetrics syntax, blanks relaxed)
  c.i++;
  c.skipBlanks();
  if (c.peek() !== 123) fail("exemplar must start with '{'");
  c.i++;
  const holder = { name: 'exemplar' };
  const labels = promLabels(c, holder, new LabelList(c.s, false)).pairs;
  c.skipBlanks();
  const valueText = promToken(c);
  if (valueText === '') fail('exemplar without a value');
  const ex: RawExemplar = { labels, valueText };
  c.skipBlanks();
  if (c.done) return ex;
  ex.timestampText = promToken(c);
  c.skipBlanks();
  if (!c.done) fail('unexpected text after the exemplar timestamp');
  return ex;
}

/** A non-comment, non-blank line of the 0.0.4 text format (leading blanks allowed). */
export function parsePrometheusSample(text: string): SampleParse {
  const c = new Cursor(text);
  try {
    c.skipBlanks();
    const sample: RawSample = { name: '', labels: [], valueText: '' };
    if (c.peek() !== 123) {
      sample.name = c.readName(isNameStart, isNameChar);
      if (sample.name === '') fail('invalid metric name');
      c.skipBlanks();
    }
    if (c.peek() === 123) {
      c.i++;
      const list = promLabels(c, sample, new LabelList(text, true));
      sample.labels = list.pairs;
      if (list.dropped !== undefined) sample.dropped = list.dropped;
      if (sample.name === '') fail('sample without a metric name');
      c.skipBlanks();
    } else if (c.i > 0 && !c.done && c.s.charCodeAt(c.i - 1) !== 32 && c.s.charCodeAt(c.i - 1) !== 9) {
      fail(`invalid character after metric name "${sample.name}"`);
    }
    if (c.peek() === 123 && c.s.startsWith('{count:', c.i)) {
      // `promtool tsdb dump`'s native histogram sample: `{…labels} {count:3, sum:1.5, (0.5,1]:3} 1693350571140`.
      const close = c.s.indexOf('}', c.i);
      if (close === -1) fail('unterminated native histogram value');
      sample.histogramText = c.s.slice(c.i, close + 1);
      c.i = close + 1;
      c.skipBlanks();
      if (!c.done) {
        sample.timestampText = promToken(c);
        c.skipBlanks();
        if (!c.done) fail('unexpected text after the timestamp');
      }
      return { ok: true, sample };
    }
    sample.valueText = promToken(c);
    if (sample.valueText === '') fail(c.done ? 'sample without a value' : 'invalid character before the value');
    c.skipBlanks();
    if (c.done) return { ok: true, sample };
    if (c.peek() !== 35) {
      sample.timestampText = promToken(c);
      c.skipBlanks();
      if (c.done) return { ok: true, sample };
    }
    if (c.peek() === 35) {
      sample.exemplar = promExemplar(c);
      return { ok: true, sample };
    }
    fail('unexpected text after the timestamp');
  } catch (e) {
    if (e instanceof Fail) return { ok: false, fault: e.fault };
    throw e;
  }
}

// ---------------------------------------------------------------- fast path (0.0.4)

export interface PlainSample {
  name: string;
  labels: Record<string, string>;
  valueText: string;
  timestampText: string | undefined;
}

/**
 * The common 0.0.4 sample line — `name{k="v",…} value [ms]`, single spaces, no escapes — read
 * in one charCodeAt pass with no intermediate objects. Anything else (blanks, tabs, escapes,
 * trailing commas, quoted names, exemplars, `__name__`, duplicate or `__proto__` labels, more
 * than MAX_RECORD_ATTRIBUTES labels, errors of any kind) returns undefined and goes through parsePrometheusSample, which is the
 * grammar's reference here: a line this accepts is one that function accepts identically.
 */
export function scanPlainPromSample(s: string, prev?: PlainSample): PlainSample | undefined {
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : -1;
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58)) return undefined;
  i = 1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 48 && c <= 57))) break;
  }
  // Consecutive lines mostly repeat the metric name: reusing the previous line's string (already
  // hashed) makes the family lookup an identity check.
  const name = prev !== undefined && prev.name.length === i && s.startsWith(prev.name) ? prev.name : s.slice(0, i);
  const labels: Record<string, string> = {};
  let count = 0;
  if (i < n && s.charCodeAt(i) === 123) {
    i++;
    if (i < n && s.charCodeAt(i) === 125) i++;
    else {
      for (;;) {
        // A sample of more labels than the analysis keeps: the general tokenizer stores only those.
        if (++count > MAX_RECORD_ATTRIBUTES) return undefined;
        const ls = i;
        c = i < n ? s.charCodeAt(i) : -1;
        if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return undefined;
        for (i++; i < n; i++) {
          c = s.charCodeAt(i);
          if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57))) break;
        }
        const key = s.slice(ls, i);
        if (i + 1 >= n || s.charCodeAt(i) !== 61 || s.charCodeAt(i + 1) !== 34) return undefined;
        i += 2;
        const vs = i;
        for (; i < n; i++) {
          c = s.charCodeAt(i);
          if (c === 34 || c === 92) break;
        }
        if (i >= n || c === 92) return undefined; // unterminated, or an escape: the full parser
        if (key === '__name__' || key === '__proto__' || labels[key] !== undefined) return undefined;
        labels[key] = s.slice(vs, i);
        i++;
        c = i < n ? s.charCodeAt(i) : -1;
        if (c === 44) {
          i++;
          continue;
        }
        if (c === 125) {
          i++;
          break;
        }
        return undefined;
      }
    }
  }
  if (i >= n || s.charCodeAt(i) !== 32) return undefined;
  i++;
  const vs = i;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c === 32 || c === 9) break;
  }
  if (i === vs) return undefined;
  const valueText = s.slice(vs, i);
  if (i === n) return { name, labels, valueText, timestampText: undefined };
  if (c !== 32) return undefined;
  i++;
  const ts = i;
  if (i < n && s.charCodeAt(i) === 45) i++;
  const digits = i;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (i === digits) return undefined;
  return { name, labels, valueText, timestampText: s.slice(ts) };
}

/** Unescape HELP text. OpenMetrics keeps unknown escapes; 0.0.4 allows only \\ and \n. */
export function unescapeHelp(text: string, dialect: Dialect): string | undefined {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined) {
      if (dialect === 'prometheus') return undefined;
      out += '\\';
      break;
    }
    i++;
    if (n === '\\') out += '\\';
    else if (n === 'n') out += '\n';
    else if (n === '"' && dialect === 'openmetrics') out += '"';
    else if (dialect === 'prometheus') return undefined;
    else out += '\\' + n;
  }
  return out;
}
