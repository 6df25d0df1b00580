// Reading Zipkin v1 must not change what the Zipkin v2 samples give: every record of every file
// in ../shared/data/zipkin-v2-json, byte for byte (sha256 of the canonical records, errors and
// progress), and the span, trace and service counts. The fingerprints were taken with the v2-only
// importer (commit 6ce659f) before v1 support was added. The model's `shared` flag came later (the
// server side of a shared span id); it is left out of the hash and checked on its own: exactly the
// non-CLIENT spans with `"shared": true` (the `zipkin.shared` attribute) carry it. So is the later
// `lenientTraceId` flag (a 64-bit trace id Zipkin reads leniently): exactly the spans with a
// 16-hex trace id carry it. So is the later INTERNAL kind of a local span (`kindFrom`: a span
// without kind that has timestamp, duration and a local endpoint and no remote endpoint), hashed as
// the UNSPECIFIED it was read as then and checked against the file's own spans.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode, listJson, readData } from '../common/json-test-helpers.js';

// file → [spans, traces, services, sha256 of records + errors + progress]
const BEFORE: Record<string, [number, number, number, string]> = {
  'zipkin-v2-json/zipkin/benchmarks/zipkin2-chinese.json': [1, 1, 1, '40dda6a2135b985e671f1d51953fa776fe8f49dd94ecfbd2d29ed8853656cbda'],
  'zipkin-v2-json/zipkin/benchmarks/zipkin2-client.json': [1, 1, 1, '427115acd605252b3def12ede8bdabf7287796b83d533c3fcf70409061b5e0ea'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/ascend.json': [8, 1, 3, 'e74ad5401c2d49c4db32ab43b3d3c722ada501149b13d6e3df0f181bd80db1c3'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/envoy.json': [1, 1, 1, 'aeda4abd03bf037eb0167ad6d682e4efe90e6aeaf0077daf49ef849c1607d564'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging-kafka.json': [28, 1, 2, '86c63ec273ab84c7030ed245f4794e71ba56130e2aa289dcd00d8336f83dbd56'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging.json': [4, 1, 2, 'd052b693866cf31347463e00672452e788fb9e3b5b8ceea7f794ba9ad6547dd4'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging2.json': [11, 1, 4, '906deea5a4533d3693cb235a64a211b6a5be94ec52f082ee39a2896d982e93ae'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/simple-db-p6.json': [5, 1, 1, '0befacb93e189c3f6a7e994da67e92b9f3232f9a7757e05dd6f715efedbe7fd7'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/skew.json': [4, 1, 2, 'fbcc1750b14307911eb17aaad66f980895a550c48967469926ed2832f83a3052'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-mobile-web-install.json': [1041, 1, 16, '69e114006aa83a0b7ca07118ff32116c58221ff1b2167ba7b538d3688f4205f7'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-oauth-authorization.json': [175, 1, 8, 'c66a17d9a0317ad69a024f54f216ae455eba9d276032f33434ee53d8e0c9b7ec'],
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/yelp.json': [16, 1, 6, '7110e4a579b4d8f2e2eb80cdf6d8a043623b784a9c5731b1da1756da969de094'],
};

// file → spans read as INTERNAL local spans (jq '[if type=="array" then .[] else . end | select(.kind==null and .timestamp and .duration and (.localEndpoint|length>0) and (.remoteEndpoint|length==0) and .shared!=true)] | length')
const LOCAL_SPANS: Record<string, number> = {
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/ascend.json': 2,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging-kafka.json': 12,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging.json': 1,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/messaging2.json': 3,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/skew.json': 1,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-mobile-web-install.json': 3,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/smartthings-oauth-authorization.json': 3,
  'zipkin-v2-json/zipkin/zipkin-lens-testdata/yelp.json': 1,
};

function fingerprint(file: string): [number, number, number, string] {
  const r = decode(zipkin, readData(file), undefined, file);
  const spans = r.records as Span[];
  const traces = new Set(spans.map((s) => s.traceId)).size;
  const services = new Set(spans.map((s) => s.resource.serviceName ?? '')).size;
  const withoutShared = spans.map(({ shared: _shared, lenientTraceId: _lenient, kindFrom, ...rest }) => (kindFrom === undefined ? rest : { ...rest, spanKind: 'unspecified' }));
  // Progress as it was then: `unreportedErrors` came later (none here, as no file has 1,000 errors).
  const { unreportedErrors, ...progress } = r.progress;
  expect(unreportedErrors).toBe(0);
  const hash = createHash('sha256').update(canonical(withoutShared as Span[])).update(JSON.stringify(r.errors)).update(JSON.stringify(progress)).digest('hex');
  return [spans.length, traces, services, hash];
}

describe('zipkin v2 samples read exactly as before v1 support', () => {
  it('covers every file', () => {
    expect(listJson('zipkin-v2-json').sort()).toEqual(Object.keys(BEFORE).sort());
  });
  for (const file of Object.keys(BEFORE)) {
    it(file, () => {
      expect(fingerprint(file)).toEqual(BEFORE[file]);
      const spans = decode(zipkin, readData(file)).records as Span[];
      expect(spans.filter((s) => s.shared === true)).toEqual(spans.filter((s) => s.attributes['zipkin.shared'] === true && s.spanKind !== 'client'));
      expect(spans.filter((s) => s.lenientTraceId === true)).toEqual(spans.filter((s) => s.traceId.length === 16));
      // the local spans, by the file's own fields (a JSON array of v2 spans, or one span)
      type Raw = { kind?: string; timestamp?: number; duration?: number; shared?: boolean; localEndpoint?: object; remoteEndpoint?: object };
      const doc = JSON.parse(new TextDecoder().decode(readData(file))) as Raw[] | Raw;
      const raw = Array.isArray(doc) ? doc : [doc];
      const named = (ep?: object) => ep !== undefined && Object.keys(ep).length > 0;
      const local = raw.map((x) => x.kind === undefined && !!x.timestamp && !!x.duration && x.shared !== true && named(x.localEndpoint) && !named(x.remoteEndpoint));
      expect(spans.map((s) => s.kindFrom === 'zipkin-local')).toEqual(local);
      expect(spans.filter((s) => s.kindFrom !== undefined).every((s) => s.spanKind === 'internal')).toBe(true);
      expect([file, local.filter(Boolean).length]).toEqual([file, LOCAL_SPANS[file] ?? 0]);
    });
  }
});
