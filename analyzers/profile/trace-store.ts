// Per-service trace statistics for the trace-level rules (orphans, root kind, INTERNAL and sub-5 ms
// span counts per trace per service), read from the run's sampled traces
// (../analysis/sampled-traces.ts: the store the correlation's span topology reads too), through
// the profile's view of them (profileTraceView: names cut to 80 characters, a FOLLOWS_FROM child
// an ordinary child). Past the store's cap, the statistics are of the traces it kept (by a hash of
// their id, at a level that only grows: the kept set depends on the data alone).
import { columnRanks, traceSpanLists } from '../analysis/trace-columns.js';
import type { SpanCopyFields } from '../analysis/span-copies.js';
import { serviceOwners, traceTree } from '../analysis/span-tree.js';
import { KIND_INITIALS, SPAN_CAP, keepAtLevel, profileTraceView, traceHash, type ProfileTraceView, type SampledTracesState } from '../analysis/sampled-traces.js';
import { spanServiceKey } from './service-identity.js';
import { compareExamples, type ExampleRecord } from './examples.js';
import { sampleNote, TRACE_SAMPLE_WHY, type SampleInfo } from './sample-note.js';
import { DETAIL_SAMPLE_WHY } from '../analysis/detail.js';

// (the store, its cap and its hash: ../analysis/sampled-traces.ts)
export { KIND_INITIALS, SPAN_CAP, keepAtLevel, traceHash };

const UNSPECIFIED = 0;
const INTERNAL = 1;
const CLIENT = 3;

export interface TraceServiceStats {
  /**
   * The service's logical spans in the stored traces (../analysis/span-tree.ts: a span exported
   * twice once, a Zipkin fragment folded into the span of its id and service), and those whose
   * kind is UNSPECIFIED / whose times are missing or reversed (S-SPAN-KIND, S-SPAN-TIMING): a
   * fragment has neither, so a span sent in pieces has the kind and times of its whole piece.
   */
  spans: number;
  kindUnspecified: number;
  kindExamples: ExampleRecord[];
  /** Of `spans`, those whose kind was not written but read from their shape (Span.kindFrom: a Zipkin local span read as INTERNAL). */
  kindInferred: number;
  badTiming: number;
  timingExamples: ExampleRecord[];
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
  /** Set when the store kept a sample of the traces (past its cap): the share kept (2^-level). */
  sampleShare?: number;
  /** Set with sampleShare: the traces the store kept (of every service) and how many the export has. */
  sample?: SampleInfo;
  /** Set with sampleShare: why the traces are a sample (traceSampleReason); absent, the memory cap. */
  sampleReason?: TraceSampleReason;
}

/** Why the stored traces are a sample: the run's detail sample, the memory cap, or the detail sample and then the cap. */
export type TraceSampleReason = 'detail' | 'cap' | 'detail+cap';

/** The reason from the store's level and floor (the run's detail level: SampledTracesState.floor), as the correlation's COR-005 tells it. */
export function traceSampleReason(level: number, floor: number): TraceSampleReason {
  if (floor <= 0) return 'cap';
  return level > floor ? 'detail+cap' : 'detail';
}

/** The words for a reason, `cap` those of the memory cap for the check at hand. */
export function sampleReasonWords(reason: TraceSampleReason | undefined, cap: string): string {
  return reason === 'detail' ? DETAIL_SAMPLE_WHY : reason === 'detail+cap' ? `${DETAIL_SAMPLE_WHY}, and ${cap}` : cap;
}

/** The export's distinct trace count, for the sample notes: exact, or an estimate. */
export interface TraceTotal {
  traces: number;
  estimated?: boolean;
}

/**
 * How a service's trace counts are to be read: '' when every trace was examined, else which sample
 * they come from (the traces kept of how many the export has: the one sample every trace check reads).
 */
export function traceSampleNote(st: TraceServiceStats): string {
  const share = st.sampleShare;
  if (share === undefined || share >= 1) return '';
  return sampleNote(st.sample ?? { unit: 'traces', size: st.traces, total: Math.round(st.traces / share), estimated: true, share }, sampleReasonWords(st.sampleReason, TRACE_SAMPLE_WHY));
}

export const MAX_INTERNAL_PER_TRACE = 10;
export const MAX_SHORT_PER_TRACE = 20;
export const SHORT_SPAN_US = 5_000;

function emptyStats(): TraceServiceStats {
  return { spans: 0, kindUnspecified: 0, kindExamples: [], kindInferred: 0, badTiming: 0, timingExamples: [], withParent: 0, orphans: 0, orphanExamples: [], traces: 0, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [] };
}

function exampleOfStored(s: ProfileTraceView, traceId: string, i: number, note: string): ExampleRecord {
  const parent = s.parentId[i]!;
  const ex: ExampleRecord = { file: s.strings[s.file[i]!]!, excerpt: `span "${s.nameOf(s.name[i]!)}" trace=${traceId} span=${s.spanId[i]!}` + (parent ? ` parent=${parent}` : ''), note };
  const line = s.line[i]!;
  if (line >= 0) ex.line = line;
  return ex;
}

function pushExample(list: ExampleRecord[], ex: ExampleRecord): void {
  list.push(ex);
  list.sort(compareExamples);
  if (list.length > 5) list.length = 5;
}

/**
 * Per-service trace statistics over the stored traces (in first-stored order, spans by
 * provenance), over each trace's logical spans as the correlation's span topology reads them
 * (../analysis/span-tree.ts): a span exported twice counted once, a Zipkin fragment folded into
 * its span, a shared span (Zipkin/B3, flagged or not) the child of its client span.
 */
