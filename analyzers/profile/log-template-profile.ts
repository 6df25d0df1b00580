// Log template profile: how structured and how repetitive the log messages are, per source file
// and per service. Feeds the log scores (SCORING.md §6).
//
// Input per record: the message text (for structured logs – JSON, logfmt, OTLP – the caller passes
// the body/message field; for plain text logs the raw line, whose header the miner skips), the
// service, the source file and line, and the time when known.
//
// Mining runs per (service, source) pair with its own TemplateMiner, so one service's vocabulary
// never generalises another's templates. Statistics are kept per miner group and resolved to the
// final template text when read, because groups merge as evidence comes in.
//
// Mergeable and serialisable: `toState()` gives plain data (template texts with their counts,
// example and provenance, first-seen time); `merge(other)` unions two profiles by (service,
// source, template text) — as when workers profile parts of the input in parallel. A merged-in
// part is frozen (its miner is not carried over); lines observed afterwards are mined as before.
//
// Definitions:
//   templates        distinct template texts (overflow groups included, as one template each)
//   top10Share       share of lines whose template is one of the 10 most frequent
//   entropyBits      Shannon entropy of the template distribution, −Σ p·log2 p
//   meanVariables    mean number of `<*>` per template (each template counted once)
//   churn            with timestamps: share of templates first seen in the last 10% of the
//                    profile's time span ([min time, max time] over its timed lines); undefined
//                    without timestamps or when the span is zero
// Template ids in the profile are stable across keys and runs: `L` + FNV-1a 32-bit hex of the text.

import { TemplateMiner, copyText, countVars, type TemplateMinerOptions } from './template-miner.js';

export const TOP_TEMPLATES = 10;
/** Share of the time span, at its end, that counts as "late" for churn. */
export const CHURN_TAIL = 0.1;
/** Cap on (service, source) pairs; further pairs are profiled under the service "(other)". */
export const MAX_PROFILE_KEYS = 1000;

export interface TemplateStatState {
  template: string;
  count: number;
  example: string;
  file: string;
  line?: number;
  /** Unix ns as a decimal string (bigint is not plain JSON). */
  firstSeenNs?: string;
}

export interface TemplateProfileKeyState {
  service: string;
  source: string;
  lines: number;
  minTimeNs?: string;
  maxTimeNs?: string;
  overflowLines: number;
  templates: TemplateStatState[];
}

export interface LogTemplateProfileState {
  version: 1;
  keys: TemplateProfileKeyState[];
}

export interface TopTemplate {
  templateId: string;
  template: string;
  count: number;
  share: number;
  variables: number;
  example: string;
  file: string;
  line?: number;
}

export interface TemplateProfileSummary {
  lines: number;
  templates: number;
  top10Share: number;
  entropyBits: number;
  meanVariables: number;
  churn?: number;
  overflowLines: number;
  topTemplates: TopTemplate[];
}

export interface LogTemplateProfileReport {
  /** Keyed `service` → summary over all its sources. */
  byService: Record<string, TemplateProfileSummary>;
  /** Keyed source file → summary over all its services. */
  bySource: Record<string, TemplateProfileSummary>;
  overall: TemplateProfileSummary;
}

interface Stat {
  count: number;
  example: string;
  file: string;
  line?: number;
  firstSeenNs?: bigint;
}

class KeyProfile {
  readonly miner: TemplateMiner;
  /** Stats by miner group ordinal (negative: overflow group). */
  readonly byGroup = new Map<number, Stat>();
  /** Stats merged in from other profiles, by template text. */
  readonly frozen = new Map<string, Stat>();
  lines = 0;
  minTimeNs?: bigint;
  maxTimeNs?: bigint;
  mergedOverflow = 0;

  constructor(
    readonly service: string,
    readonly source: string,
    options: TemplateMinerOptions,
  ) {
    this.miner = new TemplateMiner(options);
  }

  observe(message: string, file: string, line: number | undefined, timeNs: bigint | undefined): void {
    this.lines++;
    const m = this.miner.add(message);
    let st = this.byGroup.get(m.group);
    if (!st) {
      st = { count: 0, example: message.length > 512 ? copyText(message, 0, 512) : message, file };
      if (line !== undefined) st.line = line;
      this.byGroup.set(m.group, st);
    }
    st.count++;
    if (timeNs !== undefined) {
      if (st.firstSeenNs === undefined || timeNs < st.firstSeenNs) st.firstSeenNs = timeNs;
      if (this.minTimeNs === undefined || timeNs < this.minTimeNs) this.minTimeNs = timeNs;
      if (this.maxTimeNs === undefined || timeNs > this.maxTimeNs) this.maxTimeNs = timeNs;
    }
  }

