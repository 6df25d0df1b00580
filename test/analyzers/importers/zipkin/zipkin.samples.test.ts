import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { decode, listJson, readData } from '../common/json-test-helpers.js';

// [spans, spans without timestamp]: jq 'if type=="array" then length else 1 end' F and
// jq '[if type=="array" then .[] else . end | select(.timestamp==null)]|length' F
const EXPECTED: Record<string, [number, number]> = {
  'zipkin-v2-json/zipkin/benchmarks/zipkin2-chinese.json': [1, 0],
  'zipkin-v2-json/zipkin/benchmarks/zipkin2-client.json': [1, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/ascend.json': [8, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/envoy.json': [1, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging-kafka.json': [28, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging.json': [4, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging2.json': [11, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/simple-db-p6.json': [5, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/skew.json': [4, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-mobile-web-install.json': [1041, 84],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-oauth-authorization.json': [175, 0],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/yelp.json': [16, 0],
};

describe('zipkin on the real samples', () => {
  it('covers every file', () => {
    expect(listJson('zipkin-v2-json').sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, [spans, untimed]] of Object.entries(EXPECTED)) {
    it(`reads ${file} exactly`, () => {
      const r = decode(zipkin, readData(file), undefined, file);
      expect(r.errors).toEqual([]);
      expect(r.records.length).toBe(spans);
      expect(r.progress.rejected).toBe(0);
      expect((r.records as Span[]).filter((s) => s.startNs === undefined && s.endNs === undefined).length).toBe(untimed);
    });
  }

  it('maps endpoints, kind, shared, tags and annotations', () => {
    const s = decode(zipkin, readData('zipkin-v2-json/zipkin/zipkin-lens-testdata/envoy.json')).records[0] as Span;
    // envoy.json: traceId 978883983d506fa5, SERVER, timestamp 1570523661059232 µs, duration 127115 µs
    expect(s).toMatchObject({ traceId: '978883983d506fa5', spanId: '978883983d506fa5', spanKind: 'server', name: 'localhost:10000' });
    expect(s.startNs).toBe(1570523661059232000n);
    expect(s.endNs).toBe(1570523661059232000n + 127115000n);
    expect(s.attributes['zipkin.shared']).toBe(true);
    expect(s.attributes['http.status_code']).toBe('200');
    expect(s.resource.attributes['host.ip']).toBe('169.254.65.45');
    const c = decode(zipkin, readData('zipkin-v2-json/zipkin/benchmarks/zipkin2-client.json')).records[0] as Span;
    expect(c.spanKind).toBe('client');
    expect(c.resource.serviceName).toBe('frontend');
    expect(c.attributes['peer.service']).toBe('backend');
    // jq '.annotations|length' zipkin2-client.json
    expect(c.events.map((e) => [e.name, e.timeNs])).toEqual([
      ['foo', 1472470996238000000n],
      ['bar', 1472470996403000000n],
    ]);
  });

  it('marks spans with an error tag as failed, keeping the message', () => {
    const text = JSON.stringify([{ traceId: 'a', id: 'b', tags: { error: 'boom' } }, { traceId: 'a', id: 'c', tags: { error: '' } }]);
    const spans = decode(zipkin, text).records as Span[];
    expect(spans.map((s) => s.status)).toEqual([{ code: 'error', message: 'boom' }, { code: 'error' }]);
    // 1-char ids are left-padded to 16 hex digits
    expect(spans[0]!.traceId).toBe('000000000000000a');
  });
});
