// Log templates per service, mined from log bodies with the shared TemplateMiner (raw text lines
// with header detection, structured bodies as they are). The state keys templates by their final
// text, so states from different workers merge by text; the number kept is capped.
import type { LogRecord } from '../model/index.js';
import { TemplateMiner } from './template-miner.js';

const TEMPLATE_CAP = 2_000;

export interface LogTemplatesState {
  lines: number;
  /** template text → [lines, first seen ms or -1]. */
  templates: Record<string, [number, number]>;
  /** Lines in templates dropped by the cap. */
  droppedLines: number;
}

export class LogTemplates {
  private lines = 0;
  private droppedLines = 0;
  private text: TemplateMiner | undefined;
  private structured: TemplateMiner | undefined;
  private readonly firstSeen = new Map<string, number>();
  private merged = new Map<string, [number, number]>();

  add(r: LogRecord): void {
    if (typeof r.body !== 'string' || r.body.trim() === '') return;
    this.lines++;
    const miner = r.structured ? (this.structured ??= new TemplateMiner({ header: 'none' })) : (this.text ??= new TemplateMiner());
    const id = (r.structured ? 's' : 't') + miner.add(r.body.length > 2048 ? r.body.slice(0, 2048) : r.body).templateId;
    if (r.timeNs !== undefined) {
      const ms = Number(r.timeNs / 1_000_000n);
      const prev = this.firstSeen.get(id);
      if (prev === undefined || ms < prev) this.firstSeen.set(id, ms);
    }
  }

  state(): LogTemplatesState {
    const all = new Map<string, [number, number]>();
    for (const [k, v] of this.merged) all.set(k, [v[0], v[1]]);
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
    return { lines: this.lines, templates, droppedLines: dropped };
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
  if (dated.length >= 10 && hi > lo) {
    const mid = lo + (hi - lo) / 2;
    lateShare = dated.filter((e) => e[1][1] > mid).length / dated.length;
  }
  return { lines: s.lines, templates: entries.length, topShare: top[1][0] / s.lines, topTemplate: top[0], regularShare: regular / s.lines, lateShare, datedTemplates: dated.length };
}
