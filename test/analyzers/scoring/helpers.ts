// Test helpers: decode real sample files with a given importer and run the profile + scoring
// through the same plug-in point the Analysis pipeline uses (createExtraCollectors/finishReport).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignalRecord } from '../../../analyzers/model/index.js';
import type { FormatSpec } from '../../../analyzers/importers/types.js';
import { decodeBytes } from '../../../analyzers/importers/decode.js';
import { SignalsSummaryCollector } from '../../../analyzers/analysis/signals-summary.js';
import { createExtraCollectors, finishReport } from '../../../analyzers/analysis/extensions.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../../../analyzers/report/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATA = path.resolve(here, '../../../../shared/data');

export function dataFile(rel: string): string {
  return path.join(DATA, rel);
}

export function decodeFile(spec: FormatSpec, rel: string): SignalRecord[] {
  const bytes = readFileSync(dataFile(rel));
  return decodeBytes(spec, new Uint8Array(bytes), rel).records;
}

export function decodeText(spec: FormatSpec, text: string, file: string): SignalRecord[] {
  return decodeBytes(spec, new TextEncoder().encode(text), file).records;
}

/** Score records as the pipeline would (one collector set; optionally split in `parts` merged states). */
export function scoreRecords(records: readonly SignalRecord[], parts = 1): Report {
  const summary = new SignalsSummaryCollector();
  const main = createExtraCollectors();
  const shards = Array.from({ length: parts }, () => createExtraCollectors());
  records.forEach((r, i) => {
    summary.add(r);
    shards[i % parts]!.add(r, 0);
  });
  for (const s of shards) main.merge(s.state());
  const base: Report = { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'obsready', version: 'test' }, generatedAt: '2000-01-01T00:00:00.000Z', inputs: [], signals: summary.summary() };
  return finishReport(base, main, {});
}
