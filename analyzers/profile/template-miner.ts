// Streaming log template miner: raw line in → template id and template text (`<*>` = variable).
//
// Pipeline per line: cut the header (template-header.ts) → tokenise and mask variables
// (template-mask.ts) → route by (token count, first constant token) → pick the most similar group
// in that leaf (share of positions with equal tokens) → join it if similar enough, generalising
// differing positions to `<*>`, else found a new group.
//
// Ids. A group's id is its creation ordinal (T1, T2, …): the n-th group founded in the stream.
// It is fixed at creation and never changes when the template generalises, so a line's id is
// final the moment it is returned (the template *text* may still generalise later; callers that
// need the final text per line look it up by id at the end, as the CLI does). Ids do not depend on
// hash-map iteration order or timing: only on the order of lines, so the same input gives the same
// ids, and feeding lines one by one or in batches is the same thing. Hashes of the template text
// were rejected as ids because the text changes as the template generalises.
//
// Memory. At most `maxTemplates` groups exist. When the cap is reached, a line that would found a
// new group joins the overflow group of its token count instead (id `T0-<n>`, template `<*>` × n
// is not meaningful, so its text is `<overflow>`); overflow lines are counted and reported. The
// routing cache and the per-group state are bounded too (see MAX_CACHE, template-mask MAX_TOKENS).

import { analyseHeader, fieldCanEndHeader, messageStart } from './template-header.js';
import { maskMessage, VAR } from './template-mask.js';

export interface TemplateMinerOptions {
  /** Cap on templates (groups); beyond it new shapes go to per-token-count overflow groups. */
  maxTemplates?: number;
  /** 'auto' (default): find and skip the header of raw lines. 'none': the input is the message. */
  header?: 'auto' | 'none';
}

export interface MinedLine {
  /** Final id of the line's group, e.g. `T12`. */
  templateId: string;
  /** Internal ordinal of the group (1-based; overflow groups are negative). */
  group: number;
  /** Template text at the time of the call (it may generalise later; look it up by id at the end). */
  template: string;
}

export interface TemplateInfo {
  templateId: string;
  template: string;
  count: number;
  /** Number of `<*>` in the template. */
  variables: number;
  /** First line (message part) that founded the group. */
  example: string;
  /** 1-based ordinal of the line that founded the group. */
  firstLine: number;
  overflow: boolean;
}

export const DEFAULT_MAX_TEMPLATES = 5000;
const MAX_CACHE = 65536;
/** A line joins a group when at least this share of its positions are equal to the template. */
const SIMILARITY = 0.5;

interface Group {
  ordinal: number;
  tokens: string[];
  count: number;
  text: string | null;
  example: string;
  firstLine: number;
  overflow: boolean;
}

export class TemplateMiner {
  private readonly maxTemplates: number;
  private readonly headerMode: 'auto' | 'none';
  private readonly groups: Group[] = []; // by ordinal - 1
  private readonly overflowByLen = new Map<number, Group>();
  private readonly leaves = new Map<string, Group[]>();
  private cache = new Map<string, Group>();
  private lineNo = 0;
  private readonly headerHist: number[] = [];
  private headerMode_ = 0;
  private overflowLines = 0;

  constructor(options: TemplateMinerOptions = {}) {
    this.maxTemplates = Math.max(1, options.maxTemplates ?? DEFAULT_MAX_TEMPLATES);
    this.headerMode = options.header ?? 'auto';
  }

  /** Number of lines mined so far. */
  get lines(): number {
    return this.lineNo;
  }

  /** Number of templates (not counting overflow groups). */
  get templateCount(): number {
    return this.groups.length;
  }

  /** Lines that went to overflow groups because the template cap was reached. */
  get overflowCount(): number {
    return this.overflowLines;
  }

  /** The message part of a raw line (header skipped) as this miner sees it. */
  messageOf(line: string): string {
    if (this.headerMode === 'none') return line;
    return line.slice(this.headerConsensus(line));
  }

