// Streaming log template miner: raw line in → template id and template text (`<*>` = variable).
//
// Pipeline per line: cut the header (template-header.ts) → tokenise and mask variables
// (template-mask.ts) → route by (token count, first constant token) → pick the most similar group
// in that leaf (share of positions with equal tokens) → join it if similar enough, generalising
// differing positions to `<*>`, else found a new group.
//
// Speed (hot path, once per line): the header scanner and the masker work in place on the line
// with charCodeAt scanners and reusable typed arrays (no regular expressions, no substrings, no
// per-token strings); the masked shape is fingerprinted straight from the masker's buffer and
// looked up in the routing cache, so a line of a known shape allocates only its result object.
// Token strings are built only for a shape not seen before. Same input, same output: none of this
// changes which group a line joins.
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
// routing cache and the per-group state are bounded too (see MAX_CACHE; template-mask
// MAX_TOKENS and MAX_MESSAGE_CHARS; examples keep 512 chars, copied so as not to pin the line).

import { HeaderScanner } from './template-header.js';
import { MessageMasker, VAR } from './template-mask.js';
import { HeaderConsensus, PREP_STRIDE, Prep, PrepInfo } from './template-consensus.js';
import { ShapeCache } from './shape-cache.js';

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
const MAX_CACHE = 16384;
/**
 * A position becomes a variable when this many groups differ only there (each with its own
 * constant word), or when two do and one of them already has a variable there.
 */
const SIBLINGS_TO_GENERALISE = 3;
/** Extra distinct values needed before a position of capitalised words becomes a variable. */
const CAPITALISED_EXTRA = 2;
/** A token that is an id of some kind: a word, `_` or `-`, then a variable (`rdd_<*>`, `node-<*>`). */
const KINDED_ID = /^[A-Za-z]+[_-]<\*>$/;

interface Group {
  ordinal: number;
  tokens: string[];
  count: number;
  text: string | null;
  example: string;
  firstLine: number;
  overflow: boolean;
  /** Set when the group was merged into another (the survivor); ids resolve through it. */
  parent: Group | null;
  /** Sibling-index keys under which the group is registered (one per position). */
  keys: number[];
  id?: string;
  /** The MinedLine that add() returns for this group while its template stays as it is (shared, frozen). */
  mined: Readonly<MinedLine> | undefined;
}

export class TemplateMiner {
  private readonly maxTemplates: number;
  private readonly maxOrdinals: number;
  /** The `header` option in use. */
  readonly headerMode: 'auto' | 'none';
  private readonly groups: Group[] = []; // by ordinal - 1, merged ones included
  private live = 0;
  private readonly overflowByLen = new Map<number, Group>();
  /** Live groups by token count. */
  private readonly leaves = new Map<number, Leaf>();
  /** Groups by the hash of their tokens with one position left out: candidates that differ at one position. */
  private readonly siblings = new Map<number, Group[]>();
  private readonly cache = new ShapeCache<Group>(MAX_CACHE);
  private lineNo = 0;
  /** The stream's header votes (see HeaderConsensus). */
  readonly consensus = new HeaderConsensus();
  private overflowLines = 0;
  private mergedGroups = 0;
  /** addPrepared: lines re-cut here (the front end's consensus differed), and lines decoded and masked here. */
  private recut = 0;
  private decoded = 0;

  constructor(options: TemplateMinerOptions = {}) {
    this.maxTemplates = Math.max(1, options.maxTemplates ?? DEFAULT_MAX_TEMPLATES);
    this.maxOrdinals = this.maxTemplates * 20;
    this.headerMode = options.header ?? 'auto';
  }

  /** Number of lines mined so far. */
  get lines(): number {
    return this.lineNo;
  }

  /** Number of live templates (not counting overflow groups and groups merged into others). */
  get templateCount(): number {
    return this.live;
  }

  /** Lines that went to overflow groups because the template cap was reached. */
  get overflowCount(): number {
    return this.overflowLines;
  }

