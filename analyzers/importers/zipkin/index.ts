// Zipkin v2 JSON importer: an array of spans (POST /api/v2/spans body, GET /api/v2/trace),
// a single span object, an array of traces (GET /api/v2/traces: [[span…]…]), or several of
// these one after another (JSON Lines). Streamed span by span.
import type { Provenance } from '../../model/index.js';
import { ScannedJsonDecoder } from '../common/json-decoder.js';
import type { SelectNode } from '../common/json-stream.js';
import type { DecoderContext, FormatSpec, SniffInput } from '../types.js';
import { ZipkinMapError, ZipkinResources, mapZipkinSpan } from './map.js';

export { mapZipkinSpan } from './map.js';

const Z_ROOT = 200;
const Z_SPAN = 201;

function selection(): SelectNode {
  const span: SelectNode = { id: Z_SPAN, capture: true };
  // Elements of a nested array ([[span…]…], the /traces response) are spans too.
  return { id: Z_ROOT, capture: true, items: { id: Z_SPAN, items: span, capture: true } };
}

class ZipkinDecoder extends ScannedJsonDecoder {
  private readonly resources = new ZipkinResources();

  constructor(ctx: DecoderContext) {
    super(ctx, 'Zipkin v2 JSON');
  }

  protected selection(): SelectNode {
    return selection();
  }

  protected onValue(id: number, value: unknown, _key: string | undefined, _text: string, offset: number, line: number): void {
    if (id !== Z_SPAN && id !== Z_ROOT) return;
    const source: Provenance = { file: this.file, line, offset };
    try {
      this.out.record(mapZipkinSpan(value, this.resources, source, this.out));
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
  if (text.includes('"binaryAnnotations"')) return 0.5; // Zipkin v1: claimed to report it as unsupported
  if (/"(localEndpoint|remoteEndpoint)"\s*:/.test(text) || /"kind"\s*:\s*"(CLIENT|SERVER|PRODUCER|CONSUMER)"/.test(text)) return 0.9;
  if (/"(timestamp|duration|name)"\s*:/.test(text)) return 0.6;
  return 0.3;
}

export const zipkin: FormatSpec = {
  id: 'zipkin',
  signal: 'traces',
  label: 'Zipkin v2 JSON',
  sniff: sniffZipkin,
  create: (ctx) => new ZipkinDecoder(ctx),
};
