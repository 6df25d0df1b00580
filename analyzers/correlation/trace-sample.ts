// The correlation's reading of the run's sampled traces (../analysis/sampled-traces.ts: the one
// store of whole traces, which the profile's trace checks read too), through its view
// (correlationTraceView): the service a span names, its duration with the fraction, its line.
// Readers get the traces back as lists of span indexes (../analysis/trace-columns.ts
// traceSpanLists), or as [traceId, StoredSpan[]] in first-stored order (`sampledTraces`).
import { traceSpanLists } from '../analysis/trace-columns.js';
import { KIND_INITIALS, correlationTraceView, keepAtLevel, type SampledTracesState } from '../analysis/sampled-traces.js';

/**
 * [spanId, parentId|'', service base|'', kind initial, startMs, durationUs|-1, error 0/1, peer 'system|name'|'', file, line|-1, name,
 * parent relation: 0, 1 shared (the server side of its client's span id: its parent is the span of the same id),
 * 2 follows-from (an asynchronous child: its parent does not wait for it)].
 */
export type StoredSpan = [string, string, string, string, number, number, number, string, string, number, string, number];

// (the hash and the rule of every sample by trace id, the run's detail sample included: ../analysis/trace-ids.ts)
export { KIND_INITIALS, keepAtLevel };

/**
 * The stored traces as the correlation reads them, as [traceId, spans] in the order they were
 * first stored (spans in stored order); a Zipkin 64-bit trace id read with the one 128-bit trace
 * of its low half (lenientTraceJoin) is part of that trace: its spans follow the trace's own. (The
 * analysis reads the columns by trace directly: traceSpanLists.)
 */
export function sampledTraces(sampled: SampledTracesState): [string, StoredSpan[]][] {
  const s = correlationTraceView(sampled);
  const str = s.strings;
  const tuple = (i: number): StoredSpan => [s.spanId[i]!, s.parentId[i]!, str[s.service[i]!]!, KIND_INITIALS[s.kind[i]!]!, s.startMs[i]!, s.durUs[i]!, s.err[i]!, str[s.peer[i]!]!, str[s.file[i]!]!, s.line[i]!, str[s.name[i]!]!, s.shared[i]!];
  return traceSpanLists(s.traceIds, s.trace, s.lenient).map(({ slot, spans }) => [s.traceIds[slot]!, spans.map(tuple)]);
}

/** The distinct peers ('system|name') the stored spans name, each once (in dictionary order). */
export function samplePeers(s: SampledTracesState): string[] {
  const used = new Uint8Array(s.strings.length);
  for (let i = 0; i < s.peer.length; i++) used[s.peer[i]!] = 1;
  const out: string[] = [];
  for (let k = 0; k < used.length; k++) if (used[k] === 1 && s.strings[k] !== '') out.push(s.strings[k]!);
  return out;
}