  /** Groups that were merged into another group when a position turned out to be a variable. */
  get mergeCount(): number {
    return this.mergedGroups;
  }

  /** Lines given to addPrepared that were re-cut and masked here, and all that were decoded here (re-cut, uncacheable or a shape not in the cache). */
  get preparedWork(): { recut: number; decoded: number } {
    return { recut: this.recut, decoded: this.decoded };
  }

  /** The message part of a raw line (header skipped) as this miner sees it. */
  messageOf(line: string): string {
    if (this.headerMode === 'none') return line;
    return line.slice(this.headerConsensus(line));
  }

  private messageStart(line: string): number {
    return this.headerMode === 'none' ? 0 : this.headerConsensus(line);
  }

  /** Header cut with the stream's consensus (see HeaderConsensus). */
  private headerConsensus(line: string): number {
    const h = header;
    h.analyse(line);
    this.consensus.vote(h.own);
    this.consensus.voteLogger(h.dottedLogger, h.loggerSlot >= 0);
    return this.consensus.start(h, line);
  }

  add(line: string): Readonly<MinedLine> {
    this.lineNo++;
    const from = this.messageStart(line);
    masker.mask(line, from);
    const g = this.tally(this.route(line, from));
    // One result object per group and template text, not one per line (callers only read it).
    return (g.mined ??= Object.freeze({ templateId: idOf(g), group: g.overflow ? -g.ordinal : g.ordinal, template: textOf(g) }));
  }

  /**
   * Adds line `k` of a block that a front end prepared (template-frontend.ts, usually in a worker
   * thread): its header votes, message start and masked-shape fingerprint. Returns the line's
   * group as MinedLine.group. Lines must be added in stream order, and the result is exactly what
   * `add` gives for the same line: the stream's header consensus is re-decided here, and a line
   * whose cut the front end could not know (it voted with a slightly stale consensus), a shape
   * not in the routing cache, or an uncacheable one is decoded from `bytes` and mined here in full.
   */
  addPrepared(cols: Int32Array, k: number, bytes: Uint8Array): number {
    this.lineNo++;
    const o = k * PREP_STRIDE;
    const info = cols[o + Prep.Info]!;
    let known = true;
    if (this.headerMode !== 'none') {
      const own = info & 31;
      this.consensus.vote(own);
      const m = this.consensus.mode;
      // The front end's cut holds when it could not depend on the mode, or used this very mode, or
      // kept the line's own cut where this mode would too.
      known = (info & PrepInfo.Anchored) !== 0 || m === ((info >>> PrepInfo.ModeShift) & 31) || ((info & PrepInfo.Applied) === 0 && (m === 0 || m === own));
      // (and a logger name after the level is cut as this consensus would)
      this.consensus.voteLogger((info & PrepInfo.Dotted) !== 0, (info & PrepInfo.Slot) !== 0);
      if ((info & PrepInfo.Slot) !== 0 && ((info & PrepInfo.LoggerCut) !== 0) !== this.consensus.loggers) known = false;
    }
    let g: Group | undefined;
    if (known && (info & PrepInfo.Cacheable) !== 0) {
      this.cache.setHash(cols[o + Prep.H1]!, cols[o + Prep.H2]!);
      const hit = this.cache.get(cols[o + Prep.Len]!);
      if (hit) g = rootOf(hit);
    }
    if (!g) {
      this.decoded++;
      const at = cols[o + Prep.Offset]!;
      const line = utf8.decode(bytes.subarray(at, at + cols[o + Prep.Bytes]!));
      let from: number;
      if (known) from = cols[o + Prep.From]!;
      else {
        this.recut++;
        header.analyse(line);
        from = this.consensus.start(header, line);
      }
      masker.mask(line, from);
      g = this.route(line, from);
    }
    this.tally(g);
    return g.overflow ? -g.ordinal : g.ordinal;
  }

  /** Counts a line into its group (and into the overflow bucket's line count). */
  private tally(g: Group): Group {
    g.count++;
    if (g.overflow) this.overflowLines++;
    return g;
  }

