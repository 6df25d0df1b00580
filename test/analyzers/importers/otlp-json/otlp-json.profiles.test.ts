import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// OTLP profiles (ExportProfilesServiceRequest, `resourceProfiles` → `scopeProfiles` → `profiles`,
// opentelemetry-proto/opentelemetry/proto/profiles/v1development/profiles.proto) written as
// OTLP/JSON: an OTLP request the tool does not read. It used to sniff as JSON Lines logs and count
// one log record per line; now it is OTLP JSON with one `unsupported` error per request, nothing
// counted or rejected, and spans on other lines of the same file are still read.
const PROFILES = '{"resourceProfiles":[{"resource":{},"scopeProfiles":[{"profiles":[{"profileId":"AAAAAAAAAAAAAAAAAAAAAA=="}]}]}],"dictionary":{}}';
const SPANS = '{"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000001","name":"a"}]}]}]}';

const sniff = (text: string): string | undefined => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

function sameChunked(text: string): ReturnType<typeof decode> {
  const r = decode(otlpJson, text);
  for (const chunk of [1, 7, 4096]) {
    const c = decode(otlpJson, text, chunk);
    expect([canonical(c.records), c.errors, c.progress]).toEqual([canonical(r.records), r.errors, r.progress]);
  }
  return r;
}

describe('OTLP profiles', () => {
  it('sniff as OTLP JSON, one line, pretty-printed or with proto field names', () => {
    expect(sniff(PROFILES + '\n')).toBe('otlp-json');
    expect(sniff(JSON.stringify(JSON.parse(PROFILES), null, 2))).toBe('otlp-json');
    expect(sniff('{"resource_profiles":[]}\n')).toBe('otlp-json');
  });

  it('are reported as unsupported, neither counted nor rejected; spans beside them are read', () => {
    const lines = sameChunked(`${SPANS}\n${PROFILES}\n${SPANS}\n`);
    expect([lines.records.length, lines.progress.rejected]).toEqual([2, 0]);
    expect(lines.errors.map((e) => [e.code, e.line])).toEqual([['unsupported', 2]]);

    const doc = sameChunked(JSON.stringify(JSON.parse(PROFILES), null, 2));
    expect([doc.records.length, doc.progress.rejected, doc.errors.map((e) => e.code)]).toEqual([0, 0, ['unsupported']]);

    const both = sameChunked(JSON.stringify({ ...JSON.parse(SPANS), resourceProfiles: [] }, null, 1));
    expect([both.records.length, both.progress.rejected, both.errors.map((e) => e.code)]).toEqual([1, 0, ['unsupported']]);
  });
});
