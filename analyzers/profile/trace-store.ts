// Span topology for trace-level rules (orphans, root kind, INTERNAL and sub-5 ms span counts per
// trace per service). Memory is bounded by SPAN_CAP: beyond it, traces are kept by a hash of their
// id at a sampling level that only grows (level L keeps traces whose hash has L leading zero bits),
// so the kept set depends on the data alone, never on arrival or merge order.
import type { Span } from '../model/index.js';
import { compareExamples, type ExampleRecord } from './examples.js';
import { hashString } from './sketch.js';
import { serviceOf } from './service.js';

export const SPAN_CAP = 100_000;

/** [spanId, parentId or '', service, kind initial, durationUs or -1, file, line or -1, name]. */
export type StoredSpan = [string, string, string, string, number, string, number, string];

export interface TraceStoreState {
  level: number;
  traces: [string, StoredSpan[]][];
}

function keep(traceId: string, level: number): boolean {
  return level === 0 || hashString(traceId) >>> (32 - level) === 0;
}

const KIND_INITIAL: Record<Span['spanKind'], string> = { unspecified: 'U', internal: 'I', server: 'S', client: 'C', producer: 'P', consumer: 'K' };

export class TraceStore {
  private level = 0;
  private spans = 0;
  private readonly traces = new Map<string, StoredSpan[]>();

  /** `hash`: hashString(span.traceId), when the caller has it already. */
  add(span: Span, hash = hashString(span.traceId)): void {
    if (this.level > 0 && hash >>> (32 - this.level) !== 0) return;
    const dur = span.startNs !== undefined && span.endNs !== undefined && span.endNs >= span.startNs ? Number((span.endNs - span.startNs) / 1000n) : -1;
    this.push(span.traceId, [span.spanId, span.parentSpanId ?? '', serviceOf(span), KIND_INITIAL[span.spanKind], dur, span.source.file, span.source.line ?? span.source.offset ?? -1, span.name.slice(0, 80)]);
  }

  private push(traceId: string, s: StoredSpan): void {
    let list = this.traces.get(traceId);
    if (!list) {
      list = [];
      this.traces.set(traceId, list);
    }
    list.push(s);
    this.spans++;
    while (this.spans > SPAN_CAP) this.raise(this.level + 1);
  }

  private raise(level: number): void {
    this.level = level;
    for (const [id, list] of this.traces) {
      if (!keep(id, level)) {
        this.spans -= list.length;
        this.traces.delete(id);
      }
    }
  }

  get sampled(): boolean {
    return this.level > 0;
  }

  /**
   * The stored traces, shared not copied (structured clone copies them between threads; readers
   * never mutate). Unordered: traceStatsByService's counts, maxima and sorted examples do not
   * depend on the order of traces.
   */
  state(): TraceStoreState {
    return { level: this.level, traces: [...this.traces.entries()] };
  }

  merge(s: TraceStoreState): void {
    if (s.level > this.level) this.raise(s.level);
    for (const [id, list] of s.traces) {
      if (!keep(id, this.level)) continue;
      for (const sp of list) {
        this.push(id, sp);
        // The cap may raise the level mid-trace: a trace it drops must not come back in part.
        if (!keep(id, this.level)) break;
      }
    }
  }
}

export interface TraceServiceStats {
  /** Spans with a parent id, and those whose parent is not in the export. */
  withParent: number;
  orphans: number;
  orphanExamples: ExampleRecord[];
  /** Traces in which the service has spans. */
  traces: number;
  /** Traces whose root span belongs to this service, and those where that root is CLIENT. */
  roots: number;
  clientRoots: number;
  clientRootExamples: ExampleRecord[];
  /** Traces where the service has more than 10 INTERNAL / more than 20 sub-5 ms spans. */
  internalExplosions: number;
  shortExplosions: number;
  /** Traces the service takes part in with more than 20 sub-5 ms spans in total (all services; SPA-005). */
  traceShortExplosions: number;
  maxInternalPerTrace: number;
  maxShortPerTrace: number;
  explosionExamples: ExampleRecord[];
  shortExamples: ExampleRecord[];
}

export const MAX_INTERNAL_PER_TRACE = 10;
export const MAX_SHORT_PER_TRACE = 20;
export const SHORT_SPAN_US = 5_000;

function emptyStats(): TraceServiceStats {
  return { withParent: 0, orphans: 0, orphanExamples: [], traces: 0, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [] };
}

function exampleOfStored(traceId: string, s: StoredSpan, note: string): ExampleRecord {
  const ex: ExampleRecord = { file: s[5], excerpt: `span "${s[7]}" trace=${traceId} span=${s[0]}` + (s[1] ? ` parent=${s[1]}` : ''), note };
  if (s[6] >= 0) ex.line = s[6];
  return ex;
}

function pushExample(list: ExampleRecord[], ex: ExampleRecord): void {
  list.push(ex);
  list.sort(compareExamples);
  if (list.length > 5) list.length = 5;
}

/** Per-service trace statistics over the stored traces. */
export function traceStatsByService(s: TraceStoreState): Map<string, TraceServiceStats> {
  const out = new Map<string, TraceServiceStats>();
  const get = (svc: string) => {
    let st = out.get(svc);
    if (!st) {
      st = emptyStats();
      out.set(svc, st);
    }
    return st;
  };
  for (const [traceId, spans] of s.traces) {
    const ids = new Set<string>();
    for (const sp of spans) ids.add(sp[0]);
    const perService = new Map<string, { internal: number; short: number; first: StoredSpan }>();
    for (const sp of spans) {
      const st = get(sp[2]);
      let ps = perService.get(sp[2]);
      if (!ps) {
        ps = { internal: 0, short: 0, first: sp };
        perService.set(sp[2], ps);
      } else if (sp[5] < ps.first[5] || (sp[5] === ps.first[5] && (sp[6] < ps.first[6] || (sp[6] === ps.first[6] && sp[0] < ps.first[0])))) ps.first = sp;
      if (sp[3] === 'I') ps.internal++;
      if (sp[4] >= 0 && sp[4] < SHORT_SPAN_US) ps.short++;
      if (sp[1] !== '') {
        st.withParent++;
        if (!ids.has(sp[1])) {
          st.orphans++;
          pushExample(st.orphanExamples, exampleOfStored(traceId, sp, 'parent span not in the export'));
        }
      } else {
        st.roots++;
        if (sp[3] === 'C') {
          st.clientRoots++;
          pushExample(st.clientRootExamples, exampleOfStored(traceId, sp, 'root span of kind CLIENT'));
        }
      }
    }
    let traceShort = 0;
    for (const ps of perService.values()) traceShort += ps.short;
    for (const [svc, ps] of perService) {
      const st = get(svc);
      st.traces++;
      if (traceShort > MAX_SHORT_PER_TRACE) st.traceShortExplosions++;
      st.maxInternalPerTrace = Math.max(st.maxInternalPerTrace, ps.internal);
      st.maxShortPerTrace = Math.max(st.maxShortPerTrace, ps.short);
      if (ps.internal > MAX_INTERNAL_PER_TRACE) {
        st.internalExplosions++;
        pushExample(st.explosionExamples, exampleOfStored(traceId, ps.first, `${ps.internal} INTERNAL spans in this trace`));
      }
      if (ps.short > MAX_SHORT_PER_TRACE) {
        st.shortExplosions++;
        pushExample(st.shortExamples, exampleOfStored(traceId, ps.first, `${ps.short} spans shorter than 5 ms in this trace`));
      }
    }
  }
  return out;
}