export function traceStatsByService(sampled: SampledTracesState, total?: TraceTotal): Map<string, TraceServiceStats> {
  const s = profileTraceView(sampled);
  const out = new Map<string, TraceServiceStats>();
  // Past the cap: the traces kept of all (the export's count when the caller knows it, else
  // estimated from the share; never fewer than were kept).
  const share = 2 ** -s.level;
  // A Zipkin 64-bit trace id read with the one 128-bit trace of its low half (lenientTraceJoin):
  // its spans are that trace's, and the two ids are one trace kept.
  const traces = traceSpanLists(s.traceIds, s.trace, s.lenient);
  const kept = traces.length;
  const all = total !== undefined && total.traces >= kept ? total : { traces: Math.round(kept / share), estimated: true };
  const sample: SampleInfo = { unit: 'traces', size: kept, total: all.traces, ...(all.estimated ? { estimated: true as const } : {}), share };
  const reason = traceSampleReason(s.level, s.floor);
  const get = (svc: string) => {
    let st = out.get(svc);
    if (!st) {
      st = emptyStats();
      if (s.level > 0) {
        st.sampleShare = share;
        st.sample = { ...sample };
        st.sampleReason = reason;
      }
      out.set(svc, st);
    }
    return st;
  };
  const str = s.strings;
  // (files compared by their rank among the store's file names: equal ranks, equal names)
  const fileRank = columnRanks(str, s.file);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const byProvenance = (a: number, b: number): number => fileRank[s.file[a]!]! - fileRank[s.file[b]!]! || s.line[a]! - s.line[b]! || cmp(s.spanId[a]!, s.spanId[b]!) || s.startMs[a]! - s.startMs[b]! || a - b;
  // (the service the span names as the topology stores it: '' for none)
  const fieldsOf = (i: number): SpanCopyFields => ({ spanId: s.spanId[i]!, relation: s.shared[i]!, parentId: s.parentId[i]!, service: str[s.base[i]!]!, kind: KIND_INITIALS[s.kind[i]!]!, name: s.nameOf(s.name[i]!), startMs: s.startMs[i]!, durUs: s.durUs[i]!, err: s.err[i]! });
  // One trace (a function of its own, called per trace, so that the engine optimises it on its own
  // after a few traces instead of waiting for the whole function's compile: see analyzeSpans)
  const addTrace = (slot: number, list: number[]): void => {
    const traceId = s.traceIds[slot]!;
    // The first copy of a span by provenance is kept, whatever order the copies were stored in.
    // Services are told apart as the dependency graph tells them (spanServiceKey of the name the
    // span names), and a span without a service is filed under the service of the span whose
    // process it ran in (serviceOwners), as the graph files it: under that span's bucket.
    // (the tree names spans by their position in `list`; `owners` maps positions too)
    list.sort(byProvenance);
    const owners = new Map<number, number>();
    const ownerOf = (p: number): number => list[owners.get(p) ?? p]!;
    const tree = traceTree(list.map(fieldsOf), (p) => spanServiceKey(str[s.base[ownerOf(p)]!]!));
    serviceOwners(tree.spans, tree.parentOf, (p) => str[s.base[list[p]!]!]! !== '', (p) => KIND_INITIALS[s.kind[list[p]!]!]!, owners);
    const perService = new Map<string, { internal: number; short: number; first: number }>();
    for (const p of tree.spans) {
      const i = list[p]!;
      const svc = str[s.service[ownerOf(p)]!]!;
      const st = get(svc);
      let ps = perService.get(svc);
      if (!ps) {
        ps = { internal: 0, short: 0, first: i };
        perService.set(svc, ps);
      } else {
        const file = fileRank[s.file[i]!]!;
        const firstFile = fileRank[s.file[ps.first]!]!;
        if (file < firstFile || (file === firstFile && (s.line[i]! < s.line[ps.first]! || (s.line[i] === s.line[ps.first] && s.spanId[i]! < s.spanId[ps.first]!)))) ps.first = i;
      }
      st.spans++;
      if (s.kindFrom[i] === 1) st.kindInferred++;
      if (s.kind[i] === UNSPECIFIED) {
        st.kindUnspecified++;
        pushExample(st.kindExamples, exampleOfStored(s, traceId, i, 'span kind unspecified'));
      }
      const timing = s.timing[i]!;
      if (timing !== 0) {
        st.badTiming++;
        pushExample(st.timingExamples, exampleOfStored(s, traceId, i, timing === 1 ? 'no start or end time' : 'end before start'));
      }
      if (s.kind[i] === INTERNAL) ps.internal++;
      const dur = s.durUs[i]!;
      if (dur >= 0 && dur < SHORT_SPAN_US) ps.short++;
      // A shared span (Zipkin/B3) is the child of the client span with its own id (Zipkin's
      // SpanNode); without that client in the export it keeps the parent it names.
      if (tree.parentIdOf(p) !== '') {
        st.withParent++;
        if (tree.parentOf(p) === undefined) {
          st.orphans++;
          pushExample(st.orphanExamples, exampleOfStored(s, traceId, i, 'parent span not in the export (in its trace)'));
        }
      } else {
        st.roots++;
        if (s.kind[i] === CLIENT) {
          st.clientRoots++;
          pushExample(st.clientRootExamples, exampleOfStored(s, traceId, i, 'root span of kind CLIENT'));
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
        pushExample(st.explosionExamples, exampleOfStored(s, traceId, ps.first, `${ps.internal} INTERNAL spans in this trace`));
      }
      if (ps.short > MAX_SHORT_PER_TRACE) {
        st.shortExplosions++;
        pushExample(st.shortExamples, exampleOfStored(s, traceId, ps.first, `${ps.short} spans shorter than 5 ms in this trace`));
      }
    }
  };
  for (const { slot, spans } of traces) addTrace(slot, spans);
  return out;
}
