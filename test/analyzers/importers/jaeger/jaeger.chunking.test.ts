import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { canonical, chunkings, listJson, readData } from '../common/json-test-helpers.js';

// Same records, errors and counters whether the input arrives whole or in 1-, 7- and 4096-byte chunks.
describe('jaeger chunking', () => {
  for (const file of listJson('jaeger-json')) {
    it(`${file} decodes identically in any chunking`, () => {
      const { whole, variants } = chunkings(jaeger, readData(file));
      const records = canonical(whole.records);
      const errors = JSON.stringify(whole.errors);
      for (const v of variants) {
        expect({ chunk: v.chunk, same: v.records === records, errors: v.errors }).toEqual({ chunk: v.chunk, same: true, errors });
        expect(v.progress).toEqual(whole.progress);
      }
    });
  }
});
