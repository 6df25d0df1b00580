// Log templates per service, mined from log bodies with the shared TemplateMiner (raw text lines
// with header detection, structured bodies as they are). The state keys templates by their final
// text, so states from different workers merge by text; the number kept is capped.
import type { LogRecord } from '../model/index.js';
import { compareExamples, exampleOf, notAfter, type ExampleRecord } from './examples.js';
import { TemplateMiner } from './template-miner.js';

const TEMPLATE_CAP = 2_000;
/** Templates whose first record is kept as evidence, per kind (the most frequent, the rare, the latest to appear). */
const EXAMPLE_TEMPLATES = { top: 5, rare: 10, late: 10 } as const;

export interface LogTemplatesState {
  lines: number;
  /** template text → [lines, first seen ms or -1]. */
  templates: Record<string, [number, number]>;
  /** Lines in templates dropped by the cap. */
  droppedLines: number;
  /**
   * template text → its first record (by file, line, offset), for a few templates only: the most
   * frequent, the rarest and the latest to appear (EXAMPLE_TEMPLATES) — the evidence of the
   * template rules. Absent in states of older builds.
   */
  examples?: Record<string, ExampleRecord>;
}

export class LogTemplates {
  private lines = 0;
  private droppedLines = 0;
  private text: TemplateMiner | undefined;
  private structured: TemplateMiner | undefined;
  private readonly firstSeen = new Map<string, number>();
  /** Prefixed template id → the first record seen with it. */
  private readonly firstRecord = new Map<string, ExampleRecord>();
  private merged = new Map<string, [number, number]>();
  private readonly mergedExamples = new Map<string, ExampleRecord>();

  add(r: LogRecord): void {
    if (typeof r.body !== 'string' || r.body.trim() === '') return;
    this.lines++;
    const miner = r.structured ? (this.structured ??= new TemplateMiner({ header: 'none' })) : (this.text ??= new TemplateMiner());
    const id = (r.structured ? 's' : 't') + miner.add(r.body.length > 2048 ? r.body.slice(0, 2048) : r.body).templateId;
    if (r.timeNs !== undefined && r.timeNs !== 0n) {
      const ms = Number(r.timeNs / 1_000_000n);
      const prev = this.firstSeen.get(id);
      if (prev === undefined || ms < prev) this.firstSeen.set(id, ms);
    }
    const ex = this.firstRecord.get(id);
    // (the excerpt is built only for a record that comes first: once per template in a file read in order)
    if (ex === undefined || (notAfter(r.source, ex) && compareExamples(exampleOf(r), ex) < 0)) this.firstRecord.set(id, exampleOf(r));
  }

  state(): LogTemplatesState {
    const all = new Map<string, [number, number]>();
    for (const [k, v] of this.merged) all.set(k, [v[0], v[1]]);
    const firsts = new Map(this.mergedExamples);
    const keepFirst = (text: string, ex: ExampleRecord): void => {
      const cur = firsts.get(text);
      if (cur === undefined || compareExamples(ex, cur) < 0) firsts.set(text, ex);
    };
    for (const [id, ex] of this.firstRecord) {
      // (a template id the miner merged into another since: its record is the merged template's)
      const text = (id[0] === 's' ? this.structured : this.text)?.template(id.slice(1));
      if (text !== undefined) keepFirst(text, ex);
    }
    const fold = (prefix: string, m: TemplateMiner | undefined) => {
      if (!m) return;
      for (const t of m.templates()) {
        const first = this.firstSeen.get(prefix + t.templateId) ?? -1;
        const cur = all.get(t.template);
        if (cur) {
          cur[0] += t.count;
          if (first >= 0 && (cur[1] < 0 || first < cur[1])) cur[1] = first;
        } else all.set(t.template, [t.count, first]);
      }
    };
    fold('t', this.text);
    fold('s', this.structured);
    const sorted = [...all.entries()].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const templates: Record<string, [number, number]> = {};
    let dropped = this.droppedLines;
    sorted.forEach(([k, v], i) => {
      if (i < TEMPLATE_CAP) templates[k] = v;
      else dropped += v[0];
    });
    const kept = sorted.slice(0, TEMPLATE_CAP).filter(([k]) => firsts.has(k));
    const chosen = new Set<string>(kept.slice(0, EXAMPLE_TEMPLATES.top).map(([k]) => k));
    const byRecord = (a: [string, unknown], b: [string, unknown]): number => compareExamples(firsts.get(a[0])!, firsts.get(b[0])!);
    for (const [k] of kept.filter(([, v]) => v[0] < REGULAR_MIN_LINES).sort(byRecord).slice(0, EXAMPLE_TEMPLATES.rare)) chosen.add(k);
    for (const [k] of kept.filter(([, v]) => v[1] >= 0).sort((a, b) => b[1][1] - a[1][1] || byRecord(a, b)).slice(0, EXAMPLE_TEMPLATES.late)) chosen.add(k);
    const examples: Record<string, ExampleRecord> = {};
    for (const k of chosen) examples[k] = firsts.get(k)!;
    return { lines: this.lines, templates, droppedLines: dropped, examples };
  }

