// Zipkin JSON importer, v2 and v1: an array of spans (POST /api/v2/spans or /api/v1/spans body,
// GET /api/v2/trace, a JSON Kafka topic dump), a single span object, an array of traces (GET
// /api/v2/traces or /api/v1/traces: [[span…]…]), or several of these one after another (JSON
// Lines). Streamed span by span; each span is read as v1 or v2 by its own fields, so a file that
// mixes both is read whole. A v1 span may give two spans (client and server side).
// An OTLP export request among the values (a capture proxy's JSON Lines of Zipkin span lists and
// OTLP/HTTP JSON bodies whose first 64 KB hold only Zipkin lists) is read as OTLP, as the OTLP
// JSON Lines reader reads the Zipkin lists of such a file when an OTLP request comes first.
import type { Provenance } from '../../model/index.js';
import { ScannedJsonDecoder } from '../common/json-decoder.js';
import type { SelectNode } from '../common/json-stream.js';
import type { DecoderContext, FormatSpec, SniffInput } from '../types.js';
import { ZipkinMapError, ZipkinResources, mapZipkinSpan } from './map.js';
import { isOtlpRequest, mapExact, mapOtlpRequest } from '../otlp-json/request.js';
import { isZipkinV1Span, mapZipkinV1Span } from './map-v1.js';

export { mapZipkinSpan } from './map.js';
export { isZipkinV1Span, mapZipkinV1Span } from './map-v1.js';

const Z_ROOT = 200;
const Z_SPAN = 201;

function selection(): SelectNode {
  const span: SelectNode = { id: Z_SPAN, capture: true };
  // Elements of a nested array ([[span…]…], the /traces response) are spans too.
  // (a broken span, a missing comma, costs that span alone: the arrays resynchronise)
  return { id: Z_ROOT, capture: true, resync: true, items: { id: Z_SPAN, items: span, capture: true, resync: true } };
}

class ZipkinDecoder extends ScannedJsonDecoder {
  private readonly resources = new ZipkinResources();

  constructor(ctx: DecoderContext) {
    super(ctx, 'Zipkin JSON');
  }

  protected selection(): SelectNode {
    return selection();
  }

  protected onValue(id: number, value: unknown, _key: string | undefined, text: string, offset: number, line: number): void {
    if (id !== Z_SPAN && id !== Z_ROOT) return;
    const source: Provenance = { file: this.file, line, offset };
    if (isOtlpRequest(value)) {
      mapExact(value, text, (v, o) => mapOtlpRequest(v, source, o), this.out);
      return;
    }
    try {
      if (isZipkinV1Span(value)) for (const span of mapZipkinV1Span(value, this.resources, source, this.out)) this.out.record(span);
      else this.out.record(mapZipkinSpan(value, this.resources, source, this.out));
    } catch (e) {
      if (!(e instanceof ZipkinMapError)) throw e;
      this.out.error(e.code, e.message, true);
    }
  }
}

export function sniffZipkin(input: SniffInput): number {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (!/^\s*[[{]/.test(text)) return 0;
  if (!text.includes('"traceId"') || !/"id"\s*:/.test(text)) return 0;
  // Jaeger proto-JSON and OTLP also say "traceId"; they never say "id" without these.
  if (text.includes('"operationName"') || text.includes('"resourceSpans"') || text.includes('"spanId"')) return 0;
  // Zipkin v1: binary annotations, or annotations that name their endpoint with a core value.
  // Above JSON Lines logs (at most 0.95), which would take a one-line v1 span for a log.
  if (/"binaryAnnotations"\s*:/.test(text) || (/"endpoint"\s*:\s*\{/.test(text) && /"value"\s*:\s*"(cs|sr|ss|cr|ms|mr)"/.test(text))) return 0.96;
  if (/"(localEndpoint|remoteEndpoint)"\s*:/.test(text) || /"kind"\s*:\s*"(CLIENT|SERVER|PRODUCER|CONSUMER)"/.test(text)) return 0.9;
  if (/"(timestamp|duration|name)"\s*:/.test(text)) return 0.6;
  return 0.3;
}

export const zipkin: FormatSpec = {
  id: 'zipkin',
  signal: 'traces',
  label: 'Zipkin JSON (v2, v1)',
  sniff: sniffZipkin,
  create: (ctx) => new ZipkinDecoder(ctx),
};
