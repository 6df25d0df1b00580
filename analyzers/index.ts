// The public API of the ObsReady engine (pure TypeScript: Node, Web Worker, Electron renderer).
// Feed bytes of each input to an Analysis and get the report model every output renders from.
//
//   const analysis = new Analysis({ toolVersion });
//   const input = analysis.openInput('traces.json', { totalBytes });
//   for (const chunk of chunks) input.push(chunk);   // progress: input.progress()
//   const report = analysis.finish();                // → serializeReport(report)

export { Analysis, InputSession, MAX_ERRORS_PER_INPUT, type AnalysisOptions, type AnalysisState, type InputProgress } from './analysis/analysis.js';
export type { FinishOptions } from './analysis/extensions.js';
export { FORMATS } from './importers/registry.js';
export { sniffFormat, formatById, makeSniffInput, type SniffResult } from './importers/sniff.js';
export { decodeBytes, type DecodeResult } from './importers/decode.js';
export type { FormatId, FormatSpec, Decoder, ImportError, ImportErrorCode, Progress } from './importers/types.js';
export { parseTimestamp } from './importers/common/time.js';
export { TemplateMiner } from './profile/template-miner.js';
export { allRules } from './scoring/index.js';
export { serializeReport } from './report/json.js';
export { REPORT_SCHEMA_VERSION } from './report/model.js';
export type * from './report/model.js';
export type * from './model/index.js';
export { TOOL_NAME, TOOL_VERSION } from './version.js';
