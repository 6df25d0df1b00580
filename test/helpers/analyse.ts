// Runs inputs through the whole Analysis in-process, as the CLI's sequential read does: each
// input pushed whole or in `chunk`-byte pieces. For tests that check detection, counts and errors.
import { Analysis } from '../../analyzers/analysis/analysis.js';
import type { Report } from '../../analyzers/report/model.js';

export type AnalysedInput = Report['inputs'][number];

/** Analyses several named inputs together; returns the report. */
export function analyseInputs(inputs: [name: string, content: string | Uint8Array][], chunk?: number): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  for (const [name, content] of inputs) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const s = analysis.openInput(name, { totalBytes: bytes.length });
    const step = chunk ?? (bytes.length || 1);
    for (let i = 0; i < bytes.length; i += step) s.push(bytes.subarray(i, i + step));
    s.end();
  }
  return analysis.finish() as Report;
}

/** One input's report (named `input` unless given). */
export function analyseText(content: string | Uint8Array, chunk?: number, name = 'input'): AnalysedInput {
  return analyseInputs([[name, content]], chunk).inputs[0]!;
}

/** Analyses JSON documents, one input each (name → the value written as JSON). */
export function analyseJson(files: Record<string, unknown>): Report {
  return analyseInputs(Object.entries(files).map(([name, content]) => [name, JSON.stringify(content)]));
}
