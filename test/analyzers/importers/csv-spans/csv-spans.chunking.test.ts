import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { canonical, chunkings, listJson, readData } from '../common/json-test-helpers.js';

// Same records, errors and counters whether the input arrives whole or in 1-, 7- and 4096-byte chunks.
describe('csv-spans chunking', () => {
  for (const file of listJson('incident-nezha/trainticket-2023-01-30/trace')) {
    it(`${file} decodes identically in any chunking`, () => {
      const { whole, variants } = chunkings(csvSpans, readData(file));
      const records = canonical(whole.records);
      const errors = JSON.stringify(whole.errors);
      for (const v of variants) {
        expect({ chunk: v.chunk, same: v.records === records, errors: v.errors }).toEqual({ chunk: v.chunk, same: true, errors });
        expect(v.progress).toEqual(whole.progress);
      }
    });
  }
});