  merge(s: LogTemplatesState): void {
    this.lines += s.lines;
    this.droppedLines += s.droppedLines;
    for (const k of Object.keys(s.templates)) {
      const [n, first] = s.templates[k]!;
      const cur = this.merged.get(k);
      if (cur) {
        cur[0] += n;
        if (first >= 0 && (cur[1] < 0 || first < cur[1])) cur[1] = first;
      } else this.merged.set(k, [n, first]);
    }
    for (const [k, ex] of Object.entries(s.examples ?? {})) {
      const cur = this.mergedExamples.get(k);
      if (cur === undefined || compareExamples(ex, cur) < 0) this.mergedExamples.set(k, ex);
    }
  }
}

export interface TemplateStats {
  lines: number;
  templates: number;
  topShare: number;
  topTemplate: string;
  /** Share of lines in templates with at least 5 lines (recurring events). */
  regularShare: number;
  /** Templates first seen in the second half of the time range, as a share of dated templates. */
  lateShare: number | null;
  datedTemplates: number;
  /** The first records of the top template, of templates under REGULAR_MIN_LINES lines and of those first seen in the second half (up to 5 each, where kept). */
  examples: { top: ExampleRecord[]; rare: ExampleRecord[]; late: ExampleRecord[] };
}

export const REGULAR_MIN_LINES = 5;

/** `range` is the service's log time range in ms (churn is measured against it when given). */
export function templateStats(s: LogTemplatesState, range?: { startMs: number; endMs: number }): TemplateStats | undefined {
  const entries = Object.entries(s.templates);
  if (s.lines === 0 || entries.length === 0) return undefined;
  let top = entries[0]!;
  let regular = 0;
  let minT = Infinity;
  let maxT = -Infinity;
  for (const e of entries) {
    if (e[1][0] > top[1][0] || (e[1][0] === top[1][0] && e[0] < top[0])) top = e;
    if (e[1][0] >= REGULAR_MIN_LINES) regular += e[1][0];
    if (e[1][1] >= 0) {
      minT = Math.min(minT, e[1][1]);
      maxT = Math.max(maxT, e[1][1]);
    }
  }
  let lateShare: number | null = null;
  const dated = entries.filter((e) => e[1][1] >= 0);
  const lo = range ? range.startMs : minT;
  const hi = range ? range.endMs : maxT;
  let late: typeof entries = [];
  if (dated.length >= 10 && hi > lo) {
    const mid = lo + (hi - lo) / 2;
    late = dated.filter((e) => e[1][1] > mid);
    lateShare = late.length / dated.length;
  }
  const firsts = s.examples ?? {};
  const examplesOf = (list: typeof entries, note: (e: (typeof entries)[number]) => string): ExampleRecord[] =>
    list
      .filter((e) => firsts[e[0]] !== undefined)
      .map((e) => ({ ...firsts[e[0]]!, note: note(e) }))
      .sort(compareExamples)
      .slice(0, 5);
  const lines = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;
  const examples = {
    top: examplesOf([top], (e) => `the top template (${lines(e[1][0])}), its first record`),
    rare: examplesOf(
      entries.filter((e) => e[1][0] < REGULAR_MIN_LINES),
      (e) => `a template of ${lines(e[1][0])}: "${e[0].slice(0, 60)}${e[0].length > 60 ? '…' : ''}"`,
    ),
    late: examplesOf(late, (e) => `a template first seen at ${new Date(e[1][1]).toISOString()}`),
  };
  return { lines: s.lines, templates: entries.length, topShare: top[1][0] / s.lines, topTemplate: top[0], regularShare: regular / s.lines, lateShare, datedTemplates: dated.length, examples };
}
