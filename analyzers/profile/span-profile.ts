// Per-service span facts: required fields, semantic conventions by span kind, status usage,
// span-name cardinality (sketch) and id-like tokens in names, sensitive attribute values.
// Cheap facts (ids, timing, kind, name, status counts) are exact for every span; the expensive
// checks (semantic conventions, protocol, status consistency, id-like names, sensitive values)
// run on a deterministic trace-hash sample once the service has more than SAMPLE_CAP spans.
import type { Span } from '../model/index.js';
import { Checks, SAMPLE_CAP, SampledChecks, recordCheck, resolveSampledChecks, type ChecksState, type SampledChecksState } from './checks.js';
import { categoryOf, checkSemconv, nameHasIdToken, needsProtocol, SEMCONV_REQUIRED, statusProblem, type SpanCategory } from './semconv.js';
import { findSensitiveInAttributes } from './sensitive.js';
import { DistinctSketch, type SketchState } from './sketch.js';
import { DETAIL_SAMPLE_WHY } from '../analysis/detail.js';

export interface SpanProfileState {
  spans: number;
  /** Exact checks and the resolved sampled ones (what scoring reads). */
  checks: ChecksState;
  /** The sampled checks by trace-hash bucket, for merging. */
  sampled?: SampledChecksState;
  names: SketchState;
  statusCounts: { unset: number; ok: number; error: number };
  /** Set under detail sampling (../analysis/detail.ts): the level and the spans examined (the checks' sample). */
  detail?: { level: number; spans: number };
}

/** The checks of every span, run on the detail sample only when there is one. */
const DETAIL_CHECKS = ['span.ids', 'span.timing', 'span.kind', 'span.kind.from-shape', 'span.name'];

/** Lowercase hex of exactly `len` chars, not all zeros. */
function isHexId(s: string, len: number): boolean {
  if (s.length !== len) return false;
  let nonZero = false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 48) continue;
    if ((c > 48 && c <= 57) || (c >= 97 && c <= 102)) nonZero = true;
    else return false;
  }
  return nonZero;
}

