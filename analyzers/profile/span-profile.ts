// Per-service span facts: required fields, semantic conventions by span kind, status usage,
// span-name cardinality (sketch) and id-like tokens in names, sensitive attribute values.
import type { Span } from '../model/index.js';
import { Checks, type ChecksState } from './checks.js';
import { categoryOf, checkSemconv, nameHasIdToken, needsProtocol, statusProblem, usesAnySemconvKey } from './semconv.js';
import { findSensitiveInAttributes } from './sensitive.js';
import { DistinctSketch, type SketchState } from './sketch.js';

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const ZERO = /^0+$/;

export interface SpanProfileState {
  spans: number;
  checks: ChecksState;
  names: SketchState;
  statusCounts: { unset: number; ok: number; error: number };
}

export class SpanProfile {
  spans = 0;
  readonly checks = new Checks();
  private readonly names = new DistinctSketch(512);
  private readonly statusCounts = { unset: 0, ok: 0, error: 0 };

  add(s: Span): void {
    this.spans++;
    const c = this.checks;
    const idsOk = (HEX32.test(s.traceId) || HEX16.test(s.traceId)) && !ZERO.test(s.traceId) && HEX16.test(s.spanId) && !ZERO.test(s.spanId) && (s.parentSpanId === undefined || HEX16.test(s.parentSpanId));
    c.record('span.ids', idsOk, s, 'malformed trace/span id');
    const timingOk = s.startNs !== undefined && s.endNs !== undefined && s.startNs > 0n && s.endNs >= s.startNs;
    c.record('span.timing', timingOk, s, s.startNs === undefined || s.endNs === undefined ? 'no start or end time' : 'end before start');
    c.record('span.kind', s.spanKind !== 'unspecified', s, 'span kind unspecified');
    c.record('span.name', s.name.trim() !== '', s, 'empty span name');
    c.record('span.name-id', !nameHasIdToken(s.name), s, 'id-like token in span name');
    this.names.add(s.name);
    this.statusCounts[s.status.code]++;
    const cat = categoryOf(s);
    if (cat) {
      const r = checkSemconv(s, cat);
      c.record(`span.semconv.${cat}`, r.missing.length === 0, s, r.missing.length ? `missing ${r.missing.join(', ')}` : undefined);
      if (usesAnySemconvKey(s, cat)) c.record('span.semconv-deprecated', r.deprecated.length === 0, s, r.deprecated.length ? `deprecated ${r.deprecated.join(', ')}` : undefined);
    }
    if (needsProtocol(s)) c.record('span.semconv.protocol', cat !== undefined, s, `${s.spanKind} span without HTTP/RPC/DB/messaging attributes`);
    const st = statusProblem(s);
    if (st.examined) c.record('span.status', st.problem === undefined, s, st.problem);
    const sensitive = findSensitiveInAttributes(s.attributes);
    c.record('span.sensitive', sensitive === undefined, s, sensitive ? `${sensitive.kind} in span attribute ${sensitive.key}` : undefined);
  }

  distinctNames(): number {
    return this.names.count();
  }

  state(): SpanProfileState {
    return { spans: this.spans, checks: this.checks.state(), names: this.names.state(), statusCounts: { ...this.statusCounts } };
  }

  merge(s: SpanProfileState): void {
    this.spans += s.spans;
    this.checks.merge(s.checks);
    this.names.merge(s.names);
    this.statusCounts.unset += s.statusCounts.unset;
    this.statusCounts.ok += s.statusCounts.ok;
    this.statusCounts.error += s.statusCounts.error;
  }
}