  /** Routes the message masked in `masker` (line from `from`): cached shape, else the most specific matching template, else a new one. */
  private route(line: string, from: number): Group {
    const m = masker;
    // A token holding the separator itself would make the buffer an ambiguous key: no caching.
    const cacheable = !m.sepInText;
    if (cacheable) {
      this.cache.hash(m.buf32, m.padToWords());
      const hit = this.cache.get(m.length);
      if (hit) return rootOf(hit);
    }
    const tokens = m.tokens();
    const n = tokens.length;
    let leaf = this.leaves.get(n);
    if (!leaf) {
      leaf = new Leaf();
      this.leaves.set(n, leaf);
    }
    // The most specific live template that matches (fewest variables; then oldest). Only groups
    // whose first token is this message's first token, or a variable, can match.
    let best: Group | undefined;
    let bestVars = Infinity;
    const first = firstToken(tokens);
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? leaf.withFirst(first) : first === VAR ? undefined : leaf.withFirst(VAR);
      if (list === undefined) continue;
      for (const g of list) {
        const v = matchVars(g.tokens, tokens);
        if (v >= 0 && (v < bestVars || (v === bestVars && g.ordinal < best!.ordinal))) {
          best = g;
          bestVars = v;
        }
      }
    }
    let g: Group;
    if (best) g = best;
    else if (this.live < this.maxTemplates && this.groups.length < this.maxOrdinals) {
      g = {
        ordinal: this.groups.length + 1,
        tokens,
        count: 0,
        text: null,
        example: exampleOf(line, from),
        firstLine: this.lineNo,
        overflow: false,
        parent: null,
        keys: [],
        mined: undefined,
      };
      this.groups.push(g);
      this.live++;
      leaf.add(g);
      g = this.index(g);
    } else {
      g = this.overflowGroup(n, line, from);
    }
    if (cacheable) this.cache.set(m.length, g);
    return g;
  }

  /** Registers `g` in the sibling index and merges it with its siblings where a position proves variable. Returns the survivor. */
  private index(g: Group): Group {
    const keys = siblingKeys(g.tokens);
    g.keys = keys;
    for (let p = 0; p < keys.length; p++) {
      let list = this.siblings.get(keys[p]!);
      if (!list) {
        list = [];
        this.siblings.set(keys[p]!, list);
      }
      list.push(g);
    }
    /** Positions up to this one have only values and punctuation before them (leadingNonWords). */
    let lead = -1;
    for (let p = 0; p < keys.length; p++) {
      const list = this.siblings.get(keys[p]!);
      if (!list || list.length < 2) continue;
      const same: Group[] = [];
      for (let j = 0; j < list.length; j++) {
        const o = list[j]!;
        if (o.tokens.length === g.tokens.length && equalExcept(o.tokens, g.tokens, p)) same.push(o);
      }
      if (same.length < 2) continue;
      const values = new Set<string>();
      for (let j = 0; j < same.length; j++) values.add(same[j]!.tokens[p]!);
      // Evidence of a variable: one value is a pattern that another value fits (`<*>` and `root`,
      // `name=<*>` and `name=system`, `blk_<*>` and `<*>`).
      // Or two values that are ids of two kinds (`broadcast_<*>` and `rdd_<*>`: a word, `_` or `-`,
      // a variable; not `dcbf....<*>` and `icbi....<*>`, names of padded fields).
      let someVar = false;
      let kindedIds = 0;
      for (const v of values) {
        if (!v.includes(VAR)) continue;
        if (KINDED_ID.test(v) && ++kindedIds >= 2) someVar = true;
        for (const w of values) if (w !== v && globMatch(v, w)) someVar = true;
      }
      // The first word of a message names the event ("cupsd startup succeeded", "DMA zone: …"):
      // only a variable among its values makes it one. After values and punctuation only, a name
      // is that first word too (`(<*>) Request-URI : /`, `(<*>) Doc-Root : /srv`, `(<*>) Basedir :
      // /srv`: three events after a source location, not one); a host or a dotted name there is a
      // value (`<*> www.example.com. A IN`, a DNS query's name after the client's address).
      // A one-token message is its own event; at position 0 only a wholly variable value counts.
      if (g.tokens.length < 2) continue;
      if (lead < 0 && p > 0) lead = leadingNonWords(g.tokens);
      const firstWord = p === 0 || (p <= lead && allNames(values));
      // Except dotted names before a long shared message: `com.apple.a.b: <same 6+ words>`, a job,
      // component or host in front of one event.
      if (firstWord) someVar = values.has(VAR) || (values.size >= SIBLINGS_TO_GENERALISE && g.tokens.length >= 7 && allDottedNames(values));
      // key=word values are mostly enumerations (true/false, states, modes): they need one more.
      // Capitalised or upper-case words are mostly a closed vocabulary of the event itself (HTTP
      // methods, states: `"GET`/`"POST`/`"DELETE`, `VM Started`/`Paused`/`Resumed`): they need more.
      let needed = g.tokens[p]!.includes('=') ? SIBLINGS_TO_GENERALISE + 1 : SIBLINGS_TO_GENERALISE;
      if (allCapitalised(values)) needed += CAPITALISED_EXTRA;
      // Routes of HTTP requests (`/api/users/<*>`, the masker keeps their names) are the event
      // itself, whatever their number: only a wholly variable value makes the position one.
      if (allRoutes(values)) {
        needed = Infinity;
        someVar = values.has(VAR);
      }
      if ((!firstWord && values.size >= needed) || (values.size >= 2 && someVar)) {
        return this.mergeAt(same, p);
      }
    }
    return g;
  }

  private unindex(g: Group): void {
    for (const k of g.keys) {
      const list = this.siblings.get(k);
      if (!list) continue;
      const i = list.indexOf(g);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.siblings.delete(k);
    }
    g.keys = [];
  }

  /** Merges `same` (groups equal but at position p) into the oldest, with a variable at p. */
  private mergeAt(same: Group[], p: number): Group {
    let survivor = same[0]!;
    for (const o of same) if (o.ordinal < survivor.ordinal) survivor = o;
    this.unindex(survivor);
    const leaf = this.leaves.get(survivor.tokens.length)!;
    const oldFirst = firstToken(survivor.tokens);
    survivor.tokens[p] = VAR;
    survivor.text = null;
    survivor.mined = undefined;
    if (p === 0) leaf.rekey(survivor, oldFirst);
    // Absorb every live group of the leaf that the generalised template now covers.
    const all = leaf.all;
    for (let i = all.length - 1; i >= 0; i--) {
      const o = all[i]!;
      if (o === survivor || matchVars(survivor.tokens, o.tokens) < 0) continue;
      leaf.removeAt(i);
      this.absorb(survivor, o);
    }
    return this.index(survivor);
  }

  private absorb(survivor: Group, o: Group): void {
    this.unindex(o);
    o.parent = survivor;
    survivor.count += o.count;
    o.count = 0;
    o.tokens = [];
    this.live--;
    this.mergedGroups++;
  }

  private overflowGroup(n: number, line: string, from: number): Group {
    let g = this.overflowByLen.get(n);
    if (!g) {
      g = { ordinal: n, tokens: [], count: 0, text: '<overflow>', example: exampleOf(line, from), firstLine: this.lineNo, overflow: true, parent: null, keys: [], mined: undefined };
      this.overflowByLen.set(n, g);
    }
    return g;
  }

  /** Current id of a group id returned earlier (groups merge when a position proves variable). */
  resolve(templateId: string): string {
    const g = this.byId(templateId);
    return g ? idOf(rootOf(g)) : templateId;
  }

  /** Current id of the group with this internal ordinal (as in MinedLine.group). */
  resolveGroup(group: number): string {
    if (group < 0) return `T0-${-group}`;
    const g = this.groups[group - 1];
    return g ? idOf(rootOf(g)) : `T${group}`;
  }

  /** Final template of an id returned by `add` (or undefined for an unknown id). */
  template(templateId: string): string | undefined {
    const g = this.byId(templateId);
    return g ? textOf(rootOf(g)) : undefined;
  }

  private byId(id: string): Group | undefined {
    if (id.startsWith('T0-')) return this.overflowByLen.get(Number(id.slice(3)));
    if (!id.startsWith('T')) return undefined;
    return this.groups[Number(id.slice(1)) - 1];
  }

  /** All live templates in creation order, overflow groups last. */
  templates(): TemplateInfo[] {
    const out: TemplateInfo[] = [];
    const all = [...this.groups.filter((g) => g.parent === null), ...[...this.overflowByLen.values()].sort((a, b) => a.ordinal - b.ordinal)];
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

/** Live groups of one token count, also by first token (a template matches only a message with its first token, unless that is `<*>`). */
class Leaf {
  readonly all: Group[] = [];
  private readonly byFirst = new Map<string, Group[]>();

  withFirst(first: string): Group[] | undefined {
    return this.byFirst.get(first);
  }

  add(g: Group): void {
    this.all.push(g);
    this.listFor(firstToken(g.tokens)).push(g);
  }

  removeAt(i: number): void {
    const g = this.all[i]!;
    this.all.splice(i, 1);
    this.unlist(g, firstToken(g.tokens));
  }

  /** `g`'s first token changed from `oldFirst`. */
  rekey(g: Group, oldFirst: string): void {
    this.unlist(g, oldFirst);
    this.listFor(firstToken(g.tokens)).push(g);
  }

  private listFor(first: string): Group[] {
    let list = this.byFirst.get(first);
    if (!list) {
      list = [];
      this.byFirst.set(first, list);
    }
    return list;
  }

  private unlist(g: Group, first: string): void {
    const list = this.byFirst.get(first);
    if (!list) return;
    const i = list.indexOf(g);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byFirst.delete(first);
  }
}

/** First token of a token list ('' for none: tokens are never empty). */
function firstToken(tokens: string[]): string {
  return tokens.length > 0 ? tokens[0]! : '';
}

const header = new HeaderScanner();
const masker = new MessageMasker();
/** Decodes a prepared line's bytes exactly as LineSplitter does (UTF-8, U+FFFD for bad bytes, a BOM dropped). */
const utf8 = new TextDecoder('utf-8');

/** At most this many chars of a message are kept as a template's example. */
const EXAMPLE_CHARS = 512;

/** The message part of the line (at most EXAMPLE_CHARS), as a copy that does not keep the whole line alive. */
function exampleOf(line: string, from: number): string {
  return copyText(line, from, Math.min(line.length, from + EXAMPLE_CHARS));
}

/**
 * s[from, end) as a new flat string. A plain slice of a long line is a view that keeps the whole
 * line in memory for as long as the slice lives (templates live for the whole stream).
 */
export function copyText(s: string, from: number, end: number): string {
  let out = '';
  for (let i = from; i < end; i += 256) out += String.fromCharCode.apply(null, charCodes(s, i, Math.min(end, i + 256)));
  return out;
}

function charCodes(s: string, a: number, b: number): number[] {
  const out = new Array<number>(b - a);
  for (let i = a; i < b; i++) out[i - a] = s.charCodeAt(i);
  return out;
}

function rootOf(g: Group): Group {
  let r = g;
  while (r.parent) r = r.parent;
  // path compression
  let x = g;
  while (x.parent && x.parent !== r) {
    const next = x.parent;
    x.parent = r;
    x = next;
  }
  return r;
}

/** -1 when `tokens` does not fit `template`; else the number of variable positions used. */
function matchVars(template: string[], tokens: string[]): number {
  let vars = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t === tokens[i]) continue;
    if (t === VAR) vars++;
    else return -1;
  }
  return vars;
}

