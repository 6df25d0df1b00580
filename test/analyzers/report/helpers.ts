// Shared by the report tests: the full fixture report, a partial (inputs + signals only)
// report, and a report of real data produced by the real analysis pipeline.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256, expandPaths } from '../../../analyzers/node/read-inputs.js';
import type { Report } from '../../../analyzers/report/model.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA = resolve(REPO, '../shared/data');
export const OTEL_TUI = resolve(DATA, 'otlp-json/otel-tui/test_data.json');

/** test/fixtures/report/full-report.json (written by make-full-report.mjs next to it). */
export function loadFullReport(): Report {
  return JSON.parse(readFileSync(resolve(REPO, 'test/fixtures/report/full-report.json'), 'utf8')) as Report;
}

/** Only what the analysis itself fills in (issue-2 fields): no scores, no findings. */
export function partialReport(): Report {
  const full = loadFullReport();
  return { schemaVersion: full.schemaVersion, tool: full.tool, generatedAt: full.generatedAt, inputs: full.inputs, signals: full.signals };
}

/** Runs the real pipeline (sniff, import, score…) on real files, as `obsready analyze` does. */
export async function analyzeReal(paths: string[]): Promise<Report> {
  const { files } = await expandPaths(paths, REPO);
  const analysis = new Analysis({ toolVersion: '0.0.0-test', createHasher: createNodeSha256 });
  for (const f of files) await analyzeFile(analysis, f);
  return analysis.finish() as Report;
}
