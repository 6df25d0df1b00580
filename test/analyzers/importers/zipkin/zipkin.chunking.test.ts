import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import { expectSameInAnyChunking, listJson, readData } from '../common/json-test-helpers.js';

// Same records, errors and counters whether the input arrives whole or in 1-, 7- and 4096-byte chunks.
describe('zipkin chunking', () => {
  for (const file of listJson('zipkin-v2-json')) {
    it(`${file} decodes identically in any chunking`, () => {
      expectSameInAnyChunking(zipkin, readData(file));
    });
  }
});

// Zipkin v1: an /api/v1/traces answer (array of traces) with a client+server span split in two, a
// local span, a span without timestamp and a broken span, then one more span on its own line.
describe('zipkin v1 chunking', () => {
  const fe = { serviceName: 'frontend', ipv4: '10.0.0.1' };
  const be = { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 };
  const shared = {
    traceId: '463ac35c9f6413ad48485a3953bb6124',
    id: 'a1',
    name: 'get',
    timestamp: 100,
    duration: 50,
    annotations: [{ timestamp: 100, value: 'cs', endpoint: fe }, { timestamp: 110, value: 'sr', endpoint: be }, { timestamp: 140, value: 'ss', endpoint: be }, { timestamp: 150, value: 'cr', endpoint: fe }, { timestamp: 120, value: 'ünïcödé ✓', endpoint: be }],
    binaryAnnotations: [{ key: 'http.path', value: '/x', endpoint: be }, { key: 'sa', value: true, endpoint: be }, { key: 'retries', value: 2, type: 'I32', endpoint: fe }],
  };
  const local = { traceId: '463ac35c9f6413ad48485a3953bb6124', parentId: 'a1', id: 'a2', name: 'work', timestamp: 115, duration: 5, binaryAnnotations: [{ key: 'lc', value: '', endpoint: be }] };
  const untimed = { traceId: 'b', id: 'b1', annotations: [{ timestamp: 7, value: 'sr', endpoint: be }, { timestamp: 9, value: 'ss', endpoint: be }] };
  const broken = { traceId: 'b', id: 'b2', binaryAnnotations: { key: 'not an array' } };
  const text = JSON.stringify([[shared, local], [untimed, broken]], null, 1) + '\n' + JSON.stringify(shared) + '\n';

  it('decodes identically in any chunking', () => {
    const whole = expectSameInAnyChunking(zipkin, new TextEncoder().encode(text));
    // shared → 2 spans (twice), local → 1, untimed → 1; broken rejected.
    expect([whole.records.length, whole.progress.rejected, whole.errors.map((e) => e.code)]).toEqual([6, 1, ['wrong-type']]);
  });
});