  /** Final stats by template text. */
  resolved(): Map<string, Stat> {
    const out = new Map<string, Stat>();
    // Deterministic order: ascending group ordinal, overflow groups after.
    const groups = [...this.byGroup.keys()].sort((a, b) => (a < 0 ? 1e12 - a : a) - (b < 0 ? 1e12 - b : b));
    for (const g of groups) {
      const text = this.miner.template(this.miner.resolveGroup(g)) ?? '';
      addStat(out, text, this.byGroup.get(g)!);
    }
    for (const [text, st] of this.frozen) addStat(out, text, st);
    return out;
  }

  get overflowLines(): number {
    return this.miner.overflowCount + this.mergedOverflow;
  }
}

function addStat(into: Map<string, Stat>, text: string, st: Stat): void {
  const cur = into.get(text);
  if (!cur) {
    into.set(text, { ...st });
    return;
  }
  cur.count += st.count;
  if (st.firstSeenNs !== undefined && (cur.firstSeenNs === undefined || st.firstSeenNs < cur.firstSeenNs)) cur.firstSeenNs = st.firstSeenNs;
}

export function stableTemplateId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return 'L' + (h >>> 0).toString(16).padStart(8, '0');
}

export class LogTemplateProfiler {
  private readonly keys = new Map<string, KeyProfile>();
  private readonly options: TemplateMinerOptions;

  constructor(options: TemplateMinerOptions = {}) {
    this.options = options;
  }

  /** Adds one record. `message` is the raw line (plain text logs) or the message field (structured logs). */
  observe(message: string, service: string, file: string, line?: number, timeNs?: bigint): void {
    this.keyFor(service, file).observe(message, file, line, timeNs);
  }

  private keyFor(service: string, source: string): KeyProfile {
    let k = `${service}\u0000${source}`;
    let p = this.keys.get(k);
    if (!p) {
      if (this.keys.size >= MAX_PROFILE_KEYS) {
        service = '(other)';
        source = '(other)';
        k = `${service}\u0000${source}`;
        p = this.keys.get(k);
      }
      if (!p) {
        p = new KeyProfile(service, source, this.options);
        this.keys.set(k, p);
      }
    }
    return p;
  }

  /** Unions another profile into this one (by service, source and template text). */
  merge(other: LogTemplateProfiler | LogTemplateProfileState): void {
    const state = other instanceof LogTemplateProfiler ? other.toState() : other;
    for (const ks of state.keys) {
      const p = this.keyFor(ks.service, ks.source);
      p.lines += ks.lines;
      p.mergedOverflow += ks.overflowLines;
      const min = ks.minTimeNs === undefined ? undefined : BigInt(ks.minTimeNs);
      const max = ks.maxTimeNs === undefined ? undefined : BigInt(ks.maxTimeNs);
      if (min !== undefined && (p.minTimeNs === undefined || min < p.minTimeNs)) p.minTimeNs = min;
      if (max !== undefined && (p.maxTimeNs === undefined || max > p.maxTimeNs)) p.maxTimeNs = max;
      for (const t of ks.templates) {
        const st: Stat = { count: t.count, example: t.example, file: t.file };
        if (t.line !== undefined) st.line = t.line;
        if (t.firstSeenNs !== undefined) st.firstSeenNs = BigInt(t.firstSeenNs);
        addStat(p.frozen, t.template, st);
      }
    }
  }

  /** Plain-data state (JSON-safe), keys and templates in a deterministic order. */
  toState(): LogTemplateProfileState {
    const keys: TemplateProfileKeyState[] = [];
    const sorted = [...this.keys.values()].sort((a, b) => cmp(a.service, b.service) || cmp(a.source, b.source));
    for (const p of sorted) {
      const templates: TemplateStatState[] = [];
      for (const [text, st] of p.resolved()) {
        const t: TemplateStatState = { template: text, count: st.count, example: st.example, file: st.file };
        if (st.line !== undefined) t.line = st.line;
        if (st.firstSeenNs !== undefined) t.firstSeenNs = st.firstSeenNs.toString();
        templates.push(t);
      }
      templates.sort((a, b) => b.count - a.count || cmp(a.template, b.template));
      const ks: TemplateProfileKeyState = { service: p.service, source: p.source, lines: p.lines, overflowLines: p.overflowLines, templates };
      if (p.minTimeNs !== undefined) ks.minTimeNs = p.minTimeNs.toString();
      if (p.maxTimeNs !== undefined) ks.maxTimeNs = p.maxTimeNs.toString();
      keys.push(ks);
    }
    return { version: 1, keys };
  }

