// The official OpenMetrics parser suite, format forced to openmetrics: every case with
// shouldParse=false must give at least one error, every shouldParse=true case none.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { openMetricsText } from '../../../../analyzers/importers/prometheus/index.js';
import { data, sniffedId } from './metrics-test-helpers.js';

const SUITE = data('openmetrics/OpenMetrics-parser-tests');
const cases = readdirSync(SUITE)
  .sort()
  .map((name) => {
    const spec = JSON.parse(readFileSync(join(SUITE, name, 'test.json'), 'utf8')) as { file: string; shouldParse: boolean };
    return { name, shouldParse: spec.shouldParse, bytes: new Uint8Array(readFileSync(join(SUITE, name, spec.file))) };
  });

describe('OpenMetrics parser conformance suite', () => {
  it('has all 211 cases (ls | wc -l)', () => {
    expect(cases).toHaveLength(211);
  });

  it.each(cases.filter((c) => !c.shouldParse).map((c) => [c.name, c] as const))('%s is rejected', (_name, c) => {
    const r = decodeBytes(openMetricsText, c.bytes, c.name);
    expect(r.errors.length).toBeGreaterThanOrEqual(1);
    for (const e of r.errors) expect(e.file).toBe(c.name);
  });

  it.each(cases.filter((c) => c.shouldParse).map((c) => [c.name, c] as const))('%s parses cleanly', (_name, c) => {
    const r = decodeBytes(openMetricsText, c.bytes, c.name);
    expect(r.errors).toEqual([]);
  });

  it('gives each valid case one point per sample line (lines not starting with #)', () => {
    for (const c of cases.filter((x) => x.shouldParse)) {
      const text = new TextDecoder().decode(c.bytes);
      const sampleLines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
      const r = decodeBytes(openMetricsText, c.bytes, c.name);
      expect([c.name, r.records.length]).toEqual([c.name, sampleLines]);
    }
  });

  it('detects every valid case as OpenMetrics by content (each ends with # EOF)', () => {
    const valid = cases.filter((c) => c.shouldParse);
    expect(valid.filter((c) => sniffedId(c.bytes) !== 'openmetrics').map((c) => c.name)).toEqual([]);
    expect(valid).toHaveLength(44);
  });
});