  /**
   * Header cut with the stream's consensus: lines whose own cut is anchored (level, component)
   * keep it; otherwise the most frequent header field count so far wins when this line has a
   * header-shaped field there (a message that starts with a number or a host-like word is not
   * eaten, and `2286759 full partition status 1061219795 -1 running` cuts like its siblings).
   */
  private headerConsensus(line: string): number {
    const h = analyseHeader(line);
    const hist = this.headerHist;
    hist[h.own] = (hist[h.own] ?? 0) + 1;
    if (hist[h.own]! > hist[this.headerMode_]! || (hist[h.own] === hist[this.headerMode_] && h.own < this.headerMode_)) this.headerMode_ = h.own;
    let count = h.own;
    const m = this.headerMode_;
    if (!h.anchored && m > 0 && m !== h.own && m < h.fields.length && fieldCanEndHeader(h, m - 1)) count = m;
    return messageStart(line, h, count);
  }

  add(line: string): MinedLine {
    this.lineNo++;
    const msg = this.messageOf(line);
    const g = this.route(msg);
    g.count++;
    return { templateId: idOf(g), group: g.overflow ? -g.ordinal : g.ordinal, template: textOf(g) };
  }

  private route(msg: string): Group {
    const { tokens } = maskMessage(msg);
    const key = tokens.join('\u0001');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const n = tokens.length;
    const first = n > 0 && !tokens[0]!.includes(VAR) ? tokens[0]! : VAR;
    const leafKey = `${n}\u0002${first}`;
    let leaf = this.leaves.get(leafKey);
    if (!leaf) {
      leaf = [];
      this.leaves.set(leafKey, leaf);
    }
    let best: Group | undefined;
    let bestSim = -1;
    for (const g of leaf) {
      const sim = similarity(g.tokens, tokens);
      if (sim > bestSim) {
        bestSim = sim;
        best = g;
      }
    }
    let g: Group;
    if (best && bestSim >= SIMILARITY) {
      g = best;
      generalise(g, tokens);
    } else if (this.groups.length < this.maxTemplates) {
      g = {
        ordinal: this.groups.length + 1,
        tokens: tokens.slice(),
        count: 0,
        text: null,
        example: msg.length > 512 ? msg.slice(0, 512) : msg,
        firstLine: this.lineNo,
        overflow: false,
      };
      this.groups.push(g);
      leaf.push(g);
    } else {
      this.overflowLines++;
      g = this.overflowGroup(n, msg);
    }
    if (this.cache.size >= MAX_CACHE) this.cache = new Map();
    this.cache.set(key, g);
    return g;
  }

  private overflowGroup(n: number, msg: string): Group {
    let g = this.overflowByLen.get(n);
    if (!g) {
      g = { ordinal: n, tokens: [], count: 0, text: '<overflow>', example: msg.slice(0, 512), firstLine: this.lineNo, overflow: true };
      this.overflowByLen.set(n, g);
    }
    return g;
  }

  /** Final template of an id returned by `add` (or undefined for an unknown id). */
  template(templateId: string): string | undefined {
    const g = this.byId(templateId);
    return g ? textOf(g) : undefined;
  }

  private byId(id: string): Group | undefined {
    if (id.startsWith('T0-')) return this.overflowByLen.get(Number(id.slice(3)));
    if (!id.startsWith('T')) return undefined;
    return this.groups[Number(id.slice(1)) - 1];
  }

  /** All templates (overflow groups last), in creation order. */
  templates(): TemplateInfo[] {
    const out: TemplateInfo[] = [];
    const all = [...this.groups, ...[...this.overflowByLen.values()].sort((a, b) => a.ordinal - b.ordinal)];
    for (const g of all) {
      const text = textOf(g);
      out.push({
        templateId: idOf(g),
        template: text,
        count: g.count,
        variables: countVars(text),
        example: g.example,
        firstLine: g.firstLine,
        overflow: g.overflow,
      });
    }
    return out;
  }
}

function idOf(g: Group): string {
  return g.overflow ? `T0-${g.ordinal}` : `T${g.ordinal}`;
}

function textOf(g: Group): string {
  if (g.text === null) g.text = g.tokens.join(' ');
  return g.text;
}

export function countVars(text: string): number {
  let n = 0;
  let i = text.indexOf(VAR);
  while (i >= 0) {
    n++;
    i = text.indexOf(VAR, i + VAR.length);
  }
  return n;
}

function similarity(template: string[], tokens: string[]): number {
  const n = tokens.length;
  if (n === 0) return 1;
  let eq = 0;
  for (let i = 0; i < n; i++) if (template[i] === tokens[i]) eq++;
  return eq / n;
}

function generalise(g: Group, tokens: string[]): void {
  const t = g.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== tokens[i] && t[i] !== VAR) {
      t[i] = VAR;
      g.text = null;
    }
  }
}
