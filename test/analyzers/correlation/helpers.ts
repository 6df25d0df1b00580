// Test helpers: run the real pipeline (importers through Analysis, as the CLI does), optionally
// rewriting or dropping records on their way to the collectors to break joins on purpose.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analysis, type AnalysisOptions } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, expandPaths } from '../../../analyzers/node/read-inputs.js';
import type { SignalRecord } from '../../../analyzers/model/index.js';
import type { Report } from '../../../analyzers/report/model.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA = path.resolve(REPO, '../shared/data');
export const NEZHA = path.join(DATA, 'incident-nezha/trainticket-2023-01-30');

class RewritingAnalysis extends Analysis {
  constructor(
    options: AnalysisOptions,
    private readonly transform: ((r: SignalRecord) => SignalRecord | undefined) | undefined,
  ) {
    super(options);
  }
  override collect(record: SignalRecord, inputIndex: number): void {
    const r = this.transform ? this.transform(record) : record;
    if (r) super.collect(r, inputIndex);
  }
}

export async function analyzePaths(paths: string[], transform?: (r: SignalRecord) => SignalRecord | undefined, options: Partial<AnalysisOptions> = {}): Promise<Report> {
  const a = new RewritingAnalysis({ toolVersion: 'test', ...options }, transform);
  const { files } = await expandPaths(paths, REPO);
  for (const f of files) await analyzeFile(a, f);
  return a.finish('2020-01-01T00:00:00Z');
}