/** Hex of `len` chars (zeros allowed), as the old /^[0-9a-f]{16}$/ test for parent ids. */
function isHex(s: string, len: number): boolean {
  if (s.length !== len) return false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const SEMCONV_IDS: Record<SpanCategory, string> = { 'http-server': 'span.semconv.http-server', 'http-client': 'span.semconv.http-client', db: 'span.semconv.db', rpc: 'span.semconv.rpc', messaging: 'span.semconv.messaging' };
/** Names seen with their id-token verdict; bounded (cleared when full). */
const NAME_MEMO_CAP = 4096;

export class SpanProfile {
  spans = 0;
  /** Spans examined (in the detail sample; all of them when `level` is 0). */
  private detailSpans = 0;
  readonly checks = new Checks();
  private readonly sampled = new SampledChecks(SAMPLE_CAP);
  /** The run's detail level (../analysis/detail.ts; 0: every span examined). */
  private level = 0;

  constructor(level = 0) {
    this.level = level;
    this.sampled.raiseFloor(level);
  }

  private readonly names = new DistinctSketch(512);
  private readonly statusCounts = { unset: 0, ok: 0, error: 0 };
  private readonly cIds = this.checks.ref('span.ids');
  private readonly cTiming = this.checks.ref('span.timing');
  private readonly cKind = this.checks.ref('span.kind');
  /** Spans whose kind was read from their shape, not written (Span.kindFrom): said in S-SPAN-KIND's message. */
  private readonly cKindFrom = this.checks.ref('span.kind.from-shape');
  private readonly cName = this.checks.ref('span.name');
  private readonly sNameId = this.sampled.ref('span.name-id');
  private readonly sDeprecated = this.sampled.ref('span.semconv-deprecated');
  private readonly sProtocol = this.sampled.ref('span.semconv.protocol');
  private readonly sStatus = this.sampled.ref('span.status');
  private readonly sSensitive = this.sampled.ref('span.sensitive');
  /** The semantic-convention checks by category, taken when a span of it is first examined. */
  private readonly sSemconv: Partial<Record<SpanCategory, ReturnType<SampledChecks['ref']>>> = {};
  private readonly nameIdMemo = new Map<string, boolean>();
  /** The previous span's name (undefined before the first span: an empty first name is a name too). */
  private lastName: string | undefined;
  private lastTraceId: string | undefined;
  private lastTraceOk = false;

  /** `lz`: leading zero bits of the span's trace-id hash (the sampling bucket); `detail`: the span is in the detail sample. */
  add(s: Span, lz: number, detail = true): void {
    this.spans++;
    // Consecutive spans mostly repeat a name: skip the sketch's hashing for repeats.
    // (distinct names are counted over every span: a sample's count of them says little of the whole)
    if (s.name !== this.lastName) {
      this.names.add(s.name);
      this.lastName = s.name;
    }
    // (a branch per code: a keyed increment by the code's string cost more than the rest of a span outside the detail sample)
    const code = s.status.code;
    const sc0 = this.statusCounts;
    if (code === 'unset') sc0.unset++;
    else if (code === 'ok') sc0.ok++;
    else if (code === 'error') sc0.error++;
    else sc0[code]++;
    if (!detail) {
      this.sampled.admit(lz);
      return;
    }
    this.detailSpans++;
    const tid = s.traceId;
    // Spans of one trace mostly come together: check each run's trace id once.
    if (tid !== this.lastTraceId) {
      this.lastTraceId = tid;
      this.lastTraceOk = isHexId(tid, 32) || isHexId(tid, 16);
    }
    // (a passing check only counts: the notes of failing ones are built when they fail)
    const idsOk = this.lastTraceOk && isHexId(s.spanId, 16) && (s.parentSpanId === undefined || isHex(s.parentSpanId, 16));
    recordCheck(this.cIds, idsOk, s, 'malformed trace/span id');
    const start = s.startNs;
    const end = s.endNs;
    if (start !== undefined && end !== undefined && start > 0n && end >= start) this.cTiming.examined++;
    else recordCheck(this.cTiming, false, s, start === undefined || end === undefined ? 'no start or end time' : start === 0n || end === 0n ? 'start or end time 0 (1970-01-01T00:00:00Z: unset)' : 'end before start');
    recordCheck(this.cKind, s.spanKind !== 'unspecified', s, 'span kind unspecified');
    if (s.kindFrom === undefined) this.cKindFrom.examined++;
    else recordCheck(this.cKindFrom, false, s, `kind ${s.spanKind} read from the span's shape (${s.kindFrom})`);
    recordCheck(this.cName, s.name.trim() !== '', s, 'empty span name');
    if (!this.sampled.admit(lz)) return;
    const sc = this.sampled;
    sc.record(this.sNameId, !this.nameHasId(s.name), s, 'id-like token in span name');
    const cat = categoryOf(s);
    if (cat) {
      // (one shared result, its notes built once, per set of keys present)
      const r = checkSemconv(s, cat);
      sc.record((this.sSemconv[cat] ??= sc.ref(SEMCONV_IDS[cat])), r.missing.length === 0, s, r.missingNote);
      // (a span uses a key of the category unless every requirement is missing: usesAnySemconvKey)
      if (r.missing.length < SEMCONV_REQUIRED[cat].length) sc.record(this.sDeprecated, r.deprecated.length === 0, s, r.deprecatedNote);
    }
    if (needsProtocol(s)) sc.record(this.sProtocol, cat !== undefined, s, cat !== undefined ? undefined : `${s.spanKind} span without HTTP/RPC/DB/messaging attributes`);
    const st = statusProblem(s);
    if (st.examined) sc.record(this.sStatus, st.problem === undefined, s, st.problem);
    const sensitive = findSensitiveInAttributes(s.attributes);
    sc.record(this.sSensitive, sensitive === undefined, s, sensitive ? `${sensitive.kind} in span attribute ${sensitive.key}` : undefined);
  }

  private nameHasId(name: string): boolean {
    let v = this.nameIdMemo.get(name);
    if (v === undefined) {
      v = nameHasIdToken(name);
      if (this.nameIdMemo.size >= NAME_MEMO_CAP) this.nameIdMemo.clear();
      this.nameIdMemo.set(name, v);
    }
    return v;
  }

  distinctNames(): number {
    return this.names.count();
  }

  state(): SpanProfileState {
    const sampled = this.sampled.state();
    const own = this.checks.state();
    if (this.level > 0) {
      const share = 2 ** -this.level;
      for (const id of DETAIL_CHECKS) {
        const c = own[id];
        if (c) Object.assign(c, { sampleShare: share, sample: { unit: 'spans', size: this.detailSpans, total: this.spans, share }, sampleWhy: DETAIL_SAMPLE_WHY });
      }
    }
    const checks: ChecksState = { ...own, ...resolveSampledChecks(sampled, SAMPLE_CAP, 'spans', DETAIL_SAMPLE_WHY) };
    const sorted: ChecksState = {};
    for (const k of Object.keys(checks).sort()) sorted[k] = checks[k]!;
    for (const k of Object.keys(sorted)) if (sorted[k]!.examined === 0) delete sorted[k];
    return { spans: this.spans, checks: sorted, sampled, names: this.names.state(), statusCounts: { ...this.statusCounts }, ...(this.level > 0 ? { detail: { level: this.level, spans: this.detailSpans } } : {}) };
  }

  merge(s: SpanProfileState): void {
    this.spans += s.spans;
    this.detailSpans += s.detail?.spans ?? s.spans;
    if (s.detail && s.detail.level > this.level) this.level = s.detail.level;
    if (s.sampled) {
      // Resolved sampled checks are re-derived from the buckets; merge only the exact ones.
      const exact: ChecksState = {};
      for (const k of Object.keys(s.checks)) if (!(k in s.sampled.checks)) exact[k] = s.checks[k]!;
      this.checks.merge(exact);
      this.sampled.merge(s.sampled);
    } else this.checks.merge(s.checks);
    this.names.merge(s.names);
    this.statusCounts.unset += s.statusCounts.unset;
    this.statusCounts.ok += s.statusCounts.ok;
    this.statusCounts.error += s.statusCounts.error;
  }
}