/** True when `value` fits `pattern`, each `<*>` of which stands for any non-empty text. */
export function globMatch(pattern: string, value: string): boolean {
  const parts = pattern.split(VAR);
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === 0) {
      if (!value.startsWith(part)) return false;
      pos = part.length;
      continue;
    }
    if (i === parts.length - 1) return value.length - part.length >= pos + 1 && value.endsWith(part);
    const at = value.indexOf(part, pos + 1);
    if (at < 0) return false;
    pos = at + part.length;
  }
  return true;
}

function equalExcept(a: string[], b: string[], p: number): boolean {
  for (let i = 0; i < a.length; i++) if (i !== p && a[i] !== b[i]) return false;
  return true;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * For each position p, a 30-bit hash of the token sequence with p left out. Collisions only put
 * unrelated groups in one list: siblings are always confirmed by equalExcept. 30 bits keep the
 * keys small integers, which V8 maps hash fast (larger numbers are heap-allocated doubles).
 */
function siblingKeys(tokens: string[]): number[] {
  const n = tokens.length;
  const h = tokens.map(hashString);
  const pre = new Array<number>(n + 1);
  const suf = new Array<number>(n + 1);
  pre[0] = 0x9e3779b9 ^ n;
  for (let i = 0; i < n; i++) pre[i + 1] = Math.imul(pre[i]! ^ h[i]!, 0x85ebca6b) >>> 0;
  suf[n] = 0xc2b2ae35;
  for (let i = n - 1; i >= 0; i--) suf[i] = Math.imul(suf[i + 1]! ^ h[i]!, 0x27d4eb2f) >>> 0;
  const keys = new Array<number>(n);
  for (let p = 0; p < n; p++) {
    const hi = (pre[p]! ^ Math.imul(p + 1, 0x9e3779b1)) >>> 0;
    const lo = (suf[p + 1]! ^ Math.imul(n, 0x165667b1)) >>> 0;
    keys[p] = (hi ^ Math.imul(lo ^ (lo >>> 16), 0x85ebca6b) ^ (hi >>> 13)) & 0x3fffffff;
  }
  return keys;
}

function idOf(g: Group): string {
  if (g.id === undefined) g.id = g.overflow ? `T0-${g.ordinal}` : `T${g.ordinal}`;
  return g.id;
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


/** The number of tokens before the first one with a letter outside its variables: values and punctuation (`(<*>)`, `<*>`, `--`, `[<*>]`). */
function leadingNonWords(tokens: string[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    for (let j = 0; j < t.length; j++) {
      if (t.startsWith(VAR, j)) {
        j += VAR.length - 1;
        continue;
      }
      const c = t.charCodeAt(j) | 32;
      if (c >= 97 && c <= 122) return i;
    }
  }
  return tokens.length;
}

/** Every value is a name: letters, maybe joined by `-` or `_` (`Request-URI`, `Basedir`, `VCL_call`). */
function allNames(values: Set<string>): boolean {
  for (const v of values) if (!/^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(v)) return false;
  return true;
}

/** Every value is one word (punctuation around it aside) that starts with an upper-case letter. */
function allCapitalised(values: Set<string>): boolean {
  for (const v of values) if (!/^[^A-Za-z0-9]*[A-Z][A-Za-z]*[^A-Za-z0-9]*$/.test(v)) return false;
  return true;
}

/** Every value is a route as the masker writes a request target: `/` (maybe after a quote) and a path (`/`, `/<*>`, `/api/users/<*>`). */
function allRoutes(values: Set<string>): boolean {
  for (const v of values) if (!(v.charCodeAt(0) === 47 || (v.charCodeAt(0) === 34 && v.charCodeAt(1) === 47))) return false;
  return true;
}

/** Every value is a dotted name (`com.apple.fmfd.heartbeat:`, `get.example.com:<*>`): 2+ dots between letters, then at most `:` or `:<*>` (a port). */
function allDottedNames(values: Set<string>): boolean {
  for (const v of values) if (!/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*){2,}(:|:<\*>)?$/.test(v)) return false;
  return true;
}