  static fromState(state: LogTemplateProfileState, options: TemplateMinerOptions = {}): LogTemplateProfiler {
    const p = new LogTemplateProfiler(options);
    p.merge(state);
    return p;
  }

  report(): LogTemplateProfileReport {
    return summariseState(this.toState());
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Acc {
  lines: number;
  overflow: number;
  minNs?: bigint;
  maxNs?: bigint;
  templates: Map<string, Stat>;
}

function accumulate(acc: Acc, ks: TemplateProfileKeyState): void {
  acc.lines += ks.lines;
  acc.overflow += ks.overflowLines;
  if (ks.minTimeNs !== undefined) {
    const v = BigInt(ks.minTimeNs);
    if (acc.minNs === undefined || v < acc.minNs) acc.minNs = v;
  }
  if (ks.maxTimeNs !== undefined) {
    const v = BigInt(ks.maxTimeNs);
    if (acc.maxNs === undefined || v > acc.maxNs) acc.maxNs = v;
  }
  for (const t of ks.templates) {
    const st: Stat = { count: t.count, example: t.example, file: t.file };
    if (t.line !== undefined) st.line = t.line;
    if (t.firstSeenNs !== undefined) st.firstSeenNs = BigInt(t.firstSeenNs);
    addStat(acc.templates, t.template, st);
  }
}

export function summariseTemplates(acc: Acc): TemplateProfileSummary {
  const list = [...acc.templates.entries()].sort((a, b) => b[1].count - a[1].count || cmp(a[0], b[0]));
  const total = list.reduce((s, [, st]) => s + st.count, 0);
  let entropy = 0;
  let vars = 0;
  for (const [text, st] of list) {
    const p = st.count / total;
    if (p > 0) entropy -= p * Math.log2(p);
    vars += countVars(text);
  }
  const top = list.slice(0, TOP_TEMPLATES);
  const topLines = top.reduce((s, [, st]) => s + st.count, 0);
  const out: TemplateProfileSummary = {
    lines: acc.lines,
    templates: list.length,
    top10Share: total ? topLines / total : 0,
    entropyBits: entropy,
    meanVariables: list.length ? vars / list.length : 0,
    overflowLines: acc.overflow,
    topTemplates: top.map(([text, st]) => {
      const t: TopTemplate = {
        templateId: stableTemplateId(text),
        template: text,
        count: st.count,
        share: total ? st.count / total : 0,
        variables: countVars(text),
        example: st.example,
        file: st.file,
      };
      if (st.line !== undefined) t.line = st.line;
      return t;
    }),
  };
  if (acc.minNs !== undefined && acc.maxNs !== undefined && acc.maxNs > acc.minNs && list.length > 0) {
    const span = acc.maxNs - acc.minNs;
    // late = first seen at or after min + (1 − CHURN_TAIL)·span; bigint math, tail as a 1/1000 fraction
    const cutoff = acc.minNs + (span * BigInt(Math.round((1 - CHURN_TAIL) * 1000))) / 1000n;
    let late = 0;
    let timed = 0;
    for (const [, st] of list) {
      if (st.firstSeenNs === undefined) continue;
      timed++;
      if (st.firstSeenNs >= cutoff) late++;
    }
    if (timed > 0) out.churn = late / timed;
  }
  return out;
}

export function summariseState(state: LogTemplateProfileState): LogTemplateProfileReport {
  const byService = new Map<string, Acc>();
  const bySource = new Map<string, Acc>();
  const overall: Acc = { lines: 0, overflow: 0, templates: new Map() };
  const get = (m: Map<string, Acc>, k: string): Acc => {
    let a = m.get(k);
    if (!a) {
      a = { lines: 0, overflow: 0, templates: new Map() };
      m.set(k, a);
    }
    return a;
  };
  for (const ks of state.keys) {
    accumulate(get(byService, ks.service), ks);
    accumulate(get(bySource, ks.source), ks);
    accumulate(overall, ks);
  }
  const toRecord = (m: Map<string, Acc>): Record<string, TemplateProfileSummary> => {
    const r: Record<string, TemplateProfileSummary> = {};
    for (const k of [...m.keys()].sort(cmp)) r[k] = summariseTemplates(m.get(k)!);
    return r;
  };
  return { byService: toRecord(byService), bySource: toRecord(bySource), overall: summariseTemplates(overall) };
}
