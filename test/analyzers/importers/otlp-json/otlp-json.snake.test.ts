// OTLP written with proto field names (`resource_spans`, `trace_id`, `string_value`), as protobuf
// printers produce when told to keep the original names: read exactly like the lowerCamelCase
// OTLP/JSON it stands for, as one document (pretty-printed or not) and as JSON Lines, in any chunking.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, decode, readData } from '../common/json-test-helpers.js';

/** Every object key to snake_case (the proto field name); string values untouched. */
function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), snakeKeys(x)]));
}

const FILES = ['trace.json', 'logs.json', 'metrics.json', 'events.json'].map((f) => `otlp-json/opentelemetry-proto-examples/${f}`);

describe('OTLP with proto field names', () => {
  for (const file of FILES) {
    it(`${file.split('/').pop()}: same records as the lowerCamelCase original`, () => {
      const original = JSON.parse(new TextDecoder().decode(readData(file))) as unknown;
      const expected = decode(otlpJson, JSON.stringify(original));
      expect(expected.records.length).toBeGreaterThan(0);
      const snake = snakeKeys(original);
      const text = JSON.stringify(snake);
      expect(text).toMatch(/"resource_(spans|logs|metrics)"/);
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otlp-json');
      // JSON Lines (one request per line), a pretty-printed document, and 7-byte chunks of it.
      const lines = decode(otlpJson, text + '\n' + text + '\n');
      expect(lines.errors).toEqual([]);
      expect(lines.records).toHaveLength(expected.records.length * 2);
      const pretty = JSON.stringify(snake, null, 2);
      for (const chunk of [undefined, 7]) {
        const doc = decode(otlpJson, pretty, chunk);
        expect(doc.errors).toEqual([]);
        // Provenance (line/offset) differs with the layout; compare everything else.
        const strip = (rs: typeof doc.records) => canonical(rs.map((r) => ({ ...r, source: { file: r.source.file } })));
        expect(strip(doc.records)).toBe(strip(expected.records));
      }
    });
  }
});
